//! What a jurisdiction's ETS 185 assessment already gives it toward another treaty: for each
//! article of the other treaty in the crosswalk's scope, whether the Budapest-based law covers
//! it, covers it in part, does not, or cannot tell (the Budapest counterparts are not
//! assessed), and which articles have no Budapest counterpart at all. Pure: it reads an
//! [`Assessment`] and a [`Crosswalk`] and writes values and strings; no files.
//!
//! How a coverage is decided, per source article:
//!
//! 1. Each target gets a level from the assessment: an article rated C (not provisional), or
//!    an element met, is *full*; LC, PC, a provisional C, or an element partly met, *partial*;
//!    NC or an element not met, *none*; not assessed, NA (a reservation removed it) or an
//!    element a reservation removed, *unknown*.
//! 2. The targets' levels combine: all full is full, all none is none, all unknown is unknown;
//!    full mixed only with unknown stays unknown (nothing missing is known yet); any other
//!    mix is partial.
//! 3. The relationship decides what that means for the source article: for `equal` and
//!    `subset` full is *covered*, partial *partly*, none *not covered*; for `superset` and
//!    `intersects` (the source asks more) full and partial are *partly*; unknown is always
//!    *to assess*, and `none` is *no counterpart*.
//!
//! # Example
//!
//! ```
//! use budapest_gap::crosswalk::{Coverage, crosswalk};
//! use budapest_gap::instrument::Crosswalk;
//! use budapest_gap::{Instrument, Profile, assess};
//!
//! let path = format!("{}/profiles/portugal.json", env!("CARGO_MANIFEST_DIR"));
//! let profile = Profile::from_path(&path).expect("a valid profile");
//! let assessment = assess(Instrument::ets_185(), &profile);
//! let report = crosswalk(&assessment, Crosswalk::uncc()).expect("an ETS 185 assessment");
//! let grooming = report.articles.iter().find(|a| a.article == 15).unwrap();
//! assert_eq!(grooming.coverage, Coverage::NoCounterpart);
//! assert!(report.to_text(80).lines().all(|l| l.chars().count() <= 80));
//! ```

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Date;
use crate::assess::{Assessment, Rating};
use crate::instrument::{Crosswalk, Relationship, target_article};
use crate::profile::Status;

/// What the Budapest assessment says of one source article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// The Budapest counterparts are implemented and ask at least what the article asks.
    Covered,
    /// Implemented in part, or the article asks more than its Budapest counterparts.
    Partly,
    /// The Budapest counterparts are not implemented.
    NotCovered,
    /// The Budapest counterparts are not assessed (or not applicable): the assessment cannot
    /// tell.
    ToAssess,
    /// No Budapest counterpart: the article needs an assessment of its own.
    NoCounterpart,
}

impl Coverage {
    /// Every coverage, in report order.
    pub const ALL: [Coverage; 5] = [
        Coverage::Covered,
        Coverage::Partly,
        Coverage::NotCovered,
        Coverage::ToAssess,
        Coverage::NoCounterpart,
    ];

    /// The words used in reports: `covered`, `partly`, `not covered`, `to assess`,
    /// `no counterpart`.
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::Partly => "partly",
            Coverage::NotCovered => "not covered",
            Coverage::ToAssess => "to assess",
            Coverage::NoCounterpart => "no counterpart",
        }
    }
}

/// How far one target is implemented, from the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Rated C (not provisional), or the element met.
    Full,
    /// Rated LC or PC, a provisional C, or the element partly met.
    Partial,
    /// Rated NC, or the element not met.
    None,
    /// Not assessed, not applicable, or removed by a reservation.
    Unknown,
}

/// One target and what the assessment says of it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TargetFinding {
    /// The target as in the crosswalk: `art-2` or `art-12.legal-person-liability`.
    pub target: String,
    /// Its article.
    pub article: u16,
    /// The article's rating.
    pub rating: Rating,
    /// Whether that rating is provisional.
    pub provisional: bool,
    /// For an element target: the element's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The level this gives.
    pub level: Level,
}

impl TargetFinding {
    /// `Art. 2 (C)`, `Art. 2 (LC, provisional)`, `Art. 12 legal-person-liability (met)`.
    pub fn in_text(&self) -> String {
        let what = match self.status {
            Some(s) => s.as_str().to_string(),
            None if self.provisional => format!("{}, provisional", self.rating.abbreviation()),
            None => self.rating.abbreviation().to_string(),
        };
        match self.target.split_once('.') {
            Some((_, element)) => format!("Art. {} {element} ({what})", self.article),
            None => format!("Art. {} ({what})", self.article),
        }
    }
}

