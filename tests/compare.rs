//! `compare` as a user runs it: the matrix of every shipped jurisdiction, in CSV a spreadsheet
//! opens, in text that fits a terminal, and the same ratings as `score`.

use std::collections::BTreeMap;
use std::process::{Command, Output};

use budapest_gap::compare::{Sort, compare, compare_sorted};
use budapest_gap::{Instrument, Profile, assess};

use crate::{root, shipped_profiles};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `(jurisdiction, instrument, article) → rating` from `score --format json` of every
/// shipped profile.
fn ratings_from_score() -> BTreeMap<(String, String, u64), String> {
    let mut ratings = BTreeMap::new();
    for path in shipped_profiles() {
        let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
            "-q",
            "score",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])))
        .unwrap();
        // One result, or one per instrument when the profile assesses several (Germany and
        // Portugal assess ETS 189 too).
        let results = json.as_array().cloned().unwrap_or_else(|| vec![json]);
        for result in results {
            let name = result["jurisdiction"].as_str().unwrap().to_string();
            for a in result["articles"].as_array().unwrap() {
                ratings.insert(
                    (
                        name.clone(),
                        result["instrument"].as_str().unwrap().to_string(),
                        a["number"].as_u64().unwrap(),
                    ),
                    a["rating"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    ratings
}

#[test]
fn compare_csv_has_every_scored_article_of_every_jurisdiction_with_the_ratings_of_score() {
    let text = stdout(&run(&["-q", "compare", "profiles/", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "jurisdiction",
            "code",
            "instrument",
            "article",
            "title",
            "rating",
            "provisional",
            "assessed",
            "applicable",
            "score"
        ]
    );
    let mut from_csv = BTreeMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        assert!(
            matches!(&r[6], "yes" | "no"),
            "provisional is yes or no: {r:?}"
        );
        let assessed: usize = r[7].parse().unwrap();
        let applicable: usize = r[8].parse().unwrap();
        assert!(assessed <= applicable, "{r:?}");
        assert!(!r[4].is_empty(), "every row has the article's title: {r:?}");
        let previous = from_csv.insert(
            (
                r[0].to_string(),
                r[2].to_string(),
                r[3].parse::<u64>().unwrap(),
            ),
            r[5].to_string(),
        );
        assert!(
            previous.is_none(),
            "one row per instrument, article and jurisdiction: {r:?}"
        );
    }
    let from_score = ratings_from_score();
    let jurisdictions: std::collections::BTreeSet<&String> =
        from_score.keys().map(|(j, _, _)| j).collect();
    assert_eq!(jurisdictions.len(), shipped_profiles().len());
    assert_eq!(from_csv, from_score);
}

#[test]
fn score_csv_has_one_row_per_element_with_the_statuses_of_score() {
    let path = "profiles/united-kingdom.json";
    let text = stdout(&run(&["-q", "score", path, "--format", "csv"]));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["-q", "score", path, "--format", "json"]))).unwrap();
    let mut expected = Vec::new();
    for a in json["articles"].as_array().unwrap() {
        for e in a["elements"].as_array().unwrap() {
            expected.push(vec![
                "United Kingdom".to_string(),
                "ets-185".to_string(),
                a["number"].to_string(),
                e["id"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
                if e["applicable"].as_bool().unwrap() {
                    "yes"
                } else {
                    "no"
                }
                .to_string(),
                e["removed_by"].as_str().unwrap_or("").to_string(),
                e["replaced_by"].as_str().unwrap_or("").to_string(),
            ]);
        }
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 10);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(
        rows.len() > 100,
        "every element, not a sample: {}",
        rows.len()
    );
    assert_eq!(rows, expected);
}

#[test]
fn compare_text_fits_80_columns_and_lists_every_jurisdiction() {
    let out = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(root())
        .env("COLUMNS", "80")
        .args(["-q", "compare", "profiles/"])
        .output()
        .unwrap();
    let text = stdout(&out);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
    }
    for name in [
        "Georgia",
        "Germany",
        "Portugal",
        "Ruritania",
        "The Philippines",
        "United Kingdom",
    ] {
        assert!(text.contains(name), "{name} in the legend:\n{text}");
    }
    assert!(text.contains("insufficient coverage"), "{text}");
}

