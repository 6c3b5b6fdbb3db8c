//! The assessment's types (the *results*, the *plan of action* and the assessor's to-do
//! list). Their serialised form is what `budapest-gap score --format json` prints.
//!
//! Every reason, gap and recommendation is a value with fields; its `Display` is the English
//! sentence. Presenters read the fields, never re-parse the sentence.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Date;
use crate::instrument::{ElementKind, PermissionKind};
use crate::profile::{
    BoundStatus, ChoiceKind, ChoiceStatus, CitedProvision, DocumentKind, Severity, Status,
};

/// The rating of one article, on the FATF / MONEYVAL four-step scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum Rating {
    /// Compliant: every assessed applicable element met, no shortcoming.
    C,
    /// Largely compliant.
    LC,
    /// Partially compliant.
    PC,
    /// Non-compliant.
    NC,
    /// Not applicable: no element applies (a reservation removed them all, or the article
    /// only permits).
    NA,
    /// Not assessed: no applicable element has been assessed.
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

/// An exact fraction (`num / den`), for scores and the thresholds they are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Share {
    /// Numerator.
    pub num: u64,
    /// Denominator (never 0).
    pub den: u64,
}

impl Share {
    /// `num / den`.
    pub const fn new(num: u64, den: u64) -> Share {
        Share { num, den }
    }

    /// Whether `self ≥ other`, exactly.
    pub fn at_least(self, other: Share) -> bool {
        u128::from(self.num) * u128::from(other.den) >= u128::from(other.num) * u128::from(self.den)
    }

    /// Whether the share is 1.
    pub fn is_whole(self) -> bool {
        self.num == self.den
    }

    /// The value, rounded to three decimals.
    pub fn value(self) -> f64 {
        round(self.num as f64 / self.den as f64, 3)
    }
}

pub(crate) fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// How many applicable elements have been assessed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Coverage {
    /// Applicable elements assessed (met, partly or not met).
    pub assessed: usize,
    /// Applicable elements.
    pub applicable: usize,
}

impl Coverage {
    /// Whether every applicable element is assessed.
    pub fn is_complete(self) -> bool {
        self.assessed == self.applicable
    }

    /// The assessed share, `None` when nothing applies.
    pub fn share(self) -> Option<Share> {
        (self.applicable > 0).then(|| Share::new(self.assessed as u64, self.applicable as u64))
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} element{} assessed",
            self.assessed,
            self.applicable,
            if self.applicable == 1 { "" } else { "s" }
        )
    }
}

/// How the applicable elements of an article stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Tally {
    /// Met.
    pub met: usize,
    /// Partly met.
    pub partly: usize,
    /// Not met.
    pub not_met: usize,
    /// Not assessed.
    pub not_assessed: usize,
}

impl Tally {
    /// Adds one element's status.
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Met => self.met += 1,
            Status::Partly => self.partly += 1,
            Status::NotMet => self.not_met += 1,
            Status::NotAssessed => self.not_assessed += 1,
        }
    }

    /// Elements counted.
    pub fn total(self) -> usize {
        self.met + self.partly + self.not_met + self.not_assessed
    }

    /// Elements assessed.
    pub fn assessed(self) -> usize {
        self.met + self.partly + self.not_met
    }
}

impl fmt::Display for Tally {
    /// `6 of 7 met, 1 partly` — over the assessed elements.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} met", self.met, self.assessed())?;
        if self.partly > 0 {
            write!(f, ", {} partly", self.partly)?;
        }
        Ok(())
    }
}

/// An element named in a reason, gap or recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ElementRef {
    /// Local id (`intent`).
    pub id: String,
    /// The element, paraphrased.
    pub text: String,
}

impl ElementRef {
    /// The element's text inside a sentence: lower-case first letter, no final full stop.
    pub fn in_text(&self) -> String {
        lowercase_first(&self.text)
    }
}

