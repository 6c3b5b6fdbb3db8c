//! The methodology of docs/methodology.md, case by case, and its invariants as property tests.

use budapest_gap::assess::{Assessment, GapKind, GapSeverity};
use budapest_gap::instrument::{ElementKind, PermissionKind};
use budapest_gap::{Instrument, Profile, Rating, assess};
use proptest::prelude::*;
use serde_json::{Value, json};

fn ets() -> &'static Instrument {
    Instrument::ets_185()
}

/// A valid profile of "Testland" in which every scored article is met by provision `p1`.
fn base() -> Value {
    let mut articles = serde_json::Map::new();
    for a in ets().articles().filter(|a| a.scored) {
        articles.insert(a.id(), json!({ "provisions": ["p1"], "status": "met" }));
    }
    json!({
        "format": 1,
        "jurisdiction": { "name": "Testland" },
        "document": { "kind": "draft", "title": "Test", "as_of": "2026-01-01", "language": "en", "prepared_by": "tests", "sources": "none" },
        "instruments": { "ets-185": {} },
        "laws": [{ "id": "l1", "title": "Cybercrime Act", "status": "draft" }],
        "provisions": [{ "id": "p1", "law": "l1", "ref": "s. 1", "summary": "Everything." }],
        "assessment": { "ets-185": articles }
    })
}

fn run(profile: &Value) -> Assessment {
    let checked = Profile::check("test.json", &profile.to_string());
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assess(ets(), &checked.into_profile().unwrap())
}

fn article(a: &Assessment, n: u16) -> &budapest_gap::assess::ArticleResult {
    a.articles.iter().find(|r| r.number == n).unwrap()
}

fn core_ids(n: u16) -> Vec<String> {
    ets()
        .article(n)
        .unwrap()
        .elements()
        .filter(|(_, e)| e.kind == ElementKind::Core)
        .map(|(_, e)| e.id.clone())
        .collect()
}

#[test]
fn everything_met_is_compliant_at_100_with_no_gap() {
    let a = run(&base());
    assert!(a.articles.iter().all(|r| r.rating == Rating::C));
    assert_eq!(a.index.score, Some(100.0));
    assert_eq!(a.index.counts.c, 34);
    assert_eq!(a.index.assessed, 34);
    assert!(a.gaps.is_empty(), "{:#?}", a.gaps);
}

#[test]
fn a_missing_article_is_not_assessed_never_compliant() {
    let mut p = base();
    p["assessment"]["ets-185"]
        .as_object_mut()
        .unwrap()
        .remove("art-16");
    let a = run(&p);
    assert_eq!(article(&a, 16).rating, Rating::NotAssessed);
    assert_eq!(a.index.assessed, 33);
    assert_eq!(a.index.counts.not_assessed, 1);
    let gap = a.gaps.iter().find(|g| g.article == 16).unwrap();
    assert_eq!(
        (gap.kind, gap.severity),
        (GapKind::UnassessedArticle, GapSeverity::Unassessed)
    );
}

#[test]
fn element_values_and_thresholds() {
    // Article 2: one core element partly met, the rest met.
    let ids = core_ids(2);
    let article2 = ets().article(2).unwrap();
    let weight = |id: &str| f64::from(article2.element(id).unwrap().weight);
    let total: f64 = ids.iter().map(|id| weight(id)).sum();
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["elements"] =
        json!({ ids[0].clone(): { "status": "partly" } });
    let a = run(&p);
    let r = article(&a, 2);
    let expected = (total - 0.5 * weight(&ids[0])) / total;
    assert!((r.score.unwrap() - expected).abs() < 0.001);
    assert_eq!(
        r.rating,
        if expected >= 0.8 {
            Rating::LC
        } else {
            Rating::PC
        }
    );
    assert!(a.gaps.iter().any(
        |g| g.kind == GapKind::PartialElement && g.element.as_deref() == Some(ids[0].as_str())
    ));

    // Every element not met: NC, and a major gap per element that says what to do.
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["status"] = "not-met".into();
    let a = run(&p);
    assert_eq!(article(&a, 2).rating, Rating::NC);
    let gaps: Vec<_> = a.gaps.iter().filter(|g| g.article == 2).collect();
    assert_eq!(gaps.len(), ids.len());
    assert!(gaps.iter().all(
        |g| g.severity == GapSeverity::Major && g.recommendation.starts_with("Testland should")
    ));
}

