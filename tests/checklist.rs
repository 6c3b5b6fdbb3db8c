//! The checklist data itself: structure, exact titles, permissions.

use budapest_gap::Instrument;
use budapest_gap::instrument::{ElementKind, PermissionKind};

/// The official English article titles of ETS No. 185.
const TITLES: [&str; 48] = [
    "Definitions",
    "Illegal access",
    "Illegal interception",
    "Data interference",
    "System interference",
    "Misuse of devices",
    "Computer-related forgery",
    "Computer-related fraud",
    "Offences related to child pornography",
    "Offences related to infringements of copyright and related rights",
    "Attempt and aiding or abetting",
    "Corporate liability",
    "Sanctions and measures",
    "Scope of procedural provisions",
    "Conditions and safeguards",
    "Expedited preservation of stored computer data",
    "Expedited preservation and partial disclosure of traffic data",
    "Production order",
    "Search and seizure of stored computer data",
    "Real-time collection of traffic data",
    "Interception of content data",
    "Jurisdiction",
    "General principles relating to international co-operation",
    "Extradition",
    "General principles relating to mutual assistance",
    "Spontaneous information",
    "Procedures pertaining to mutual assistance requests in the absence of applicable international agreements",
    "Confidentiality and limitation on use",
    "Expedited preservation of stored computer data",
    "Expedited disclosure of preserved traffic data",
    "Mutual assistance regarding accessing of stored computer data",
    "Trans-border access to stored computer data with consent or where publicly available",
    "Mutual assistance in the real-time collection of traffic data",
    "Mutual assistance regarding the interception of content data",
    "24/7 Network",
    "Signature and entry into force",
    "Accession to the Convention",
    "Territorial application",
    "Effects of the Convention",
    "Declarations",
    "Federal clause",
    "Reservations",
    "Status and withdrawal of reservations",
    "Amendments",
    "Settlement of disputes",
    "Consultations of the Parties",
    "Denunciation",
    "Notification",
];

#[test]
fn the_embedded_checklist_lints_clean() {
    let problems = Instrument::ets_185().lint();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn all_48_articles_in_order_with_their_exact_titles() {
    let articles: Vec<_> = Instrument::ets_185().articles().collect();
    assert_eq!(articles.len(), 48);
    for (i, (article, title)) in articles.iter().zip(TITLES).enumerate() {
        assert_eq!(usize::from(article.number), i + 1);
        assert_eq!(article.title, title, "Article {}", article.number);
    }
}

#[test]
fn articles_2_to_35_are_scored_and_broken_into_elements() {
    for article in Instrument::ets_185().articles() {
        let scored = (2..=35).contains(&article.number);
        assert_eq!(article.scored, scored, "Article {}", article.number);
        if article.number <= 35 {
            // Article 32 only permits ("a Party may"): its elements are all options.
            let expected = article.number != 32;
            assert_eq!(
                article.elements().any(|(_, e)| e.kind == ElementKind::Core),
                expected,
                "Article {} core elements",
                article.number
            );
        }
    }
}

#[test]
fn the_structure_follows_the_treaty() {
    let i = Instrument::ets_185();
    let chapters: Vec<_> = i
        .chapters
        .iter()
        .map(|c| (c.number.as_str(), c.heading.as_str()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("I", "Use of terms"),
            ("II", "Measures to be taken at the national level"),
            ("III", "International co-operation"),
            ("IV", "Final provisions"),
        ]
    );
    let division = |n: u16| {
        i.articles_located()
            .find(|(_, a)| a.number == n)
            .map(|(l, _)| l.division())
            .unwrap()
    };
    assert_eq!(
        division(2),
        "Chapter II, Section 1 – Substantive criminal law"
    );
    assert_eq!(division(19), "Chapter II, Section 2 – Procedural law");
    assert_eq!(division(22), "Chapter II, Section 3 – Jurisdiction");
    assert_eq!(division(27), "Chapter III, Section 1 – General principles");
    assert_eq!(division(35), "Chapter III, Section 2 – Specific provisions");
}

fn provisions(kind: PermissionKind, basis: &str) -> Vec<String> {
    Instrument::ets_185()
        .permissions
        .iter()
        .filter(|p| p.kind == kind && p.basis == basis)
        .map(|p| p.provision())
        .collect()
}

#[test]
fn reservations_are_exactly_those_article_42_lists() {
    assert_eq!(
        provisions(PermissionKind::Reservation, "Article 42"),
        [
            "Article 4, paragraph 2",
            "Article 6, paragraph 3",
            "Article 9, paragraph 4",
            "Article 10, paragraph 3",
            "Article 11, paragraph 3",
            "Article 14, paragraph 3.a",
            "Article 14, paragraph 3.b",
            "Article 22, paragraph 2",
            "Article 29, paragraph 4",
            "Article 41, paragraph 1",
        ]
    );
    let others = Instrument::ets_185()
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionKind::Reservation && p.basis != "Article 42")
        .count();
    assert_eq!(others, 0, "no other reservation may be made (Article 42)");
}

#[test]
fn article_40_declarations_are_exactly_those_it_lists() {
    assert_eq!(
        provisions(PermissionKind::Declaration, "Article 40"),
        [
            "Article 2",
            "Article 3",
            "Article 6, paragraph 1.b",
            "Article 7",
            "Article 9, paragraph 3",
            "Article 27, paragraph 9.e"
        ]
    );
}

#[test]
fn the_designation_clauses_are_listed() {
    let designations: Vec<String> = Instrument::ets_185()
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionKind::Designation)
        .map(|p| p.provision())
        .collect();
    for provision in [
        "Article 24, paragraph 7.a",
        "Article 27, paragraph 2.c",
        "Article 35, paragraph 1",
    ] {
        assert!(
            designations.iter().any(|d| d == provision),
            "{provision} missing from {designations:?}"
        );
    }
}

#[test]
fn every_qualifier_needing_a_declaration_is_tied_to_one() {
    let i = Instrument::ets_185();
    for (reference, declaration) in [
        ("art-2.security-measures", "Article 2"),
        ("art-4.serious-harm", "Article 4, paragraph 2"),
        ("art-7.intent-to-defraud", "Article 7"),
        ("art-29.dual-criminality", "Article 29, paragraph 4"),
    ] {
        let (_, element) = i
            .element(reference)
            .unwrap_or_else(|| panic!("{reference} missing"));
        assert_eq!(element.kind, ElementKind::Qualifier);
        let by: Vec<String> = i
            .permissions_for_qualifier(reference)
            .map(|p| p.provision())
            .collect();
        assert_eq!(by, [declaration], "{reference}");
    }
}

#[test]
fn article_15_applies_to_the_powers_of_articles_16_to_21() {
    assert_eq!(
        Instrument::ets_185().article(15).unwrap().applies_to,
        [16, 17, 18, 19, 20, 21]
    );
}

#[test]
fn a_broken_instrument_is_rejected_with_every_problem() {
    let mut json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(Instrument::ets_185()).unwrap()).unwrap();
    json["permissions"][0]["removes"] = serde_json::json!(["art-2.no-such-element"]);
    json["chapters"][1]["sections"][0]["titles"][0]["articles"][0]["paragraphs"][0]["elements"]
        [0]["recommendation"] = "Do it.".into();
    let err = Instrument::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(err.contains("art-2.no-such-element"), "{err}");
    assert!(err.contains("{jurisdiction}"), "{err}");
}
