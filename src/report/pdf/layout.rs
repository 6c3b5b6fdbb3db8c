//! Lays a [`Report`] out on pages as a [`Document`] display list, giving every piece of content
//! its structure role as it goes: wrapped text, tables that break across pages with their
//! header repeated, headings kept with what follows, widow and orphan control, a table of
//! contents whose page numbers are filled in once the pages are known, internal links, and
//! "page X of Y" footers added last.
//!
//! Page-break rules (tests hold them for every shipped profile):
//! - a heading is never the last thing on a page: it is kept with the start of what follows;
//! - an article's heading, rating badge and requirement stay with the first provision;
//! - a paragraph or table row breaks only with at least [`ORPHANS`] lines before the break
//!   and [`WIDOWS`] after it; a short row (up to [`KEEP_ROW`] lines) is never split;
//! - chapters do not force a page break, so no page is left with a short tail;
//! - the overview of ratings is one page that never breaks (its type shrinks to fit), so the
//!   page before it may end early.
//!
//! A new part of the report is a function of its own that uses the same steps:
//! [`Layout::heading`] (with an anchor for links and a bookmark level), [`Layout::paragraph`],
//! [`Layout::list`], [`Layout::rich`] for Markdown, and [`Layout::table`] with [`Cell`]s; each
//! gives its content a structure role, so the PDF stays tagged.

use std::collections::{BTreeSet, HashMap};

use super::Paper;
use super::display::{Bookmark, Document, Element, Face, Item, Page, Rgb, Role, Tag, Target};
use super::metrics::Metrics;
use crate::Lang;
use crate::assess::{Index, Rating};
use crate::report::model::{ArticleBlock, Report};
use crate::report::rich::{Block, RichText, Span};
use crate::report::words::{self, words};

/// The metrics of the three faces.
pub(crate) struct FontSet {
    pub regular: Metrics,
    pub bold: Metrics,
    pub italic: Metrics,
}

impl FontSet {
    /// The metrics of `face`.
    pub(crate) fn get(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }
}

pub(crate) const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
pub(crate) const GREY: Rgb = Rgb(0.40, 0.40, 0.40);
pub(crate) const RULE: Rgb = Rgb(0.70, 0.70, 0.70);
pub(crate) const HEADER_FILL: Rgb = Rgb(0.90, 0.92, 0.95);
const REQUIREMENT_FILL: Rgb = Rgb(0.96, 0.96, 0.97);
const NAVY: Rgb = Rgb(0.08, 0.20, 0.42);
const LINK: Rgb = Rgb(0.05, 0.30, 0.70);
const CODE: Rgb = Rgb(0.20, 0.20, 0.25);

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const PAD: f32 = 3.0;

/// Lines a paragraph or row keeps before a page break.
const ORPHANS: usize = 3;
/// Lines a paragraph or row carries over after a page break.
const WIDOWS: usize = 2;
/// Rows of up to this many lines are never split.
const KEEP_ROW: usize = 6;

/// The colour of a rating in the chart, the badges and the overview: the Okabe–Ito
/// colour-blind-safe hues (blue, sky blue, yellow, vermillion), the blue darkened, chosen so
/// that their lightness differs enough to tell them apart in greyscale too (CIE L* about 36,
/// 70, 89 and 54; NA 81, not assessed 96). The letter code is always printed on it as well.
pub(crate) fn rating_color(r: Rating) -> Rgb {
    match r {
        Rating::C => Rgb(0.0, 0.345, 0.541),
        Rating::LC => Rgb(0.337, 0.706, 0.914),
        Rating::PC => Rgb(0.941, 0.894, 0.259),
        Rating::NC => Rgb(0.835, 0.369, 0.0),
        Rating::NA => Rgb(0.784, 0.784, 0.784),
        Rating::NotAssessed => Rgb(0.95, 0.95, 0.95),
    }
}

/// The text colour on a rating's colour: white on the dark blue, black on the others (a
/// contrast of at least 4.5:1 either way).
fn on_rating(r: Rating) -> Rgb {
    if r == Rating::C { Rgb::WHITE } else { BLACK }
}

/// Where a run links to.
#[derive(Debug, Clone, PartialEq)]
enum LinkTo {
    Uri(String),
    /// A heading of this document, by its anchor key.
    Anchor(String),
}

/// A run of text in one face and colour, maybe a link, maybe in another language.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    text: String,
    face: Face,
    color: Rgb,
    link: Option<LinkTo>,
    /// The link's description; the run's text when none is given.
    alt: Option<String>,
    lang: Option<String>,
}

fn run(text: impl Into<String>, face: Face) -> Run {
    Run {
        text: text.into(),
        face,
        color: BLACK,
        link: None,
        alt: None,
        lang: None,
    }
}

fn plain(text: &str) -> Vec<Run> {
    vec![run(text, Face::Regular)]
}

fn bold(text: &str) -> Vec<Run> {
    vec![run(text, Face::Bold)]
}

fn colored(text: impl Into<String>, face: Face, color: Rgb) -> Run {
    Run {
        color,
        ..run(text, face)
    }
}

/// Runs of the profile's own text, tagged with its language where they name none.
fn tagged(runs: Vec<Run>, lang: &Option<String>) -> Vec<Run> {
    runs.into_iter()
        .map(|r| Run {
            lang: r.lang.clone().or_else(|| lang.clone()),
            ..r
        })
        .collect()
}

fn article_anchor(n: u16) -> String {
    format!("art-{n}")
}

fn spans_to_runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            text: s.text.clone(),
            face: if s.strong {
                Face::Bold
            } else if s.emphasis {
                Face::Italic
            } else {
                Face::Regular
            },
            color: if s.link.is_some() {
                LINK
            } else if s.code {
                CODE
            } else {
                BLACK
            },
            link: s.link.clone().map(LinkTo::Uri),
            alt: None,
            lang: None,
        })
        .collect()
}

/// Markdown in a one-line text (a summary, a reason quoting the profile) as styled runs:
/// emphasis and links kept, blocks run together, list items keep their numbers.
fn inline_markdown(text: &str) -> Vec<Run> {
    if !text.contains(['*', '_', '`', '[', '<']) {
        return plain(text);
    }
    let mut runs = Vec::new();
    for block in &RichText::parse(text).blocks {
        if !runs.is_empty() {
            runs.push(run(" ", Face::Regular));
        }
        match block {
            Block::Paragraph(spans) => runs.extend(spans_to_runs(spans)),
            Block::List {
                ordered,
                start,
                items,
            } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", *start + i as u64)
                    } else {
                        "• ".to_string()
                    };
                    runs.push(run(marker, Face::Regular));
                    runs.extend(spans_to_runs(item));
                    runs.push(run(" ", Face::Regular));
                }
            }
        }
    }
    runs
}

/// The language of a script that names one (Georgian, Greek, Armenian), for text the
/// profile does not label.
fn script_language(c: char) -> Option<&'static str> {
    match c {
        '\u{10A0}'..='\u{10FF}' | '\u{2D00}'..='\u{2D2F}' => Some("ka"),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some("el"),
        '\u{0530}'..='\u{058F}' => Some("hy"),
        _ => None,
    }
}

/// Splits unlabelled runs where the script changes language, so that a Georgian law title
/// in an English report is read as Georgian. Spaces and punctuation between two words of
/// one script stay with them.
fn label_scripts(runs: &[Run]) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        if r.lang.is_some() || !r.text.chars().any(|c| script_language(c).is_some()) {
            out.push(r.clone());
            continue;
        }
        let mut current: Option<&str> = None;
        let mut text = String::new();
        let mut pending = String::new();
        let push = |out: &mut Vec<Run>, text: &mut String, lang: Option<&str>| {
            if !text.is_empty() {
                out.push(Run {
                    text: std::mem::take(text),
                    lang: lang.map(str::to_string),
                    ..r.clone()
                });
            }
        };
        for c in r.text.chars() {
            let lang = script_language(c);
            if !c.is_alphanumeric() {
                pending.push(c);
                continue;
            }
            if lang != current {
                if current.is_some() {
                    // Spaces and punctuation after a word go to the text that follows.
                    push(&mut out, &mut text, current);
                    text = std::mem::take(&mut pending);
                } else {
                    text.push_str(&pending);
                    pending.clear();
                    push(&mut out, &mut text, current);
                }
                current = lang;
            } else {
                text.push_str(&pending);
                pending.clear();
            }
            text.push(c);
        }
        if current.is_some() {
            push(&mut out, &mut text, current);
            text = pending;
            push(&mut out, &mut text, None);
        } else {
            text.push_str(&pending);
            push(&mut out, &mut text, None);
        }
    }
    out
}

/// Links "see Article 16" and "see Articles 16 and 29" to those articles' headings, where
/// the report has them; other article numbers (often domestic law's) stay plain.
fn link_cross_references(runs: Vec<Run>, articles: &BTreeSet<u16>) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        if r.link.is_some() {
            out.push(r);
            continue;
        }
        let mut cursor = 0;
        for (from, to, n) in see_article_refs(&r.text) {
            if !articles.contains(&n) {
                continue;
            }
            if from > cursor {
                out.push(Run {
                    text: r.text[cursor..from].to_string(),
                    ..r.clone()
                });
            }
            out.push(Run {
                text: r.text[from..to].to_string(),
                color: LINK,
                link: Some(LinkTo::Anchor(article_anchor(n))),
                // "l’article 16" is French: its link is described in French.
                alt: Some(if r.text[from..to].starts_with('l') {
                    words::go_to(Lang::Fr, &format!("article {n}"))
                } else {
                    format!("Go to Article {n}")
                }),
                ..r.clone()
            });
            cursor = to;
        }
        if cursor == 0 {
            out.push(r);
        } else if cursor < r.text.len() {
            out.push(Run {
                text: r.text[cursor..].to_string(),
                ..r.clone()
            });
        }
    }
    out
}

/// Every "see Article N" and "see Articles N and M" in `text`: each number's byte range
/// ("Article N" for the first of a group) and value.
fn see_article_refs(text: &str) -> Vec<(usize, usize, u16)> {
    // ASCII lower-casing keeps byte offsets (the French apostrophe is not ASCII and stays).
    let lower = text.to_ascii_lowercase();
    // Each lead-in, and where in it the linked text starts ("Article 16", "l’article 16").
    const LEADS: [(&str, usize); 4] = [
        ("see article", "see ".len()),
        ("voir l’article", "voir ".len()),
        ("voir l'article", "voir ".len()),
        ("voir les article", "voir ".len()),
    ];
    let mut refs = Vec::new();
    let mut search = 0;
    while let Some((at, lead, skip)) = LEADS
        .iter()
        .filter_map(|(lead, skip)| {
            lower[search..]
                .find(lead)
                .map(|at| (search + at, *lead, *skip))
        })
        .min_by_key(|(at, _, _)| *at)
    {
        let word = at + skip;
        let mut i = at + lead.len();
        if lower[i..].starts_with('s') {
            i += 1;
        }
        let mut first = true;
        while lower[i..].starts_with(' ') {
            let start = i + 1;
            let digits = lower[start..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let Some(n) = (1..=3)
                .contains(&digits)
                .then(|| lower[start..start + digits].parse::<u16>().ok())
                .flatten()
            else {
                break;
            };
            refs.push((if first { word } else { start }, start + digits, n));
            first = false;
            i = start + digits;
            if lower[i..].starts_with(" and ") {
                i += " and".len();
            } else if lower[i..].starts_with(" et ") {
                i += " et".len();
            } else if lower[i..].starts_with(", ") {
                i += ",".len();
            } else {
                break;
            }
        }
        search = i.max(word);
    }
    refs
}

/// A piece of a wrapped line.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    face: Face,
    color: Rgb,
    tag: Tag,
    link: Option<(LinkTo, usize)>,
    x: f32,
    width: f32,
}

