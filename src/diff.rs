//! What changed between two assessments: the in-force law against a draft, or draft 1 against
//! draft 2. Ratings per article, gaps closed and opened, the index before and after.

use std::fmt::Write;

use serde::Serialize;

use crate::assess::{Assessment, Gap, GapKind, Index, Rating};
use crate::report::{counts_line, escape_inline as esc, percent};

/// How an article's rating moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// Higher on the C / LC / PC / NC scale, or a higher score at the same rating.
    Better,
    /// Lower on the scale, or a lower score at the same rating.
    Worse,
    /// Same rating and score.
    Same,
    /// Not assessed before, assessed now.
    NewlyAssessed,
    /// Assessed before, not any more.
    NoLongerAssessed,
    /// To or from not applicable.
    Changed,
}

/// One article before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleChange {
    /// Article number.
    pub number: u16,
    /// Official title.
    pub title: String,
    /// Rating before.
    pub before: Rating,
    /// Rating after.
    pub after: Rating,
    /// Score before.
    pub score_before: Option<f64>,
    /// Score after.
    pub score_after: Option<f64>,
    /// How it moved.
    pub movement: Movement,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The profile's title.
    pub title: String,
    /// Its as-of date.
    pub as_of: String,
    /// Its index.
    pub index: Index,
}

/// The difference between two assessments of the same instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The instrument.
    pub instrument: String,
    /// The earlier assessment.
    pub before: Side,
    /// The later assessment.
    pub after: Side,
    /// Index after minus index before (with reservations), when both exist.
    pub index_delta: Option<f64>,
    /// Every scored article.
    pub articles: Vec<ArticleChange>,
    /// Gaps of `before` that `after` no longer has.
    pub gaps_closed: Vec<Gap>,
    /// Gaps of `after` that `before` did not have.
    pub gaps_opened: Vec<Gap>,
    /// Gaps in both whose severity moved (a missing element now partly met, say).
    pub gaps_changed: Vec<GapChange>,
}

/// A gap present before and after, with another severity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapChange {
    /// The gap before.
    pub before: Gap,
    /// The gap after.
    pub after: Gap,
}

impl GapChange {
    /// Whether the gap became less serious.
    pub fn improved(&self) -> bool {
        self.after.severity < self.before.severity
    }
}

/// What identifies a gap across two assessments: its article, element and kind (a missing
/// and a partly met element are one gap of two severities), and for restrictions and
/// reservations their words. Severity is not part of it.
fn key(g: &Gap) -> (u16, Option<&str>, GapKind, &str) {
    let kind = match g.kind {
        GapKind::PartialElement => GapKind::MissingElement,
        k => k,
    };
    let words = match g.kind {
        GapKind::Restriction | GapKind::ImpermissibleChoice => g.detail.as_deref().unwrap_or(""),
        _ => "",
    };
    (
        g.article,
        g.element.as_ref().map(|e| e.id.as_str()),
        kind,
        words,
    )
}

/// How heavy an article's gaps are: a major one counts 2, a minor one 1.
fn burden(a: &Assessment, article: u16) -> usize {
    a.gaps
        .iter()
        .filter(|g| g.article == article)
        .map(|g| match g.severity {
            crate::profile::Severity::Major => 2,
            crate::profile::Severity::Minor => 1,
        })
        .sum()
}

/// Rating first, then score, then the weight of the article's gaps (a new restriction makes
/// an article worse even when its rating and score stay).
fn movement(
    before: Rating,
    after: Rating,
    (sb, sa): (Option<f64>, Option<f64>),
    (gb, ga): (usize, usize),
) -> Movement {
    match (before.rank(), after.rank()) {
        (Some(b), Some(a)) if a > b => Movement::Better,
        (Some(b), Some(a)) if a < b => Movement::Worse,
        (Some(_), Some(_)) => match (sb, sa) {
            (Some(b), Some(a)) if a > b => Movement::Better,
            (Some(b), Some(a)) if a < b => Movement::Worse,
            _ if ga > gb => Movement::Worse,
            _ if ga < gb => Movement::Better,
            _ => Movement::Same,
        },
        _ if before == after => Movement::Same,
        _ if before == Rating::NotAssessed => Movement::NewlyAssessed,
        _ if after == Rating::NotAssessed => Movement::NoLongerAssessed,
        _ => Movement::Changed,
    }
}

