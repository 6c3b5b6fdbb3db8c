//! The checklist's law, checked point by point against the official English text of ETS No. 185
//! (issue 7): each test fails if a corrected error returns.

use budapest_gap::Instrument;
use budapest_gap::instrument::{Article, Element, ElementKind};

fn ets() -> &'static Instrument {
    Instrument::ets_185()
}

fn article(n: u16) -> &'static Article {
    ets()
        .article(n)
        .unwrap_or_else(|| panic!("Article {n} missing"))
}

fn element(reference: &str) -> &'static Element {
    ets()
        .element(reference)
        .unwrap_or_else(|| panic!("{reference} missing"))
        .1
}

/// The elements of one paragraph, as (id, kind).
fn paragraph(n: u16, number: &str) -> Vec<(&'static str, ElementKind)> {
    let p = article(n)
        .paragraphs
        .iter()
        .find(|p| p.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("Article {n}, paragraph {number} missing"));
    p.elements.iter().map(|e| (e.id.as_str(), e.kind)).collect()
}

fn paragraph_of(reference: &str) -> Option<String> {
    let (article, _) = ets().element(reference).unwrap();
    let id = reference.split_once('.').unwrap().1;
    article
        .elements()
        .find(|(_, e)| e.id == id)
        .and_then(|(p, _)| p.number.clone())
}

/// Everything the article says in prose: summary, paragraph summaries, element texts and
/// recommendations.
fn prose(n: u16) -> String {
    let a = article(n);
    let mut out = vec![a.summary.clone()];
    for p in &a.paragraphs {
        out.push(p.summary.clone());
        for e in &p.elements {
            out.push(e.text.clone());
            out.push(e.recommendation.clone());
        }
    }
    out.join("\n")
}

// ------------------------------------------------------------------ permissions are not obligations

#[test]
fn article_32_is_made_only_of_options() {
    let a = article(32);
    assert!(a.scored, "Article 32 stays in the index as an article");
    let kinds: Vec<_> = a
        .elements()
        .map(|(p, e)| (p.number.clone(), e.kind))
        .collect();
    assert!(kinds.len() >= 2, "{kinds:?}");
    assert!(
        kinds.iter().all(|(_, k)| *k == ElementKind::Option),
        "Article 32 says a Party *may*: {kinds:?}"
    );
    for sub in ["a", "b"] {
        assert!(
            kinds.iter().any(|(p, _)| p.as_deref() == Some(sub)),
            "Article 32.{sub} has no option"
        );
    }
}

/// Every "may" of Articles 2–35 that lets a Party do something it need not do.
const OPTIONS: [&str; 14] = [
    "art-16.renewal",
    "art-24.convention-as-legal-basis",
    "art-25.expedited-requests",
    "art-26.spontaneous-sharing",
    "art-26.attach-conditions",
    "art-27.ask-confidentiality",
    "art-28.confidentiality-condition",
    "art-28.use-limitation",
    "art-28.ask-explanation",
    "art-29.request-preservation",
    "art-31.request-access",
    "art-32.publicly-available",
    "art-32.consent-access",
    "art-32.lawful-voluntary-consent",
];

#[test]
fn what_a_party_may_do_is_an_option_never_scored() {
    for reference in OPTIONS {
        let e = element(reference);
        assert_eq!(e.kind, ElementKind::Option, "{reference}");
        assert!(!e.kind.is_scored(), "{reference}");
    }
    assert_eq!(
        paragraph_of("art-26.spontaneous-sharing").as_deref(),
        Some("1")
    );
    assert_eq!(
        paragraph_of("art-28.confidentiality-condition").as_deref(),
        Some("2.a")
    );
    assert_eq!(
        paragraph_of("art-28.use-limitation").as_deref(),
        Some("2.b")
    );
}

#[test]
fn every_option_is_worded_as_information_not_as_a_demand() {
    for (article, e) in ets()
        .articles()
        .flat_map(|a| a.elements().map(move |(_, e)| (a, e)))
        .filter(|(_, e)| e.kind == ElementKind::Option)
    {
        let at = format!("art-{}.{}", article.number, e.id);
        assert!(
            e.recommendation.starts_with("For information:"),
            "{at}: {}",
            e.recommendation
        );
        assert!(
            !e.recommendation.contains("should"),
            "{at} tells the State what to do: {}",
            e.recommendation
        );
        assert!(
            (e.text.contains(" can ") || e.text.contains(" allows "))
                && !e.text.contains(" must ")
                && !e.text.contains(" shall "),
            "{at} is not worded as something available in domestic law: {}",
            e.text
        );
    }
}

