//! The report as CommonMark with GFM tables: readable as plain text and on any forge. All user
//! text goes through [`escape_inline`], so no provision text can break a table or a heading.

use std::fmt::Write;

use super::escape_inline as esc;
use super::model::{ArticleBlock, ElementRow, Report};
use super::percent;
use super::rich::{Block, RichText, Span};
use crate::assess::{Index, Rating};

/// A text bar of `width` cells for a value from 0 to 100.
pub(crate) fn bar(value: Option<f64>, width: usize) -> String {
    let filled = value
        .map_or(0, |v| ((v / 100.0) * width as f64).round() as usize)
        .min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn spans(out: &mut String, spans: &[Span]) {
    for s in spans {
        let mut text = if s.code {
            let fence = if s.text.contains('`') { "``" } else { "`" };
            let pad = if s.text.starts_with('`') || s.text.ends_with('`') {
                " "
            } else {
                ""
            };
            format!(
                "{fence}{pad}{}{pad}{fence}",
                s.text.replace(['\n', '\r'], " ")
            )
        } else {
            esc(&s.text)
        };
        if s.emphasis && !text.trim().is_empty() {
            text = format!("*{text}*");
        }
        if s.strong && !text.trim().is_empty() {
            text = format!("**{text}**");
        }
        if let Some(url) = &s.link {
            let url: String = url
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '<' && *c != '>')
                .collect();
            text = format!("[{text}](<{url}>)");
        }
        out.push_str(&text);
    }
}

fn rich(out: &mut String, text: &RichText) {
    for block in &text.blocks {
        match block {
            Block::Paragraph(s) => {
                spans(out, s);
                out.push_str("\n\n");
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                for (i, item) in items.iter().enumerate() {
                    if *ordered {
                        let _ = write!(out, "{}. ", *start + i as u64);
                    } else {
                        out.push_str("- ");
                    }
                    spans(out, item);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
}

/// The cells of an index row: [chart |] index | without reservations | assessed | counts.
pub(crate) fn index_cells(i: &Index, chart: bool) -> String {
    let c = &i.counts;
    let chart = if chart {
        format!("{} | ", bar(i.score, 10))
    } else {
        String::new()
    };
    format!(
        "{chart}{} | {} | {} of {} | {} | {} | {} | {} | {} | {}",
        percent(i.score),
        percent(i.score_without_reservations),
        i.assessed,
        i.scorable,
        c.c,
        c.lc,
        c.pc,
        c.nc,
        c.na,
        c.not_assessed
    )
}

fn rating_words(r: Rating) -> String {
    match r {
        Rating::NotAssessed => "Not assessed".into(),
        r => format!("{} ({})", r.label(), r.abbreviation()),
    }
}

/// A table of elements (or options): paragraph, requirement, status, note.
fn element_table(out: &mut String, rows: &[ElementRow], [what, status]: [&str; 2]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "| Paragraph | {what} | {status} | Note |");
    let _ = writeln!(out, "|---|---|---|---|");
    for e in rows {
        let para = if e.paragraph.is_empty() {
            "—".to_string()
        } else {
            esc(&e.paragraph)
        };
        let _ = writeln!(
            out,
            "| {para} | {} | {} | {} |",
            esc(&e.requirement),
            esc(&e.status),
            esc(&e.note)
        );
    }
    out.push('\n');
}

fn article(out: &mut String, a: &ArticleBlock) {
    let _ = writeln!(out, "### {}\n", esc(&a.heading));
    let tally = if a.tally.is_empty() {
        String::new()
    } else {
        format!(" · {}", esc(&a.tally))
    };
    let _ = writeln!(out, "**Rating: {}**{tally}\n", rating_words(a.rating));
    let _ = writeln!(out, "| Convention requirement | Domestic provisions |");
    let _ = writeln!(out, "|---|---|");
    let rows = a.provisions.len().max(1);
    for i in 0..rows {
        let left = if i == 0 {
            esc(&a.requirement)
        } else {
            String::new()
        };
        let right = a.provisions.get(i).map_or_else(
            || "*No provision cited.*".to_string(),
            |p| {
                let mut cell = format!("**{}**", esc(&p.citation));
                if !p.heading.is_empty() {
                    let _ = write!(cell, " — {}", esc(&p.heading));
                }
                match p.shown_under {
                    Some(n) => {
                        let _ = write!(cell, " (see Article {n})");
                    }
                    None => {
                        let _ = write!(cell, ": {}", esc(&p.summary));
                        if p.annex.is_some() {
                            let _ = write!(cell, " (text in the annex)");
                        }
                    }
                }
                cell
            },
        );
        let _ = writeln!(out, "| {left} | {right} |");
    }
    out.push('\n');
    if a.elements_met > 0 {
        let all = if a.elements.is_empty() {
            "All"
        } else {
            "The other"
        };
        let _ = writeln!(out, "{all} {} core element(s) are met.\n", a.elements_met);
    }
    element_table(out, &a.elements, ["Element", "Status"]);
    if !a.options.is_empty() {
        let _ = writeln!(
            out,
            "**Options the Convention permits but does not require**\n"
        );
        element_table(out, &a.options, ["Option", "In domestic law"]);
    }
    if !a.practice.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&a.practice));
    }
    if !a.reasons.is_empty() {
        let _ = writeln!(out, "**Reasons**\n");
        for r in &a.reasons {
            let _ = writeln!(out, "- {}", esc(r));
        }
        out.push('\n');
    }
    if !a.gaps.is_empty() {
        let _ = writeln!(out, "**Gaps**\n");
        for g in &a.gaps {
            let _ = write!(out, "- *{}*: {}", g.severity.as_str(), esc(&g.message));
            if !g.recommendation.is_empty() {
                let _ = write!(out, " (see {})", esc(&g.recommendation));
            }
            out.push('\n');
        }
        out.push('\n');
        for r in &a.recommendations {
            let _ = writeln!(
                out,
                "**{}** ({} priority): {}\n",
                r.id,
                r.priority,
                esc(&r.text)
            );
        }
    }
    if !a.note.blocks.is_empty() {
        let _ = writeln!(out, "**Assessor's note**\n");
        rich(out, &a.note);
    }
}

