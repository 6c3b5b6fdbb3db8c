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

fn replay(target: &str, check: fn(&[u8])) {
    let inputs = corpus(target);
    assert!(inputs.len() >= 5, "the {target} corpus is committed");
    for (name, data) in inputs {
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{name} fails the {target} target's checks");
        }
    }
}

#[test]
fn the_profile_corpus_passes() {
    replay("profile", checks::profile);
}

#[test]
fn the_draft_corpus_passes() {
    replay("draft", checks::draft);
}

#[test]
fn the_markdown_corpus_passes() {
    replay("markdown", checks::markdown);
}

#[test]
fn the_pdf_corpus_passes() {
    replay("pdf", checks::pdf);
}
