//! The methodology of docs/methodology.md, case by case, and its invariants as property tests.

use budapest_gap::assess::{
    Assessment, COVERAGE_THRESHOLD, ChoiceValidity, GapKind, Priority, Reason, Remedy,
};
use budapest_gap::instrument::{ElementKind, PermissionKind};
use budapest_gap::profile::{BoundStatus, Severity};
use budapest_gap::{Instrument, Profile, Rating, assess};
use proptest::prelude::*;
use serde_json::{Value, json};

fn ets() -> &'static Instrument {
    Instrument::ets_185()
}

/// Articles with at least one core element: the ones that can be rated.
fn rateable() -> Vec<u16> {
    ets()
        .articles()
        .filter(|a| a.scored && a.elements().any(|(_, e)| e.kind == ElementKind::Core))
        .map(|a| a.number)
        .collect()
}

/// A valid draft profile of "Testland" in which every scored article is met by provision `p1`.
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

/// The same State as a Party whose law is in force.
fn party() -> Value {
    let mut p = base();
    p["document"]["kind"] = "in-force".into();
    p["laws"][0]["status"] = "in-force".into();
    p["instruments"]["ets-185"] =
        json!({ "signed": "2001-11-23", "ratified": "2010-03-24", "in_force": "2010-07-01" });
    p
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

fn ids_of(n: u16, kind: ElementKind) -> Vec<String> {
    ets()
        .article(n)
        .unwrap()
        .elements()
        .filter(|(_, e)| e.kind == kind)
        .map(|(_, e)| e.id.clone())
        .collect()
}

fn core_ids(n: u16) -> Vec<String> {
    ids_of(n, ElementKind::Core)
}

/// Sets every core element of an article to not assessed, then some to a status.
fn only(p: &mut Value, n: u16, set: &[(&str, &str)]) {
    let entry = &mut p["assessment"]["ets-185"][format!("art-{n}")];
    entry["status"] = "not-assessed".into();
    entry["elements"] = json!({});
    for (id, status) in set {
        entry["elements"][*id] = json!({ "status": status });
    }
}

#[test]
fn everything_met_is_compliant_at_100_with_no_gap() {
    let a = run(&base());
    for r in &a.articles {
        let expected = if rateable().contains(&r.number) {
            Rating::C
        } else {
            Rating::NA
        };
        assert_eq!(r.rating, expected, "Article {}", r.number);
        assert!(!r.provisional);
    }
    assert_eq!(a.index.score, Some(100.0));
    assert_eq!(a.index.headline, Some(100.0));
    assert!(a.gaps.is_empty(), "{:#?}", a.gaps);
    assert!(a.recommendations.is_empty());
}

#[test]
fn a_missing_article_is_not_assessed_and_only_a_to_do() {
    let mut p = base();
    p["assessment"]["ets-185"]
        .as_object_mut()
        .unwrap()
        .remove("art-16");
    let a = run(&p);
    assert_eq!(article(&a, 16).rating, Rating::NotAssessed);
    assert_eq!(a.index.counts.not_assessed, 1);
    assert!(a.gaps.iter().all(|g| g.article != 16));
    assert!(a.recommendations.iter().all(|r| r.article != 16));
    let todo = a.to_assess.iter().find(|t| t.article == 16).unwrap();
    assert!(todo.element.is_none());
    assert!(todo.to_string().starts_with("Assess Article 16"));
}

#[test]
fn unknown_elements_make_a_rating_provisional_never_a_failure() {
    let ids = core_ids(22);
    let mut p = base();
    only(&mut p, 22, &[(&ids[0], "met")]);
    let a = run(&p);
    let r = article(&a, 22);
    assert_eq!(r.rating, Rating::C);
    assert!(r.provisional);
    assert_eq!(r.coverage.assessed, 1);
    assert_eq!(r.coverage.applicable, ids.len());
    assert!(
        r.reasons
            .iter()
            .any(|x| matches!(x, Reason::Provisional { .. }))
    );
    assert!(r.reasons.iter().any(|x| {
        x.to_string()
            .contains(&format!("1 of {} elements assessed", ids.len()))
    }));
    assert!(a.gaps.iter().all(|g| g.article != 22));
    assert_eq!(
        a.to_assess.iter().filter(|t| t.article == 22).count(),
        ids.len() - 1
    );

    // Nothing applicable assessed: not assessed, not NC.
    only(&mut p, 22, &[]);
    let a = run(&p);
    assert_eq!(article(&a, 22).rating, Rating::NotAssessed);
}

#[test]
fn a_core_element_not_met_caps_at_pc_and_says_so() {
    // Article 2 with one element not met: the score may be high, the rating is at most PC.
    let ids = core_ids(2);
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["elements"] =
        json!({ ids[0].clone(): { "status": "not-met" } });
    let a = run(&p);
    let r = article(&a, 2);
    assert!(r.rating.rank() <= Rating::PC.rank(), "{}", r.rating);
    if r.score.unwrap() >= 0.8 {
        assert!(r.reasons.iter().any(|x| matches!(
            x,
            Reason::Capped {
                cap: Rating::PC,
                ..
            }
        )));
    }
    assert_eq!(
        r.tally.to_string(),
        format!("{} of {} met", ids.len() - 1, ids.len())
    );

    // Partly met: at most LC, never C.
    p["assessment"]["ets-185"]["art-2"]["elements"] =
        json!({ ids[0].clone(): { "status": "partly" } });
    let a = run(&p);
    let r = article(&a, 2);
    assert!(matches!(r.rating, Rating::LC | Rating::PC), "{}", r.rating);
    let gap = a.gaps.iter().find(|g| g.article == 2).unwrap();
    assert_eq!(
        (gap.kind, gap.severity),
        (GapKind::PartialElement, Severity::Minor)
    );
}

#[test]
fn restrictions_cap_the_rating_with_a_reason() {
    for (severity, cap) in [("major", Rating::PC), ("minor", Rating::LC)] {
        let mut p = base();
        p["assessment"]["ets-185"]["art-5"]["limitations"] =
            json!([{ "restriction": "Only public systems are protected.", "severity": severity }]);
        let a = run(&p);
        let r = article(&a, 5);
        assert_eq!(r.score, Some(1.0));
        assert_eq!(r.rating, cap, "{severity}");
        let capped = r
            .reasons
            .iter()
            .find(|x| matches!(x, Reason::Capped { .. }))
            .unwrap();
        assert!(
            capped
                .to_string()
                .starts_with(&format!("Capped at {cap} (the score alone gives C)")),
            "{capped}"
        );
        let rec = &a.recommendations[0];
        assert!(matches!(rec.remedy, Remedy::RemoveRestriction { .. }));
        assert!(
            rec.to_string()
                .starts_with("Testland should amend s. 1 of Cybercrime Act (Article 5)"),
            "{rec}"
        );
    }
}

#[test]
fn advice_on_a_qualifier_follows_the_states_status() {
    let qualifier = json!([{ "qualifier": "security-measures" }]);
    // Not yet bound: it may still declare on ratification, or amend.
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["limitations"] = qualifier.clone();
    let a = run(&p);
    assert_eq!(a.bound_status, BoundStatus::NotSigned);
    assert_eq!(article(&a, 2).rating, Rating::LC);
    let rec = &a.recommendations[0];
    assert!(matches!(rec.remedy, Remedy::DeclareOrAmend { .. }));
    let text = rec.to_string();
    assert!(text.contains("Article 40"), "{text}");
    assert!(
        text.contains("when depositing its instrument of ratification or accession"),
        "{text}"
    );

    // Signatory: the same.
    p["instruments"]["ets-185"]["signed"] = "2001-11-23".into();
    let a = run(&p);
    assert_eq!(a.bound_status, BoundStatus::Signatory);
    assert!(matches!(
        a.recommendations[0].remedy,
        Remedy::DeclareOrAmend { .. }
    ));

    // A Party: only amend.
    let mut p = party();
    p["assessment"]["ets-185"]["art-2"]["limitations"] = qualifier;
    let a = run(&p);
    assert_eq!(a.bound_status, BoundStatus::Party);
    let rec = &a.recommendations[0];
    assert!(matches!(rec.remedy, Remedy::DropQualifier { .. }));
    let text = rec.to_string();
    assert!(
        text.contains("should amend s. 1 of Cybercrime Act"),
        "{text}"
    );
    assert!(
        !text.contains("declare") && !text.contains("should make"),
        "{text}"
    );

    // A declaration planned by a State not yet bound covers it; planned by a Party, it is too late.
    let mut p = base();
    p["assessment"]["ets-185"]["art-2"]["limitations"] =
        json!([{ "qualifier": "security-measures" }]);
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
    assert_eq!(
        r.elements.iter().filter(|e| e.removed_by.is_some()).count(),
        permission.removes.len()
    );
}

#[test]
fn an_impermissible_reservation_is_a_major_gap_with_advice_by_status() {
    let mut p = base();
    p["instruments"]["ets-185"]["reservations"] = json!([{ "article": 8, "status": "planned" }]);
    let a = run(&p);
    let gap = a
        .gaps
        .iter()
        .find(|g| g.kind == GapKind::ImpermissibleChoice)
        .unwrap();
    assert_eq!((gap.article, gap.severity), (8, Severity::Major));
    assert_eq!(article(&a, 8).rating, Rating::PC);
    let rec = a
        .recommendations
        .iter()
        .find(|r| Some(&r.id) == gap.recommendation.as_ref())
        .unwrap();
    assert!(
        rec.to_string()
            .contains("should not make the planned reservation on Article 8")
    );
    assert_eq!(a.choices[0].validity, ChoiceValidity::NotPermitted);
}

#[test]
fn a_party_cannot_plan_a_reservation_any_more() {
    let mut p = party();
    let removes = &ets()
        .permissions
        .iter()
        .find(|x| x.id == "res-22-2")
        .unwrap()
        .removes;
    for r in removes {
        p["assessment"]["ets-185"]["art-22"]["elements"][r.split_once('.').unwrap().1] =
            json!({ "status": "not-met" });
    }
    p["instruments"]["ets-185"]["reservations"] =
        json!([{ "article": 22, "paragraph": "2", "status": "planned" }]);
    let a = run(&p);
    assert_eq!(a.choices[0].validity, ChoiceValidity::TooLate);
    assert!(
        article(&a, 22)
            .elements
            .iter()
            .all(|e| e.removed_by.is_none())
    );
    assert!(article(&a, 22).rating.rank() <= Rating::PC.rank());
}

#[test]
fn the_safeguards_of_article_15_are_a_reason_of_the_powers() {
    let a = run(&base());
    let quoted = |n: u16| {
        article(&a, n)
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Safeguards { article: 15, .. }))
    };
    for n in 16..=21 {
        assert!(quoted(n), "Article {n}");
    }
    assert!(!quoted(22));
}

