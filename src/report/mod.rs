//! Presenters of an [`Assessment`] and of an [`Instrument`]: plain text and Markdown. They
//! only render; every number comes from [`crate::assess()`].

mod escape;
mod fr;
mod markdown;
mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
mod rich;
mod words;

pub use escape::escape_inline;
pub use model::*;
#[cfg(feature = "pdf")]
pub use pdf::{Paper, Pdf, PdfError};
pub use rich::{Block, RichText, Span};

use std::fmt::Write;

use crate::assess::{Assessment, Index, Rating};
use crate::instrument::Instrument;
use crate::profile::DocumentKind;
use crate::profile::Severity;

/// An index or score to one decimal, `n/a` when there is none.
pub(crate) fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".into(), |v| format!("{v:.1}"))
}

/// `C 3 · LC 2 · …`: the counts per rating, never the index alone.
pub(crate) fn counts_line(index: &Index, sep: &str) -> String {
    Rating::ALL
        .iter()
        .map(|r| {
            let name = if *r == Rating::NotAssessed {
                "not assessed"
            } else {
                r.abbreviation()
            };
            format!("{name} {}", index.counts.get(*r))
        })
        .collect::<Vec<_>>()
        .join(sep)
}

fn kind_words(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::InForce => "Law in force",
        DocumentKind::Draft => "Draft law",
    }
}

fn index_line(index: &Index) -> String {
    format!(
        "{}; without reservations {}; {} of {} articles rated ({} provisional)",
        model::headline(index),
        percent(
            index
                .score_without_reservations
                .filter(|_| index.headline.is_some())
        ),
        index.assessed,
        index.scorable,
        index.provisional
    )
}

fn gap_counts(a: &Assessment) -> String {
    let n = |s: Severity| a.gaps.iter().filter(|g| g.severity == s).count();
    format!(
        "{} gap(s): {} major, {} minor; {} recommendation(s); {} item(s) to assess",
        a.gaps.len(),
        n(Severity::Major),
        n(Severity::Minor),
        a.recommendations.len(),
        a.to_assess.len()
    )
}

/// Wraps `text` to `width` columns, the first line starting at column `first`; lines after
/// the first start with `indent` spaces.
pub(crate) fn wrap(text: &str, width: usize, first: usize, indent: usize) -> String {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut out = " ".repeat(lead);
    let mut col = first + lead;
    let mut line_empty = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !line_empty && col + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
        line_empty = false;
    }
    out
}

/// The ratings table, index and recommendations as plain text for an 80-column terminal.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, assess, report};
///
/// let profile = Profile::from_path("profiles/portugal.json").unwrap();
/// let text = report::score_text(&assess(Instrument::ets_185(), &profile));
/// assert!(text.contains("Illegal access"));
/// assert!(text.lines().all(|l| l.chars().count() <= 80));
/// ```
pub fn score_text(a: &Assessment) -> String {
    score_text_width(a, 80)
}

/// [`score_text`] for a terminal `width` columns wide (at least 60).
pub fn score_text_width(a: &Assessment, width: usize) -> String {
    score_text_styled(a, width, false)
}

/// The ANSI colour of a rating letter in a terminal: C and LC green, PC yellow, NC red.
fn ansi(r: Rating) -> &'static str {
    match r {
        Rating::C => "\x1b[1;32m",
        Rating::LC => "\x1b[32m",
        Rating::PC => "\x1b[33m",
        Rating::NC => "\x1b[1;31m",
        Rating::NA | Rating::NotAssessed => "\x1b[2m",
    }
}

