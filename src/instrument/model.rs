//! The checklist types. Their JSON form is `schema/instrument.schema.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Date;

/// A treaty encoded as a checklist (the *catalog*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Optional path or URL of `instrument.schema.json`, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id, e.g. `ets-185`.
    pub id: String,
    /// The Treaty Office's number, e.g. `ETS No. 185`.
    pub number: String,
    /// Official title, e.g. `Convention on Cybercrime`.
    pub title: String,
    /// Usual short name, e.g. `Budapest Convention`.
    pub short_title: String,
    /// Place where the treaty was opened for signature.
    pub opened_at: String,
    /// Date the treaty was opened for signature.
    pub opened_on: Date,
    /// Date the treaty entered into force; absent while it is not in force, or while the date
    /// has not been verified (CETS No. 224).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<Date>,
    /// Official page of the treaty.
    pub url: String,
    /// Where the checklist's titles and structure come from, and how the paraphrases were made.
    pub source_note: String,
    /// The instrument this one supplements (`ets-185` for its two Protocols): a State can be
    /// bound by this one only if it is bound by that one (ETS 189, Article 9, paragraph 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplements: Option<String>,
    /// The treaty's chapters, in order.
    pub chapters: Vec<Chapter>,
    /// Every reservation, declaration and designation the treaty permits.
    pub permissions: Vec<Permission>,
}

/// A chapter of the treaty (Chapter I … IV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Roman numeral as in the treaty, e.g. `II`.
    pub number: String,
    /// The chapter's heading, e.g. `Measures to be taken at the national level`.
    pub heading: String,
    /// Sections, where the chapter has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Articles directly under the chapter (chapters without sections).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<Article>,
}

/// A section of a chapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Number as in the treaty, e.g. `1`.
    pub number: String,
    /// The section's heading, e.g. `Substantive criminal law`.
    pub heading: String,
    /// Titles, where the section has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// Articles directly under the section (sections without titles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<Article>,
}

/// A title (group of articles) within a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Number as in the treaty, e.g. `1`.
    pub number: String,
    /// The title's heading.
    pub heading: String,
    /// Its articles.
    pub articles: Vec<Article>,
}

/// One article of the treaty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The article's number.
    pub number: u16,
    /// The exact official title, e.g. `Illegal access`.
    pub title: String,
    /// Whether the article is scored (Articles 2–35). Definitions and final clauses are not.
    pub scored: bool,
    /// Whether the title, structure and paraphrases were checked against the official text
    /// (`true` unless the data says otherwise). An unverified article is never scored.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub verified: bool,
    /// What the article requires, paraphrased in our own words.
    pub summary: String,
    /// Articles this one applies to (Article 15's safeguards apply to the powers of 16–21).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<u16>,
    /// The article's paragraphs with their elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Paragraph>,
    /// Articles of another instrument that this article makes apply to this one (ETS 189,
    /// Article 8: the Convention's Articles 14–21 and 23–35 extend to the Protocol's
    /// offences), so that an assessment of those articles can carry over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carries_over: Vec<CarryOver>,
}

/// Articles of another instrument that apply to this one by one of its articles.
///
/// ```
/// use budapest_gap::Instrument;
/// use budapest_gap::instrument::CarryOverEffect;
///
/// let protocol = Instrument::ets_189();
/// let art8 = protocol.article(8).unwrap();
/// let extends = art8
///     .carries_over
///     .iter()
///     .find(|c| c.effect == CarryOverEffect::ExtendsScope)
///     .unwrap();
/// assert_eq!(extends.instrument, "ets-185");
/// assert!(extends.articles.contains(&16) && extends.articles.contains(&21));
/// assert_eq!(extends.to, vec![2, 3, 4, 5, 6, 7]);
/// assert_eq!(extends.element.as_deref(), Some("procedural-powers"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarryOver {
    /// The other instrument's id, e.g. `ets-185`.
    pub instrument: String,
    /// Its articles that apply (e.g. 14 to 21 and 23 to 35).
    pub articles: Vec<u16>,
    /// This instrument's articles they apply to; empty for the whole instrument.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<u16>,
    /// How they apply.
    pub effect: CarryOverEffect,
    /// The element of this article that the other instrument's ratings of `articles` decide
    /// when a profile carries its assessment over (`"carried_over": true`): ETS 189's
    /// `procedural-powers` follows the ratings of the Convention's Articles 14–21.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
}

/// How another instrument's articles apply to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CarryOverEffect {
    /// They apply *mutatis mutandis* (ETS 189, Article 8, paragraph 1: the Convention's
    /// definitions, corporate liability, sanctions, jurisdiction, federal clause, amendments,
    /// disputes and consultations).
    Applies,
    /// The Parties must extend the scope of the measures they define to this instrument's
    /// articles (ETS 189, Article 8, paragraph 2): a State's procedural powers and
    /// co-operation under them must be available for these offences too.
    ExtendsScope,
}

