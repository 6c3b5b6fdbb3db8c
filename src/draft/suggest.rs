//! Ranking the provisions of a draft by how likely each implements each article.
//!
//! The score is BM25-like and every part of it is shown as evidence:
//!
//! ```text
//! score(article, provision) =
//!     Σ over the article's phrases p found in the provision
//!         boost(p) × specificity(p) × idf(p) × (saturated body frequency + HEADING_WEIGHT if in the heading)
//!   − the same sum over the article's `against` phrases
//!   + ELEMENT_WEIGHT × share of words, for each element whose wording the provision repeats
//! ```
//!
//! - `boost(p) = 1 + 0.75 × (words − 1)`, × `TITLE_BOOST` for the article's title: phrases
//!   count more than single words, the Convention's own title most;
//! - `specificity(p)`: a phrase listed for many articles (`computer data`) says little about
//!   any one of them: `ln(1 + A / articles listing it) / ln(1 + A)`;
//! - `idf(p)`: a phrase found in many provisions of the draft says little about any one of
//!   them: `ln(1 + (N − df + 0.5) / (df + 0.5))`, at least `MIN_IDF`;
//! - body frequency saturates and is normalised by length as in BM25 (`K1`, `B`), so a long
//!   provision does not win by repeating a word;
//! - the words of a phrase must come in order, each at most `SLOP` words after the previous
//!   (`access … to … system`), with `GAP_FACTOR` when they are not adjacent;
//! - an article that `requires` phrases (co-operation articles need a foreign request) keeps
//!   `REQUIRES_FACTOR` of the score of a provision that has none of them.
//!
//! A suggestion is kept from `WEAK_SCORE`; it is **strong** from `STRONG_SCORE`, when it leads
//! the next by `STRONG_LEAD` and rests on the article's title (a one-word title only in the
//! heading), or on at least two phrases of
//! which one is the article's own (no other article lists it), and, for a co-operation
//! article, when the provision has one of its required phrases; a provision scoring
//! `BETTER_ELSEWHERE` times more for another article is only weak here.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use super::lexicon::Lexicon;
use super::text::Analyzer;
use crate::Instrument;
use crate::profile::Confidence;

/// A text to match: a provision's id, heading and body.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The provision's id.
    pub id: &'a str,
    /// Its heading.
    pub heading: &'a str,
    /// Its text (or summary).
    pub text: &'a str,
}

/// One ranked candidate for an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The provision's id.
    pub provision: String,
    /// The match score (see the module documentation).
    pub score: f64,
    /// Strong or weak.
    pub confidence: Confidence,
    /// What matched: `“illegal access” (heading, title)`, `“intercept” ×2`.
    pub evidence: Vec<String>,
    /// The article this provision matches better, if another: then it is only a weak
    /// suggestion here.
    pub better_for: Option<u16>,
}

/// The ranked candidates for one article, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleCandidates {
    /// The article's number.
    pub article: u16,
    /// Candidates, best first (at most [`MAX_CANDIDATES`]).
    pub ranked: Vec<Ranked>,
}

/// How many candidates are kept per article.
pub const MAX_CANDIDATES: usize = 3;

/// A provision's running score for one article: score, evidence, supporting phrases found,
/// title found, a phrase of the article's own found, required phrases missing.
type Scored = (f64, Vec<String>, usize, bool, bool, bool);
/// A score from which a suggestion is kept at all.
pub const WEAK_SCORE: f64 = 1.0;
/// A score from which a suggestion may be strong.
pub const STRONG_SCORE: f64 = 3.0;
/// How far ahead of the second the first must be to be strong.
pub const STRONG_LEAD: f64 = 1.5;
/// A provision scoring this many times more for another article is only a weak suggestion.
pub const BETTER_ELSEWHERE: f64 = 2.0;
/// Added for a phrase found in the heading.
pub const HEADING_WEIGHT: f64 = 2.0;
/// Multiplies the weight of the article's title.
pub const TITLE_BOOST: f64 = 1.5;
/// BM25 term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25 length normalisation.
pub const B: f64 = 0.75;
/// The smallest inverse document frequency a phrase keeps.
pub const MIN_IDF: f64 = 0.2;
/// How many words may separate two words of a phrase.
pub const SLOP: usize = 2;
/// A phrase whose words are not adjacent counts this much.
pub const GAP_FACTOR: f64 = 0.7;
/// The weight of an element whose wording a provision repeats.
pub const ELEMENT_WEIGHT: f64 = 1.0;
/// The share of an element's words a provision must repeat.
pub const ELEMENT_SHARE: f64 = 0.7;
/// The part of its score a provision keeps when it has none of an article's required phrases.
pub const REQUIRES_FACTOR: f64 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Supports,
    Against,
    Requires,
}

