//! Ranking the provisions of a law by how likely each implements each article, from the
//! checklist's lexicon. Every suggestion carries its evidence (which phrases matched, for
//! which element) and a confidence; nothing here decides that an element is met.

use std::collections::{BTreeSet, HashMap};

use crate::instrument::{Article, Instrument, Lexicon};
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
    /// The match score (sum of the matched phrases' weights).
    pub score: f64,
    /// Strong or weak.
    pub confidence: Confidence,
    /// What matched: `"unauthorised access" (heading)`, `"intercept" → element interception`.
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
/// A score from which a suggestion is kept at all.
pub const WEAK_SCORE: f64 = 1.5;
/// A score from which a suggestion is strong (when it also leads the next by [`STRONG_LEAD`]).
pub const STRONG_SCORE: f64 = 5.0;
/// How far ahead of the second the first must be to be strong.
pub const STRONG_LEAD: f64 = 1.25;
/// A provision scoring this many times more for another article is only a weak suggestion.
pub const BETTER_ELSEWHERE: f64 = 2.0;

/// Case- and accent-folded words of a text.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                word.push(fold(l));
            }
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Latin letters with diacritics to their base letter, so `accès` matches `acces`.
fn fold(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśşřŕľĺłťţđğ";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsssrrllltidg";
    FROM.chars()
        .position(|x| x == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// A phrase's words match at some position of `text`: each word equal, or, for words of five
/// letters or more, a prefix of the text's word.
fn contains(text: &[String], phrase: &[String]) -> bool {
    if phrase.is_empty() || phrase.len() > text.len() {
        return false;
    }
    let matches = |t: &str, p: &str| t == p || (p.chars().count() >= 5 && t.starts_with(p));
    text.windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(t, p)| matches(t, p)))
}

struct Phrase {
    text: String,
    words: Vec<String>,
    /// The element it belongs to, if an element's lexicon.
    element: Option<String>,
    against: bool,
}

fn phrases(lexicon: &Lexicon, element: Option<&str>) -> Vec<Phrase> {
    let make = |text: &String, against: bool| Phrase {
        text: text.clone(),
        words: words(text),
        element: element.map(str::to_string),
        against,
    };
    lexicon
        .en
        .iter()
        .chain(&lexicon.fr)
        .map(|t| make(t, false))
        .chain(lexicon.against.iter().map(|t| make(t, true)))
        .collect()
}

fn article_phrases(article: &Article) -> Vec<Phrase> {
    let mut out = phrases(&article.lexicon, None);
    for (_, e) in article.elements() {
        out.extend(phrases(&e.lexicon, Some(&e.id)));
    }
    out
}

struct Doc {
    heading: Vec<String>,
    all: Vec<String>,
}

