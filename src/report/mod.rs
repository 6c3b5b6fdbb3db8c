//! Presenters of an [`Assessment`] and of an [`Instrument`]: plain text and Markdown. They
//! only render; every number comes from [`crate::assess()`].

mod escape;
mod markdown;
mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
mod rich;

pub use escape::escape_inline;
pub use model::*;
#[cfg(feature = "pdf")]
pub use pdf::{Paper, Pdf, PdfError};
pub use rich::{Block, RichText, Span};

use std::fmt::Write;

use crate::assess::{Assessment, GapSeverity, Index, Rating};
use crate::instrument::{ElementKind, Instrument};
use crate::profile::DocumentKind;

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
        "{} / 100 (without reservations: {}); {} of {} articles assessed",
        percent(index.score),
        percent(index.score_without_reservations),
        index.assessed,
        index.scorable
    )
}

fn gap_counts(a: &Assessment) -> String {
    let n = |s: GapSeverity| a.gaps.iter().filter(|g| g.severity == s).count();
    format!(
        "{} gap(s): {} major, {} minor, {} unassessed",
        a.gaps.len(),
        n(GapSeverity::Major),
        n(GapSeverity::Minor),
        n(GapSeverity::Unassessed)
    )
}

/// The ratings table, index and gaps as plain text for a terminal.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, assess, report};
///
/// let profile = Profile::from_path("profiles/portugal.json").unwrap();
/// let text = report::score_text(&assess(Instrument::ets_185(), &profile));
/// assert!(text.contains("Illegal access"));
/// ```
pub fn score_text(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", a.jurisdiction, a.instrument_title);
    let _ = writeln!(
        out,
        "{}, as of {}: {}",
        kind_words(a.document_kind),
        a.as_of,
        a.document_title
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Index    {}", index_line(&a.index));
    let _ = writeln!(out, "Ratings  {}", counts_line(&a.index, " · "));
    let _ = writeln!(out);
    let width = a
        .articles
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        out,
        "{:>4}  {:<width$}  {:<6}  Score",
        "Art.", "Title", "Rating"
    );
    for r in &a.articles {
        let score = r.score.map_or_else(|| "—".into(), |s| format!("{s:.3}"));
        let _ = writeln!(
            out,
            "{:>4}  {:<width$}  {:<6}  {}",
            r.number,
            r.title,
            r.rating.abbreviation(),
            score
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "By chapter and section");
    for d in &a.divisions {
        let _ = writeln!(out, "  {}", d.division);
        let _ = writeln!(out, "    {}", index_line(&d.index));
        let _ = writeln!(out, "    {}", counts_line(&d.index, " · "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", gap_counts(a));
    for g in &a.gaps {
        let _ = writeln!(
            out,
            "  [{}] Art. {}: {}",
            g.severity.as_str(),
            g.article,
            g.message
        );
        let _ = writeln!(out, "      → {}", g.recommendation);
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
    let _ = writeln!(out, "| Article | Title | Rating | Score | Provisions |");
    let _ = writeln!(out, "|---:|---|---|---:|---|");
    for r in &a.articles {
        let score = r.score.map_or_else(|| "—".into(), |s| format!("{s:.3}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.number,
            escape_inline(&r.title),
            r.rating.label(),
            score,
            escape_inline(&r.provisions.join(", "))
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
                escape_inline(&g.message),
                escape_inline(&g.recommendation)
            );
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
    let _ = writeln!(
        out,
        "Opened for signature in {} on {}; entered into force on {}. <{}>\n",
        i.opened_at, i.opened_on, i.entry_into_force, i.url
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
                let kind = match e.kind {
                    ElementKind::Core => "core",
                    ElementKind::Qualifier => "qualifier",
                };
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
            p.provision(),
            escape_inline(&p.basis),
            escape_inline(&p.summary),
            list(&p.removes),
            list(&p.permits)
        );
    }
    out
}
