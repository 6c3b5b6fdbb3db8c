//! Awkward inputs a careful user or an adversary gives: each is answered by a located
//! diagnostic, or works.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use budapest_gap::instrument::PermissionKind;
use budapest_gap::profile::{MAX_DIAGNOSTICS, MAX_PROFILE_BYTES};
use budapest_gap::{Code, Instrument, Profile};
use serde_json::{Value, json};

use crate::root;

fn base() -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/bad/unknown-law.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["provisions"][0]["law"] = "cca".into();
    v
}

fn codes(text: &str) -> Vec<Code> {
    Profile::check("x.json", text)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

#[test]
fn the_base_profile_is_valid() {
    let checked = Profile::check("x.json", &base().to_string());
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
}

#[test]
fn line_breaks_of_every_kind_are_read_as_line_breaks_and_the_pdf_renders() {
    let mut v = base();
    v["provisions"][0]["heading"] = "Illegal\r\naccess\u{85}to systems".into();
    v["provisions"][0]["summary"] = "Access\rwithout\u{b}right\u{c}is an offence\u{2028}.".into();
    v["provisions"][0]["text"] = "(1) Whoever\r\n(2) Whoever".into();
    v["document"]["note"] = "A note\r\nwith CRLF.".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let checked = Profile::check("crlf.json", &text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let profile = checked.into_profile().unwrap();
    assert_eq!(
        profile.provisions[0].heading.as_deref(),
        Some("Illegal\naccess\nto systems")
    );
    assert!(
        !profile.provisions[0]
            .summary
            .contains(['\r', '\u{b}', '\u{c}', '\u{2028}'])
    );

    let dir = std::env::temp_dir().join(format!("budapest-gap-crlf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("crlf.json");
    std::fs::write(&input, &text).unwrap();
    let pdf = dir.join("crlf.pdf");
    let out = run(
        &[
            "report",
            input.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ],
        b"",
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn terminal_escapes_in_a_profile_are_never_echoed_raw() {
    // An unknown key and a summary that would retitle the terminal and ring its bell.
    let mut v = base();
    v["\u{1b}]0;pwned\u{7}"] = 1.into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let raw = text
        .replace("\\u001b", "\u{1b}")
        .replace("\\u0007", "\u{7}");
    let mut v2 = base();
    v2["provisions"][0]["summary"] = "x\u{1b}[2J\u{9b}31m".into();
    for (text, code) in [
        (text.clone(), "unknown-key"),
        (raw, "json-syntax"),
        (
            serde_json::to_string_pretty(&v2).unwrap(),
            "control-character",
        ),
    ] {
        for format in ["human", "github", "json", "sarif"] {
            let out = run(
                &["check", "--format", format, "--color", "never", "-"],
                text.as_bytes(),
            );
            assert_eq!(out.status.code(), Some(1), "{format}");
            let shown = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
            assert!(
                !shown.contains(&0x1b) && !shown.contains(&0x07),
                "{format}: {}",
                String::from_utf8_lossy(&shown)
            );
            assert!(
                !String::from_utf8_lossy(&shown).contains('\u{9b}'),
                "{format}"
            );
            assert!(String::from_utf8_lossy(&shown).contains(code), "{format}");
        }
    }
}

#[test]
fn a_nul_is_named_and_shown() {
    let text = base()
        .to_string()
        .replace("Fixtureland: test", "Fixtureland:\u{0} test");
    let out = run(&["check", "--color", "never", "-"], text.as_bytes());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("NUL character (U+0000)"), "{stdout}");
    assert!(!out.stdout.contains(&0), "the NUL is not printed");
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let checked = Profile::check("bom.json", "\u{feff}{\"format\": 1, \"jurisdictoin\": {}}");
    let d = &checked.diagnostics[0];
    assert_eq!(d.code, Code::UnknownKey);
    assert_eq!((d.line, d.column), (1, 15));
}

#[test]
fn json_hints_are_true_for_the_case_they_fire_on() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "{\"format\": 1, // version\n}",
            "JSON has no comments",
            "remove the comment",
        ),
        (
            "{\"format\": 01}",
            "leading zeros",
            "remove the leading zeros",
        ),
        ("{\"format\": 0x1}", "hexadecimal", "decimal"),
        ("{\"a\": \"x\ty\"}", "a tab inside a string", "\\t"),
        ("{\"a\": \"x\ny\"}", "a line break inside a string", "\\n"),
        (
            "{\"a\": [1, 2",
            "the file ends inside the array",
            "cut short",
        ),
        (
            "{\"a\": {\"b\": 1",
            "the file ends inside the object",
            "cut short",
        ),
        (
            "{\"a\": \"abc",
            "the file ends before its closing",
            "cut short",
        ),
    ];
    for (text, message, hint) in cases {
        let checked = Profile::check("x.json", text);
        let d = &checked.diagnostics[0];
        assert_eq!(d.code, Code::JsonSyntax, "{text}");
        assert!(d.message.contains(message), "{text}: {}", d.message);
        let h = d.hint.as_deref().unwrap_or("");
        assert!(h.contains(hint), "{text}: {h}");
        assert!(
            !h.contains("comma") && !h.contains("quoting"),
            "{text}: {h}"
        );
    }
    // A comma really missing still says so.
    let d = &Profile::check("x.json", "{\"a\": 1 \"b\": 2}").diagnostics[0];
    assert_eq!(
        d.hint.as_deref(),
        Some("a comma is missing between two members")
    );
}

#[test]
fn numbers_out_of_range_say_the_range_not_the_type_name() {
    for (n, found) in [("-1", "found -1"), ("70000", "found 70000")] {
        let text = base().to_string().replacen(
            "\"signed\"",
            &format!("\"reservations\": [{{\"article\": {n}, \"status\": \"made\"}}], \"signed\""),
            1,
        );
        let d = &Profile::check("x.json", &text).diagnostics[0];
        assert_eq!(d.code, Code::InvalidValue);
        assert!(
            d.message.contains("from 0 to 65535") && d.message.contains(found),
            "{}",
            d.message
        );
        assert!(!d.message.contains("integer"), "{}", d.message);
    }
}

#[test]
fn article_hints_point_somewhere_useful() {
    for (key, hint) in [
        ("art-49", "articles 1 to 48"),
        ("art-0", "articles 1 to 48"),
        ("article-two", "keyed `art-1`"),
    ] {
        let mut v = base();
        v["assessment"]["ets-185"][key] = json!({ "status": "not-met" });
        let checked = Profile::check("x.json", &v.to_string());
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownArticle)
            .unwrap();
        let h = d.hint.as_deref().unwrap();
        assert!(h.contains(hint), "{key}: {h}");
        assert!(!h.contains("did you mean"), "{key}: {h}");
    }
    // `art-2` spelt `article-2` is recognised as Article 2.
    let mut v = base();
    v["assessment"]["ets-185"]["article-3"] = json!({ "status": "not-met" });
    let checked = Profile::check("x.json", &v.to_string());
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InvalidArticleKey
                && d.hint.as_deref() == Some("rename the key to `art-3`"))
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_invalid_profile_with_a_position() {
    let text = base()
        .to_string()
        .replace("Fixtureland: test profile", "Fixtureland: S\u{e3}o");
    let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let out = run(&["check", "--format", "json", "-"], &latin1);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &report["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "invalid-encoding");
    assert_eq!(d["line"], 1);
    assert!(d["message"].as_str().unwrap().contains("Latin-1"));
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let checked = Profile::check_bytes("utf16.json", &utf16);
    assert_eq!(checked.diagnostics[0].code, Code::InvalidEncoding);
    assert!(checked.diagnostics[0].message.contains("UTF-16"));
}

#[test]
fn a_profile_over_the_size_limit_is_refused_quickly() {
    let mut big = base().to_string().into_bytes();
    big.pop();
    big.extend(b", \"x\": \"");
    big.resize(MAX_PROFILE_BYTES + 10, b'a');
    big.extend(b"\"}");
    let started = std::time::Instant::now();
    let out = run(&["check", "--format", "json", "-"], &big);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["files"][0]["diagnostics"][0]["code"],
        "file-too-large"
    );
    assert!(out.stdout.len() < 2_000);
    eprintln!("refused in {:?}", started.elapsed());
}

#[test]
fn diagnostics_are_capped_with_a_summary_and_long_lines_are_not_quoted() {
    let mut v = base();
    for i in 0..1000 {
        v[format!("extra-{i}")] = 1.into();
    }
    // One line of about 60 kB.
    let text = v.to_string();
    let checked = Profile::check("many.json", &text);
    assert_eq!(checked.diagnostics.len(), MAX_DIAGNOSTICS + 1);
    let last = checked.diagnostics.last().unwrap();
    assert_eq!(last.code, Code::TooManyDiagnostics);
    assert!(last.message.starts_with("800 more"), "{}", last.message);
    assert!(checked.has_errors());
    let out = run(&["check", "--color", "never", "-"], text.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.len() < 100 * 1024, "{} bytes", out.stdout.len());
}

/// One change to a profile.
type Change = Box<dyn Fn(&mut Value)>;

#[test]
fn accepted_although_wrong_cases_are_errors() {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base();
        f(&mut v);
        codes(&v.to_string())
    };
    let cases: Vec<(Code, Change)> = vec![
        (
            Code::InvalidArticleKey,
            Box::new(|v| {
                v["assessment"]["ets-185"]["art-02"] =
                    json!({"status": "met", "provisions": ["cca-1"]})
            }),
        ),
        (
            Code::InvalidArticleKey,
            Box::new(|v| v["assessment"]["ets-185"]["art-03"] = json!({"status": "not-met"})),
        ),
        (
            Code::InvalidArticleKey,
            Box::new(|v| v["assessment"]["ets-185"]["art-+4"] = json!({"status": "not-met"})),
        ),
        (
            Code::DuplicateChoice,
            Box::new(|v| {
                v["instruments"]["ets-185"]["declarations"] =
                    json!([{"article": 2, "status": "made"}, {"article": 2, "status": "made"}])
            }),
        ),
        (
            Code::ChoiceWithoutSignature,
            Box::new(|v| {
                v["instruments"]["ets-185"] =
                    json!({"reservations": [{"article": 6, "paragraph": "3", "status": "made"}]})
            }),
        ),
        (
            Code::EmptyText,
            Box::new(|v| v["laws"][0]["id"] = "".into()),
        ),
        (
            Code::EmptyText,
            Box::new(|v| v["jurisdiction"]["name"] = " \t ".into()),
        ),
        (
            Code::EmptyText,
            Box::new(|v| v["jurisdiction"]["name"] = "".into()),
        ),
        (
            Code::InvalidDate,
            Box::new(|v| v["document"]["as_of"] = "0000-01-01".into()),
        ),
        (
            Code::InvalidValue,
            Box::new(|v| {
                v["assessment"]["ets-185"]["art-2"]["suggestions"] =
                    json!([{"provision": "cca-1", "confidence": "weak", "score": -1.0}])
            }),
        ),
        (
            Code::InvalidValue,
            Box::new(|v| {
                v["assessment"]["ets-185"]["art-2"]["suggestions"] =
                    json!([{"provision": "cca-1", "confidence": "weak", "score": 1e12}])
            }),
        ),
        (
            Code::DuplicateCitation,
            Box::new(|v| {
                v["assessment"]["ets-185"]["art-2"]["provisions"] = json!(["cca-1", "cca-1"])
            }),
        ),
        (
            Code::InvalidUrl,
            Box::new(|v| v["laws"][0]["url"] = "javascript:alert(1)".into()),
        ),
        (
            Code::InvalidUrl,
            Box::new(|v| v["laws"][0]["url"] = "DATA:text/html,x".into()),
        ),
        (
            Code::InvalidUrl,
            Box::new(|v| v["laws"][0]["url"] = "https://x.org/a|b".into()),
        ),
        (
            Code::InvalidUrl,
            Box::new(|v| v["laws"][0]["url"] = "https://x.org/a\n| b | c |".into()),
        ),
        (
            Code::InvalidUrl,
            Box::new(|v| v["laws"][0]["url"] = "https://".into()),
        ),
    ];
    for (code, change) in cases {
        let found = with(&*change);
        assert!(found.contains(&code), "{code}: {found:?}");
    }
    // A good URL, a planned reservation without signature, and a signatory's reservation pass.
    let ok = with(&|v| {
        v["laws"][0]["url"] = "https://dre.pt/a?b=1#c".into();
        v["instruments"]["ets-185"] = json!({"signed": "2005-03-01", "reservations": [{"article": 6, "paragraph": "3", "status": "made"}]});
    });
    assert!(
        !ok.iter()
            .any(|c| c.default_severity() == budapest_gap::DiagnosticSeverity::Error),
        "{ok:?}"
    );
}