#[derive(Debug)]
struct Phrase {
    article: u16,
    text: String,
    title: bool,
    kind: Kind,
    terms: Vec<u32>,
}

/// Words too common to be an element's wording.
const STOP: &[&str] = &[
    "the", "a", "an", "of", "or", "and", "to", "in", "is", "be", "by", "for", "on", "that", "this",
    "with", "any", "it", "as", "its", "at", "not", "which", "are", "from", "other", "such",
    "party", "law", "domestic", "measur", "measure", "offenc", "offence", "committ", "commit",
    "conduct", "provid", "may", "shall",
];

/// The interned terms of the draft.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, term: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(term).or_insert(next)
    }
    fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }
}

struct Doc {
    /// Heading terms, then body terms.
    terms: Vec<u32>,
    heading_len: usize,
}

/// Where a phrase was found in one provision.
#[derive(Debug, Clone, Copy, Default)]
struct Found {
    body: u32,
    heading: bool,
    exact: bool,
}

/// Ranks, for every scored article of `instrument`, the candidates that may implement it,
/// with the lexicon of `language` (a BCP 47 tag; `und` uses all lexicons).
///
/// # Example
///
/// ```
/// use budapest_gap::Instrument;
/// use budapest_gap::draft::{Candidate, rank};
///
/// let candidates = [
///     Candidate { id: "s3", heading: "Unauthorised access", text: "A person who intentionally accesses a computer system without right commits an offence." },
///     Candidate { id: "s9", heading: "Penalties", text: "Offences under this Act are punishable by imprisonment." },
/// ];
/// let ranked = rank(Instrument::ets_185(), "en", &candidates);
/// let art2 = ranked.iter().find(|a| a.article == 2).unwrap();
/// assert_eq!(art2.ranked[0].provision, "s3");
/// ```
pub fn rank(
    instrument: &Instrument,
    language: &str,
    candidates: &[Candidate<'_>],
) -> Vec<ArticleCandidates> {
    let analyzer = Analyzer::new(language);
    let mut vocabulary = Vocabulary::default();
    let docs: Vec<Doc> = candidates
        .iter()
        .map(|c| {
            let mut terms: Vec<u32> = analyzer
                .terms(c.heading)
                .into_iter()
                .map(|t| vocabulary.id(t))
                .collect();
            let heading_len = terms.len();
            terms.extend(analyzer.terms(c.text).into_iter().map(|t| vocabulary.id(t)));
            Doc { terms, heading_len }
        })
        .collect();
    let n = docs.len().max(1) as f64;
    let avg_len = (docs
        .iter()
        .map(|d| d.terms.len() - d.heading_len)
        .sum::<usize>() as f64
        / n)
        .max(1.0);
    // Postings of each term: (document, position).
    let mut postings: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for (pos, &t) in d.terms.iter().enumerate() {
            postings.entry(t).or_default().push((i as u32, pos as u32));
        }
    }
    // Each provision's distinct terms, for the element signal.
    let present: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            let mut t = d.terms.clone();
            t.sort_unstable();
            t.dedup();
            t
        })
        .collect();
    let scored: Vec<u16> = instrument
        .articles()
        .filter(|a| a.scored)
        .map(|a| a.number)
        .collect();
    let phrases = phrases(&analyzer, language, &scored, &vocabulary);
    // How many articles list each phrase (by its terms), for specificity.
    let mut listed: HashMap<&[u32], BTreeSet<u16>> = HashMap::new();
    for p in phrases.iter().filter(|p| p.kind == Kind::Supports) {
        listed.entry(&p.terms).or_default().insert(p.article);
    }
    let articles = scored.len() as f64;
    let mut found_cache: HashMap<&[u32], Vec<(usize, Found)>> = HashMap::new();
    let mut out = Vec::new();
    for article in instrument.articles().filter(|a| a.scored) {
        // Per provision: score, evidence, supporting phrases, whether the title is among them,
        // whether a phrase only this article lists is, and whether a co-operation article's
        // required phrases are missing.
        let mut scores: HashMap<usize, Scored> = HashMap::new();
        let mut required: Option<BTreeSet<usize>> = None;
        for p in phrases.iter().filter(|p| p.article == article.number) {
            let found = found_cache
                .entry(&p.terms)
                .or_insert_with(|| find(&docs, &postings, &p.terms));
            if p.kind == Kind::Requires {
                required
                    .get_or_insert_with(BTreeSet::new)
                    .extend(found.iter().map(|(d, _)| *d));
                continue;
            }
            let df = found.len() as f64;
            let idf = ((1.0 + (n - df + 0.5) / (df + 0.5)).ln()).max(MIN_IDF);
            let spec = listed.get(p.terms.as_slice()).map_or(1.0, |a| {
                (1.0 + articles / a.len() as f64).ln() / (1.0 + articles).ln()
            });
            let own = listed.get(p.terms.as_slice()).is_none_or(|a| a.len() == 1);
            let boost = (1.0 + 0.75 * (p.terms.len() as f64 - 1.0))
                * if p.title { TITLE_BOOST } else { 1.0 };
            for &(doc, f) in found.iter() {
                let len = (docs[doc].terms.len() - docs[doc].heading_len) as f64;
                let tf = f64::from(f.body);
                let body = if f.body == 0 {
                    0.0
                } else {
                    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
                };
                let place = body + if f.heading { HEADING_WEIGHT } else { 0.0 };
                let weight = boost * spec * idf * place * if f.exact { 1.0 } else { GAP_FACTOR };
                let entry = scores.entry(doc).or_default();
                let mut notes = Vec::new();
                if f.heading {
                    notes.push("heading".to_string());
                }
                if p.title {
                    notes.push("title".to_string());
                }
                if f.body > 1 {
                    notes.push(format!("×{}", f.body));
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", notes.join(", "))
                };
                match p.kind {
                    Kind::Against => {
                        entry.0 -= weight;
                        entry.1.push(format!("against: “{}”{notes}", p.text));
                    }
                    _ => {
                        entry.0 += weight;
                        entry.1.push(format!("“{}”{notes}", p.text));
                        entry.2 += 1;
                        // A one-word title in running text is an ordinary word
                        // ("the court of the jurisdiction"); in the heading, or as a
                        // phrase, it names the article.
                        let names = p.title && (p.terms.len() > 1 || f.heading);
                        entry.3 |= names;
                        entry.4 |= names || own;
                    }
                }
            }
        }
        element_signal(article, &analyzer, &vocabulary, &present, &mut scores);
        if let Some(required) = &required {
            for (doc, entry) in &mut scores {
                if !required.contains(doc) {
                    entry.0 *= REQUIRES_FACTOR;
                    entry.5 = true;
                    entry.1.push(
                        "none of the article's required phrases (a foreign request): score reduced"
                            .into(),
                    );
                }
            }
        }
        let mut ranked: Vec<(Ranked, bool)> = scores
            .into_iter()
            .filter(|(_, (score, ..))| *score >= WEAK_SCORE)
            .map(
                |(doc, (score, evidence, supports, title, own, unrequested))| {
                    // Strong needs the article's title, or two phrases of which one is the
                    // article's own, and for a co-operation article a foreign request.
                    let may_be_strong = !unrequested && (title || (supports >= 2 && own));
                    (
                        Ranked {
                            provision: candidates[doc].id.to_string(),
                            score: (score * 100.0).round() / 100.0,
                            confidence: Confidence::Weak,
                            evidence,
                            better_for: None,
                        },
                        may_be_strong,
                    )
                },
            )
            .collect();
        ranked.sort_by(|a, b| {
            b.0.score
                .total_cmp(&a.0.score)
                .then_with(|| a.0.provision.cmp(&b.0.provision))
        });
        ranked.truncate(MAX_CANDIDATES);
        if let Some((first, may_be_strong)) = ranked.first() {
            let second = ranked.get(1).map_or(0.0, |s| s.0.score);
            if first.score >= STRONG_SCORE && first.score >= STRONG_LEAD * second && *may_be_strong
            {
                ranked[0].0.confidence = Confidence::Strong;
            }
        }
        out.push(ArticleCandidates {
            article: article.number,
            ranked: ranked.into_iter().map(|r| r.0).collect(),
        });
    }
    mark_better_elsewhere(&mut out);
    out
}

