//! The PDF: its layout snapshotted, and the written file read back with poppler and qpdf
//! (`apt-get install poppler-utils qpdf`; `.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use budapest_gap::report::Report;
use budapest_gap::report::pdf::{Document, Item, Paper, Role, Tag, Target};
use budapest_gap::{Instrument, Profile, assess};

use crate::{root, shipped_profiles};

/// The shipped profiles and the reviewed example: every profile whose report we ship.
fn every_profile() -> Vec<PathBuf> {
    let mut all = shipped_profiles();
    all.push(root().join("examples/arcadia-reviewed.json"));
    all
}

/// The report `budapest-gap report` writes: the Convention, and a part for each Protocol the
/// profile assesses.
fn report(path: &Path) -> Report {
    let profile = Profile::from_path(path).unwrap();
    Report::of_profile(&profile, budapest_gap::Lang::En)
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
                tag,
                ..
            } = item
            {
                let role = match tag {
                    Tag::Artifact => "Artifact",
                    Tag::Element(e) => doc.elements[*e].role.name(),
                };
                out.push_str(&format!("{y:6.1} {x:5.1} {face:?} {size} {role} {text}\n"));
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
        // After the table of contents, whose last entry is the sources.
        let mut last = flat.find("Sources").expect("a table of contents");
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
        // Fonts not subset would add over 700 KB; the structure tree and marked content of a
        // tagged PDF add about 100 KB to the 130 KB an untagged report takes.
        largest.0 <= 320 * 1024,
        "the largest PDF ({}) is {} bytes, over 320 KB",
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
            .any(|i| matches!(i, Item::Link { target: Target::Uri(uri), .. } if uri == "https://example.org/gazette")),
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

/// The role of each element and whether it lies under an element of `role`.
fn under(doc: &Document, mut e: usize, pred: impl Fn(Role) -> bool) -> bool {
    loop {
        if pred(doc.elements[e].role) {
            return true;
        }
        match doc.elements[e].parent {
            Some(p) => e = p,
            None => return false,
        }
    }
}

/// Content text of a page: (y, element) for every text that is not an artifact.
fn content(page: &budapest_gap::report::pdf::Page) -> Vec<(f32, usize, &str)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                y,
                tag: Tag::Element(e),
                text,
                ..
            } => Some((*y, *e, text.as_str())),
            _ => None,
        })
        .collect()
}

