//! The country-profile report, built once from an assessment and its profile; the Markdown
//! and PDF renderers draw this and nothing else.

use serde::Serialize;

use super::rich::RichText;
use crate::assess::{Assessment, Gap, GapKind, GapSeverity, Index, Rating};
use crate::instrument::{Instrument, PermissionKind};
use crate::profile::{ChoiceStatus, DocumentKind, Profile, Status};

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
    /// Gaps per severity: major, minor, unassessed.
    pub gaps: [usize; 3],
}

/// The articles of one chapter or section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivisionBlock {
    /// `Chapter II, Section 1 – Substantive criminal law`.
    pub heading: String,
    /// Its chapter: `Chapter II – Measures to be taken at the national level`.
    pub chapter: String,
    /// Its section, if the chapter has sections: `Section 1 – Substantive criminal law`.
    pub section: Option<String>,
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
    /// The Convention's requirement, paraphrased.
    pub requirement: String,
    /// The domestic provisions cited.
    pub provisions: Vec<ProvisionRow>,
    /// The elements worth a row: not met, partly met, not assessed, removed by a reservation,
    /// required qualifiers, and any element with a note.
    pub elements: Vec<ElementRow>,
    /// How many other core elements are met without a note.
    pub elements_met: usize,
    /// Every element's text by its id (`intent`), as gaps name elements.
    pub element_texts: std::collections::BTreeMap<String, String>,
    /// Why the rating is what it is.
    pub reasons: Vec<String>,
    /// This article's gaps.
    pub gaps: Vec<GapRow>,
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
    /// The language of its heading and text (BCP 47), if the profile says.
    pub language: Option<String>,
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

/// A gap with its recommendation, as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    /// `major`, `minor`, `unassessed`.
    pub severity: GapSeverity,
    /// Article number.
    pub article: u16,
    /// The element or elements concerned (`intent`, or `intent, without-right`), if any.
    pub elements: String,
    /// What is wrong, where the element table does not already say it.
    pub message: String,
    /// What to do.
    pub recommendation: String,
}

/// Element gaps are already described by the element table: the row names the element and
/// what to do. Unassessed elements of one article become one row.
fn gap_rows<'g>(gaps: impl Iterator<Item = &'g Gap>, jurisdiction: &str) -> Vec<GapRow> {
    let mut rows: Vec<GapRow> = Vec::new();
    for g in gaps {
        match g.kind {
            GapKind::UnassessedElement => {
                let element = g.element.clone().unwrap_or_default();
                match rows.iter_mut().find(|r| r.article == g.article && r.severity == GapSeverity::Unassessed && !r.elements.is_empty()) {
                    Some(row) => {
                        row.elements.push_str(", ");
                        row.elements.push_str(&element);
                    }
                    None => rows.push(GapRow {
                        severity: g.severity,
                        article: g.article,
                        elements: element,
                        message: String::new(),
                        recommendation: format!("Assess these elements of Article {} against the law of {jurisdiction}.", g.article),
                    }),
                }
            }
            GapKind::MissingElement | GapKind::PartialElement => rows.push(GapRow {
                severity: g.severity,
                article: g.article,
                elements: g.element.clone().unwrap_or_default(),
                message: String::new(),
                recommendation: g.recommendation.clone(),
            }),
            _ => rows.push(GapRow {
                severity: g.severity,
                article: g.article,
                elements: g.element.clone().unwrap_or_default(),
                message: g.message.clone(),
                recommendation: g.recommendation.clone(),
            }),
        }
    }
    rows
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
    /// The language of its title (BCP 47): that of its provisions, when they all say the same.
    pub language: Option<String>,
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
                let kind = match c.kind {
                    PermissionKind::Reservation => "Reservation",
                    PermissionKind::Declaration => "Declaration",
                    PermissionKind::Designation => "Designation",
                };
                ChoiceRow {
                    kind: kind.into(),
                    provision: c.provision.clone(),
                    status: match c.status {
                        ChoiceStatus::Made => "made".into(),
                        ChoiceStatus::Planned => "planned".into(),
                    },
                    basis: c.basis.clone().unwrap_or_else(|| "not permitted".into()),
                    effect: c.effect.clone(),
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
                .filter_map(|id| profile.provisions.iter().find(|p| &p.id == id))
                .map(|p| ProvisionRow {
                    citation: format!("{}, {}", p.reference, law_title(&p.law)),
                    heading: p.heading.clone().unwrap_or_default(),
                    summary: p.summary.clone(),
                    text: p.text.clone().unwrap_or_default(),
                    language: p.language.clone(),
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
                let core = e.kind == crate::instrument::ElementKind::Core;
                (core && (e.status != Status::Met || e.removed_by.is_some() || e.note.is_some()))
                    || (!core && e.required_by_law)
            };
            let elements_met = result
                .elements
                .iter()
                .filter(|e| e.kind == crate::instrument::ElementKind::Core)
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
                        (_, crate::instrument::ElementKind::Qualifier) => {
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
                requirement: article.summary.clone(),
                provisions,
                elements,
                elements_met,
                element_texts: result
                    .elements
                    .iter()
                    .map(|e| (e.id.clone(), e.text.clone()))
                    .collect(),
                reasons: result
                    .reasons
                    .iter()
                    .filter(|r| !r.starts_with("Evidence: "))
                    .cloned()
                    .collect(),
                gaps: gap_rows(
                    assessment
                        .gaps
                        .iter()
                        .filter(|g| g.article == article.number),
                    &profile.jurisdiction.name,
                ),
                note: result
                    .note
                    .as_deref()
                    .map(RichText::parse)
                    .unwrap_or_default(),
            };
            match divisions.last_mut() {
                Some(d) if d.heading == result.division => d.articles.push(block),
                _ => {
                    let location = instrument
                        .articles_located()
                        .find(|(_, a)| a.number == article.number)
                        .map(|(l, _)| l);
                    divisions.push(DivisionBlock {
                        heading: result.division.clone(),
                        chapter: location.map_or_else(String::new, |l| {
                            format!("Chapter {} – {}", l.chapter.number, l.chapter.heading)
                        }),
                        section: location
                            .and_then(|l| l.section)
                            .map(|s| format!("Section {} – {}", s.number, s.heading)),
                        articles: vec![block],
                    })
                }
            }
        }
        let count = |s: GapSeverity| assessment.gaps.iter().filter(|g| g.severity == s).count();
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
                    count(GapSeverity::Major),
                    count(GapSeverity::Minor),
                    count(GapSeverity::Unassessed),
                ],
            },
            divisions,
            gaps: gap_rows(assessment.gaps.iter(), &profile.jurisdiction.name),
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
                    language: {
                        let mut languages = profile
                            .provisions
                            .iter()
                            .filter(|p| p.law == l.id)
                            .map(|p| p.language.as_deref());
                        match languages.next() {
                            Some(Some(first)) if languages.all(|x| x == Some(first)) => {
                                Some(first.to_string())
                            }
                            _ => None,
                        }
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
