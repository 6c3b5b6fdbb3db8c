//! Outputs never destroy anything: devices, FIFOs and links are written into, `-` is standard
//! output, regular files are written whole or not at all, never over an input or a file that
//! is not an earlier output of the same kind.

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::root;

/// A fresh, empty temporary folder for one test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("budapest-gap-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The names in the folder, sorted: a leftover temporary file would show here.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary in `dir` (so that a file named `-` would land there).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn profile(name: &str) -> String {
    root().join("profiles").join(name).display().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mknod(path: &Path, minor: u32) {
    // Character devices 1,3 (null) and 1,7 (full), as in /dev; the test runs as root in CI.
    let status = Command::new("mknod")
        .arg(path)
        .args(["c", "1", &minor.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "mknod failed: run the tests as root");
}

fn is_char_device(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn a_device_is_written_into_never_replaced() {
    let dir = Scratch::new("device");
    let null = dir.path("null");
    let full = dir.path("full");
    mknod(&null, 3);
    mknod(&full, 7);
    let portugal = profile("portugal.json");

    for args in [
        vec!["report", &portugal, "-o", s(&null)],
        vec!["report", &portugal, "--format", "pdf", "-o", s(&null)],
        vec!["score", &portugal, "-o", s(&null)],
        vec!["schema", "-o", s(&null)],
    ] {
        let out = run_in(&dir.0, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(is_char_device(&null), "{args:?} replaced the device");
    }

    // A device that refuses the bytes is an error, and is still a device afterwards.
    let out = run_in(&dir.0, &["report", &portugal, "-o", s(&full)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
    assert!(is_char_device(&full));
    assert_eq!(dir.names(), ["full", "null"], "no temporary file is left");
}

#[test]
fn a_fifo_is_written_into() {
    let dir = Scratch::new("fifo");
    let fifo = dir.path("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = run_in(
        &dir.0,
        &["report", &profile("portugal.json"), "-o", s(&fifo)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(
        got.starts_with("# Portugal"),
        "{}",
        &got[..got.len().min(80)]
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_link_to_standard_output_stays_a_link() {
    let dir = Scratch::new("link");
    let link = dir.path("out.md");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let out = run_in(
        &dir.0,
        &["report", &profile("portugal.json"), "-o", s(&link)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Portugal"));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    let out = run_in(
        &dir.0,
        &["score", &profile("portugal.json"), "-o", "/dev/stdout"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Illegal access"));
}

#[test]
fn dash_is_standard_output_for_every_command_that_writes() {
    let dir = Scratch::new("dash");
    let portugal = profile("portugal.json");
    let draft = root()
        .join("examples/arcadia-draft.md")
        .display()
        .to_string();
    let germany = profile("germany.json");
    let cases: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["report", &portugal, "-o", "-"], b"# Portugal"),
        (
            vec!["report", &portugal, "--format", "pdf", "-o", "-"],
            b"%PDF-",
        ),
        (vec!["draft", &draft, "-o", "-"], b"{"),
        (vec!["init", "-"], b"{"),
        (vec!["score", &portugal, "-o", "-"], b"Portugal"),
        (vec!["diff", &portugal, &germany, "-o", "-"], b"ETS No. 185"),
        (vec!["checklist", "-o", "-"], b"# ETS No. 185"),
        (vec!["schema", "-o", "-"], b"{"),
        (
            vec!["check", &portugal, "--format", "json", "-o", "-"],
            b"{",
        ),
    ];
    for (args, start) in cases {
        let out = run_in(&dir.0, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            out.stdout.starts_with(start),
            "{args:?} did not write to standard output"
        );
        assert!(
            dir.names().is_empty(),
            "{args:?} wrote a file: {:?}",
            dir.names()
        );
    }
}

#[test]
fn the_format_follows_the_extension_and_a_contradiction_is_refused() {
    let dir = Scratch::new("ext");
    let portugal = profile("portugal.json");
    let pdf = dir.path("r.pdf");
    let out = run_in(&dir.0, &["report", &portugal, "-o", s(&pdf)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let json = dir.path("s.json");
    assert_eq!(
        run_in(
            &dir.0,
            &[
                "score",
                &portugal,
                "--instrument",
                "ets-185",
                "-o",
                s(&json)
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(value["index"].is_object());

    let md = dir.path("x.pdf.md");
    assert_eq!(
        run_in(&dir.0, &["report", &portugal, "-o", s(&md)])
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read(&md).unwrap().starts_with(b"# Portugal"));

    let refused = dir.path("y.pdf");
    let out = run_in(
        &dir.0,
        &["report", &portugal, "--format", "md", "-o", s(&refused)],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("contradicts"), "{}", stderr(&out));
    assert!(!refused.exists());
    let out = run_in(&dir.0, &["schema", "-o", s(&dir.path("schema.md"))]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_input_is_never_overwritten_even_through_a_link() {
    let dir = Scratch::new("input");
    let copy = dir.path("p.json");
    std::fs::copy(root().join("profiles/portugal.json"), &copy).unwrap();
    let original = std::fs::read(&copy).unwrap();
    let hard = dir.path("hard.md");
    std::fs::hard_link(&copy, &hard).unwrap();
    let soft = dir.path("soft.md");
    std::os::unix::fs::symlink(&copy, &soft).unwrap();
    for target in [&copy, &hard, &soft] {
        for format in ["md", "pdf"] {
            let out = run_in(
                &dir.0,
                &["report", s(&copy), "--format", format, "-o", s(target)],
            );
            assert_eq!(out.status.code(), Some(2), "{target:?} {format}");
            assert!(stderr(&out).contains("input"), "{}", stderr(&out));
        }
    }
    let out = run_in(&dir.0, &["score", s(&copy), "-o", s(&copy)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&copy).unwrap(), original);
    assert_eq!(dir.names(), ["hard.md", "p.json", "soft.md"]);
}

#[test]
fn only_an_earlier_report_of_the_same_format_is_replaced() {
    let dir = Scratch::new("replace");
    let portugal = profile("portugal.json");
    // Another profile, and a draft law in Markdown: neither is a report.
    let other = dir.path("germany.json");
    std::fs::copy(root().join("profiles/germany.json"), &other).unwrap();
    let draft = dir.path("draft.md");
    std::fs::copy(root().join("examples/arcadia-draft.md"), &draft).unwrap();
    for (target, format) in [(&other, "md"), (&draft, "md"), (&other, "pdf")] {
        let before = std::fs::read(target).unwrap();
        let out = run_in(
            &dir.0,
            &["report", &portugal, "--format", format, "-o", s(target)],
        );
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        assert!(stderr(&out).contains("not overwriting"), "{}", stderr(&out));
        assert_eq!(std::fs::read(target).unwrap(), before);
    }
    // An earlier report, Markdown or PDF, is replaced; and a Markdown report is not a PDF.
    let md = dir.path("report.md");
    let pdf = dir.path("report.pdf");
    for _ in 0..2 {
        assert_eq!(
            run_in(&dir.0, &["report", &portugal, "-o", s(&md)])
                .status
                .code(),
            Some(0)
        );
        assert_eq!(
            run_in(&dir.0, &["report", &portugal, "-o", s(&pdf)])
                .status
                .code(),
            Some(0)
        );
    }
    let germany = profile("germany.json");
    assert_eq!(
        run_in(&dir.0, &["report", &germany, "-o", s(&md)])
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read(&md).unwrap().starts_with(b"# Germany"));
    let out = run_in(
        &dir.0,
        &[
            "report",
            &portugal,
            "--format",
            "pdf",
            "-o",
            s(&dir.path("report.md")),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    // Scores, too: an earlier score is replaced, a profile is not.
    let score = dir.path("score.json");
    for _ in 0..2 {
        assert_eq!(
            run_in(&dir.0, &["score", &portugal, "-o", s(&score)])
                .status
                .code(),
            Some(0)
        );
    }
    assert_eq!(
        run_in(&dir.0, &["score", &portugal, "-o", s(&other)])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        dir.names(),
        [
            "draft.md",
            "germany.json",
            "report.md",
            "report.pdf",
            "score.json"
        ]
    );
}

#[test]
fn draft_and_init_never_replace_a_file_but_write_into_a_device() {
    let dir = Scratch::new("new");
    let existing = dir.path("x.json");
    std::fs::write(&existing, "precious").unwrap();
    let draft = root()
        .join("examples/arcadia-draft.md")
        .display()
        .to_string();
    assert_eq!(
        run_in(&dir.0, &["draft", &draft, "-o", s(&existing)])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run_in(&dir.0, &["init", s(&existing)]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    let null = dir.path("null");
    mknod(&null, 3);
    assert_eq!(run_in(&dir.0, &["init", s(&null)]).status.code(), Some(0));
    assert_eq!(
        run_in(&dir.0, &["draft", &draft, "-o", s(&null)])
            .status
            .code(),
        Some(0)
    );
    assert!(is_char_device(&null));
}

#[test]
fn a_failed_run_leaves_no_output_file() {
    let dir = Scratch::new("failed");
    let bad = root()
        .join("tests/fixtures/bad/unknown-law.json")
        .display()
        .to_string();
    for format in ["md", "pdf"] {
        let target = dir.path(&format!("out.{format}"));
        let out = run_in(&dir.0, &["report", &bad, "-o", s(&target)]);
        assert_eq!(out.status.code(), Some(2));
    }
    let out = run_in(&dir.0, &["score", &bad, "-o", s(&dir.path("s.txt"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(dir.names().is_empty(), "{:?}", dir.names());
}

#[test]
fn init_and_draft_refuse_a_code_that_would_make_the_profile_invalid() {
    let dir = Scratch::new("code");
    let draft = root()
        .join("examples/arcadia-draft.md")
        .display()
        .to_string();
    for code in ["pt", "PORTUGAL", "P1"] {
        let out = run_in(&dir.0, &["init", s(&dir.path("i.json")), "--code", code]);
        assert_eq!(out.status.code(), Some(2), "{code}");
        assert!(stderr(&out).contains("--code"), "{}", stderr(&out));
        let out = run_in(
            &dir.0,
            &[
                "draft",
                &draft,
                "--code",
                code,
                "-o",
                s(&dir.path("d.json")),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{code}");
        assert!(!stderr(&out).contains("skeleton:"), "{}", stderr(&out));
    }
    let out = run_in(&dir.0, &["init", s(&dir.path("i.json")), "--code", "pt"]);
    assert!(stderr(&out).contains("--code PT"), "{}", stderr(&out));
    let out = run_in(&dir.0, &["init", "-", "--jurisdiction", "  "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(dir.names().is_empty(), "{:?}", dir.names());
    // A good code still works.
    assert_eq!(
        run_in(&dir.0, &["init", "-", "--code", "PT"]).status.code(),
        Some(0)
    );
}
