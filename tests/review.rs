//! The review round trip as an adviser does it: `review export` writes a workbook, the adviser
//! edits cells, `review import` reads it back onto the profile, with every problem located at
//! its cell, and nothing else changed.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budapest_gap::review::{self, CellDiagnostic, ReviewError};
use budapest_gap::{Code, Instrument, Profile};
use calamine::{Data, Reader, Xlsx};

use crate::{root, shipped_profiles};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bg-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn load(path: &Path) -> Profile {
    Profile::from_path(path).unwrap().into_profile()
}

/// The 0-based row of the Review sheet holding `article` and element `id`.
fn review_row(workbook: &[u8], article: u16, id: &str) -> u32 {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(workbook)).unwrap();
    let range = book.worksheet_range(review::REVIEW_SHEET).unwrap();
    range
        .rows()
        .position(|r| {
            matches!(&r[0], Data::Float(n) if *n == f64::from(article))
                && matches!(&r[2], Data::String(s) if s == id)
        })
        .unwrap_or_else(|| panic!("no row for Article {article} `{id}`")) as u32
}

/// `workbook` with the XML of sheet number `sheet` (1-based, as stored) passed through `edit`.
fn edit_sheet(workbook: &[u8], sheet: usize, edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(workbook)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    let mut edit = Some(edit);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == target {
            let edit = edit.take().unwrap();
            bytes = edit(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert!(edit.is_none(), "{target} not found");
    out.finish().unwrap().into_inner()
}

/// `workbook` with the existing cell `cell` (`F12`) of sheet number `sheet` set to the text
/// `value`, as a spreadsheet would save an edit.
fn set_cell(workbook: &[u8], sheet: usize, cell: &str, value: &str) -> Vec<u8> {
    edit_sheet(workbook, sheet, |xml| {
        let start = xml
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("no cell {cell} in sheet {sheet}"));
        let open_end = start + xml[start..].find('>').unwrap();
        let end = if xml.as_bytes()[open_end - 1] == b'/' {
            open_end + 1
        } else {
            open_end + xml[open_end..].find("</c>").unwrap() + 4
        };
        let open = &xml[start..open_end];
        let style = open
            .find(" s=\"")
            .map(|i| {
                let rest = &open[i + 4..];
                format!(" s=\"{}\"", &rest[..rest.find('"').unwrap()])
            })
            .unwrap_or_default();
        let new = format!(
            "<c r=\"{cell}\"{style} t=\"inlineStr\">{}</c>",
            inline(value)
        );
        format!("{}{new}{}", &xml[..start], &xml[end..])
    })
}

/// An inline string's XML.
fn inline(value: &str) -> String {
    let escaped = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<is><t xml:space=\"preserve\">{escaped}</t></is>")
}

fn cell(letter: char, row0: u32) -> String {
    format!("{letter}{}", row0 + 1)
}

fn invalid(result: Result<review::Imported, ReviewError>) -> Vec<CellDiagnostic> {
    match result {
        Err(ReviewError::Invalid { diagnostics }) => diagnostics,
        Err(e) => panic!("expected diagnostics, got {e}"),
        Ok(_) => panic!("expected diagnostics, got an imported profile"),
    }
}

fn germany() -> (Profile, Vec<u8>) {
    let profile = load(&root().join("profiles/germany.json"));
    let bytes = review::export(&profile, Instrument::ets_185()).unwrap();
    (profile, bytes)
}

#[test]
fn export_then_import_with_no_edit_gives_back_every_shipped_profile() {
    for path in shipped_profiles() {
        let profile = load(&path);
        let bytes = review::export(&profile, Instrument::ets_185()).unwrap();
        let imported = review::import("review.xlsx", &bytes, &profile).unwrap();
        assert_eq!(imported.profile, profile, "{}", path.display());
        assert_eq!(
            serde_json::to_string_pretty(&imported.profile).unwrap(),
            serde_json::to_string_pretty(&profile).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_review_sheet_has_a_row_per_article_and_element_and_a_status_drop_down() {
    let (profile, bytes) = germany();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Review", "Limitations", "Provisions", "About"]
    );
    let range = book.worksheet_range("Review").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header, review::REVIEW_COLUMNS);
    let instrument = Instrument::ets_185();
    let expected: usize = instrument
        .articles()
        .filter(|a| {
            a.elements().next().is_some() || profile.assessment["ets-185"].contains_key(&a.id())
        })
        .map(|a| 1 + a.elements().count())
        .sum();
    assert_eq!(range.rows().count() - 1, expected);
    // Article 2's own row cites its provisions; its element rows carry the element texts.
    let row = review_row(&bytes, 2, review::ARTICLE_ROW) as usize;
    let provisions = range.rows().nth(row).unwrap()[7].to_string();
    assert_eq!(provisions, "de-stgb-202a\nde-stgb-205");
    let intent = review_row(&bytes, 2, "intent") as usize;
    let element_text = range.rows().nth(intent).unwrap()[3].to_string();
    let expected_text = &instrument
        .article(2)
        .unwrap()
        .element("intent")
        .unwrap()
        .text;
    assert_eq!(&element_text, expected_text);
    // The drop-down list of statuses is in the sheet (Excel's dataValidation).
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("<dataValidation type=\"list\""),
        "no drop-down"
    );
    assert!(
        xml.contains("\"met,partly,not-met,not-assessed\""),
        "{xml:.300}"
    );
    assert!(xml.contains("<pane ySplit=\"1\""), "header row not frozen");
    assert!(xml.contains("<autoFilter"), "no filter");
}