type Line = Vec<Piece>;

/// A table cell's lines, each with the list marker (and its tag) that starts it, if any.
type CellLines = Vec<(Option<(String, Tag)>, Line)>;

/// Face, size and colour of a text.
#[derive(Debug, Clone, Copy)]
struct Style(Face, f32, Rgb);

/// A wrapped block of a table cell: its lines, the element their text belongs to, and the
/// list marker with its `Lbl` element for a list item.
struct CellBlock {
    lines: Vec<Line>,
    marker: Option<(String, Tag)>,
}

/// What a table cell holds: paragraphs, some of them list items.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    paras: Vec<(Option<String>, Vec<Run>)>,
    /// A background colour (an artifact; the text says the same).
    fill: Option<Rgb>,
}

impl Cell {
    fn runs(runs: Vec<Run>) -> Cell {
        Cell {
            paras: vec![(None, runs)],
            fill: None,
        }
    }

    fn text(text: &str) -> Cell {
        Cell::runs(plain(text))
    }

    fn bold(text: &str) -> Cell {
        Cell::runs(bold(text))
    }

    fn rich(text: &RichText) -> Cell {
        let mut paras = Vec::new();
        for block in &text.blocks {
            match block {
                Block::Paragraph(spans) => paras.push((None, spans_to_runs(spans))),
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    for (i, item) in items.iter().enumerate() {
                        let marker = if *ordered {
                            format!("{}.", *start + i as u64)
                        } else {
                            "•".into()
                        };
                        paras.push((Some(marker), spans_to_runs(item)));
                    }
                }
            }
        }
        Cell { paras, fill: None }
    }
}

/// A table's columns: relative widths and header labels (none: no header row).
struct Columns<'a> {
    fractions: &'a [f32],
    header: Option<&'a [&'a str]>,
    /// The first column's cells are row headers (`TH` with `/Scope /Row`).
    row_headers: bool,
}

struct Pending {
    page: usize,
    item: usize,
    anchor: String,
}

struct Layout<'f> {
    fonts: &'f FontSet,
    /// The report's language, for the words the layout adds.
    lang: Lang,
    /// The language of the profile's own texts, when it is not the document's: they are
    /// tagged with it.
    profile_lang: Option<String>,
    language: String,
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
    bookmarks: Vec<Bookmark>,
    elements: Vec<Element>,
    /// The open structure elements; the last is where new content goes.
    stack: Vec<usize>,
    anchors: HashMap<String, (usize, f32)>,
    pending: Vec<Pending>,
    /// The table of contents' page-number items: (page, item, anchor).
    toc_numbers: Vec<Pending>,
    articles: BTreeSet<u16>,
    /// Prefixed to every anchor made or linked to while a part of the report is laid out,
    /// so that the Protocol's Article 3 is not the Convention's.
    anchor_prefix: String,
}

/// The lines of a table's first row that must fit below its header: all of a row that is
/// never split, else as many as a split keeps.
fn first_lines(n: usize) -> usize {
    if n <= KEEP_ROW { n } else { ORPHANS }
}