/// Compares two assessments.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, assess, diff::diff};
///
/// let ets = Instrument::ets_185();
/// let draft = assess(ets, &Profile::from_path("profiles/ruritania-draft.json").unwrap());
/// let mut better = Profile::from_path("profiles/ruritania-draft.json").unwrap().into_profile();
/// better.assessment.get_mut("ets-185").unwrap().get_mut("art-10").unwrap().status = Some(budapest_gap::profile::Status::Met);
/// let d = diff(&draft, &assess(ets, &better.validate().unwrap()));
/// assert!(d.index_delta.unwrap() > 0.0);
/// assert!(d.gaps_closed.iter().all(|g| g.article == 10));
/// ```
pub fn diff(before: &Assessment, after: &Assessment) -> Diff {
    let articles = before
        .articles
        .iter()
        .filter_map(|b| {
            let a = after.articles.iter().find(|a| a.number == b.number)?;
            Some(ArticleChange {
                number: b.number,
                title: b.title.clone(),
                before: b.rating,
                after: a.rating,
                score_before: b.score,
                score_after: a.score,
                movement: movement(
                    b.rating,
                    a.rating,
                    (b.score, a.score),
                    (burden(before, b.number), burden(after, b.number)),
                ),
            })
        })
        .collect();
    let closed = before
        .gaps
        .iter()
        .filter(|g| !after.gaps.iter().any(|h| key(h) == key(g)))
        .cloned()
        .collect();
    let opened = after
        .gaps
        .iter()
        .filter(|g| !before.gaps.iter().any(|h| key(h) == key(g)))
        .cloned()
        .collect();
    let changed = before
        .gaps
        .iter()
        .filter_map(|g| {
            let h = after.gaps.iter().find(|h| key(h) == key(g))?;
            (h.severity != g.severity).then(|| GapChange {
                before: g.clone(),
                after: h.clone(),
            })
        })
        .collect();
    let side = |a: &Assessment| Side {
        title: a.document_title.clone(),
        as_of: a.as_of.to_string(),
        index: a.index.clone(),
    };
    Diff {
        instrument: after.instrument_title.clone(),
        before: side(before),
        after: side(after),
        index_delta: match (before.index.score, after.index.score) {
            (Some(b), Some(a)) => Some(((a - b) * 10.0).round() / 10.0),
            _ => None,
        },
        articles,
        gaps_closed: closed,
        gaps_opened: opened,
        gaps_changed: changed,
    }
}

fn delta(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".into(), |v| format!("{v:+.1}"))
}

fn movement_words(m: Movement) -> &'static str {
    match m {
        Movement::Better => "better",
        Movement::Worse => "worse",
        Movement::Same => "same",
        Movement::NewlyAssessed => "newly assessed",
        Movement::NoLongerAssessed => "no longer assessed",
        Movement::Changed => "changed",
    }
}

impl Diff {
    /// The articles whose rating or score changed.
    pub fn changed(&self) -> impl Iterator<Item = &ArticleChange> {
        self.articles
            .iter()
            .filter(|a| a.movement != Movement::Same)
    }

    /// Plain text for an 80-column terminal.
    pub fn to_text(&self) -> String {
        self.to_text_width(80)
    }

    /// Plain text for a terminal `width` columns wide (at least 60): long lines wrap, their
    /// continuations indented under the start of the line's text.
    pub fn to_text_width(&self, width: usize) -> String {
        let width = width.max(60);
        let mut out = String::new();
        for line in self.unwrapped_text().lines() {
            if line.chars().count() <= width {
                out.push_str(line);
            } else {
                let lead = line.len() - line.trim_start().len();
                out.push_str(&crate::report::wrap(line, width, 0, lead + 4));
            }
            out.push('\n');
        }
        out
    }