/// A lexicon phrase analysed into its terms, before any draft's words are known.
#[derive(Debug)]
struct LexiconPhrase {
    article: u16,
    kind: Kind,
    text: String,
    title: bool,
    terms: Vec<String>,
}

/// Every phrase of the lexicons a language uses, analysed once per process: stemming the
/// whole lexicon took most of the time of ranking a short draft. The cache holds one entry per
/// stemmer and set of lexicons, so it stays small whatever tags callers pass.
fn analysed_lexicon(analyzer: &Analyzer, language: &str) -> Arc<Vec<LexiconPhrase>> {
    type Key = (String, Vec<&'static str>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Vec<LexiconPhrase>>>>> = OnceLock::new();
    let (lexicons, _) = Lexicon::for_language(language);
    let key: Key = (
        analyzer.language().to_string(),
        lexicons.iter().map(|l| l.language.as_str()).collect(),
    );
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Arc::clone(hit);
    }
    let mut out = Vec::new();
    for lexicon in &lexicons {
        for (key, entries) in &lexicon.articles {
            let Ok(article) = key.parse::<u16>() else {
                continue;
            };
            let lists = [
                (Kind::Supports, &entries.phrases),
                (Kind::Against, &entries.against),
                (Kind::Requires, &entries.requires),
            ];
            for (kind, list) in lists {
                for e in list {
                    out.push(LexiconPhrase {
                        article,
                        kind,
                        text: e.text.clone(),
                        title: e.title,
                        terms: analyzer.terms(&e.text),
                    });
                }
            }
        }
    }
    let out = Arc::new(out);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, Arc::clone(&out));
    out
}