/// [`score_text_width`], with the rating letters coloured for a terminal when `color` is set
/// (the columns stay aligned: the escapes take no width).
pub fn score_text_styled(a: &Assessment, width: usize, color: bool) -> String {
    let width = width.max(60);
    let mut out = String::new();
    let line = |out: &mut String, text: &str, indent: usize| {
        let _ = writeln!(out, "{}", wrap(text, width, 0, indent));
    };
    line(
        &mut out,
        &format!("{} — {}", a.jurisdiction, a.instrument_title),
        2,
    );
    line(
        &mut out,
        &format!(
            "{}, as of {}: {}",
            kind_words(a.document_kind),
            a.as_of,
            a.document_title
        ),
        2,
    );
    let _ = writeln!(out);
    line(&mut out, &format!("Index    {}", index_line(&a.index)), 9);
    line(
        &mut out,
        &format!("Ratings  {}", counts_line(&a.index, " · ")),
        9,
    );
    let _ = writeln!(out);
    let result = |r: &crate::assess::ArticleResult| match (r.rating.rank(), r.provisional) {
        (Some(_), true) => format!(
            "{} [{}/{}]",
            r.tally, r.coverage.assessed, r.coverage.applicable
        ),
        _ => model::tally_text(r),
    };
    let results: Vec<String> = a.articles.iter().map(result).collect();
    let result_width = results
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 30);
    // Art. (4), 2, rating (2), 1, provisional mark (1), 2, elements, 2.
    let title_at = 4 + 2 + 2 + 1 + 1 + 2 + result_width + 2;
    let _ = writeln!(
        out,
        "{:>4}  {:<4}  {:<result_width$}  Title",
        "Art.", "Rat.", "Elements"
    );
    for (r, result) in a.articles.iter().zip(&results) {
        let mark = if r.provisional { "*" } else { " " };
        let letter = format!("{:<2}", r.rating.abbreviation());
        let letter = if color {
            format!("{}{letter}\x1b[0m", ansi(r.rating))
        } else {
            letter
        };
        let head = format!(
            "{:>4}  {letter} {mark}  {:<result_width$}  ",
            r.number, result
        );
        let _ = writeln!(out, "{head}{}", wrap(&r.title, width, title_at, title_at));
    }
    let _ = writeln!(
        out,
        "* provisional: rated over the assessed elements only [assessed/applicable]"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "By chapter and section");
    for d in &a.divisions {
        line(&mut out, &format!("  {}", d.division), 4);
        line(&mut out, &format!("    {}", index_line(&d.index)), 6);
        line(
            &mut out,
            &format!("    {}", counts_line(&d.index, " · ")),
            6,
        );
    }
    let _ = writeln!(out);
    line(&mut out, &gap_counts(a), 2);
    if !a.recommendations.is_empty() {
        let _ = writeln!(out, "\nRecommendations");
        for r in &a.recommendations {
            let head = format!("  {:<4} {:<6} ", r.id, r.priority.as_str());
            let _ = writeln!(
                out,
                "{head}{}",
                wrap(&r.to_string(), width, head.len(), head.len())
            );
        }
    }
    out
}

/// The ratings table, index and prioritised gaps as CommonMark with GFM tables.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, assess, report};
///
/// let profile = Profile::from_path("profiles/portugal.json").unwrap();
/// let md = report::score_markdown(&assess(Instrument::ets_185(), &profile));
/// assert!(md.contains("| 2 | Illegal access |"));
/// ```
pub fn score_markdown(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}\n",
        escape_inline(&a.jurisdiction),
        escape_inline(&a.instrument_title)
    );
    let _ = writeln!(
        out,
        "{}, as of {}: {}\n",
        kind_words(a.document_kind),
        a.as_of,
        escape_inline(&a.document_title)
    );
    let _ = writeln!(out, "**Index:** {}\n", index_line(&a.index));
    let _ = writeln!(
        out,
        "| Division | Index | Without reservations | Assessed | C | LC | PC | NC | NA | Not assessed |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let rows = std::iter::once(("All scored articles".to_string(), &a.index))
        .chain(a.divisions.iter().map(|d| (d.division.clone(), &d.index)));
    for (name, i) in rows {
        let _ = writeln!(
            out,
            "| {} | {} |",
            escape_inline(&name),
            markdown::index_cells(i, false)
        );
    }
    let _ = writeln!(out, "\n## Ratings\n");
    let _ = writeln!(out, "| Article | Title | Rating | Elements | Provisions |");
    let _ = writeln!(out, "|---:|---|---|---|---|");
    for r in &a.articles {
        let provisions: Vec<&str> = r.provisions.iter().map(|p| p.citation.as_str()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {}{} | {} | {} |",
            r.number,
            escape_inline(&r.title),
            r.rating.label(),
            if r.provisional { " (provisional)" } else { "" },
            escape_inline(&model::tally_text(r)),
            escape_inline(&provisions.join("; "))
        );
    }
    let _ = writeln!(out, "\n## Gaps\n\n{}.\n", gap_counts(a));
    if !a.gaps.is_empty() {
        let _ = writeln!(out, "| Severity | Article | Gap | Recommendation |");
        let _ = writeln!(out, "|---|---:|---|---|");
        for g in &a.gaps {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                g.severity.as_str(),
                g.article,
                escape_inline(&g.shortcoming().to_string()),
                g.recommendation.as_deref().unwrap_or("—")
            );
        }
    }
    if !a.recommendations.is_empty() {
        let _ = writeln!(out, "\n## Recommendations\n");
        for r in &a.recommendations {
            let _ = writeln!(
                out,
                "- **{}** ({} priority, Article {}): {}",
                r.id,
                r.priority.as_str(),
                r.article,
                escape_inline(&r.to_string())
            );
        }
    }
    if !a.to_assess.is_empty() {
        let _ = writeln!(out, "\n## To assess\n");
        for t in &a.to_assess {
            let _ = writeln!(out, "- {}", escape_inline(&t.to_string()));
        }
    }
    out
}