/// An element's text inside a sentence: lower-case first letter, no final full stop.
pub(crate) fn lowercase_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
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
    /// The jurisdiction's name inside a sentence (`the United Kingdom`).
    pub jurisdiction_in_text: String,
    /// Where the State stands towards the instrument; it decides the advice.
    pub bound_status: BoundStatus,
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
    /// Every shortcoming found in the law, most serious first.
    pub gaps: Vec<Gap>,
    /// What the State should do: the plan of action, numbered R1, R2, … by priority.
    pub recommendations: Vec<Recommendation>,
    /// What the assessor has not yet looked at; never advice to the State.
    pub to_assess: Vec<ToAssess>,
}

/// An index (0–100) and the counts behind it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Index {
    /// Mean article score × 100 over the rated articles (C, LC, PC, NC), reservations
    /// applied; `None` when no article is rated.
    pub score: Option<f64>,
    /// [`Index::score`] when the coverage reaches [`super::COVERAGE_THRESHOLD`]; `None`
    /// otherwise ("insufficient coverage"): the figure a report may put in a headline.
    pub headline: Option<f64>,
    /// The same as `score`, ignoring the reservations: what the State's choices cost.
    pub score_without_reservations: Option<f64>,
    /// Applicable elements assessed, over all scored articles of the division.
    pub coverage: Coverage,
    /// Scored articles with a rating other than not assessed.
    pub assessed: usize,
    /// Rated articles whose rating is provisional.
    pub provisional: usize,
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
    /// Whether the rating rests on only part of the applicable elements.
    pub provisional: bool,
    /// Applicable elements assessed.
    pub coverage: Coverage,
    /// How the applicable elements stand.
    pub tally: Tally,
    /// Weighted mean of the assessed applicable elements' values (0–1), reservations applied.
    pub score: Option<f64>,
    /// The same over every core element, ignoring reservations.
    pub score_without_reservations: Option<f64>,
    /// The provisions cited as evidence.
    pub provisions: Vec<CitedProvision>,
    /// Every element with its value.
    pub elements: Vec<ElementResult>,
    /// Why the rating is what it is.
    pub reasons: Vec<Reason>,
    /// The T-CY practice criteria, reported beside the legal rating and never part of it.
    pub practice: Option<PracticeFinding>,
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
    /// Core, qualifier, option, practice or alternative.
    pub kind: ElementKind,
    /// Status as resolved (element override, else the article's default, else not
    /// assessed); for an element an alternative replaces, the better of the two.
    pub status: Status,
    /// Its weight.
    pub weight: u32,
    /// Whether it counts in the score (core, not removed by a reservation, and its
    /// condition met).
    pub applicable: bool,
    /// The provision of the reservation that removed it, if one did.
    pub removed_by: Option<String>,
    /// The alternative (local id) that stands in for it, if one is in place.
    pub replaced_by: Option<String>,
    /// For a qualifier: whether domestic law requires it (a limitation names it).
    pub required_by_law: bool,
    /// The assessor's note (Markdown).
    pub note: Option<String>,
    /// When another instrument's ratings decide the status (the profile marks the article
    /// `carried_over`), those ratings.
    pub carried_over: Option<CarriedOver>,
}

/// The ratings of another instrument's articles that decide an element (ETS 189 Article 8:
/// the Convention's procedural powers, Articles 14–21, and co-operation, Articles 23–35).
///
/// The element is met when every article is rated C; partly met when every one is at least
/// PC; not met when any is NC; not assessed while any is not assessed and none is NC.
/// Articles rated N/A (removed by a reservation) do not count.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CarriedOver {
    /// The other instrument's id (`ets-185`).
    pub instrument: String,
    /// Its number (`ETS 185`).
    pub instrument_number: String,
    /// The ratings, in article order.
    pub ratings: Vec<CarriedRating>,
}

/// One article's rating in a [`CarriedOver`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct CarriedRating {
    /// The article.
    pub article: u16,
    /// Its rating.
    pub rating: Rating,
    /// Whether the rating is provisional.
    pub provisional: bool,
}

