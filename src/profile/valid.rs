//! A profile that has passed validation, with its references resolved: what the engine reads.
//!
//! [`Profile`] is the file as written; [`ValidProfile`] exists only for a profile without
//! errors, so the engine never has to second-guess an id, a limitation or a reservation.

use std::collections::BTreeMap;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::Serialize;

use super::model::*;
use super::{Profile, ProfileError};
#[cfg(doc)]
use crate::instrument::Instrument;

/// A profile without errors, its references resolved against the embedded instruments.
///
/// It dereferences to the [`Profile`] it was made from. Get one from [`Profile::from_path`],
/// [`Profile::from_json`], [`super::CheckedProfile::into_profile`] or, for a profile built
/// or changed in memory, [`Profile::validate`].
///
/// # Example
///
/// ```
/// use budapest_gap::Profile;
///
/// let valid = Profile::from_path("profiles/united-kingdom.json").unwrap();
/// let art2 = valid.article("ets-185", 2).unwrap();
/// assert!(art2.provisions[0].citation.contains("Computer Misuse Act 1990"));
/// // Changed in memory, a profile is validated again before it is assessed.
/// let mut edited = valid.into_profile();
/// edited.jurisdiction.name = "Ruritania".into();
/// assert!(edited.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProfile {
    profile: Profile,
    articles: BTreeMap<(String, u16), ValidArticle>,
    choices: BTreeMap<String, Vec<ValidChoice>>,
}

/// One article's assessment, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidArticle {
    /// The provisions cited as implementing the article, in the profile's order.
    pub provisions: Vec<CitedProvision>,
    /// The article-level status, the default for its elements.
    pub status: Option<Status>,
    /// Per-element overrides, by local element id.
    pub elements: BTreeMap<String, ElementAssessment>,
    /// The limitations, each a qualifier or a restriction.
    pub limitations: Vec<ValidLimitation>,
    /// The assessor's note (Markdown).
    pub note: Option<String>,
    /// Whether the elements another instrument's ratings decide are carried over.
    pub carried_over: bool,
}

/// A domestic provision as recommendations and reports cite it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct CitedProvision {
    /// The provision's id in the profile.
    pub id: String,
    /// `§ 202c of the StGB`: the reference and the law's short title (or title).
    pub citation: String,
    /// The provision's reference (`§ 202c`).
    pub reference: String,
    /// The law's short title, or its title (`the StGB`).
    pub law: String,
}

/// A way a domestic provision is narrower than the article.
#[derive(Debug, Clone, PartialEq)]
pub enum ValidLimitation {
    /// Domestic law requires a qualifier the article lets a Party require.
    Qualifier {
        /// The qualifier's local id (`security-measures`).
        id: String,
        /// The assessor's note.
        note: Option<String>,
    },
    /// A restriction the treaty does not provide for.
    Restriction {
        /// The restriction, in words.
        text: String,
        /// How much it matters (major when the profile does not say).
        severity: Severity,
        /// The core element it narrows, if one.
        element: Option<String>,
        /// The assessor's note.
        note: Option<String>,
    },
}

/// Whether a State's choice is a reservation or a declaration (designations are recorded
/// as declarations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceKind {
    /// Under `instruments.*.reservations`.
    Reservation,
    /// Under `instruments.*.declarations`.
    Declaration,
}

impl ChoiceKind {
    /// `reservation` or `declaration`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChoiceKind::Reservation => "reservation",
            ChoiceKind::Declaration => "declaration",
        }
    }
}

/// A reservation or declaration recorded in the profile. Which of the treaty's permissions
/// it relies on is for the instrument to say ([`Instrument::permissions_cited`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidChoice {
    /// Reservation or declaration, as recorded.
    pub kind: ChoiceKind,
    /// The entry as written.
    pub choice: StateChoice,
}

/// Where a State stands towards an instrument: what it may still do about reservations and
/// declarations depends on it (Articles 40, 42 and 43 of ETS 185).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BoundStatus {
    /// Neither signed nor ratified (invited, or a draft accession).
    NotSigned,
    /// Signed, instrument of ratification not yet deposited.
    Signatory,
    /// Instrument of ratification, acceptance, approval or accession deposited: a Party.
    /// Declarations and reservations can no longer be made; a reservation can be withdrawn.
    Party,
}

