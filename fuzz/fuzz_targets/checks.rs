#![allow(dead_code)] // each fuzz target uses one of these checks
//! What each fuzz target asserts, shared with `tests/fuzz_corpus.rs`, which replays the
//! committed corpus through the same functions in every `cargo test`.

use budapest_gap::draft::{SkeletonOptions, parse, skeleton};
use budapest_gap::report::pdf::{Document, Item, Role, Tag, Target};
use budapest_gap::report::{Paper, Report};
use budapest_gap::{Date, Instrument, Profile, assess};
use serde_json::{Value, json};

/// The profile loader: any bytes give diagnostics that point inside the file, never a panic,
/// never a raw escape; a valid profile can be assessed.
pub fn profile(data: &[u8]) {
    let checked = Profile::check_bytes("fuzz.json", data);
    for d in &checked.diagnostics {
        assert!(d.line >= 1 && d.column >= 1);
        assert!(d.span.0 <= d.span.1 && d.span.1 <= data.len().max(1));
        assert!(
            !d.message.contains('\u{1b}'),
            "a raw escape in {:?}",
            d.message
        );
    }
    if let Ok(profile) = checked.into_profile() {
        let _ = assess(Instrument::ets_185(), &profile);
    }
}

/// The draft splitter: any text the `draft` command accepts (UTF-8, no control character but
/// line breaks, which `plain_text` normalises, and tabs, which become spaces) splits without a panic, and the
/// skeleton profile written from it passes `check` (the command writes nothing otherwise).
pub fn draft(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(text) = budapest_gap::profile::plain_text(text) else {
        return;
    };
    // As the `draft` command does.
    let text = text.replace('\t', "    ");
    let Ok(draft) = parse(&text) else {
        return;
    };
    let options = SkeletonOptions {
        jurisdiction: "Fuzzland".into(),
        code: None,
        title: "Fuzz draft".into(),
        as_of: Date::new(2026, 1, 1).unwrap(),
        source: "fuzz.md".into(),
    };
    let s = skeleton(Instrument::ets_185(), &draft, &options);
    let json = serde_json::to_string(&s.profile).unwrap();
    let checked = Profile::check("skeleton.json", &json);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
}

/// The Markdown renderer: for every profile `check` accepts, the report renders, and no user
/// text puts a control character (a terminal escape) into it; tabs and line breaks are text.
pub fn markdown(data: &[u8]) {
    let Some(report) = report(data) else {
        return;
    };
    let md = report.to_markdown();
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character in the Markdown"
    );
}

/// The PDF renderer: for every profile `check` accepts, the PDF renders (a valid profile never
/// fails in the PDF backend).
pub fn pdf(data: &[u8]) {
    let Some(report) = report(data) else {
        return;
    };
    if let Err(e) = report.to_pdf(Paper::A4) {
        panic!("a valid profile's PDF failed: {e}");
    }
}

/// The PDF layout (line breaking, pagination, links, bookmarks and the structure tree, with the
/// real font metrics), without writing the PDF: for every profile `check` accepts, the display
/// list is one the PDF backend accepts (pages, every number finite, every bookmark and
/// internal link on an existing page) and is well tagged (every text and link belongs to an
/// existing structure element, a link to a `Link` element, every element but the root has an
/// earlier parent), and every text is on its page and holds no control character.
pub fn layout(data: &[u8]) {
    let Some(report) = report(data) else {
        return;
    };
    check_layout(&report.layout(Paper::A4));
}

