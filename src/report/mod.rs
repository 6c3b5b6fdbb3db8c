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

use crate::Lang;
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
    checklist_markdown_in(i, Lang::En)
}

/// The checklist as Markdown in a language: in French, the Convention's authentic article
/// titles where verified (else the English title marked †), and our French summaries, element
/// texts and permissions where a French overlay has them (ETS 185, ETS 189); element ids, kinds and
/// weights are the data's own.
///
/// ```
/// use budapest_gap::{Instrument, Lang};
/// let md = budapest_gap::report::checklist_markdown_in(Instrument::ets_185(), Lang::Fr);
/// assert!(md.contains("#### Article 2 – Accès illégal"));
/// assert!(md.contains("## Réserves, déclarations et désignations permises"));
/// ```
pub fn checklist_markdown_in(i: &Instrument, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let _ = if fr {
        writeln!(out, "# {}\n", escape_inline(&fr::instrument_name(i)))
    } else {
        writeln!(
            out,
            "# {} – {} ({})\n",
            i.number,
            escape_inline(&i.title),
            escape_inline(&i.short_title)
        )
    };
    let in_force = match (i.entry_into_force, fr) {
        (Some(d), false) => format!("entered into force on {d}"),
        (None, false) => "date of entry into force not recorded".to_string(),
        (Some(d), true) => format!("entrée en vigueur le {d}"),
        (None, true) => "date d’entrée en vigueur non enregistrée".to_string(),
    };
    let _ = if fr {
        writeln!(
            out,
            "Ouverte à la signature à {} le {} ; {in_force}. <{}>\n",
            i.opened_at, i.opened_on, i.url
        )
    } else {
        writeln!(
            out,
            "Opened for signature in {} on {}; {in_force}. <{}>\n",
            i.opened_at, i.opened_on, i.url
        )
    };
    if fr {
        let _ = writeln!(
            out,
            "Titres d’articles : le texte authentique français là où il a été vérifié ; † marque \
             un titre anglais non vérifié en français. Résumés et éléments : notre rédaction. \
             Source du texte anglais : {}\n",
            escape_inline(&i.source_note)
        );
    } else {
        let _ = writeln!(out, "{}\n", escape_inline(&i.source_note));
    }
    let mut last_heading = (String::new(), String::new(), String::new());
    for (loc, article) in i.articles_located() {
        let chapter = if fr {
            fr::chapter_heading(&i.id, &loc)
        } else {
            format!("Chapter {} – {}", loc.chapter.number, loc.chapter.heading)
        };
        if chapter != last_heading.0 {
            let _ = writeln!(out, "## {}\n", escape_inline(&chapter));
            last_heading = (chapter, String::new(), String::new());
        }
        if let Some(s) = loc.section {
            let section = if fr {
                fr::section_heading(&i.id, &loc).unwrap_or_default()
            } else {
                format!("Section {} – {}", s.number, s.heading)
            };
            if section != last_heading.1 {
                let _ = writeln!(out, "### {}\n", escape_inline(&section));
                last_heading.1 = section;
                last_heading.2.clear();
            }
        }
        if let Some(t) = loc.title {
            let title = if fr {
                fr::title_heading(&t.number, &t.heading)
            } else {
                format!("Title {} – {}", t.number, t.heading)
            };
            if title != last_heading.2 {
                let _ = writeln!(out, "*{}*\n", escape_inline(&title));
                last_heading.2 = title;
            }
        }
        let scored = match (article.scored, fr) {
            (true, _) => "",
            (false, false) => " (not scored)",
            (false, true) => " (non noté)",
        };
        let heading = if fr {
            fr::article_heading(&i.id, article.number, &article.title)
        } else {
            format!("Article {} – {}", article.number, article.title)
        };
        let _ = writeln!(out, "#### {}{scored}\n", escape_inline(&heading));
        let summary = if fr {
            fr::article_summary(&i.id, article.number, &article.summary)
        } else {
            article.summary.clone()
        };
        let _ = writeln!(out, "{}\n", escape_inline(&summary));
        if !article.verified {
            let _ = writeln!(
                out,
                "{}\n",
                if fr {
                    "*Non vérifié par rapport au texte officiel.*"
                } else {
                    "*Not verified against the official text.*"
                }
            );
        }
        for c in &article.carries_over {
            let list = crate::instrument::article_range(&c.articles);
            let element = c
                .element
                .as_ref()
                .map(|e| match fr {
                    false => format!(", deciding `{}.{e}`", article.id()),
                    true => format!(", qui décident de `{}.{e}`", article.id()),
                })
                .unwrap_or_default();
            let _ = if fr {
                writeln!(
                    out,
                    "Reprend (`{}`) les articles {list} de `{}`{element}.\n",
                    c.effect.as_str(),
                    c.instrument
                )
            } else {
                writeln!(
                    out,
                    "Carries over (`{}`) Articles {list} of `{}`{element}.\n",
                    c.effect.as_str(),
                    c.instrument
                )
            };
        }
        if !article.applies_to.is_empty() {
            let list = crate::instrument::article_range(&article.applies_to);
            let _ = if fr {
                writeln!(out, "S’applique aux articles {list}.\n")
            } else {
                writeln!(out, "Applies to Articles {list}.\n")
            };
        }
        if article.elements().next().is_some() {
            let _ = if fr {
                writeln!(out, "| Paragraphe | Élément | Type | Poids | Exigence |")
            } else {
                writeln!(out, "| Paragraph | Element | Kind | Weight | Requirement |")
            };
            let _ = writeln!(out, "|---|---|---|---:|---|");
            for (p, e) in article.elements() {
                let mut kind = if fr {
                    fr::element_kind(e.kind).to_string()
                } else {
                    e.kind.as_str().to_string()
                };
                let (instead, only) = if fr {
                    ("au lieu de", "seulement avec")
                } else {
                    ("instead of", "only with")
                };
                if !e.replaces.is_empty() {
                    let _ = write!(kind, " ({instead} `{}`)", e.replaces.join("`, `"));
                }
                if !e.only_with.is_empty() {
                    let _ = write!(kind, " ({only} `{}`)", e.only_with.join("`, `"));
                }
                let text = if fr {
                    fr::element_text(&i.id, article.number, &e.id, &e.text)
                } else {
                    e.text.clone()
                };
                let _ = writeln!(
                    out,
                    "| {} | `{}.{}` | {kind} | {} | {} |",
                    p.number.as_deref().unwrap_or("—"),
                    article.id(),
                    e.id,
                    e.weight,
                    escape_inline(&text)
                );
            }
            let _ = writeln!(out);
        }
    }
    let _ = if fr {
        writeln!(out, "## Réserves, déclarations et désignations permises\n")
    } else {
        writeln!(
            out,
            "## Reservations, declarations and designations permitted\n"
        )
    };
    let _ = if fr {
        writeln!(
            out,
            "| Type | Disposition | Fondement | Effet | Supprime | Permet |"
        )
    } else {
        writeln!(
            out,
            "| Kind | Provision | Basis | Effect | Removes | Permits |"
        )
    };
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
        let provision = match &p.concerns {
            Some(r) => format!(
                "{} (`{}` {})",
                p.provision(),
                r.instrument,
                crate::instrument::cite(r.article, r.paragraph.as_deref())
            ),
            None if !p.verified && fr => format!("{} (non vérifié)", p.provision()),
            None if !p.verified => format!("{} (not verified)", p.provision()),
            None => p.provision(),
        };
        let (kind, provision, basis, summary) = if fr {
            (
                fr::kind_noun(p.kind).to_string(),
                fr::provision(&provision),
                fr::provision(&p.basis),
                fr::permission_summary(&i.id, p),
            )
        } else {
            (
                p.kind.as_str().to_string(),
                provision,
                p.basis.clone(),
                p.summary.clone(),
            )
        };
        let _ = writeln!(
            out,
            "| {kind} | {provision} | {} | {} | {} | {} |",
            escape_inline(&basis),
            escape_inline(&summary),
            list(&p.removes),
            list(&p.permits)
        );
    }
    out
}