/// The page-break rules, checked on the layout model of every shipped report: no heading
/// at a page foot; an article's heading, badge and requirement on the page where its
/// provisions table starts; no short page but the last; a table continued on a new page
/// repeats its header.
#[test]
fn page_break_rules_hold_for_every_shipped_profile() {
    for path in every_profile() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = report(&path).layout(Paper::A4);
        let last = doc.pages.len() - 1;
        let top = 48.0;
        let bottom = doc.pages[0].height - 48.0;
        let mut headings = 0;
        let mut articles = 0;
        for (n, page) in doc.pages.iter().enumerate() {
            let items = content(page);
            for (i, (y, e, _)) in items.iter().enumerate() {
                let role = doc.elements[*e].role;
                if !role.is_heading() || items[i + 1..].iter().any(|(_, f, _)| f == e) {
                    continue;
                }
                // The heading's whole text on this page (it may wrap).
                let text: String = items
                    .iter()
                    .filter(|(_, f, _)| f == e)
                    .map(|(_, _, t)| *t)
                    .collect::<Vec<_>>()
                    .join(" ");
                headings += 1;
                let after: Vec<&(f32, usize, &str)> = items[i + 1..]
                    .iter()
                    .filter(|(fy, f, _)| *fy > *y && !doc.elements[*f].role.is_heading())
                    .collect();
                let is_end = n == last && after.is_empty() && i + 1 == items.len();
                assert!(
                    after.len() >= 2 || is_end,
                    "{name} p. {}: heading `{text}` at the foot of the page",
                    n + 1
                );
                if text.starts_with("Article ") {
                    articles += 1;
                    let requirement = after.iter().any(|(_, _, t)| {
                        *t == "Convention requirement" || *t == "Protocol requirement"
                    });
                    let provision = after
                        .iter()
                        .any(|(_, f, _)| under(&doc, *f, |r| r == Role::TD));
                    assert!(
                        requirement && provision,
                        "{name} p. {}: `{text}` not kept with its requirement and first provision",
                        n + 1
                    );
                }
            }
            if n < last {
                let lowest = items.iter().map(|(y, _, _)| *y).fold(top, f32::max);
                let fill = (lowest - top) / (bottom - top);
                // The overview is one page that never breaks, and the table of indices before
                // it is kept whole: the page before the overview may hold just that table (a
                // whole block, never a stranded tail of one).
                let before_overview = doc.pages[n + 1].items.iter().any(|i| {
                    matches!(i, Item::Text { text, tag: Tag::Element(_), .. } if text == "Overview of ratings")
                });
                let least = if before_overview { 0.15 } else { 0.6 };
                assert!(
                    fill > least,
                    "{name} p. {}: only {:.0} % of the page is used",
                    n + 1,
                    fill * 100.0
                );
            }
        }
        assert!(articles >= 34, "{name}: {articles} article headings seen");
        assert!(headings > articles, "{name}");

        // A table continued on a later page repeats its header there, as an artifact.
        let mut pages_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        let mut header_text: std::collections::BTreeMap<usize, String> = Default::default();
        for (n, page) in doc.pages.iter().enumerate() {
            for (_, e, text) in content(page) {
                let mut t = e;
                while doc.elements[t].role != Role::Table {
                    match doc.elements[t].parent {
                        Some(p) => t = p,
                        None => break,
                    }
                }
                if doc.elements[t].role != Role::Table {
                    continue;
                }
                if doc.elements[e].role == Role::TH
                    && doc.elements[doc.elements[e].parent.unwrap()].parent == Some(t)
                {
                    header_text.entry(t).or_insert_with(|| text.to_string());
                }
                let v = pages_of.entry(t).or_default();
                if v.last() != Some(&n) {
                    v.push(n);
                }
            }
        }
        let mut continued = 0;
        for (table, pages) in &pages_of {
            let Some(header) = header_text.get(table) else {
                continue;
            };
            for n in &pages[1..] {
                continued += 1;
                assert!(
                    doc.pages[*n].items.iter().any(|i| matches!(i,
                        Item::Text { text, tag: Tag::Artifact, .. } if text == header)),
                    "{name} p. {}: a continued table without its header `{header}`",
                    n + 1
                );
            }
        }
        assert!(
            continued > 0,
            "{name}: no table breaks across pages, so nothing was checked"
        );
    }
}

/// Runs the pdfua checker: from `PATH`, `target/pdfua-venv` (what `.ci/run` makes) or
/// `.venv`. Without it the test says so and passes, unless `BUDAPEST_GAP_REQUIRE_PDFUA`
/// is set (as `.ci/run` does).
fn pdfua() -> Option<PathBuf> {
    let candidates = [
        root().join("target/pdfua-venv/bin/pdfua"),
        root().join(".venv/bin/pdfua"),
    ];
    if let Some(found) = candidates.into_iter().find(|p| p.exists()) {
        return Some(found);
    }
    if Command::new("pdfua").arg("--version").output().is_ok() {
        return Some(PathBuf::from("pdfua"));
    }
    assert!(
        std::env::var_os("BUDAPEST_GAP_REQUIRE_PDFUA").is_none(),
        "pdfua is required but not found: python3 -m venv target/pdfua-venv && target/pdfua-venv/bin/pip install pdfua"
    );
    eprintln!("pdfua not found: the PDF/UA check did not run (pip install pdfua)");
    None
}

fn write_pdf(path: &Path, dir: &Path) -> PathBuf {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let out = dir.join(format!("{name}.pdf"));
    std::fs::write(&out, report(path).to_pdf(Paper::A4).unwrap().bytes).unwrap();
    out
}

