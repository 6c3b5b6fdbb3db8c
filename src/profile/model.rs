//! The profile types. Their JSON form is `schema/profile.schema.json`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Date;

/// The only profile format version this crate reads.
pub const FORMAT: u32 = 1;

/// A jurisdiction's laws, or a draft law, mapped to the articles and elements of one or more
/// instruments (the *implementation statement*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "budapest-gap country profile")]
pub struct Profile {
    /// Optional path or URL of `profile.schema.json`, so that editors complete and check the file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version; must be `1`.
    pub format: u32,
    /// Whose law this is.
    pub jurisdiction: Jurisdiction,
    /// What kind of document is assessed, as of when, by whom.
    pub document: Document,
    /// Per instrument id (`ets-185`): signature, ratification, reservations and declarations.
    pub instruments: BTreeMap<String, TreatyStatus>,
    /// The domestic laws cited.
    #[serde(default)]
    pub laws: Vec<Law>,
    /// The citable units of those laws.
    #[serde(default)]
    pub provisions: Vec<Provision>,
    /// Per instrument id, per article id (`art-2`): how domestic law implements it.
    #[serde(default)]
    pub assessment: BTreeMap<String, BTreeMap<String, ArticleAssessment>>,
}

/// The jurisdiction a profile describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Name as it should appear in reports and recommendations, e.g. `Portugal`.
    pub name: String,
    /// ISO 3166-1 alpha-2 code (`PT`); absent for a fictional jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The name as it reads inside a sentence, where it takes an article: `the United
    /// Kingdom`, `the Philippines`. When absent, [`Jurisdiction::in_text`] adds `the` to the
    /// names that usually take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_in_text: Option<String>,
}

/// Names of States that take the definite article in running English text.
const TAKES_THE: &[&str] = &[
    "bahamas",
    "central african republic",
    "comoros",
    "czech republic",
    "democratic republic of the congo",
    "dominican republic",
    "gambia",
    "holy see",
    "maldives",
    "marshall islands",
    "netherlands",
    "philippines",
    "republic of ",
    "russian federation",
    "seychelles",
    "solomon islands",
    "sudan",
    "united arab emirates",
    "united kingdom",
    "united republic of tanzania",
    "united states",
];

impl Jurisdiction {
    /// The name inside a sentence: `name_in_text` when given, else the name with `the` added
    /// where English usage wants it.
    ///
    /// ```
    /// use budapest_gap::profile::Jurisdiction;
    ///
    /// let uk = Jurisdiction { name: "United Kingdom".into(), code: Some("GB".into()), name_in_text: None };
    /// assert_eq!(uk.in_text(), "the United Kingdom");
    /// assert_eq!(uk.sentence_start(), "The United Kingdom");
    /// let pt = Jurisdiction { name: "Portugal".into(), code: Some("PT".into()), name_in_text: None };
    /// assert_eq!(pt.in_text(), "Portugal");
    /// ```
    pub fn in_text(&self) -> String {
        if let Some(n) = &self.name_in_text {
            return n.trim().to_string();
        }
        let name = self.name.trim();
        if let Some(rest) = name.strip_prefix("The ") {
            return format!("the {rest}");
        }
        let lower = name.to_lowercase();
        let takes = TAKES_THE.iter().any(|t| {
            if t.ends_with(' ') {
                lower.starts_with(t)
            } else {
                lower == *t || lower.starts_with(&format!("{t} of "))
            }
        });
        if takes && !lower.starts_with("the ") {
            format!("the {name}")
        } else {
            name.to_string()
        }
    }

    /// The name at the start of a sentence: [`Jurisdiction::in_text`] with a capital first
    /// letter (`The United Kingdom should …`).
    pub fn sentence_start(&self) -> String {
        let text = self.in_text();
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => text,
        }
    }
}

/// The document a profile assesses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Law in force, or a draft law.
    pub kind: DocumentKind,
    /// Title of the profile, e.g. `Portugal: cybercrime legislation`.
    pub title: String,
    /// The date the law is described as of.
    pub as_of: Date,
    /// Language of the profile's prose (BCP 47, e.g. `en`).
    pub language: String,
    /// Who prepared the profile.
    pub prepared_by: String,
    /// Where the information comes from (Markdown).
    pub sources: String,
    /// Any further remark, e.g. that the profile is illustrative and not legal advice (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a profile describes law in force or a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// Law in force at the as-of date.
    InForce,
    /// A draft law.
    Draft,
}

/// A State's status under one instrument.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatyStatus {
    /// Date of signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// Date of ratification, acceptance, approval or accession.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratified: Option<Date>,
    /// Whether `ratified` is an accession (Article 37) rather than a ratification.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accession: bool,
    /// Date of entry into force for the State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<Date>,
    /// Reservations made or planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reservations: Vec<StateChoice>,
    /// Declarations and designations made or planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<StateChoice>,
}