#[test]
fn edited_cells_are_read_and_the_rest_kept() {
    let (profile, bytes) = germany();
    // The adviser marks Article 2's intent partly met with a note, clears Article 6's
    // `devices` entry, and adds a restriction to Article 3.
    let intent = review_row(&bytes, 2, "intent");
    let devices = review_row(&bytes, 6, "devices");
    let mut edited = set_cell(&bytes, 1, &cell('F', intent), "partly");
    edited = set_cell(&edited, 1, &cell('G', intent), "Only *knowing* access.");
    edited = set_cell(&edited, 1, &cell('F', devices), "");
    edited = set_cell(&edited, 1, &cell('G', devices), "");
    let limitations_rows = profile.assessment["ets-185"]
        .values()
        .map(|a| a.limitations.len() as u32)
        .sum::<u32>();
    let spare = limitations_rows + 1;
    // The spare rows below the last limitation are empty; write a new one there.
    let mut with_row = edited.clone();
    for (c, v) in [
        ('A', "3"),
        ('C', "Only transmissions to the public are excluded."),
        ('D', "minor"),
    ] {
        with_row = add_cell(&with_row, 2, &cell(c, spare), v);
    }
    let imported = review::import("review.xlsx", &with_row, &profile).unwrap();
    let a = &imported.profile.assessment["ets-185"];
    let e = &a["art-2"].elements["intent"];
    assert_eq!(e.status, budapest_gap::profile::Status::Partly);
    assert_eq!(e.note.as_deref(), Some("Only *knowing* access."));
    assert!(!a["art-6"].elements.contains_key("devices"));
    let l = a["art-3"].limitations.last().unwrap();
    assert_eq!(
        l.restriction.as_deref(),
        Some("Only transmissions to the public are excluded.")
    );
    assert_eq!(l.severity, Some(budapest_gap::profile::Severity::Minor));
    // Everything else is as it was.
    let mut expected = profile.clone();
    let x = expected.assessment.get_mut("ets-185").unwrap();
    x.get_mut("art-2")
        .unwrap()
        .elements
        .insert("intent".into(), e.clone());
    x.get_mut("art-6").unwrap().elements.remove("devices");
    x.get_mut("art-3").unwrap().limitations.push(l.clone());
    assert_eq!(imported.profile, expected);
}

/// Adds a cell to a row that may not exist yet in the sheet's XML.
fn add_cell(workbook: &[u8], sheet: usize, cell: &str, value: &str) -> Vec<u8> {
    let row: String = cell.chars().filter(char::is_ascii_digit).collect();
    edit_sheet(workbook, sheet, |xml| {
        let c = format!("<c r=\"{cell}\" t=\"inlineStr\">{}</c>", inline(value));
        if let Some(start) = xml.find(&format!("<row r=\"{row}\"")) {
            let end = start + xml[start..].find("</row>").unwrap();
            format!("{}{c}{}", &xml[..end], &xml[end..])
        } else {
            xml.replacen(
                "</sheetData>",
                &format!("<row r=\"{row}\">{c}</row></sheetData>"),
                1,
            )
        }
    })
}

