//! The Additional Protocol (ETS 189) in French: `data/ets-189.fr.json` gives every article,
//! element and permission of `data/ets-189.json` its French text, so the Protocol's part of a
//! French report, and `checklist --instrument ets-189 --lang fr`, leave no English requirement,
//! element or recommendation behind. The Protocol's article titles and chapter headings are not
//! verified in French, so they stay English, marked †; its own title is verified.

use budapest_gap::report::{Report, checklist_markdown_in};
use budapest_gap::{Instrument, Lang, Profile};
use serde_json::Value;

use crate::root;

/// The shipped profiles that assess ETS 189.
const PARTIES: [&str; 2] = ["germany", "portugal"];

fn overlay() -> Value {
    let text = std::fs::read_to_string(root().join("data/ets-189.fr.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A recommendation template as the verb phrase a report words it with
/// (`{jurisdiction} should criminalise …` → `criminalise …`).
fn action(template: &str, should: &str) -> String {
    template
        .strip_prefix(should)
        .unwrap_or_else(|| panic!("{template}: does not start with {should:?}"))
        .trim()
        .trim_end_matches('.')
        .to_string()
}

/// The overlay covers the Protocol's 16 articles, 41 elements and 11 permissions, each with a
/// French text, and names nothing the checklist lacks.
#[test]
fn the_overlay_covers_every_article_element_and_permission_of_the_protocol_and_nothing_else() {
    let ets = Instrument::ets_189();
    let fr = overlay();
    assert_eq!(fr["instrument"], "ets-189");
    let articles = fr["articles"].as_object().unwrap();
    let mut numbers: Vec<u16> = articles.keys().map(|k| k.parse().unwrap()).collect();
    numbers.sort_unstable();
    let expected: Vec<u16> = ets.articles().map(|a| a.number).collect();
    assert_eq!(numbers, expected);
    assert_eq!(numbers.len(), 16);
    let mut elements = 0;
    for a in ets.articles() {
        let f = &articles[&a.number.to_string()];
        let summary = f["summary"].as_str().unwrap();
        assert!(!summary.trim().is_empty() && summary != a.summary);
        let ids: Vec<&str> = f
            .get("elements")
            .and_then(Value::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut expected: Vec<&str> = a.elements().map(|(_, e)| e.id.as_str()).collect();
        let mut ids_sorted = ids.clone();
        ids_sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids_sorted, expected, "Article {}", a.number);
        for (_, e) in a.elements() {
            let x = &f["elements"][&e.id];
            let text = x["text"].as_str().unwrap();
            assert!(
                !text.trim().is_empty() && text != e.text,
                "art-{}.{}",
                a.number,
                e.id
            );
            let french = action(
                x["recommendation"].as_str().unwrap(),
                "{jurisdiction} devrait ",
            );
            assert_ne!(french, action(&e.recommendation, "{jurisdiction} should "));
            elements += 1;
        }
    }
    assert_eq!(elements, 41);
    let permissions = fr["permissions"].as_object().unwrap();
    let mut ids: Vec<&str> = permissions.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = ets.permissions.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    assert_eq!(ids.len(), 11);
    for p in &ets.permissions {
        assert_ne!(permissions[&p.id].as_str().unwrap(), p.summary, "{}", p.id);
    }
}

/// No source we could read gives the Protocol's French article titles or chapter headings:
/// none is in the data, so the report shows the English ones with †. The Protocol's own French
/// title is there, with the source it was read in.
#[test]
fn only_the_protocols_own_title_is_verified_in_french() {
    let fr = overlay();
    for (n, a) in fr["articles"].as_object().unwrap() {
        assert!(
            a.get("title").is_none() && a.get("title_source").is_none(),
            "Article {n}: a French title needs a source that gives it"
        );
    }
    assert_eq!(fr["chapters"], serde_json::json!({}));
    assert_eq!(
        fr["title"],
        "Protocole additionnel à la Convention sur la cybercriminalité, relatif à l’incrimination \
         d’actes de nature raciste et xénophobe commis par le biais de systèmes informatiques"
    );
    let sources: Vec<&str> = fr["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, [fr["title_source"].as_str().unwrap()]);

    let md = checklist_markdown_in(Instrument::ets_189(), Lang::Fr);
    assert!(md.starts_with(&format!(
        "# STE no 189 – {}\n",
        fr["title"].as_str().unwrap()
    )));
    for a in Instrument::ets_189().articles() {
        assert!(
            md.contains(&format!("#### Article {} – {} †", a.number, a.title)),
            "Article {}",
            a.number
        );
    }
}

/// The French reports of Germany and Portugal word the Protocol's part in French: no English
/// requirement, element text or recommendation of ETS 189 is left, and every recommendation
/// the English report makes from an element is there with the element's French action.
#[test]
fn the_french_reports_leave_no_english_protocol_text() {
    let ets = Instrument::ets_189();
    let fr = overlay();
    for name in PARTIES {
        let profile = Profile::from_path(root().join(format!("profiles/{name}.json")))
            .unwrap()
            .validate()
            .unwrap();
        let en = Report::of_profile(&profile, Lang::En).to_markdown();
        let md = Report::of_profile(&profile, Lang::Fr).to_markdown();
        assert!(
            en.contains(&ets.articles().nth(2).unwrap().summary),
            "{name}"
        );
        let mut worded = 0;
        for a in ets.articles() {
            assert!(
                !md.contains(&a.summary),
                "{name}: Article {} summary",
                a.number
            );
            let f = &fr["articles"][a.number.to_string()];
            if en.contains(&a.summary) {
                assert!(
                    md.contains(f["summary"].as_str().unwrap()),
                    "{name}: Article {} French summary",
                    a.number
                );
            }
            for (_, e) in a.elements() {
                assert!(!md.contains(&e.text), "{name}: art-{}.{}", a.number, e.id);
                let english = action(&e.recommendation, "{jurisdiction} should ");
                assert!(!md.contains(&english), "{name}: art-{}.{}", a.number, e.id);
                if en.contains(&english) {
                    let french = action(
                        f["elements"][&e.id]["recommendation"].as_str().unwrap(),
                        "{jurisdiction} devrait ",
                    );
                    assert!(
                        md.contains(&french),
                        "{name}: art-{}.{}: {french}",
                        a.number,
                        e.id
                    );
                    worded += 1;
                }
            }
        }
        assert!(
            worded > 0,
            "{name}: the English report recommends nothing for ETS 189"
        );
        for needle in ["d’ensure", "de ensure"] {
            assert!(
                !md.contains(needle),
                "{name}: {needle:?} in the French report"
            );
        }
    }
}

/// `checklist --instrument ets-189 --lang fr` gives each article its French requirement, each
/// element its French text and each permission its French summary.
#[cfg(feature = "cli")]
#[test]
fn the_protocol_checklist_in_french_shows_the_french_texts() {
    let md = crate::success_stdout(&crate::run(&[
        "checklist",
        "--instrument",
        "ets-189",
        "--lang",
        "fr",
    ]));
    let ets = Instrument::ets_189();
    let fr = overlay();
    let lines: Vec<&str> = md.lines().collect();
    for a in ets.articles() {
        let heading = format!("#### Article {} – ", a.number);
        let at = lines
            .iter()
            .position(|l| l.starts_with(&heading))
            .unwrap_or_else(|| panic!("Article {} missing", a.number));
        // The heading, a blank line, then the requirement.
        let summary = fr["articles"][a.number.to_string()]["summary"]
            .as_str()
            .unwrap();
        assert_eq!(lines[at + 2], summary, "Article {}", a.number);
        assert!(
            !md.contains(&a.summary),
            "Article {}: English summary",
            a.number
        );
        for (_, e) in a.elements() {
            let text = fr["articles"][a.number.to_string()]["elements"][&e.id]["text"]
                .as_str()
                .unwrap();
            assert!(
                md.contains(&format!("| `art-{}.{}` |", a.number, e.id))
                    && md.contains(&format!(" | {text} |")),
                "art-{}.{}",
                a.number,
                e.id
            );
            assert!(
                !md.contains(&e.text),
                "art-{}.{}: English text",
                a.number,
                e.id
            );
        }
    }
    for p in &ets.permissions {
        assert!(
            md.contains(fr["permissions"][&p.id].as_str().unwrap()),
            "{}",
            p.id
        );
        assert!(!md.contains(&p.summary), "{}: English summary", p.id);
    }
}
