//! The binary on the Protocols' checklists and the UN crosswalk.

use budapest_gap::Instrument;

use crate::{root, run, shipped_profiles, success_stdout as stdout};

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
    assert!(md.contains(
        "Carries over (`extends-scope`) Articles 14–21 of `ets-185`, deciding `art-8.procedural-powers`."
    ));
    assert!(md.contains(
        "Carries over (`extends-scope`) Articles 23–35 of `ets-185`, deciding `art-8.international-co-operation`."
    ));
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

/// Germany's profile with an ETS 189 status and an assessment of the Protocol's Article 3,
/// written to a temporary folder.
fn with_protocol(dir: &std::path::Path) -> std::path::PathBuf {
    let mut p: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("profiles/germany.json")).unwrap(),
    )
    .unwrap();
    p["instruments"]["ets-189"] = serde_json::json!({});
    p["assessment"]["ets-189"] = serde_json::json!({
        "art-3": { "provisions": ["de-stgb-202a"], "status": "met" }
    });
    let path = dir.join("with-protocol.json");
    std::fs::write(&path, serde_json::to_string_pretty(&p).unwrap()).unwrap();
    path
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bg-instruments-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn score_and_diff_cover_every_instrument_a_profile_assesses_unless_told_which() {
    let dir = temp("score");
    let path = with_protocol(&dir);
    let p = path.to_str().unwrap();
    let both = stdout(&run(&["-q", "score", p, "--format", "json"]));
    let both: serde_json::Value = serde_json::from_str(&both).unwrap();
    let ids: Vec<&str> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["instrument"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ets-185", "ets-189"]);
    let one: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "-q",
        "score",
        p,
        "--instrument",
        "ets-189",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(one["instrument"], "ets-189");
    // --fail-under applies to each: the Protocol's index is withheld (coverage), so exit 1.
    assert_eq!(
        run(&["-q", "score", p, "--fail-under", "50"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&[
            "-q",
            "score",
            p,
            "--fail-under",
            "50",
            "--instrument",
            "ets-185"
        ])
        .status
        .code(),
        Some(0)
    );
    let diff: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "-q",
        "diff",
        "profiles/germany.json",
        p,
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(
        diff.as_array().map(Vec::len),
        Some(2),
        "one diff per instrument"
    );
    // A profile assessing the Convention alone scores as it always did.
    let alone: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "-q",
        "score",
        "profiles/georgia.json",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(alone["instrument"], "ets-185");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_lists_a_protocol_beside_the_convention_and_report_takes_an_instrument() {
    let dir = temp("init");
    let path = dir.join("new.json");
    let _ = std::fs::remove_file(&path);
    let o = run(&[
        "-q",
        "init",
        path.to_str().unwrap(),
        "--instrument",
        "ets-189",
        "--jurisdiction",
        "Testland",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let keys: Vec<&String> = p["assessment"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["ets-185", "ets-189"]);
    let scored = Instrument::ets_189()
        .articles()
        .filter(|a| a.scored)
        .count();
    assert_eq!(
        p["assessment"]["ets-189"].as_object().unwrap().len(),
        scored
    );
    // Article 8 starts carried over from the Convention's assessment (ETS 189 Article 8(2)).
    assert_eq!(p["assessment"]["ets-189"]["art-8"]["carried_over"], true);
    assert!(p["assessment"]["ets-189"]["art-8"].get("status").is_none());
    assert_eq!(
        run(&["-q", "check", path.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let protocol = with_protocol(&dir);
    let md = stdout(&run(&[
        "-q",
        "report",
        protocol.to_str().unwrap(),
        "--instrument",
        "ets-189",
    ]));
    assert!(
        md.contains("Dissemination of racist and xenophobic material"),
        "{md:.400}"
    );
    // Without --instrument the Protocol is a part of the Convention's report.
    let md = stdout(&run(&["-q", "report", protocol.to_str().unwrap()]));
    assert!(md.starts_with("# Germany"), "{md:.100}");
    assert!(md.contains("\n## Part – ETS No. 189"), "no Protocol part");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check --instrument` reports what concerns the chosen instruments (and the file as a
/// whole), so a pipeline can hold the Convention part to the rules while the Protocol part is
/// still being drafted; without it every instrument counts.
#[test]
fn check_with_an_instrument_leaves_out_the_other_instruments_problems() {
    let dir = std::env::temp_dir().join(format!(
        "budapest-gap-check-instrument-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("germany.json");
    let mut json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("profiles/germany.json")).unwrap(),
    )
    .unwrap();
    // A reservation ETS 189 does not permit (Article 4 allows none).
    json["instruments"]["ets-189"]["reservations"] =
        serde_json::json!([{ "article": 4, "status": "made" }]);
    std::fs::write(&path, json.to_string()).unwrap();
    let file = path.to_str().unwrap();
    let code = |extra: &[&str]| {
        let mut args = vec!["check", file];
        args.extend_from_slice(extra);
        let o = run(&args);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (all, text) = code(&[]);
    assert_eq!(all, Some(1), "{text}");
    assert!(text.contains("reservation-not-permitted"), "{text}");
    let (convention, text) = code(&["--instrument", "ets-185"]);
    assert_eq!(convention, Some(0), "{text}");
    assert!(!text.contains("reservation-not-permitted"), "{text}");
    let (protocol, text) = code(&["--instrument", "ets-189"]);
    assert_eq!(protocol, Some(1), "{text}");
    let (unknown, _) = code(&["--instrument", "ets-999"]);
    assert_eq!(unknown, Some(2));
}

/// `checklist --lang fr`: the Convention's authentic French titles where verified (the
/// others English, marked †), our French requirements, elements and permissions.
#[test]
fn the_checklist_in_french_has_the_french_titles_elements_and_permissions() {
    let md = stdout(&run(&["checklist", "--lang", "fr"]));
    assert!(md.starts_with("# STE no 185 – Convention sur la cybercriminalité"));
    let ets = Instrument::ets_185();
    let english = stdout(&run(&["checklist"]));
    let overlay: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/ets-185.fr.json")).unwrap(),
    )
    .unwrap();
    for a in ets.articles() {
        let heading = format!("#### Article {} – ", a.number);
        let line = md
            .lines()
            .find(|l| l.starts_with(&heading))
            .unwrap_or_else(|| panic!("Article {} missing", a.number));
        // The verified French title, or else the English one marked as not verified.
        let title = match overlay["articles"][a.number.to_string()]["title"].as_str() {
            Some(fr) => fr.to_string(),
            None => format!("{} †", a.title),
        };
        assert!(
            line.trim_end_matches(" (non noté)") == format!("{heading}{title}"),
            "Article {}: {line}",
            a.number
        );
    }
    assert!(md.contains("#### Article 2 – Accès illégal"));
    assert!(md.contains("#### Article 16 – Conservation rapide de données informatiques stockées"));
    assert!(md.contains("| Paragraphe | Élément | Type | Poids | Exigence |"));
    assert!(md.contains("## Réserves, déclarations et désignations permises"));
    assert!(
        md.contains("| réserve | article 6, paragraphe 3 | article 42 |"),
        "{md}"
    );
    // No English requirement of the Convention is left in the French checklist.
    for a in ets.articles() {
        assert!(
            !md.contains(&a.summary),
            "Article {}: English summary",
            a.number
        );
    }
    assert_ne!(md, english);
    let json = run(&["checklist", "--lang", "fr", "--format", "json"]);
    assert_eq!(json.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&json.stderr).contains("--format md"));
}
