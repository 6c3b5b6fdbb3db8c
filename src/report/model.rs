//! The country-profile report, built once from an assessment and its profile; the Markdown
//! and PDF renderers draw this and nothing else.

use serde::Serialize;

use super::rich::RichText;
use crate::assess::{Assessment, ChoiceValidity, Gap, Index, Rating, Reason};
use crate::instrument::{ElementKind, Instrument, PermissionKind};
use crate::profile::{ChoiceStatus, DocumentKind, Profile, Severity, Status};

/// What every report says at its end.
pub const DISCLAIMER: &str = "This report is produced by budapest-gap, a tool for experts. It applies a documented method to the information in the profile; it is not legal advice and not an official assessment by the Council of Europe or any of its bodies. Ratings depend on the profile's mapping of domestic law to the Convention, which should be checked against the official texts.";

/// A country-profile report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The profile's title.
    pub title: String,
    /// The jurisdiction's name.
    pub jurisdiction: String,
    /// `ETS No. 185 – Convention on Cybercrime (Budapest Convention)`.
    pub instrument: String,
    /// `Draft law` or `Law in force`.
    pub kind: String,
    /// The as-of date, `YYYY-MM-DD`.
    pub as_of: String,
    /// Who prepared the profile.
    pub prepared_by: String,
    /// The profile's language (BCP 47).
    pub language: String,
    /// Signature, ratification, entry into force: label and value.
    pub treaty_status: Vec<(String, String)>,
    /// Reservations and declarations.
    pub choices: Vec<ChoiceRow>,
    /// The summary of ratings.
    pub summary: Summary,
    /// The articles, grouped by chapter and section.
    pub divisions: Vec<DivisionBlock>,
    /// Every gap, most serious first.
    pub gaps: Vec<GapRow>,
    /// The plan of action: numbered recommendations, by priority.
    pub recommendations: Vec<RecommendationRow>,
    /// What the assessor has not yet looked at (an annex, never advice to the State).
    pub to_assess: Vec<String>,
    /// The State's status for the instrument, in words (`Party`, `Signatory`, `Not signed`).
    pub bound_status: String,
    /// The laws cited.
    pub laws: Vec<LawRow>,
    /// The profile's note on its sources.
    pub sources: RichText,
    /// The profile's own note (illustrative status, caveats).
    pub profile_note: RichText,
    /// The disclaimer.
    pub disclaimer: String,
}

/// A reservation or declaration as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRow {
    /// `Reservation`, `Declaration` or `Designation`.
    pub kind: String,
    /// `Article 6, paragraph 3`.
    pub provision: String,
    /// `made` or `planned`.
    pub status: String,
    /// The permitting clause, or `not permitted`.
    pub basis: String,
    /// What it does.
    pub effect: String,
    /// The State's words.
    pub text: String,
}

/// Counts, index and the per-division breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The overall index.
    pub overall: Index,
    /// Per chapter and section.
    pub divisions: Vec<(String, Index)>,
    /// Gaps per severity (major, minor), and the number of items still to assess.
    pub gaps: [usize; 3],
    /// The headline, or why there is none: `72.4 / 100 over 180 of 200 elements assessed`.
    pub headline: String,
}

/// The articles of one chapter or section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivisionBlock {
    /// `Chapter II, Section 1 – Substantive criminal law`.
    pub heading: String,
    /// Its articles.
    pub articles: Vec<ArticleBlock>,
}

/// One article: requirement, domestic law, rating, reasons, gaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleBlock {
    /// `Article 2 – Illegal access`.
    pub heading: String,
    /// The article's number.
    pub number: u16,
    /// The rating.
    pub rating: Rating,
    /// The score, if rated.
    pub score: Option<f64>,
    /// Whether the rating rests on only part of the applicable elements.
    pub provisional: bool,
    /// The score as a share of elements: `6 of 7 met`, with `provisional: 3 of 7 elements
    /// assessed` when it is provisional; empty when not rated.
    pub tally: String,
    /// The practice finding, if the article has T-CY practice criteria.
    pub practice: String,
    /// The options the article permits, with whether domestic law makes them available.
    pub options: Vec<ElementRow>,
    /// The Convention's requirement, paraphrased.
    pub requirement: String,
    /// The domestic provisions cited.
    pub provisions: Vec<ProvisionRow>,
    /// The elements worth a row: not met, partly met, not assessed, removed by a reservation,
    /// required qualifiers, and any element with a note.
    pub elements: Vec<ElementRow>,
    /// How many other core elements are met without a note.
    pub elements_met: usize,
    /// Why the rating is what it is.
    pub reasons: Vec<String>,
    /// This article's gaps.
    pub gaps: Vec<GapRow>,
    /// The recommendations on this article.
    pub recommendations: Vec<RecommendationRow>,
    /// The assessor's note.
    pub note: RichText,
}