impl CarriedOver {
    /// The status the ratings give the element.
    ///
    /// ```
    /// use budapest_gap::assess::{CarriedOver, CarriedRating, Rating};
    /// use budapest_gap::profile::Status;
    ///
    /// let r = |article, rating| CarriedRating { article, rating, provisional: false };
    /// let mut c = CarriedOver {
    ///     instrument: "ets-185".into(),
    ///     instrument_number: "ETS 185".into(),
    ///     ratings: vec![r(14, Rating::C), r(15, Rating::LC)],
    /// };
    /// assert_eq!(c.status(), Status::Partly);
    /// c.ratings.push(r(16, Rating::NotAssessed));
    /// assert_eq!(c.status(), Status::NotAssessed);
    /// c.ratings.push(r(17, Rating::NC));
    /// assert_eq!(c.status(), Status::NotMet);
    /// ```
    pub fn status(&self) -> Status {
        let counted = || self.ratings.iter().filter(|r| r.rating != Rating::NA);
        if counted().any(|r| r.rating == Rating::NC) {
            Status::NotMet
        } else if counted().next().is_none() || counted().any(|r| r.rating == Rating::NotAssessed) {
            Status::NotAssessed
        } else if counted().all(|r| r.rating == Rating::C) {
            Status::Met
        } else {
            Status::Partly
        }
    }

    /// The articles, as a range where they run on (`14–21`).
    pub fn articles(&self) -> String {
        let numbers: Vec<u16> = self.ratings.iter().map(|r| r.article).collect();
        crate::instrument::article_range(&numbers)
    }
}

impl ElementResult {
    /// The element as a reference.
    pub fn as_ref(&self) -> ElementRef {
        ElementRef {
            id: self.id.clone(),
            text: self.text.clone(),
        }
    }
}

/// The T-CY "applied in practice" criteria of an article.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PracticeFinding {
    /// False for a draft law, which has no practice yet.
    pub applies: bool,
    /// How the criteria stand.
    pub tally: Tally,
    /// The criteria found not or only partly applied.
    pub shortfalls: Vec<ElementRef>,
}

impl fmt::Display for PracticeFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.applies {
            return f.write_str(
                "Practice criteria do not apply to a draft law: it has not been applied yet.",
            );
        }
        if self.tally.assessed() == 0 {
            return write!(
                f,
                "Practice: {} criterion(s) not assessed; not part of the legal rating.",
                self.tally.total()
            );
        }
        write!(
            f,
            "Practice: {} of {} criteria shown to be applied in practice",
            self.tally.met,
            self.tally.total()
        )?;
        if !self.shortfalls.is_empty() {
            let names: Vec<String> = self.shortfalls.iter().map(ElementRef::in_text).collect();
            write!(f, "; not shown: {}", names.join("; "))?;
        }
        f.write_str("; not part of the legal rating.")
    }
}

/// A shortcoming, as the cause of a cap.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Shortcoming {
    /// What kind.
    pub kind: GapKind,
    /// How serious.
    pub severity: Severity,
    /// The element concerned, if one.
    pub element: Option<ElementRef>,
    /// The restriction's text, or the provision of the reservation or declaration.
    pub detail: Option<String>,
}

impl fmt::Display for Shortcoming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let element = self.element.as_ref().map(ElementRef::in_text);
        let detail = self.detail.as_deref().unwrap_or("");
        match (self.kind, element) {
            (GapKind::MissingElement, Some(e)) => write!(f, "not met: {e}"),
            (GapKind::PartialElement, Some(e)) => write!(f, "partly met: {e}"),
            (GapKind::Restriction, _) => write!(f, "restriction: {detail}"),
            (GapKind::UndeclaredQualifier, Some(_)) => write!(
                f,
                "a condition applied without the declaration or reservation it needs: “{}”",
                self.element
                    .as_ref()
                    .map_or("", |e| e.text.trim().trim_end_matches('.'))
            ),
            (GapKind::ImpermissibleChoice, _) => {
                write!(
                    f,
                    "a reservation or declaration the treaty does not permit ({detail})"
                )
            }
            (kind, _) => write!(f, "{}", kind.as_str()),
        }
    }
}

