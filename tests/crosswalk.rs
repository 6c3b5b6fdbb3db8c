//! The UN crosswalk as data, and what it makes of the shipped profiles.
//!
//! Sources of the lists below: the UN Convention against Cybercrime, General Assembly
//! resolution 79/243 (24 December 2024), annex. Article numbers and subjects of Articles 1 to
//! 15 were read in the official Arabic text (public copy in GitHub
//! `AhmedZakiMohamed/synQanun-semantic-search`, `data/United Nations Convention against
//! Cybercrime.txt`); its Article 2(m) names Article 17 as the laundering offence and its
//! Article 3(b) names Articles 23 and 35 as the procedural and co-operation provisions. The
//! numbering of Articles 16 to 34 was not read in an official text: the data marks those
//! entries unverified (see `docs/protocols.md`).

use budapest_gap::crosswalk::{Coverage, crosswalk};
use budapest_gap::instrument::{Crosswalk, Relationship, target_article};
use budapest_gap::{Instrument, Profile, assess};

use crate::shipped_profiles;

/// The UN articles in the crosswalk's scope: Article 4 (offences under other UN treaties
/// committed through ICT systems), Chapter II (7 to 21), Chapter III (22), Chapter IV (23
/// to 34).
fn scope() -> Vec<u16> {
    std::iter::once(4).chain(7..=34).collect()
}

#[test]
fn every_un_article_in_scope_is_listed_once_in_order() {
    let listed: Vec<u16> = Crosswalk::uncc()
        .entries
        .iter()
        .map(|e| e.article)
        .collect();
    assert_eq!(listed, scope());
}

#[test]
fn every_target_exists_in_the_ets_185_checklist() {
    let ets = Instrument::ets_185();
    let walk = Crosswalk::uncc();
    for e in &walk.entries {
        for t in &e.targets {
            let found = if t.contains('.') {
                ets.element(t).is_some()
            } else {
                ets.article_by_id(t).is_some()
            };
            assert!(found, "UN Article {}: `{t}`", e.article);
        }
        assert_eq!(
            e.targets.is_empty(),
            e.relationship == Relationship::None,
            "UN Article {}",
            e.article
        );
        assert!(!e.reason.is_empty() && !e.reason.contains('\n'));
    }
    for u in &walk.unmatched {
        assert!(
            ets.article(u.article).is_some(),
            "ETS 185 Article {}",
            u.article
        );
    }
    assert!(walk.lint(ets).is_empty());
}

#[test]
fn the_relationships_are_those_the_note_lists() {
    let walk = Crosswalk::uncc();
    let rel = |n: u16| walk.entry(n).unwrap().relationship;
    // No Budapest counterpart: other UN treaties' offences, grooming, intimate images,
    // laundering, limitation periods, confiscation, criminal record, witnesses, victims.
    let none: Vec<u16> = scope()
        .into_iter()
        .filter(|n| rel(*n) == Relationship::None)
        .collect();
    assert_eq!(none, [4, 15, 16, 17, 20, 31, 32, 33, 34]);
    // The core offences and powers that are the same.
    for n in [7, 8, 9, 10, 12, 23, 25, 26, 27, 28, 29, 30] {
        assert_eq!(rel(n), Relationship::Equal, "UN Article {n}");
    }
    let target = |n: u16| target_article(&walk.entry(n).unwrap().targets[0]).unwrap();
    let pairs = [
        (7, 2),
        (8, 3),
        (9, 4),
        (10, 5),
        (11, 6),
        (12, 7),
        (13, 8),
        (14, 9),
    ];
    for (un, ets) in pairs {
        assert_eq!(target(un), ets, "UN Article {un}");
    }
    for (un, ets) in [(22, 22), (23, 14), (24, 15), (25, 16), (26, 17), (27, 18)] {
        assert_eq!(target(un), ets, "UN Article {un}");
    }
    for (un, ets) in [(28, 19), (29, 20), (30, 21)] {
        assert_eq!(target(un), ets, "UN Article {un}");
    }
    // Budapest articles with none in the UN text: copyright, trans-border access.
    let unmatched: Vec<u16> = walk.unmatched.iter().map(|u| u.article).collect();
    assert_eq!(unmatched, [10, 32]);
    // Only the entries read in the official Arabic text are verified.
    let verified: Vec<u16> = walk
        .entries
        .iter()
        .filter(|e| e.verified)
        .map(|e| e.article)
        .collect();
    assert_eq!(verified, [4, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
}

#[test]
fn every_shipped_profile_gets_a_coverage_for_every_un_article() {
    let walk = Crosswalk::uncc();
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        let assessment = assess(Instrument::ets_185(), &profile);
        let report = crosswalk(&assessment, walk).unwrap();
        let listed: Vec<u16> = report.articles.iter().map(|a| a.article).collect();
        assert_eq!(listed, scope(), "{}", path.display());
        let total: usize = Coverage::ALL.iter().map(|c| report.counts.get(*c)).sum();
        assert_eq!(total, scope().len());
        for a in &report.articles {
            // A treaty that asks more than Budapest is never covered by Budapest alone.
            if matches!(
                a.relationship,
                Relationship::Superset | Relationship::Intersects
            ) {
                assert_ne!(a.coverage, Coverage::Covered, "UN Article {}", a.article);
            }
            assert_eq!(
                a.coverage == Coverage::NoCounterpart,
                a.relationship == Relationship::None
            );
        }
        let text = report.to_text(80);
        assert!(
            text.lines().all(|l| l.chars().count() <= 80),
            "{}",
            path.display()
        );
    }
}

#[test]
fn coverage_follows_the_budapest_rating() {
    // Portugal's Article 2 is rated C and Article 6 PC (its profile says why).
    let path = crate::root().join("profiles/portugal.json");
    let profile = Profile::from_path(&path).unwrap();
    let assessment = assess(Instrument::ets_185(), &profile);
    let rating = |n: u16| {
        assessment
            .articles
            .iter()
            .find(|a| a.number == n)
            .unwrap()
            .rating
    };
    let report = crosswalk(&assessment, Crosswalk::uncc()).unwrap();
    let cov = |n: u16| {
        report
            .articles
            .iter()
            .find(|a| a.article == n)
            .unwrap()
            .coverage
    };
    assert_eq!(rating(2).abbreviation(), "C");
    assert_eq!(cov(7), Coverage::Covered);
    assert_eq!(cov(11), Coverage::Partly);
    // An assessment of nothing tells nothing: every counterpart is to assess.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["assessment"]["ets-185"] = serde_json::json!({});
    let profile = Profile::check("empty.json", &json.to_string())
        .into_profile()
        .expect("still valid");
    let report = crosswalk(&assess(Instrument::ets_185(), &profile), Crosswalk::uncc()).unwrap();
    for a in &report.articles {
        let expected = if a.relationship == Relationship::None {
            Coverage::NoCounterpart
        } else {
            Coverage::ToAssess
        };
        assert_eq!(a.coverage, expected, "UN Article {}", a.article);
    }
}

#[test]
fn a_crosswalk_rejects_a_target_that_does_not_exist() {
    let mut json = serde_json::to_value(Crosswalk::uncc()).unwrap();
    json["entries"][1]["targets"] = serde_json::json!(["art-2.no-such-element"]);
    json["entries"][2]["targets"] = serde_json::json!([]);
    let err = Crosswalk::from_json(&json.to_string(), Instrument::ets_185())
        .unwrap_err()
        .to_string();
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(err.contains("`art-2.no-such-element`"), "{err}");
    assert!(err.contains("`equal` without a target"), "{err}");
}