/// The checklist as Markdown: every article with its exact title, its elements, and the
/// reservations, declarations and designations the treaty permits.
///
/// # Example
///
/// ```
/// let md = budapest_gap::report::checklist_markdown(budapest_gap::Instrument::ets_185());
/// assert!(md.contains("Article 2 – Illegal access"));
/// ```
pub fn checklist_markdown(i: &Instrument) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} – {} ({})\n",
        i.number,
        escape_inline(&i.title),
        escape_inline(&i.short_title)
    );
    let in_force = match i.entry_into_force {
        Some(d) => format!("entered into force on {d}"),
        None => "date of entry into force not recorded".to_string(),
    };
    let _ = writeln!(
        out,
        "Opened for signature in {} on {}; {in_force}. <{}>\n",
        i.opened_at, i.opened_on, i.url
    );
    let _ = writeln!(out, "{}\n", escape_inline(&i.source_note));
    let mut last_heading = (String::new(), String::new(), String::new());
    for (loc, article) in i.articles_located() {
        let chapter = format!("Chapter {} – {}", loc.chapter.number, loc.chapter.heading);
        if chapter != last_heading.0 {
            let _ = writeln!(out, "## {}\n", escape_inline(&chapter));
            last_heading = (chapter, String::new(), String::new());
        }
        if let Some(s) = loc.section {
            let section = format!("Section {} – {}", s.number, s.heading);
            if section != last_heading.1 {
                let _ = writeln!(out, "### {}\n", escape_inline(&section));
                last_heading.1 = section;
                last_heading.2.clear();
            }
        }
        if let Some(t) = loc.title {
            let title = format!("Title {} – {}", t.number, t.heading);
            if title != last_heading.2 {
                let _ = writeln!(out, "*{}*\n", escape_inline(&title));
                last_heading.2 = title;
            }
        }
        let scored = if article.scored { "" } else { " (not scored)" };
        let _ = writeln!(
            out,
            "#### Article {} – {}{scored}\n",
            article.number,
            escape_inline(&article.title)
        );
        let _ = writeln!(out, "{}\n", escape_inline(&article.summary));
        if !article.verified {
            let _ = writeln!(out, "*Not verified against the official text.*\n");
        }
        for c in &article.carries_over {
            let list = c
                .articles
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "Carries over (`{}`) Articles {list} of `{}`.\n",
                c.effect.as_str(),
                c.instrument
            );
        }
        if !article.applies_to.is_empty() {
            let list = article
                .applies_to
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(out, "Applies to Articles {list}.\n");
        }
        if article.elements().next().is_some() {
            let _ = writeln!(out, "| Paragraph | Element | Kind | Weight | Requirement |");
            let _ = writeln!(out, "|---|---|---|---:|---|");
            for (p, e) in article.elements() {
                let mut kind = e.kind.as_str().to_string();
                if !e.replaces.is_empty() {
                    let _ = write!(kind, " (instead of `{}`)", e.replaces.join("`, `"));
                }
                if !e.only_with.is_empty() {
                    let _ = write!(kind, " (only with `{}`)", e.only_with.join("`, `"));
                }
                let _ = writeln!(
                    out,
                    "| {} | `{}.{}` | {kind} | {} | {} |",
                    p.number.as_deref().unwrap_or("—"),
                    article.id(),
                    e.id,
                    e.weight,
                    escape_inline(&e.text)
                );
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(
        out,
        "## Reservations, declarations and designations permitted\n"
    );
    let _ = writeln!(
        out,
        "| Kind | Provision | Basis | Effect | Removes | Permits |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for p in &i.permissions {
        let list = |v: &[String]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            p.kind.as_str(),
            match &p.concerns {
                Some(r) => format!(
                    "{} (`{}` {})",
                    p.provision(),
                    r.instrument,
                    crate::instrument::cite(r.article, r.paragraph.as_deref())
                ),
                None if !p.verified => format!("{} (not verified)", p.provision()),
                None => p.provision(),
            },
            escape_inline(&p.basis),
            escape_inline(&p.summary),
            list(&p.removes),
            list(&p.permits)
        );
    }
    out
}
