//! Matching measured on real statutes (`tests/fixtures/matching/{dev,test}`): each law comes
//! with an answer key written before any tuning, naming the provisions that implement each
//! article and the articles the law certainly does not implement. The lexicon and weights are
//! tuned on `dev` only; `test` is the measure reported in `docs/drafting.md`.

use std::collections::BTreeMap;
use std::path::Path;

use budapest_gap::Instrument;
use budapest_gap::draft::{SkeletonOptions, parse, skeleton};
use budapest_gap::profile::Confidence;

use crate::root;

/// An answer key.
#[derive(serde::Deserialize)]
struct Key {
    law: String,
    language: String,
    articles: BTreeMap<String, Vec<String>>,
    absent: Vec<u16>,
    source: serde_json::Value,
    keyed: String,
}

/// Per-language results.
#[derive(Default, Debug, Clone)]
pub struct Figures {
    pub keyed: usize,
    pub first: usize,
    pub top3: usize,
    pub strong: usize,
    pub strong_wrong: usize,
    pub misses: Vec<String>,
    /// Keyed provisions the splitter did not find (they count as misses).
    pub unsplit: Vec<String>,
}

impl Figures {
    fn pct(n: usize, d: usize) -> f64 {
        if d == 0 {
            100.0
        } else {
            100.0 * n as f64 / d as f64
        }
    }
    pub fn first_rate(&self) -> f64 {
        Self::pct(self.first, self.keyed)
    }
    pub fn top3_rate(&self) -> f64 {
        Self::pct(self.top3, self.keyed)
    }
    pub fn strong_wrong_rate(&self) -> f64 {
        if self.strong == 0 {
            0.0
        } else {
            Self::pct(self.strong_wrong, self.strong)
        }
    }
}