fn check_layout(doc: &Document) {
    let pages = doc.pages.len();
    assert!(pages > 0, "no page");
    let elements = &doc.elements;
    assert_eq!(elements.first().map(|e| e.role), Some(Role::Document));
    assert!(elements[0].parent.is_none());
    for (i, e) in elements.iter().enumerate().skip(1) {
        assert!(
            e.parent.is_some_and(|p| p < i),
            "element {i} ({:?}) has parent {:?}",
            e.role,
            e.parent
        );
    }
    for b in &doc.bookmarks {
        assert!(b.page < pages && b.y.is_finite(), "bookmark {b:?}");
    }
    for (n, page) in doc.pages.iter().enumerate() {
        let (w, h) = (page.width, page.height);
        assert!(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0);
        for item in &page.items {
            let finite = |v: &[f32]| v.iter().all(|v| v.is_finite());
            match item {
                Item::Text {
                    size,
                    x,
                    y,
                    text,
                    tag,
                    ..
                } => {
                    assert!(
                        finite(&[*size, *x, *y]) && *size > 0.0,
                        "page {n}: {item:?}"
                    );
                    assert!(
                        (0.0..=w).contains(x) && (0.0..=h).contains(y),
                        "page {n}: text off the page: {item:?}"
                    );
                    assert!(
                        !text.chars().any(char::is_control),
                        "page {n}: a control character in {text:?}"
                    );
                    if let Tag::Element(e) = tag {
                        assert!(*e < elements.len(), "page {n}: {item:?}");
                    }
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    ..
                } => assert!(finite(&[*x1, *y1, *x2, *y2, *width]), "page {n}: {item:?}"),
                Item::Rect { x, y, w, h, .. } => {
                    assert!(finite(&[*x, *y, *w, *h]), "page {n}: {item:?}")
                }
                Item::Link {
                    x,
                    y,
                    w,
                    h,
                    target,
                    element,
                } => {
                    assert!(finite(&[*x, *y, *w, *h]), "page {n}: {item:?}");
                    assert_eq!(
                        elements.get(*element).map(|e| e.role),
                        Some(Role::Link),
                        "page {n}: {item:?}"
                    );
                    if let Target::Page { page, y } = target {
                        assert!(*page < pages && y.is_finite(), "page {n}: {item:?}");
                    }
                }
            }
        }
    }
}

/// The report of the base profile with the fuzzer's texts, if `check` accepts it, without the
/// articles that print none of them: of the 34 scored articles the base profile assesses two,
/// and the other 32 print only the Convention's own text (their rating, requirement and
/// elements, "not assessed"), the same for every input, yet they made up most of each
/// execution. The first of them is kept, so that a not-assessed article is still rendered;
/// everything else (front matter, overview, recommendations, gaps, annexes) is kept whole.
fn report(data: &[u8]) -> Option<Report> {
    let text = profile_with_texts(data);
    let profile = Profile::from_json("fuzz.json", &text).ok()?;
    let ets = Instrument::ets_185();
    let mut report = Report::new(ets, &profile, &assess(ets, &profile));
    let assessed = &profile.assessment[&ets.id];
    let mut kept_one = false;
    for division in &mut report.divisions {
        division.articles.retain(|a| {
            let printed = assessed.contains_key(&format!("art-{}", a.number));
            let keep = printed || !kept_one;
            kept_one |= !printed;
            keep
        });
    }
    report.divisions.retain(|d| !d.articles.is_empty());
    Some(report)
}

/// The fields that reports print, by JSON pointer.
const FIELDS: &[&str] = &[
    "/jurisdiction/name",
    "/document/title",
    "/document/note",
    "/document/sources",
    "/laws/0/title",
    "/laws/0/citation",
    "/laws/0/url",
    "/provisions/0/ref",
    "/provisions/0/heading",
    "/provisions/0/summary",
    "/provisions/0/text",
    "/assessment/ets-185/art-2/note",
    "/assessment/ets-185/art-2/limitations/0/restriction",
    "/assessment/ets-185/art-2/elements/intent/note",
    "/instruments/ets-185/declarations/0/text",
];

/// The base profile with the texts cut from `data` (separated by 0xFF bytes) put in its fields,
/// as JSON text.
fn profile_with_texts(data: &[u8]) -> String {
    let mut profile = json!({
        "format": 1,
        "jurisdiction": { "name": "Fuzzland", "code": "FZ" },
        "document": {
            "kind": "in-force", "title": "Fuzzland", "as_of": "2026-01-01", "language": "en",
            "prepared_by": "fuzz", "sources": "none", "note": "n"
        },
        "instruments": { "ets-185": {
            "signed": "2005-03-01", "ratified": "2010-05-04", "in_force": "2010-09-01",
            "declarations": [{ "article": 2, "status": "made", "text": "t" }]
        } },
        "laws": [{ "id": "l", "title": "Law", "citation": "c", "url": "https://example.org/", "status": "in-force" }],
        "provisions": [{ "id": "p", "law": "l", "ref": "s. 1", "heading": "h", "summary": "s", "text": "t" }],
        "assessment": { "ets-185": {
            "art-2": {
                "provisions": ["p"], "status": "met", "note": "n",
                "elements": { "intent": { "status": "partly", "note": "n" } },
                "limitations": [{ "restriction": "r", "severity": "minor" }]
            },
            "art-3": { "provisions": ["p"], "status": "partly" }
        } }
    });
    for (field, text) in FIELDS.iter().zip(data.split(|&b| b == 0xff)) {
        if let Some(slot) = profile.pointer_mut(field) {
            *slot = Value::String(String::from_utf8_lossy(text).into_owned());
        }
    }
    profile.to_string()
}