/// The lexicon phrases of every scored article, analysed in the draft's language; phrases
/// with a word the draft never uses cannot match and are left out.
fn phrases(
    analyzer: &Analyzer,
    language: &str,
    scored: &[u16],
    vocabulary: &Vocabulary,
) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for p in analysed_lexicon(analyzer, language).iter() {
        if !scored.contains(&p.article) {
            continue;
        }
        let terms: Option<Vec<u32>> = p.terms.iter().map(|t| vocabulary.get(t)).collect();
        let Some(terms) = terms.filter(|t| !t.is_empty()) else {
            continue;
        };
        if !seen.insert((p.article, p.kind as u8, terms.clone())) {
            continue;
        }
        out.push(Phrase {
            article: p.article,
            text: p.text.clone(),
            title: p.title,
            kind: p.kind,
            terms,
        });
    }
    out
}

/// Where a phrase occurs: per document, how often in the body, whether in the heading, and
/// whether once with its words adjacent.
fn find(
    docs: &[Doc],
    postings: &HashMap<u32, Vec<(u32, u32)>>,
    terms: &[u32],
) -> Vec<(usize, Found)> {
    let Some(first) = postings.get(&terms[0]) else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Found)> = Vec::new();
    let mut last_end: Option<(u32, usize)> = None;
    for &(doc, pos) in first {
        let d = &docs[doc as usize];
        let start = pos as usize;
        if last_end.is_some_and(|(ld, end)| ld == doc && start < end) {
            continue;
        }
        let mut at = start;
        let mut exact = true;
        let mut matched = true;
        for &t in &terms[1..] {
            let window = (at + 1)..(at + 2 + SLOP).min(d.terms.len());
            match window.clone().find(|&i| d.terms[i] == t) {
                Some(i) => {
                    exact &= i == at + 1;
                    at = i;
                }
                None => {
                    matched = false;
                    break;
                }
            }
        }
        // A phrase may not run across the heading's end into the body.
        if !matched || (start < d.heading_len && at >= d.heading_len) {
            continue;
        }
        last_end = Some((doc, at + 1));
        let i = doc as usize;
        if out.last().is_none_or(|(last, _)| *last != i) {
            out.push((i, Found::default()));
        }
        let f = &mut out.last_mut().expect("pushed").1;
        if start < d.heading_len {
            f.heading = true;
        } else {
            f.body += 1;
        }
        f.exact |= exact;
    }
    out
}