/// A domestic provision as cited beside an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionRow {
    /// `s. 3 Draft Cybercrime Act 2026`.
    pub citation: String,
    /// Its heading, in the law's language.
    pub heading: String,
    /// What it provides.
    pub summary: String,
    /// Quoted text, if any.
    pub text: String,
    /// The earlier article under which the provision is already given in full, if any: the
    /// report then cites it without repeating its summary.
    pub shown_under: Option<u16>,
}

/// An element's status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementRow {
    /// Paragraph, as cited.
    pub paragraph: String,
    /// What is required.
    pub requirement: String,
    /// `Met`, `Partly met`, …, or `Removed by reservation (…)`.
    pub status: String,
    /// The assessor's note.
    pub note: String,
}

/// A recommendation, as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationRow {
    /// `R1`.
    pub id: String,
    /// `high` or `medium`.
    pub priority: String,
    /// Article number.
    pub article: u16,
    /// The recommendation, addressed to the State.
    pub text: String,
}

/// A gap with its recommendation, as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    /// `major` or `minor`.
    pub severity: Severity,
    /// Article number.
    pub article: u16,
    /// The element concerned, in words, if any.
    pub elements: String,
    /// What is wrong.
    pub message: String,
    /// The recommendation that closes it: `R3`.
    pub recommendation: String,
}

fn gap_rows<'g>(gaps: impl Iterator<Item = &'g Gap>) -> Vec<GapRow> {
    gaps.map(|g| GapRow {
        severity: g.severity,
        article: g.article,
        elements: g
            .element
            .as_ref()
            .map(|e| e.text.clone())
            .unwrap_or_default(),
        message: g.shortcoming().to_string(),
        recommendation: g.recommendation.clone().unwrap_or_default(),
    })
    .collect()
}

fn recommendation_rows<'r>(
    recommendations: impl Iterator<Item = &'r crate::assess::Recommendation>,
) -> Vec<RecommendationRow> {
    recommendations
        .map(|r| RecommendationRow {
            id: r.id.clone(),
            priority: r.priority.as_str().into(),
            article: r.article,
            text: r.to_string(),
        })
        .collect()
}

fn bound_words(b: crate::profile::BoundStatus) -> &'static str {
    match b {
        crate::profile::BoundStatus::Party => "Party",
        crate::profile::BoundStatus::Signatory => "Signatory",
        crate::profile::BoundStatus::NotSigned => "Not signed",
    }
}

/// `72.4 / 100 over 180 of 200 elements assessed`, or why there is no headline.
pub(crate) fn headline(index: &Index) -> String {
    match (index.headline, index.score) {
        (Some(h), _) => format!("{h:.1} / 100 ({})", index.coverage),
        (None, Some(_)) => format!("insufficient coverage ({})", index.coverage),
        (None, None) => format!("no article rated ({})", index.coverage),
    }
}

/// `6 of 7 met`, and `provisional: 3 of 7 elements assessed` when it is.
pub(crate) fn tally_text(a: &crate::assess::ArticleResult) -> String {
    if a.rating.rank().is_none() {
        return String::new();
    }
    if a.provisional {
        format!("{} (provisional: {})", a.tally, a.coverage)
    } else {
        a.tally.to_string()
    }
}

/// A law cited in the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawRow {
    /// Official title.
    pub title: String,
    /// Citation.
    pub citation: String,
    /// Official URL.
    pub url: String,
    /// `in force`, `draft`, `repealed`.
    pub status: String,
}