impl CarryOverEffect {
    /// Kebab-case name, as in the data: `applies`, `extends-scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            CarryOverEffect::Applies => "applies",
            CarryOverEffect::ExtendsScope => "extends-scope",
        }
    }
}

/// A paragraph (or sub-paragraph) of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// As the Treaty Office cites it (`1`, `1.b`, `9.e`); absent for an unnumbered article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// What the paragraph requires, paraphrased.
    pub summary: String,
    /// The elements the paragraph is made of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<Element>,
}

/// One thing an article requires of domestic law, or one qualifier a Party may add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// Kebab-case id, unique within its article (`intent`). Cited as `art-2.intent`.
    pub id: String,
    /// Core (mandatory) or qualifier (optional, a Party may require it).
    pub kind: ElementKind,
    /// The element, paraphrased in our own words.
    pub text: String,
    /// Weight in the article's score (1 by default).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: u32,
    /// The recommendation when the element is missing; `{jurisdiction}` is replaced by the
    /// jurisdiction's name.
    pub recommendation: String,
    /// Where the element comes from when not from the treaty text alone (e.g. a T-CY assessment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// For an [`ElementKind::Alternative`]: the local ids of the core elements it may stand in
    /// for (Article 20, paragraph 2 stands in for paragraph 1.a).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Permission ids (`res-14-3-a`): the element applies only when the State has made or
    /// planned one of them (Article 14, paragraph 3 asks a State that reserves to consider
    /// restricting its reservation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_with: Vec<String>,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_true(b: &bool) -> bool {
    *b
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(w: &u32) -> bool {
    *w == 1
}

/// What an element is in the treaty: an obligation, a condition a Party may add, a power it
/// may use, a practice criterion or an alternative the article accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ElementKind {
    /// Mandatory ("shall"): every Party must implement it. Scored.
    Core,
    /// A condition a Party *may* add to an offence or power (some only with a reservation or
    /// declaration). Never scored; a limitation names it.
    Qualifier,
    /// Something the treaty permits but does not require ("may": Articles 26(1), 28(2), 32).
    /// Assessed and reported as available or not in domestic law; never scored, never a gap.
    Option,
    /// A T-CY criterion on how a power is used ("applied in practice"). Reported as a practice
    /// finding beside the legal rating; never part of it, and not applicable to a draft.
    Practice,
    /// Measures the article accepts instead of core elements (Articles 20(2), 21(2)); see
    /// [`Element::replaces`]. When met, the elements it replaces count as met.
    Alternative,
}

impl ElementKind {
    /// Lower-case name, as in the data: `core`, `qualifier`, `option`, `practice`, `alternative`.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Core => "core",
            ElementKind::Qualifier => "qualifier",
            ElementKind::Option => "option",
            ElementKind::Practice => "practice",
            ElementKind::Alternative => "alternative",
        }
    }

    /// Whether elements of this kind count in the legal score.
    pub fn is_scored(self) -> bool {
        self == ElementKind::Core
    }
}

/// What a State may do under a permission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PermissionKind {
    /// A reservation (Article 42 lists them).
    Reservation,
    /// A declaration (Article 40 and others).
    Declaration,
    /// A designation or communication of an authority (Articles 24, 27, 35).
    Designation,
    /// A declaration, notification or communication that a treaty lists together without
    /// saying which each is (CETS No. 224, Article 19, paragraph 3).
    Notification,
}

impl PermissionKind {
    /// Lower-case name, as in prose.
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionKind::Reservation => "reservation",
            PermissionKind::Declaration => "declaration",
            PermissionKind::Designation => "designation",
            PermissionKind::Notification => "notification",
        }
    }
}

/// A reservation, declaration or designation that the treaty permits (the *tailoring*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    /// Stable id, e.g. `res-6-3`.
    pub id: String,
    /// Reservation, declaration or designation.
    pub kind: PermissionKind,
    /// The article whose provision the State's reservation or declaration names.
    pub article: u16,
    /// The paragraph it names (`3`, `1.b`), absent for an unnumbered article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// The clause that permits it, e.g. `Article 42` or `Article 40`.
    pub basis: String,
    /// What it allows, paraphrased.
    pub summary: String,
    /// Core elements (`art-6.possession`) that no longer apply when it is made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removes: Vec<String>,
    /// Qualifiers (`art-2.security-measures`) a Party may require once it is made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permits: Vec<String>,
    /// The provision of another instrument the permission is about, when this instrument lets
    /// a State make, for its own provisions, a reservation that the other one provides (ETS
    /// 189, Article 12, paragraph 2: the Convention's Articles 22(2) and 41(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<ProvisionRef>,
    /// Whether the permission was checked against the official text (`true` unless the data
    /// says otherwise).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub verified: bool,
}

