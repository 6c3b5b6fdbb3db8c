//! The binary on the Protocols' checklists and the UN crosswalk.

use std::process::{Command, Output};

use budapest_gap::Instrument;

use crate::{root, shipped_profiles};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn checklist_prints_every_title_and_permission_of_each_protocol() {
    for (id, articles) in [("ets-189", 16), ("cets-224", 25)] {
        let instrument = Instrument::by_id(id).unwrap();
        let md = stdout(&run(&["checklist", "--instrument", id, "--format", "md"]));
        assert!(
            md.starts_with(&format!("# {} – ", instrument.number)),
            "{id}"
        );
        assert_eq!(instrument.articles().count(), articles);
        for a in instrument.articles() {
            let heading = format!("#### Article {} – {}", a.number, a.title);
            assert!(md.contains(&heading), "{id}: {heading}");
        }
        for p in &instrument.permissions {
            let row = format!("| {} | {}", p.kind.as_str(), p.provision());
            assert!(md.contains(&row), "{id}: {row}");
        }
        let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
            "checklist",
            "--instrument",
            id,
            "--format",
            "json",
        ])))
        .unwrap();
        assert_eq!(json["id"], id);
    }
    let md = stdout(&run(&["checklist", "--instrument", "cets-224"]));
    assert!(md.contains("*Not verified against the official text.*"));
    let md = stdout(&run(&["checklist", "--instrument", "ets-189"]));
    assert!(
        md.contains(
            "| reservation | Article 12, paragraph 2 (`ets-185` Article 22, paragraph 2) |"
        )
    );
    assert!(md.contains("Carries over (`extends-scope`) Articles 14, 15"));
    let unknown = run(&["checklist", "--instrument", "ets-190"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ets-185, ets-189, cets-224"));
}

#[test]
fn crosswalk_runs_on_every_shipped_profile_in_every_format() {
    use budapest_gap::instrument::Crosswalk;
    let walk = Crosswalk::uncc();
    for path in shipped_profiles() {
        let file = path.strip_prefix(root()).unwrap().display().to_string();
        let text = stdout(&run(&["crosswalk", &file, "--to", "uncc"]));
        assert!(text.starts_with("UN Convention against Cybercrime: what the ETS No. 185"));
        assert!(
            text.lines().all(|l| l.chars().count() <= 80),
            "{file}: a line over 80 columns"
        );
        for e in &walk.entries {
            assert!(
                text.contains(&format!("Art. {:<3} ", e.article)),
                "{file}: UN Article {}",
                e.article
            );
        }
        let md = stdout(&run(&[
            "crosswalk",
            &file,
            "--to",
            "uncc",
            "--format",
            "md",
        ]));
        for e in &walk.entries {
            let row = format!(
                "| {} | {} | {} |",
                e.article,
                e.title,
                e.relationship.as_str()
            );
            assert!(md.contains(&row), "{file}: {row}");
        }
        let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
            "crosswalk",
            &file,
            "--to",
            "uncc",
            "--format",
            "json",
        ])))
        .unwrap();
        assert_eq!(json["crosswalk"], "uncc-ets-185");
        assert_eq!(
            json["articles"].as_array().unwrap().len(),
            walk.entries.len()
        );
    }
    let bad = run(&["crosswalk", "profiles/portugal.json", "--to", "budapest"]);
    assert_eq!(bad.status.code(), Some(2));
    let missing = run(&["crosswalk", "profiles/portugal.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let absent = run(&["crosswalk", "profiles/no-such.json", "--to", "uncc"]);
    assert_eq!(absent.status.code(), Some(2));
    assert!(stdout(&run(&["crosswalk", "--help"])).contains("Exit status: 0"));
}
