//! The README's walkthrough for legal advisers, run as a new user runs it: every
//! `budapest-gap …` line of its first shell block, in order, in a fresh folder beside the
//! shipped examples, profiles and fixtures.

use std::process::Command;

use crate::root;

#[test]
fn the_legal_adviser_walkthrough_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## For legal advisers")
        .nth(1)
        .expect("the README has a section for legal advisers");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a shell block");
    let commands: Vec<&str> = block
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("budapest-gap "))
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    let dir = std::env::temp_dir().join(format!("bg-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for shipped in ["examples", "profiles", "tests", "schema"] {
        std::os::unix::fs::symlink(root().join(shipped), dir.join(shipped)).unwrap();
    }
    for line in commands {
        // A trailing comment is the README's, not the shell's business here.
        let line = line.split("  #").next().unwrap();
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
            .current_dir(&dir)
            .args(&args)
            .output()
            .unwrap();
        // `diff` exits 0 whatever it finds; every command here must succeed.
        assert!(
            out.status.success(),
            "`{line}` exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for written in [
        "arcadia.json",
        "arcadia-review.xlsx",
        "arcadia-reviewed.json",
        "arcadia.pdf",
        "arcadia.md",
        "draft-2.pdf",
    ] {
        assert!(dir.join(written).is_file(), "{written} not written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
