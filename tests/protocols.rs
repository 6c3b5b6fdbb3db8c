//! The Protocols' checklist data: ETS 189 and CETS 224, their titles and permissions, and
//! loading every shipped instrument.
//!
//! Sources of the transcribed lists below:
//! - ETS 189: the official English text of the Additional Protocol (Strasbourg, 28 January
//!   2003) as published in the Dutch treaty database (wetten.overheid.nl, BWBV0004845; public
//!   copy in GitHub `statengeneraal/laws-markdown`,
//!   `verdrag/additional/protocol/to/the/convention/on/cybercrime/concerning/the/etc/BWBV0004845/README.md`).
//!   Titles, chapter headings and Article 12 checked word for word.
//! - CETS 224: the official text could NOT be read (see `docs/protocols.md`); the list below
//!   is the project's transcription from memory of the Treaty Office's text, and the data marks
//!   every article and permission unverified. These tests hold the data to that list and to
//!   that marking; they do not make it verified. The exceptions come from the depositary
//!   record, not the text: Japan's reservation and declarations deposited on 10 August 2023,
//!   in English, as the Dutch treaty database publishes them (verdragenbank.overheid.nl,
//!   treaty 013833), quote the titles of Articles 6, 7 and 8 and make the reservation under
//!   Article 19, paragraph 1 with Article 7, paragraph 9.a and the declaration under Article 19,
//!   paragraph 2 with Article 8, paragraph 11; those two permissions are verified.

use budapest_gap::Instrument;
use budapest_gap::instrument::{CarryOverEffect, ElementKind, PermissionKind};

use crate::root;

/// The official English article titles of ETS No. 189, Articles 1 to 16.
const ETS_189_TITLES: [&str; 16] = [
    "Purpose",
    "Definition",
    "Dissemination of racist and xenophobic material through computer systems",
    "Racist and xenophobic motivated threat",
    "Racist and xenophobic motivated insult",
    "Denial, gross minimisation, approval or justification of genocide or crimes against humanity",
    "Aiding and abetting",
    "Relations between the Convention and this Protocol",
    "Expression of consent to be bound",
    "Entry into force",
    "Accession",
    "Reservations and declarations",
    "Status and withdrawal of reservations",
    "Territorial application",
    "Denunciation",
    "Notification",
];

/// ETS 189's chapters (headings as in the text, in sentence case) and their articles.
const ETS_189_CHAPTERS: [(&str, &str, &[u16]); 4] = [
    ("I", "Common provisions", &[1, 2]),
    (
        "II",
        "Measures to be taken at national level",
        &[3, 4, 5, 6, 7],
    ),
    (
        "III",
        "Relations between the Convention and this Protocol",
        &[8],
    ),
    ("IV", "Final provisions", &[9, 10, 11, 12, 13, 14, 15, 16]),
];

/// CETS No. 224's article titles, Articles 1 to 25 (unverified: see the module comment).
const CETS_224_TITLES: [&str; 25] = [
    "Purpose",
    "Scope of application",
    "Definitions",
    "Language",
    "General principles applicable to Chapter II",
    "Request for domain name registration information",
    "Disclosure of subscriber information",
    "Giving effect to orders from another Party for expedited production of subscriber information and traffic data",
    "Expedited disclosure of stored computer data in an emergency",
    "Emergency mutual assistance",
    "Video conferencing",
    "Joint investigation teams and joint investigations",
    "Conditions and safeguards",
    "Protection of personal data",
    "Effects of this Protocol",
    "Signature and entry into force",
    "Federal clause",
    "Territorial application",
    "Reservations and declarations",
    "Status and withdrawal of reservations",
    "Amendments",
    "Settlement of disputes",
    "Consultations of the Parties and assessment of implementation",
    "Denunciation",
    "Notification",
];

/// CETS No. 224's article titles as Japan's reservation and declarations quote them (in
/// English, deposited 10 August 2023; Dutch treaty database, treaty 013833): "Article 6 (Request for
/// domain name registration information), paragraph 6", "Article 7 (Disclosure of subscriber
/// information), paragraph 9.a", "Article 8 (Giving effect to orders …), paragraph 11".
const CETS_224_TITLES_IN_DEPOSITARY_RECORD: [(u16, &str); 3] = [
    (6, "Request for domain name registration information"),
    (7, "Disclosure of subscriber information"),
    (
        8,
        "Giving effect to orders from another Party for expedited production of subscriber information and traffic data",
    ),
];