#[test]
fn the_duties_beside_the_options_stay_obligations() {
    // 26(2): the receiving Party "shall notify" or "shall be bound"; 25(3): the requested
    // Party "shall accept and respond"; 28(3): the requesting Party is bound by what it accepts.
    for reference in [
        "art-26.honour-conditions",
        "art-25.expedited-communications",
        "art-28.honour-conditions",
        "art-28.explain-use",
    ] {
        assert_eq!(element(reference).kind, ElementKind::Core, "{reference}");
    }
    assert!(
        ets().element("art-26.conditions-on-use").is_none(),
        "split into attach-conditions and honour-conditions"
    );
}

#[test]
fn refusal_and_postponement_grounds_of_article_27_are_permitted_by_the_article_itself() {
    for (reference, number) in [
        ("art-27.refusal-political-offence", "4"),
        ("art-27.refusal-essential-interests", "4"),
        ("art-27.postponement", "5"),
    ] {
        assert_eq!(
            element(reference).kind,
            ElementKind::Qualifier,
            "{reference}"
        );
        assert_eq!(paragraph_of(reference).as_deref(), Some(number));
        assert_eq!(
            ets().permissions_for_qualifier(reference).count(),
            0,
            "{reference} needs no declaration or reservation"
        );
    }
}

// ------------------------------------------------------------------ alternatives

#[test]
fn paragraph_2_of_articles_20_and_21_replaces_paragraph_1_a() {
    for (n, replaced) in [(20, "authority-collection"), (21, "authority-interception")] {
        let reference = format!("art-{n}.alternative-measures");
        let e = element(&reference);
        assert_eq!(e.kind, ElementKind::Alternative, "{reference}");
        assert_eq!(e.replaces, [replaced], "{reference}");
        assert_eq!(paragraph_of(&reference).as_deref(), Some("2"));
        let target = format!("art-{n}.{replaced}");
        assert_eq!(element(&target).kind, ElementKind::Core);
        assert_eq!(paragraph_of(&target).as_deref(), Some("1.a"));
    }
}

#[test]
fn articles_20_and_21_require_paragraph_1_a_and_1_b_not_either() {
    for n in [20, 21] {
        let s = &article(n).summary;
        assert!(!s.contains("either"), "Article {n}: {s}");
        assert!(
            s.contains("both") && s.contains(" and by compelling"),
            "Article {n}: {s}"
        );
        assert!(s.contains("instead"), "Article {n} names paragraph 2: {s}");
    }
}

// ------------------------------------------------------------------ practice apart from law

const T_CY_2012_10: &str = "T-CY(2012)10, adopted by the T-CY at its 8th Plenary, December 2012";

#[test]
fn applied_in_practice_criteria_are_practice_elements_from_t_cy_2012_10() {
    for n in [16, 17, 29, 30] {
        let e = element(&format!("art-{n}.applied-in-practice"));
        assert_eq!(e.kind, ElementKind::Practice, "Article {n}");
        assert!(!e.kind.is_scored());
        assert!(
            e.basis.as_deref().is_some_and(|b| b.contains(T_CY_2012_10)),
            "Article {n}: {:?}",
            e.basis
        );
    }
    for article in ets().articles() {
        for (_, e) in article.elements() {
            if e.kind == ElementKind::Core {
                assert!(
                    !e.text.contains("in practice"),
                    "Article {}, {}: a practice criterion scored as law",
                    article.number,
                    e.id
                );
            }
        }
    }
}

#[test]
fn t_cy_sources_carry_their_adoption() {
    let mut bases = 0;
    for article in ets().articles() {
        for (_, e) in article.elements() {
            let Some(basis) = e.basis.as_deref() else {
                continue;
            };
            if basis.contains("T-CY(2012)10") {
                bases += 1;
                assert!(basis.contains(T_CY_2012_10), "{}: {basis}", e.id);
            }
            if basis.contains("Guidance Note #10") {
                bases += 1;
                assert!(
                    basis.contains("28 February 2017") && basis.contains("written procedure"),
                    "{}: {basis}",
                    e.id
                );
                assert!(!basis.contains("1 March 2017"), "{}: {basis}", e.id);
            }
        }
    }
    assert!(bases >= 8, "T-CY bases found: {bases}");
}

// ------------------------------------------------------------------ obligations that had no element

#[test]
fn communication_of_the_central_authorities_is_an_obligation() {
    assert_eq!(
        paragraph(27, "2.c"),
        [("communicate-central-authorities", ElementKind::Core)]
    );
    // 24(7)(a) and 27(2)(c) are both designations the Treaty Office records.
    assert!(
        ets()
            .permissions
            .iter()
            .any(|p| p.id == "desig-27-2-c" && p.paragraph.as_deref() == Some("2.c"))
    );
}