fn leading(size: f32) -> f32 {
    size * 1.3
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f FontSet, paper: Paper, language: &str, articles: BTreeSet<u16>) -> Self {
        let (width, height) = paper.size();
        let margin = 48.0;
        Layout {
            fonts,
            lang: Lang::En,
            profile_lang: None,
            language: language.to_string(),
            width,
            height,
            left: margin,
            right: width - margin,
            top: margin,
            bottom: height - margin,
            pages: Vec::new(),
            items: Vec::new(),
            y: margin,
            bookmarks: Vec::new(),
            elements: vec![Element {
                role: Role::Document,
                parent: None,
                lang: None,
                alt: None,
            }],
            stack: vec![0],
            anchors: HashMap::new(),
            pending: Vec::new(),
            toc_numbers: Vec::new(),
            articles,
            anchor_prefix: String::new(),
        }
    }

    fn text_width(&self) -> f32 {
        self.right - self.left
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items,
        });
        self.y = self.top;
    }

    fn page_index(&self) -> usize {
        self.pages.len()
    }

    fn at_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom && !self.at_top() {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// A new structure element under `parent`.
    fn element_under(&mut self, parent: usize, role: Role) -> usize {
        self.elements.push(Element {
            role,
            parent: Some(parent),
            lang: None,
            alt: None,
        });
        self.elements.len() - 1
    }

    /// A new structure element under the current one.
    fn element(&mut self, role: Role) -> usize {
        let parent = *self.stack.last().expect("the root is never closed");
        self.element_under(parent, role)
    }

    /// Opens an element: what follows goes into it until [`Layout::close`].
    fn open(&mut self, role: Role) -> usize {
        let id = self.element(role);
        self.stack.push(id);
        id
    }

    fn close(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The tag of a run's text in an element: the element itself, or a `Link` or a
    /// language `Span` under it.
    fn run_tag(&mut self, r: &Run, tag: Tag) -> (Tag, Option<(LinkTo, usize)>) {
        let Tag::Element(parent) = tag else {
            return (tag, None);
        };
        if let Some(link) = &r.link {
            let id = self.element_under(parent, Role::Link);
            let lang = self.lang;
            let alt = r.alt.clone().unwrap_or_else(|| match link {
                LinkTo::Uri(uri) if uri.trim() == r.text.trim() => match lang {
                    Lang::En => format!("Web address {uri}"),
                    Lang::Fr => format!("Adresse web {uri}"),
                },
                LinkTo::Uri(uri) => format!("{} ({uri})", r.text.trim()),
                LinkTo::Anchor(_) => words::go_to(lang, r.text.trim()),
            });
            self.elements[id].alt = Some(alt);
            return (Tag::Element(id), Some((link.clone(), id)));
        }
        match &r.lang {
            Some(lang) if !lang.is_empty() && !same_language(lang, &self.language) => {
                let id = self.element_under(parent, Role::Span);
                self.elements[id].lang = Some(lang.clone());
                (Tag::Element(id), None)
            }
            _ => (tag, None),
        }
    }

    /// Greedy word wrap of mixed runs into lines no wider than `width`; text belongs to `tag`
    /// (links and other languages get elements of their own under it).
    fn wrap(&mut self, runs: &[Run], size: f32, width: f32, tag: Tag) -> Vec<Line> {
        let labelled;
        let runs = if matches!(tag, Tag::Element(_)) {
            labelled = label_scripts(runs);
            &labelled[..]
        } else {
            runs
        };
        let mut lines: Vec<Line> = vec![Vec::new()];
        let mut x = 0.0f32;
        for r in runs {
            if r.text.is_empty() {
                continue;
            }
            let (run_tag, link) = self.run_tag(r, tag);
            let metrics = self.fonts.get(r.face);
            let mut tokens: Vec<String> = Vec::new();
            let mut token = String::new();
            for c in r.text.chars() {
                let c = if c == '\n' || c == '\t' { ' ' } else { c };
                if c == ' ' {
                    if !token.is_empty() {
                        tokens.push(std::mem::take(&mut token));
                    }
                    tokens.push(" ".into());
                } else {
                    token.push(c);
                }
            }
            if !token.is_empty() {
                tokens.push(token);
            }
            let piece = |text: String, x: f32, width: f32| Piece {
                text,
                face: r.face,
                color: r.color,
                tag: run_tag,
                link: link.clone(),
                x,
                width,
            };
            for t in tokens {
                let w = metrics.width(&t, size);
                let line = lines.last_mut().expect("there is always a line");
                if t == " " {
                    if line.is_empty() {
                        continue;
                    }
                } else if x + w > width && !line.is_empty() {
                    if line.last().is_some_and(|p| p.text == " ") {
                        line.pop();
                    }
                    lines.push(Vec::new());
                    x = 0.0;
                }
                if t != " " && w > width {
                    // A word wider than the column: break it between characters.
                    let mut chunk = String::new();
                    let mut chunk_w = 0.0;
                    for c in t.chars() {
                        let cw = metrics.width(c.encode_utf8(&mut [0; 4]), size);
                        if x + chunk_w + cw > width && !chunk.is_empty() {
                            lines.last_mut().expect("a line").push(piece(
                                std::mem::take(&mut chunk),
                                x,
                                chunk_w,
                            ));
                            lines.push(Vec::new());
                            x = 0.0;
                            chunk_w = 0.0;
                        }
                        chunk.push(c);
                        chunk_w += cw;
                    }
                    lines
                        .last_mut()
                        .expect("a line")
                        .push(piece(chunk, x, chunk_w));
                    x += chunk_w;
                    continue;
                }
                let line = lines.last_mut().expect("a line");
                if let Some(last) = line.last_mut()
                    && last.face == r.face
                    && last.color == r.color
                    && last.tag == run_tag
                {
                    last.text.push_str(&t);
                    last.width += w;
                } else {
                    line.push(piece(t, x, w));
                }
                x += w;
            }
        }
        for line in &mut lines {
            if line.last().is_some_and(|p| p.text == " ") {
                line.pop();
            }
        }
        lines.retain(|l| !l.is_empty());
        lines
    }

    fn push_text(&mut self, style: Style, x: f32, y: f32, text: String, tag: Tag) {
        let Style(face, size, color) = style;
        self.items.push(Item::Text {
            face,
            size,
            x,
            y,
            text,
            color,
            tag,
        });
    }

    fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32) {
        for p in line {
            self.push_text(
                Style(p.face, size, p.color),
                x + p.x,
                baseline,
                p.text.clone(),
                p.tag,
            );
            if let Some((to, element)) = &p.link {
                self.link_item(x + p.x, baseline - size, p.width, size * 1.25, to, *element);
            }
        }
    }

    fn link_item(&mut self, x: f32, y: f32, w: f32, h: f32, to: &LinkTo, element: usize) {
        let target = match to {
            LinkTo::Uri(uri) => Target::Uri(uri.clone()),
            LinkTo::Anchor(anchor) => {
                self.pending.push(Pending {
                    page: self.page_index(),
                    item: self.items.len(),
                    anchor: format!("{}{anchor}", self.anchor_prefix),
                });
                Target::Page { page: 0, y: 0.0 }
            }
        };
        self.items.push(Item::Link {
            x,
            y,
            w,
            h,
            target,
            element,
        });
    }

    /// How many of `rest` lines of height `lh` to set before a page break, keeping
    /// [`ORPHANS`] and [`WIDOWS`]; `None`: break the page first. `whole` keeps the block whole.
    fn lines_here(&self, rest: usize, lh: f32, extra: f32, whole: bool) -> Option<usize> {
        let room = ((self.bottom - self.y - extra) / lh + 0.01)
            .floor()
            .max(0.0) as usize;
        if rest <= room {
            return Some(rest);
        }
        if self.at_top() {
            // A block taller than a fresh page: fill it.
            return Some(room.max(1).min(rest));
        }
        if whole {
            return None;
        }
        let take = room.min(rest.saturating_sub(WIDOWS));
        (take >= ORPHANS).then_some(take)
    }

    /// Wrapped lines at the cursor, breaking pages between lines with widow and orphan control.
    fn lines(&mut self, lines: &[Line], size: f32, indent: f32) {
        let lh = leading(size);
        let mut from = 0;
        let whole = lines.len() < ORPHANS + WIDOWS;
        while from < lines.len() {
            let Some(take) = self.lines_here(lines.len() - from, lh, 0.0, whole) else {
                self.new_page();
                continue;
            };
            for line in &lines[from..from + take] {
                let baseline = self.y + size;
                self.draw_line(line, self.left + indent, baseline, size);
                self.y += lh;
            }
            from += take;
            if from < lines.len() {
                self.new_page();
            }
        }
    }

    /// A paragraph (`P`) at the cursor.
    fn paragraph(&mut self, runs: &[Run], size: f32) {
        let p = self.element(Role::P);
        let lines = self.wrap(runs, size, self.text_width(), Tag::Element(p));
        self.lines(&lines, size, 0.0);
    }

    /// One list item (`LI` with `Lbl` and `LBody`) of the open list.
    fn list_item(&mut self, marker: &str, runs: &[Run], size: f32) {
        let indent = (self.fonts.get(Face::Regular).width(marker, size) + 6.0).max(14.0);
        let li = self.element(Role::LI);
        let lbl = self.element_under(li, Role::Lbl);
        let body = self.element_under(li, Role::LBody);
        let lines = self.wrap(runs, size, self.text_width() - indent, Tag::Element(body));
        let lh = leading(size);
        let whole = lines.len() < ORPHANS + WIDOWS;
        if self.lines_here(lines.len(), lh, 0.0, whole).is_none() {
            self.new_page();
        }
        let baseline = self.y + size;
        self.push_text(
            Style(Face::Regular, size, BLACK),
            self.left + 2.0,
            baseline,
            marker.to_string(),
            Tag::Element(lbl),
        );
        self.lines(&lines, size, indent);
    }

    /// A list of items, each one paragraph.
    fn list(&mut self, items: &[(String, Vec<Run>)], size: f32) {
        self.open(Role::L);
        for (marker, runs) in items {
            self.list_item(marker, runs, size);
        }
        self.close();
    }

    fn rich(&mut self, text: &RichText, size: f32) {
        for block in &text.blocks {
            match block {
                Block::Paragraph(spans) => {
                    let runs = link_cross_references(
                        tagged(spans_to_runs(spans), &self.profile_lang),
                        &self.articles,
                    );
                    self.paragraph(&runs, size);
                    self.y += size * 0.4;
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    let items: Vec<(String, Vec<Run>)> = items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let marker = if *ordered {
                                format!("{}.", *start + i as u64)
                            } else {
                                "•".into()
                            };
                            (
                                marker,
                                link_cross_references(
                                    tagged(spans_to_runs(item), &self.profile_lang),
                                    &self.articles,
                                ),
                            )
                        })
                        .collect();
                    self.list(&items, size);
                    self.y += size * 0.4;
                }
            }
        }
    }

    /// The height of a heading of `text` at `size`, with its spacing.
    fn heading_height(&mut self, text: &str, size: f32) -> f32 {
        let n = self
            .wrap(&bold(text), size, self.text_width(), Tag::Artifact)
            .len();
        size * 0.8 + n as f32 * leading(size) + size * 0.3
    }

    /// A heading, kept with at least `keep` points of what follows; `anchor` makes it a link
    /// target and `bookmark` an outline entry of that level.
    fn heading(
        &mut self,
        text: &str,
        size: f32,
        role: Role,
        keep: f32,
        anchor: Option<String>,
        bookmark: Option<u8>,
    ) {
        self.space(size * 0.8);
        let h = self.element(role);
        let lines = self.wrap(
            &[colored(text, Face::Bold, NAVY)],
            size,
            self.text_width(),
            Tag::Element(h),
        );
        self.ensure(lines.len() as f32 * leading(size) + size * 0.3 + keep);
        if let Some(anchor) = anchor {
            let key = format!("{}{anchor}", self.anchor_prefix);
            self.anchors.insert(key, (self.page_index(), self.y));
        }
        if let Some(level) = bookmark {
            self.bookmarks.push(Bookmark {
                title: text.into(),
                page: self.page_index(),
                y: self.y,
                level,
            });
        }
        for line in &lines {
            let baseline = self.y + size;
            self.draw_line(line, self.left, baseline, size);
            self.y += leading(size);
        }
        self.y += size * 0.3;
    }

    fn hline(&mut self, y: f32) {
        self.items.push(Item::Line {
            x1: self.left,
            y1: y,
            x2: self.right,
            y2: y,
            width: 0.4,
            color: RULE,
        });
    }

    /// Wraps a cell's paragraphs into blocks, creating their structure under `td`.
    fn wrap_cell(&mut self, cell: &Cell, size: f32, width: f32, td: usize) -> Vec<CellBlock> {
        let single = cell.paras.len() == 1 && cell.paras[0].0.is_none();
        let mut blocks = Vec::new();
        let mut list: Option<usize> = None;
        for (marker, runs) in &cell.paras {
            let runs = link_cross_references(runs.clone(), &self.articles);
            match marker {
                None => {
                    list = None;
                    let tag = if single {
                        td
                    } else {
                        self.element_under(td, Role::P)
                    };
                    blocks.push(CellBlock {
                        lines: self.wrap(&runs, size, width, Tag::Element(tag)),
                        marker: None,
                    });
                }
                Some(m) => {
                    let l = match list {
                        Some(l) => l,
                        None => {
                            let l = self.element_under(td, Role::L);
                            list = Some(l);
                            l
                        }
                    };
                    let li = self.element_under(l, Role::LI);
                    let lbl = self.element_under(li, Role::Lbl);
                    let body = self.element_under(li, Role::LBody);
                    blocks.push(CellBlock {
                        lines: self.wrap(&runs, size, width - 10.0, Tag::Element(body)),
                        marker: Some((m.clone(), Tag::Element(lbl))),
                    });
                }
            }
        }
        blocks
    }

    /// A table (`Table`, `TR`, `TH`, `TD`) whose rows may break across pages; the header is
    /// repeated, as an artifact, on each new page. `keep` is what must follow the first row.
    fn table(&mut self, columns: &Columns<'_>, rows: &[Vec<Cell>], size: f32) {
        let total: f32 = columns.fractions.iter().sum();
        let widths: Vec<f32> = columns
            .fractions
            .iter()
            .map(|f| f / total * self.text_width())
            .collect();
        let lh = leading(size);
        let table = self.open(Role::Table);
        let header_cells: Vec<(Vec<Line>, Vec<Line>)> = match columns.header {
            Some(header) => {
                let tr = self.element(Role::TR);
                header
                    .iter()
                    .zip(&widths)
                    .map(|(h, w)| {
                        let th = self.element_under(tr, Role::TH);
                        let real = self.wrap(&bold(h), size, w - 2.0 * PAD, Tag::Element(th));
                        let repeat = self.wrap(&bold(h), size, w - 2.0 * PAD, Tag::Artifact);
                        (real, repeat)
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let header_lines = header_cells.iter().map(|c| c.0.len()).max().unwrap_or(0);
        let header_h = if header_lines == 0 {
            0.0
        } else {
            header_lines as f32 * lh + 2.0 * PAD
        };
        // Row structure and wrapping, before any page decision.
        let mut wrapped: Vec<Vec<CellLines>> = Vec::new();
        let fills: Vec<Vec<Option<Rgb>>> = rows
            .iter()
            .map(|row| row.iter().map(|c| c.fill).collect())
            .collect();
        for row in rows {
            let tr = self.element_under(table, Role::TR);
            let mut cells = Vec::new();
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                let role = if i == 0 && columns.row_headers {
                    Role::TH
                } else {
                    Role::TD
                };
                let td = self.element_under(tr, role);
                let blocks = self.wrap_cell(cell, size, w - 2.0 * PAD, td);
                let mut lines = Vec::new();
                for b in blocks {
                    let mut marker = b.marker;
                    for line in b.lines {
                        lines.push((marker.take(), line));
                    }
                }
                cells.push(lines);
            }
            wrapped.push(cells);
        }
        let first = wrapped
            .first()
            .map_or(1, |c| c.iter().map(Vec::len).max().unwrap_or(1).max(1));
        self.ensure(header_h + first_lines(first) as f32 * lh + 2.0 * PAD);
        let mut segment_top = self.y;
        self.table_header(&widths, &header_cells, header_h, size, true);
        for (cells, fills) in wrapped.iter().zip(&fills) {
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < n {
                let whole = n <= KEEP_ROW;
                let Some(take) = self.lines_here(n - from, lh, 2.0 * PAD, whole) else {
                    self.grid(&widths, segment_top, self.y - segment_top);
                    self.new_page();
                    segment_top = self.y;
                    self.table_header(&widths, &header_cells, header_h, size, false);
                    continue;
                };
                let h = take as f32 * lh + 2.0 * PAD;
                let mut x = self.left;
                for (fill, w) in fills.iter().zip(&widths) {
                    if let Some(fill) = fill {
                        self.items.push(Item::Rect {
                            x,
                            y: self.y,
                            w: *w,
                            h,
                            fill: Some(*fill),
                            stroke: None,
                        });
                    }
                    x += w;
                }
                let mut x = self.left;
                for (cell, w) in cells.iter().zip(&widths) {
                    for (i, (marker, line)) in cell.iter().skip(from).take(take).enumerate() {
                        let baseline = self.y + PAD + i as f32 * lh + size;
                        let indent = if let Some((m, tag)) = marker {
                            self.push_text(
                                Style(Face::Regular, size, BLACK),
                                x + PAD,
                                baseline,
                                m.clone(),
                                *tag,
                            );
                            10.0
                        } else if line.first().is_some_and(|p| self.in_list(p.tag)) {
                            10.0
                        } else {
                            0.0
                        };
                        self.draw_line(line, x + PAD + indent, baseline, size);
                    }
                    x += w;
                }
                self.hline(self.y + h);
                self.y += h;
                from += take;
                if from < n {
                    self.grid(&widths, segment_top, self.y - segment_top);
                    self.new_page();
                    segment_top = self.y;
                    self.table_header(&widths, &header_cells, header_h, size, false);
                }
            }
        }
        self.grid(&widths, segment_top, self.y - segment_top);
        self.close();
        self.y += 4.0;
    }

    /// How many lines a cell takes at `width` (nothing is drawn or tagged).
    fn cell_lines(&mut self, cell: &Cell, size: f32, width: f32) -> usize {
        cell.paras
            .iter()
            .map(|(marker, runs)| {
                let indent = if marker.is_some() { 10.0 } else { 0.0 };
                self.wrap(runs, size, width - indent, Tag::Artifact).len()
            })
            .sum()
    }

    /// Whether text of this tag sits in a list item's body.
    fn in_list(&self, tag: Tag) -> bool {
        let Tag::Element(mut e) = tag else {
            return false;
        };
        loop {
            match self.elements[e].role {
                Role::LBody => return true,
                Role::TD | Role::TH => return false,
                _ => {}
            }
            match self.elements[e].parent {
                Some(p) => e = p,
                None => return false,
            }
        }
    }

    fn table_header(
        &mut self,
        widths: &[f32],
        cells: &[(Vec<Line>, Vec<Line>)],
        h: f32,
        size: f32,
        first: bool,
    ) {
        if h == 0.0 {
            return;
        }
        self.items.push(Item::Rect {
            x: self.left,
            y: self.y,
            w: self.text_width(),
            h,
            fill: Some(HEADER_FILL),
            stroke: None,
        });
        let mut x = self.left;
        for ((real, repeat), w) in cells.iter().zip(widths) {
            let lines = if first { real } else { repeat };
            for (i, line) in lines.iter().enumerate() {
                let baseline = self.y + PAD + i as f32 * leading(size) + size;
                self.draw_line(line, x + PAD, baseline, size);
            }
            x += w;
        }
        self.hline(self.y + h);
        self.y += h;
    }

    fn grid(&mut self, widths: &[f32], y: f32, h: f32) {
        if h <= 0.0 {
            return;
        }
        let mut x = self.left;
        self.hline(y);
        self.hline(y + h);
        for w in std::iter::once(&0.0).chain(widths) {
            x += w;
            self.items.push(Item::Line {
                x1: x,
                y1: y,
                x2: x,
                y2: y + h,
                width: 0.4,
                color: RULE,
            });
        }
    }

    /// Stacked bars: how many articles of each division have each rating; a `Figure` whose
    /// alternative text gives the same counts (the table that follows gives them too).
    fn chart(&mut self, rows: &[(String, &Index)]) {
        let label_w = self.text_width() * 0.42;
        let bar_w = self.text_width() - label_w - 30.0;
        let bar_h = 11.0;
        let row_h = 17.0;
        self.ensure(rows.len() as f32 * row_h + 30.0);
        let figure = self.element(Role::Figure);
        let alt = rows
            .iter()
            .map(|(label, index)| {
                let counts: Vec<String> = Rating::ALL
                    .iter()
                    .filter(|r| index.counts.get(**r) > 0)
                    .map(|r| format!("{} {}", index.counts.get(*r), rating_name(self.lang, *r)))
                    .collect();
                format!("{label}: {}", counts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        self.elements[figure].alt = Some(format!("{}. {alt}.", words(self.lang).bar_chart));
        let tag = Tag::Element(figure);
        for (label, index) in rows {
            let lines = self.wrap(&plain(label), SMALL, label_w - 6.0, tag);
            let h = row_h.max(lines.len() as f32 * leading(SMALL) + 4.0);
            self.ensure(h);
            for (i, line) in lines.iter().enumerate() {
                self.draw_line(
                    line,
                    self.left,
                    self.y + SMALL + i as f32 * leading(SMALL),
                    SMALL,
                );
            }
            let total = index.scorable.max(1) as f32;
            let mut x = self.left + label_w;
            for r in Rating::ALL {
                let n = index.counts.get(r);
                if n == 0 {
                    continue;
                }
                let w = bar_w * n as f32 / total;
                self.items.push(Item::Rect {
                    x,
                    y: self.y,
                    w,
                    h: bar_h,
                    fill: Some(rating_color(r)),
                    stroke: Some(Rgb::WHITE),
                });
                let label = format!("{n}");
                let lw = self.fonts.regular.width(&label, 7.0);
                if lw + 2.0 < w {
                    self.push_text(
                        Style(Face::Regular, 7.0, on_rating(r)),
                        x + (w - lw) / 2.0,
                        self.y + 8.2,
                        label,
                        tag,
                    );
                }
                x += w;
            }
            let score = index
                .score
                .map_or_else(|| "n/a".to_string(), |s| format!("{s:.1}"));
            self.push_text(
                Style(Face::Bold, SMALL, BLACK),
                self.left + label_w + bar_w + 4.0,
                self.y + 8.5,
                score,
                tag,
            );
            self.y += h;
        }
        self.y += 2.0;
        let mut x = self.left + label_w;
        for r in Rating::ALL {
            self.items.push(Item::Rect {
                x,
                y: self.y,
                w: 8.0,
                h: 8.0,
                fill: Some(rating_color(r)),
                stroke: Some(RULE),
            });
            let label = rating_name(self.lang, r).to_string();
            let w = self.fonts.regular.width(&label, 7.0);
            self.push_text(
                Style(Face::Regular, 7.0, GREY),
                x + 10.0,
                self.y + 7.0,
                label,
                tag,
            );
            x += 16.0 + w;
        }
        self.y += 16.0;
    }

    /// The rating badge: a coloured box (artifact) with the rating's name and code (`P`).
    fn badge(&mut self, rating: Rating, tally: &str) {
        self.ensure(20.0);
        let p = self.element(Role::P);
        let tag = Tag::Element(p);
        let label = match rating {
            Rating::NotAssessed => words(self.lang).not_assessed.to_string(),
            r => format!(
                "{} ({})",
                words::rating_label(self.lang, r),
                r.abbreviation()
            ),
        };
        let w = self.fonts.bold.width(&label, BODY) + 10.0;
        self.items.push(Item::Rect {
            x: self.left,
            y: self.y,
            w,
            h: 15.0,
            fill: Some(rating_color(rating)),
            stroke: None,
        });
        self.push_text(
            Style(Face::Bold, BODY, on_rating(rating)),
            self.left + 5.0,
            self.y + 11.0,
            label,
            tag,
        );
        if !tally.is_empty() {
            self.push_text(
                Style(Face::Regular, BODY, GREY),
                self.left + w + 8.0,
                self.y + 11.0,
                tally.to_string(),
                tag,
            );
        }
        self.y += 21.0;
    }

    /// The table of contents: one linked entry per heading, page numbers filled in by
    /// [`Layout::finish`].
    fn toc(&mut self, entries: &[(u8, String, String)]) {
        self.heading(words(self.lang).contents, 13.0, Role::H1, 60.0, None, None);
        self.open(Role::TOC);
        for (level, title, anchor) in entries {
            let size = if *level == 0 { BODY } else { SMALL + 0.5 };
            let face = if *level == 0 {
                Face::Bold
            } else {
                Face::Regular
            };
            let indent = f32::from(*level) * 12.0;
            let lh = leading(size) + if *level == 0 { 2.0 } else { 0.0 };
            self.ensure(lh);
            let toci = self.element(Role::TOCI);
            let reference = self.element_under(toci, Role::Reference);
            let link = self.element_under(reference, Role::Link);
            self.elements[link].alt = Some(words::go_to(self.lang, title));
            let tag = Tag::Element(link);
            // A long title wraps, its further lines indented, the page number on its last.
            let max = self.text_width() - indent - 30.0;
            let lines = toc_lines(self.fonts.get(face), title, size, max, max - TOC_HANG);
            let rest = leading(size) * (lines.len() - 1) as f32;
            self.ensure(lh + rest);
            let top = self.y;
            let mut baseline = self.y + size;
            for (i, line) in lines.into_iter().enumerate() {
                if i > 0 {
                    baseline += leading(size);
                }
                let hang = if i == 0 { 0.0 } else { TOC_HANG };
                self.push_text(
                    Style(face, size, BLACK),
                    self.left + indent + hang,
                    baseline,
                    line,
                    tag,
                );
            }
            self.y += rest;
            self.toc_numbers.push(Pending {
                page: self.page_index(),
                item: self.items.len(),
                anchor: anchor.clone(),
            });
            self.push_text(
                Style(face, size, BLACK),
                self.right,
                baseline,
                String::new(),
                tag,
            );
            self.link_item(
                self.left + indent,
                top,
                self.text_width() - indent,
                lh + rest,
                &LinkTo::Anchor(anchor.clone()),
                link,
            );
            self.y += lh;
        }
        self.close();
    }

    fn item_mut(&mut self, page: usize, item: usize) -> Option<&mut Item> {
        self.pages.get_mut(page)?.items.get_mut(item)
    }

    fn finish(mut self, report: &Report) -> Document {
        if !self.items.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        // Internal links and the table of contents, now that every heading has its page.
        for p in std::mem::take(&mut self.pending) {
            let dest = self.anchors.get(&p.anchor).copied();
            if let (Some((page, y)), Some(Item::Link { target, .. })) =
                (dest, self.item_mut(p.page, p.item))
            {
                *target = Target::Page { page, y };
            }
        }
        for p in std::mem::take(&mut self.toc_numbers) {
            let number = self
                .anchors
                .get(&p.anchor)
                .map_or_else(String::new, |(page, _)| format!("{}", page + 1));
            let right = self.right;
            let fonts = self.fonts;
            if let Some(Item::Text {
                text,
                x,
                face,
                size,
                ..
            }) = self.item_mut(p.page, p.item)
            {
                *x = right - fonts.get(*face).width(&number, *size);
                *text = number;
            }
        }
        let total = self.pages.len();
        // The date is kept whole: a title too long for the footer is shortened instead.
        let footer_date = match self.lang {
            Lang::En => format!(" — as of {}", report.as_of),
            Lang::Fr => format!(" — à jour au {}", report.as_of),
        };
        for (i, page) in self.pages.iter_mut().enumerate() {
            let y = self.height - 28.0;
            page.items.push(Item::Line {
                x1: self.left,
                y1: y - 10.0,
                x2: self.right,
                y2: y - 10.0,
                width: 0.4,
                color: RULE,
            });
            let right = match self.lang {
                Lang::En => format!("Page {} of {total}", i + 1),
                Lang::Fr => format!("Page {} sur {total}", i + 1),
            };
            let rw = self.fonts.regular.width(&right, 7.5);
            let max_left = self.right - self.left - rw - 20.0;
            let mut title = report.title.clone();
            let fits = |t: &str| self.fonts.regular.width(&format!("{t}{footer_date}"), 7.5);
            if fits(&title) > max_left {
                while fits(&format!("{title}…")) > max_left && title.pop().is_some() {}
                title = format!("{}…", title.trim_end());
            }
            let left = format!("{title}{footer_date}");
            for (x, text) in [(self.left, left), (self.right - rw, right)] {
                page.items.push(Item::Text {
                    face: Face::Regular,
                    size: 7.5,
                    x,
                    y,
                    text,
                    color: GREY,
                    tag: Tag::Artifact,
                });
            }
        }
        Document {
            title: report.title.clone(),
            subject: match self.lang {
                Lang::En => format!(
                    "{} — gap analysis against {}",
                    report.jurisdiction, report.instrument
                ),
                Lang::Fr => format!(
                    "{} — analyse des lacunes au regard de la {}",
                    report.jurisdiction, report.instrument
                ),
            },
            author: report.prepared_by.clone(),
            language: report.language.clone(),
            pages: self.pages,
            bookmarks: self.bookmarks,
            elements: self.elements,
        }
    }
}

/// Whether two BCP 47 tags name the same language (`en` and `en-GB` do).
fn same_language(a: &str, b: &str) -> bool {
    let primary = |s: &str| {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
}

fn rating_name(lang: Lang, r: Rating) -> &'static str {
    match r {
        Rating::NotAssessed => words(lang).not_assessed_lower,
        r => r.abbreviation(),
    }
}

/// What must follow an article's heading on its page: the badge, the requirement and the
/// start of the provisions table, measured as [`article`] lays them out.
fn article_keep(l: &mut Layout<'_>, a: &ArticleBlock) -> f32 {
    let req = l
        .wrap(
            &plain(&a.requirement),
            BODY,
            l.text_width() - 2.0 * PAD,
            Tag::Artifact,
        )
        .len();
    let badge = 21.0;
    let requirement = leading(SMALL) + req as f32 * leading(BODY) + 2.0 * PAD + 6.0;
    let header = leading(SMALL) + 2.0 * PAD;
    let widths = [0.4 * l.text_width(), 0.6 * l.text_width()];
    let first = provision_cells(l.lang, &l.profile_lang.clone(), a)
        .first()
        .map_or(1, |row| {
            row.iter()
                .zip(widths)
                .map(|(c, w)| l.cell_lines(c, SMALL, w - 2.0 * PAD))
                .max()
                .unwrap_or(1)
        })
        .max(1);
    badge + requirement + header + first_lines(first) as f32 * leading(SMALL) + 2.0 * PAD
}

/// One row per provision: law, reference and heading on the left; what it provides, and its
/// words where the profile quotes them, on the right.
fn provision_cells(lang: Lang, profile_lang: &Option<String>, a: &ArticleBlock) -> Vec<Vec<Cell>> {
    let w = words(lang);
    a.provisions
        .iter()
        .map(|p| {
            // The citation names the law in its own language.
            let mut left = vec![(
                None,
                vec![Run {
                    lang: p.language.clone(),
                    ..run(p.citation.clone(), Face::Bold)
                }],
            )];
            if !p.heading.is_empty() {
                left.push((
                    None,
                    vec![Run {
                        lang: p.language.clone(),
                        ..run(p.heading.clone(), Face::Regular)
                    }],
                ));
            }
            let right = match p.shown_under {
                Some(n) => Cell::runs(vec![
                    run(w.given_in_full_under, Face::Italic),
                    Run {
                        color: LINK,
                        link: Some(LinkTo::Anchor(article_anchor(n))),
                        alt: Some(words::go_to(lang, &format!("Article {n}"))),
                        ..run(
                            match lang {
                                Lang::En => format!("Article {n}"),
                                Lang::Fr => format!("article {n}"),
                            },
                            Face::Italic,
                        )
                    },
                    run(".", Face::Italic),
                ]),
                None => {
                    let mut paras = vec![(None, tagged(inline_markdown(&p.summary), profile_lang))];
                    if let Some(anchor) = &p.annex {
                        paras.push((
                            None,
                            vec![Run {
                                color: LINK,
                                link: Some(LinkTo::Anchor(anchor.clone())),
                                alt: Some(match lang {
                                    Lang::En => {
                                        format!("Go to the text of {} in the annex", p.citation)
                                    }
                                    Lang::Fr => {
                                        format!("Aller au texte de {} en annexe", p.citation)
                                    }
                                }),
                                ..run(w.text_in_annex, Face::Italic)
                            }],
                        ));
                    }
                    Cell { paras, fill: None }
                }
            };
            vec![
                Cell {
                    paras: left,
                    fill: None,
                },
                right,
            ]
        })
        .collect()
}

fn article(l: &mut Layout<'_>, a: &ArticleBlock, level: Role) {
    let lang = l.lang;
    let w = words(lang);
    let colon = if lang == Lang::Fr { " : " } else { ": " };
    let keep = article_keep(l, a);
    l.heading(
        &a.heading,
        11.5,
        level,
        keep,
        Some(article_anchor(a.number)),
        Some(2),
    );
    l.badge(a.rating, &a.tally);
    // The requirement: a shaded box, kept whole.
    let p = l.element(Role::P);
    let label = l.wrap(
        &[colored(&a.requirement_label, Face::Bold, GREY)],
        SMALL,
        l.text_width(),
        Tag::Element(p),
    );
    let p2 = l.element(Role::P);
    let req = l.wrap(
        &plain(&a.requirement),
        BODY,
        l.text_width() - 2.0 * PAD,
        Tag::Element(p2),
    );
    let h = leading(SMALL) + req.len() as f32 * leading(BODY) + 2.0 * PAD;
    l.ensure(h);
    l.items.push(Item::Rect {
        x: l.left,
        y: l.y,
        w: l.text_width(),
        h,
        fill: Some(REQUIREMENT_FILL),
        stroke: None,
    });
    l.y += PAD;
    for line in &label {
        let baseline = l.y + SMALL;
        l.draw_line(line, l.left + PAD, baseline, SMALL);
        l.y += leading(SMALL);
    }
    l.lines(&req, BODY, PAD);
    l.y += PAD + 6.0;

    let rows = if a.provisions.is_empty() {
        vec![vec![
            Cell::runs(vec![run(w.no_provision, Face::Italic)]),
            Cell::default(),
        ]]
    } else {
        provision_cells(lang, &l.profile_lang.clone(), a)
    };
    l.table(
        &Columns {
            fractions: &[2.0, 3.0],
            header: Some(&[w.domestic_provision, w.what_it_provides]),
            row_headers: false,
        },
        &rows,
        SMALL,
    );
    if a.elements_met > 0 {
        l.paragraph(
            &plain(&words::elements_met(
                lang,
                a.elements_met,
                a.elements.is_empty(),
            )),
            SMALL,
        );
        l.y += 3.0;
    }
    if !a.elements.is_empty() {
        let rows: Vec<Vec<Cell>> = a
            .elements
            .iter()
            .map(|e| {
                vec![
                    Cell::text(if e.paragraph.is_empty() {
                        "—"
                    } else {
                        &e.paragraph
                    }),
                    Cell::text(&e.requirement),
                    Cell::bold(&e.status),
                    {
                        let mut note = Cell::rich(&RichText::parse(&e.note));
                        for (_, runs) in &mut note.paras {
                            *runs = tagged(std::mem::take(runs), &l.profile_lang);
                        }
                        note
                    },
                ]
            })
            .collect();
        l.table(
            &Columns {
                fractions: &[0.5, 3.0, 1.1, 2.4],
                header: Some(&[w.para, w.element, w.status, w.note]),
                row_headers: false,
            },
            &rows,
            SMALL,
        );
    }
    if !a.reasons.is_empty() {
        let items: Vec<(String, Vec<Run>)> = a
            .reasons
            .iter()
            .map(|r| {
                (
                    "•".to_string(),
                    link_cross_references(inline_markdown(r), &l.articles),
                )
            })
            .collect();
        lead_in(l, w.reasons, items.first().map(|i| &i.1));
        l.list(&items, SMALL);
        l.y += 3.0;
    }
    if !a.options.is_empty() {
        let items: Vec<(String, Vec<Run>)> = a
            .options
            .iter()
            .map(|o| {
                let mut runs = vec![run(format!("{}{colon}", o.status), Face::Bold)];
                runs.extend(inline_markdown(&o.requirement));
                ("•".to_string(), runs)
            })
            .collect();
        lead_in(l, w.options_heading, items.first().map(|i| &i.1));
        l.list(&items, SMALL);
        l.y += 3.0;
    }
    if !a.practice.is_empty() {
        l.paragraph(&inline_markdown(&a.practice), SMALL);
        l.y += 3.0;
    }
    if !a.gaps.is_empty() {
        let items: Vec<(String, Vec<Run>)> = a
            .gaps
            .iter()
            .map(|g| {
                let mut runs = vec![run(
                    format!("{}{colon}", words::severity(lang, g.severity)),
                    Face::Bold,
                )];
                runs.extend(inline_markdown(&g.message));
                if !g.recommendation.is_empty() {
                    let see = if lang == Lang::Fr { "voir" } else { "see" };
                    runs.push(run(format!(" ({see} {})", g.recommendation), Face::Regular));
                }
                ("•".to_string(), link_cross_references(runs, &l.articles))
            })
            .collect();
        lead_in(l, w.gaps, items.first().map(|i| &i.1));
        l.list(&items, SMALL);
        l.y += 3.0;
    }
    if !a.recommendations.is_empty() {
        let items: Vec<(String, Vec<Run>)> = a
            .recommendations
            .iter()
            .map(|r| {
                let label = match lang {
                    Lang::En => format!("({} priority) ", r.priority),
                    Lang::Fr => format!("(priorité {}) ", words::priority(lang, &r.priority)),
                };
                let mut runs = vec![run(label, Face::Bold)];
                runs.extend(inline_markdown(&r.text));
                (r.id.clone(), link_cross_references(runs, &l.articles))
            })
            .collect();
        lead_in(l, w.recommendations, items.first().map(|i| &i.1));
        l.list(&items, SMALL);
        l.y += 3.0;
    }
    if !a.note.blocks.is_empty() {
        let first = match a.note.blocks.first() {
            Some(Block::Paragraph(spans)) => spans_to_runs(spans),
            Some(Block::List { items, .. }) => {
                items.first().map(|i| spans_to_runs(i)).unwrap_or_default()
            }
            None => Vec::new(),
        };
        lead_in(l, w.assessors_note, Some(&first));
        l.rich(&a.note, BODY);
    }
    l.y += 4.0;
    let y = l.y;
    l.hline(y);
    l.y += 2.0;
}

/// A bold lead-in paragraph, kept with the first lines of what follows it.
fn lead_in(l: &mut Layout<'_>, text: &str, first: Option<&Vec<Run>>) {
    let next = first.map_or(0, |runs| {
        l.wrap(runs, SMALL, l.text_width() - 14.0, Tag::Artifact)
            .len()
            .min(ORPHANS)
    });
    l.ensure(leading(BODY) + next as f32 * leading(BODY));
    l.paragraph(&bold(text), BODY);
}

/// How far a table-of-contents entry's further lines are indented under its first.
const TOC_HANG: f32 = 12.0;

/// A table-of-contents title broken into lines at spaces: the first at most `first` wide, the
/// others at most `rest`; a word wider than its line stays whole.
fn toc_lines(metrics: &Metrics, title: &str, size: f32, first: f32, rest: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in title.split(' ').filter(|w| !w.is_empty()) {
        let max = if lines.is_empty() { first } else { rest };
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && metrics.width(&candidate, size) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    lines
}

/// The entries of the table of contents: (level, title, anchor).
fn toc_entries(report: &Report) -> Vec<(u8, String, String)> {
    let w = words(report.lang);
    let mut entries = vec![
        (0, w.executive_summary.to_string(), "executive".to_string()),
        (0, w.treaty_status.to_string(), "treaty-status".to_string()),
        (0, w.summary.to_string(), "summary".to_string()),
        (0, w.overview.to_string(), "overview".to_string()),
    ];
    let mut chapter = "";
    let mut section: Option<&str> = None;
    for d in &report.divisions {
        if d.chapter != chapter {
            chapter = &d.chapter;
            section = None;
            entries.push((0, d.chapter.clone(), format!("ch-{}", d.chapter)));
        }
        if let Some(s) = &d.section
            && section != Some(s.as_str())
        {
            section = Some(s);
            entries.push((1, s.clone(), format!("sec-{}", d.heading)));
        }
        let level = if d.section.is_some() { 2 } else { 1 };
        for a in &d.articles {
            entries.push((level, a.heading.clone(), article_anchor(a.number)));
        }
    }
    if report.changes.is_some() {
        entries.push((0, w.changes.into(), "changes".into()));
    }
    entries.push((0, w.recommendations.into(), "recommendations".into()));
    entries.push((0, w.gaps.into(), "gaps".into()));
    for (i, part) in report.parts.iter().enumerate() {
        entries.push((
            0,
            format!("{} – {}", w.part, part.instrument),
            format!("part-{i}"),
        ));
    }
    entries.push((0, w.annex_to_assess.into(), "to-assess".into()));
    if !report.provision_texts.is_empty() {
        entries.push((0, w.annex_texts.into(), "provision-texts".into()));
    }
    entries.push((0, w.methodology.into(), "methodology".into()));
    entries.push((0, w.sources.into(), "sources".into()));
    entries
}

fn title_block(l: &mut Layout<'_>, report: &Report) {
    l.bookmarks.push(Bookmark {
        title: report.title.clone(),
        page: 0,
        y: l.top,
        level: 0,
    });
    let h = l.element(Role::H1);
    let lines = l.wrap(
        &[colored(report.title.clone(), Face::Bold, NAVY)],
        17.0,
        l.text_width(),
        Tag::Element(h),
    );
    l.lines(&lines, 17.0, 0.0);
    l.y += 2.0;
    l.paragraph(
        &[colored(
            match report.lang {
                Lang::En => format!("Country profile against the {}", report.instrument),
                Lang::Fr => format!("Profil de pays au regard de la {}", report.instrument),
            },
            Face::Regular,
            GREY,
        )],
        10.5,
    );
    l.y += 6.0;
    let w = words(report.lang);
    let rows: Vec<Vec<Cell>> = [
        (w.jurisdiction, &report.jurisdiction),
        (w.document, &report.kind),
        (w.as_of, &report.as_of),
        (w.prepared_by, &report.prepared_by),
    ]
    .iter()
    .map(|(k, v)| vec![Cell::bold(k), Cell::text(v)])
    .collect();
    l.table(
        &Columns {
            fractions: &[1.0, 4.0],
            header: None,
            row_headers: true,
        },
        &rows,
        BODY,
    );
}

/// A further instrument's part: its heading on a new page, then its treaty status, summary,
/// overview, articles, recommendations and gaps, with anchors of its own.
fn part_pages(l: &mut Layout<'_>, part: &Report, i: usize) {
    let w = words(part.lang);
    if !l.at_top() {
        l.new_page();
    }
    l.heading(
        &format!("{} – {}", w.part, part.instrument),
        15.0,
        Role::H1,
        60.0,
        Some(format!("part-{i}")),
        Some(0),
    );
    let articles = part
        .divisions
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| a.number)
        .collect();
    let saved = std::mem::replace(&mut l.articles, articles);
    l.anchor_prefix = format!("part-{i}:");
    treaty_status(l, part);
    summary(l, part);
    overview(l, part);
    article_pages(l, part);
    recommendations(l, part);
    gaps(l, part);
    l.anchor_prefix.clear();
    l.articles = saved;
}

fn treaty_status(l: &mut Layout<'_>, report: &Report) {
    let w = words(report.lang);
    l.heading(
        w.treaty_status,
        13.0,
        Role::H1,
        50.0,
        Some("treaty-status".into()),
        Some(0),
    );
    let rows: Vec<Vec<Cell>> = report
        .treaty_status
        .iter()
        .map(|(k, v)| vec![Cell::bold(k), Cell::text(v)])
        .collect();
    l.table(
        &Columns {
            fractions: &[1.0, 4.0],
            header: Some(&[w.step, w.date]),
            row_headers: true,
        },
        &rows,
        BODY,
    );
    if report.choices.is_empty() {
        l.paragraph(&plain(w.no_choice), BODY);
        return;
    }
    let rows: Vec<Vec<Cell>> = report
        .choices
        .iter()
        .map(|c| {
            let mut effect = plain(&c.effect);
            if !c.text.is_empty() {
                effect.push(run(format!(" “{}”", c.text), Face::Italic));
            }
            vec![
                Cell::bold(&c.kind),
                Cell::text(&c.provision),
                Cell::text(&c.status),
                Cell::text(&c.basis),
                Cell::runs(effect),
            ]
        })
        .collect();
    l.table(
        &Columns {
            fractions: &[1.1, 1.4, 0.8, 1.3, 4.0],
            header: Some(&[w.kind, w.provision, w.status, w.basis, w.effect_and_text]),
            row_headers: false,
        },
        &rows,
        SMALL,
    );
}

fn summary(l: &mut Layout<'_>, report: &Report) {
    let lang = report.lang;
    let w = words(lang);
    l.heading(
        w.summary,
        13.0,
        Role::H1,
        120.0,
        Some("summary".into()),
        Some(0),
    );
    let s = &report.summary;
    let pct = |x: Option<f64>| words::percent(lang, x);
    let rest = match lang {
        Lang::En => format!(
            ". {} of {} articles rated ({} provisional). Gaps: {} major, {} minor; {} item(s) to assess.",
            s.overall.assessed,
            s.overall.scorable,
            s.overall.provisional,
            s.gaps[0],
            s.gaps[1],
            s.gaps[2]
        ),
        Lang::Fr => format!(
            ". {} article(s) noté(s) sur {} (dont {} provisoire(s)). Lacunes : {} majeure(s), {} mineure(s) ; {} point(s) à évaluer.",
            s.overall.assessed,
            s.overall.scorable,
            s.overall.provisional,
            s.gaps[0],
            s.gaps[1],
            s.gaps[2]
        ),
    };
    l.paragraph(
        &[
            run(
                if lang == Lang::Fr {
                    "Indice : "
                } else {
                    "Index: "
                },
                Face::Regular,
            ),
            run(s.headline.clone(), Face::Bold),
            run(rest, Face::Regular),
        ],
        BODY,
    );
    l.y += 6.0;
    let mut chart_rows: Vec<(String, &Index)> = vec![(w.all_scored.to_string(), &s.overall)];
    chart_rows.extend(s.divisions.iter().map(|(n, i)| (n.clone(), i)));
    l.chart(&chart_rows);
    let rows: Vec<Vec<Cell>> = chart_rows
        .iter()
        .map(|(name, i)| {
            let c = &i.counts;
            vec![
                Cell::text(name),
                Cell::bold(&pct(i.score)),
                Cell::text(&pct(i.score_without_reservations)),
                Cell::text(&format!(
                    "{} {} {}",
                    i.assessed,
                    if lang == Lang::Fr { "sur" } else { "of" },
                    i.scorable
                )),
                Cell::text(&format!(
                    "{} / {} / {} / {} / {} / {}",
                    c.c, c.lc, c.pc, c.nc, c.na, c.not_assessed
                )),
            ]
        })
        .collect();
    // The table of indices is short: it is kept whole on one page, never left as a tail.
    let fractions = [3.2, 0.8, 1.1, 0.9, 1.6];
    let total: f32 = fractions.iter().sum();
    let height: f32 = rows
        .iter()
        .map(|row| {
            let lines = row
                .iter()
                .zip(&fractions)
                .map(|(c, f)| l.cell_lines(c, SMALL, f / total * l.text_width() - 2.0 * PAD))
                .max()
                .unwrap_or(1);
            lines as f32 * leading(SMALL) + 2.0 * PAD
        })
        .sum();
    l.ensure(height + 3.0 * leading(SMALL) + 2.0 * PAD);
    l.table(
        &Columns {
            fractions: &[3.2, 0.8, 1.1, 0.9, 1.6],
            header: Some(&[
                w.division,
                w.index,
                w.without_reservations,
                w.assessed,
                "C / LC / PC / NC / NA / —",
            ]),
            row_headers: true,
        },
        &rows,
        SMALL,
    );
}

/// The overview's rating code: `LC`, `LC*` when provisional, `—` when not assessed.
pub(crate) fn rating_code(a: &ArticleBlock) -> String {
    let mark = if a.provisional && a.rating.rank().is_some() {
        "*"
    } else {
        ""
    };
    format!("{}{mark}", a.rating.abbreviation())
}

/// The overview's rows: the article (a link), its rating on its colour (a link too), the
/// elements met, and how many are assessed when the rating is provisional.
fn overview_rows(report: &Report) -> Vec<Vec<Cell>> {
    let lang = report.lang;
    let w = words(lang);
    report
        .divisions
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| {
            let link = |text: String, color: Rgb, face: Face, what: &str| Run {
                color,
                link: Some(LinkTo::Anchor(article_anchor(a.number))),
                alt: Some(format!("{}{what}", words::go_to(lang, &a.heading))),
                ..run(text, face)
            };
            let rated = a.rating.rank().is_some();
            let provisional = a.provisional && rated;
            let rating = match lang {
                Lang::En => format!(
                    " (rating: {}{})",
                    a.rating.label().to_lowercase(),
                    if provisional { ", provisional" } else { "" }
                ),
                Lang::Fr => format!(
                    " (notation : {}{})",
                    words::rating_label(lang, a.rating).to_lowercase(),
                    if provisional { ", provisoire" } else { "" }
                ),
            };
            vec![
                Cell::runs(vec![link(a.heading.clone(), LINK, Face::Regular, "")]),
                Cell {
                    paras: vec![(
                        None,
                        vec![link(
                            rating_code(a),
                            on_rating(a.rating),
                            Face::Bold,
                            &rating,
                        )],
                    )],
                    fill: Some(rating_color(a.rating)),
                },
                Cell::text(&if rated {
                    words::tally(lang, &a.elements_tally)
                } else {
                    String::new()
                }),
                Cell::text(&if provisional {
                    format!(
                        "{} {} {}",
                        a.coverage.assessed,
                        if lang == Lang::Fr { "sur" } else { "of" },
                        a.coverage.applicable
                    )
                } else if rated {
                    w.all.to_string()
                } else {
                    String::new()
                }),
            ]
        })
        .collect()
}

fn overview_columns(lang: Lang) -> Columns<'static> {
    Columns {
        // French words for the tally and the rating are longer.
        fractions: match lang {
            Lang::En => &[5.6, 0.8, 1.7, 0.9],
            Lang::Fr => &[5.0, 0.9, 2.2, 0.8],
        },
        header: Some(&words(lang).overview_header),
        row_headers: true,
    }
}

/// The height of a table at `size` (nothing is drawn or tagged).
fn table_height(l: &mut Layout<'_>, columns: &Columns<'_>, rows: &[Vec<Cell>], size: f32) -> f32 {
    let total: f32 = columns.fractions.iter().sum();
    let widths: Vec<f32> = columns
        .fractions
        .iter()
        .map(|f| f / total * l.text_width() - 2.0 * PAD)
        .collect();
    let lh = leading(size);
    let header = columns.header.map_or(0.0, |h| {
        let n = h
            .iter()
            .zip(&widths)
            .map(|(t, w)| l.cell_lines(&Cell::bold(t), size, *w))
            .max()
            .unwrap_or(1);
        n as f32 * lh + 2.0 * PAD
    });
    let body: f32 = rows
        .iter()
        .map(|row| {
            let n = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| l.cell_lines(c, size, *w))
                .max()
                .unwrap_or(1)
                .max(1);
            n as f32 * lh + 2.0 * PAD
        })
        .sum();
    header + body + 4.0
}

/// Every scored article on one page: its rating in colour with its code, provisional ones
/// marked, each linked to its article. The type shrinks (to 6 pt at the least) until the
/// table fits a page; the heading goes to a new page when the rest of this one is too short.
fn overview(l: &mut Layout<'_>, report: &Report) {
    let rows = overview_rows(report);
    let w = words(report.lang);
    let columns = overview_columns(report.lang);
    let legend_en = [
        run("Codes: ", Face::Regular),
        run("C", Face::Bold),
        run(" compliant, ", Face::Regular),
        run("LC", Face::Bold),
        run(" largely compliant, ", Face::Regular),
        run("PC", Face::Bold),
        run(" partially compliant, ", Face::Regular),
        run("NC", Face::Bold),
        run(" non-compliant, ", Face::Regular),
        run("NA", Face::Bold),
        run(" not applicable, ", Face::Regular),
        run("—", Face::Bold),
        run(" not assessed. ", Face::Regular),
        run("*", Face::Bold),
        run(
            " provisional: rated over the assessed elements only (column Assessed). Each row links to its article.",
            Face::Regular,
        ),
    ];
    let legend_fr = [
        run("Codes : ", Face::Regular),
        run("C", Face::Bold),
        run(" conforme, ", Face::Regular),
        run("LC", Face::Bold),
        run(" largement conforme, ", Face::Regular),
        run("PC", Face::Bold),
        run(" partiellement conforme, ", Face::Regular),
        run("NC", Face::Bold),
        run(" non conforme, ", Face::Regular),
        run("NA", Face::Bold),
        run(" sans objet, ", Face::Regular),
        run("—", Face::Bold),
        run(" non évalué. ", Face::Regular),
        run("*", Face::Bold),
        run(
            " provisoire : notation fondée sur les seuls éléments évalués (colonne Évalués). Chaque ligne renvoie à son article. ",
            Face::Regular,
        ),
        run(w.unverified_legend, Face::Regular),
    ];
    let legend: &[Run] = match report.lang {
        Lang::En => &legend_en,
        Lang::Fr => &legend_fr,
    };
    let legend_h =
        l.wrap(legend, SMALL, l.text_width(), Tag::Artifact).len() as f32 * leading(SMALL) + 4.0;
    let heading_h = l.heading_height(w.overview, 13.0);
    let room = l.bottom - l.top - heading_h - legend_h;
    let mut size = SMALL;
    let mut h = table_height(l, &columns, &rows, size);
    while h > room && size > 6.0 {
        size -= 0.5;
        h = table_height(l, &columns, &rows, size);
    }
    if l.y + heading_h + legend_h + h > l.bottom {
        l.new_page();
    }
    l.heading(
        w.overview,
        13.0,
        Role::H1,
        legend_h + h,
        Some("overview".into()),
        Some(0),
    );
    l.paragraph(legend, SMALL);
    l.y += 4.0;
    l.table(&columns, &rows, size);
}

fn article_pages(l: &mut Layout<'_>, report: &Report) {
    let mut chapter = "";
    let mut section: Option<&str> = None;
    for d in &report.divisions {
        let first = d.articles.first();
        let mut keep = first.map_or(60.0, |a| {
            l.heading_height(&a.heading, 11.5) + article_keep(l, a)
        });
        let new_section = d.section.as_deref().filter(|s| section != Some(*s));
        if let Some(s) = new_section {
            keep += l.heading_height(s, 12.5);
        }
        if d.chapter != chapter {
            chapter = &d.chapter;
            section = None;
            // A chapter starts on a new page when less than a third of this one is left.
            if l.y > l.top + (l.bottom - l.top) * 2.0 / 3.0 {
                l.new_page();
            }
            l.heading(
                &d.chapter,
                14.0,
                Role::H1,
                keep,
                Some(format!("ch-{}", d.chapter)),
                Some(0),
            );
        }
        if let Some(s) = new_section {
            section = Some(s);
            keep -= l.heading_height(s, 12.5);
            l.heading(
                s,
                12.5,
                Role::H2,
                keep,
                Some(format!("sec-{}", d.heading)),
                Some(1),
            );
        }
        let level = if d.section.is_some() {
            Role::H3
        } else {
            Role::H2
        };
        for a in &d.articles {
            article(l, a, level);
        }
    }
}

fn changes(l: &mut Layout<'_>, report: &Report) {
    let Some(c) = &report.changes else {
        return;
    };
    let w = words(report.lang);
    l.heading(
        w.changes,
        13.0,
        Role::H1,
        60.0,
        Some("changes".into()),
        Some(0),
    );
    l.paragraph(
        &plain(&match report.lang {
            Lang::En => format!(
                "Compared with {}. Index: {}. {} article(s) unchanged.",
                c.previous, c.index, c.unchanged
            ),
            Lang::Fr => format!(
                "Par rapport à {}. Indice : {}. {} article(s) inchangé(s).",
                c.previous, c.index, c.unchanged
            ),
        }),
        BODY,
    );
    l.y += 3.0;
    for (label, items) in [
        (w.improved, &c.improved),
        (w.regressed, &c.regressed),
        (w.other_changes, &c.other),
        (w.gaps_closed, &c.closed),
        (w.gaps_opened, &c.opened),
        (w.gaps_changed, &c.severity_changed),
    ] {
        if items.is_empty() {
            continue;
        }
        let list: Vec<(String, Vec<Run>)> = items
            .iter()
            .map(|i| {
                (
                    "•".to_string(),
                    link_cross_references(inline_markdown(i), &l.articles),
                )
            })
            .collect();
        lead_in(
            l,
            &format!("{label} ({})", items.len()),
            list.first().map(|i| &i.1),
        );
        l.list(&list, SMALL);
        l.y += 3.0;
    }
}

fn recommendations(l: &mut Layout<'_>, report: &Report) {
    let lang = report.lang;
    let w = words(lang);
    l.heading(
        w.recommendations,
        13.0,
        Role::H1,
        60.0,
        Some("recommendations".into()),
        Some(0),
    );
    if report.recommendations.is_empty() {
        l.paragraph(&plain(w.no_recommendation), BODY);
    }
    for priority in ["high", "medium"] {
        let items: Vec<(String, Vec<Run>)> = report
            .recommendations
            .iter()
            .filter(|r| r.priority == priority)
            .map(|r| {
                let mut runs = vec![Run {
                    color: LINK,
                    link: Some(LinkTo::Anchor(article_anchor(r.article))),
                    alt: Some(words::go_to(lang, &format!("Article {}", r.article))),
                    ..run(
                        match lang {
                            Lang::En => format!("Article {}: ", r.article),
                            Lang::Fr => format!("Article {} : ", r.article),
                        },
                        Face::Bold,
                    )
                }];
                runs.extend(inline_markdown(&r.text));
                (r.id.clone(), runs)
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let label = match lang {
            Lang::En => format!("Priority: {priority}"),
            Lang::Fr => format!("Priorité : {}", words::priority(lang, priority)),
        };
        lead_in(l, &label, items.first().map(|i| &i.1));
        l.list(&items, BODY);
        l.y += 4.0;
    }
}

fn gaps(l: &mut Layout<'_>, report: &Report) {
    let lang = report.lang;
    let w = words(lang);
    l.heading(w.gaps, 13.0, Role::H1, 60.0, Some("gaps".into()), Some(0));
    if report.gaps.is_empty() {
        l.paragraph(&plain(w.no_gap), BODY);
        return;
    }
    let rows: Vec<Vec<Cell>> = report
        .gaps
        .iter()
        .enumerate()
        .map(|(i, g)| {
            vec![
                Cell::text(&format!("{}", i + 1)),
                Cell::bold(words::severity(lang, g.severity)),
                Cell::runs(vec![Run {
                    color: LINK,
                    link: Some(LinkTo::Anchor(article_anchor(g.article))),
                    alt: Some(words::go_to(lang, &format!("Article {}", g.article))),
                    ..run(format!("{}", g.article), Face::Regular)
                }]),
                Cell::runs(inline_markdown(&g.message)),
                Cell::text(&g.recommendation),
            ]
        })
        .collect();
    l.table(
        &Columns {
            fractions: &[0.4, 0.9, 0.5, 6.0, 0.8],
            header: Some(&["#", w.severity, w.art_short, w.gap, w.rec_short]),
            row_headers: false,
        },
        &rows,
        SMALL,
    );
}

fn executive(l: &mut Layout<'_>, report: &Report) {
    let e = &report.executive;
    let w = words(report.lang);
    let index_label = if report.lang == Lang::Fr {
        "Indice : "
    } else {
        "Index: "
    };
    l.heading(
        w.executive_summary,
        13.0,
        Role::H1,
        80.0,
        Some("executive".into()),
        Some(0),
    );
    l.paragraph(&plain(&e.status), BODY);
    l.y += 3.0;
    l.paragraph(
        &[
            run(index_label, Face::Regular),
            run(e.headline.clone(), Face::Bold),
        ],
        BODY,
    );
    l.y += 3.0;
    let findings: Vec<(String, Vec<Run>)> = e
        .findings
        .iter()
        .map(|f| ("•".to_string(), plain(f)))
        .collect();
    lead_in(l, w.key_findings, findings.first().map(|i| &i.1));
    l.list(&findings, BODY);
    if !report.parts.is_empty() {
        let colon = if report.lang == Lang::Fr { " :" } else { ":" };
        let parts: Vec<(String, Vec<Run>)> = report
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut runs = vec![Run {
                    color: LINK,
                    link: Some(LinkTo::Anchor(format!("part-{i}"))),
                    alt: Some(words::go_to(report.lang, &p.instrument)),
                    ..run(p.instrument_short(), Face::Bold)
                }];
                runs.push(run(
                    format!(
                        "{colon} {}; {}{colon} {}.",
                        p.bound_status, w.index, p.executive.headline
                    ),
                    Face::Regular,
                ));
                ("•".to_string(), runs)
            })
            .collect();
        lead_in(l, w.other_instruments, parts.first().map(|i| &i.1));
        l.list(&parts, BODY);
    }
    l.y += 3.0;
    if !e.top_recommendations.is_empty() {
        let items: Vec<(String, Vec<Run>)> = e
            .top_recommendations
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    link_cross_references(inline_markdown(&r.text), &l.articles),
                )
            })
            .collect();
        lead_in(l, w.top_recommendations, items.first().map(|i| &i.1));
        l.list(&items, BODY);
        l.y += 3.0;
    }
    if !e.next_steps.is_empty() {
        let items: Vec<(String, Vec<Run>)> = e
            .next_steps
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("{}.", i + 1), plain(n)))
            .collect();
        lead_in(l, w.next_steps, items.first().map(|i| &i.1));
        l.list(&items, BODY);
        l.y += 3.0;
    }
}