#[test]
fn restrictions_cap_the_rating() {
    for (severity, cap) in [("major", Rating::PC), ("minor", Rating::LC)] {
        let mut p = base();
        p["assessment"]["ets-185"]["art-5"]["limitations"] =
            json!([{ "restriction": "Only public systems are protected.", "severity": severity }]);
        let a = run(&p);
        let r = article(&a, 5);
        assert_eq!(r.score, Some(1.0));
        assert_eq!(r.rating, cap, "{severity}");
        assert!(r.reasons.iter().any(|x| x.contains("caps it at")));
    }
}

#[test]
fn a_qualifier_needs_its_declaration() {
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["limitations"] =
        json!([{ "qualifier": "security-measures" }]);
    let a = run(&p);
    assert_eq!(article(&a, 2).rating, Rating::LC);
    let gap = a
        .gaps
        .iter()
        .find(|g| g.kind == GapKind::UndeclaredQualifier)
        .unwrap();
    assert_eq!(gap.severity, GapSeverity::Minor);
    assert!(
        gap.recommendation.contains("Article 40"),
        "{}",
        gap.recommendation
    );

    p["instruments"]["ets-185"]["declarations"] = json!([{ "article": 2, "status": "planned" }]);
    let a = run(&p);
    assert_eq!(article(&a, 2).rating, Rating::C);
    assert!(a.gaps.is_empty());
}

#[test]
fn a_reservation_removes_elements_and_its_cost_shows_in_the_index() {
    let permission = ets()
        .permissions
        .iter()
        .find(|p| p.kind == PermissionKind::Reservation && p.article == 6)
        .unwrap();
    let mut p = base();
    let mut elements = serde_json::Map::new();
    for r in &permission.removes {
        elements.insert(
            r.split_once('.').unwrap().1.to_string(),
            json!({ "status": "not-met" }),
        );
    }
    p["assessment"]["ets-185"]["art-6"]["elements"] = Value::Object(elements);
    let without = run(&p);
    assert!(article(&without, 6).rating.rank() < Rating::C.rank());

    p["instruments"]["ets-185"]["reservations"] =
        json!([{ "article": 6, "paragraph": permission.paragraph, "status": "planned" }]);
    let with = run(&p);
    let r = article(&with, 6);
    assert_eq!(r.rating, Rating::C);
    assert!(r.score_without_reservations.unwrap() < 1.0);
    assert!(with.index.score_without_reservations < with.index.score);
    assert!(
        r.elements.iter().filter(|e| e.removed_by.is_some()).count() == permission.removes.len()
    );
}

#[test]
fn a_planned_reservation_the_treaty_does_not_permit_is_a_major_gap() {
    let mut p = base();
    p["instruments"]["ets-185"]["reservations"] = json!([{ "article": 8, "status": "planned" }]);
    let checked = Profile::check("t.json", &p.to_string());
    assert!(!checked.has_errors());
    assert_eq!(
        checked.diagnostics[0].code,
        budapest_gap::Code::ReservationNotPermitted
    );
    let a = run(&p);
    let gap = a
        .gaps
        .iter()
        .find(|g| g.kind == GapKind::ImpermissibleChoice)
        .unwrap();
    assert_eq!((gap.article, gap.severity), (8, GapSeverity::Major));

    p["instruments"]["ets-185"]["reservations"][0]["status"] = "made".into();
    assert!(Profile::check("t.json", &p.to_string()).has_errors());
}

#[test]
fn article_15_is_quoted_for_the_powers() {
    let a = run(&base());
    for n in 16..=21 {
        assert!(
            article(&a, n)
                .reasons
                .iter()
                .any(|r| r.contains("Article 15")),
            "Article {n}"
        );
    }
    assert!(
        !article(&a, 22)
            .reasons
            .iter()
            .any(|r| r.contains("Article 15"))
    );
}

