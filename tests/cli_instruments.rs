//! The binary on the Protocols' checklists and the UN crosswalk.

use std::process::{Command, Output};

use budapest_gap::Instrument;

use crate::root;

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
