//! The Convention's authentic French article and chapter titles (`data/ets-185.fr.json`).
//!
//! Every title verified against a source that reproduces the French text is pinned here with
//! the source it was read in (the ids of the file's `sources`; `docs/report.md` has the
//! table). The articles whose French title no source we could read gives are pinned as
//! untitled, so that the French report shows their English title with †. A title that moves
//! in the data, or a title that appears without a source, fails here; so does a French report
//! that stops showing a verified title.

use budapest_gap::report::Report;
use budapest_gap::{Instrument, Lang, Profile, assess};
use serde_json::Value;

use crate::{root, shipped_profiles};

/// Article, authentic French title, id of the source it was read in.
const VERIFIED: [(u16, &str, &str); 37] = [
    (1, "Définitions", "rs-art-1"),
    (2, "Accès illégal", "ok-ccc2"),
    (3, "Interception illégale", "rs-art-3"),
    (4, "Atteinte à l’intégrité des données", "ok-ccc4"),
    (5, "Atteinte à l’intégrité du système", "rs-index"),
    (6, "Abus de dispositifs", "ok-ccc6"),
    (7, "Falsification informatique", "rs-art-7"),
    (8, "Fraude informatique", "inview-8"),
    (
        9,
        "Infractions se rapportant à la pornographie enfantine",
        "rs-art-9",
    ),
    (
        10,
        "Infractions liées aux atteintes à la propriété intellectuelle et aux droits connexes",
        "rs-art-10",
    ),
    (11, "Tentative et complicité", "ok-ccc11"),
    (12, "Responsabilité des personnes morales", "rs-index"),
    (13, "Sanctions et mesures", "rs-art-13"),
    (
        14,
        "Portée d’application des mesures du droit de procédure",
        "rs-art-14",
    ),
    (15, "Conditions et sauvegardes", "rs-index"),
    (
        16,
        "Conservation rapide de données informatiques stockées",
        "rs-art-16",
    ),
    (
        17,
        "Conservation et divulgation partielle rapides de données relatives au trafic",
        "rs-art-17",
    ),
    (18, "Injonction de produire", "rs-art-18"),
    (
        19,
        "Perquisition et saisie de données informatiques stockées",
        "rs-art-19",
    ),
    (
        21,
        "Interception de données relatives au contenu",
        "rs-art-21",
    ),
    (22, "Compétence", "rs-art-22"),
    (
        23,
        "Principes généraux relatifs à la coopération internationale",
        "loidici-ch3",
    ),
    (24, "Extradition", "rs-art-24"),
    (25, "Principes généraux relatifs à l’entraide", "rs-art-25"),
    (
        27,
        "Procédures relatives aux demandes d’entraide en l’absence d’accords internationaux applicables",
        "rs-art-27",
    ),
    (
        28,
        "Confidentialité et restriction d’utilisation",
        "rs-art-28",
    ),
    (30, "Divulgation rapide de données conservées", "rs-art-30"),
    (
        31,
        "Entraide concernant l’accès aux données stockées",
        "rs-art-31",
    ),
    (
        32,
        "Accès transfrontière à des données stockées, avec consentement ou lorsqu’elles sont accessibles au public",
        "rs-art-32",
    ),
    (
        33,
        "Entraide dans la collecte en temps réel de données relatives au trafic",
        "rs-art-33",
    ),
    (35, "Réseau 24/7", "coe-24-7"),
    (41, "Clause fédérale", "rs-art-41"),
    (42, "Réserves", "rs-art-42"),
    (43, "Statut et retrait des réserves", "rs-art-43"),
    (44, "Amendements", "rs-art-44"),
    (45, "Règlement des différends", "rs-art-45"),
    (46, "Concertation des Parties", "rs-art-46"),
];

/// Articles whose authentic French title is not verified: no title in the data.
const UNVERIFIED: [u16; 11] = [20, 26, 29, 34, 36, 37, 38, 39, 40, 47, 48];