#[test]
fn an_article_whose_elements_are_all_reserved_away_is_not_applicable() {
    let text = r#"{"id":"toy","number":"Toy 1","title":"Toy","short_title":"Toy","opened_at":"X","opened_on":"2001-11-23","entry_into_force":"2004-07-01","url":"u","source_note":"s",
      "chapters":[{"number":"I","heading":"H","articles":[{"number":1,"title":"Only","scored":true,"summary":"s","paragraphs":[{"number":"1","summary":"s","elements":[{"id":"a","kind":"core","text":"A","recommendation":"{jurisdiction} should a."}]}]}]}],
      "permissions":[{"id":"r","kind":"reservation","article":1,"paragraph":"1","basis":"Article 9","summary":"s","removes":["art-1.a"]}]}"#;
    let toy = Instrument::from_json(text).unwrap();
    let profile = r#"{"format":1,"jurisdiction":{"name":"T"},"document":{"kind":"in-force","title":"t","as_of":"2026-01-01","language":"en","prepared_by":"p","sources":"s"},
      "instruments":{"toy":{"signed":"2001-11-23","reservations":[{"article":1,"paragraph":"1","status":"made"}]}},"assessment":{"toy":{"art-1":{"status":"not-met"}}}}"#;
    let checked = Profile::check_with("t.json", profile, &[&toy]);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let a = assess(&toy, &checked.into_profile().unwrap());
    assert_eq!(a.articles[0].rating, Rating::NA);
    assert_eq!(a.index.score, None);
    assert_eq!(a.index.score_without_reservations, Some(0.0));
}

const STATUSES: [&str; 4] = ["not-met", "partly", "met", "not-assessed"];

/// Random element statuses: (article index, element index, status index).
fn statuses() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..34, 0usize..16, 0usize..4), 0..60)
}

fn apply(p: &mut Value, changes: &[(usize, usize, usize)]) {
    let scored: Vec<_> = ets().articles().filter(|a| a.scored).collect();
    for &(ai, ei, si) in changes {
        let article = scored[ai];
        let ids = core_ids(article.number);
        let id = &ids[ei % ids.len()];
        p["assessment"]["ets-185"][article.id()]["elements"][id] =
            json!({ "status": STATUSES[si] });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn improving_an_element_never_lowers_a_score_or_rating(
        changes in statuses(),
        target in (0usize..34, 0usize..16),
        from in 0usize..2,
        step in 1usize..3,
        restricted in any::<bool>(),
    ) {
        let to = (from + step).min(2);
        prop_assume!(to > from);
        let mut p = base();
        if restricted {
            p["assessment"]["ets-185"]["art-4"]["limitations"] = json!([{ "restriction": "r", "severity": "major" }]);
        }
        apply(&mut p, &changes);
        apply(&mut p, &[(target.0, target.1, from)]);
        let before = run(&p);
        apply(&mut p, &[(target.0, target.1, to)]);
        let after = run(&p);
        for (b, a) in before.articles.iter().zip(&after.articles) {
            prop_assert!(a.score >= b.score, "Article {}: {:?} → {:?}", b.number, b.score, a.score);
            if let (Some(rb), Some(ra)) = (b.rating.rank(), a.rating.rank()) {
                prop_assert!(ra >= rb, "Article {}: {} → {}", b.number, b.rating, a.rating);
            }
        }
        prop_assert!(after.index.score >= before.index.score);
    }

    #[test]
    fn scores_are_in_range_and_every_gap_says_what_to_do(changes in statuses()) {
        let mut p = base();
        apply(&mut p, &changes);
        let a = run(&p);
        for r in &a.articles {
            prop_assert!(r.score.is_none_or(|s| (0.0..=1.0).contains(&s)));
        }
        for i in std::iter::once(&a.index).chain(a.divisions.iter().map(|d| &d.index)) {
            prop_assert!(i.score.is_none_or(|s| (0.0..=100.0).contains(&s)));
            prop_assert_eq!(Rating::ALL.iter().map(|r| i.counts.get(*r)).sum::<usize>(), i.scorable);
        }
        for g in &a.gaps {
            prop_assert!((2..=35).contains(&g.article));
            let article = format!("Article {}", g.article);
            prop_assert!(g.message.contains(&article), "{}", g.message);
            prop_assert!(g.recommendation.contains("Testland"), "{}", g.recommendation);
        }
    }
}