/// The checklist's own element texts as a second signal: a provision that repeats most of the
/// words of an element's paraphrase (English checklist, so English drafts) gains weight.
fn element_signal(
    article: &crate::instrument::Article,
    analyzer: &Analyzer,
    vocabulary: &Vocabulary,
    present: &[Vec<u32>],
    scores: &mut HashMap<usize, Scored>,
) {
    let elements: Vec<(&str, BTreeSet<Option<u32>>)> = article
        .elements()
        .map(|(_, e)| {
            let words: BTreeSet<Option<u32>> = element_words(analyzer, &e.text)
                .iter()
                .map(|t| vocabulary.get(t))
                .collect();
            (e.id.as_str(), words)
        })
        .filter(|(_, w)| {
            w.len() >= 4
                && w.iter().filter(|t| t.is_some()).count() as f64 / w.len() as f64 >= ELEMENT_SHARE
        })
        .collect();
    if elements.is_empty() {
        return;
    }
    for (i, terms) in present.iter().enumerate() {
        for (id, words) in &elements {
            let hits = words
                .iter()
                .filter(|t| t.is_some_and(|t| terms.binary_search(&t).is_ok()))
                .count();
            let share = hits as f64 / words.len() as f64;
            if share >= ELEMENT_SHARE {
                let entry = scores.entry(i).or_default();
                entry.0 += ELEMENT_WEIGHT * share;
                entry.1.push(format!(
                    "wording of element {id} ({hits} of {} words)",
                    words.len()
                ));
            }
        }
    }
}

/// The words of an element's text that can be wording (three letters or more, not a stop
/// word), analysed once per process and stemmer: analysing every element's text on every call
/// took most of the time of ranking a short draft. Keyed by the text itself, so an instrument
/// read with `Instrument::from_json` is analysed as its own text says.
fn element_words(analyzer: &Analyzer, text: &str) -> Arc<[String]> {
    type Cache = HashMap<(String, String), Arc<[String]>>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let key = (analyzer.language().to_string(), text.to_string());
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Arc::clone(hit);
    }
    let words: Arc<[String]> = analyzer
        .terms(text)
        .into_iter()
        .filter(|t| t.chars().count() >= 3 && !STOP.contains(&t.as_str()))
        .collect();
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, Arc::clone(&words));
    words
}

/// A provision that matches another article much better is only a weak suggestion here: the
/// interception power is not, by itself, mutual assistance in interception.
fn mark_better_elsewhere(out: &mut [ArticleCandidates]) {
    let mut best: HashMap<String, (u16, f64)> = HashMap::new();
    for a in out.iter() {
        for r in &a.ranked {
            let entry = best
                .entry(r.provision.clone())
                .or_insert((a.article, r.score));
            if r.score > entry.1 {
                *entry = (a.article, r.score);
            }
        }
    }
    for a in out.iter_mut() {
        for r in &mut a.ranked {
            if let Some(&(article, score)) = best.get(&r.provision)
                && article != a.article
                && score >= BETTER_ELSEWHERE * r.score
            {
                r.confidence = Confidence::Weak;
                r.better_for = Some(article);
                r.evidence.push(format!(
                    "matches Article {article} better (score {score:.2})"
                ));
            }
        }
    }
}