#[test]
fn options_are_reported_never_rated() {
    // Article 32 only permits: even marked not met, it is never NC or PC and never a gap.
    let mut p = base();
    p["assessment"]["ets-185"]["art-32"]["status"] = "not-met".into();
    let a = run(&p);
    let r = article(&a, 32);
    assert_eq!(r.rating, Rating::NA);
    assert!(
        r.reasons
            .iter()
            .any(|x| matches!(x, Reason::OptionsOnly { .. }))
    );
    assert!(a.gaps.iter().all(|g| g.article != 32));
    for n in [26, 28] {
        assert!(
            !ids_of(n, ElementKind::Option).is_empty(),
            "Article {n} has options"
        );
    }
}

#[test]
fn an_alternative_stands_in_for_the_element_it_replaces() {
    for n in [20, 21] {
        let article_data = ets().article(n).unwrap();
        let (_, alternative) = article_data
            .elements()
            .find(|(_, e)| e.kind == ElementKind::Alternative)
            .unwrap_or_else(|| panic!("Article {n} has an alternative"));
        let replaced = &alternative.replaces[0];
        let mut p = base();
        p["assessment"]["ets-185"][format!("art-{n}")]["elements"] = json!({
            replaced.clone(): { "status": "not-met" },
            alternative.id.clone(): { "status": "met" },
        });
        let a = run(&p);
        let r = article(&a, n);
        assert_eq!(r.rating, Rating::C, "Article {n}");
        assert!(
            r.reasons
                .iter()
                .any(|x| matches!(x, Reason::Alternative { .. }))
        );
    }
}

