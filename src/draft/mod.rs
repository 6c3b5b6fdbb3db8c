//! From a draft law in Markdown to a skeleton profile: establish the draft's language
//! ([`Language`]), split it into provisions ([`parse`]), rank the provisions that may
//! implement each article ([`rank`], driven by the lexicon of that language in
//! `data/lexicon/`), and write a profile in which those rankings are *suggestions* for an
//! adviser to review ([`skeleton`]). Nothing is marked met automatically.

mod language;
mod lexicon;
mod parse;
mod suggest;
mod text;

pub use language::{Language, LanguageSource, LanguageTagError};
pub use lexicon::{ArticleEntries, Entry, Lexicon};
pub use parse::{Draft, DraftError, DraftProvision, UnplacedBlock, parse, parse_in};
pub use suggest::{
    ArticleCandidates, B, BETTER_ELSEWHERE, Candidate, ELEMENT_SHARE, ELEMENT_WEIGHT, GAP_FACTOR,
    HEADING_WEIGHT, K1, MAX_CANDIDATES, MIN_IDF, REQUIRES_FACTOR, Ranked, SLOP, STRONG_LEAD,
    STRONG_SCORE, TITLE_BOOST, WEAK_SCORE, rank,
};
pub use text::{Analyzer, fold};

use std::collections::{BTreeMap, HashSet};

use crate::profile::{
    ArticleAssessment, Confidence, Document, DocumentKind, FORMAT, Jurisdiction, Law, LawStatus,
    Profile, Provision, Status, Suggestion, TreatyStatus,
};
use crate::{Date, Instrument};

/// What the skeleton profile should say about its draft.
#[derive(Debug, Clone)]
pub struct SkeletonOptions {
    /// The jurisdiction's name.
    pub jurisdiction: String,
    /// The jurisdiction's ISO 3166-1 alpha-2 code, if any.
    pub code: Option<String>,
    /// The draft's title, when the Markdown has none.
    pub title: String,
    /// The as-of date.
    pub as_of: Date,
    /// Where the draft came from (a file name), for `document.sources`.
    pub source: String,
}

/// A skeleton profile and the rankings behind its suggestions.
#[derive(Debug, Clone)]
pub struct Skeleton {
    /// The profile: the draft as a law, its provisions, every scored article not assessed with
    /// its suggestions.
    pub profile: Profile,
    /// Per scored article, the ranked candidates.
    pub candidates: Vec<ArticleCandidates>,
}

impl Skeleton {
    /// Articles with a strong candidate, with only weak ones, and with none of their own
    /// (no candidate, or only provisions that match other articles better): likely gaps.
    pub fn summary(&self) -> (Vec<u16>, Vec<u16>, Vec<u16>) {
        let (mut strong, mut weak, mut none) = (Vec::new(), Vec::new(), Vec::new());
        for a in &self.candidates {
            if a.ranked.iter().all(|r| r.better_for.is_some()) {
                none.push(a.article);
            } else if a
                .ranked
                .first()
                .is_some_and(|r| r.confidence == Confidence::Strong)
            {
                strong.push(a.article);
            } else {
                weak.push(a.article);
            }
        }
        (strong, weak, none)
    }
}

/// An id for a provision from its reference: `Article 5` → `article-5`, `§ 202a` → `s-202a`.
fn slug(reference: &str) -> String {
    let mut out = String::new();
    let folded = fold(&reference.replace('§', "s "));
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "provision".into()
    } else {
        out
    }
}