/// One source article's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArticleCoverage {
    /// The source article's number.
    pub article: u16,
    /// Its title in English.
    pub title: String,
    /// Its chapter.
    pub chapter: String,
    /// How it relates to its Budapest targets.
    pub relationship: Relationship,
    /// What the assessment says of each target.
    pub targets: Vec<TargetFinding>,
    /// The resulting coverage.
    pub coverage: Coverage,
    /// Why the relationship is what it is (from the crosswalk).
    pub reason: String,
    /// Whether the crosswalk entry was checked against an official text.
    pub verified: bool,
}

/// A Budapest article with no counterpart in the other treaty.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NoCounterpart {
    /// The ETS 185 article.
    pub article: u16,
    /// Its title.
    pub title: String,
    /// Its rating in the assessment.
    pub rating: Rating,
    /// Why it has no counterpart.
    pub reason: String,
    /// Whether this was checked against an official text.
    pub verified: bool,
}

/// The number of source articles per coverage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CoverageCounts {
    /// Covered.
    pub covered: usize,
    /// Partly.
    pub partly: usize,
    /// Not covered.
    pub not_covered: usize,
    /// To assess.
    pub to_assess: usize,
    /// No counterpart.
    pub no_counterpart: usize,
}

impl CoverageCounts {
    /// The count for one coverage.
    pub fn get(&self, c: Coverage) -> usize {
        match c {
            Coverage::Covered => self.covered,
            Coverage::Partly => self.partly,
            Coverage::NotCovered => self.not_covered,
            Coverage::ToAssess => self.to_assess,
            Coverage::NoCounterpart => self.no_counterpart,
        }
    }

    fn add(&mut self, c: Coverage) {
        let slot = match c {
            Coverage::Covered => &mut self.covered,
            Coverage::Partly => &mut self.partly,
            Coverage::NotCovered => &mut self.not_covered,
            Coverage::ToAssess => &mut self.to_assess,
            Coverage::NoCounterpart => &mut self.no_counterpart,
        };
        *slot += 1;
    }
}

/// What one assessment gives toward another treaty.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CrosswalkReport {
    /// The crosswalk's id (`uncc-ets-185`).
    pub crosswalk: String,
    /// The other treaty's short title.
    pub treaty: String,
    /// How it is cited.
    pub citation: String,
    /// The crosswalk's scope.
    pub scope: String,
    /// The assessed instrument (`ets-185`).
    pub instrument: String,
    /// Its Treaty Office number (`ETS No. 185`).
    pub instrument_number: String,
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The profile's document title.
    pub document_title: String,
    /// Its as-of date.
    pub as_of: Date,
    /// Counts per coverage.
    pub counts: CoverageCounts,
    /// Every source article in scope, in order.
    pub articles: Vec<ArticleCoverage>,
    /// Budapest articles with no counterpart.
    pub no_counterpart: Vec<NoCounterpart>,
    /// The crosswalk's note on sources and verification.
    pub source_note: String,
}

/// The assessment is of another instrument than the crosswalk's target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the crosswalk `{crosswalk}` starts from `{expected}`, but the assessment is of `{found}`")]
pub struct WrongInstrument {
    /// The crosswalk's id.
    pub crosswalk: String,
    /// The instrument the crosswalk relates to.
    pub expected: String,
    /// The assessment's instrument.
    pub found: String,
}

/// Reads a crosswalk against an assessment of its target instrument.
///
/// # Errors
///
/// [`WrongInstrument`] when the assessment is not of the crosswalk's target (`ets-185`).
pub fn crosswalk(
    assessment: &Assessment,
    walk: &Crosswalk,
) -> Result<CrosswalkReport, WrongInstrument> {
    if assessment.instrument != walk.to {
        return Err(WrongInstrument {
            crosswalk: walk.id.clone(),
            expected: walk.to.clone(),
            found: assessment.instrument.clone(),
        });
    }
    let mut counts = CoverageCounts::default();
    let articles: Vec<ArticleCoverage> = walk
        .entries
        .iter()
        .map(|e| {
            let targets: Vec<TargetFinding> =
                e.targets.iter().map(|t| finding(assessment, t)).collect();
            let coverage = coverage(e.relationship, &targets);
            counts.add(coverage);
            ArticleCoverage {
                article: e.article,
                title: e.title.clone(),
                chapter: e.chapter.clone(),
                relationship: e.relationship,
                targets,
                coverage,
                reason: e.reason.clone(),
                verified: e.verified,
            }
        })
        .collect();
    let no_counterpart = walk
        .unmatched
        .iter()
        .map(|u| {
            let result = assessment.articles.iter().find(|a| a.number == u.article);
            NoCounterpart {
                article: u.article,
                title: result.map(|a| a.title.clone()).unwrap_or_default(),
                rating: result.map_or(Rating::NotAssessed, |a| a.rating),
                reason: u.reason.clone(),
                verified: u.verified,
            }
        })
        .collect();
    Ok(CrosswalkReport {
        crosswalk: walk.id.clone(),
        treaty: walk.from.short_title.clone(),
        citation: walk.from.citation.clone(),
        scope: walk.scope.clone(),
        instrument: assessment.instrument.clone(),
        instrument_number: crate::Instrument::by_id(&assessment.instrument)
            .map_or_else(|| assessment.instrument.clone(), |i| i.number.clone()),
        jurisdiction: assessment.jurisdiction.clone(),
        document_title: assessment.document_title.clone(),
        as_of: assessment.as_of,
        counts,
        articles,
        no_counterpart,
        source_note: walk.source_note.clone(),
    })
}