#[test]
fn a_wrong_value_is_located_at_its_cell_with_the_code_check_uses() {
    let (profile, bytes) = germany();
    let intent = review_row(&bytes, 2, "intent");
    let article2 = review_row(&bytes, 2, review::ARTICLE_ROW);
    let mut edited = set_cell(&bytes, 1, &cell('F', intent), "mett");
    edited = set_cell(
        &edited,
        1,
        &cell('H', article2),
        "de-stgb-202a\nde-stgb-999",
    );
    let d = invalid(review::import("review.xlsx", &edited, &profile));
    let status = d.iter().find(|d| d.code == Code::InvalidValue).unwrap();
    assert_eq!(
        status.to_string(),
        format!(
            "review.xlsx: Review!F{}: error[invalid-value]: `mett` is not a status\n  hint: did you mean `met`?",
            intent + 1
        )
    );
    // The unknown provision is found once the statuses are right.
    let edited = set_cell(&bytes, 1, &cell('H', article2), "de-stgb-202a, de-stgb-999");
    let d = invalid(review::import("review.xlsx", &edited, &profile));
    let unknown = d.iter().find(|d| d.code == Code::UnknownProvision).unwrap();
    assert_eq!(
        unknown.cell.as_ref().unwrap().to_string(),
        format!("Review!H{}", article2 + 1)
    );
    assert!(unknown.message.contains("de-stgb-999"), "{unknown}");
}

#[test]
fn a_note_without_a_status_and_a_wrong_severity_are_errors_at_their_cells() {
    let (profile, bytes) = germany();
    let row = review_row(&bytes, 4, "suppression");
    let edited = set_cell(&bytes, 1, &cell('G', row), "Deleting is covered.");
    let d = invalid(review::import("review.xlsx", &edited, &profile));
    assert_eq!(d[0].code, Code::MissingKey);
    assert_eq!(
        d[0].cell.as_ref().unwrap().to_string(),
        format!("Review!F{}", row + 1)
    );
    // Germany's first limitation (Article 2) is row 2 of the Limitations sheet.
    let edited = set_cell(&bytes, 2, "D2", "huge");
    let d = invalid(review::import("review.xlsx", &edited, &profile));
    assert_eq!(d[0].code, Code::InvalidValue);
    assert_eq!(d[0].cell.as_ref().unwrap().to_string(), "Limitations!D2");
    // A qualifier given a status gets check's own code, at the status cell.
    let q = review_row(&bytes, 2, "security-measures");
    let edited = set_cell(&bytes, 1, &cell('F', q), "met");
    let d = invalid(review::import("review.xlsx", &edited, &profile));
    let e = d.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(e.code, Code::ElementIsQualifier);
    assert_eq!(
        e.cell.as_ref().unwrap().to_string(),
        format!("Review!F{}", q + 1)
    );
}

#[test]
fn a_file_that_is_not_the_workbook_of_this_profile_is_refused() {
    let (_, bytes) = germany();
    let portugal = load(&root().join("profiles/portugal.json"));
    let d = invalid(review::import("de.xlsx", &bytes, &portugal));
    assert_eq!(d[0].code, Code::InvalidWorkbook);
    assert_eq!(d[0].cell.as_ref().unwrap().to_string(), "About!B1");
    assert!(d[0].message.contains("Germany"), "{}", d[0]);
    let json = std::fs::read(root().join("profiles/portugal.json")).unwrap();
    let d = invalid(review::import("portugal.json", &json, &portugal));
    assert_eq!(d[0].code, Code::InvalidWorkbook);
    assert!(
        d[0].to_string()
            .starts_with("portugal.json: error[invalid-workbook]: not an .xlsx workbook")
    );
    // A renamed header.
    let germany = load(&root().join("profiles/germany.json"));
    let edited = set_cell(&bytes, 1, "F1", "Statut");
    let d = invalid(review::import("de.xlsx", &edited, &germany));
    assert_eq!(d[0].code, Code::InvalidWorkbook);
    assert!(d[0].message.contains("`Status`"), "{}", d[0]);
}

