//! One integration-test binary (fast to link), one module per concern.

#[cfg(all(feature = "cli", feature = "pdf"))]
mod awkward;
mod checklist;
mod checklist_law;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "cli")]
mod cli_instruments;
#[cfg(feature = "cli")]
mod compare;
mod crosswalk;
#[cfg(feature = "cli")]
mod diagnostics;
mod draft;
mod french_protocol;
mod french_titles;
#[cfg(feature = "pdf")]
mod fuzz_corpus;
mod matching;
mod methodology;
#[cfg(all(feature = "cli", feature = "pdf", unix))]
mod output;
#[cfg(all(feature = "pdf", feature = "cli"))]
mod pdf;
mod profiles;
mod protocol_profiles;
mod protocols;
#[cfg(all(feature = "cli", feature = "pdf", unix))]
mod readme;
mod report;
#[cfg(feature = "cli")]
mod review;
mod schema;

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the crate's root folder, as a user in a clone would.
#[cfg(feature = "cli")]
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The standard output of a run that must exit 0; the failure shows its standard error.
#[cfg(feature = "cli")]
pub fn success_stdout(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The shipped profiles, sorted.
pub fn shipped_profiles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("profiles"))
        .expect("profiles/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}