fn finding(assessment: &Assessment, target: &str) -> TargetFinding {
    let number = target_article(target).unwrap_or_default();
    let result = assessment.articles.iter().find(|a| a.number == number);
    let rating = result.map_or(Rating::NotAssessed, |a| a.rating);
    let provisional = result.is_some_and(|a| a.provisional);
    let element = target.split_once('.').map(|(_, e)| e);
    let (status, level) = match element {
        Some(id) => {
            let e = result.and_then(|a| a.elements.iter().find(|e| e.id == id));
            let level = match e {
                Some(e) if e.removed_by.is_some() => Level::Unknown,
                Some(e) => match e.status {
                    Status::Met => Level::Full,
                    Status::Partly => Level::Partial,
                    Status::NotMet => Level::None,
                    Status::NotAssessed => Level::Unknown,
                },
                None => Level::Unknown,
            };
            (Some(e.map_or(Status::NotAssessed, |e| e.status)), level)
        }
        None => {
            let level = match rating {
                Rating::C if provisional => Level::Partial,
                Rating::C => Level::Full,
                Rating::LC | Rating::PC => Level::Partial,
                Rating::NC => Level::None,
                Rating::NA | Rating::NotAssessed => Level::Unknown,
            };
            (None, level)
        }
    };
    TargetFinding {
        target: target.to_string(),
        article: number,
        rating,
        provisional,
        status,
        level,
    }
}

fn combine(levels: impl Iterator<Item = Level> + Clone) -> Level {
    let all = |l: Level| levels.clone().all(|x| x == l);
    if all(Level::Full) {
        Level::Full
    } else if all(Level::None) {
        Level::None
    } else if levels
        .clone()
        .all(|x| x == Level::Unknown || x == Level::Full)
    {
        Level::Unknown
    } else {
        Level::Partial
    }
}

fn coverage(relationship: Relationship, targets: &[TargetFinding]) -> Coverage {
    if relationship == Relationship::None || targets.is_empty() {
        return Coverage::NoCounterpart;
    }
    let asks_more = matches!(
        relationship,
        Relationship::Superset | Relationship::Intersects
    );
    match combine(targets.iter().map(|t| t.level)) {
        Level::Full if asks_more => Coverage::Partly,
        Level::Full => Coverage::Covered,
        Level::Partial => Coverage::Partly,
        Level::None => Coverage::NotCovered,
        Level::Unknown => Coverage::ToAssess,
    }
}

/// Words wrapped to `width` columns (a word longer than the width stays whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn escape_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|")
}

impl ArticleCoverage {
    /// `equal to Art. 2 (C)`; `no counterpart in ETS 185`.
    pub fn correspondence(&self) -> String {
        if self.targets.is_empty() {
            return "no counterpart in ETS 185".into();
        }
        let targets = self
            .targets
            .iter()
            .map(TargetFinding::in_text)
            .collect::<Vec<_>>()
            .join(", ");
        let relation = match self.relationship {
            Relationship::Equal => "equal to",
            Relationship::Subset => "subset of",
            Relationship::Superset => "superset of",
            Relationship::Intersects => "intersects",
            Relationship::None => "none:",
        };
        format!("{relation} {targets}")
    }
}