/// Why an article's rating is what it is.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Reason {
    /// How the applicable elements stand.
    Elements {
        /// Their statuses.
        tally: Tally,
        /// The score over the assessed ones.
        score: Share,
    },
    /// Some applicable elements are not assessed: the rating is over the others only.
    Provisional {
        /// How many are assessed.
        coverage: Coverage,
    },
    /// The provisions cited as evidence.
    Evidence {
        /// Their citations.
        provisions: Vec<String>,
    },
    /// Elements that do not apply because of a reservation.
    Reserved {
        /// The provision reserved (`Article 6, paragraph 3`).
        provision: String,
        /// The elements it removes.
        elements: Vec<ElementRef>,
    },
    /// An element that counts as met because an alternative the article accepts is in place.
    Alternative {
        /// The element replaced.
        element: ElementRef,
        /// The alternative.
        alternative: ElementRef,
    },
    /// A qualifier domestic law requires, which the article itself permits.
    QualifierPermitted {
        /// The qualifier.
        qualifier: ElementRef,
    },
    /// A qualifier domestic law requires, covered by a reservation or declaration.
    QualifierCovered {
        /// The qualifier.
        qualifier: ElementRef,
        /// Reservation or declaration.
        kind: PermissionKind,
        /// The provision it names.
        provision: String,
        /// Made or planned.
        status: ChoiceStatus,
    },
    /// A qualifier domestic law requires without the declaration or reservation it needs.
    QualifierUndeclared {
        /// The qualifier.
        qualifier: ElementRef,
        /// What would cover it: `the declaration on Article 2 (Article 40)`.
        needs: Vec<String>,
    },
    /// A restriction the treaty does not provide for.
    Restriction {
        /// In words.
        text: String,
        /// Minor or major.
        severity: Severity,
    },
    /// The rating is lower than the score alone gives, because of a shortcoming.
    Capped {
        /// The rating the score alone gives.
        score_gives: Rating,
        /// The rating the shortcoming allows at most.
        cap: Rating,
        /// The worst shortcoming.
        by: Shortcoming,
    },
    /// The safeguards of Article 15 apply to this power.
    Safeguards {
        /// Article 15.
        article: u16,
        /// Its title.
        title: String,
        /// Its rating.
        rating: Rating,
    },
    /// No element applies.
    NoApplicableElement,
    /// The article permits but does not require: its options are reported, not rated.
    OptionsOnly {
        /// Options available in domestic law.
        available: usize,
        /// Options recorded as not available.
        unavailable: usize,
        /// Options not assessed.
        not_assessed: usize,
    },
    /// Nothing applicable is assessed.
    NotAssessed {
        /// True when the profile has no entry for the article at all.
        no_entry: bool,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Elements { tally, .. } => {
                write!(f, "Applicable elements: {tally}")?;
                if tally.not_met > 0 {
                    write!(f, ", {} not met", tally.not_met)?;
                }
                f.write_str(".")
            }
            Reason::Provisional { coverage } => write!(
                f,
                "Provisional: {coverage}; the rating rests on those alone."
            ),
            Reason::Evidence { provisions } => {
                write!(f, "Evidence: {}.", provisions.join("; "))
            }
            Reason::Reserved {
                provision,
                elements,
            } => {
                let names: Vec<String> = elements.iter().map(ElementRef::in_text).collect();
                write!(
                    f,
                    "Not applicable because of the reservation on {provision}: {}.",
                    names.join("; ")
                )
            }
            Reason::Alternative {
                element,
                alternative,
            } => write!(
                f,
                "Counts as met through the alternative the article accepts ({}): {}.",
                alternative.in_text(),
                element.in_text()
            ),
            Reason::QualifierPermitted { qualifier } => write!(
                f,
                "Domestic law applies a condition the article permits: “{}”.",
                qualifier.text.trim().trim_end_matches('.')
            ),
            Reason::QualifierCovered {
                qualifier,
                kind,
                provision,
                status,
            } => write!(
                f,
                "Domestic law applies a condition covered by the {} on {provision} ({}): “{}”.",
                kind.as_str(),
                match status {
                    ChoiceStatus::Made => "made",
                    ChoiceStatus::Planned => "planned",
                },
                qualifier.text.trim().trim_end_matches('.')
            ),
            Reason::QualifierUndeclared { qualifier, needs } => write!(
                f,
                "Domestic law applies a condition without {}, a minor shortcoming: “{}”.",
                needs.join(" or "),
                qualifier.text.trim().trim_end_matches('.')
            ),
            Reason::Restriction { text, severity } => {
                write!(f, "Restriction ({}): {text}", severity_word(*severity))
            }
            Reason::Capped {
                score_gives,
                cap,
                by,
            } => write!(
                f,
                "Capped at {cap} (the score alone gives {score_gives}): {by}."
            ),
            Reason::Safeguards {
                article,
                title,
                rating,
            } => write!(
                f,
                "Conditions and safeguards for this power are assessed under Article {article} ({title}), rated {}.",
                rating.label()
            ),
            Reason::NoApplicableElement => {
                f.write_str("No element applies: the article is not applicable.")
            }
            Reason::OptionsOnly {
                available,
                unavailable,
                not_assessed,
            } => write!(
                f,
                "The article permits but does not require: not rated. Options available in domestic law: {available}; not available: {unavailable}; not assessed: {not_assessed}."
            ),
            Reason::NotAssessed { no_entry: true } => {
                f.write_str("The profile does not assess this article.")
            }
            Reason::NotAssessed { no_entry: false } => {
                f.write_str("No applicable element has been assessed.")
            }
        }
    }
}