#[test]
fn many_jurisdictions_are_split_into_tables_that_fit() {
    let instrument = Instrument::ets_185();
    let one = assess(
        instrument,
        &Profile::from_path(root().join("profiles/portugal.json")).unwrap(),
    );
    let many: Vec<_> = (0..25)
        .map(|i| {
            let mut a = one.clone();
            a.jurisdiction = format!("Portugal {i:02}");
            a
        })
        .collect();
    let text = compare(&many).to_text(80);
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    // Every one of the 25 columns appears in a header row.
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("Article ")).collect();
    let codes: usize = headers
        .iter()
        .map(|h| h.split_whitespace().count() - 1)
        .sum();
    assert_eq!(codes, 25);
    assert!(headers.len() > 1);
}

#[test]
fn sorting_is_by_name_unless_asked_by_index() {
    let default = stdout(&run(&["-q", "compare", "profiles/", "--format", "json"]));
    let by_name = stdout(&run(&[
        "-q",
        "compare",
        "profiles/",
        "--format",
        "json",
        "--sort",
        "name",
    ]));
    assert_eq!(default, by_name);
    let names = |text: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["instruments"][0]["jurisdictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["name"].as_str().unwrap().to_string())
            .collect()
    };
    let listed = names(&default);
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    assert_eq!(listed.len(), 6);

    // Given in reverse, the default order is still by name.
    let mut files: Vec<String> = shipped_profiles()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.reverse();
    let mut args = vec!["-q", "compare", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(names(&stdout(&run(&args))), sorted);

    let by_index = stdout(&run(&[
        "-q",
        "compare",
        "profiles/",
        "--format",
        "json",
        "--sort",
        "index",
    ]));
    let v: serde_json::Value = serde_json::from_str(&by_index).unwrap();
    let headlines: Vec<Option<f64>> = v["instruments"][0]["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["index"]["headline"].as_f64())
        .collect();
    let rated: Vec<f64> = headlines.iter().map_while(|h| *h).collect();
    assert!(rated.windows(2).all(|w| w[0] >= w[1]), "{headlines:?}");
    assert!(
        headlines[rated.len()..].iter().all(Option::is_none),
        "{headlines:?}"
    );
    assert_ne!(
        names(&by_index),
        sorted,
        "the shipped profiles rank differently from A to Z"
    );
}

#[test]
fn library_sort_matches_the_cli() {
    let instrument = Instrument::ets_185();
    let all: Vec<_> = shipped_profiles()
        .iter()
        .map(|p| assess(instrument, &Profile::from_path(p).unwrap()))
        .collect();
    let by_index = compare_sorted(&all, Sort::Index);
    assert_eq!(compare(&all).sorted(Sort::Index), by_index);
    // Every row's cells follow the columns: Germany's Article 2 cell is Germany's rating.
    let t = &by_index.instruments[0];
    for (j, column) in t.jurisdictions.iter().enumerate() {
        let a = all.iter().find(|a| a.jurisdiction == column.name).unwrap();
        for row in &t.articles {
            let own = a.articles.iter().find(|x| x.number == row.number).unwrap();
            assert_eq!(
                row.cells[j].unwrap().rating,
                own.rating,
                "{} {}",
                column.name,
                row.number
            );
        }
    }
}

#[test]
fn compare_refuses_to_write_over_an_input() {
    let dir = std::env::temp_dir().join(format!("bg-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let profile = dir.join("p.json");
    std::fs::copy(root().join("profiles/portugal.json"), &profile).unwrap();
    let before = std::fs::read(&profile).unwrap();
    let out = run(&[
        "-q",
        "compare",
        profile.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&profile).unwrap(), before);
    // A CSV written to a file, then written again over that earlier comparison.
    let csv_out = dir.join("matrix.csv");
    for _ in 0..2 {
        let out = run(&[
            "-q",
            "compare",
            profile.to_str().unwrap(),
            "-o",
            csv_out.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        std::fs::read_to_string(&csv_out)
            .unwrap()
            .starts_with("jurisdiction,code,")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Converts `file` with LibreOffice headless into `dir`.
fn soffice(dir: &std::path::Path, args: &[&str], file: &std::path::Path) {
    crate::review::soffice(dir, args, file, dir);
}

fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Same cell, as a spreadsheet reads it: `1.000` and `1` are the same number.
fn same_cell(a: &str, b: &str) -> bool {
    a == b || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}

#[test]
fn libreoffice_opens_the_csv_files_as_written() {
    if !crate::review::libreoffice() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("bg-compare-lo-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("back")).unwrap();
    // A fictional jurisdiction whose name needs quoting and UTF-8.
    let text = std::fs::read_to_string(root().join("profiles/ruritania-draft.json")).unwrap();
    let renamed = text.replacen(
        r#""name": "Ruritania""#,
        r#""name": "Ruritânia – \"Südmark\", draft""#,
        1,
    );
    assert_ne!(renamed, text);
    let profile = dir.join("ruritania.json");
    std::fs::write(&profile, renamed).unwrap();
    let p = profile.to_str().unwrap();
    for (name, args) in [
        (
            "compare",
            vec!["-q", "compare", "profiles/", p, "--format", "csv"],
        ),
        (
            "score",
            vec!["-q", "score", p, "profiles/germany.json", "--format", "csv"],
        ),
    ] {
        let written = stdout(&run(&args));
        assert!(written.contains("Ruritânia – \"\"Südmark\"\", draft"));
        let csv_path = dir.join(format!("{name}.csv"));
        std::fs::write(&csv_path, &written).unwrap();
        // Comma-separated, double quotes, UTF-8 (76): how a user opens the file.
        soffice(
            &dir,
            &["--infilter=CSV:44,34,76", "--convert-to", "xlsx"],
            &csv_path,
        );
        let xlsx = dir.join(format!("{name}.xlsx"));
        assert!(
            std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
            "an xlsx is a zip file"
        );
        soffice(
            &dir.join("back"),
            &["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"],
            &xlsx,
        );
        let back = std::fs::read_to_string(dir.join("back").join(format!("{name}.csv"))).unwrap();
        let (ours, theirs) = (records(&written), records(&back));
        assert_eq!(
            ours.len(),
            theirs.len(),
            "{name}: every row in the workbook"
        );
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.len(), b.len(), "{name}: {a:?} / {b:?}");
            for (x, y) in a.iter().zip(b) {
                assert!(same_cell(x, y), "{name}: {x:?} read back as {y:?}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pdf_heat_map_shows_every_scored_article_for_every_jurisdiction_on_a_page_per_instrument() {
    let dir = std::env::temp_dir().join(format!("bg-heatmap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("heat.pdf");
    let o = run(&["-q", "compare", "profiles/", "-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    // A page per instrument the shipped profiles assess (ETS 185; ETS 189 for Germany and
    // Portugal).
    let instruments: std::collections::BTreeSet<String> = shipped_profiles()
        .iter()
        .flat_map(|p| {
            Profile::from_path(p)
                .unwrap()
                .into_profile()
                .assessment
                .into_keys()
        })
        .collect();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {}", instruments.len()))),
        "{info}"
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let ets = Instrument::ets_185();
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        assert!(
            text.contains(&format!("{}:", profile.jurisdiction.name)),
            "{}",
            profile.jurisdiction.name
        );
    }
    for article in ets.articles().filter(|a| a.scored) {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{} ", article.number))),
            "Article {} missing",
            article.number
        );
    }
    // Each row carries a code per jurisdiction: Article 2's row has six.
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("2 Illegal access"))
        .unwrap();
    let codes = row
        .split_whitespace()
        .filter(|w| ["C", "LC", "PC", "NC", "NA", "—"].contains(&w.trim_end_matches('*')))
        .count();
    assert_eq!(codes, shipped_profiles().len(), "{row}");
    if std::env::var_os("BUDAPEST_GAP_REQUIRE_PDFUA").is_some()
        || root().join("target/pdfua-venv/bin/pdfua").exists()
    {
        let check = Command::new(root().join("target/pdfua-venv/bin/pdfua"))
            .arg("check")
            .arg(&pdf)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&check.stdout);
        assert!(out.contains("errors=0 warnings=0"), "{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_heat_map_of_many_jurisdictions_splits_its_columns_over_pages() {
    let ets = Instrument::ets_185();
    let base = Profile::from_path(root().join("profiles/portugal.json")).unwrap();
    let assessments: Vec<_> = (1..=20)
        .map(|i| {
            let mut p = base.clone().into_profile();
            p.jurisdiction.name = format!("State {i:02}");
            assess(ets, &p.validate().unwrap())
        })
        .collect();
    let layout = compare(&assessments).layout(budapest_gap::report::pdf::Paper::A4);
    assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
    for (i, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let budapest_gap::report::pdf::Item::Rect { x, y, w, h, .. } = item {
                assert!(
                    *x >= 0.0 && x + w <= page.width && *y >= 0.0 && y + h <= page.height,
                    "page {i}: {item:?}"
                );
            }
        }
    }
    // Every jurisdiction heads a column (its name may wrap: `State` over `07`).
    let texts: std::collections::BTreeSet<String> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            budapest_gap::report::pdf::Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    for i in 1..=20 {
        assert!(
            texts.contains(&format!("State {i:02}")) || texts.contains(&format!("{i:02}")),
            "State {i:02} heads no column"
        );
    }
}