fn to_assess(l: &mut Layout<'_>, report: &Report) {
    let w = words(report.lang);
    l.heading(
        w.annex_to_assess,
        13.0,
        Role::H1,
        60.0,
        Some("to-assess".into()),
        Some(0),
    );
    if report.to_assess.is_empty() {
        l.paragraph(&plain(w.nothing_to_assess), BODY);
        return;
    }
    l.paragraph(&plain(w.to_assess_intro), BODY);
    l.y += 3.0;
    let items: Vec<(String, Vec<Run>)> = report
        .to_assess
        .iter()
        .map(|t| {
            (
                "•".to_string(),
                link_cross_references(plain(t), &l.articles),
            )
        })
        .collect();
    l.list(&items, SMALL);
}

/// The texts of the provisions cited: one entry (`H2`) per provision, its heading and text in
/// the law's language, linked back to the articles that cite it.
fn provision_texts(l: &mut Layout<'_>, report: &Report) {
    if report.provision_texts.is_empty() {
        return;
    }
    let lang = report.lang;
    let w = words(lang);
    l.heading(
        w.annex_texts,
        13.0,
        Role::H1,
        60.0,
        Some("provision-texts".into()),
        Some(0),
    );
    l.paragraph(&plain(w.texts_intro), BODY);
    l.y += 3.0;
    for t in &report.provision_texts {
        let own = |text: &str, face: Face| Run {
            lang: t.language.clone(),
            ..run(text, face)
        };
        l.heading(&t.title, 11.0, Role::H2, 40.0, Some(t.anchor.clone()), None);
        if !t.heading.is_empty() {
            l.paragraph(&[own(&t.heading, Face::Bold)], BODY);
        }
        let one = t.cited_under.len() == 1;
        let mut cited = vec![run(
            match (lang, one) {
                (Lang::En, true) => "Cited under ",
                (Lang::En, false) => "Cited under Articles ",
                (Lang::Fr, true) => "Citée sous l’",
                (Lang::Fr, false) => "Citée sous les articles ",
            },
            Face::Italic,
        )];
        let and = if lang == Lang::Fr { " et " } else { " and " };
        for (i, n) in t.cited_under.iter().enumerate() {
            if i > 0 {
                let sep = if i + 1 == t.cited_under.len() {
                    and
                } else {
                    ", "
                };
                cited.push(run(sep, Face::Italic));
            }
            let label = match (lang, one) {
                (Lang::En, true) => format!("Article {n}"),
                (Lang::Fr, true) => format!("article {n}"),
                _ => n.to_string(),
            };
            cited.push(Run {
                color: LINK,
                link: Some(LinkTo::Anchor(article_anchor(*n))),
                alt: Some(words::go_to(lang, &format!("Article {n}"))),
                ..run(label, Face::Italic)
            });
        }
        cited.push(run(".", Face::Italic));
        l.paragraph(&cited, SMALL);
        l.y += 2.0;
        for line in t.text.lines().filter(|x| !x.trim().is_empty()) {
            l.paragraph(&[own(line.trim(), Face::Regular)], BODY);
            l.y += 2.0;
        }
        l.y += 4.0;
    }
}