#[test]
fn citing_a_suggestion_accepts_it() {
    let dir = temp("suggest");
    let draft = run(
        &dir,
        &[
            "-q",
            "draft",
            root().join("examples/arcadia-draft.md").to_str().unwrap(),
            "--jurisdiction",
            "Arcadia",
            "-o",
            "arcadia.json",
        ],
    );
    assert!(
        draft.status.success(),
        "{}",
        String::from_utf8_lossy(&draft.stderr)
    );
    let profile = load(&dir.join("arcadia.json"));
    let (key, entry) = profile.assessment["ets-185"]
        .iter()
        .find(|(_, a)| !a.suggestions.is_empty())
        .expect("the draft has suggestions");
    let n: u16 = key.trim_start_matches("art-").parse().unwrap();
    let accepted = entry.suggestions[0].provision.clone();
    let bytes = review::export(&profile, Instrument::ets_185()).unwrap();
    let row = review_row(&bytes, n, review::ARTICLE_ROW);
    let edited = set_cell(&bytes, 1, &cell('H', row), &accepted);
    let imported = review::import("review.xlsx", &edited, &profile).unwrap();
    let after = &imported.profile.assessment["ets-185"][key.as_str()];
    assert_eq!(after.provisions, std::slice::from_ref(&accepted));
    assert!(after.suggestions.iter().all(|s| s.provision != accepted));
    assert_eq!(after.suggestions.len(), entry.suggestions.len() - 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_commands_write_what_they_say_and_never_touch_their_inputs() {
    let dir = temp("cli");
    let profile = dir.join("de.json");
    std::fs::copy(root().join("profiles/germany.json"), &profile).unwrap();
    let original = std::fs::read(&profile).unwrap();
    let ok = |o: &Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ok(&run(
        &dir,
        &["-q", "review", "export", "de.json", "-o", "de.xlsx"],
    ));
    // An earlier workbook is replaced; the profile is not a workbook and is refused.
    ok(&run(
        &dir,
        &["-q", "review", "export", "de.json", "-o", "de.xlsx"],
    ));
    let o = run(&dir, &["review", "export", "de.json", "-o", "de.json"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&dir, &["review", "export", "de.json", "-o", "de.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("de.csv").exists());
    // Import onto the profile itself, or onto the workbook, is refused.
    for out in ["de.json", "de.xlsx"] {
        let o = run(&dir, &["review", "import", "de.xlsx", "de.json", "-o", out]);
        assert_eq!(o.status.code(), Some(2), "-o {out}");
    }
    ok(&run(
        &dir,
        &[
            "-q",
            "review",
            "import",
            "de.xlsx",
            "de.json",
            "-o",
            "reviewed.json",
        ],
    ));
    assert_eq!(load(&dir.join("reviewed.json")), load(&profile));
    // An edit with an error: exit 1, the cell named, nothing written.
    let bytes = std::fs::read(dir.join("de.xlsx")).unwrap();
    let row = review_row(&bytes, 2, "intent");
    std::fs::write(
        dir.join("bad.xlsx"),
        set_cell(&bytes, 1, &cell('F', row), "mett"),
    )
    .unwrap();
    let o = run(
        &dir,
        &["review", "import", "bad.xlsx", "de.json", "-o", "bad.json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "bad.xlsx: Review!F{}: error[invalid-value]",
            row + 1
        )),
        "{stderr}"
    );
    assert!(!dir.join("bad.json").exists());
    assert_eq!(std::fs::read(&profile).unwrap(), original);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether LibreOffice is here; CI installs it and sets `BUDAPEST_GAP_REQUIRE_LIBREOFFICE`.
pub fn libreoffice() -> bool {
    let found = Command::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("BUDAPEST_GAP_REQUIRE_LIBREOFFICE").is_none(),
            "BUDAPEST_GAP_REQUIRE_LIBREOFFICE is set but soffice is not installed"
        );
        eprintln!("note: soffice not found; the LibreOffice checks are skipped");
    }
    found
}

/// Converts `file` with LibreOffice headless (`soffice ARGS`) into `outdir`, with its user
/// profile in `dir`.
pub fn soffice(dir: &Path, args: &[&str], file: &Path, outdir: &Path) {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .arg("--headless")
        .args(args)
        .arg("--outdir")
        .arg(outdir)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn libreoffice_opens_the_workbook_and_its_resave_imports_unchanged() {
    if !libreoffice() {
        return;
    }
    let dir = temp("lo");
    let (profile, bytes) = germany();
    let xlsx = dir.join("germany.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    // Opened and saved again by LibreOffice Calc, as an adviser would.
    std::fs::create_dir_all(dir.join("saved")).unwrap();
    soffice(&dir, &["--convert-to", "xlsx"], &xlsx, &dir.join("saved"));
    let saved = std::fs::read(dir.join("saved/germany.xlsx")).unwrap();
    assert_ne!(saved, bytes, "LibreOffice wrote its own file");
    let imported = review::import("saved.xlsx", &saved, &profile).unwrap();
    assert_eq!(imported.profile, profile);
    // What Calc shows on the first sheet: the header, and Article 2's provisions.
    soffice(
        &dir,
        &["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"],
        &xlsx,
        &dir,
    );
    let csv = std::fs::read_to_string(dir.join("germany.csv")).unwrap();
    assert!(
        csv.starts_with(&review::REVIEW_COLUMNS.join(",")),
        "{csv:.200}"
    );
    assert!(csv.contains("\"de-stgb-202a\nde-stgb-205\""), "{csv:.2000}");
    let _ = std::fs::remove_dir_all(&dir);
}