/// One reservation or declaration, naming the treaty provision it relies on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateChoice {
    /// The article whose provision it relies on, e.g. `6`.
    pub article: u16,
    /// The paragraph, as the Treaty Office cites it (`3`, `1.b`); absent for an unnumbered article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// Made, or only planned (in a draft).
    pub status: ChoiceStatus,
    /// Where the permission covers several elements, the ones the State chose
    /// (`art-9.possession`); all of them when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<String>,
    /// The State's words, or a summary of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The other instrument's provision the choice is about, where the treaty permits several
    /// under one provision (ETS 189 Article 12(2): the Convention's reservations under Articles
    /// 22(2) and 41(1)), e.g. `{ "instrument": "ets-185", "article": 22, "paragraph": "2" }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<crate::instrument::ProvisionRef>,
}

/// Whether a reservation or declaration has been made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceStatus {
    /// Deposited with the Secretary General.
    Made,
    /// Intended, e.g. in a draft accession package.
    Planned,
}

/// A domestic law.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// Id used by provisions, e.g. `lei-109-2009`.
    pub id: String,
    /// Title as officially given.
    pub title: String,
    /// A short name for running text and recommendations (`StGB`, `Lei do Cibercrime`);
    /// the title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Official citation (gazette, number, date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Official URL, where one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// In force, draft or repealed.
    pub status: LawStatus,
}

/// The status of a domestic law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LawStatus {
    /// In force.
    InForce,
    /// A draft.
    Draft,
    /// Repealed (cited for history).
    Repealed,
}

/// One citable unit of domestic law.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// Id used by the assessment, e.g. `pt-109-6`.
    pub id: String,
    /// The law it belongs to (a `laws[].id`).
    pub law: String,
    /// How the law numbers it: `Article 6`, `s. 3A`, `§ 202a`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Its heading, in the language of the law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// What it provides, in the profile's language.
    pub summary: String,
    /// Its text, where quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Language of `heading` and `text` (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Whether `text` is an official translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_translation: Option<bool>,
    /// European Legislation Identifier, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eli: Option<String>,
    /// Akoma Ntoso eId, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub akn_eid: Option<String>,
}

/// How domestic law implements one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleAssessment {
    /// The provisions (`provisions[].id`) that implement the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<String>,
    /// The default status of the article's elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Per element id (`intent`): a status and note that override the default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elements: BTreeMap<String, ElementAssessment>,
    /// Ways the domestic provisions are narrower than the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<Limitation>,
    /// The assessor's note (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the elements this article decides from another instrument's ratings take
    /// their status from them (ETS 189 Article 8: the Convention's Articles 14–21 and 23–35
    /// extend to the Protocol's offences), instead of from this assessment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried_over: bool,
    /// Provisions that `budapest-gap draft` suggests for review; never counted as evidence.
    /// Move a suggestion to `provisions` once reviewed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

/// A provision suggested as implementing an article, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// The provision's id.
    pub provision: String,
    /// Strong or weak.
    pub confidence: Confidence,
    /// The match score.
    pub score: f64,
    /// What matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// How sure a suggestion is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Several specific phrases match, clearly ahead of the next candidate.
    Strong,
    /// Some phrases match.
    Weak,
}

/// How domestic law implements one element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementAssessment {
    /// Met, partly met, not met or not assessed.
    pub status: Status,
    /// Why (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What an assessor writes about an element.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Domestic law does not implement it.
    NotMet,
    /// Domestic law implements it in part.
    Partly,
    /// Domestic law implements it.
    Met,
    /// Not assessed yet.
    NotAssessed,
}

impl Status {
    /// The kebab-case name used in profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotMet => "not-met",
            Status::Partly => "partly",
            Status::Met => "met",
            Status::NotAssessed => "not-assessed",
        }
    }
}

/// A way a domestic provision is narrower than the article: a qualifier the treaty lets a
/// Party require, or a restriction it does not permit. Give exactly one of `qualifier` and
/// `restriction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limitation {
    /// The id of a qualifier element of the article (`security-measures`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// A restriction the treaty does not provide for, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<String>,
    /// How much a restriction matters: `minor` or `major` (required with `restriction`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The core element a restriction narrows, where there is one (`intent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// The assessor's note (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How much a shortcoming matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Narrows the article at its edges; caps the rating at Largely compliant.
    Minor,
    /// Defeats part of the article's purpose; caps the rating at Partially compliant.
    Major,
}

impl Severity {
    /// `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
        }
    }
}