fn option_label(s: Status) -> &'static str {
    match s {
        Status::Met => "Available in domestic law",
        Status::Partly => "Available in part",
        Status::NotMet => "Not available (the Convention does not require it)",
        Status::NotAssessed => "Not assessed",
    }
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Met => "Met",
        Status::Partly => "Partly met",
        Status::NotMet => "Not met",
        Status::NotAssessed => "Not assessed",
    }
}

impl Report {
    /// Builds the report of an assessment, reading the laws, provisions and notes from its profile.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::Report};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let ets = Instrument::ets_185();
    /// let report = Report::new(ets, &profile, &assess(ets, &profile));
    /// assert!(report.to_markdown().contains("### Article 2 – Illegal access"));
    /// ```
    pub fn new(instrument: &Instrument, profile: &Profile, assessment: &Assessment) -> Report {
        let law_title = |id: &str| {
            profile
                .laws
                .iter()
                .find(|l| l.id == id)
                .map_or_else(|| id.to_string(), |l| l.title.clone())
        };
        let status = profile
            .instruments
            .get(&instrument.id)
            .cloned()
            .unwrap_or_default();
        let date = |d: Option<crate::Date>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        let treaty_status = vec![
            ("Signature".to_string(), date(status.signed)),
            (
                (if status.accession {
                    "Accession"
                } else {
                    "Ratification"
                })
                .to_string(),
                date(status.ratified),
            ),
            ("Entry into force".to_string(), date(status.in_force)),
        ];
        let choices = assessment
            .choices
            .iter()
            .map(|c| {
                let kind = match c.permission_kind {
                    Some(PermissionKind::Designation) => "Designation",
                    _ => match c.kind {
                        crate::profile::ChoiceKind::Reservation => "Reservation",
                        crate::profile::ChoiceKind::Declaration => "Declaration",
                    },
                };
                ChoiceRow {
                    kind: kind.into(),
                    provision: c.provision.clone(),
                    status: match c.status {
                        ChoiceStatus::Made => "made".into(),
                        ChoiceStatus::Planned => "planned".into(),
                    },
                    basis: match c.validity {
                        ChoiceValidity::NotPermitted => "not permitted".into(),
                        _ => c.basis.join("; "),
                    },
                    effect: match c.validity {
                        ChoiceValidity::NotPermitted => format!(
                            "Not permitted: the Convention allows none on {}.",
                            c.provision
                        ),
                        ChoiceValidity::TooLate => format!(
                            "No effect: a Party can no longer make it (only at signature or on deposit of the instrument of ratification or accession). {}",
                            c.effect.join(" ")
                        ),
                        ChoiceValidity::Valid => c.effect.join(" "),
                    },
                    text: c.text.clone().unwrap_or_default(),
                }
            })
            .collect();
        let mut divisions: Vec<DivisionBlock> = Vec::new();
        let mut shown: std::collections::HashMap<&str, u16> = std::collections::HashMap::new();
        for result in &assessment.articles {
            let Some(article) = instrument.article(result.number) else {
                continue;
            };
            let provisions = result
                .provisions
                .iter()
                .filter_map(|cited| profile.provisions.iter().find(|p| p.id == cited.id))
                .map(|p| ProvisionRow {
                    citation: format!("{}, {}", p.reference, law_title(&p.law)),
                    heading: p.heading.clone().unwrap_or_default(),
                    summary: p.summary.clone(),
                    text: p.text.clone().unwrap_or_default(),
                    shown_under: match shown.get(p.id.as_str()) {
                        Some(n) => Some(*n),
                        None => {
                            shown.insert(p.id.as_str(), result.number);
                            None
                        }
                    },
                })
                .collect();
            let worth_a_row = |e: &&crate::assess::ElementResult| {
                let core = e.kind == ElementKind::Core;
                (core && (e.status != Status::Met || e.removed_by.is_some() || e.note.is_some()))
                    || (!core && e.required_by_law)
            };
            let elements_met = result
                .elements
                .iter()
                .filter(|e| e.kind == ElementKind::Core)
                .filter(|e| !worth_a_row(e))
                .count();
            let elements = result
                .elements
                .iter()
                .filter(worth_a_row)
                .map(|e| ElementRow {
                    paragraph: e.paragraph.clone().unwrap_or_default(),
                    requirement: e.text.clone(),
                    status: match (&e.removed_by, e.kind) {
                        (_, ElementKind::Qualifier) => {
                            "Required by domestic law (qualifier)".to_string()
                        }
                        (Some(by), _) => {
                            format!("{} (reservation on {by})", status_label(e.status))
                        }
                        (None, _) => status_label(e.status).to_string(),
                    },
                    note: e.note.clone().unwrap_or_default(),
                })
                .collect();
            let block = ArticleBlock {
                heading: format!("Article {} – {}", article.number, article.title),
                number: article.number,
                rating: result.rating,
                score: result.score,
                provisional: result.provisional,
                tally: tally_text(result),
                practice: result
                    .practice
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                options: result
                    .elements
                    .iter()
                    .filter(|e| e.kind == ElementKind::Option)
                    .map(|e| ElementRow {
                        paragraph: e.paragraph.clone().unwrap_or_default(),
                        requirement: e.text.clone(),
                        status: option_label(e.status).into(),
                        note: e.note.clone().unwrap_or_default(),
                    })
                    .collect(),
                requirement: article.summary.clone(),
                provisions,
                elements,
                elements_met,
                reasons: result
                    .reasons
                    .iter()
                    .filter(|r| !matches!(r, Reason::Evidence { .. }))
                    .map(ToString::to_string)
                    .collect(),
                gaps: gap_rows(
                    assessment
                        .gaps
                        .iter()
                        .filter(|g| g.article == article.number),
                ),
                recommendations: recommendation_rows(
                    assessment
                        .recommendations
                        .iter()
                        .filter(|r| r.article == article.number),
                ),
                note: result
                    .note
                    .as_deref()
                    .map(RichText::parse)
                    .unwrap_or_default(),
            };
            match divisions.last_mut() {
                Some(d) if d.heading == result.division => d.articles.push(block),
                _ => divisions.push(DivisionBlock {
                    heading: result.division.clone(),
                    articles: vec![block],
                }),
            }
        }
        let count = |s: Severity| assessment.gaps.iter().filter(|g| g.severity == s).count();
        Report {
            title: profile.document.title.clone(),
            jurisdiction: profile.jurisdiction.name.clone(),
            instrument: format!(
                "{} ({})",
                assessment.instrument_title, instrument.short_title
            ),
            kind: match profile.document.kind {
                DocumentKind::Draft => "Draft law".into(),
                DocumentKind::InForce => "Law in force".into(),
            },
            as_of: profile.document.as_of.to_string(),
            prepared_by: profile.document.prepared_by.clone(),
            language: profile.document.language.clone(),
            treaty_status,
            choices,
            summary: Summary {
                overall: assessment.index.clone(),
                divisions: assessment
                    .divisions
                    .iter()
                    .map(|d| (d.division.clone(), d.index.clone()))
                    .collect(),
                gaps: [
                    count(Severity::Major),
                    count(Severity::Minor),
                    assessment.to_assess.len(),
                ],
                headline: headline(&assessment.index),
            },
            divisions,
            gaps: gap_rows(assessment.gaps.iter()),
            recommendations: recommendation_rows(assessment.recommendations.iter()),
            to_assess: assessment
                .to_assess
                .iter()
                .map(ToString::to_string)
                .collect(),
            bound_status: bound_words(assessment.bound_status).into(),
            laws: profile
                .laws
                .iter()
                .map(|l| LawRow {
                    title: l.title.clone(),
                    citation: l.citation.clone().unwrap_or_default(),
                    url: l.url.clone().unwrap_or_default(),
                    status: match l.status {
                        crate::profile::LawStatus::InForce => "in force".into(),
                        crate::profile::LawStatus::Draft => "draft".into(),
                        crate::profile::LawStatus::Repealed => "repealed".into(),
                    },
                })
                .collect(),
            sources: RichText::parse(&profile.document.sources),
            profile_note: profile
                .document
                .note
                .as_deref()
                .map(RichText::parse)
                .unwrap_or_default(),
            disclaimer: DISCLAIMER.into(),
        }
    }
}