#[test]
fn practice_is_a_finding_beside_the_rating_and_not_for_drafts() {
    let n = 16;
    let practice = ids_of(n, ElementKind::Practice);
    assert!(
        !practice.is_empty(),
        "Article 16 has T-CY practice criteria"
    );
    let mut p = party();
    for id in &practice {
        p["assessment"]["ets-185"]["art-16"]["elements"][id] = json!({ "status": "not-met" });
    }
    let a = run(&p);
    let r = article(&a, n);
    assert_eq!(r.rating, Rating::C);
    let finding = r.practice.as_ref().unwrap();
    assert!(finding.applies);
    assert_eq!(finding.shortfalls.len(), practice.len());
    assert!(a.gaps.iter().all(|g| g.article != n));

    let mut p = base();
    for id in &practice {
        p["assessment"]["ets-185"]["art-16"]["elements"][id] = json!({ "status": "not-met" });
    }
    let a = run(&p);
    assert!(!article(&a, n).practice.as_ref().unwrap().applies);
}

#[test]
fn under_the_coverage_threshold_there_is_no_headline() {
    let mut p = base();
    let rateable = rateable();
    // Leave out articles until coverage falls under the threshold.
    for n in rateable.iter().skip(3) {
        p["assessment"]["ets-185"]
            .as_object_mut()
            .unwrap()
            .remove(&format!("art-{n}"));
    }
    let a = run(&p);
    assert!(a.index.score.is_some());
    assert_eq!(a.index.headline, None);
    assert!(
        !a.index
            .coverage
            .share()
            .unwrap()
            .at_least(COVERAGE_THRESHOLD)
    );
    let text = budapest_gap::report::score_text(&a);
    assert!(text.contains("insufficient coverage"), "{text}");
}

