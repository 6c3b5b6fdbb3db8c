//! The fuzzers' committed corpus (`fuzz/corpus/*`), replayed through the very checks the fuzz
//! targets make, so that every `cargo test` repeats what fuzzing established.

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

use crate::root;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fuzz/corpus").join(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Replays at most `limit` inputs: the `regression-…` inputs (crashes found and fixed) first,
/// then the fuzzer's, in name order.
fn replay(target: &str, check: fn(&[u8]), limit: usize) {
    let mut inputs = corpus(target);
    assert!(inputs.len() >= 5, "the {target} corpus is committed");
    inputs.sort_by_key(|(name, _)| !name.contains("regression-"));
    for (name, data) in inputs.into_iter().take(limit) {
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{name} fails the {target} target's checks");
        }
    }
}

#[test]
fn the_profile_corpus_passes() {
    replay("profile", checks::profile, usize::MAX);
}

#[test]
fn the_draft_corpus_passes() {
    replay("draft", checks::draft, 60);
}

#[test]
fn the_markdown_corpus_passes() {
    replay("markdown", checks::markdown, 150);
}

#[test]
fn the_layout_corpus_passes() {
    replay("layout", checks::layout, 60);
}

#[test]
fn the_pdf_corpus_passes() {
    // Drafts, reports and PDFs take a while in a debug build: a sample of those corpora.
    replay("pdf", checks::pdf, 30);
}