#[test]
fn the_treaty_office_citation_forms_are_accepted_and_mapped() {
    let ets = Instrument::ets_185();
    let ids = |kinds: &[PermissionKind], article, paragraph| -> Vec<String> {
        ets.permissions_cited(kinds, article, paragraph)
            .iter()
            .map(|p| p.id.clone())
            .collect()
    };
    let declarations = [PermissionKind::Declaration, PermissionKind::Designation];
    assert_eq!(
        ids(&[PermissionKind::Reservation], 14, Some("3")),
        ["res-14-3-a", "res-14-3-b"]
    );
    assert_eq!(ids(&declarations, 24, None), ["desig-24-7-a"]);
    assert_eq!(ids(&declarations, 27, None), ["desig-27-2-c"]);
    assert_eq!(ids(&declarations, 35, None), ["desig-35-1"]);
    assert_eq!(ids(&declarations, 27, Some("2.a")), ["desig-27-2-c"]);
    assert_eq!(ids(&declarations, 27, Some("9.e")), ["decl-27-9-e"]);
    assert!(ids(&declarations, 27, Some("5")).is_empty());
    assert!(ids(&[PermissionKind::Reservation], 14, Some("2")).is_empty());

    let mut v = base();
    v["instruments"]["ets-185"]["reservations"] =
        json!([{"article": 14, "paragraph": "3", "status": "made"}]);
    v["instruments"]["ets-185"]["declarations"] = json!([
        {"article": 24, "status": "made"},
        {"article": 27, "paragraph": "2.a", "status": "made"},
        {"article": 35, "status": "made"}
    ]);
    let checked = Profile::check("x.json", &v.to_string());
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    // Article 27 cited twice, once by the imposing paragraph: the same designation.
    v["instruments"]["ets-185"]["declarations"][1] = json!({"article": 27, "status": "made"});
    v["instruments"]["ets-185"]["declarations"][2] =
        json!({"article": 27, "paragraph": "2.a", "status": "made"});
    assert!(codes(&v.to_string()).contains(&Code::DuplicateChoice));
}