#[test]
fn pdfua_finds_nothing_in_any_shipped_report() {
    let Some(pdfua) = pdfua() else { return };
    let dir = temp_dir("pdfua");
    for path in every_profile() {
        let out = write_pdf(&path, &dir);
        let run = Command::new(&pdfua)
            .arg("check")
            .arg(&out)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(0), "{}: {stdout}", path.display());
        assert!(stdout.contains("errors=0 warnings=0 info=0"), "{stdout}");
        assert!(!stdout.contains("[skip"), "a rule did not run: {stdout}");
    }
    // And a French report: its document language is French, its profile texts English.
    let profile = Profile::from_path(root().join("profiles/germany.json")).unwrap();
    let ets = Instrument::ets_185();
    let fr = Report::new_in(
        ets,
        &profile,
        &assess(ets, &profile),
        budapest_gap::Lang::Fr,
    );
    let out = dir.join("germany-fr.pdf");
    std::fs::write(&out, fr.to_pdf(Paper::A4).unwrap().bytes).unwrap();
    let run = Command::new(&pdfua)
        .arg("check")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "French report: {stdout}");
    assert!(stdout.contains("errors=0 warnings=0 info=0"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A French PDF: document language `fr`, the authentic French titles in its text and
/// bookmarks, French page footers, and the profile's English texts tagged as English.
#[test]
fn a_french_pdf_is_french_and_tags_the_profiles_english() {
    let profile = Profile::from_path(root().join("profiles/germany.json")).unwrap();
    let ets = Instrument::ets_185();
    let report = Report::new_in(
        ets,
        &profile,
        &assess(ets, &profile),
        budapest_gap::Lang::Fr,
    );
    let doc = report.layout(Paper::A4);
    assert_eq!(doc.language, "fr");
    let titles: Vec<&str> = doc.bookmarks.iter().map(|b| b.title.as_str()).collect();
    for t in [
        "Article 2 – Accès illégal",
        "Article 18 – Injonction de produire",
        "Chapitre II – Mesures à prendre au niveau national",
        "Vue d’ensemble des notations",
    ] {
        assert!(titles.contains(&t), "no bookmark {t}: {titles:?}");
    }
    let texts: Vec<(&str, &Tag)> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, tag, .. } => Some((text.as_str(), tag)),
            _ => None,
        })
        .collect();
    assert!(
        texts
            .iter()
            .any(|(t, tag)| t.starts_with("Page 1 sur ") && **tag == Tag::Artifact)
    );
    // The assessor's note on Article 2 is the profile's English: tagged `en`.
    let (_, tag) = texts
        .iter()
        .find(|(t, _)| t.contains("Illegal access is implemented by"))
        .expect("the note of Article 2");
    let Tag::Element(e) = tag else {
        panic!("the note is an artifact")
    };
    assert_eq!(doc.elements[*e].lang.as_deref(), Some("en"));
}

/// The objects of a PDF as qpdf reads them (`qpdf --json`), independently of lopdf.
struct Objects(serde_json::Map<String, serde_json::Value>);

impl Objects {
    fn read(file: &Path) -> (Objects, serde_json::Value) {
        let (ok, json) = tool(
            "qpdf",
            &["--json=2", "--json-key=qpdf", file.to_str().unwrap()],
        );
        assert!(ok);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let objects = json["qpdf"][1].as_object().unwrap().clone();
        let trailer = objects["trailer"]["value"].clone();
        (Objects(objects), trailer)
    }

    /// Follows a reference (`"12 0 R"`); anything else is itself.
    fn get<'a>(&'a self, v: &'a serde_json::Value) -> &'a serde_json::Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => {
                let o = &self.0[&format!("obj:{r}")];
                o.get("value").unwrap_or(&o["stream"]["dict"])
            }
            _ => v,
        }
    }

    fn kids<'a>(&'a self, e: &'a serde_json::Value) -> Vec<&'a serde_json::Value> {
        match self.get(&e["/K"]) {
            serde_json::Value::Array(a) => a.iter().map(|k| self.get(k)).collect(),
            serde_json::Value::Null => vec![],
            k => vec![k],
        }
    }

    /// Depth-first walk of the structure tree: (depth, element).
    fn walk<'a>(
        &'a self,
        e: &'a serde_json::Value,
        depth: usize,
        out: &mut Vec<(usize, &'a serde_json::Value)>,
    ) {
        if e.get("/S").is_none() {
            return;
        }
        out.push((depth, e));
        for k in self.kids(e) {
            self.walk(k, depth + 1, out);
        }
    }
}

