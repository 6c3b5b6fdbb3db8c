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