impl BoundStatus {
    /// Whether reservations and declarations may still be made (at signature or on deposit
    /// of the instrument of ratification or accession).
    pub fn may_still_reserve(self) -> bool {
        self != BoundStatus::Party
    }
}

impl Deref for ValidProfile {
    type Target = Profile;
    fn deref(&self) -> &Profile {
        &self.profile
    }
}

impl ValidProfile {
    /// Resolves a profile that validation found without errors.
    pub(crate) fn resolve(profile: Profile) -> ValidProfile {
        let mut articles = BTreeMap::new();
        for (instrument, entries) in &profile.assessment {
            for (id, entry) in entries {
                let Some(number) = article_number(id) else {
                    continue;
                };
                articles.insert(
                    (instrument.clone(), number),
                    ValidArticle {
                        provisions: entry
                            .provisions
                            .iter()
                            .map(|p| cite_provision(&profile, p))
                            .collect(),
                        status: entry.status,
                        elements: entry.elements.clone(),
                        limitations: entry.limitations.iter().filter_map(limitation).collect(),
                        note: entry.note.clone(),
                        carried_over: entry.carried_over,
                    },
                );
            }
        }
        let mut choices = BTreeMap::new();
        for (id, status) in &profile.instruments {
            let reservations = status.reservations.iter().map(|c| ValidChoice {
                kind: ChoiceKind::Reservation,
                choice: c.clone(),
            });
            let declarations = status.declarations.iter().map(|c| ValidChoice {
                kind: ChoiceKind::Declaration,
                choice: c.clone(),
            });
            choices.insert(id.clone(), reservations.chain(declarations).collect());
        }
        ValidProfile {
            profile,
            articles,
            choices,
        }
    }

    /// The profile as written.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile as written, to change it (validate it again with [`Profile::validate`]).
    pub fn into_profile(self) -> Profile {
        self.profile
    }

    /// The assessment of one article of one instrument, if the profile has one.
    pub fn article(&self, instrument: &str, number: u16) -> Option<&ValidArticle> {
        self.articles.get(&(instrument.to_string(), number))
    }

    /// The reservations and declarations recorded for an instrument.
    pub fn choices(&self, instrument: &str) -> &[ValidChoice] {
        self.choices.get(instrument).map_or(&[], Vec::as_slice)
    }

    /// Where the State stands towards an instrument.
    pub fn bound_status(&self, instrument: &str) -> BoundStatus {
        match self.profile.instruments.get(instrument) {
            Some(s) if s.ratified.is_some() || s.in_force.is_some() => BoundStatus::Party,
            Some(s) if s.signed.is_some() => BoundStatus::Signatory,
            _ => BoundStatus::NotSigned,
        }
    }
}

impl Profile {
    /// Validates a profile built or changed in memory, against the embedded instruments.
    ///
    /// Diagnostics point into the profile's pretty-printed JSON (`<memory>`).
    ///
    /// # Errors
    ///
    /// [`ProfileError::Invalid`] with every diagnostic when the profile has an error.
    pub fn validate(&self) -> Result<ValidProfile, ProfileError> {
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        Profile::from_json("<memory>", &text)
    }
}

fn article_number(id: &str) -> Option<u16> {
    let digits = id.strip_prefix("art-")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn cite_provision(profile: &Profile, id: &str) -> CitedProvision {
    let provision = profile.provisions.iter().find(|p| p.id == id);
    let reference = provision.map_or_else(|| id.to_string(), |p| p.reference.clone());
    let law = provision
        .and_then(|p| profile.laws.iter().find(|l| l.id == p.law))
        .map(|l| l.short_title.clone().unwrap_or_else(|| l.title.clone()))
        .unwrap_or_default();
    let citation = if law.is_empty() {
        reference.clone()
    } else {
        format!("{reference} of {law}")
    };
    CitedProvision {
        id: id.to_string(),
        citation,
        reference,
        law,
    }
}

fn limitation(l: &Limitation) -> Option<ValidLimitation> {
    match (&l.qualifier, &l.restriction) {
        (Some(q), None) => Some(ValidLimitation::Qualifier {
            id: q.clone(),
            note: l.note.clone(),
        }),
        (None, Some(text)) => Some(ValidLimitation::Restriction {
            text: text.clone(),
            severity: l.severity.unwrap_or(Severity::Major),
            element: l.element.clone(),
            note: l.note.clone(),
        }),
        _ => None,
    }
}
