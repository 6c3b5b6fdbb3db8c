//! The draft-law workflow: splitting, ranking accuracy against reviewed profiles, skeletons.

use budapest_gap::draft::{Accuracy, SkeletonOptions, parse, skeleton};
use budapest_gap::{Instrument, Profile};

use crate::root;

fn options(name: &str) -> SkeletonOptions {
    SkeletonOptions { jurisdiction: name.into(), code: None, title: name.into(), as_of: "2026-11-01".parse().unwrap(), source: format!("{name}.md") }
}

/// The shipped profiles' provisions as drafts (`scripts/profile-drafts.py`): provision i of
/// the profile is "Article i" of the draft, so the reviewed mapping is known.
fn shipped_accuracy() -> Vec<(String, Accuracy)> {
    let ets = Instrument::ets_185();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/fixtures/drafts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let draft = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut reviewed = Profile::from_path(root().join("profiles").join(format!("{name}.json"))).unwrap();
        assert_eq!(draft.provisions.len(), reviewed.provisions.len(), "{name}: regenerate the fixture with scripts/profile-drafts.py");
        let rename: std::collections::HashMap<String, String> = reviewed.provisions.iter().enumerate().map(|(i, p)| (p.id.clone(), format!("article-{}", i + 1))).collect();
        for article in reviewed.assessment.values_mut().flat_map(|a| a.values_mut()) {
            for p in &mut article.provisions {
                *p = rename[p].clone();
            }
        }
        let s = skeleton(ets, &draft, &options(&name));
        out.push((name, Accuracy::measure(ets, &reviewed, &s.candidates)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn ranking_accuracy_on_the_shipped_laws_and_the_example_draft() {
    let ets = Instrument::ets_185();
    let mut total = Accuracy::default();
    let mut lines = Vec::new();
    let mut measured = shipped_accuracy();
    for (name, acc) in &measured {
        println!("{name}: {}/{} first, {}/{} in the first three", acc.first, acc.articles, acc.top3, acc.articles);
    }
    let example = parse(&std::fs::read_to_string(root().join("examples/arcadia-draft.md")).unwrap()).unwrap();
    let reviewed = Profile::from_path(root().join("examples/arcadia-reviewed.json")).unwrap();
    measured.push(("example draft".into(), Accuracy::measure(ets, &reviewed, &skeleton(ets, &example, &options("Arcadia")).candidates)));
    for (name, acc) in measured {
        lines.push(format!("{name}: {}/{} first, {}/{} in the first three", acc.first, acc.articles, acc.top3, acc.articles));
        for (article, ranked, expected) in &acc.misses {
            lines.push(format!("  Article {article}: ranked {ranked:?}, expected one of {expected:?}"));
        }
        total.add(acc);
    }
    let report = lines.join("\n");
    println!("{report}");
    println!("total: {:.1} % first, {:.1} % in the first three", 100.0 * total.first_rate(), 100.0 * total.top3_rate());
    assert!(total.articles > 100, "{report}");
    assert!(total.first_rate() >= 0.90, "first-ranked {:.1} % < 90 %\n{report}", 100.0 * total.first_rate());
    assert!(total.top3_rate() >= 0.97, "first three {:.1} % < 97 %\n{report}", 100.0 * total.top3_rate());
}
