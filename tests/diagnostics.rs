//! Each bad fixture is one mistake: `check` exits 1 and names the file, line, column and code.
//! The fixture's name is the code it must produce (`unknown-law.json`, `wrong-type--top-level-array.json`).

use std::process::Command;

use budapest_gap::Code;

use crate::root;

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn there_are_at_least_20_distinct_mistakes() {
    let codes: std::collections::BTreeSet<String> = fixtures()
        .iter()
        .map(|n| {
            n.trim_end_matches(".json")
                .split("--")
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(codes.len() >= 20, "{codes:?}");
}

#[test]
fn every_bad_fixture_fails_with_its_code_and_position() {
    for name in fixtures() {
        let path = format!("tests/fixtures/bad/{name}");
        let expected = name.trim_end_matches(".json").split("--").next().unwrap();
        let (code, stdout, _) = check(&["--format", "json", &path]);
        assert_eq!(code, 1, "{name} should make check exit 1");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
        let hit = diagnostics
            .iter()
            .find(|d| d["code"] == expected && d["severity"] == "error");
        let hit =
            hit.unwrap_or_else(|| panic!("{name}: no `{expected}` error in {diagnostics:#?}"));
        assert_eq!(hit["file"], path.as_str());
        assert!(hit["line"].as_u64().unwrap() >= 1 && hit["column"].as_u64().unwrap() >= 1);
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == expected),
            "{expected} is not a code"
        );

        let (_, human, _) = check(&[&path]);
        assert!(human.contains(&format!("[{expected}]")), "{name}: {human}");
        assert!(
            human.contains(&format!("{path}:{}:{}", hit["line"], hit["column"])),
            "{name}: {human}"
        );
        insta::assert_snapshot!(format!("check-{}", name.trim_end_matches(".json")), human);
    }
}

#[test]
fn all_problems_of_a_file_are_reported_in_one_run() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/bad/unknown-law.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["jurisdiction"]["code"] = "fl".into();
    value["assessment"]["ets-185"]["art-2"]["provisions"] = serde_json::json!(["cca-1", "nope"]);
    value["instruments"]["ets-185"]["reservations"] =
        serde_json::json!([{ "article": 8, "status": "made" }]);
    let checked =
        budapest_gap::Profile::check("many.json", &serde_json::to_string_pretty(&value).unwrap());
    let codes: Vec<Code> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(
        codes,
        [
            Code::InvalidCountryCode,
            Code::UnknownLaw,
            Code::ReservationNotPermitted,
            Code::UnknownProvision
        ]
    );
}

#[test]
fn a_missing_file_exits_2_and_says_which() {
    let (code, _, stderr) = check(&["tests/fixtures/bad/no-such-file.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-file.json"), "{stderr}");
}

#[test]
fn a_missing_file_among_bad_ones_still_exits_2_and_checks_the_rest() {
    let (code, stdout, _) = check(&[
        "--format",
        "json",
        "tests/fixtures/bad/unknown-law.json",
        "nope.json",
    ]);
    assert_eq!(code, 2);
    assert!(stdout.contains("unknown-law"));
}

#[test]
fn the_documented_codes_are_the_codes() {
    let doc = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    let documented: Vec<&str> = doc.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        documented, codes,
        "docs/diagnostics.md must have one section per code, in order"
    );
    let listing: String = Code::ALL
        .iter()
        .map(|c| {
            format!(
                "{:<28} {:<8} {}\n",
                c.as_str(),
                c.default_severity().as_str(),
                c.description()
            )
        })
        .collect();
    insta::assert_snapshot!("codes", listing);
}

#[test]
fn github_and_sarif_formats_carry_positions() {
    let path = "tests/fixtures/bad/unknown-law.json";
    let (code, github, _) = check(&["--format", "github", path]);
    assert_eq!(code, 1);
    let line = github.lines().find(|l| l.starts_with("::error ")).unwrap();
    assert!(
        line.starts_with(&format!("::error file={path},line=")),
        "{line}"
    );
    assert!(line.contains("title=budapest-gap unknown-law::"), "{line}");

    let (code, sarif, _) = check(&["--format", "sarif", path]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unknown-law");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        path
    );
    assert!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            > 1
    );
}

/// The SARIF 2.1.0 schema (OASIS), as shipped in the serde-sarif 0.8.0 crate (MIT,
/// `src/schema.json`), committed verbatim.
fn sarif_validator() -> jsonschema::Validator {
    // The published schema has a stray `]` in the pattern of `run.language`, which a strict
    // validator refuses to compile; the intent (`en`, `en-US`) is restored here.
    let text = std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json"))
        .unwrap()
        .replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_for_bad_unreadable_and_oddly_named_files() {
    let dir = std::env::temp_dir().join(format!("budapest-gap-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let odd = dir.join("my profile #1 %.json");
    std::fs::copy(root().join("tests/fixtures/bad/unknown-law.json"), &odd).unwrap();
    let (code, sarif, _) = check(&[
        "--format",
        "sarif",
        "tests/fixtures/bad",
        odd.to_str().unwrap(),
        "no-such-file.json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2);
    let value: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A deliberately broken document fails the same validator: the test can fail.
    let mut broken = value.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let run = &value["runs"][0];
    let results = run["results"].as_array().unwrap();
    let unreadable = results
        .iter()
        .find(|r| r["ruleId"] == "unreadable-file")
        .expect("a result for the unreadable file");
    assert_eq!(
        unreadable["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "no-such-file.json"
    );
    let uris: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("/my%20profile%20%231%20%25.json")),
        "{uris:?}"
    );
    assert!(uris.iter().all(|u| !u.contains(' ') && !u.contains('#')));
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        if rule["id"] == "unreadable-file" {
            continue;
        }
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.ends_with(&format!(
                "diagnostics/index.html#{}",
                rule["id"].as_str().unwrap()
            )),
            "{uri}"
        );
    }
}

#[test]
fn github_annotations_cover_unreadable_files() {
    let (code, github, _) = check(&["--format", "github", "no-such-file.json"]);
    assert_eq!(code, 2);
    assert!(
        github.starts_with("::error file=no-such-file.json,title=budapest-gap unreadable file::cannot read no-such-file.json"),
        "{github}"
    );
}