#[test]
fn recommendations_are_a_numbered_plan_naming_the_provision() {
    let mut p = base();
    // Article 16: two elements not met, one recommendation; Article 3: one partly met.
    let ids = core_ids(16);
    p["assessment"]["ets-185"]["art-16"]["elements"] = json!({
        ids[0].clone(): { "status": "not-met" },
        ids[1].clone(): { "status": "not-met" },
    });
    p["assessment"]["ets-185"]["art-3"]["elements"] =
        json!({ core_ids(3)[0].clone(): { "status": "partly" } });
    // Article 17: nothing cited, so a provision must be enacted.
    p["assessment"]["ets-185"]["art-17"] = json!({ "status": "not-met" });
    let a = run(&p);
    let ids_in_order: Vec<&str> = a.recommendations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids_in_order, ["R1", "R2", "R3"]);
    assert_eq!(
        a.recommendations
            .iter()
            .map(|r| (r.priority, r.article))
            .collect::<Vec<_>>(),
        [
            (Priority::High, 16),
            (Priority::High, 17),
            (Priority::Medium, 3)
        ]
    );
    let r16 = &a.recommendations[0];
    assert_eq!(r16.closes.len(), 2);
    assert!(
        r16.to_string()
            .starts_with("Testland should amend s. 1 of Cybercrime Act (Article 16) so as to (1) "),
        "{r16}"
    );
    assert!(matches!(a.recommendations[1].remedy, Remedy::Enact { .. }));
    assert!(
        a.recommendations[1]
            .to_string()
            .starts_with("Testland should enact legislation to implement Article 17")
    );
    for g in &a.gaps {
        assert!(g.recommendation.is_some(), "{g}");
    }
}

#[test]
fn the_state_is_named_as_english_names_it() {
    let mut p = base();
    p["jurisdiction"]["name"] = "United Kingdom".into();
    p["assessment"]["ets-185"]["art-5"]["limitations"] =
        json!([{ "restriction": "r", "severity": "major" }]);
    let a = run(&p);
    assert!(
        a.recommendations[0]
            .to_string()
            .starts_with("The United Kingdom should")
    );
    assert_eq!(a.jurisdiction_in_text, "the United Kingdom");
    p["jurisdiction"]["name_in_text"] = "the Kingdom of Testland".into();
    let a = run(&p);
    assert!(
        a.recommendations[0]
            .to_string()
            .starts_with("The Kingdom of Testland should")
    );
}

const STATUSES: [&str; 4] = ["not-met", "partly", "met", "not-assessed"];