/// `minor` or `major`.
pub(crate) fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "minor",
        Severity::Major => "major",
    }
}

/// Whether a recorded reservation or declaration has effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceValidity {
    /// The treaty permits it and it was made, or is planned by a State that may still make it.
    Valid,
    /// The treaty permits none on that provision.
    NotPermitted,
    /// Planned by a Party, which can no longer make it (Articles 40 and 42: only at
    /// signature or on deposit of the instrument of ratification or accession).
    TooLate,
}

/// A reservation or declaration recorded in the profile.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ChoiceResult {
    /// Reservation or declaration, as recorded.
    pub kind: ChoiceKind,
    /// What the treaty grants there: reservation, declaration or designation.
    pub permission_kind: Option<PermissionKind>,
    /// `Article 6, paragraph 3`, as recorded.
    pub provision: String,
    /// Made or planned.
    pub status: ChoiceStatus,
    /// Whether it has effect.
    pub validity: ChoiceValidity,
    /// The clause(s) that permit it (`Article 42`).
    pub basis: Vec<String>,
    /// What the treaty lets it do (the permissions' summaries).
    pub effect: Vec<String>,
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
    /// A reservation or declaration the treaty does not permit.
    ImpermissibleChoice,
}

impl GapKind {
    /// Kebab-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            GapKind::MissingElement => "missing-element",
            GapKind::PartialElement => "partial-element",
            GapKind::Restriction => "restriction",
            GapKind::UndeclaredQualifier => "undeclared-qualifier",
            GapKind::ImpermissibleChoice => "impermissible-choice",
        }
    }
}

/// One shortcoming of the law.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Gap {
    /// The article it concerns.
    pub article: u16,
    /// The article's title.
    pub article_title: String,
    /// What kind of gap.
    pub kind: GapKind,
    /// How serious.
    pub severity: Severity,
    /// The element it concerns, if one.
    pub element: Option<ElementRef>,
    /// The restriction's text, or the provision of the reservation or declaration.
    pub detail: Option<String>,
    /// The recommendation that closes it (`R3`).
    pub recommendation: Option<String>,
}

