//! The assessment's types (the *results* and the *plan of action*). Their serialised form is
//! what `budapest-gap score --format json` prints.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Date;
use crate::instrument::PermissionKind;
use crate::profile::{ChoiceStatus, DocumentKind, Severity, Status};

/// The rating of one article, on the FATF / MONEYVAL four-step scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum Rating {
    /// Compliant: every applicable element met, no shortcoming.
    C,
    /// Largely compliant.
    LC,
    /// Partially compliant.
    PC,
    /// Non-compliant.
    NC,
    /// Not applicable: no element applies (a reservation removed them all).
    NA,
    /// Not assessed: the profile says nothing about the article, or only "not assessed".
    #[serde(rename = "not-assessed")]
    NotAssessed,
}

impl Rating {
    /// Every rating, best first.
    pub const ALL: [Rating; 6] = [
        Rating::C,
        Rating::LC,
        Rating::PC,
        Rating::NC,
        Rating::NA,
        Rating::NotAssessed,
    ];

    /// The abbreviation used in tables: `C`, `LC`, `PC`, `NC`, `NA`, `—`.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Rating::C => "C",
            Rating::LC => "LC",
            Rating::PC => "PC",
            Rating::NC => "NC",
            Rating::NA => "NA",
            Rating::NotAssessed => "—",
        }
    }

    /// The rating in words: `Largely compliant`.
    pub fn label(self) -> &'static str {
        match self {
            Rating::C => "Compliant",
            Rating::LC => "Largely compliant",
            Rating::PC => "Partially compliant",
            Rating::NC => "Non-compliant",
            Rating::NA => "Not applicable",
            Rating::NotAssessed => "Not assessed",
        }
    }

    /// The position on the compliance scale (NC 0 … C 3); `None` for NA and not assessed,
    /// which are not on the scale.
    pub fn rank(self) -> Option<u8> {
        match self {
            Rating::NC => Some(0),
            Rating::PC => Some(1),
            Rating::LC => Some(2),
            Rating::C => Some(3),
            Rating::NA | Rating::NotAssessed => None,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

/// What an engine computed from a checklist and a profile.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Assessment {
    /// The instrument's id (`ets-185`).
    pub instrument: String,
    /// The instrument's number and title: `ETS No. 185 – Convention on Cybercrime`.
    pub instrument_title: String,
    /// The jurisdiction's name.
    pub jurisdiction: String,
    /// In force or draft.
    pub document_kind: DocumentKind,
    /// The profile's title.
    pub document_title: String,
    /// The profile's as-of date.
    pub as_of: Date,
    /// The index over all scored articles, with and without reservations, and the counts.
    pub index: Index,
    /// The same per chapter and section.
    pub divisions: Vec<DivisionIndex>,
    /// Every scored article, in treaty order.
    pub articles: Vec<ArticleResult>,
    /// The reservations and declarations recorded, with their validity and effect.
    pub choices: Vec<ChoiceResult>,
    /// Every gap, most serious first.
    pub gaps: Vec<Gap>,
}

/// An index (0–100) and the counts behind it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Index {
    /// Mean article score × 100 over the rated articles (C, LC, PC, NC), reservations applied;
    /// `None` when no article is rated.
    pub score: Option<f64>,
    /// The same, ignoring the reservations: what the State's choices cost.
    pub score_without_reservations: Option<f64>,
    /// Scored articles that have been assessed (any rating but not assessed).
    pub assessed: usize,
    /// Scored articles in the division.
    pub scorable: usize,
    /// How many articles have each rating.
    pub counts: RatingCounts,
}

/// How many articles have each rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RatingCounts {
    /// Compliant.
    #[serde(rename = "C")]
    pub c: usize,
    /// Largely compliant.
    #[serde(rename = "LC")]
    pub lc: usize,
    /// Partially compliant.
    #[serde(rename = "PC")]
    pub pc: usize,
    /// Non-compliant.
    #[serde(rename = "NC")]
    pub nc: usize,
    /// Not applicable.
    #[serde(rename = "NA")]
    pub na: usize,
    /// Not assessed.
    #[serde(rename = "not-assessed")]
    pub not_assessed: usize,
}

impl RatingCounts {
    /// The count for one rating.
    pub fn get(&self, rating: Rating) -> usize {
        match rating {
            Rating::C => self.c,
            Rating::LC => self.lc,
            Rating::PC => self.pc,
            Rating::NC => self.nc,
            Rating::NA => self.na,
            Rating::NotAssessed => self.not_assessed,
        }
    }