/// Random element statuses: (article index, element index, status index).
fn statuses() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..64, 0usize..16, 0usize..4), 0..60)
}

fn apply(p: &mut Value, changes: &[(usize, usize, usize)]) {
    let rateable = rateable();
    for &(ai, ei, si) in changes {
        let n = rateable[ai % rateable.len()];
        let ids = core_ids(n);
        let id = &ids[ei % ids.len()];
        p["assessment"]["ets-185"][format!("art-{n}")]["elements"][id] =
            json!({ "status": STATUSES[si] });
    }
}

/// A profile in which some articles default to not assessed.
fn sparse(unassessed: &[bool]) -> Value {
    let mut p = base();
    for (n, off) in rateable().iter().zip(unassessed) {
        if *off {
            p["assessment"]["ets-185"][format!("art-{n}")]["status"] = "not-assessed".into();
        }
    }
    p
}

fn rank_pairs(before: &Assessment, after: &Assessment) -> Vec<(u16, Option<u8>, Option<u8>)> {
    before
        .articles
        .iter()
        .zip(&after.articles)
        .map(|(b, a)| (b.number, b.rating.rank(), a.rating.rank()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn assessing_an_element_as_met_never_lowers_a_rating_or_the_index(
        off in prop::collection::vec(any::<bool>(), 40),
        changes in statuses(),
        target in (0usize..64, 0usize..16),
        from in 0usize..4,
        restricted in any::<bool>(),
    ) {
        prop_assume!(STATUSES[from] != "met");
        let mut p = sparse(&off);
        if restricted {
            p["assessment"]["ets-185"]["art-4"]["limitations"] = json!([{ "restriction": "r", "severity": "major" }]);
        }
        apply(&mut p, &changes);
        apply(&mut p, &[(target.0, target.1, from)]);
        let before = run(&p);
        apply(&mut p, &[(target.0, target.1, 2)]);
        let after = run(&p);
        for (n, b, a) in rank_pairs(&before, &after) {
            if let (Some(b), Some(a)) = (b, a) {
                prop_assert!(a >= b, "Article {n}: {b} → {a}");
            }
        }
        if let (Some(b), Some(a)) = (before.index.score, after.index.score) {
            prop_assert!(a >= b, "index {b} → {a}");
        }
        prop_assert!(after.index.coverage.assessed >= before.index.coverage.assessed);
    }

    #[test]
    fn assessing_an_unknown_element_as_not_met_never_raises_a_rating_or_the_index(
        off in prop::collection::vec(any::<bool>(), 40),
        changes in statuses(),
        target in (0usize..64, 0usize..16),
    ) {
        let mut p = sparse(&off);
        apply(&mut p, &changes);
        apply(&mut p, &[(target.0, target.1, 3)]);
        let before = run(&p);
        apply(&mut p, &[(target.0, target.1, 0)]);
        let after = run(&p);
        for (n, b, a) in rank_pairs(&before, &after) {
            if let (Some(b), Some(a)) = (b, a) {
                prop_assert!(a <= b, "Article {n}: {b} → {a}");
            }
        }
        if let (Some(b), Some(a)) = (before.index.score, after.index.score) {
            prop_assert!(a <= b, "index {b} → {a}");
        }
    }

    #[test]
    fn ratings_scores_and_plans_stay_within_the_rules(
        off in prop::collection::vec(any::<bool>(), 40),
        changes in statuses(),
    ) {
        let mut p = sparse(&off);
        apply(&mut p, &changes);
        let a = run(&p);
        for r in &a.articles {
            prop_assert!(r.score.is_none_or(|s| (0.0..=1.0).contains(&s)));
            if r.rating.rank().is_some() && r.tally.not_assessed > 0 {
                prop_assert!(r.provisional, "Article {}", r.number);
            }
            if matches!(r.rating, Rating::NC | Rating::PC) {
                prop_assert!(r.tally.not_met + r.tally.partly > 0, "Article {} {} from unknowns", r.number, r.rating);
            }
        }
        for i in std::iter::once(&a.index).chain(a.divisions.iter().map(|d| &d.index)) {
            prop_assert!(i.score.is_none_or(|s| (0.0..=100.0).contains(&s)));
            prop_assert_eq!(Rating::ALL.iter().map(|r| i.counts.get(*r)).sum::<usize>(), i.scorable);
            let enough = i.coverage.share().is_some_and(|s| s.at_least(COVERAGE_THRESHOLD));
            prop_assert_eq!(i.headline.is_some(), enough && i.score.is_some());
        }
        for r in &a.recommendations {
            let text = r.to_string();
            prop_assert!(text.starts_with("Testland should"), "{}", text);
            prop_assert!(text.contains(&format!("Article {}", r.article)), "{}", text);
        }
        for g in &a.gaps {
            prop_assert!((2..=35).contains(&g.article));
            prop_assert!(g.recommendation.is_some(), "{}", g);
        }
    }
}

#[test]
fn an_article_whose_elements_are_all_reserved_away_is_not_applicable() {
    let text = r#"{"id":"toy","number":"Toy 1","title":"Toy","short_title":"Toy","opened_at":"X","opened_on":"2001-11-23","entry_into_force":"2004-07-01","url":"u","source_note":"s",
      "chapters":[{"number":"I","heading":"H","articles":[{"number":1,"title":"Only","scored":true,"summary":"s","paragraphs":[{"number":"1","summary":"s","elements":[{"id":"a","kind":"core","text":"A","recommendation":"{jurisdiction} should a."}]}]}]}],
      "permissions":[{"id":"r","kind":"reservation","article":1,"paragraph":"1","basis":"Article 9","summary":"s","removes":["art-1.a"]}]}"#;
    let toy = Instrument::from_json(text).unwrap();
    let profile = r#"{"format":1,"jurisdiction":{"name":"T"},"document":{"kind":"in-force","title":"t","as_of":"2026-01-01","language":"en","prepared_by":"p","sources":"s"},
      "instruments":{"toy":{"signed":"2002-01-01","ratified":"2003-01-01","reservations":[{"article":1,"paragraph":"1","status":"made"}]}},"assessment":{"toy":{"art-1":{"status":"not-met"}}}}"#;
    let checked = Profile::check_with("t.json", profile, &[&toy]);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let a = assess(&toy, &checked.into_profile().unwrap());
    assert_eq!(a.articles[0].rating, Rating::NA);
    assert_eq!(a.index.score, None);
    assert_eq!(a.index.score_without_reservations, Some(0.0));
}