impl Gap {
    /// The shortcoming, without its article.
    pub fn shortcoming(&self) -> Shortcoming {
        Shortcoming {
            kind: self.kind,
            severity: self.severity,
            element: self.element.clone(),
            detail: self.detail.clone(),
        }
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Article {} ({}), {}: {}",
            self.article,
            self.article_title,
            severity_word(self.severity),
            self.shortcoming()
        )
    }
}

/// How urgent a recommendation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// It closes a major gap.
    High,
    /// It closes only minor gaps.
    Medium,
}

impl Priority {
    /// `high` or `medium`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
        }
    }
}

/// What a recommendation asks the State to do.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "remedy", rename_all = "kebab-case")]
pub enum Remedy {
    /// No provision implements the article: enact one.
    Enact {
        /// What the new law should do (the checklist's actions, in order).
        actions: Vec<String>,
    },
    /// The cited provisions fall short: amend them.
    Amend {
        /// What the amended law should do.
        actions: Vec<String>,
    },
    /// An authority the article requires is not designated (or not communicated).
    Designate {
        /// What to do.
        actions: Vec<String>,
    },
    /// A restriction the treaty does not permit: remove it.
    RemoveRestriction {
        /// The restriction, in words.
        restriction: String,
    },
    /// A qualifier needs a declaration or reservation; a State not yet bound may still make
    /// it when it deposits its instrument, or may amend its law.
    DeclareOrAmend {
        /// The qualifier.
        qualifier: ElementRef,
        /// What would cover it: `the declaration on Article 2 (Article 40)`.
        options: Vec<String>,
    },
    /// A Party's law requires a qualifier the Party did not declare or reserve; it can no
    /// longer do so, so the law must change.
    DropQualifier {
        /// The qualifier.
        qualifier: ElementRef,
    },
    /// A planned reservation or declaration the treaty does not permit: do not make it.
    DoNotMake {
        /// Reservation or declaration.
        kind: ChoiceKind,
        /// The provision it names.
        provision: String,
    },
    /// An element carried over from another instrument's ratings (ETS 189 Article 8) falls
    /// short because those articles do: close the gaps found there.
    CloseCarriedGaps {
        /// The other instrument's number (`ETS No. 185`).
        instrument: String,
        /// Its articles rated below compliant, whose gaps carry over.
        articles: Vec<u16>,
        /// What the element asks for.
        actions: Vec<String>,
    },
    /// A reservation or declaration the treaty does not permit, made: withdraw it
    /// (Article 43 for reservations).
    Withdraw {
        /// Reservation or declaration.
        kind: ChoiceKind,
        /// The provision it names.
        provision: String,
    },
}

/// One step of the plan of action, addressed to the State.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Recommendation {
    /// Stable number: `R1`, `R2`, … in order of priority, then article.
    pub id: String,
    /// How urgent.
    pub priority: Priority,
    /// The article it concerns.
    pub article: u16,
    /// The article's title.
    pub article_title: String,
    /// The State, at the start of a sentence (`The United Kingdom`).
    pub addressee: String,
    /// The domestic provisions to amend; empty when a provision must be enacted.
    pub provisions: Vec<CitedProvision>,
    /// What to do.
    pub remedy: Remedy,
    /// The elements whose gaps it closes.
    pub closes: Vec<ElementRef>,
}