fn methodology(l: &mut Layout<'_>, report: &Report) {
    l.heading(
        words(report.lang).methodology,
        13.0,
        Role::H1,
        60.0,
        Some("methodology".into()),
        Some(0),
    );
    for m in &report.methodology {
        l.paragraph(&plain(m), BODY);
        l.y += 4.0;
    }
}

fn sources(l: &mut Layout<'_>, report: &Report) {
    let lang = report.lang;
    let w = words(lang);
    l.heading(
        w.sources,
        13.0,
        Role::H1,
        60.0,
        Some("sources".into()),
        Some(0),
    );
    if !report.laws.is_empty() {
        let rows: Vec<Vec<Cell>> = report
            .laws
            .iter()
            .map(|law| {
                let url = if law.url.is_empty() {
                    Cell::text("—")
                } else {
                    Cell::runs(vec![Run {
                        color: LINK,
                        link: Some(LinkTo::Uri(law.url.clone())),
                        alt: Some(match lang {
                            Lang::En => format!("Official text of {} ({})", law.title, law.url),
                            Lang::Fr => format!("Texte officiel : {} ({})", law.title, law.url),
                        }),
                        ..run(law.url.clone(), Face::Regular)
                    }])
                };
                let own_language = |text: &str| {
                    Cell::runs(vec![Run {
                        lang: law.language.clone(),
                        ..run(text, Face::Regular)
                    }])
                };
                vec![
                    own_language(&law.title),
                    own_language(&law.citation),
                    Cell::text(&law.status),
                    url,
                ]
            })
            .collect();
        l.table(
            &Columns {
                fractions: &[2.6, 2.0, 0.8, 2.6],
                header: Some(&[w.law, w.citation, w.status, w.official_text]),
                row_headers: true,
            },
            &rows,
            SMALL,
        );
    }
    l.rich(&report.sources, SMALL);
    if !report.profile_note.blocks.is_empty() {
        l.heading(w.about_profile, 11.5, Role::H2, 40.0, None, None);
        l.rich(&report.profile_note, SMALL);
    }
    l.heading(w.disclaimer, 11.5, Role::H2, 40.0, None, None);
    l.paragraph(&plain(&report.disclaimer), SMALL);
}

