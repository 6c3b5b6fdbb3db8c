//! The report as CommonMark with GFM tables: readable as plain text and on any forge. All user
//! text goes through [`escape_inline`], so no provision text can break a table or a heading.

use std::fmt::Write;

use super::escape_inline as esc;
use super::model::{ArticleBlock, ElementRow, Report};
use super::rich::{Block, RichText, Span};
use super::words::{self, Words, words};
use crate::Lang;
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
    index_cells_in(Lang::En, i, chart)
}

/// [`index_cells`] in a language.
fn index_cells_in(lang: Lang, i: &Index, chart: bool) -> String {
    let percent = |x| words::percent(lang, x);
    let of = if lang == Lang::Fr { "sur" } else { "of" };
    let c = &i.counts;
    let chart = if chart {
        format!("{} | ", bar(i.score, 10))
    } else {
        String::new()
    };
    format!(
        "{chart}{} | {} | {} {of} {} | {} | {} | {} | {} | {} | {}",
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

fn rating_words(lang: Lang, r: Rating) -> String {
    match r {
        Rating::NotAssessed => words(lang).not_assessed.into(),
        r => format!("{} ({})", words::rating_label(lang, r), r.abbreviation()),
    }
}

/// A table of elements (or options): paragraph, requirement, status, note.
fn element_table(out: &mut String, w: &Words, rows: &[ElementRow], [what, status]: [&str; 2]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "| {} | {what} | {status} | {} |", w.paragraph, w.note);
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

fn elements_met(lang: Lang, a: &ArticleBlock) -> String {
    words::elements_met(lang, a.elements_met, a.elements.is_empty())
}

fn article(out: &mut String, lang: Lang, a: &ArticleBlock) {
    let w = words(lang);
    let fr = lang == Lang::Fr;
    // An explicit anchor, which GitHub and pandoc both keep, for the overview's links.
    let _ = writeln!(
        out,
        "<a id=\"art-{}\"></a>\n\n### {}\n",
        a.number,
        esc(&a.heading)
    );
    let tally = if a.tally.is_empty() {
        String::new()
    } else {
        format!(" · {}", esc(&a.tally))
    };
    let _ = writeln!(
        out,
        "**{}{} {}**{tally}\n",
        w.rating,
        if fr { " :" } else { ":" },
        rating_words(lang, a.rating)
    );
    let _ = writeln!(
        out,
        "| {} | {} |",
        esc(&a.requirement_label),
        w.domestic_provisions
    );
    let _ = writeln!(out, "|---|---|");
    let rows = a.provisions.len().max(1);
    for i in 0..rows {
        let left = if i == 0 {
            esc(&a.requirement)
        } else {
            String::new()
        };
        let right = a.provisions.get(i).map_or_else(
            || format!("*{}*", w.no_provision),
            |p| {
                let mut cell = format!("**{}**", esc(&p.citation));
                if !p.heading.is_empty() {
                    let _ = write!(cell, " — {}", esc(&p.heading));
                }
                match p.shown_under {
                    Some(n) if fr => {
                        let _ = write!(cell, " (voir l’article {n})");
                    }
                    Some(n) => {
                        let _ = write!(cell, " (see Article {n})");
                    }
                    None => {
                        let _ = write!(cell, "{} {}", if fr { " :" } else { ":" }, esc(&p.summary));
                        if p.annex.is_some() {
                            let _ = write!(
                                cell,
                                " ({})",
                                if fr {
                                    "texte en annexe"
                                } else {
                                    "text in the annex"
                                }
                            );
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
        let _ = writeln!(out, "{}\n", elements_met(lang, a));
    }
    element_table(out, w, &a.elements, [w.element, w.status]);
    if !a.options.is_empty() {
        let _ = writeln!(out, "**{}**\n", w.options_heading);
        element_table(out, w, &a.options, [w.option, w.in_domestic_law]);
    }
    if !a.practice.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&a.practice));
    }
    if !a.reasons.is_empty() {
        let _ = writeln!(out, "**{}**\n", w.reasons);
        for r in &a.reasons {
            let _ = writeln!(out, "- {}", esc(r));
        }
        out.push('\n');
    }
    if !a.gaps.is_empty() {
        let _ = writeln!(out, "**{}**\n", w.gaps);
        for g in &a.gaps {
            let _ = write!(
                out,
                "- *{}*{} {}",
                words::severity(lang, g.severity),
                if fr { " :" } else { ":" },
                esc(&g.message)
            );
            if !g.recommendation.is_empty() {
                let see = if fr { "voir" } else { "see" };
                let _ = write!(out, " ({see} {})", esc(&g.recommendation));
            }
            out.push('\n');
        }
        out.push('\n');
        for r in &a.recommendations {
            match lang {
                Lang::En => {
                    let _ = writeln!(
                        out,
                        "**{}** ({} priority): {}\n",
                        r.id,
                        r.priority,
                        esc(&r.text)
                    );
                }
                Lang::Fr => {
                    let _ = writeln!(
                        out,
                        "**{}** (priorité {}) : {}\n",
                        r.id,
                        words::priority(lang, &r.priority),
                        esc(&r.text)
                    );
                }
            }
        }
    }
    if !a.note.blocks.is_empty() {
        let _ = writeln!(out, "**{}**\n", w.assessors_note);
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
        let w = words(self.lang);
        let _ = writeln!(out, "## {}\n", w.annex_texts);
        let _ = writeln!(out, "{}\n", w.texts_intro);
        for t in &self.provision_texts {
            let _ = writeln!(out, "### {}\n", esc(&t.title));
            if !t.heading.is_empty() {
                let _ = writeln!(out, "*{}*\n", esc(&t.heading));
            }
            let cited: Vec<String> = t.cited_under.iter().map(u16::to_string).collect();
            let plural = cited.len() != 1;
            let _ = match self.lang {
                Lang::En => writeln!(
                    out,
                    "Cited under Article{} {}.\n",
                    if plural { "s" } else { "" },
                    crate::assess::join_and(&cited)
                ),
                Lang::Fr => writeln!(
                    out,
                    "Citée sous l{} {}.\n",
                    if plural { "es articles" } else { "’article" },
                    super::fr::join_et(&cited)
                ),
            };
            for line in t.text.lines().filter(|l| !l.trim().is_empty()) {
                let _ = writeln!(out, "{}\n", text_paragraph(line));
            }
        }
    }

    /// This report as a part of another's Markdown: a `## Part – <instrument>` heading, then
    /// its treaty status, summary, overview, articles, recommendations and gaps, each heading
    /// one level down (the annexes, methodology and sources are the main report's).
    fn as_part_markdown(&self, index: usize) -> String {
        let w = words(self.lang);
        // The part's article anchors must not collide with the main report's.
        let full = self
            .to_markdown()
            .replace("<a id=\"art-", &format!("<a id=\"part-{index}-art-"))
            .replace("](#art-", &format!("](#part-{index}-art-"));
        let from = format!("\n## {}\n", w.treaty_status);
        let to = format!("\n## {}\n", w.annex_to_assess);
        let body = full.split_once(&from).map_or("", |(_, rest)| rest);
        let body = body.split_once(&to).map_or(body, |(b, _)| b);
        let mut out = format!(
            "## {} – {}\n\n### {}\n",
            w.part,
            esc(&self.instrument),
            w.treaty_status
        );
        for line in body.lines() {
            if line.starts_with("#") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// Renders the report as CommonMark with GFM tables.
    pub fn to_markdown(&self) -> String {
        let lang = self.lang;
        let w = words(lang);
        let fr = lang == Lang::Fr;
        // French puts a space before a colon.
        let colon = if fr { " :" } else { ":" };
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", esc(&self.title));
        let _ = writeln!(out, "| | |");
        let _ = writeln!(out, "|---|---|");
        for (k, v) in [
            (w.jurisdiction, &self.jurisdiction),
            (w.instrument, &self.instrument),
            (w.document, &self.kind),
            (w.as_of, &self.as_of),
            (w.prepared_by, &self.prepared_by),
        ] {
            let _ = writeln!(out, "| {k} | {} |", esc(v));
        }
        let e = &self.executive;
        let _ = writeln!(out, "\n## {}\n", w.executive_summary);
        let _ = writeln!(out, "{}\n", esc(&e.status));
        let _ = writeln!(out, "**{}{colon}** {}\n", w.index, esc(&e.headline));
        let _ = writeln!(out, "**{}**\n", w.key_findings);
        for f in &e.findings {
            let _ = writeln!(out, "- {}", esc(f));
        }
        out.push('\n');
        if !self.parts.is_empty() {
            let _ = writeln!(out, "**{}**\n", w.other_instruments);
            for p in &self.parts {
                let _ = writeln!(
                    out,
                    "- {}{colon} {}; {}{colon} {}.",
                    esc(&p.instrument_short()),
                    esc(&p.bound_status),
                    w.index,
                    esc(&p.executive.headline)
                );
            }
            out.push('\n');
        }
        if !e.top_recommendations.is_empty() {
            let _ = writeln!(out, "**{}**\n", w.top_recommendations);
            for r in &e.top_recommendations {
                let _ = writeln!(
                    out,
                    "- **{}** ({} {}){colon} {}",
                    r.id,
                    if fr { "article" } else { "Article" },
                    r.article,
                    esc(&r.text)
                );
            }
            out.push('\n');
        }
        if !e.next_steps.is_empty() {
            let _ = writeln!(out, "**{}**\n", w.next_steps);
            for (i, n) in e.next_steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, esc(n));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## {}\n", w.treaty_status);
        let _ = writeln!(out, "| {} | {} |", w.step, w.date);
        let _ = writeln!(out, "|---|---|");
        let _ = writeln!(out, "| {} | {} |", w.status_row, esc(&self.bound_status));
        for (k, v) in &self.treaty_status {
            let _ = writeln!(out, "| {} | {} |", esc(k), esc(v));
        }
        out.push('\n');
        if self.choices.is_empty() {
            let _ = writeln!(out, "{}\n", w.no_choice);
        } else {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                w.kind, w.provision, w.status, w.basis, w.effect, w.text
            );
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
        let _ = writeln!(out, "## {}\n", w.summary);
        let _ = match lang {
            Lang::En => writeln!(
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
            ),
            Lang::Fr => writeln!(
                out,
                "Indice : **{}**. {} article(s) noté(s) sur {} (dont {} provisoire(s)). Lacunes : {} majeure(s), {} mineure(s) ; {} recommandation(s) ; {} point(s) à évaluer.\n",
                esc(&s.headline),
                s.overall.assessed,
                s.overall.scorable,
                s.overall.provisional,
                s.gaps[0],
                s.gaps[1],
                self.recommendations.len(),
                s.gaps[2]
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | C | LC | PC | NC | NA | {} |",
            w.division,
            w.index_chart,
            w.index,
            w.without_reservations,
            w.assessed,
            w.not_assessed_col
        );
        let _ = writeln!(
            out,
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let _ = writeln!(
            out,
            "| **{}** | {} |",
            w.all_scored,
            index_cells_in(lang, &s.overall, true)
        );
        for (name, i) in &s.divisions {
            let _ = writeln!(out, "| {} | {} |", esc(name), index_cells_in(lang, i, true));
        }
        out.push('\n');
        let _ = writeln!(out, "## {}\n", w.overview);
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "Codes: **C** compliant, **LC** largely compliant, **PC** partially compliant, **NC** non-compliant, **NA** not applicable, **—** not assessed. **\\*** provisional: rated over the assessed elements only (column Assessed).\n"
            ),
            Lang::Fr => writeln!(
                out,
                "Codes : **C** conforme, **LC** largement conforme, **PC** partiellement conforme, **NC** non conforme, **NA** sans objet, **—** non évalué. **\\*** provisoire : notation fondée sur les seuls éléments évalués (colonne Évalués). {}\n",
                w.unverified_legend
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            w.article, w.rating, w.elements, w.assessed
        );
        let _ = writeln!(out, "|---|---|---|---|");
        for a in self.divisions.iter().flat_map(|d| &d.articles) {
            let rated = a.rating.rank().is_some();
            let provisional = a.provisional && rated;
            let _ = writeln!(
                out,
                "| [{}](#art-{}) | **{}{}** | {} | {} |",
                esc(&a.heading),
                a.number,
                a.rating.abbreviation(),
                if provisional { "\\*" } else { "" },
                if rated {
                    words::tally(lang, &a.elements_tally)
                } else {
                    String::new()
                },
                if provisional {
                    format!(
                        "{} {} {}",
                        a.coverage.assessed,
                        if fr { "sur" } else { "of" },
                        a.coverage.applicable
                    )
                } else if rated {
                    w.all.to_string()
                } else {
                    String::new()
                }
            );
        }
        out.push('\n');
        for d in &self.divisions {
            let _ = writeln!(out, "## {}\n", esc(&d.heading));
            for a in &d.articles {
                article(&mut out, lang, a);
            }
        }
        if let Some(c) = &self.changes {
            let _ = writeln!(out, "## {}\n", w.changes);
            let _ = match lang {
                Lang::En => writeln!(
                    out,
                    "Compared with {}. Index: {}. {} article(s) unchanged.\n",
                    esc(&c.previous),
                    esc(&c.index),
                    c.unchanged
                ),
                Lang::Fr => writeln!(
                    out,
                    "Par rapport à {}. Indice : {}. {} article(s) inchangé(s).\n",
                    esc(&c.previous),
                    esc(&c.index),
                    c.unchanged
                ),
            };
            for (label, items) in [
                (w.improved, &c.improved),
                (w.regressed, &c.regressed),
                (w.other_changes, &c.other),
                (w.gaps_closed, &c.closed),
                (w.gaps_opened, &c.opened),
                (w.gaps_changed, &c.severity_changed),
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
        let _ = writeln!(out, "## {}\n", w.recommendations);
        if self.recommendations.is_empty() {
            let _ = writeln!(out, "{}\n", w.no_recommendation);
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
            let _ = match lang {
                Lang::En => writeln!(out, "**Priority: {priority}**\n"),
                Lang::Fr => writeln!(out, "**Priorité : {}**\n", words::priority(lang, priority)),
            };
            for r in group {
                let _ = writeln!(
                    out,
                    "- **{}** ({} {}){colon} {}",
                    r.id,
                    if fr { "article" } else { "Article" },
                    r.article,
                    esc(&r.text)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## {}\n", w.gaps);
        if self.gaps.is_empty() {
            let _ = writeln!(out, "{}\n", w.no_gap);
        } else {
            let _ = writeln!(
                out,
                "| # | {} | {} | {} | {} |",
                w.severity, w.article, w.gap, w.recommendation
            );
            let _ = writeln!(out, "|---:|---|---:|---|---|");
            for (i, g) in self.gaps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    i + 1,
                    words::severity(lang, g.severity),
                    g.article,
                    esc(&g.message),
                    esc(&g.recommendation)
                );
            }
            out.push('\n');
        }
        for (i, part) in self.parts.iter().enumerate() {
            out.push_str(&part.as_part_markdown(i + 1));
        }
        let _ = writeln!(out, "## {}\n", w.annex_to_assess);
        if self.to_assess.is_empty() {
            let _ = writeln!(out, "{}\n", w.nothing_to_assess);
        } else {
            let _ = writeln!(out, "{}\n", w.to_assess_intro);
            for t in &self.to_assess {
                let _ = writeln!(out, "- {}", esc(t));
            }
            out.push('\n');
        }
        self.provision_texts_annex(&mut out);
        let _ = writeln!(out, "## {}\n", w.methodology);
        for m in &self.methodology {
            let _ = writeln!(out, "{}\n", esc(m));
        }
        let _ = writeln!(out, "## {}\n", w.sources);
        if !self.laws.is_empty() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                w.law, w.citation, w.status, w.official_text
            );
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
            let _ = writeln!(out, "## {}\n", w.about_profile);
            rich(&mut out, &self.profile_note);
        }
        let _ = writeln!(out, "## {}\n\n{}", w.disclaimer, esc(&self.disclaimer));
        out
    }
}