impl fmt::Display for Recommendation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = &self.addressee;
        let art = self.article;
        let cited = cite_grouped(&self.provisions);
        let amend = if cited.is_empty() {
            "enact legislation".to_string()
        } else {
            format!("amend {cited}")
        };
        match &self.remedy {
            Remedy::Enact { actions } => write!(
                f,
                "{who} should enact legislation to implement Article {art} ({}): {}.",
                self.article_title,
                join_actions(actions)
            ),
            Remedy::Amend { actions } => write!(
                f,
                "{who} should {amend} (Article {art}) so as to {}.",
                join_actions(actions)
            ),
            Remedy::Designate { actions } => {
                write!(f, "{who} should {} (Article {art}).", join_actions(actions))
            }
            Remedy::RemoveRestriction { restriction } => write!(
                f,
                "{who} should {amend} (Article {art}) to remove a restriction the Convention does not provide for: {}.",
                restriction.trim_end_matches('.')
            ),
            Remedy::DeclareOrAmend { qualifier, options } => write!(
                f,
                "{who} should either make {} when depositing its instrument of ratification or accession, or {amend} (Article {art}) to drop this condition: “{}”.",
                options.join(" or "),
                qualifier.text.trim().trim_end_matches('.')
            ),
            Remedy::DropQualifier { qualifier } => write!(
                f,
                "{who} should {amend} (Article {art}) to drop a condition the Convention allows only with a declaration or reservation, which a Party can no longer make: “{}”.",
                qualifier.text.trim().trim_end_matches('.')
            ),
            Remedy::DoNotMake { kind, provision } => write!(
                f,
                "{who} should not make the planned {} on {provision}, which the Convention does not permit, and should implement the provision in full.",
                kind.as_str()
            ),
            Remedy::CloseCarriedGaps {
                instrument,
                articles,
                actions,
            } => write!(
                f,
                "{who} should close the gaps found under {} of {instrument}, as recommended there, so as to {} (Article {art}).",
                articles_in_words(articles),
                join_actions(actions)
            ),
            Remedy::Withdraw { kind, provision } => write!(
                f,
                "{who} should consider withdrawing the {} on {provision}, which the Convention does not permit{}, and implement the provision in full.",
                kind.as_str(),
                if *kind == ChoiceKind::Reservation {
                    " (Article 43)"
                } else {
                    ""
                }
            ),
        }
    }
}

/// `Article 16`, `Articles 16 and 17`, `Articles 16, 17 and 20`.
fn articles_in_words(articles: &[u16]) -> String {
    let n: Vec<String> = articles.iter().map(ToString::to_string).collect();
    match n.as_slice() {
        [] => "its articles".into(),
        [one] => format!("Article {one}"),
        [init @ .., last] => format!("Articles {} and {last}", init.join(", ")),
    }
}

/// Provisions grouped by law: `s. 8, s. 19 and s. 20 of the PACE 1984 and s. 1 of …`.
pub fn cite_grouped(provisions: &[CitedProvision]) -> String {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for p in provisions {
        match groups.iter_mut().find(|(law, _)| *law == p.law) {
            Some((_, refs)) => refs.push(p.reference.clone()),
            None => groups.push((&p.law, vec![p.reference.clone()])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(law, refs)| {
            if law.is_empty() {
                join_and(&refs)
            } else {
                format!("{} of {law}", join_and(&refs))
            }
        })
        .collect();
    join_and(&parts)
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn join_actions(actions: &[String]) -> String {
    match actions {
        [one] => one.clone(),
        _ => actions
            .iter()
            .enumerate()
            .map(|(i, a)| format!("({}) {a}", i + 1))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// What the assessor still has to look at.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ToAssess {
    /// The article.
    pub article: u16,
    /// Its title.
    pub article_title: String,
    /// The element, or `None` for the whole article.
    pub element: Option<ElementRef>,
    /// The element's kind (a core element, a practice criterion, an option).
    pub kind: Option<ElementKind>,
}

impl fmt::Display for ToAssess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.element, self.kind) {
            (None, _) => write!(
                f,
                "Assess Article {} ({}).",
                self.article, self.article_title
            ),
            (Some(e), Some(ElementKind::Practice)) => write!(
                f,
                "Article {}: find out whether the power is applied in practice: {}.",
                self.article,
                e.in_text()
            ),
            (Some(e), Some(ElementKind::Option)) => write!(
                f,
                "Article {}: find out whether domestic law makes this option available: {}.",
                self.article,
                e.in_text()
            ),
            (Some(e), _) => write!(
                f,
                "Article {}: assess whether domestic law provides for {}.",
                self.article,
                e.in_text()
            ),
        }
    }
}