#[test]
fn the_structure_tree_reads_back_in_reading_order() {
    let dir = temp_dir("tree");
    for (profile, other_language) in [("germany", "u:de"), ("georgia", "u:ka")] {
        let file = write_pdf(&root().join(format!("profiles/{profile}.json")), &dir);
        let (objects, trailer) = Objects::read(&file);
        let catalog = objects.get(&trailer["/Root"]);
        assert_eq!(catalog["/Lang"], "u:en", "{profile}");
        assert_eq!(objects.get(&catalog["/MarkInfo"])["/Marked"], true);
        assert_eq!(
            objects.get(&catalog["/ViewerPreferences"])["/DisplayDocTitle"],
            true
        );
        assert!(catalog["/Metadata"].is_string());
        let tree = objects.get(&catalog["/StructTreeRoot"]);
        assert_eq!(tree["/Type"], "/StructTreeRoot");
        assert!(tree["/ParentTree"].is_object() || tree["/ParentTree"].is_string());
        let mut elements = Vec::new();
        for k in objects.kids(tree) {
            objects.walk(k, 0, &mut elements);
        }
        assert_eq!(elements[0].1["/S"], "/Document");
        let roles: Vec<&str> = elements
            .iter()
            .map(|(_, e)| e["/S"].as_str().unwrap())
            .collect();
        let count = |r: &str| roles.iter().filter(|x| **x == r).count();
        assert_eq!(count("/H3"), 34, "{profile}: one H3 per scored article");
        // Headings never skip a level.
        let mut level = 0;
        for r in &roles {
            if let Some(n) = r.strip_prefix("/H").and_then(|n| n.parse::<usize>().ok()) {
                assert!(n <= level + 1, "{profile}: H{n} after H{level}");
                level = n;
            }
        }
        for (_, e) in &elements {
            match e["/S"].as_str().unwrap() {
                "/TH" => {
                    let scope = &objects.get(&e["/A"])["/Scope"];
                    assert!(
                        scope == "/Column" || scope == "/Row",
                        "{profile}: TH scope {scope}"
                    );
                }
                "/Link" => {
                    let annots: Vec<_> = objects
                        .kids(e)
                        .into_iter()
                        .filter(|k| k["/Type"] == "/OBJR")
                        .map(|k| objects.get(&k["/Obj"]))
                        .collect();
                    assert!(
                        !annots.is_empty(),
                        "{profile}: a Link without its annotation"
                    );
                    for a in annots {
                        assert_eq!(a["/Subtype"], "/Link");
                        assert!(a["/Contents"].as_str().is_some_and(|c| c.len() > 4));
                        assert!(a["/StructParent"].is_number());
                    }
                }
                "/Table" => {
                    let widths: Vec<usize> = objects
                        .kids(e)
                        .iter()
                        .filter(|r| r["/S"] == "/TR")
                        .map(|r| objects.kids(r).len())
                        .collect();
                    assert!(
                        widths.windows(2).all(|w| w[0] == w[1]),
                        "{profile}: rows of {widths:?} cells in one table"
                    );
                }
                "/LI" => {
                    let kids: Vec<&str> = objects
                        .kids(e)
                        .iter()
                        .filter_map(|k| k["/S"].as_str())
                        .collect();
                    assert_eq!(kids, ["/Lbl", "/LBody"], "{profile}");
                }
                _ => {}
            }
        }
        assert!(count("/Table") > 34 && count("/TD") > 100 && count("/L") > 10);
        assert!(count("/TOC") == 1 && count("/TOCI") > 40, "{profile}");
        assert!(
            elements
                .iter()
                .any(|(_, e)| e["/S"] == "/Span" && e["/Lang"] == other_language),
            "{profile}: no span in {other_language}"
        );
        let pages = objects.get(&catalog["/Pages"]);
        for page in pages["/Kids"].as_array().unwrap() {
            let page = objects.get(page);
            assert_eq!(page["/Tabs"], "/S");
            assert!(page["/StructParents"].is_number());
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every entry of the table of contents that carries a page number names a heading that
/// pdftotext finds on that very page.
#[test]
fn the_table_of_contents_page_numbers_are_right() {
    let dir = temp_dir("toc");
    for profile in ["germany", "ruritania-draft"] {
        let file = write_pdf(&root().join(format!("profiles/{profile}.json")), &dir);
        let file = file.to_str().unwrap();
        let page_text = |n: usize| {
            let n = n.to_string();
            let (_, text) = tool("pdftotext", &["-layout", "-f", &n, "-l", &n, file, "-"]);
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let toc = page_text(1) + " " + &page_text(2);
        let (_, full) = tool("pdftotext", &["-layout", "-f", "1", "-l", "2", file, "-"]);
        let start = full.find("Contents").expect("a table of contents");
        let mut checked = 0;
        for line in full[start..].lines().skip(1) {
            let line = line.trim();
            if line.contains(" — as of ") {
                break;
            }
            let Some((title, number)) = line.rsplit_once(' ') else {
                continue;
            };
            let Ok(page) = number.parse::<usize>() else {
                continue;
            };
            let title = title.trim();
            if title.is_empty() || title.ends_with('…') {
                continue;
            }
            let on_page = page_text(page);
            assert!(
                on_page.contains(title),
                "{profile}: `{title}` is not on page {page}"
            );
            checked += 1;
        }
        assert!(
            checked >= 40,
            "{profile}: only {checked} entries read; {toc}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Outline: chapters hold their sections, sections their articles.
#[test]
fn bookmarks_nest_chapter_section_article() {
    let doc = report(&root().join("profiles/germany.json")).layout(Paper::A4);
    let levels: Vec<(u8, &str)> = doc
        .bookmarks
        .iter()
        .map(|b| (b.level, b.title.as_str()))
        .collect();
    let at = |t: &str| {
        levels
            .iter()
            .position(|(_, x)| x.starts_with(t))
            .unwrap_or_else(|| panic!("{t}"))
    };
    assert_eq!(levels[at("Chapter II")].0, 0);
    assert_eq!(levels[at("Section 1")].0, 1);
    assert_eq!(levels[at("Article 2 –")].0, 2);
    assert!(at("Chapter II") < at("Section 1") && at("Section 1") < at("Article 2 –"));
    // The Convention's 34 scored articles, and the 6 of the Additional Protocol's part.
    assert_eq!(levels.iter().filter(|(l, _)| *l == 2).count(), 34 + 6);
    assert_eq!(levels[at("Part – ETS No. 189")].0, 0);
}

/// The gaps table names elements by their text, as the checklist words them, never by id.
/// (The reasons, written by the assessment engine, still cite ids.)
#[test]
fn tables_name_elements_by_their_text_not_their_id() {
    for name in ["germany", "ruritania-draft"] {
        let path = root().join(format!("profiles/{name}.json"));
        let profile = Profile::from_path(&path).unwrap();
        let ets = Instrument::ets_185();
        let assessment = assess(ets, &profile);
        let doc = Report::new(ets, &profile, &assessment).layout(Paper::A4);
        // The gaps table: the one with a "Gap" column.
        let texts: Vec<(f32, usize, &str)> = doc.pages.iter().flat_map(content).collect();
        let table_of = |mut e: usize| loop {
            if doc.elements[e].role == Role::Table {
                return Some(e);
            }
            e = doc.elements[e].parent?;
        };
        let gaps_table = texts
            .iter()
            .find(|(_, e, t)| doc.elements[*e].role == Role::TH && *t == "Gap")
            .and_then(|(_, e, _)| table_of(*e))
            .expect("a gaps table");
        // Its "Gap" column: the texts between that header's left edge and the next one's.
        let header_x = |name: &str| {
            doc.pages
                .iter()
                .flat_map(|p| &p.items)
                .find_map(|i| match i {
                    Item::Text {
                        x,
                        text,
                        tag: Tag::Element(e),
                        ..
                    } if text == name && doc.elements[*e].role == Role::TH => Some(*x),
                    _ => None,
                })
                .unwrap()
        };
        let (from, to) = (header_x("Gap") - 1.0, header_x("Rec.") - 1.0);
        let cells: String = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    text,
                    tag: Tag::Element(e),
                    ..
                } if *x > from
                    && *x < to
                    && under(&doc, *e, |r| r == Role::TD)
                    && table_of(*e) == Some(gaps_table) =>
                {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        assert!(cells.len() > 1000, "{name}: {cells}");
        let ids: Vec<&str> = assessment
            .gaps
            .iter()
            .filter_map(|g| g.element.as_ref().map(|e| e.id.as_str()))
            .filter(|id| id.contains('-'))
            .collect();
        assert!(!ids.is_empty());
        for id in ids {
            assert!(!cells.contains(id), "{name}: element id `{id}` in a table");
        }
    }
}

/// The overview: every scored article on one page, its rating code (with `*` when
/// provisional) on its colour, and a link to the article's heading from each row.
#[test]
fn the_overview_fits_one_page_and_links_every_scored_article() {
    for path in every_profile() {
        let report = report(&path);
        let doc = report.layout(Paper::A4);
        let name = path.display();
        let heading_page = doc
            .pages
            .iter()
            .position(|p| {
                p.items.iter().any(|i| {
                    matches!(i, Item::Text { text, tag: Tag::Element(e), .. }
                    if text == "Overview of ratings" && doc.elements[*e].role == Role::H1)
                })
            })
            .unwrap_or_else(|| panic!("{name}: no overview"));
        // The overview's table is the first table after its heading.
        let h1 = doc.pages[heading_page]
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text {
                    text,
                    tag: Tag::Element(e),
                    ..
                } if text == "Overview of ratings" => Some(*e),
                _ => None,
            })
            .unwrap();
        let table = (h1..doc.elements.len())
            .find(|e| doc.elements[*e].role == Role::Table)
            .unwrap();
        let in_table = |e: usize| {
            let mut e = e;
            loop {
                if e == table {
                    return true;
                }
                match doc.elements[e].parent {
                    Some(p) => e = p,
                    None => return false,
                }
            }
        };
        for (n, page) in doc.pages.iter().enumerate() {
            let here = content(page).iter().any(|(_, e, _)| in_table(*e));
            assert_eq!(
                here,
                n == heading_page,
                "{name}: the overview table is not on page {} alone",
                heading_page + 1
            );
        }
        let article_page = |heading: &str| {
            doc.bookmarks
                .iter()
                .find(|b| b.title == heading)
                .map(|b| b.page)
                .unwrap_or_else(|| panic!("{name}: no bookmark {heading}"))
        };
        let page = &doc.pages[heading_page];
        let texts: Vec<&str> = content(page).iter().map(|(_, _, t)| *t).collect();
        for a in report.divisions.iter().flat_map(|d| &d.articles) {
            let target = article_page(&a.heading);
            let links: Vec<&String> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Link {
                        target: Target::Page { page, .. },
                        element,
                        ..
                    } if *page == target && in_table(*element) => {
                        doc.elements[*element].alt.as_ref()
                    }
                    _ => None,
                })
                .filter(|alt| alt.starts_with(&format!("Go to {}", a.heading)))
                .collect();
            assert!(
                links.len() >= 2,
                "{name}: {} is not linked from its title and rating",
                a.heading
            );
            let code = format!(
                "{}{}",
                a.rating.abbreviation(),
                if a.provisional && a.rating.rank().is_some() {
                    "*"
                } else {
                    ""
                }
            );
            assert!(
                texts.contains(&code.as_str()),
                "{name}: {} lacks its code {code}",
                a.heading
            );
        }
    }
}

/// The annex of provision texts: one `H2` per provision the profile quotes, its text tagged
/// in the law's language, and a link to it from the article that cites it.
#[test]
fn the_annex_gives_each_quoted_provision_in_its_language_linked_from_its_article() {
    let report = report(&root().join("profiles/georgia.json"));
    assert_eq!(report.provision_texts.len(), 4);
    let doc = report.layout(Paper::A4);
    let texts: Vec<(usize, &str, usize)> = doc
        .pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| content(p).into_iter().map(move |(_, e, t)| (n, t, e)))
        .collect();
    let role_of = |e: usize| doc.elements[e].role;
    assert!(
        texts.iter().any(
            |(_, t, e)| *t == "Annex: texts of the provisions cited" && role_of(*e) == Role::H1
        )
    );
    for t in &report.provision_texts {
        let (page, _, _) = texts
            .iter()
            .find(|(_, x, e)| t.title.starts_with(*x) && role_of(*e) == Role::H2)
            .unwrap_or_else(|| panic!("no H2 for {}", t.title));
        let first_word = t.text.split_whitespace().nth(1).unwrap();
        let (_, _, e) = texts
            .iter()
            .find(|(_, x, _)| x.contains(first_word))
            .unwrap_or_else(|| panic!("the text of {} is missing", t.title));
        let span = &doc.elements[*e];
        assert_eq!(span.role, Role::Span, "{}", t.title);
        assert_eq!(span.lang.as_deref(), Some("ka"), "{}", t.title);
        assert_eq!(doc.elements[span.parent.unwrap()].role, Role::P);
        let linked = doc.pages.iter().flat_map(|p| &p.items).any(|i| {
            matches!(i, Item::Link { target: Target::Page { page: to, .. }, element, .. }
                if to == page && doc.elements[*element].alt.as_deref().is_some_and(|a| a.starts_with("Go to the text of")))
        });
        assert!(linked, "no article links to the text of {}", t.title);
    }
    // A profile that quotes no text has no such annex.
    let germany = self::report(&root().join("profiles/germany.json"));
    assert!(germany.provision_texts.is_empty());
    assert!(
        !germany
            .to_markdown()
            .contains("texts of the provisions cited")
    );
}

/// A long title in the table of contents wraps onto a further line instead of being cut
/// short: every entry reads in full, in English and in French, for every shipped profile; and
/// a footer shortens the title, never the as-of date.
#[test]
fn table_of_contents_entries_and_footer_dates_are_never_cut_short() {
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        for lang in [budapest_gap::Lang::En, budapest_gap::Lang::Fr] {
            let doc = Report::of_profile(&profile, lang).layout(Paper::A4);
            // The contents: the text of the pages before the first article heading's page,
            // whitespace-normalised so that a wrapped title reads as one.
            let texts: Vec<&str> = doc
                .pages
                .iter()
                .take(3)
                .flat_map(|p| &p.items)
                .filter_map(|i| match i {
                    Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            assert!(
                texts.iter().all(|t| !t.ends_with('…')),
                "{}: a cut-short entry in {texts:?}",
                path.display()
            );
            let as_of = profile.document.as_of.to_string();
            for (n, page) in doc.pages.iter().enumerate() {
                assert!(
                    page.items.iter().any(|i| matches!(
                        i,
                        Item::Text { text, tag: Tag::Artifact, .. } if text.ends_with(&as_of)
                    )),
                    "{} ({lang:?}): page {} has no footer ending in {as_of}",
                    path.display(),
                    n + 1
                );
            }
            let joined = texts.join(" ");
            for b in doc
                .bookmarks
                .iter()
                .filter(|b| b.title.starts_with("Article 27"))
            {
                assert!(
                    joined.contains(&b.title),
                    "{} ({lang:?}): `{}` not in full in the contents",
                    path.display(),
                    b.title
                );
            }
        }
    }
}
