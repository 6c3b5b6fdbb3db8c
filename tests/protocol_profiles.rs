//! The shipped profiles of the two Parties to the Additional Protocol (ETS 189), Germany and
//! Portugal: they record its treaty status and assess its offences, and `score` rates them.

use budapest_gap::profile::ValidProfile;
use budapest_gap::{Instrument, Profile, Rating, assess};

use crate::root;

/// The profiles that assess ETS 189, and the Protocol's articles that define offences.
const PARTIES: [&str; 2] = ["germany", "portugal"];
const OFFENCES: std::ops::RangeInclusive<u16> = 3..=7;

fn load(name: &str) -> ValidProfile {
    let path = root().join(format!("profiles/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = Profile::check(&path.display().to_string(), &text);
    let all: Vec<String> = checked
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(all.is_empty(), "{name}:\n{}", all.join("\n"));
    checked.into_profile().unwrap()
}

#[test]
fn germany_and_portugal_assess_every_offence_of_the_protocol_citing_their_law() {
    for name in PARTIES {
        let profile = load(name);
        let articles = profile
            .assessment
            .get("ets-189")
            .unwrap_or_else(|| panic!("{name}: no ETS 189 assessment"));
        for n in OFFENCES.chain([8]) {
            let entry = articles
                .get(&format!("art-{n}"))
                .unwrap_or_else(|| panic!("{name}: ETS 189 Article {n} not assessed"));
            assert!(
                !entry.provisions.is_empty(),
                "{name}: ETS 189 Article {n} cites no provision"
            );
            for id in &entry.provisions {
                assert!(
                    profile.provisions.iter().any(|p| &p.id == id),
                    "{name}: ETS 189 Article {n} cites unknown provision {id}"
                );
            }
        }
    }
}

#[test]
fn the_protocols_offences_are_rated_for_both_parties_over_all_their_elements() {
    for name in PARTIES {
        let profile = load(name);
        let assessment = assess(Instrument::ets_189(), &profile);
        for n in OFFENCES {
            let article = assessment
                .articles
                .iter()
                .find(|a| a.number == n)
                .unwrap_or_else(|| panic!("{name}: no result for ETS 189 Article {n}"));
            assert_ne!(
                article.rating,
                Rating::NotAssessed,
                "{name}: ETS 189 Article {n} is not rated"
            );
            assert!(
                !article.provisional,
                "{name}: ETS 189 Article {n} is rated over part of its elements only"
            );
        }
    }
}

/// Article 9, paragraph 2 of the Protocol: a State may ratify it only if it has already
/// ratified the Convention or does so at the same time (Portugal deposited both on
/// 24 March 2010; Germany ratified the Protocol two years after the Convention).
#[test]
fn each_party_ratified_the_protocol_no_earlier_than_the_convention() {
    for name in PARTIES {
        let profile = load(name);
        let convention = &profile.instruments["ets-185"];
        let protocol = profile
            .instruments
            .get("ets-189")
            .unwrap_or_else(|| panic!("{name}: no ETS 189 treaty status"));
        let (Some(c), Some(p)) = (convention.ratified, protocol.ratified) else {
            panic!("{name}: a ratification date is missing");
        };
        assert!(p >= c, "{name}: ETS 189 ratified {p} before ETS 185 ({c})");
        let in_force = protocol.in_force.expect("entry into force recorded");
        assert!(
            in_force > p,
            "{name}: in force {in_force} before ratification {p}"
        );
        assert!(
            protocol.signed.is_some_and(|s| s <= p),
            "{name}: signature missing or after ratification"
        );
        // Neither Party made a reservation or declaration to the Protocol.
        assert!(protocol.reservations.is_empty(), "{name}");
        assert!(protocol.declarations.is_empty(), "{name}");
    }
    let de = load("germany");
    assert!(de.instruments["ets-189"].ratified > de.instruments["ets-185"].ratified);
}

#[cfg(feature = "cli")]
#[test]
fn score_with_the_protocol_rates_every_offence_of_both_parties() {
    for name in PARTIES {
        let profile = format!("profiles/{name}.json");
        let out = crate::success_stdout(&crate::run(&[
            "score",
            &profile,
            "--instrument",
            "ets-189",
            "--format",
            "json",
        ]));
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["instrument"], "ets-189", "{name}");
        let articles = json["articles"].as_array().unwrap();
        for n in OFFENCES {
            let article = articles
                .iter()
                .find(|a| a["number"] == n)
                .unwrap_or_else(|| panic!("{name}: Article {n} missing from score"));
            let rating = article["rating"].as_str().unwrap();
            assert!(
                ["C", "LC", "PC", "NC"].contains(&rating),
                "{name}: Article {n} rated {rating}"
            );
        }
    }
}

/// The profile's JSON, changed by `edit`, checked: its diagnostics' codes and messages.
fn checked(
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> budapest_gap::profile::CheckedProfile {
    let path = root().join(format!("profiles/{name}.json"));
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut json);
    Profile::check("edited.json", &json.to_string())
}

fn element<'a>(
    a: &'a budapest_gap::Assessment,
    article: u16,
    id: &str,
) -> &'a budapest_gap::assess::ElementResult {
    a.articles
        .iter()
        .find(|r| r.number == article)
        .and_then(|r| r.elements.iter().find(|e| e.id == id))
        .unwrap_or_else(|| panic!("no element {id} in Article {article}"))
}