/// A provision of a named instrument: `ets-185`, Article 22, paragraph 2.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionRef {
    /// The instrument's id.
    pub instrument: String,
    /// The article.
    pub article: u16,
    /// The paragraph, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
}

impl Permission {
    /// How the Treaty Office cites the provision: `Article 6, paragraph 3`.
    pub fn provision(&self) -> String {
        cite(self.article, self.paragraph.as_deref())
    }
}

/// A list of articles, as a range where they run on.
///
/// ```
/// use budapest_gap::instrument::article_range;
/// assert_eq!(article_range(&[14, 15, 16, 17]), "14–17");
/// assert_eq!(article_range(&[22, 41]), "22, 41");
/// ```
pub fn article_range(articles: &[u16]) -> String {
    match (articles.first(), articles.last()) {
        (Some(first), Some(last))
            if articles.len() > 2 && articles.windows(2).all(|w| w[1] == w[0] + 1) =>
        {
            format!("{first}–{last}")
        }
        _ => articles
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Cites an article and optional paragraph the way the Treaty Office does.
///
/// ```
/// assert_eq!(budapest_gap::instrument::cite(6, Some("1.b")), "Article 6, paragraph 1.b");
/// assert_eq!(budapest_gap::instrument::cite(2, None), "Article 2");
/// ```
pub fn cite(article: u16, paragraph: Option<&str>) -> String {
    match paragraph {
        Some(p) => format!("Article {article}, paragraph {p}"),
        None => format!("Article {article}"),
    }
}

/// Where an article stands in the treaty's structure.
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    /// Its chapter.
    pub chapter: &'a Chapter,
    /// Its section, if the chapter has sections.
    pub section: Option<&'a Section>,
    /// Its title, if the section has titles.
    pub title: Option<&'a Title>,
}

impl Location<'_> {
    /// `Chapter II, Section 1` or `Chapter I`: the division the index is broken down by.
    pub fn division(&self) -> String {
        match self.section {
            Some(s) => format!(
                "Chapter {}, Section {} – {}",
                self.chapter.number, s.number, s.heading
            ),
            None => format!("Chapter {} – {}", self.chapter.number, self.chapter.heading),
        }
    }
}

impl Article {
    /// The article's id in profiles: `art-2`.
    pub fn id(&self) -> String {
        format!("art-{}", self.number)
    }

    /// Every element of the article, in order.
    pub fn elements(&self) -> impl Iterator<Item = (&Paragraph, &Element)> {
        self.paragraphs
            .iter()
            .flat_map(|p| p.elements.iter().map(move |e| (p, e)))
    }

    /// The element with this local id.
    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements().map(|(_, e)| e).find(|e| e.id == id)
    }
}

impl Instrument {
    /// Every article in treaty order, with where it stands.
    pub fn articles_located(&self) -> impl Iterator<Item = (Location<'_>, &Article)> {
        self.chapters.iter().flat_map(|chapter| {
            let direct = chapter.articles.iter().map(move |a| {
                (
                    Location {
                        chapter,
                        section: None,
                        title: None,
                    },
                    a,
                )
            });
            let nested = chapter.sections.iter().flat_map(move |section| {
                let direct = section.articles.iter().map(move |a| {
                    (
                        Location {
                            chapter,
                            section: Some(section),
                            title: None,
                        },
                        a,
                    )
                });
                let titled = section.titles.iter().flat_map(move |title| {
                    title.articles.iter().map(move |a| {
                        (
                            Location {
                                chapter,
                                section: Some(section),
                                title: Some(title),
                            },
                            a,
                        )
                    })
                });
                direct.chain(titled)
            });
            direct.chain(nested)
        })
    }