#[test]
fn registers_kept_correct_at_all_times() {
    for (n, number) in [(24, "7.b"), (27, "2.d")] {
        let elements = paragraph(n, number);
        assert_eq!(
            elements,
            [("register-correct", ElementKind::Core)],
            "Article {n}, paragraph {number}"
        );
        assert!(
            element(&format!("art-{n}.register-correct"))
                .text
                .contains("correct at all times")
        );
    }
}

#[test]
fn a_preservation_request_specifies_the_six_items_of_article_29_2() {
    for sub in ["a", "b", "c", "d", "e", "f"] {
        let elements = paragraph(29, &format!("2.{sub}"));
        assert_eq!(elements.len(), 1, "29(2)({sub})");
        assert_eq!(elements[0].1, ElementKind::Core, "29(2)({sub})");
    }
    assert!(
        paragraph(29, "2").is_empty(),
        "paragraph 2 is only the chapeau"
    );
}

#[test]
fn urgent_direct_requests_copy_the_central_authority() {
    let a = paragraph(27, "9.a");
    assert!(
        a.contains(&("copy-to-central-authority", ElementKind::Core)),
        "{a:?}"
    );
    assert!(
        element("art-27.copy-to-central-authority")
            .text
            .contains("central authority")
    );
}

#[test]
fn article_14_3_asks_a_reserving_party_to_consider_restricting_its_reservation() {
    for (id, permission, number) in [
        ("consider-restricting-3-a", "res-14-3-a", "3.a"),
        ("consider-restricting-3-b", "res-14-3-b", "3.b"),
    ] {
        let reference = format!("art-14.{id}");
        let e = element(&reference);
        assert_eq!(e.kind, ElementKind::Core, "{reference}");
        assert_eq!(e.only_with, [permission], "{reference}");
        assert_eq!(paragraph_of(&reference).as_deref(), Some(number));
        let p = ets()
            .permissions
            .iter()
            .find(|p| p.id == permission)
            .unwrap();
        assert_eq!((p.article, p.paragraph.as_deref()), (14, Some(number)));
    }
    // Only those two apply conditionally.
    let conditional: usize = ets()
        .articles()
        .map(|a| {
            a.elements()
                .filter(|(_, e)| !e.only_with.is_empty())
                .count()
        })
        .sum();
    assert_eq!(conditional, 2);
}

// ------------------------------------------------------------------ granularity

/// Article 11, paragraph 2: "Articles 3 through 5, 7, 8, and 9.1.a and c".
const ATTEMPTS: [&str; 7] = [
    "attempt-article-3",
    "attempt-article-4",
    "attempt-article-5",
    "attempt-article-7",
    "attempt-article-8",
    "attempt-article-9-1-a",
    "attempt-article-9-1-c",
];

#[test]
fn attempt_is_one_element_per_offence_of_article_11_2_and_reservable_each() {
    let p = paragraph(11, "2");
    let ids: Vec<&str> = p.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ATTEMPTS);
    assert!(p.iter().all(|(_, k)| *k == ElementKind::Core));
    let res = ets()
        .permissions
        .iter()
        .find(|p| p.id == "res-11-3")
        .unwrap();
    let expected: Vec<String> = ATTEMPTS.iter().map(|id| format!("art-11.{id}")).collect();
    assert_eq!(
        res.removes, expected,
        "a partial reservation names single attempts"
    );
    for old in [
        "attempt-articles-3-5",
        "attempt-articles-7-8",
        "attempt-article-9",
    ] {
        assert!(ets().element(&format!("art-11.{old}")).is_none(), "{old}");
    }
    // Each element names its offence, and no attempt outside the list (2, 6, 9(1)(b),(d),(e), 10).
    for id in ATTEMPTS {
        let e = element(&format!("art-11.{id}"));
        let cite = id.trim_start_matches("attempt-article-").replace('-', ".");
        let cite = match cite.split_once('.') {
            Some((a, rest)) => format!("Article {a}, paragraph {rest}"),
            None => format!("Article {cite}"),
        };
        assert!(e.text.contains(&cite), "{id}: {}", e.text);
    }
}

#[test]
fn article_11_aiding_covers_articles_2_to_10() {
    let a = article(11);
    assert!(a.summary.contains("Articles 2 to 10"), "{}", a.summary);
    assert!(!prose(11).contains("Convention's offences"));
    assert!(
        element("art-11.aiding-abetting")
            .text
            .contains("Articles 2 to 10")
    );
    for n in ["3", "4", "5", "7 and 8", "paragraphs 1.a and 1.c"] {
        assert!(a.summary.contains(n), "{n}: {}", a.summary);
    }
}