/// ETS 189 Article 8(2): a profile that carries Article 8 over gets its two elements from its
/// own ETS 185 ratings of Articles 14–21 and 23–35, and they follow a change to those.
#[test]
fn article_8_of_the_protocol_follows_the_conventions_ratings_when_carried_over() {
    use budapest_gap::profile::Status;
    let de = load("germany");
    let convention = assess(Instrument::ets_185(), &de);
    let protocol = assess(Instrument::ets_189(), &de);
    let powers = element(&protocol, 8, "procedural-powers");
    let carried = powers.carried_over.as_ref().expect("carried over");
    assert_eq!(carried.instrument, "ets-185");
    let expected: Vec<(u16, Rating)> = convention
        .articles
        .iter()
        .filter(|a| (14..=21).contains(&a.number))
        .map(|a| (a.number, a.rating))
        .collect();
    let got: Vec<(u16, Rating)> = carried
        .ratings
        .iter()
        .map(|r| (r.article, r.rating))
        .collect();
    assert_eq!(got, expected);
    // Germany: 16, 17 and 20 PC, none NC: partly met.
    assert_eq!(powers.status, Status::Partly);
    // Articles 26 and 28 are not assessed, so co-operation cannot be more than not assessed,
    // and the assessor's to-do list names those articles, not this element.
    let co = element(&protocol, 8, "international-co-operation");
    assert_eq!(co.status, Status::NotAssessed);
    assert!(protocol.to_assess.iter().all(|t| t.article != 8));
    let art8 = protocol.articles.iter().find(|a| a.number == 8).unwrap();
    assert!(art8.provisional);
    // The recommendation points at the Convention's articles below compliant, not at the
    // provisions cited for Article 8.
    let r = protocol
        .recommendations
        .iter()
        .find(|r| r.article == 8)
        .expect("a recommendation for Article 8");
    assert!(r.provisions.is_empty());
    assert_eq!(
        r.to_string(),
        "Germany should close the gaps found under Articles 14, 16, 17, 19 and 20 of ETS No. 185, \
         as recommended there, so as to ensure that its procedural powers implementing Articles \
         14 to 21 of the Convention can be used for the offences established under the Protocol \
         (Article 8)."
    );

    // An ETS 185 power found not met makes the carried element not met.
    let edited = checked("germany", |j| {
        j["assessment"]["ets-185"]["art-20"] = serde_json::json!({
            "provisions": ["de-stpo-100g"], "status": "not-met"
        });
    });
    assert!(!edited.has_errors(), "{:#?}", edited.diagnostics);
    let edited = edited.into_profile().unwrap();
    let protocol = assess(Instrument::ets_189(), &edited);
    assert_eq!(
        element(&protocol, 8, "procedural-powers").status,
        Status::NotMet
    );
}