    /// Every article in treaty order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.articles_located().map(|(_, a)| a)
    }

    /// The article with this number.
    pub fn article(&self, number: u16) -> Option<&Article> {
        self.articles().find(|a| a.number == number)
    }

    /// The article with this profile id (`art-2`).
    pub fn article_by_id(&self, id: &str) -> Option<&Article> {
        let number = id.strip_prefix("art-")?.parse().ok()?;
        self.article(number)
    }

    /// Resolves an element reference `art-2.intent` to its article and element.
    pub fn element(&self, reference: &str) -> Option<(&Article, &Element)> {
        let (article, element) = reference.split_once('.')?;
        let article = self.article_by_id(article)?;
        Some((article, article.element(element)?))
    }

    /// The permission of this kind on this provision, if the treaty grants one.
    pub fn permission(
        &self,
        kinds: &[PermissionKind],
        article: u16,
        paragraph: Option<&str>,
    ) -> Option<&Permission> {
        self.permissions.iter().find(|p| {
            kinds.contains(&p.kind) && p.article == article && p.paragraph.as_deref() == paragraph
        })
    }

    /// The permissions a State's reservation or declaration relies on, cited as the Treaty
    /// Office cites them: the exact provision (`Article 14, paragraph 3.a`); a paragraph whose
    /// sub-paragraphs carry the permissions (`Article 14, paragraph 3` is 3.a and 3.b); and,
    /// for a designation, the article alone (`concerning Article 35`) or the clause in the
    /// same paragraph that imposes it (`Article 27, paragraph 2.a` for the designation under
    /// 2.c). Empty when the treaty permits nothing there.
    ///
    /// ```
    /// use budapest_gap::Instrument;
    /// use budapest_gap::instrument::PermissionKind;
    ///
    /// let ets = Instrument::ets_185();
    /// let r = ets.permissions_cited(&[PermissionKind::Reservation], 14, Some("3"));
    /// assert_eq!(r.len(), 2);
    /// let d = ets.permissions_cited(&[PermissionKind::Designation], 35, None);
    /// assert_eq!(d[0].id, "desig-35-1");
    /// ```
    pub fn permissions_cited(
        &self,
        kinds: &[PermissionKind],
        article: u16,
        paragraph: Option<&str>,
    ) -> Vec<&Permission> {
        if let Some(p) = self.permission(kinds, article, paragraph) {
            return vec![p];
        }
        let on_article = || {
            self.permissions
                .iter()
                .filter(move |p| kinds.contains(&p.kind) && p.article == article)
        };
        if let Some(para) = paragraph {
            let children: Vec<&Permission> = on_article()
                .filter(|p| {
                    p.paragraph
                        .as_deref()
                        .is_some_and(|q| q.starts_with(&format!("{para}.")))
                })
                .collect();
            if !children.is_empty() {
                return children;
            }
        }
        let designations: Vec<&Permission> = on_article()
            .filter(|p| p.kind == PermissionKind::Designation)
            .collect();
        if let [only] = designations.as_slice() {
            let top = |x: &str| x.split('.').next().map(str::to_string);
            let same_paragraph = match paragraph {
                None => true,
                Some(para) => only.paragraph.as_deref().and_then(top) == top(para),
            };
            if same_paragraph {
                return vec![*only];
            }
        }
        Vec::new()
    }

    /// The permissions a choice relies on, as [`Instrument::permissions_cited`], where the
    /// treaty permits several under one provision, each about another instrument's provision
    /// (ETS 189 Article 12(2)): only the one `concerns` names. Empty when `concerns` is needed
    /// and absent, or names none of them ([`Instrument::concerned_permissions`] lists them).
    ///
    /// ```
    /// use budapest_gap::Instrument;
    /// use budapest_gap::instrument::{PermissionKind, ProvisionRef};
    ///
    /// let protocol = Instrument::ets_189();
    /// let kinds = [PermissionKind::Reservation];
    /// let federal = ProvisionRef { instrument: "ets-185".into(), article: 41, paragraph: Some("1".into()) };
    /// let r = protocol.permissions_concerning(&kinds, 12, Some("2"), Some(&federal));
    /// assert_eq!(r[0].id, "res-conv-41-1");
    /// assert!(protocol.permissions_concerning(&kinds, 12, Some("2"), None).is_empty());
    /// ```
    pub fn permissions_concerning(
        &self,
        kinds: &[PermissionKind],
        article: u16,
        paragraph: Option<&str>,
        concerns: Option<&ProvisionRef>,
    ) -> Vec<&Permission> {
        let concerned = self.concerned_permissions(kinds, article, paragraph);
        if concerned.is_empty() && concerns.is_none() {
            return self.permissions_cited(kinds, article, paragraph);
        }
        concerned
            .into_iter()
            .filter(|p| p.concerns.as_ref() == concerns)
            .collect()
    }

    /// The permissions under exactly this provision that are about another instrument's
    /// provision (`concerns`): ETS 189 Article 12(2) has two, the Convention's Articles 22(2)
    /// and 41(1).
    pub fn concerned_permissions(
        &self,
        kinds: &[PermissionKind],
        article: u16,
        paragraph: Option<&str>,
    ) -> Vec<&Permission> {
        self.permissions
            .iter()
            .filter(|p| {
                kinds.contains(&p.kind)
                    && p.article == article
                    && p.paragraph.as_deref() == paragraph
                    && p.concerns.is_some()
            })
            .collect()
    }

    /// The permissions that mention this qualifier (`art-2.security-measures`) in `permits`.
    pub fn permissions_for_qualifier<'a>(
        &'a self,
        reference: &'a str,
    ) -> impl Iterator<Item = &'a Permission> + 'a {
        self.permissions
            .iter()
            .filter(move |p| p.permits.iter().any(|q| q == reference))
    }
}