impl CrosswalkReport {
    /// A plain-text report, no line wider than `width` columns (at least 40).
    pub fn to_text(&self, width: usize) -> String {
        let width = width.max(40);
        let mut out = String::new();
        let para = |out: &mut String, text: &str, indent: usize| {
            for l in wrap(text, width - indent) {
                let _ = writeln!(out, "{:indent$}{l}", "");
            }
        };
        para(
            &mut out,
            &format!(
                "{}: what the {} assessment of {} covers",
                self.treaty, self.instrument_number, self.jurisdiction
            ),
            0,
        );
        para(
            &mut out,
            &format!("{}, as of {}", self.document_title, self.as_of),
            0,
        );
        let counts = Coverage::ALL
            .iter()
            .map(|c| format!("{} {}", c.label(), self.counts.get(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        para(
            &mut out,
            &format!("{} articles: {counts}.", self.articles.len()),
            0,
        );
        let _ = writeln!(out);
        let right = Coverage::ALL
            .iter()
            .map(|c| c.label().len())
            .max()
            .unwrap_or(0);
        for a in &self.articles {
            let head = format!("Art. {:<3}", a.article);
            let title_width = width - head.len() - 1 - right - 1;
            let title = wrap(&a.title, title_width);
            for (i, t) in title.iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "{head} {t:<title_width$} {}", a.coverage.label());
                } else {
                    let _ = writeln!(out, "{:w$}{t}", "", w = head.len() + 1);
                }
            }
            let mut corr = a.correspondence();
            if !a.verified {
                corr.push_str(" (unverified)");
            }
            para(&mut out, &corr, 9);
            para(&mut out, &a.reason, 9);
        }
        if !self.no_counterpart.is_empty() {
            let _ = writeln!(out);
            para(
                &mut out,
                &format!("{} articles with no counterpart:", self.instrument_number),
                0,
            );
            for n in &self.no_counterpart {
                let mut line = format!(
                    "Art. {} {} ({}): {}",
                    n.article,
                    n.title,
                    n.rating.abbreviation(),
                    n.reason
                );
                if !n.verified {
                    line.push_str(" (unverified)");
                }
                para(&mut out, &line, 0);
            }
        }
        let _ = writeln!(out);
        para(&mut out, &self.source_note, 0);
        out
    }

    /// A Markdown report (CommonMark with GFM tables).
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}: what the {} assessment of {} covers\n",
            escape_cell(&self.treaty),
            self.instrument_number,
            escape_cell(&self.jurisdiction)
        );
        let _ = writeln!(
            out,
            "{}, as of {}.\n\nSource: {}. Scope: {}\n",
            escape_cell(&self.document_title),
            self.as_of,
            escape_cell(&self.citation),
            escape_cell(&self.scope)
        );
        let _ = writeln!(out, "| Coverage | Articles |\n|---|---:|");
        for c in Coverage::ALL {
            let _ = writeln!(out, "| {} | {} |", c.label(), self.counts.get(c));
        }
        let _ = writeln!(
            out,
            "\n| Article | Title | Relationship | {} | Coverage | Reason |",
            self.instrument_number
        );
        let _ = writeln!(out, "|---:|---|---|---|---|---|");
        for a in &self.articles {
            let targets = if a.targets.is_empty() {
                "—".to_string()
            } else {
                a.targets
                    .iter()
                    .map(TargetFinding::in_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let unverified = if a.verified { "" } else { " (unverified)" };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {}{unverified} |",
                a.article,
                escape_cell(&a.title),
                a.relationship.as_str(),
                escape_cell(&targets),
                a.coverage.label(),
                escape_cell(&a.reason)
            );
        }
        if !self.no_counterpart.is_empty() {
            let _ = writeln!(
                out,
                "\n## {} articles with no counterpart\n",
                self.instrument
            );
            for n in &self.no_counterpart {
                let unverified = if n.verified { "" } else { " (unverified)" };
                let _ = writeln!(
                    out,
                    "- Article {} – {} ({}): {}{unverified}",
                    n.article,
                    escape_cell(&n.title),
                    n.rating.abbreviation(),
                    escape_cell(&n.reason)
                );
            }
        }
        let _ = writeln!(out, "\n{}", escape_cell(&self.source_note));
        out
    }

    /// The report as pretty-printed JSON (its serialised form), with a final newline.
    pub fn to_json(&self) -> String {
        let mut t = serde_json::to_string_pretty(self).unwrap_or_default();
        t.push('\n');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(level: Level) -> TargetFinding {
        TargetFinding {
            target: "art-2".into(),
            article: 2,
            rating: Rating::C,
            provisional: false,
            status: None,
            level,
        }
    }

    #[test]
    fn a_source_that_asks_more_is_never_covered_in_full() {
        let full = [target(Level::Full)];
        assert_eq!(coverage(Relationship::Equal, &full), Coverage::Covered);
        assert_eq!(coverage(Relationship::Subset, &full), Coverage::Covered);
        assert_eq!(coverage(Relationship::Superset, &full), Coverage::Partly);
        assert_eq!(coverage(Relationship::Intersects, &full), Coverage::Partly);
        assert_eq!(coverage(Relationship::None, &[]), Coverage::NoCounterpart);
    }

    #[test]
    fn unknown_targets_never_make_a_source_covered() {
        let mixed = [target(Level::Full), target(Level::Unknown)];
        assert_eq!(coverage(Relationship::Equal, &mixed), Coverage::ToAssess);
        let gap = [target(Level::None), target(Level::Unknown)];
        assert_eq!(coverage(Relationship::Equal, &gap), Coverage::Partly);
        let none = [target(Level::None), target(Level::None)];
        assert_eq!(coverage(Relationship::Equal, &none), Coverage::NotCovered);
    }

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
    }
}