#[test]
fn subscriber_information_is_split_into_article_18_3_a_to_c() {
    assert!(paragraph(18, "3").is_empty());
    for sub in ["a", "b", "c"] {
        let p = paragraph(18, &format!("3.{sub}"));
        assert_eq!(p.len(), 1, "18(3)({sub})");
        assert_eq!(p[0].1, ElementKind::Core);
    }
    assert!(
        ets()
            .element("art-18.subscriber-information-scope")
            .is_none()
    );
}

#[test]
fn article_27_9_channels_are_one_element_per_sub_paragraph() {
    for sub in ["a", "b", "c", "d"] {
        let p = paragraph(27, &format!("9.{sub}"));
        assert!(!p.is_empty(), "27(9)({sub})");
        assert!(
            p.iter().all(|(_, k)| *k == ElementKind::Core),
            "27(9)({sub})"
        );
    }
    assert!(paragraph(27, "9").is_empty());
    assert_eq!(
        paragraph(27, "9.e"),
        [("central-authority-channel", ElementKind::Qualifier)]
    );
    assert!(ets().element("art-27.urgent-channels").is_none());
}

#[test]
fn related_rights_have_the_same_three_conditions_as_copyright() {
    let one = paragraph(10, "1");
    let two = paragraph(10, "2");
    assert_eq!(one.len(), 4);
    assert_eq!(two.len(), one.len(), "{two:?}");
    for condition in ["wilfully", "commercial-scale", "by-computer-system"] {
        assert!(one.iter().any(|(id, _)| *id == condition));
        let related = format!("related-rights-{condition}");
        assert!(
            two.iter()
                .any(|(id, k)| *id == related && *k == ElementKind::Core),
            "{related}"
        );
    }
}

// ------------------------------------------------------------------ wording

#[test]
fn article_24_submits_the_case_for_prosecution_on_request() {
    let s = &article(24).summary;
    assert!(!s.contains("requires prosecution"), "{s}");
    assert!(s.contains("at the requesting Party's request"), "{s}");
    assert!(s.contains("for the purpose of prosecution"), "{s}");
}

#[test]
fn article_24_1_a_sets_the_scope_and_demands_no_penalty() {
    let e = element("art-24.extraditable-offences");
    let r = &e.recommendation;
    assert!(r.contains("extradition is available"), "{r}");
    for demand in [
        "carry",
        "maximum penalty of at least",
        "should set",
        "should provide a penalty",
    ] {
        assert!(!r.contains(demand), "`{demand}` in {r}");
    }
}

#[test]
fn article_21_range_is_left_to_domestic_law() {
    let e = element("art-21.serious-offences-range");
    assert_eq!(e.kind, ElementKind::Qualifier);
    assert!(!prose(21).contains("broad enough"));
    assert!(
        e.recommendation.contains("domestic law"),
        "{}",
        e.recommendation
    );
    assert!(!e.recommendation.contains("should"), "{}", e.recommendation);
}

#[test]
fn article_22_parties_shall_where_appropriate_consult() {
    let s = &article(22).summary;
    assert!(s.contains("shall, where appropriate, consult"), "{s}");
    assert!(!prose(22).contains("should consult"));
}

#[test]
fn article_6_devices_designed_or_adapted() {
    assert!(article(6).summary.contains("designed or adapted"));
    assert!(
        element("art-6.devices")
            .text
            .contains("designed or adapted")
    );
}

#[test]
fn article_5_says_deteriorating() {
    let text = prose(5);
    assert!(!text.contains("degrad"), "{text}");
    assert!(article(5).summary.contains("deteriorating"));
}

#[test]
fn article_29_5_keeps_the_paragraph_4_ground() {
    let e = element("art-29.limited-refusal");
    assert!(e.text.contains("paragraph 4"), "{}", e.text);
    assert!(
        e.recommendation.contains("paragraph 4"),
        "{}",
        e.recommendation
    );
}

// ------------------------------------------------------------------ the lint relaxation is narrow

#[test]
fn only_an_article_made_entirely_of_options_may_lack_a_core_element() {
    let mut json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(ets()).unwrap()).unwrap();
    let articles = json["chapters"][2]["sections"][1]["titles"][1]["articles"]
        .as_array_mut()
        .unwrap();
    let art32 = articles
        .iter_mut()
        .find(|a| a["number"] == 32)
        .expect("Article 32 under Chapter III, Section 2, Title 2");
    art32["paragraphs"][0]["elements"][0]["kind"] = "qualifier".into();
    let err = Instrument::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a scored article has no core element"),
        "{err}"
    );
}