/// A line of quoted text as a paragraph of its own: escaped, and a leading `1.`, `-` or `+`
/// kept as text rather than starting a list.
fn text_paragraph(line: &str) -> String {
    let escaped = esc(line.trim());
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let rest = &escaped[digits..];
    if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
        format!("{}\\{}", &escaped[..digits], rest)
    } else if escaped.starts_with(['-', '+']) {
        format!("\\{escaped}")
    } else {
        escaped
    }
}

impl Report {
    /// The annex of provision texts, when the profile quotes any.
    fn provision_texts_annex(&self, out: &mut String) {
        if self.provision_texts.is_empty() {
            return;
        }
        let _ = writeln!(out, "## Annex: texts of the provisions cited\n");
        let _ = writeln!(
            out,
            "The provisions whose text the profile quotes, in the language of the law.\n"
        );
        for t in &self.provision_texts {
            let _ = writeln!(out, "### {}\n", esc(&t.title));
            if !t.heading.is_empty() {
                let _ = writeln!(out, "*{}*\n", esc(&t.heading));
            }
            let cited: Vec<String> = t.cited_under.iter().map(u16::to_string).collect();
            let _ = writeln!(
                out,
                "Cited under Article{} {}.\n",
                if cited.len() == 1 { "" } else { "s" },
                crate::assess::join_and(&cited)
            );
            for line in t.text.lines().filter(|l| !l.trim().is_empty()) {
                let _ = writeln!(out, "{}\n", text_paragraph(line));
            }
        }
    }