/// The CETS 224 permissions verified against the depositary record (see the module comment):
/// Japan's reservation "in accordance with Article 19, paragraph 1, and Article 7 …, paragraph
/// 9.a" and declaration "in accordance with Article 19, paragraph 2, and Article 8 …, paragraph
/// 11".
const CETS_224_VERIFIED_PERMISSIONS: [&str; 2] = ["decl-8-11", "res-7-9-a"];

fn titles(instrument: &Instrument) -> Vec<(u16, &str)> {
    instrument
        .articles()
        .map(|a| (a.number, a.title.as_str()))
        .collect()
}

/// Every permission as `kind provision [concerns] <- basis`, sorted.
fn permissions(instrument: &Instrument) -> Vec<String> {
    let mut v: Vec<String> = instrument
        .permissions
        .iter()
        .map(|p| {
            let concerns = p
                .concerns
                .as_ref()
                .map(|r| {
                    format!(
                        " [{} {}]",
                        r.instrument,
                        budapest_gap::instrument::cite(r.article, r.paragraph.as_deref())
                    )
                })
                .unwrap_or_default();
            format!(
                "{} {}{concerns} <- {}",
                p.kind.as_str(),
                p.provision(),
                p.basis
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_shipped_instrument_loads_by_id_and_lints_clean() {
    let ids: Vec<&str> = Instrument::all().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["ets-185", "ets-189", "cets-224"]);
    for id in ids {
        let instrument = Instrument::by_id(id).expect("shipped");
        assert_eq!(instrument.id, id);
        let problems = instrument.lint();
        assert!(problems.is_empty(), "{id}: {problems:#?}");
    }
    assert!(Instrument::by_id("ets-190").is_none());
    // Profiles may record and assess every shipped instrument.
    let assessable: Vec<&str> = Instrument::embedded()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(assessable, ["ets-185", "ets-189", "cets-224"]);
}

#[test]
fn ets_189_has_all_16_articles_with_their_exact_titles_and_chapters() {
    let p = Instrument::ets_189();
    let expected: Vec<(u16, &str)> = (1..=16).zip(ETS_189_TITLES).collect();
    assert_eq!(titles(p), expected);
    assert_eq!(p.chapters.len(), 4);
    for (chapter, (number, heading, articles)) in p.chapters.iter().zip(ETS_189_CHAPTERS) {
        assert_eq!(chapter.number, number);
        assert_eq!(chapter.heading, heading);
        let got: Vec<u16> = chapter.articles.iter().map(|a| a.number).collect();
        assert_eq!(got, articles, "Chapter {number}");
    }
    assert_eq!(p.supplements.as_deref(), Some("ets-185"));
    assert_eq!(p.opened_on.to_string(), "2003-01-28");
}

#[test]
fn ets_189_permissions_are_exactly_those_the_protocol_allows() {
    // Article 12(1) (Convention choices apply unless declared otherwise), 12(2) (the
    // reservations of Articles 3, 5 and 6, and the Convention's 22(2) and 41(1); "no other
    // reservations may be made"), 12(3) (the additional elements of 5(2)(a) and 6(2)(a)), and
    // Article 14 (territorial application).
    let expected = [
        "declaration Article 12, paragraph 1 <- Article 12, paragraph 1",
        "declaration Article 14, paragraph 1 <- Article 14",
        "declaration Article 14, paragraph 2 <- Article 14",
        "declaration Article 5, paragraph 2.a <- Article 12, paragraph 3",
        "declaration Article 6, paragraph 2.a <- Article 12, paragraph 3",
        "reservation Article 12, paragraph 2 [ets-185 Article 22, paragraph 2] <- Article 12, paragraph 2",
        "reservation Article 12, paragraph 2 [ets-185 Article 41, paragraph 1] <- Article 12, paragraph 2",
        "reservation Article 3, paragraph 2 <- Article 12, paragraph 2",
        "reservation Article 3, paragraph 3 <- Article 12, paragraph 2",
        "reservation Article 5, paragraph 2.b <- Article 12, paragraph 2",
        "reservation Article 6, paragraph 2.b <- Article 12, paragraph 2",
    ];
    assert_eq!(permissions(Instrument::ets_189()), expected);
    // No reservation on Articles 4 or 7: the text permits none.
    let p = Instrument::ets_189();
    for n in [4, 7] {
        assert!(p.permissions.iter().all(|x| x.article != n), "Article {n}");
    }
    // Every ETS 189 permission is verified against the text.
    assert!(p.permissions.iter().all(|x| x.verified));
}

#[test]
fn ets_189_reservations_remove_and_declarations_permit_the_right_elements() {
    let p = Instrument::ets_189();
    let by_id = |id: &str| p.permissions.iter().find(|x| x.id == id).unwrap();
    assert_eq!(by_id("decl-5-2-a").permits, ["art-5.exposed-to-hatred"]);
    assert_eq!(by_id("decl-6-2-a").permits, ["art-6.intent-to-incite"]);
    assert_eq!(by_id("res-3-2").removes, ["art-3.discrimination-material"]);
    // "Not to apply paragraph 1, in whole or in part": every core element of paragraph 1.
    for (id, article) in [("res-5-2-b", 5), ("res-6-2-b", 6)] {
        let removes = &by_id(id).removes;
        let core: Vec<String> = p
            .article(article)
            .unwrap()
            .elements()
            .filter(|(para, e)| para.number.as_deref() == Some("1") && e.kind == ElementKind::Core)
            .map(|(_, e)| format!("art-{article}.{}", e.id))
            .collect();
        assert_eq!(removes, &core, "{id}");
    }
    // The other effective remedies are required only of a State that reserved under 3(2).
    let remedies = p.article(3).unwrap().element("other-remedies").unwrap();
    assert_eq!(remedies.only_with, ["res-3-2"]);
}

#[test]
fn ets_189_offences_carry_the_public_and_intent_elements_the_text_has() {
    let p = Instrument::ets_189();
    let has = |n: u16, id: &str| p.article(n).unwrap().element(id).is_some();
    for n in 3..=7 {
        assert!(has(n, "without-right"), "Article {n}: without right");
    }
    for n in 3..=6 {
        assert!(has(n, "intent"), "Article {n}: intentionally");
        assert!(has(n, "through-computer-system"), "Article {n}");
    }
    // "to the public" (Articles 3 and 6), "publicly" (Article 5); Article 4's threat need
    // not be public.
    assert!(has(3, "to-the-public") && has(6, "to-the-public"));
    assert!(has(5, "publicly"));
    assert!(!has(4, "publicly") && !has(4, "to-the-public"));
    let scored: Vec<u16> = p
        .articles()
        .filter(|a| a.scored)
        .map(|a| a.number)
        .collect();
    assert_eq!(scored, [3, 4, 5, 6, 7, 8]);
}

#[test]
fn ets_189_article_8_carries_the_conventions_articles_over() {
    let p = Instrument::ets_189();
    let art8 = p.article(8).unwrap();
    let find = |effect| {
        art8.carries_over
            .iter()
            .find(|c| c.effect == effect)
            .unwrap()
    };
    let applies = find(CarryOverEffect::Applies);
    assert_eq!(applies.instrument, "ets-185");
    assert_eq!(applies.articles, [1, 12, 13, 22, 41, 44, 45, 46]);
    // Article 8(2): the powers of Articles 14–21 and the co-operation of Articles 23–35 extend
    // to the Protocol's offences, each deciding one element when a profile carries it over.
    let extends: Vec<_> = art8
        .carries_over
        .iter()
        .filter(|c| c.effect == CarryOverEffect::ExtendsScope)
        .collect();
    assert_eq!(extends.len(), 2);
    let powers: Vec<u16> = (14..=21).collect();
    let co_operation: Vec<u16> = (23..=35).collect();
    assert_eq!(extends[0].articles, powers);
    assert_eq!(extends[0].element.as_deref(), Some("procedural-powers"));
    assert_eq!(extends[1].articles, co_operation);
    assert_eq!(
        extends[1].element.as_deref(),
        Some("international-co-operation")
    );
    let ets = Instrument::ets_185();
    for c in &extends {
        assert_eq!(c.instrument, "ets-185");
        assert_eq!(c.to, [2, 3, 4, 5, 6, 7]);
        for n in &c.articles {
            assert!(ets.article(*n).is_some(), "Convention Article {n}");
        }
    }
    for n in &applies.articles {
        assert!(ets.article(*n).is_some(), "Convention Article {n}");
    }
}

#[test]
fn cets_224_has_25_articles_all_marked_unverified_and_unscored() {
    let p = Instrument::cets_224();
    let expected: Vec<(u16, &str)> = (1..=25).zip(CETS_224_TITLES).collect();
    assert_eq!(titles(p), expected);
    for a in p.articles() {
        assert!(!a.verified && !a.scored, "Article {}", a.number);
    }
    assert!(p.entry_into_force.is_none());
    assert!(p.source_note.starts_with("UNVERIFIED"));
    // The titles the depositary record quotes are the data's titles, and the source note names
    // that record.
    for (n, title) in CETS_224_TITLES_IN_DEPOSITARY_RECORD {
        assert_eq!(p.article(n).unwrap().title, title, "Article {n}");
    }
    assert!(p.source_note.contains("verdragenbank.overheid.nl"));
    assert!(p.source_note.contains("treaty 013833"));
    // Elements for what a Party must put into its law: Articles 6 to 14.
    for n in 6..=14 {
        assert!(
            p.article(n).unwrap().elements().next().is_some(),
            "Article {n} has no element"
        );
    }
}

#[test]
fn cets_224_permissions_follow_article_19_and_only_two_are_verified() {
    let expected = [
        "declaration Article 10, paragraph 9 <- Article 19, paragraph 2",
        "declaration Article 12, paragraph 3 <- Article 19, paragraph 2",
        "declaration Article 18, paragraph 2 <- Article 19, paragraph 2",
        "declaration Article 7, paragraph 2.b <- Article 19, paragraph 2",
        "declaration Article 7, paragraph 8 <- Article 19, paragraph 2",
        "declaration Article 8, paragraph 11 <- Article 19, paragraph 2",
        "declaration Article 9, paragraph 1.b <- Article 19, paragraph 2",
        "declaration Article 9, paragraph 5 <- Article 19, paragraph 2",
        "notification Article 14, paragraph 10.b <- Article 19, paragraph 3",
        "notification Article 14, paragraph 7.c <- Article 19, paragraph 3",
        "notification Article 17, paragraph 2 <- Article 19, paragraph 3",
        "notification Article 7, paragraph 5.a <- Article 19, paragraph 3",
        "notification Article 7, paragraph 5.e <- Article 19, paragraph 3",
        "notification Article 8, paragraph 10.a <- Article 19, paragraph 3",
        "notification Article 8, paragraph 10.b <- Article 19, paragraph 3",
        "notification Article 8, paragraph 4 <- Article 19, paragraph 3",
        "reservation Article 17 <- Article 19, paragraph 1",
        "reservation Article 7, paragraph 9.a <- Article 19, paragraph 1",
        "reservation Article 7, paragraph 9.b <- Article 19, paragraph 1",
        "reservation Article 8, paragraph 13 <- Article 19, paragraph 1",
    ];
    let p = Instrument::cets_224();
    assert_eq!(permissions(p), expected);
    let mut verified: Vec<&str> = p
        .permissions
        .iter()
        .filter(|x| x.verified)
        .map(|x| x.id.as_str())
        .collect();
    verified.sort();
    assert_eq!(verified, CETS_224_VERIFIED_PERMISSIONS);
    assert!(
        p.permissions
            .iter()
            .any(|x| x.kind == PermissionKind::Notification)
    );
}

#[test]
fn the_protocols_validate_against_the_instrument_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/instrument.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for file in ["data/ets-189.json", "data/cets-224.json"] {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}

#[test]
fn the_linter_catches_an_unverified_scored_article_and_broken_carry_overs() {
    let mut json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(Instrument::ets_189()).unwrap()).unwrap();
    json["chapters"][1]["articles"][0]["verified"] = false.into();
    json["chapters"][2]["articles"][0]["carries_over"][1]["articles"] = serde_json::json!([14, 99]);
    json["chapters"][2]["articles"][0]["carries_over"][1]["to"] = serde_json::json!([2, 17]);
    json["chapters"][2]["articles"][0]["carries_over"][2]["element"] = "co-operation".into();
    json["permissions"][5]["concerns"]["article"] = 50.into();
    let err = Instrument::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("5 problem(s)"), "{err}");
    assert!(
        err.contains("element `co-operation`, which this article lacks"),
        "{err}"
    );
    assert!(err.contains("art-3: an article not verified"), "{err}");
    assert!(err.contains("Article 99 of `ets-185`"), "{err}");
    assert!(err.contains("Article 17, which does not exist"), "{err}");
    assert!(err.contains("concerns Article 50 of `ets-185`"), "{err}");
}

#[test]
fn the_sources_note_lists_every_title_permission_and_crosswalk_entry() {
    let doc = std::fs::read_to_string(root().join("docs/protocols.md")).unwrap();
    for instrument in [Instrument::ets_189(), Instrument::cets_224()] {
        for a in instrument.articles() {
            let row = format!("| {} | {} |", a.number, a.title);
            assert!(doc.contains(&row), "{}: {row}", instrument.id);
        }
        for p in &instrument.permissions {
            let row = format!("| `{}` | {} | {}", p.id, p.kind.as_str(), p.provision());
            assert!(doc.contains(&row), "{}: {row}", instrument.id);
        }
    }
    for e in &budapest_gap::instrument::Crosswalk::uncc().entries {
        let row = format!(
            "| {} | {} | {} | {} |",
            e.article,
            e.title,
            e.chapter,
            e.relationship.as_str()
        );
        assert!(doc.contains(&row), "{row}");
    }
}
