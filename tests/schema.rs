//! The committed schemas are the generated ones, and an independent validator agrees with them.

use crate::{root, shipped_profiles};

fn committed(name: &str) -> String {
    std::fs::read_to_string(root().join("schema").join(name)).unwrap_or_default()
}

#[test]
fn committed_schemas_are_up_to_date() {
    for (name, generated) in [
        ("profile.schema.json", budapest_gap::schema::profile()),
        ("instrument.schema.json", budapest_gap::schema::instrument()),
        ("assessment.schema.json", budapest_gap::schema::assessment()),
    ] {
        assert!(
            committed(name) == generated,
            "schema/{name} is stale: regenerate it with `cargo run -- schema {} > schema/{name}`",
            name.split('.').next().unwrap()
        );
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&committed(name)).expect("committed schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

#[test]
fn every_shipped_profile_validates_against_the_committed_schema() {
    let validator = validator("profile.schema.json");
    let profiles = shipped_profiles();
    assert!(
        profiles.len() >= 5,
        "expected at least 5 shipped profiles, found {}",
        profiles.len()
    );
    for path in profiles {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_rejects_an_unknown_key_as_our_loader_does() {
    let validator = validator("profile.schema.json");
    let path = root().join("profiles/portugal.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value["jurisdiction"]["capital"] = "Lisbon".into();
    assert!(!validator.is_valid(&value));
    let checked = budapest_gap::Profile::check("x.json", &value.to_string());
    assert_eq!(checked.diagnostics[0].code, budapest_gap::Code::UnknownKey);
}

#[test]
fn the_embedded_checklist_validates_against_the_instrument_schema() {
    let validator = validator("instrument.schema.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/ets-185.json")).unwrap())
            .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A valid profile changed in one way.
fn changed(f: impl Fn(&mut serde_json::Value)) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/bad/unknown-law.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["provisions"][0]["law"] = "cca".into();
    f(&mut v);
    v
}

#[test]
fn the_schema_rejects_what_check_rejects_wherever_json_schema_can_say_it() {
    use serde_json::json;
    let validator = validator("profile.schema.json");
    let base = changed(|_| {});
    assert!(validator.is_valid(&base));
    assert!(!budapest_gap::Profile::check("x.json", &base.to_string()).has_errors());
    let cases: Vec<(&str, serde_json::Value)> = vec![
        ("format 2", changed(|v| v["format"] = 2.into())),
        (
            "huge format",
            changed(|v| v["format"] = json!(99_999_999_999u64)),
        ),
        (
            "lower-case code",
            changed(|v| v["jurisdiction"]["code"] = "fl".into()),
        ),
        (
            "blank name",
            changed(|v| v["jurisdiction"]["name"] = " ".into()),
        ),
        ("empty law id", changed(|v| v["laws"][0]["id"] = "".into())),
        (
            "javascript URL",
            changed(|v| v["laws"][0]["url"] = "javascript:alert(1)".into()),
        ),
        (
            "URL with a pipe",
            changed(|v| v["laws"][0]["url"] = "https://x.org/a|b".into()),
        ),
        (
            "year 0000",
            changed(|v| v["document"]["as_of"] = "0000-01-01".into()),
        ),
        (
            "art-02",
            changed(|v| v["assessment"]["ets-185"]["art-02"] = json!({"status": "not-met"})),
        ),
        (
            "art-+4",
            changed(|v| v["assessment"]["ets-185"]["art-+4"] = json!({"status": "not-met"})),
        ),
        (
            "huge article",
            changed(|v| {
                v["instruments"]["ets-185"]["reservations"] =
                    json!([{"article": 70000, "status": "made"}])
            }),
        ),
        (
            "negative score",
            changed(|v| {
                v["assessment"]["ets-185"]["art-2"]["suggestions"] =
                    json!([{"provision": "cca-1", "confidence": "weak", "score": -1}])
            }),
        ),
        (
            "provision cited twice",
            changed(|v| {
                v["assessment"]["ets-185"]["art-2"]["provisions"] = json!(["cca-1", "cca-1"])
            }),
        ),
    ];
    for (what, value) in cases {
        assert!(!validator.is_valid(&value), "the schema accepts {what}");
        assert!(
            budapest_gap::Profile::check("x.json", &value.to_string()).has_errors(),
            "check accepts {what}"
        );
    }
}

#[test]
fn the_checks_the_readme_lists_as_check_only_are_check_only() {
    // README, "For CI": what JSON Schema cannot express. If one of these becomes expressible,
    // move it into the schema and out of that list.
    use serde_json::json;
    let validator = validator("profile.schema.json");
    let cases: Vec<(&str, String)> = vec![
        (
            "1.0 for an integer",
            changed(|_| {})
                .to_string()
                .replacen("\"format\":1", "\"format\":1.0", 1),
        ),
        (
            "an unknown law",
            changed(|v| v["provisions"][0]["law"] = "nope".into()).to_string(),
        ),
        (
            "an article the treaty lacks",
            changed(|v| v["assessment"]["ets-185"]["art-49"] = json!({"status": "not-met"}))
                .to_string(),
        ),
        (
            "a reservation the treaty does not permit",
            changed(|v| {
                v["instruments"]["ets-185"]["reservations"] =
                    json!([{"article": 8, "status": "made"}])
            })
            .to_string(),
        ),
        (
            "a control character",
            changed(|v| v["provisions"][0]["summary"] = "a\u{1b}b".into()).to_string(),
        ),
        (
            "dates out of order",
            changed(|v| v["instruments"]["ets-185"]["ratified"] = "2001-01-01".into()).to_string(),
        ),
    ];
    for (what, text) in cases {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            validator.is_valid(&value),
            "the schema now rejects {what}: update the README"
        );
        assert!(
            budapest_gap::Profile::check("x.json", &text).has_errors(),
            "check accepts {what}"
        );
    }
}
