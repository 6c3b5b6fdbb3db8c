//! The draft-law workflow: splitting, ranking accuracy against reviewed profiles, skeletons.

use budapest_gap::draft::{Accuracy, SkeletonOptions, parse, skeleton};
use budapest_gap::{Instrument, Profile};

use crate::root;

fn options(name: &str) -> SkeletonOptions {
    SkeletonOptions {
        jurisdiction: name.into(),
        code: None,
        title: name.into(),
        as_of: "2026-11-01".parse().unwrap(),
        source: format!("{name}.md"),
    }
}

/// A regression test only: these drafts come from our own profiles, and the first lexicon
/// was tuned on them, so they measure nothing about real laws (see `tests/matching.rs`).
/// The shipped profiles' provisions as drafts (`scripts/profile-drafts.py`): provision i of
/// the profile is "Article i" of the draft, so the reviewed mapping is known.
fn shipped_accuracy() -> Vec<(String, Accuracy)> {
    let ets = Instrument::ets_185();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/fixtures/drafts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let draft = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut reviewed = Profile::from_path(root().join("profiles").join(format!("{name}.json")))
            .unwrap()
            .into_profile();
        assert_eq!(
            draft.provisions.len(),
            reviewed.provisions.len(),
            "{name}: regenerate the fixture with scripts/profile-drafts.py"
        );
        let rename: std::collections::HashMap<String, String> = reviewed
            .provisions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), format!("article-{}", i + 1)))
            .collect();
        for article in reviewed
            .assessment
            .values_mut()
            .flat_map(|a| a.values_mut())
        {
            for p in &mut article.provisions {
                *p = rename[p].clone();
            }
        }
        let s = skeleton(ets, &draft, &options(&name));
        out.push((name, Accuracy::measure(ets, &reviewed, &s.candidates)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn ranking_accuracy_on_the_shipped_laws_and_the_example_draft() {
    let ets = Instrument::ets_185();
    let mut total = Accuracy::default();
    let mut lines = Vec::new();
    let mut measured = shipped_accuracy();
    for (name, acc) in &measured {
        println!(
            "{name}: {}/{} first, {}/{} in the first three",
            acc.first, acc.articles, acc.top3, acc.articles
        );
    }
    let example =
        parse(&std::fs::read_to_string(root().join("examples/arcadia-draft.md")).unwrap()).unwrap();
    let reviewed = Profile::from_path(root().join("examples/arcadia-reviewed.json")).unwrap();
    measured.push((
        "example draft".into(),
        Accuracy::measure(
            ets,
            &reviewed,
            &skeleton(ets, &example, &options("Arcadia")).candidates,
        ),
    ));
    for (name, acc) in measured {
        lines.push(format!(
            "{name}: {}/{} first, {}/{} in the first three",
            acc.first, acc.articles, acc.top3, acc.articles
        ));
        for (article, ranked, expected) in &acc.misses {
            lines.push(format!(
                "  Article {article}: ranked {ranked:?}, expected one of {expected:?}"
            ));
        }
        total.add(acc);
    }
    let report = lines.join("\n");
    println!("{report}");
    println!(
        "total: {:.1} % first, {:.1} % in the first three, {} strong suggestions of which {} wrong",
        100.0 * total.first_rate(),
        100.0 * total.top3_rate(),
        total.strong,
        total.strong_wrong
    );
    assert!(total.articles > 100, "{report}");
    // The figures measured when the per-language lexicons replaced the first one.
    assert!(
        total.first_rate() >= 0.895,
        "first-ranked {:.1} % < 89.5 %\n{report}",
        100.0 * total.first_rate()
    );
    assert!(
        total.top3_rate() >= 0.96,
        "first three {:.1} % < 96 %\n{report}",
        100.0 * total.top3_rate()
    );
    assert!(
        total.strong_wrong <= 2,
        "{} wrong strong suggestions\n{report}",
        total.strong_wrong
    );
}

#[cfg(feature = "cli")]
mod cli {
    use std::process::{Command, Output};

    use crate::root;

    fn run(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1793750400")
            .env("COLUMNS", "80")
            .args(args)
            .output()
            .unwrap()
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("budapest-gap-draft-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_skeleton_of_the_example_passes_check_and_is_never_written_over() {
        let dir = temp("skeleton");
        let out = dir.join("skeleton.json");
        let o = out.to_str().unwrap();
        let r = run(&[
            "draft",
            "examples/arcadia-draft.md",
            "-o",
            o,
            "--jurisdiction",
            "Arcadia",
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let summary = String::from_utf8_lossy(&r.stderr);
        assert!(
            summary.contains("provision(s) found") && summary.contains("likely gaps"),
            "{summary}"
        );
        // Read in an 80-column terminal: no line wraps.
        assert!(
            summary.lines().all(|l| l.chars().count() <= 80),
            "{summary}"
        );
        let check = run(&["check", o]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let skeleton: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        for (id, article) in skeleton["assessment"]["ets-185"].as_object().unwrap() {
            assert_eq!(
                article["status"], "not-assessed",
                "{id}: nothing is marked met automatically"
            );
            assert!(
                article.get("provisions").is_none(),
                "{id}: suggestions are not evidence"
            );
        }
        let again = run(&["draft", "examples/arcadia-draft.md", "-o", o]);
        assert_eq!(again.status.code(), Some(2));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unreadable_drafts_get_a_clear_message_and_exit_2() {
        let dir = temp("robust");
        let cases: [(&str, Vec<u8>, &str); 4] = [
            ("empty.md", b"\n  \n".to_vec(), "the draft is empty"),
            (
                "prose.md",
                "# A policy paper\n\nWe will one day legislate on cybercrime.\n"
                    .as_bytes()
                    .to_vec(),
                "found no provision",
            ),
            (
                "binary.md",
                vec![0xff, 0xfe, 0x00, 0x41, 0x00, 0x42, 0x9c],
                "not UTF-8",
            ),
            (
                "cyrillic.md",
                "# Законопроект\n\nОбщие положения без статей.\n"
                    .as_bytes()
                    .to_vec(),
                "found no provision",
            ),
        ];
        for (name, bytes, message) in cases {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let r = run(&["draft", path.to_str().unwrap()]);
            assert_eq!(r.status.code(), Some(2), "{name}");
            let err = String::from_utf8_lossy(&r.stderr);
            assert!(err.contains(message) && err.contains(name), "{name}: {err}");
            assert!(r.stdout.is_empty(), "{name}: no partial output");
        }
        assert_eq!(
            run(&["draft", dir.join("missing.md").to_str().unwrap()])
                .status
                .code(),
            Some(2)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn drafts_in_other_scripts_and_huge_drafts_give_a_sensible_result() {
        let dir = temp("scripts");
        let georgian = dir.join("ka.md");
        std::fs::write(&georgian, "# კანონპროექტი\n\n## მუხლი 1. კომპიუტერულ სისტემაში უნებართვო შეღწევა\n\nillegal access to a computer system without right\n\n## Статья 2. Перехват\n\nillegal interception of non-public transmissions of computer data\n").unwrap();
        let r = run(&["draft", georgian.to_str().unwrap()]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let skeleton: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
        assert_eq!(skeleton["provisions"][0]["ref"], "მუხლი 1");
        assert_eq!(skeleton["provisions"][1]["ref"], "Статья 2");

        let mut huge = String::from("# Consolidated Code\n\n");
        for i in 1..=5_000 {
            huge.push_str(&format!("## Section {i} – Provision {i}\n\n(1) A person who intentionally accesses a computer system without right commits an offence under subsection {i}.\n\n"));
        }
        let path = dir.join("huge.md");
        std::fs::write(&path, &huge).unwrap();
        let out = dir.join("huge.json");
        let r = run(&["draft", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert!(String::from_utf8_lossy(&r.stderr).contains("5000 provision(s) found"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_language_is_detected_or_given_and_printed_in_the_summary() {
        let r = run(&[
            "draft",
            "examples/valdoria-anteproyecto.md",
            "--jurisdiction",
            "Valdoria",
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let summary = String::from_utf8_lossy(&r.stderr);
        assert!(summary.contains("language: es (detected)"), "{summary}");
        let skeleton: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
        assert_eq!(skeleton["document"]["language"], "es");
        let given = run(&[
            "draft",
            "examples/valdoria-anteproyecto.md",
            "--language",
            "es-419",
        ]);
        assert!(String::from_utf8_lossy(&given.stderr).contains("language: es-419 (given)"));
        let bad = run(&[
            "draft",
            "examples/valdoria-anteproyecto.md",
            "--language",
            "spanish!",
        ]);
        assert_eq!(bad.status.code(), Some(2));
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(
            err.contains("--language") && err.contains("BCP 47"),
            "{err}"
        );
        assert!(bad.stdout.is_empty());
    }

    #[test]
    fn diff_of_two_drafts() {
        let args = [
            "diff",
            "profiles/ruritania-draft.json",
            "tests/fixtures/ruritania-draft-2.json",
        ];
        for format in ["text", "md", "json"] {
            let r = run(&[args[0], args[1], args[2], "--format", format]);
            assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
            insta::assert_snapshot!(
                format!("diff-{format}"),
                String::from_utf8(r.stdout).unwrap()
            );
        }
        let json: serde_json::Value =
            serde_json::from_slice(&run(&[args[0], args[1], args[2], "--format", "json"]).stdout)
                .unwrap();
        let score = |side: &str| json[side]["index"]["score"].as_f64().unwrap();
        let delta = ((score("after") - score("before")) * 10.0).round() / 10.0;
        assert!(delta > 0.0, "the second draft is better");
        assert_eq!(json["index_delta"].as_f64(), Some(delta));
        assert!(
            json["gaps_closed"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g["kind"] == "impermissible-choice")
        );
        assert_eq!(
            run(&[
                "diff",
                "profiles/ruritania-draft.json",
                "tests/fixtures/bad/unknown-law.json"
            ])
            .status
            .code(),
            Some(2)
        );
    }
}

#[test]
fn the_example_drafts_missing_articles_are_reported_as_likely_gaps() {
    let ets = Instrument::ets_185();
    let draft =
        parse(&std::fs::read_to_string(root().join("examples/arcadia-draft.md")).unwrap()).unwrap();
    assert!(draft.provisions.len() >= 25);
    let s = skeleton(ets, &draft, &options("Arcadia"));
    let (strong, _, none) = s.summary();
    let reviewed = Profile::from_path(root().join("examples/arcadia-reviewed.json")).unwrap();
    let implemented = |n: &u16| {
        !reviewed.assessment["ets-185"][&format!("art-{n}")]
            .provisions
            .is_empty()
    };
    // Arcadia's bill has no section on mutual assistance in real-time collection or interception.
    assert!(none.contains(&33) && none.contains(&34), "{none:?}");
    assert!(
        none.iter().all(|n| !implemented(n)),
        "a likely gap the reviewed profile implements: {none:?}"
    );
    assert!(strong.len() >= 25, "{strong:?}");
    for article in s.profile.assessment["ets-185"].values() {
        assert!(
            article.provisions.is_empty()
                && article.status == Some(budapest_gap::profile::Status::NotAssessed)
        );
    }
}

#[test]
fn the_lexicons_are_sound_and_cover_every_article_in_each_base_language() {
    use budapest_gap::draft::Lexicon;
    let scored: Vec<u16> = Instrument::ets_185()
        .articles()
        .filter(|a| a.scored)
        .map(|a| a.number)
        .collect();
    let all = Lexicon::all();
    let tags: Vec<&str> = all.iter().map(|l| l.language.as_str()).collect();
    for tag in ["en", "fr", "es", "pt", "pt-BR", "de", "ru"] {
        assert!(tags.contains(&tag), "no lexicon for {tag}: {tags:?}");
    }
    let problems: Vec<String> = all.iter().flat_map(|l| l.lint(&scored)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for l in all
        .iter()
        .filter(|l| ["en", "fr", "es", "pt"].contains(&l.language.as_str()))
    {
        for n in &scored {
            let entries = &l.articles[&n.to_string()];
            assert!(
                entries.phrases.iter().filter(|e| e.title).count() == 1,
                "{}: Article {n} needs its title in that language",
                l.language
            );
        }
    }
}

#[test]
fn a_spanish_amending_bill_is_split_into_the_articles_it_inserts_and_matched_in_spanish() {
    let ets = Instrument::ets_185();
    let text = std::fs::read_to_string(root().join("examples/valdoria-anteproyecto.md")).unwrap();
    let draft = parse(&text).unwrap();
    assert_eq!(draft.language.tag, "es");
    let s = skeleton(ets, &draft, &options("Valdoria"));
    assert_eq!(s.profile.document.language, "es");
    let first = |n: u16| {
        let a = s.candidates.iter().find(|a| a.article == n).unwrap();
        let id = &a.ranked.first().expect("a candidate").provision;
        s.profile
            .provisions
            .iter()
            .find(|p| &p.id == id)
            .unwrap()
            .reference
            .clone()
    };
    assert_eq!(first(2), "Artículo 1, artículo 210 bis");
    assert_eq!(first(3), "Artículo 1, artículo 210 ter");
    assert_eq!(first(6), "Artículo 1, artículo 210 sexies");
    assert_eq!(first(8), "Artículo 1, artículo 255 bis");
    assert_eq!(first(18), "Artículo 2, artículo 145 ter");
    let (strong, _, none) = s.summary();
    assert!(strong.contains(&2) && strong.contains(&3), "{strong:?}");
    // The bill has nothing on child sexual abuse material, copyright or extradition.
    for n in [9, 10, 24] {
        assert!(none.contains(&n), "{n}: {none:?}");
    }
}

#[test]
fn the_lexicon_schema_is_up_to_date_and_every_lexicon_validates() {
    let path = root().join("data/lexicon/lexicon.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == budapest_gap::draft::Lexicon::schema(),
        "data/lexicon/lexicon.schema.json is stale: write budapest_gap::draft::Lexicon::schema() to it"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for entry in std::fs::read_dir(root().join("data/lexicon")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "lexicon.schema.json") {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn german_and_russian_drafts_are_matched_with_their_own_lexicons() {
    let ets = Instrument::ets_185();
    let first = |md: &str, article: u16| {
        let draft = parse(md).unwrap();
        let s = skeleton(ets, &draft, &options("Test"));
        let a = s.candidates.iter().find(|a| a.article == article).unwrap();
        let id = a
            .ranked
            .first()
            .map(|r| r.provision.clone())
            .unwrap_or_default();
        (
            draft.language.tag.clone(),
            s.profile
                .provisions
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.reference.clone()),
        )
    };
    // Our own wording, in the style of a German penal code and of a Russian one.
    let de = "# Entwurf eines Gesetzes zur Bekämpfung der Computerkriminalität\n\n## § 1 Ausspähen von Daten\n\nWer unbefugt sich oder einem anderen Zugang zu Daten, die nicht für ihn bestimmt und gegen unberechtigten Zugang besonders gesichert sind, unter Überwindung der Zugangssicherung verschafft, wird mit Freiheitsstrafe bis zu drei Jahren oder mit Geldstrafe bestraft.\n\n## § 2 Computersabotage\n\nWer eine Datenverarbeitung, die für einen anderen von wesentlicher Bedeutung ist, dadurch erheblich stört, dass er Daten eingibt oder übermittelt, wird mit Freiheitsstrafe bis zu fünf Jahren bestraft.\n\n## § 3 Durchsuchung und Beschlagnahme\n\nDas Gericht kann die Durchsuchung eines Computersystems und die Beschlagnahme der darauf gespeicherten Computerdaten anordnen.\n";
    assert_eq!(first(de, 2), ("de".to_string(), Some("§ 1".to_string())));
    assert_eq!(first(de, 5), ("de".to_string(), Some("§ 2".to_string())));
    assert_eq!(first(de, 19), ("de".to_string(), Some("§ 3".to_string())));
    let ru = "# Проект федерального закона\n\n## Статья 1. Неправомерный доступ к компьютерной информации\n\nНеправомерный доступ к охраняемой законом компьютерной информации, если это деяние повлекло уничтожение, блокирование, модификацию либо копирование компьютерной информации, наказывается штрафом или лишением свободы на срок до двух лет.\n\n## Статья 2. Создание, использование и распространение вредоносных компьютерных программ\n\nСоздание, распространение или использование компьютерных программ, заведомо предназначенных для несанкционированного уничтожения или блокирования компьютерной информации, наказывается лишением свободы на срок до четырех лет.\n";
    assert_eq!(
        first(ru, 2),
        ("ru".to_string(), Some("Статья 1".to_string()))
    );
    assert_eq!(
        first(ru, 6),
        ("ru".to_string(), Some("Статья 2".to_string()))
    );
}

proptest::proptest! {
    /// Whatever the Markdown, splitting ends with provisions or a reason, never a panic.
    #[test]
    fn splitting_never_panics(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Article ", "Artículo ", "Art. ", "Section ", "§ ", "第", "条", "المادة ", "Άρθρο ",
                "5", "197", " bis", " a", "-1", "/", "~", "L. ", "único", ".", ":", "—", "«", "»", "“", "”",
                "\n\n", "\n", "## ", "> ", "- ", "| a | b |\n|---|---|\n", "**", "(a)(1) ", "Illegal Access. — ",
                "text ", "Chapitre III : ", "İ", "ß", "ţ", "\u{300}",
            ]),
            0..60,
        )
    ) {
        let md: String = pieces.concat();
        let _ = parse(&md);
        for tag in ["en", "fr", "es", "pt", "und"] {
            if let Ok(d) = budapest_gap::draft::parse_in(&md, budapest_gap::draft::Language::given(tag).unwrap_or_else(|_| budapest_gap::draft::Language::detect(""))) {
                let _ = skeleton(Instrument::ets_185(), &d, &options("Fuzz"));
            }
        }
    }
}

/// A one-word title in running text is an ordinary word: in the Peruvian procedure code of
/// the development set, "la Comisaría de la jurisdicción" in the search of persons (Artículo
/// 210) once made it a strong match for Article 22 (Jurisdicción); the same word as a
/// provision's heading still makes one.
#[test]
fn a_one_word_title_only_in_running_text_is_never_a_strong_match() {
    let ets = Instrument::ets_185();
    let strong_for_22 = |text: &str| {
        let draft = parse(text).unwrap();
        assert_eq!(draft.language.tag, "es");
        skeleton(ets, &draft, &options("Perú"))
            .summary()
            .0
            .contains(&22)
    };
    let path = "tests/fixtures/matching/dev/es-pe-codigo-procesal-penal-202-217-232-236.md";
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    assert!(text.contains("Comisaría de la jurisdicción"));
    assert!(!strong_for_22(&text));
    let headed = text.replace(
        "Artículo 210. Registro de personas",
        "Artículo 210. Jurisdicción",
    );
    assert!(strong_for_22(&headed));
}