    fn unwrapped_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.instrument);
        let _ = writeln!(
            out,
            "before: {} (as of {})",
            self.before.title, self.before.as_of
        );
        let _ = writeln!(
            out,
            "after:  {} (as of {})",
            self.after.title, self.after.as_of
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Index    {} → {} ({})",
            percent(self.before.index.score),
            percent(self.after.index.score),
            delta(self.index_delta)
        );
        let _ = writeln!(
            out,
            "Without reservations  {} → {}",
            percent(self.before.index.score_without_reservations),
            percent(self.after.index.score_without_reservations)
        );
        let _ = writeln!(
            out,
            "Assessed {} → {} of {}",
            self.before.index.assessed, self.after.index.assessed, self.after.index.scorable
        );
        let _ = writeln!(out, "Before   {}", counts_line(&self.before.index, " · "));
        let _ = writeln!(out, "After    {}", counts_line(&self.after.index, " · "));
        let _ = writeln!(out);
        let changed: Vec<_> = self.changed().collect();
        let _ = writeln!(out, "{} article(s) changed", changed.len());
        for a in changed {
            let _ = writeln!(
                out,
                "  Art. {:>2}  {:<2} → {:<2}  {:<18}  {}",
                a.number,
                a.before.abbreviation(),
                a.after.abbreviation(),
                movement_words(a.movement),
                a.title
            );
        }
        for (label, gaps) in [("closed", &self.gaps_closed), ("opened", &self.gaps_opened)] {
            let _ = writeln!(out, "\n{} gap(s) {label}", gaps.len());
            for g in gaps {
                let _ = writeln!(out, "  [{}] {g}", g.severity.as_str());
            }
        }
        let _ = writeln!(
            out,
            "\n{} gap(s) changed in severity",
            self.gaps_changed.len()
        );
        for c in &self.gaps_changed {
            let _ = writeln!(
                out,
                "  [{} → {}] {}",
                c.before.severity.as_str(),
                c.after.severity.as_str(),
                c.after
            );
        }
        out
    }

    /// CommonMark with GFM tables.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# What changed: {}\n", esc(&self.instrument));
        let _ = writeln!(out, "| | Before | After |");
        let _ = writeln!(out, "|---|---|---|");
        let _ = writeln!(
            out,
            "| Profile | {} | {} |",
            esc(&self.before.title),
            esc(&self.after.title)
        );
        let _ = writeln!(
            out,
            "| As of | {} | {} |",
            self.before.as_of, self.after.as_of
        );
        let _ = writeln!(
            out,
            "| Index | {} | {} ({}) |",
            percent(self.before.index.score),
            percent(self.after.index.score),
            delta(self.index_delta)
        );
        let _ = writeln!(
            out,
            "| Without reservations | {} | {} |",
            percent(self.before.index.score_without_reservations),
            percent(self.after.index.score_without_reservations)
        );
        let _ = writeln!(
            out,
            "| Assessed | {} of {} | {} of {} |",
            self.before.index.assessed,
            self.before.index.scorable,
            self.after.index.assessed,
            self.after.index.scorable
        );
        let _ = writeln!(
            out,
            "| Ratings | {} | {} |",
            counts_line(&self.before.index, " · "),
            counts_line(&self.after.index, " · ")
        );
        let changed: Vec<_> = self.changed().collect();
        let _ = writeln!(out, "\n## Articles changed ({})\n", changed.len());
        if !changed.is_empty() {
            let _ = writeln!(out, "| Article | Before | After | Movement |");
            let _ = writeln!(out, "|---|---|---|---|");
            for a in changed {
                let _ = writeln!(
                    out,
                    "| Article {} – {} | {} | {} | {} |",
                    a.number,
                    esc(&a.title),
                    a.before.abbreviation(),
                    a.after.abbreviation(),
                    movement_words(a.movement)
                );
            }
        }
        for (label, gaps) in [("closed", &self.gaps_closed), ("opened", &self.gaps_opened)] {
            let _ = writeln!(out, "\n## Gaps {label} ({})\n", gaps.len());
            if !gaps.is_empty() {
                let _ = writeln!(out, "| Severity | Article | Gap |");
                let _ = writeln!(out, "|---|---:|---|");
                for g in gaps {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        g.severity.as_str(),
                        g.article,
                        esc(&g.shortcoming().to_string())
                    );
                }
            }
        }
        let _ = writeln!(
            out,
            "\n## Gaps changed in severity ({})\n",
            self.gaps_changed.len()
        );
        if !self.gaps_changed.is_empty() {
            let _ = writeln!(out, "| Before | After | Article | Gap |");
            let _ = writeln!(out, "|---|---|---:|---|");
            for c in &self.gaps_changed {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    c.before.severity.as_str(),
                    c.after.severity.as_str(),
                    c.after.article,
                    esc(&c.after.shortcoming().to_string())
                );
            }
        }
        out
    }
}