#[test]
fn standard_input_works_for_check_score_and_report() {
    let text = std::fs::read(root().join("profiles/portugal.json")).unwrap();
    let out = run(&["check", "-"], &text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        &["score", "-", "--format", "json", "--instrument", "ets-185"],
        &text,
    );
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["index"].is_object());
    let out = run(&["report", "-"], &text);
    assert!(out.stdout.starts_with(b"# Portugal"));
    let out = run(&["report", "-", "--format", "pdf"], &text);
    assert_eq!(out.status.code(), Some(2), "a PDF of stdin needs -o");
    let out = run(&["report", "-", "--format", "pdf", "-o", "-"], &text);
    assert!(out.stdout.starts_with(b"%PDF-"));
    let bad = std::fs::read(root().join("tests/fixtures/bad/unknown-law.json")).unwrap();
    let out = run(&["check", "-", "--format", "json"], &bad);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["file"], "<stdin>");
    assert_eq!(run(&["check", "-", "-"], &text).status.code(), Some(2));
}

#[test]
fn a_draft_with_a_control_character_is_refused_with_its_place_and_crlf_works() {
    // Found by the `draft` fuzz target: a backspace in a draft made a skeleton that `check`
    // rejects.
    let draft = std::fs::read_to_string(root().join("examples/arcadia-draft.md")).unwrap();
    let bad = draft.replacen("Republic", "Repub\u{8}lic", 1);
    let out = run(&["draft", "-"], bad.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>:1:8:") && err.contains("U+0008"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let crlf = draft.replace('\n', "\r\n");
    let out = run(&["draft", "-"], crlf.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let skeleton = String::from_utf8(out.stdout).unwrap();
    assert!(!Profile::check("s.json", &skeleton).has_errors());
    assert!(!skeleton.contains("\\r"));
}

#[test]
fn the_terminal_output_agrees_with_the_json_on_a_file_with_a_byte_order_mark() {
    let text = format!(
        "\u{feff}{}",
        base()
            .to_string()
            .replacen("\"format\":1", "\"format\":1,\"jurisdictoin\":{}", 1)
    );
    let out = run(&["check", "--color", "never", "-"], text.as_bytes());
    let human = String::from_utf8_lossy(&out.stdout);
    let d = &Profile::check("<stdin>", &text).diagnostics[0];
    assert_eq!(d.code, Code::UnknownKey);
    assert!(
        human.contains(&format!("<stdin>:{}:{}", d.line, d.column)),
        "{}:{} in {human}",
        d.line,
        d.column
    );
    assert!(!human.contains('\u{feff}'));
}

#[test]
fn structural_mistakes_say_what_was_found_where_and_how_to_fix_it() {
    // (JSON pointer, the value put there, code, message, hint, the text the span covers)
    type Case<'a> = (&'a str, Value, Code, &'a str, Option<&'a str>, &'a str);
    let cases: &[Case] = &[
        (
            "/jurisdiction/name",
            Value::Null,
            Code::WrongType,
            "expected a string, found null",
            None,
            "null",
        ),
        (
            "/jurisdiction",
            json!("Fuzzland"),
            Code::WrongType,
            "expected an object, found the string \"Fuzzland\"",
            None,
            "\"Fuzzland\"",
        ),
        (
            "/laws/0/status",
            json!(3),
            Code::WrongType,
            "expected one of `in-force`, `draft`, `repealed`, found 3",
            None,
            "3",
        ),
        (
            "/document/kind",
            json!("drafts"),
            Code::InvalidValue,
            "`drafts` is not an allowed value here",
            Some("did you mean `draft`?"),
            "\"drafts\"",
        ),
        (
            "/provisions/0/official_translation",
            json!("true"),
            Code::WrongType,
            "expected true or false, found the string \"true\"",
            Some("write true or false without quotes"),
            "\"true\"",
        ),
        (
            "/instruments/ets-185/declarations",
            json!([{ "article": "27", "status": "made" }]),
            Code::WrongType,
            "expected a whole number from 0 to 65535, found the string \"27\"",
            Some("write the number without quotes"),
            "\"27\"",
        ),
        (
            "/assessment/ets-185/art-2/provisions",
            json!("cca-1"),
            Code::WrongType,
            "expected an array, found the string \"cca-1\"",
            Some("put the text in an array: [\"…\"]"),
            "\"cca-1\"",
        ),
    ];
    for (pointer, value, code, message, hint, at) in cases {
        let mut profile = base();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        profile.pointer_mut(parent).unwrap()[key] = value.clone();
        let text = serde_json::to_string_pretty(&profile).unwrap();
        let checked = Profile::check("x.json", &text);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .unwrap_or_else(|| panic!("{pointer}: no error"));
        assert_eq!(
            (d.code, d.message.as_str(), d.hint.as_deref()),
            (*code, *message, *hint),
            "{pointer}"
        );
        // The span is the offending value's.
        assert_eq!(&text[d.span.0..d.span.1], *at, "{pointer}");
    }
}