/// Chapter and section headings verified in French: chapter, section, heading, source.
const HEADINGS: [(&str, Option<&str>, &str, &str); 4] = [
    (
        "II",
        None,
        "Mesures à prendre au niveau national",
        "ok-ccc2",
    ),
    ("II", Some("1"), "Droit pénal matériel", "ok-ccc2"),
    ("III", None, "Coopération internationale", "ok-ccc34"),
    ("III", Some("1"), "Principes généraux", "loidici-ch3"),
];

fn overlay() -> Value {
    let text = std::fs::read_to_string(root().join("data/ets-185.fr.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_verified_french_title_is_pinned_with_its_source() {
    let fr = overlay();
    let articles = fr["articles"].as_object().unwrap();
    let mut titled: Vec<(u16, &str, &str)> = articles
        .iter()
        .filter_map(|(n, a)| {
            let title = a.get("title")?.as_str()?;
            let source = a["title_source"].as_str().expect("a title has its source");
            Some((n.parse().unwrap(), title, source))
        })
        .collect();
    titled.sort();
    assert_eq!(titled, VERIFIED);

    for n in UNVERIFIED {
        let a = &articles[&n.to_string()];
        assert!(
            a.get("title").is_none() && a.get("title_source").is_none(),
            "Article {n}: no source gives its French title, so the data must not have one"
        );
    }

    // Verified and unverified together are the Convention's 48 articles, each once.
    let mut all: Vec<u16> = VERIFIED.iter().map(|v| v.0).chain(UNVERIFIED).collect();
    all.sort();
    let numbers: Vec<u16> = Instrument::ets_185().articles().map(|a| a.number).collect();
    assert_eq!(all, numbers);
    assert_eq!(all.len(), 48);

    // Every pinned source is one the data describes.
    let ids: Vec<&str> = fr["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for (n, _, source) in VERIFIED {
        assert!(ids.contains(&source), "Article {n}: source {source}");
    }
}

#[test]
fn the_verified_chapter_and_section_headings_are_pinned_with_their_sources() {
    let fr = overlay();
    let mut found = Vec::new();
    for (chapter, c) in fr["chapters"].as_object().unwrap() {
        if let Some(heading) = c.get("heading").and_then(Value::as_str) {
            found.push((
                chapter.as_str(),
                None,
                heading,
                c["source"].as_str().unwrap(),
            ));
        }
        if let Some(sections) = c.get("sections").and_then(Value::as_object) {
            for (section, s) in sections {
                found.push((
                    chapter.as_str(),
                    Some(section.as_str()),
                    s["heading"].as_str().unwrap(),
                    s["source"].as_str().unwrap(),
                ));
            }
        }
    }
    found.sort();
    let mut pinned = HEADINGS.to_vec();
    pinned.sort();
    assert_eq!(found, pinned);
}

/// Every shipped profile's French report heads each article with its verified French title,
/// and with the English title and † where the French one is not verified.
#[test]
fn every_french_report_heads_its_articles_with_the_pinned_titles() {
    let ets = Instrument::ets_185();
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        let valid = profile.validate().unwrap();
        let md = Report::new_in(ets, &valid, &assess(ets, &valid), Lang::Fr).to_markdown();
        let headings: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("### Article "))
            .collect();
        let mut headed = 0;
        for a in ets.articles() {
            let prefix = format!("### Article {} – ", a.number);
            let Some(heading) = headings.iter().find(|h| h.starts_with(&prefix)) else {
                continue;
            };
            headed += 1;
            let expected = match VERIFIED.iter().find(|v| v.0 == a.number) {
                Some((n, title, _)) => format!("### Article {n} – {title}"),
                None => format!("### Article {} – {} †", a.number, a.title),
            };
            assert_eq!(*heading, expected, "{}", path.display());
        }
        // Articles 2 to 35 are assessed and headed in every report.
        assert!(headed >= 34, "{}: {headed} articles headed", path.display());
    }
}