/// Builds the skeleton profile of a draft.
///
/// # Example
///
/// ```
/// use budapest_gap::{Date, Instrument, Profile};
/// use budapest_gap::draft::{SkeletonOptions, parse, skeleton};
///
/// let draft = parse("# Bill\n\n## Section 1 – Illegal access\n\nWhoever intentionally accesses a computer system without right…").unwrap();
/// let options = SkeletonOptions { jurisdiction: "Ruritania".into(), code: None, title: "Bill".into(), as_of: "2026-01-01".parse().unwrap(), source: "bill.md".into() };
/// let s = skeleton(Instrument::ets_185(), &draft, &options);
/// let json = serde_json::to_string(&s.profile).unwrap();
/// assert!(!Profile::check("skeleton.json", &json).has_errors());
/// assert_eq!(s.profile.assessment["ets-185"]["art-2"].suggestions[0].provision, "section-1");
/// ```
pub fn skeleton(instrument: &Instrument, draft: &Draft, options: &SkeletonOptions) -> Skeleton {
    // Titles, references and headings print on one line: tabs and line breaks become spaces.
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = one_line(&draft.title.clone().unwrap_or_else(|| options.title.clone()));
    let document_title = if title.starts_with(&options.jurisdiction) {
        title.clone()
    } else {
        format!("{}: {title}", options.jurisdiction)
    };
    let mut used = HashSet::new();
    let provisions: Vec<Provision> = draft
        .provisions
        .iter()
        .map(|p| {
            let base = slug(&p.reference);
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let summary = summarise(&p.text, p.heading.as_deref());
            Provision {
                id,
                law: "draft".into(),
                reference: one_line(&p.reference),
                heading: p.heading.as_deref().map(one_line),
                summary,
                text: Some(p.text.clone()).filter(|t| !t.is_empty()),
                language: None,
                official_translation: None,
                eli: None,
                akn_eid: None,
            }
        })
        .collect();
    let candidates: Vec<Candidate<'_>> = provisions
        .iter()
        .map(|p| Candidate {
            id: &p.id,
            heading: p.heading.as_deref().unwrap_or_default(),
            text: p.text.as_deref().unwrap_or(&p.summary),
        })
        .collect();
    let ranked = rank(instrument, &draft.language.tag, &candidates);
    let mut articles = BTreeMap::new();
    for a in &ranked {
        let Some(article) = instrument.article(a.article) else {
            continue;
        };
        let own = a.ranked.iter().find(|r| r.better_for.is_none());
        let note = match own {
            Some(r) => format!(
                "Suggested by `budapest-gap draft` ({} match): review the suggestions, move the provisions that implement Article {} to `provisions`, then assess its elements.",
                match r.confidence {
                    Confidence::Strong => "strong",
                    Confidence::Weak => "weak",
                },
                article.number
            ),
            None => format!(
                "No provision of the draft matched Article {} ({}): a likely gap.",
                article.number, article.title
            ),
        };
        articles.insert(
            article.id(),
            ArticleAssessment {
                status: Some(Status::NotAssessed),
                note: Some(note),
                suggestions: a
                    .ranked
                    .iter()
                    .map(|r| Suggestion {
                        provision: r.provision.clone(),
                        confidence: r.confidence,
                        score: r.score,
                        evidence: r.evidence.clone(),
                    })
                    .collect(),
                ..ArticleAssessment::default()
            },
        );
    }
    let profile = Profile {
        schema: None,
        format: FORMAT,
        jurisdiction: Jurisdiction { name: options.jurisdiction.clone(), code: options.code.clone(), name_in_text: None },
        document: Document {
            kind: DocumentKind::Draft,
            title: document_title,
            as_of: options.as_of,
            language: if draft.language.tag == "und" { "en".into() } else { draft.language.tag.clone() },
            prepared_by: "budapest-gap draft (automatic skeleton, to be reviewed)".into(),
            sources: format!("Generated from `{}`.", options.source),
            note: Some("Skeleton written by `budapest-gap draft`: the suggestions are found by matching words and phrases, not by legal analysis. Every article is not assessed until an adviser reviews it. Not legal advice.".into()),
        },
        instruments: BTreeMap::from([(instrument.id.clone(), TreatyStatus::default())]),
        laws: vec![Law { id: "draft".into(), title, short_title: None, citation: None, url: None, status: LawStatus::Draft }],
        provisions,
        assessment: BTreeMap::from([(instrument.id.clone(), articles)]),
    };
    Skeleton {
        profile,
        candidates: ranked,
    }
}

/// A provision's summary in the skeleton: its first sentence or so, for the adviser to rewrite.
fn summarise(text: &str, heading: Option<&str>) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return heading.map_or_else(|| "(no text)".into(), str::to_string);
    }
    if flat.chars().count() <= 240 {
        return flat;
    }
    let cut: String = flat.chars().take(240).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

/// How well rankings agree with a reviewed profile: for each article the reviewed profile
/// implements with at least one provision, is one of them ranked first, or in the first three?
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Accuracy {
    /// Articles with at least one implementing provision in the reviewed profile.
    pub articles: usize,
    /// Of those, how many have an implementing provision ranked first.
    pub first: usize,
    /// … ranked among the first three.
    pub top3: usize,
    /// The articles whose first-ranked provision is not an implementing one, with what was
    /// ranked and what was expected.
    pub misses: Vec<(u16, Vec<String>, Vec<String>)>,
    /// Articles the reviewed profile assesses whose first suggestion is strong.
    pub strong: usize,
    /// Of those, how many name a provision the reviewed profile does not cite for the article.
    pub strong_wrong: usize,
}

impl Accuracy {
    /// Compares rankings with the provisions a reviewed profile cites (by provision id).
    pub fn measure(
        instrument: &Instrument,
        reviewed: &Profile,
        candidates: &[ArticleCandidates],
    ) -> Accuracy {
        let mut acc = Accuracy::default();
        let Some(articles) = reviewed.assessment.get(&instrument.id) else {
            return acc;
        };
        for c in candidates {
            let Some(article) = instrument.article(c.article) else {
                continue;
            };
            let assessed = articles.get(&article.id());
            let expected = assessed.map(|a| a.provisions.clone()).unwrap_or_default();
            if let Some(first) = c.ranked.first()
                && first.confidence == Confidence::Strong
                && assessed.is_some()
            {
                acc.strong += 1;
                if !expected.contains(&first.provision) {
                    acc.strong_wrong += 1;
                }
            }
            if expected.is_empty() {
                continue;
            }
            acc.articles += 1;
            let ranked: Vec<String> = c.ranked.iter().map(|r| r.provision.clone()).collect();
            if ranked.first().is_some_and(|r| expected.contains(r)) {
                acc.first += 1;
            } else {
                acc.misses
                    .push((c.article, ranked.clone(), expected.clone()));
            }
            if ranked.iter().take(3).any(|r| expected.contains(r)) {
                acc.top3 += 1;
            }
        }
        acc
    }

    /// Adds another measurement to this one.
    pub fn add(&mut self, other: Accuracy) {
        self.articles += other.articles;
        self.first += other.first;
        self.top3 += other.top3;
        self.strong += other.strong;
        self.strong_wrong += other.strong_wrong;
        self.misses.extend(other.misses);
    }

    /// Share of articles whose first-ranked provision implements them (0–1).
    pub fn first_rate(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.first as f64 / self.articles as f64
        }
    }

    /// Share of articles with an implementing provision in the first three (0–1).
    pub fn top3_rate(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.top3 as f64 / self.articles as f64
        }
    }
}