/// Lays the report out.
pub(crate) fn layout(report: &Report, fonts: &FontSet, paper: Paper) -> Document {
    let articles = report
        .divisions
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| a.number)
        .collect();
    let mut l = Layout::new(fonts, paper, &report.language, articles);
    l.lang = report.lang;
    l.profile_lang = Some(report.profile_language.clone())
        .filter(|p| !p.is_empty() && !same_language(p, &report.language));
    title_block(&mut l, report);
    l.toc(&toc_entries(report));
    executive(&mut l, report);
    treaty_status(&mut l, report);
    summary(&mut l, report);
    overview(&mut l, report);
    article_pages(&mut l, report);
    changes(&mut l, report);
    recommendations(&mut l, report);
    gaps(&mut l, report);
    for (i, part) in report.parts.iter().enumerate() {
        part_pages(&mut l, part, i);
    }
    to_assess(&mut l, report);
    provision_texts(&mut l, report);
    methodology(&mut l, report);
    sources(&mut l, report);
    l.finish(report)
}

/// Every character of the document that the font of its face lacks.
pub(crate) fn missing_glyphs(doc: &Document, fonts: &FontSet) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { face, text, .. } = item {
            let m = fonts.get(*face);
            missing.extend(
                text.chars()
                    .filter(|c| !c.is_whitespace() && m.advance(*c).is_none()),
            );
        }
    }
    missing
}

