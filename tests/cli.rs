//! The binary as a user runs it: exit codes, outputs, files.

use std::process::Output;

use crate::{root, run, shipped_profiles};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_accepts_every_shipped_profile() {
    let mut args = vec!["check".to_string()];
    args.extend(
        shipped_profiles()
            .iter()
            .map(|p| p.strip_prefix(root()).unwrap().display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn score_prints_ratings_and_honours_fail_under() {
    let out = run(&["score", "profiles/portugal.json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("Portugal — ETS No. 185 – Convention on Cybercrime"),
        "{text}"
    );
    assert!(text.contains("Illegal access"));

    let json = run(&[
        "score",
        "profiles/portugal.json",
        "--format",
        "json",
        "--instrument",
        "ets-185",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let index = value["index"]["score"].as_f64().unwrap();
    assert_eq!(value["articles"].as_array().unwrap().len(), 34);

    let pass = format!("{}", (index - 1.0).max(0.0));
    assert_eq!(
        run(&[
            "score",
            "profiles/portugal.json",
            "--instrument",
            "ets-185",
            "--fail-under",
            &pass
        ])
        .status
        .code(),
        Some(0)
    );
    let fail = format!("{}", (index + 0.05).min(100.0));
    if index < 100.0 {
        let out = run(&[
            "score",
            "profiles/portugal.json",
            "--instrument",
            "ets-185",
            "--fail-under",
            &fail,
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("under --fail-under"));
    }
    assert_eq!(
        run(&["score", "profiles/portugal.json", "--fail-under", "101"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn score_markdown_is_a_table_per_article() {
    let out = run(&["score", "profiles/germany.json", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ")
                && l.split(" | ")
                    .nth(1)
                    .is_some_and(|t| budapest_gap::Instrument::ets_185()
                        .articles()
                        .any(|a| a.title == t)))
            .count(),
        34
    );
}

#[test]
fn score_refuses_an_invalid_profile_with_exit_2() {
    let out = run(&["score", "tests/fixtures/bad/unknown-law.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown-law") && err.contains("budapest-gap check"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn checklist_lists_all_articles_and_permissions() {
    let out = run(&["checklist", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    for a in budapest_gap::Instrument::ets_185().articles() {
        assert!(
            md.contains(&format!("#### Article {} – {}", a.number, a.title)),
            "Article {}",
            a.number
        );
    }
    assert!(md.contains("| reservation | Article 6, paragraph 3 | Article 42 |"));
    assert!(md.contains("| declaration | Article 2 | Article 40 |"));

    let json = run(&["checklist", "--format", "json"]);
    let back = budapest_gap::Instrument::from_json(&stdout(&json)).unwrap();
    assert_eq!(&back, budapest_gap::Instrument::ets_185());
    assert_eq!(
        run(&["checklist", "--instrument", "ets-999"]).status.code(),
        Some(2)
    );
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = run(&["schema", "profile"]);
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(root().join("schema/profile.schema.json")).unwrap()
    );
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("budapest-gap-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("starter.json");
    let _ = std::fs::remove_file(&path);
    let p = path.to_str().unwrap();
    let out = run(&["init", p, "--jurisdiction", "Ruritania", "--draft"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(run(&["check", p]).status.code(), Some(0));
    let score = run(&["score", p, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    // Every article is not assessed, except Article 32, which only permits and is never rated.
    assert_eq!(value["index"]["counts"]["not-assessed"], 33);
    assert_eq!(value["index"]["counts"]["NA"], 1);
    assert_eq!(value["index"]["assessed"], 1);
    assert_eq!(value["index"]["headline"], serde_json::Value::Null);

    std::fs::write(&path, "precious").unwrap();
    let again = run(&["init", p]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
    assert!(
        std::fs::read_dir(&dir).unwrap().count() == 1,
        "no temporary file is left behind"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["score"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&["check", "profiles/portugal.json", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_directory_stands_for_its_json_files() {
    let out = run(&["check", "profiles"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = shipped_profiles().len();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("checked {n} file(s)")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["check", "tests/fixtures/bad", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["files"].as_array().unwrap().len() > 20);
    let out = run(&[
        "score",
        "profiles",
        "--format",
        "json",
        "--instrument",
        "ets-185",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), n);
}

#[test]
fn score_takes_several_files_and_fails_under_per_file() {
    let json = |p: &str| -> f64 {
        let v: serde_json::Value = serde_json::from_slice(
            &run(&["score", p, "--format", "json", "--instrument", "ets-185"]).stdout,
        )
        .unwrap();
        v["index"]["score"].as_f64().unwrap_or(0.0)
    };
    let (pt, de) = (
        json("profiles/portugal.json"),
        json("profiles/germany.json"),
    );
    let (low, high) = if pt < de {
        ("profiles/portugal.json", "profiles/germany.json")
    } else {
        ("profiles/germany.json", "profiles/portugal.json")
    };
    let between = format!("{:.2}", (pt + de) / 2.0);
    assert_ne!(pt, de, "the test needs two profiles with different indexes");
    let out = run(&[
        "score",
        low,
        high,
        "--instrument",
        "ets-185",
        "--fail-under",
        &between,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(low) && !err.contains(high), "{err}");
    let text = stdout(&out);
    assert!(
        text.contains("Portugal") && text.contains("Germany"),
        "{text}"
    );
    let out = run(&["score", low, high, "--fail-under", "0"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn colour_follows_the_stream_written() {
    let bad = "tests/fixtures/bad/unknown-law.json";
    // Standard output is a pipe here: no colour by default, even if standard error were a terminal.
    let out = run(&["check", bad]);
    assert!(!out.stdout.contains(&0x1b));
    let out = run(&["check", bad, "--color", "always"]);
    assert!(out.stdout.contains(&0x1b));
    let dir = std::env::temp_dir().join(format!("budapest-gap-colour-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("check.txt");
    let out = run(&["check", bad, "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let written = std::fs::read(&file).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!written.contains(&0x1b) && written.starts_with(b"error[unknown-law]"));
}

#[test]
fn quiet_prints_only_errors() {
    // The Ruritania draft has a warning; report writes notes.
    let out = run(&["check", "--quiet", "profiles/ruritania-draft.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "{}",
        stdout(&out)
    );
    let loud = run(&["check", "profiles/ruritania-draft.json"]);
    assert!(stdout(&loud).contains("warning["));
    let out = run(&["score", "-q", "profiles/ruritania-draft.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["check", "-q", "tests/fixtures/bad/unknown-law.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[unknown-law]"));
}

#[test]
fn every_help_states_the_exit_codes() {
    for command in [
        "check",
        "score",
        "report",
        "draft",
        "diff",
        "checklist",
        "schema",
        "init",
    ] {
        let out = run(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        assert!(help.contains("Exit status: 0"), "{command}: {help}");
    }
    assert!(stdout(&run(&["--help"])).contains("Exit status: 0"));
}

#[test]
fn text_output_fits_80_columns_and_follows_columns() {
    let too_long = |text: &str, width: usize| -> Vec<String> {
        text.lines()
            .filter(|l| l.chars().count() > width)
            .map(str::to_string)
            .collect()
    };
    for path in crate::shipped_profiles() {
        let out = run(&["score", path.to_str().unwrap()]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Art."), "{}", path.display());
        let long = too_long(&text, 80);
        assert!(long.is_empty(), "{}: {long:#?}", path.display());
    }
    let diff = run(&[
        "diff",
        "profiles/ruritania-draft.json",
        "tests/fixtures/ruritania-draft-2.json",
    ]);
    let text = String::from_utf8(diff.stdout).unwrap();
    assert!(text.contains("article(s) changed"));
    assert!(too_long(&text, 80).is_empty(), "{:#?}", too_long(&text, 80));

    let wide = std::process::Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(crate::root())
        .env("COLUMNS", "120")
        .args(["score", "profiles/germany.json"])
        .output()
        .unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    assert!(too_long(&wide, 120).is_empty());
    assert!(
        wide.lines().any(|l| l.chars().count() > 80),
        "COLUMNS=120 is used"
    );
}

#[test]
fn score_colours_its_ratings_only_when_asked_or_on_a_terminal() {
    let coloured = run(&["score", "profiles/germany.json", "--color", "always"]);
    let text = String::from_utf8(coloured.stdout).unwrap();
    assert!(text.contains("\x1b[1;32mC "), "C in green");
    // Redirected output (not a terminal) has no escape by default, and the columns are the same.
    let plain = String::from_utf8(run(&["score", "profiles/germany.json"]).stdout).unwrap();
    assert!(!plain.contains('\x1b'));
    let strip = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(strip(&text), plain);
}

#[test]
fn report_lang_accepts_en_and_fr_and_names_the_choices_otherwise() {
    let profile = root().join("profiles/portugal.json");
    let p = profile.to_str().unwrap();
    let fr = run(&["report", p, "--lang", "fr"]);
    assert_eq!(fr.status.code(), Some(0));
    assert!(stdout(&fr).contains("### Article 2 – Accès illégal"));
    let en = run(&["report", p, "--lang", "en"]);
    assert_eq!(stdout(&en), stdout(&run(&["report", p])));
    let de = run(&["report", p, "--lang", "de"]);
    assert_eq!(de.status.code(), Some(2));
    let err = String::from_utf8_lossy(&de.stderr);
    assert!(err.contains("unknown report language `de`"), "{err}");
    assert!(err.contains("`en`") && err.contains("`fr`"), "{err}");
    assert!(de.stdout.is_empty());
}