/// Ranks, for every scored article of `instrument`, the candidates that may implement it.
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
/// let ranked = rank(Instrument::ets_185(), &candidates);
/// let art2 = ranked.iter().find(|a| a.article == 2).unwrap();
/// assert_eq!(art2.ranked[0].provision, "s3");
/// ```
pub fn rank(instrument: &Instrument, candidates: &[Candidate<'_>]) -> Vec<ArticleCandidates> {
    let docs: Vec<Doc> = candidates
        .iter()
        .map(|c| {
            let heading = words(c.heading);
            let mut all = heading.clone();
            all.extend(words(c.text));
            Doc { heading, all }
        })
        .collect();
    // Which documents contain each word, so that a phrase is only checked where its first
    // word occurs: a long draft stays fast.
    let mut vocabulary: std::collections::BTreeMap<&str, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for w in &d.all {
            let list = vocabulary.entry(w.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let n = docs.len().max(1) as f64;
    // Per phrase: the documents it matches, and whether in their heading.
    let mut matches: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
    let find = |phrase: &Phrase| -> Vec<(usize, bool)> {
        let Some(first) = phrase.words.first() else {
            return Vec::new();
        };
        let mut docs_with_first: BTreeSet<usize> = BTreeSet::new();
        if first.chars().count() >= 5 {
            for (_, list) in vocabulary
                .range(first.as_str()..)
                .take_while(|(w, _)| w.starts_with(first.as_str()))
            {
                docs_with_first.extend(list);
            }
        } else if let Some(list) = vocabulary.get(first.as_str()) {
            docs_with_first.extend(list);
        }
        docs_with_first
            .into_iter()
            .filter(|&i| contains(&docs[i].all, &phrase.words))
            .map(|i| (i, contains(&docs[i].heading, &phrase.words)))
            .collect()
    };
    let mut out = Vec::new();
    for article in instrument.articles().filter(|a| a.scored) {
        let phrases = article_phrases(article);
        let mut scores: HashMap<usize, (f64, Vec<String>)> = HashMap::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for p in &phrases {
            if !seen.insert(p.text.as_str()) {
                continue;
            }
            let found = matches.entry(p.text.clone()).or_insert_with(|| find(p));
            let idf = (1.0 + n / (1.0 + found.len() as f64)).ln();
            for &(doc, in_heading) in found.iter() {
                let mut weight = p.words.len() as f64 * idf * if in_heading { 2.0 } else { 1.0 };
                if p.element.is_some() {
                    weight *= 0.5;
                }
                let entry = scores.entry(doc).or_default();
                if p.against {
                    entry.0 -= weight;
                    entry.1.push(format!("against: “{}”", p.text));
                    continue;
                }
                entry.0 += weight;
                let place = if in_heading { " (heading)" } else { "" };
                entry.1.push(match &p.element {
                    Some(e) => format!("“{}”{place} → element {e}", p.text),
                    None => format!("“{}”{place}", p.text),
                });
            }
        }
        // Provisions with none of the article's required phrases score half.
        let required: Vec<Vec<String>> =
            article.lexicon.requires.iter().map(|r| words(r)).collect();
        if !required.is_empty() {
            for (doc, (score, evidence)) in &mut scores {
                if !required.iter().any(|r| contains(&docs[*doc].all, r)) {
                    *score /= 2.0;
                    evidence.push("none of the required phrases: score halved".into());
                }
            }
        }
        let mut scored: Vec<Ranked> = scores
            .into_iter()
            .filter(|(_, (score, _))| *score >= WEAK_SCORE)
            .map(|(doc, (score, evidence))| Ranked {
                provision: candidates[doc].id.to_string(),
                score: (score * 100.0).round() / 100.0,
                confidence: Confidence::Weak,
                evidence,
                better_for: None,
            })
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.provision.cmp(&b.provision))
        });
        scored.truncate(MAX_CANDIDATES);
        if let Some(first) = scored.first() {
            let second = scored.get(1).map_or(0.0, |s| s.score);
            if first.score >= STRONG_SCORE && first.score >= STRONG_LEAD * second {
                scored[0].confidence = Confidence::Strong;
            }
        }
        out.push(ArticleCandidates {
            article: article.number,
            ranked: scored,
        });
    }
    // A provision that matches another article better is only a weak suggestion here: the
    // interception power is not, by itself, mutual assistance in interception.
    let mut best: HashMap<String, (u16, f64)> = HashMap::new();
    for a in &out {
        for r in &a.ranked {
            let entry = best
                .entry(r.provision.clone())
                .or_insert((a.article, r.score));
            if r.score > entry.1 {
                *entry = (a.article, r.score);
            }
        }
    }
    for a in &mut out {
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_accents() {
        assert_eq!(
            words("Accès ILLÉGITIMO, s.3ZA"),
            ["acces", "illegitimo", "s", "3za"]
        );
    }

    #[test]
    fn long_words_match_as_stems() {
        let text = words("the interception of transmissions");
        assert!(contains(&text, &words("intercept")));
        assert!(contains(&text, &words("of transmissions")));
        assert!(
            !contains(&text, &words("the int")),
            "short words match whole"
        );
        assert!(!contains(&text, &words("transmissions of")));
    }
}
