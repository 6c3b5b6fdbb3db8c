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
    use std::process::Command;
    for name in PARTIES {
        let out = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
            .current_dir(root())
            .args([
                "score",
                &format!("profiles/{name}.json"),
                "--instrument",
                "ets-189",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