/// Replaces every character of `chars` in the document's text.
pub(crate) fn replace_chars(doc: &mut Document, chars: &BTreeSet<char>, with: char) {
    for item in doc.pages.iter_mut().flat_map(|p| &mut p.items) {
        if let Item::Text { text, .. } = item {
            *text = text
                .chars()
                .map(|c| if chars.contains(&c) { with } else { c })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(runs: &[Run]) -> Vec<(String, bool)> {
        runs.iter()
            .map(|r| (r.text.clone(), r.link.is_some()))
            .collect()
    }

    fn lightness(c: Rgb) -> f32 {
        let lin = |v: f32| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let y = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
        // CIE L* from relative luminance, and the luminance for WCAG contrast.
        116.0 * y.cbrt() - 16.0
    }

    fn luminance(c: Rgb) -> f32 {
        let l = lightness(c);
        ((l + 16.0) / 116.0).powi(3)
    }

    #[test]
    fn rating_colours_differ_in_greyscale_and_their_text_is_legible() {
        for (i, a) in Rating::ALL.iter().enumerate() {
            let contrast = {
                let (x, y) = (luminance(rating_color(*a)), luminance(on_rating(*a)));
                (x.max(y) + 0.05) / (x.min(y) + 0.05)
            };
            assert!(contrast >= 4.5, "{a:?}: text contrast {contrast:.1}");
            for b in &Rating::ALL[i + 1..] {
                let d = (lightness(rating_color(*a)) - lightness(rating_color(*b))).abs();
                // The four ratings of the scale stand further apart than NA and not assessed.
                let min = if a.rank().is_some() && b.rank().is_some() {
                    10.0
                } else {
                    6.0
                };
                assert!(d >= min, "{a:?} and {b:?} differ by L* {d:.1} only");
            }
        }
    }

    #[test]
    fn french_cross_references_are_found_too() {
        let text = "Sanction prévue (voir l’article 13) ; voir les articles 29 et 30.";
        let found: Vec<(&str, u16)> = see_article_refs(text)
            .into_iter()
            .map(|(a, b, n)| (&text[a..b], n))
            .collect();
        assert_eq!(
            found,
            [("l’article 13", 13), ("les articles 29", 29), ("30", 30)]
        );
    }

    #[test]
    fn see_article_becomes_a_link_and_domestic_articles_do_not() {
        let articles: BTreeSet<u16> = [16, 29].into();
        let runs = link_cross_references(
            plain("Criminal Code Article 19 applies; see Articles 16 and 29, and see Article 300."),
            &articles,
        );
        assert_eq!(
            texts(&runs),
            [
                ("Criminal Code Article 19 applies; see ".to_string(), false),
                ("Articles 16".to_string(), true),
                (" and ".to_string(), false),
                ("29".to_string(), true),
                (", and see Article 300.".to_string(), false),
            ]
        );
        assert_eq!(runs[1].link, Some(LinkTo::Anchor("art-16".into())),);
    }

    #[test]
    fn georgian_words_in_an_english_text_are_labelled_georgian() {
        let runs = label_scripts(&plain(
            "Article 284, საქართველოს სისხლის კოდექსი (Criminal Code)",
        ));
        let parts: Vec<(&str, Option<&str>)> = runs
            .iter()
            .map(|r| (r.text.as_str(), r.lang.as_deref()))
            .collect();
        assert_eq!(
            parts,
            [
                ("Article 284, ", None),
                ("საქართველოს სისხლის კოდექსი", Some("ka")),
                (" (Criminal Code)", None),
            ]
        );
    }

    #[test]
    fn markdown_in_a_summary_is_styled_not_printed() {
        let runs = inline_markdown("false *official* data");
        assert!(runs.iter().all(|r| !r.text.contains('*')));
        assert!(
            runs.iter()
                .any(|r| r.text == "official" && r.face == Face::Italic)
        );
    }
}
