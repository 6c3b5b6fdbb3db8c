//! A crosswalk as data: how the articles of another treaty relate to an instrument's articles
//! and elements (`data/crosswalk-uncc.json`: the UN Convention against Cybercrime to ETS 185).

use std::collections::HashSet;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Instrument, InstrumentError, LintError};

/// The embedded crosswalk from the UN Convention against Cybercrime to ETS 185.
const UNCC: &str = include_str!("../../data/crosswalk-uncc.json");

/// How another treaty's articles relate to an instrument's (the *source* is the other treaty,
/// the *targets* the instrument's articles and elements).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// Stable id, e.g. `uncc-ets-185`.
    pub id: String,
    /// The source treaty.
    pub from: Treaty,
    /// The target instrument's id, e.g. `ets-185`.
    pub to: String,
    /// Which of the source treaty's articles the crosswalk covers.
    pub scope: String,
    /// Where the entries come from, what was verified, and what the relationships mean.
    pub source_note: String,
    /// One entry per source article in scope, in article order.
    pub entries: Vec<CrosswalkEntry>,
    /// The target instrument's articles with no counterpart in the source treaty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<Unmatched>,
}

/// The source treaty of a crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    /// Short id, e.g. `uncc`.
    pub id: String,
    /// Full title.
    pub title: String,
    /// Usual short name.
    pub short_title: String,
    /// How it is cited, e.g. the General Assembly resolution that adopted it.
    pub citation: String,
}

/// One source article and what it corresponds to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkEntry {
    /// The source article's number.
    pub article: u16,
    /// Its title in English.
    pub title: String,
    /// Its chapter (Roman numeral).
    pub chapter: String,
    /// How it relates to its targets.
    pub relationship: Relationship,
    /// The target articles (`art-2`) or elements (`art-12.legal-person-liability`); empty
    /// when the relationship is `none`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// Why, in one line of our own words.
    pub reason: String,
    /// Whether the entry was checked against an official text of the source treaty.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub verified: bool,
}

/// A target article with no counterpart in the source treaty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unmatched {
    /// The target instrument's article.
    pub article: u16,
    /// Why there is none, in one line.
    pub reason: String,
    /// Whether this was checked against an official text of the source treaty.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_true(b: &bool) -> bool {
    *b
}

/// How a source article relates to its targets, in the vocabulary of NIST's crosswalks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    /// Both ask the same.
    Equal,
    /// The source asks no more than its targets: implementing the targets implements it.
    Subset,
    /// The source asks more than its targets: implementing them implements it only in part.
    Superset,
    /// Each asks something the other does not.
    Intersects,
    /// No counterpart in the target instrument.
    None,
}

impl Relationship {
    /// The kebab-case name, as in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersects => "intersects",
            Relationship::None => "none",
        }
    }
}

impl Crosswalk {
    /// The embedded crosswalk from the UN Convention against Cybercrime (General Assembly
    /// resolution 79/243, annex) to ETS 185, parsed once.
    ///
    /// # Panics
    ///
    /// Never in a released crate: the embedded data is checked by the crate's tests.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::instrument::{Crosswalk, Relationship};
    ///
    /// let uncc = Crosswalk::uncc();
    /// assert_eq!(uncc.to, "ets-185");
    /// let access = uncc.entry(7).unwrap();
    /// assert_eq!(access.relationship, Relationship::Equal);
    /// assert_eq!(access.targets, ["art-2"]);
    /// assert_eq!(uncc.entry(15).unwrap().relationship, Relationship::None);
    /// ```
    pub fn uncc() -> &'static Crosswalk {
        static CELL: OnceLock<Crosswalk> = OnceLock::new();
        CELL.get_or_init(|| {
            Crosswalk::from_json(UNCC, Instrument::ets_185())
                .expect("the embedded UN crosswalk is valid")
        })
    }

    /// Looks an embedded crosswalk up by the id of its source treaty (`uncc`).
    pub fn by_source(id: &str) -> Option<&'static Crosswalk> {
        match id {
            "uncc" => Some(Crosswalk::uncc()),
            _ => None,
        }
    }

    /// The entry for a source article.
    pub fn entry(&self, article: u16) -> Option<&CrosswalkEntry> {
        self.entries.iter().find(|e| e.article == article)
    }

    /// Parses a crosswalk and lints it against its target instrument.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::Malformed`] when the JSON does not match the crosswalk's form, and
    /// [`InstrumentError::Inconsistent`] with every problem [`Crosswalk::lint`] found.
    pub fn from_json(text: &str, target: &Instrument) -> Result<Crosswalk, InstrumentError> {
        let crosswalk: Crosswalk =
            serde_json::from_str(text).map_err(|e| InstrumentError::Malformed {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        let problems = crosswalk.lint(target);
        if problems.is_empty() {
            Ok(crosswalk)
        } else {
            Err(InstrumentError::Inconsistent {
                id: crosswalk.id.clone(),
                problems,
            })
        }
    }

    /// Checks the data against the target instrument: it is the instrument the crosswalk
    /// names; source articles are listed once, in order; every target resolves to an article
    /// or element of the instrument; `none` has no target and every other relationship has
    /// one; unmatched articles exist and are targeted by no entry.
    ///
    /// ```
    /// use budapest_gap::Instrument;
    /// use budapest_gap::instrument::Crosswalk;
    ///
    /// assert!(Crosswalk::uncc().lint(Instrument::ets_185()).is_empty());
    /// ```
    pub fn lint(&self, target: &Instrument) -> Vec<LintError> {
        let mut out = Vec::new();
        let mut err = |at: String, message: String| out.push(LintError { at, message });
        if self.to != target.id {
            err(
                self.id.clone(),
                format!("names `{}` but is checked against `{}`", self.to, target.id),
            );
        }
        let mut last = 0;
        for e in &self.entries {
            let at = format!("{} article {}", self.from.id, e.article);
            if e.article <= last {
                err(at.clone(), "listed out of order or twice".into());
            }
            last = e.article;
            match (e.relationship, e.targets.is_empty()) {
                (Relationship::None, false) => err(at.clone(), "`none` with targets".into()),
                (r, true) if r != Relationship::None => {
                    err(at.clone(), format!("`{}` without a target", r.as_str()))
                }
                _ => {}
            }
            for t in &e.targets {
                let resolves = if t.contains('.') {
                    target.element(t).is_some()
                } else {
                    target.article_by_id(t).is_some()
                };
                if !resolves {
                    err(
                        at.clone(),
                        format!("target `{t}` is no article or element of `{}`", target.id),
                    );
                }
            }
        }
        let targeted: HashSet<u16> = self
            .entries
            .iter()
            .flat_map(|e| &e.targets)
            .filter_map(|t| target_article(t))
            .collect();
        for u in &self.unmatched {
            let at = format!("{} article {}", target.id, u.article);
            if target.article(u.article).is_none() {
                err(at, "unmatched article does not exist".into());
            } else if targeted.contains(&u.article) {
                err(at, "listed as unmatched but targeted by an entry".into());
            }
        }
        out
    }
}

/// The article number of a target (`art-12.legal-person-liability` is 12).
pub fn target_article(target: &str) -> Option<u16> {
    target.split('.').next()?.strip_prefix("art-")?.parse().ok()
}