#[test]
fn a_reservation_cited_as_the_treaty_office_cites_it_takes_effect() {
    // "Article 14, paragraph 3" is the reservations of 3.a and 3.b together.
    let mut p = base();
    p["assessment"]["ets-185"]["art-14"]["limitations"] = json!([
        { "qualifier": "restrict-article-20-offences" },
        { "qualifier": "closed-user-group" }
    ]);
    let a = run(&p);
    assert_eq!(article(&a, 14).rating, Rating::LC);
    p["instruments"]["ets-185"]["reservations"] =
        json!([{ "article": 14, "paragraph": "3", "status": "planned" }]);
    let a = run(&p);
    let r = article(&a, 14);
    assert_eq!(r.rating, Rating::C, "{:#?}", r.reasons);
    let covered = r
        .reasons
        .iter()
        .filter(|x| matches!(x, Reason::QualifierCovered { .. }))
        .count();
    assert_eq!(covered, 2);
    // With the reservation made, the duty to consider restricting it applies (Article 14(3)).
    assert!(
        r.elements
            .iter()
            .filter(|e| e.id.starts_with("consider-restricting"))
            .all(|e| e.applicable)
    );
    assert_eq!(a.choices[0].validity, ChoiceValidity::Valid);
}

#[test]
fn the_worked_example_of_the_methodology_page_holds() {
    // docs/methodology.md, section 9: the United Kingdom's Article 19.
    let uk = Profile::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/profiles/united-kingdom.json"
    ))
    .unwrap();
    let a = assess(ets(), &uk);
    let r = article(&a, 19);
    assert_eq!((r.tally.met, r.tally.partly, r.tally.not_met), (5, 3, 0));
    assert_eq!(r.rating, Rating::LC);
    assert!(!r.provisional);
    assert_eq!(r.score, Some(0.813));
    let rec = a.recommendations.iter().find(|x| x.article == 19).unwrap();
    assert_eq!(rec.priority, Priority::Medium);
}