    /// Renders the report as CommonMark with GFM tables.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", esc(&self.title));
        let _ = writeln!(out, "| | |");
        let _ = writeln!(out, "|---|---|");
        for (k, v) in [
            ("Jurisdiction", &self.jurisdiction),
            ("Instrument", &self.instrument),
            ("Document", &self.kind),
            ("As of", &self.as_of),
            ("Prepared by", &self.prepared_by),
        ] {
            let _ = writeln!(out, "| {k} | {} |", esc(v));
        }
        let e = &self.executive;
        let _ = writeln!(out, "\n## Executive summary\n");
        let _ = writeln!(out, "{}\n", esc(&e.status));
        let _ = writeln!(out, "**Index:** {}\n", esc(&e.headline));
        let _ = writeln!(out, "**Key findings**\n");
        for f in &e.findings {
            let _ = writeln!(out, "- {}", esc(f));
        }
        out.push('\n');
        if !e.top_recommendations.is_empty() {
            let _ = writeln!(out, "**Top recommendations**\n");
            for r in &e.top_recommendations {
                let _ = writeln!(
                    out,
                    "- **{}** (Article {}): {}",
                    r.id,
                    r.article,
                    esc(&r.text)
                );
            }
            out.push('\n');
        }
        if !e.next_steps.is_empty() {
            let _ = writeln!(out, "**Next steps**\n");
            for (i, n) in e.next_steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, esc(n));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## Treaty status\n");
        let _ = writeln!(out, "| Step | Date |");
        let _ = writeln!(out, "|---|---|");
        let _ = writeln!(out, "| Status | {} |", esc(&self.bound_status));
        for (k, v) in &self.treaty_status {
            let _ = writeln!(out, "| {} | {} |", esc(k), esc(v));
        }
        out.push('\n');
        if self.choices.is_empty() {
            let _ = writeln!(out, "No reservation or declaration is recorded.\n");
        } else {
            let _ = writeln!(out, "| Kind | Provision | Status | Basis | Effect | Text |");
            let _ = writeln!(out, "|---|---|---|---|---|---|");
            for c in &self.choices {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    esc(&c.kind),
                    esc(&c.provision),
                    esc(&c.status),
                    esc(&c.basis),
                    esc(&c.effect),
                    esc(&c.text)
                );
            }
            out.push('\n');
        }
        let s = &self.summary;
        let _ = writeln!(out, "## Summary\n");
        let _ = writeln!(
            out,
            "Index: **{}**. {} of {} articles rated ({} provisional). Gaps: {} major, {} minor; {} recommendation(s); {} item(s) to assess.\n",
            esc(&s.headline),
            s.overall.assessed,
            s.overall.scorable,
            s.overall.provisional,
            s.gaps[0],
            s.gaps[1],
            self.recommendations.len(),
            s.gaps[2]
        );
        let _ = writeln!(
            out,
            "| Division | Index chart | Index | Without reservations | Assessed | C | LC | PC | NC | NA | Not assessed |"
        );
        let _ = writeln!(
            out,
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let _ = writeln!(
            out,
            "| **All scored articles** | {} |",
            index_cells(&s.overall, true)
        );
        for (name, i) in &s.divisions {
            let _ = writeln!(out, "| {} | {} |", esc(name), index_cells(i, true));
        }
        out.push('\n');
        let _ = writeln!(out, "## Overview of ratings\n");
        let _ = writeln!(
            out,
            "Codes: **C** compliant, **LC** largely compliant, **PC** partially compliant, **NC** non-compliant, **NA** not applicable, **—** not assessed. **\\*** provisional: rated over the assessed elements only (column Assessed).\n"
        );
        let _ = writeln!(out, "| Article | Rating | Elements | Assessed |");
        let _ = writeln!(out, "|---|---|---|---|");
        for a in self.divisions.iter().flat_map(|d| &d.articles) {
            let rated = a.rating.rank().is_some();
            let provisional = a.provisional && rated;
            let _ = writeln!(
                out,
                "| {} | **{}{}** | {} | {} |",
                esc(&a.heading),
                a.rating.abbreviation(),
                if provisional { "\\*" } else { "" },
                if rated {
                    a.elements_tally.to_string()
                } else {
                    String::new()
                },
                if provisional {
                    format!("{} of {}", a.coverage.assessed, a.coverage.applicable)
                } else if rated {
                    "all".to_string()
                } else {
                    String::new()
                }
            );
        }
        out.push('\n');
        for d in &self.divisions {
            let _ = writeln!(out, "## {}\n", esc(&d.heading));
            for a in &d.articles {
                article(&mut out, a);
            }
        }
        if let Some(c) = &self.changes {
            let _ = writeln!(out, "## Changes since the previous version\n");
            let _ = writeln!(
                out,
                "Compared with {}. Index: {}. {} article(s) unchanged.\n",
                esc(&c.previous),
                esc(&c.index),
                c.unchanged
            );
            for (label, items) in [
                ("Improved", &c.improved),
                ("Regressed", &c.regressed),
                ("Newly or no longer assessed", &c.other),
                ("Gaps closed", &c.closed),
                ("Gaps opened", &c.opened),
                ("Gaps changed in severity", &c.severity_changed),
            ] {
                let _ = writeln!(out, "**{label}** ({})\n", items.len());
                for i in items {
                    let _ = writeln!(out, "- {}", esc(i));
                }
                if !items.is_empty() {
                    out.push('\n');
                }
            }
        }
        let _ = writeln!(out, "## Recommendations\n");
        if self.recommendations.is_empty() {
            let _ = writeln!(out, "No recommendation.\n");
        }
        for priority in ["high", "medium"] {
            let group: Vec<_> = self
                .recommendations
                .iter()
                .filter(|r| r.priority == priority)
                .collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**Priority: {priority}**\n");
            for r in group {
                let _ = writeln!(
                    out,
                    "- **{}** (Article {}): {}",
                    r.id,
                    r.article,
                    esc(&r.text)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## Gaps\n");
        if self.gaps.is_empty() {
            let _ = writeln!(out, "No gap.\n");
        } else {
            let _ = writeln!(out, "| # | Severity | Article | Gap | Recommendation |");
            let _ = writeln!(out, "|---:|---|---:|---|---|");
            for (i, g) in self.gaps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    i + 1,
                    g.severity.as_str(),
                    g.article,
                    esc(&g.message),
                    esc(&g.recommendation)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## Annex: to assess\n");
        if self.to_assess.is_empty() {
            let _ = writeln!(out, "Nothing: every applicable element is assessed.\n");
        } else {
            let _ = writeln!(
                out,
                "What the assessor has not yet looked at. These are not recommendations to the State.\n"
            );
            for t in &self.to_assess {
                let _ = writeln!(out, "- {}", esc(t));
            }
            out.push('\n');
        }
        self.provision_texts_annex(&mut out);
        let _ = writeln!(out, "## Methodology and legend\n");
        for m in &self.methodology {
            let _ = writeln!(out, "{}\n", esc(m));
        }
        let _ = writeln!(out, "## Sources\n");
        if !self.laws.is_empty() {
            let _ = writeln!(out, "| Law | Citation | Status | Official text |");
            let _ = writeln!(out, "|---|---|---|---|");
            for l in &self.laws {
                let url = if l.url.is_empty() {
                    "—".to_string()
                } else {
                    format!("<{}>", l.url.replace(['<', '>', ' '], ""))
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {url} |",
                    esc(&l.title),
                    esc(&l.citation),
                    esc(&l.status)
                );
            }
            out.push('\n');
        }
        rich(&mut out, &self.sources);
        if !self.profile_note.blocks.is_empty() {
            let _ = writeln!(out, "## About this profile\n");
            rich(&mut out, &self.profile_note);
        }
        let _ = writeln!(out, "## Disclaimer\n\n{}", esc(&self.disclaimer));
        out
    }
}
