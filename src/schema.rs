//! The JSON Schemas of the formats a user writes or reads, generated from the Rust types.
//! `schema/*.schema.json` are these, committed; a test fails when they are stale.

use schemars::generate::SchemaSettings;

fn render(mut schema: schemars::Schema, id: &str) -> String {
    schema.insert("$id".into(), format!("urn:budapest-gap:schema:{id}").into());
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

fn generator() -> schemars::SchemaGenerator {
    SchemaSettings::draft2020_12().into_generator()
}

/// The JSON Schema of a country profile (`schema/profile.schema.json`).
///
/// # Example
///
/// ```
/// let schema = budapest_gap::schema::profile();
/// assert!(schema.contains("\"additionalProperties\": false"));
/// ```
pub fn profile() -> String {
    let schema = generator().into_root_schema_for::<crate::Profile>();
    let mut value = schema.to_value();
    crate::profile::schema_rules::tighten(&mut value);
    let schema = schemars::Schema::try_from(value).expect("still a schema object");
    render(schema, "profile")
}

/// The JSON Schema of an instrument checklist (`schema/instrument.schema.json`).
pub fn instrument() -> String {
    render(
        generator().into_root_schema_for::<crate::Instrument>(),
        "instrument",
    )
}

/// The JSON Schema of an assessment, the output of `budapest-gap score --format json`
/// (`schema/assessment.schema.json`).
pub fn assessment() -> String {
    render(
        generator().into_root_schema_for::<crate::Assessment>(),
        "assessment",
    )
}