/// Whether the provision `reference` is the one a key names: the same reference, a child
/// whose reference ends with it (`Art. V, art. 509-1` for a key naming `Art. 509-1`, the
/// article an amending law inserts), or a part of it (`Article 5, § 1er` for a key naming
/// `Article 5`: the suggestion points into the keyed provision). `Article`, `Artículo`, `Artigo` and `Art.` are the same
/// word here: an amending sentence may write out the word its code abbreviates.
fn same(reference: &str, key: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(|w| match w.to_lowercase().as_str() {
                "article" | "artículo" | "articulo" | "artigo" | "art." => "art.".to_string(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (r, k) = (norm(reference), norm(key));
    r == k || r.ends_with(&format!(", {k}")) || r.starts_with(&format!("{k}, "))
}

/// Runs the tool on every law of a set; per primary language, and the lines of a report.
pub fn measure(set: &str) -> (BTreeMap<String, Figures>, Vec<String>) {
    let ets = Instrument::ets_185();
    let dir = root().join("tests/fixtures/matching").join(set);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    let mut report = Vec::new();
    for path in names {
        let key: Key = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("key.json")).unwrap(),
        )
        .unwrap();
        assert!(key.keyed.contains("before any"), "{}", key.law);
        assert!(
            key.source["repository"].is_string(),
            "{}: cite the source",
            key.law
        );
        let draft = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let primary = key.language.split('-').next().unwrap().to_string();
        assert_eq!(
            draft.language.primary(),
            primary,
            "{}: language detection",
            key.law
        );
        let refs: Vec<&str> = draft
            .provisions
            .iter()
            .map(|p| p.reference.as_str())
            .collect();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        // A provision the splitter did not find cannot be suggested: the article it
        // implements counts as a miss, and the report names it.
        let mut unsplit: Vec<String> = Vec::new();
        for (article, expected) in &key.articles {
            if !expected.iter().any(|e| refs.iter().any(|r| same(r, e))) {
                unsplit.push(format!(
                    "{name}: Article {article}: the splitter found none of {expected:?}"
                ));
            }
        }
        let s = skeleton(ets, &draft, &options(&path));
        let reference: BTreeMap<&str, &str> = s
            .profile
            .provisions
            .iter()
            .map(|p| (p.id.as_str(), p.reference.as_str()))
            .collect();
        let f = out.entry(primary).or_default();
        f.unsplit.extend(unsplit);
        for a in &s.candidates {
            let expected: Option<&Vec<String>> = key.articles.get(&a.article.to_string());
            let ranked: Vec<&str> = a
                .ranked
                .iter()
                .map(|r| reference[r.provision.as_str()])
                .collect();
            let hit = |r: &&str| expected.is_some_and(|e| e.iter().any(|x| same(r, x)));
            if let Some(expected) = expected {
                f.keyed += 1;
                if ranked.first().is_some_and(hit) {
                    f.first += 1;
                } else {
                    f.misses.push(format!(
                        "{name}: Article {}: ranked {ranked:?}, expected one of {:?}",
                        a.article, expected
                    ));
                }
                if ranked.iter().take(3).any(hit) {
                    f.top3 += 1;
                }
            }
            let assessed = expected.is_some() || key.absent.contains(&a.article);
            if let Some(first) = a.ranked.first()
                && first.confidence == Confidence::Strong
                && assessed
            {
                f.strong += 1;
                if !hit(&ranked[0]) {
                    f.strong_wrong += 1;
                    f.misses.push(format!(
                        "{name}: Article {}: strong suggestion {} is wrong ({:?})",
                        a.article, ranked[0], first.evidence
                    ));
                }
            }
        }
    }
    for (language, f) in &out {
        report.push(format!(
            "{set} {language}: {} keyed articles, top-1 {:.1} %, top-3 {:.1} %, strong suggestions {} of which wrong {} ({:.1} %)",
            f.keyed,
            f.first_rate(),
            f.top3_rate(),
            f.strong,
            f.strong_wrong,
            f.strong_wrong_rate()
        ));
        // The test set's misses are not printed unless asked for: the lexicon and weights are
        // tuned on the development set only, and nobody should tune on what fails in `test`.
        if set != "test" || std::env::var_os("MATCHING_SHOW_TEST_MISSES").is_some() {
            for m in f.unsplit.iter().chain(&f.misses) {
                report.push(format!("  {m}"));
            }
        } else if !f.unsplit.is_empty() {
            report.push(format!(
                "  {} keyed article(s) whose provisions the splitter did not find",
                f.unsplit.len()
            ));
        }
    }
    (out, report)
}

fn options(path: &Path) -> SkeletonOptions {
    SkeletonOptions {
        jurisdiction: "Test".into(),
        code: None,
        title: "Test".into(),
        as_of: "2026-12-01".parse().unwrap(),
        source: path.file_name().unwrap().to_string_lossy().into_owned(),
    }
}

#[test]
fn development_set_figures() {
    let (figures, report) = measure("dev");
    let report = report.join("\n");
    println!("{report}");
    assert!(figures.len() >= 4, "{report}");
    // Tuned on this set: every keyed article's implementing provision comes first, but for
    // what round 22's development round left in French (docs/drafting.md): Article 25 of the
    // Luxembourg law of 8 August 2000 ranked second, and two wrong strong suggestions (Article
    // 25 on Belgium's 39quater, Article 13 on a condition of mutual assistance).
    for (language, f) in &figures {
        let (first, wrong) = if language == "fr" {
            (97.5, 2)
        } else {
            (100.0, 0)
        };
        assert!(f.first_rate() >= first, "{language}\n{report}");
        assert!(f.top3_rate() >= 100.0, "{language}\n{report}");
        assert!(f.strong_wrong <= wrong, "{language}\n{report}");
    }
}

/// The floors are the figures measured on the test set when the lexicon and weights were
/// frozen (docs/drafting.md); a change that lowers them fails here.
#[test]
fn test_set_figures_do_not_regress() {
    let (figures, report) = measure("test");
    let report = report.join("\n");
    println!("{report}");
    let floors: &[(&str, f64, f64, f64)] = &[
        // language, top-1 ≥, top-3 ≥, strong wrong ≤ (per cent); measured 2026-12-02, round 10
        // (French: round 19, with the Canadian test law of that round; Portuguese: round 17,
        // with the new test laws of rounds 16 and 17, which brought one more wrong strong
        // suggestion and so raised the ceiling; Spanish: round 18, with the two Uruguayan test
        // laws, which lowered top-1 and top-3 before anything was tuned; English: round 20, with
        // the English text of Canada's S.C. 2014, c. 31, ss. 1-26 and the Investigatory Powers
        // Act 2016 excerpt, measured when the latter was added, nothing tuned on it: 78.3 %,
        // 95.7 %, 3 wrong of 14; Spanish again in round 21, with Chile's Código Procesal Penal
        // 20 bis and 431-454 added to the test set, measured before and after the development
        // round with the same figures, 58.1 %, 64.5 %, 1 wrong of 8, and then with Chile's Código
        // Penal 366 quinquies-367 octies added, nothing tuned on it: 57.6 %, 63.6 %, 1 wrong of 8;
        // round 22: a Spanish, a French and a Portuguese test law added, then a one-word title
        // found only in running text no longer makes a suggestion strong, and a part of the
        // keyed provision counts as it: es 61.5 %, 66.7 %, 1 wrong of 9; fr 47.4 %, 55.3 %,
        // 9 wrong of 15; pt 57.9 %, 68.4 %, 1 wrong of 2; round 23: RIPA 2000 Part III and Ley
        // 23/2014 added, then the English development round: en 80.0 %, 96.0 %, 3 wrong of 13;
        // es 57.1 %, 61.9 %, 1 wrong of 9)
        ("en", 79.9, 95.9, 23.1),
        ("es", 57.1, 61.9, 11.2),
        ("fr", 47.3, 55.2, 60.1),
        ("pt", 57.8, 68.4, 50.1),
    ];
    for (language, first, top3, wrong) in floors {
        let f = &figures[*language];
        assert!(
            f.first_rate() >= *first,
            "{language}: top-1 {:.1} %\n{report}",
            f.first_rate()
        );
        assert!(
            f.top3_rate() >= *top3,
            "{language}: top-3 {:.1} %\n{report}",
            f.top3_rate()
        );
        assert!(
            f.strong_wrong_rate() <= *wrong,
            "{language}: strong wrong {:.1} %\n{report}",
            f.strong_wrong_rate()
        );
    }
}
