//! The PDF: its layout snapshotted, and the written file read back with poppler and qpdf
//! (`apt-get install poppler-utils qpdf`; `.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use budapest_gap::report::Report;
use budapest_gap::report::pdf::{Document, Item, Paper};
use budapest_gap::{Instrument, Profile, assess};

use crate::{root, shipped_profiles};

fn report(path: &Path) -> Report {
    let profile = Profile::from_path(path).unwrap();
    let ets = Instrument::ets_185();
    Report::new(ets, &profile, &assess(ets, &profile))
}

/// Runs a poppler or qpdf tool; a missing tool fails the test with what to install.
fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{name}` ({e}): install poppler-utils and qpdf (see the README)")
    });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budapest-gap-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of pages in reading order, one line per text item: enough to review a layout.
fn text_lines(doc: &Document, pages: std::ops::Range<usize>) -> String {
    let mut out = format!(
        "{} pages; bookmarks: {:?}\n",
        doc.pages.len(),
        doc.bookmarks
            .iter()
            .map(|b| (b.title.as_str(), b.page + 1))
            .collect::<Vec<_>>()
    );
    for (i, page) in doc
        .pages
        .iter()
        .enumerate()
        .skip(pages.start)
        .take(pages.len())
    {
        out.push_str(&format!(
            "--- page {} ({:.0} x {:.0})\n",
            i + 1,
            page.width,
            page.height
        ));
        for item in &page.items {
            if let Item::Text {
                face,
                size,
                x,
                y,
                text,
                ..
            } = item
            {
                out.push_str(&format!("{y:6.1} {x:5.1} {face:?} {size} {text}\n"));
            }
        }
    }
    out
}

#[test]
fn layout_snapshot_of_the_golden_draft() {
    let doc = report(&root().join("profiles/ruritania-draft.json")).layout(Paper::A4);
    insta::assert_snapshot!("layout-ruritania-draft", text_lines(&doc, 0..4));
}

#[test]
fn layout_is_deterministic_and_stays_inside_the_page() {
    for path in shipped_profiles() {
        let r = report(&path);
        let a = r.layout(Paper::A4);
        assert_eq!(a, r.layout(Paper::A4), "{}", path.display());
        for page in &a.pages {
            for item in &page.items {
                if let Item::Text { x, y, text, .. } = item {
                    assert!(
                        *x >= 0.0 && *x < page.width && *y > 0.0 && *y < page.height,
                        "{text} at ({x}, {y})"
                    );
                }
            }
        }
        let letter = r.layout(Paper::Letter);
        assert!(
            letter
                .pages
                .iter()
                .all(|p| (p.width, p.height) == (612.0, 792.0))
        );
    }
}

#[test]
fn every_shipped_profile_gives_a_sound_pdf_with_its_text() {
    let dir = temp_dir("pdf");
    let mut largest = (0, String::new());
    for path in shipped_profiles() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let out = dir.join(format!("{name}.pdf"));
        let run = Command::new(env!("CARGO_BIN_EXE_budapest-gap"))
            .args([
                "report",
                path.to_str().unwrap(),
                "--format",
                "pdf",
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        if bytes.len() > largest.0 {
            largest = (bytes.len(), name.clone());
        }
        let file = out.to_str().unwrap();

        let (ok, _) = tool("qpdf", &["--check", file]);
        assert!(ok, "{name}: qpdf --check fails");

        let (_, fonts) = tool("pdffonts", &[file]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 3, "{name}: {fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(
                cols[0].contains('+') && cols[0].contains("DejaVuSans"),
                "{name}: {row}"
            );
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{name}: embedded, subset, Unicode map: {row}"
            );
        }

        let (_, info) = tool("pdfinfo", &[file]);
        let r = report(&path);
        assert!(
            info.contains(&format!(
                "Pages:           {}",
                r.layout(Paper::A4).pages.len()
            )),
            "{name}: {info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("Title:") && l.contains(&r.title)),
            "{name}: {info}"
        );

        let (_, text) = tool("pdftotext", &["-layout", file, "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut last = 0;
        for a in Instrument::ets_185().articles().filter(|a| a.scored) {
            let heading = format!("Article {} – {}", a.number, a.title);
            let at = flat[last..]
                .find(&heading)
                .unwrap_or_else(|| panic!("{name}: `{heading}` missing or out of order"));
            last += at;
        }
        assert!(flat.contains("not legal advice"), "{name}");
        assert!(
            flat.contains(&format!("Page 1 of {}", r.layout(Paper::A4).pages.len())),
            "{name}"
        );
        if name == "georgia" {
            for heading in Profile::from_path(&path)
                .unwrap()
                .provisions
                .iter()
                .filter_map(|p| p.heading.as_deref())
            {
                if heading
                    .chars()
                    .any(|c| ('\u{10D0}'..='\u{10FF}').contains(&c))
                {
                    let words = heading.split_whitespace().collect::<Vec<_>>().join(" ");
                    let first_word = words.split(' ').next().unwrap();
                    assert!(
                        flat.contains(first_word),
                        "Georgian heading `{heading}` not extracted"
                    );
                }
            }
        }
    }
    assert!(
        largest.0 <= 150 * 1024,
        "the largest PDF ({}) is {} bytes, over 150 KB",
        largest.1,
        largest.0
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_character_the_font_lacks_is_a_warning_that_names_it() {
    let mut profile = Profile::from_path(root().join("profiles/ruritania-draft.json"))
        .unwrap()
        .into_profile();
    profile.provisions[0].summary.push_str(" 网络犯罪");
    let profile = profile.validate().unwrap();
    let ets = Instrument::ets_185();
    let pdf = Report::new(ets, &profile, &assess(ets, &profile))
        .to_pdf(Paper::A4)
        .unwrap();
    assert!(
        pdf.warnings.iter().any(|w| w.contains("U+7F51")),
        "{:?}",
        pdf.warnings
    );
}

#[test]
fn the_pdf_never_overwrites_its_input_and_defaults_beside_it() {
    let dir = temp_dir("beside");
    let input = dir.join("pt.json");
    std::fs::copy(root().join("profiles/portugal.json"), &input).unwrap();
    let bin = env!("CARGO_BIN_EXE_budapest-gap");
    let over = Command::new(bin)
        .args([
            "report",
            input.to_str().unwrap(),
            "--format",
            "pdf",
            "-o",
            input.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(over.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        std::fs::read_to_string(root().join("profiles/portugal.json")).unwrap()
    );
    let beside = Command::new(bin)
        .args([
            "report",
            input.to_str().unwrap(),
            "--format",
            "pdf",
            "--paper",
            "letter",
        ])
        .output()
        .unwrap();
    assert!(beside.status.success());
    let (_, info) = tool("pdfinfo", &[dir.join("pt.pdf").to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let md = Command::new(bin)
        .args([
            "report",
            input.to_str().unwrap(),
            "-o",
            dir.join("pt.md").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(md.status.success());
    assert!(
        std::fs::read_to_string(dir.join("pt.md"))
            .unwrap()
            .starts_with("# Portugal")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn markdown_notes_keep_their_emphasis_links_and_lists_in_the_pdf() {
    use budapest_gap::report::pdf::Face;
    let mut profile = Profile::from_path(root().join("profiles/ruritania-draft.json"))
        .unwrap()
        .into_profile();
    profile.assessment.get_mut("ets-185").unwrap().get_mut("art-3").unwrap().note =
        Some("Section 4 is *narrow*; see **the bill** and [the gazette](https://example.org/gazette).\n\n- first point\n- second point".into());
    let profile = profile.validate().unwrap();
    let ets = Instrument::ets_185();
    let doc = Report::new(ets, &profile, &assess(ets, &profile)).layout(Paper::A4);
    let items: Vec<&Item> = doc.pages.iter().flat_map(|p| &p.items).collect();
    let text = |face: Face, s: &str| {
        items.iter().any(
            |i| matches!(i, Item::Text { face: f, text, .. } if *f == face && text.contains(s)),
        )
    };
    assert!(text(Face::Italic, "narrow"), "emphasis in italics");
    assert!(text(Face::Bold, "the bill"), "strong in bold");
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Link { uri, .. } if uri == "https://example.org/gazette")),
        "a link annotation"
    );
    assert!(
        text(Face::Regular, "first point")
            && items
                .iter()
                .any(|i| matches!(i, Item::Text { text, .. } if text == "•")),
        "a bulleted list"
    );
}
