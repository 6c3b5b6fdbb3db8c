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