#[test]
fn carrying_over_an_article_that_carries_nothing_or_setting_a_carried_element_is_an_error() {
    let c = checked("germany", |j| {
        j["assessment"]["ets-189"]["art-3"]["carried_over"] = true.into();
        j["assessment"]["ets-189"]["art-8"]["elements"] =
            serde_json::json!({ "procedural-powers": { "status": "met" } });
    });
    let found: Vec<(String, String, Option<String>)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "invalid-carry-over")
        .map(|d| (d.pointer.clone(), d.message.clone(), d.hint.clone()))
        .collect();
    assert_eq!(found.len(), 2, "{:#?}", c.diagnostics);
    assert_eq!(found[0].0, "/assessment/ets-189/art-3/carried_over");
    assert!(found[0].1.contains("Article 3"), "{}", found[0].1);
    assert_eq!(
        found[1].0,
        "/assessment/ets-189/art-8/elements/procedural-powers"
    );
    assert!(
        found[1].1.contains("ratings of Articles 14–21"),
        "{}",
        found[1].1
    );
    assert!(found[1].2.as_deref().unwrap().contains("`note`"));
}

/// ETS 189 Article 12(2) permits two of the Convention's reservations for the Protocol; a
/// profile says which with `concerns`, and without it the reservation is ambiguous.
#[test]
fn a_protocol_reservation_under_article_12_2_must_say_which_convention_reservation() {
    let with = |concerns: Option<serde_json::Value>| {
        checked("germany", |j| {
            let mut r = serde_json::json!({ "article": 12, "paragraph": "2", "status": "made" });
            if let Some(c) = concerns {
                r["concerns"] = c;
            }
            j["instruments"]["ets-189"]["reservations"] = serde_json::json!([r]);
        })
    };
    let none = with(None);
    let d = none
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "ambiguous-choice")
        .unwrap_or_else(|| panic!("{:#?}", none.diagnostics));
    assert_eq!(d.pointer, "/instruments/ets-189/reservations/0/article");
    assert!(d.message.contains("2 reservations"), "{}", d.message);
    let hint = d.hint.as_deref().unwrap();
    assert!(
        hint.contains("\"article\": 22") && hint.contains("\"article\": 41"),
        "{hint}"
    );

    let wrong = with(Some(
        serde_json::json!({ "instrument": "ets-185", "article": 22, "paragraph": "3" }),
    ));
    let d = wrong
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "ambiguous-choice")
        .unwrap_or_else(|| panic!("{:#?}", wrong.diagnostics));
    assert_eq!(d.pointer, "/instruments/ets-189/reservations/0/concerns");

    let federal = with(Some(
        serde_json::json!({ "instrument": "ets-185", "article": 41, "paragraph": "1" }),
    ));
    assert!(!federal.has_errors(), "{:#?}", federal.diagnostics);
    let profile = federal.into_profile().unwrap();
    let a = assess(Instrument::ets_189(), &profile);
    assert_eq!(a.choices.len(), 1);
    assert_eq!(
        a.choices[0].provision,
        "Article 12, paragraph 2 (concerning ETS No. 185, Article 41, paragraph 1)"
    );
    assert!(
        a.choices[0].effect[0].contains("federal"),
        "{:?}",
        a.choices[0].effect
    );
}

/// The report shows where a carried-over element's status comes from, in either language.
#[test]
fn the_report_names_the_convention_ratings_a_carried_over_element_follows() {
    use budapest_gap::report::Report;
    let de = load("germany");
    let en = Report::of_profile(&de, budapest_gap::Lang::En).to_markdown();
    assert!(
        en.contains("Carried over from the ETS No. 185 ratings of Articles 14–21: 14 LC, 15 C"),
        "English report lacks the carried-over ratings"
    );
    // The Protocol's part names its own requirements, and in French its authentic title.
    assert!(en.contains("| Protocol requirement | Domestic provisions |"));
    let fr = Report::of_profile(&de, budapest_gap::Lang::Fr).to_markdown();
    assert!(fr.contains(
        "## Partie – STE no 189 – Protocole additionnel à la Convention sur la cybercriminalité"
    ));
    assert!(fr.contains("| Exigence du Protocole | Dispositions nationales |"));
    assert!(
        fr.contains("Repris des notations des articles 14 à 21 de la STE no 185 : 14 LC, 15 C"),
        "French report lacks the carried-over ratings"
    );
}