    pub(crate) fn add(&mut self, rating: Rating) {
        let slot = match rating {
            Rating::C => &mut self.c,
            Rating::LC => &mut self.lc,
            Rating::PC => &mut self.pc,
            Rating::NC => &mut self.nc,
            Rating::NA => &mut self.na,
            Rating::NotAssessed => &mut self.not_assessed,
        };
        *slot += 1;
    }
}

/// The index of one chapter or section.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DivisionIndex {
    /// `Chapter II, Section 1 – Substantive criminal law`.
    pub division: String,
    /// Its index.
    pub index: Index,
}

/// The assessment of one article.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArticleResult {
    /// Article number.
    pub number: u16,
    /// Official title.
    pub title: String,
    /// The chapter and section it belongs to.
    pub division: String,
    /// The rating.
    pub rating: Rating,
    /// Weighted mean of the applicable elements' values (0–1), reservations applied.
    pub score: Option<f64>,
    /// The same over every core element, ignoring reservations.
    pub score_without_reservations: Option<f64>,
    /// The provisions cited as evidence.
    pub provisions: Vec<String>,
    /// Every element with its value.
    pub elements: Vec<ElementResult>,
    /// Why the rating is what it is, one sentence each.
    pub reasons: Vec<String>,
    /// The assessor's note, as written in the profile (Markdown).
    pub note: Option<String>,
}

/// The value of one element in an article's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ElementResult {
    /// Local id (`intent`).
    pub id: String,
    /// Paragraph it belongs to, as cited (`1.a`).
    pub paragraph: Option<String>,
    /// The element, paraphrased.
    pub text: String,
    /// Core or qualifier.
    pub kind: crate::instrument::ElementKind,
    /// Status as resolved (element override, else the article's default, else not assessed).
    pub status: Status,
    /// Its weight.
    pub weight: u32,
    /// Whether it counts in the score (core and not removed by a reservation).
    pub applicable: bool,
    /// The provision of the reservation that removed it, if one did.
    pub removed_by: Option<String>,
    /// For a qualifier: whether domestic law requires it (a limitation names it).
    pub required_by_law: bool,
    /// The assessor's note (Markdown).
    pub note: Option<String>,
}

/// A reservation or declaration recorded in the profile.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ChoiceResult {
    /// Reservation, declaration or designation (as the treaty grants it).
    pub kind: PermissionKind,
    /// `Article 6, paragraph 3`.
    pub provision: String,
    /// Made or planned.
    pub status: ChoiceStatus,
    /// Whether the treaty permits it, and under which clause.
    pub basis: Option<String>,
    /// What the treaty lets it do (the permission's summary), or why it is invalid.
    pub effect: String,
    /// The elements it removes or permits, as references (`art-6.possession`).
    pub elements: Vec<String>,
    /// The State's words, as recorded.
    pub text: Option<String>,
}

/// Kinds of gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// A core element domestic law does not implement.
    MissingElement,
    /// A core element implemented in part.
    PartialElement,
    /// A restriction the treaty does not permit.
    Restriction,
    /// A qualifier that needs a declaration or reservation the State has not made or planned.
    UndeclaredQualifier,
    /// A planned reservation or declaration the treaty does not permit.
    ImpermissibleChoice,
    /// A core element not assessed.
    UnassessedElement,
    /// An article not assessed at all.
    UnassessedArticle,
}

/// How urgent a gap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GapSeverity {
    /// A missing element, a major restriction, an impermissible reservation.
    Major,
    /// A partly met element, a minor restriction, an undeclared qualifier.
    Minor,
    /// Something not assessed: unknown, not known to be compliant.
    Unassessed,
}

impl From<Severity> for GapSeverity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Minor => GapSeverity::Minor,
            Severity::Major => GapSeverity::Major,
        }
    }
}

impl GapSeverity {
    /// `major`, `minor` or `unassessed`.
    pub fn as_str(self) -> &'static str {
        match self {
            GapSeverity::Major => "major",
            GapSeverity::Minor => "minor",
            GapSeverity::Unassessed => "unassessed",
        }
    }
}

/// One shortcoming, with what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Gap {
    /// The article it concerns.
    pub article: u16,
    /// The article's title.
    pub article_title: String,
    /// The element it concerns, if one (`intent`).
    pub element: Option<String>,
    /// What kind of gap.
    pub kind: GapKind,
    /// How urgent.
    pub severity: GapSeverity,
    /// What is wrong.
    pub message: String,
    /// What to do, naming the jurisdiction.
    pub recommendation: String,
}
