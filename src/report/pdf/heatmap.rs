//! The comparison as a printable heat map: per instrument, a grid of every scored article
//! against every jurisdiction, each cell filled by its rating and carrying its letter code.
//!
//! The palette is sequential (dark blue for compliant to pale yellow for non-compliant, after
//! ColorBrewer's YlGnBu), so its lightness alone orders the ratings: it reads in greyscale and
//! for the colour-blind, and the letter codes say the rest.

use super::Paper;
use super::display::{Bookmark, Document, Element, Face, Item, Page, Rgb, Role, Tag};
use super::layout::{BLACK, FontSet, GREY, HEADER_FILL, RULE};
use crate::Rating;
use crate::compare::{Comparison, InstrumentComparison};
use crate::profile::DocumentKind;

const MARGIN: f32 = 40.0;

/// The article column's least width; it takes what the jurisdictions leave.
const LABEL_WIDTH: f32 = 170.0;
const MIN_CELL: f32 = 38.0;
const MAX_CELL: f32 = 52.0;
const ROW: f32 = 13.0;
/// Extra height of a row for each further line of its article's title.
const LINE: f32 = 9.0;
const TEXT: f32 = 7.5;

/// A rating's fill in the heat map, and the colour of its letter code on it.
pub(crate) fn heat_color(r: Rating) -> (Rgb, Rgb) {
    match r {
        Rating::C => (Rgb(0.145, 0.204, 0.580), Rgb::WHITE),
        Rating::LC => (Rgb(0.255, 0.714, 0.769), BLACK),
        Rating::PC => (Rgb(0.780, 0.914, 0.706), BLACK),
        Rating::NC => (Rgb(1.0, 1.0, 0.851), BLACK),
        Rating::NA => (Rgb(0.80, 0.80, 0.80), BLACK),
        Rating::NotAssessed => (Rgb::WHITE, GREY),
    }
}

/// Face, size and colour of a text.
#[derive(Clone, Copy)]
struct Style(Face, f32, Rgb);

/// A cell's fill, the colour of its text, and its text.
type Shade = (Rgb, Rgb, String);

struct Heat<'f> {
    fonts: &'f FontSet,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    items: Vec<Item>,
    elements: Vec<Element>,
    bookmarks: Vec<Bookmark>,
    y: f32,
}

impl Heat<'_> {
    fn element(&mut self, role: Role, parent: usize) -> usize {
        self.elements.push(Element {
            role,
            parent: Some(parent),
            lang: None,
            alt: None,
        });
        self.elements.len() - 1
    }

    fn text(&mut self, Style(face, size, color): Style, x: f32, y: f32, text: &str, tag: Tag) {
        self.items.push(Item::Text {
            face,
            size,
            x,
            y,
            text: text.to_string(),
            color,
            tag,
        });
    }

    fn width_of(&self, face: Face, text: &str, size: f32) -> f32 {
        self.fonts.get(face).width(text, size)
    }

    /// `text` broken into lines no wider than `width`, at spaces (a word wider than the line
    /// stays whole).
    fn wrap(&self, face: Face, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width_of(face, &candidate, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Cuts `text` with an ellipsis to fit `width`.
    fn fit(&self, face: Face, text: &str, size: f32, width: f32) -> String {
        if self.width_of(face, text, size) <= width {
            return text.to_string();
        }
        let mut t: String = text.to_string();
        while !t.is_empty() && self.width_of(face, &format!("{t}…"), size) > width {
            t.pop();
        }
        format!("{}…", t.trim_end())
    }

    fn paragraph(&mut self, text: &str, size: f32, color: Rgb, parent: usize) {
        let p = self.element(Role::P, parent);
        let width = self.width - 2.0 * MARGIN;
        for line in self.wrap(Face::Regular, text, size, width) {
            if self.y + size * 1.35 > self.height - MARGIN - 20.0 {
                self.new_page();
            }
            self.y += size * 1.35;
            self.text(
                Style(Face::Regular, size, color),
                MARGIN,
                self.y,
                &line,
                Tag::Element(p),
            );
        }
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items,
        });
        self.y = MARGIN;
    }

    /// One instrument: its grid, split over pages by rows and by columns as needed.
    fn instrument(&mut self, c: &InstrumentComparison, sort: &str, root: usize) {
        let sect = self.element(Role::Sect, root);
        let columns_per_page =
            (((self.width - 2.0 * MARGIN - LABEL_WIDTH) / MIN_CELL).floor() as usize).max(1);
        let n = c.jurisdictions.len();
        let chunks: Vec<(usize, usize)> = (0..n.div_ceil(columns_per_page).max(1))
            .map(|i| (i * columns_per_page, ((i + 1) * columns_per_page).min(n)))
            .collect();
        for (k, &(from, to)) in chunks.iter().enumerate() {
            if !self.items.is_empty() {
                self.new_page();
            }
            if k == 0 {
                self.bookmarks.push(Bookmark {
                    title: c.instrument_title.clone(),
                    page: self.pages.len(),
                    y: self.y,
                    level: 0,
                });
                let h1 = self.element(Role::H1, sect);
                self.y += 16.0;
                let title = format!("Comparison: {}", c.instrument_title);
                for line in self.wrap(Face::Bold, &title, 14.0, self.width - 2.0 * MARGIN) {
                    self.text(
                        Style(Face::Bold, 14.0, BLACK),
                        MARGIN,
                        self.y,
                        &line,
                        Tag::Element(h1),
                    );
                    self.y += 17.0;
                }
                let kinds = if c
                    .jurisdictions
                    .iter()
                    .all(|j| j.document_kind == DocumentKind::InForce)
                {
                    "law in force"
                } else {
                    "laws in force and drafts"
                };
                self.paragraph(
                    &format!(
                        "{n} jurisdiction(s) ({kinds}), sorted {sort}. Each cell is the article's rating with its letter code; * marks a provisional rating (not every applicable element assessed) and — an article not assessed. The index under the grid is the headline index, shown only when at least three quarters of the applicable elements are assessed. Illustrative, not legal advice.",
                    ),
                    TEXT,
                    GREY,
                    sect,
                );
                self.y += 6.0;
            } else {
                self.y += 12.0;
                let p = self.element(Role::P, sect);
                let cont = format!(
                    "{} (continued: jurisdictions {}–{} of {n})",
                    c.instrument_title,
                    from + 1,
                    to
                );
                self.text(
                    Style(Face::Bold, 10.0, BLACK),
                    MARGIN,
                    self.y,
                    &cont,
                    Tag::Element(p),
                );
                self.y += 8.0;
            }
            self.grid(c, from, to, sect);
        }
        self.legend(c, sect);
    }

    fn grid(&mut self, c: &InstrumentComparison, from: usize, to: usize, sect: usize) {
        let cols = to - from;
        let avail = self.width - 2.0 * MARGIN;
        let cell = ((avail - LABEL_WIDTH) / cols as f32).min(MAX_CELL);
        let label_w = avail - cell * cols as f32;
        let table = self.element(Role::Table, sect);
        // Header: the jurisdiction names, wrapped in their columns.
        let names: Vec<Vec<String>> = c.jurisdictions[from..to]
            .iter()
            .map(|j| self.wrap(Face::Bold, &j.name, TEXT, cell - 4.0))
            .collect();
        let header_lines = names.iter().map(Vec::len).max().unwrap_or(1).min(4);
        let header_h = header_lines as f32 * (TEXT * 1.25) + 6.0;
        let header = |h: &mut Heat<'_>, tagged: bool| {
            let tr = tagged.then(|| h.element(Role::TR, table));
            let top = h.y;
            h.items.push(Item::Rect {
                x: MARGIN,
                y: top,
                w: label_w + cell * cols as f32,
                h: header_h,
                fill: Some(HEADER_FILL),
                stroke: None,
            });
            let tag = |h: &mut Heat<'_>| match tr {
                Some(tr) => Tag::Element(h.element(Role::TH, tr)),
                None => Tag::Artifact,
            };
            let t = tag(h);
            h.text(
                Style(Face::Bold, TEXT, BLACK),
                MARGIN + 3.0,
                top + TEXT + 3.0,
                "Article",
                t,
            );
            for (i, lines) in names.iter().enumerate() {
                let t = tag(h);
                let x = MARGIN + label_w + i as f32 * cell;
                for (l, line) in lines.iter().take(header_lines).enumerate() {
                    let w = h.width_of(Face::Bold, line, TEXT);
                    let line = h.fit(Face::Bold, line, TEXT, cell - 4.0);
                    let w = w.min(cell - 4.0);
                    h.text(
                        Style(Face::Bold, TEXT, BLACK),
                        x + (cell - w) / 2.0,
                        top + TEXT + 3.0 + l as f32 * TEXT * 1.25,
                        &line,
                        t,
                    );
                }
            }
            h.y += header_h;
        };
        header(self, true);
        let bottom = self.height - MARGIN - 20.0;
        let mut rows: Vec<(String, Vec<Option<Shade>>)> = c
            .articles
            .iter()
            .map(|a| {
                let label = format!("{} {}", a.number, a.title);
                let cells = a.cells[from..to]
                    .iter()
                    .map(|cell| {
                        cell.map(|cell| {
                            let (fill, ink) = heat_color(cell.rating);
                            (fill, ink, cell.code())
                        })
                    })
                    .collect();
                (label, cells)
            })
            .collect();
        let index_cells = c.jurisdictions[from..to]
            .iter()
            .map(|j| {
                let text = j
                    .index
                    .headline
                    .map_or_else(|| "insuff.".to_string(), |h| format!("{h:.1}"));
                Some((Rgb::WHITE, BLACK, text))
            })
            .collect();
        rows.push(("Headline index".to_string(), index_cells));
        let last = rows.len() - 1;
        for (r, (label, cells)) in rows.iter().enumerate() {
            let face = if r == last { Face::Bold } else { Face::Regular };
            let mut lines = self.wrap(face, label, TEXT, label_w - 6.0);
            if lines.len() > 2 {
                let rest = lines[1..].join(" ");
                lines.truncate(1);
                lines.push(self.fit(face, &rest, TEXT, label_w - 6.0));
            }
            let row_h = ROW + LINE * (lines.len() - 1) as f32;
            if self.y + row_h > bottom {
                self.new_page();
                header(self, false);
            }
            let tr = self.element(Role::TR, table);
            let top = self.y;
            let th = self.element(Role::TH, tr);
            for (l, line) in lines.iter().enumerate() {
                let y = top + ROW - 3.8 + l as f32 * LINE;
                self.text(
                    Style(face, TEXT, BLACK),
                    MARGIN + 3.0,
                    y,
                    line,
                    Tag::Element(th),
                );
            }
            for (i, value) in cells.iter().enumerate() {
                let x = MARGIN + label_w + i as f32 * cell;
                let td = self.element(Role::TD, tr);
                let (fill, ink, code) = value.clone().unwrap_or((Rgb::WHITE, GREY, "·".into()));
                self.items.push(Item::Rect {
                    x: x + 0.75,
                    y: top + 0.75,
                    w: cell - 1.5,
                    h: row_h - 1.5,
                    fill: Some(fill),
                    stroke: (fill == Rgb::WHITE || fill == heat_color(Rating::NC).0)
                        .then_some(RULE),
                });
                let size = if r == last { TEXT } else { TEXT + 0.5 };
                let w = self.width_of(Face::Bold, &code, size);
                self.text(
                    Style(Face::Bold, size, ink),
                    x + (cell - w) / 2.0,
                    top + row_h / 2.0 + size * 0.36,
                    &code,
                    Tag::Element(td),
                );
            }
            self.items.push(Item::Line {
                x1: MARGIN,
                y1: top + row_h,
                x2: MARGIN + label_w,
                y2: top + row_h,
                width: 0.3,
                color: RULE,
            });
            self.y += row_h;
        }
    }

    fn legend(&mut self, c: &InstrumentComparison, sect: usize) {
        let needed = 40.0;
        if self.y + needed > self.height - MARGIN - 20.0 {
            self.new_page();
        }
        self.y += 14.0;
        let list = self.element(Role::L, sect);
        let mut x = MARGIN;
        for r in Rating::ALL {
            if x > MARGIN
                && x + 25.0 + self.width_of(Face::Regular, r.label(), TEXT) > self.width - MARGIN
            {
                x = MARGIN;
                self.y += 15.0;
            }
            let (fill, ink) = heat_color(r);
            let li = self.element(Role::LI, list);
            let body = self.element(Role::LBody, li);
            self.items.push(Item::Rect {
                x,
                y: self.y - 8.5,
                w: 22.0,
                h: 11.0,
                fill: Some(fill),
                stroke: Some(RULE),
            });
            let code = r.abbreviation();
            let w = self.width_of(Face::Bold, code, TEXT);
            self.text(
                Style(Face::Bold, TEXT, ink),
                x + (22.0 - w) / 2.0,
                self.y,
                code,
                Tag::Element(body),
            );
            let label = r.label();
            self.text(
                Style(Face::Regular, TEXT, BLACK),
                x + 25.0,
                self.y,
                label,
                Tag::Element(body),
            );
            x += 25.0 + self.width_of(Face::Regular, label, TEXT) + 12.0;
        }
        self.y += 8.0;
        let lines: Vec<String> = c
            .jurisdictions
            .iter()
            .map(|j| {
                let kind = match j.document_kind {
                    DocumentKind::InForce => "law in force",
                    DocumentKind::Draft => "draft",
                };
                let index = j.index.headline.map_or_else(
                    || "headline index withheld (insufficient coverage)".to_string(),
                    |h| format!("headline index {h:.1}"),
                );
                format!(
                    "{}: {kind} as of {}; {index}; {} of {} applicable elements assessed.",
                    j.name, j.as_of, j.index.coverage.assessed, j.index.coverage.applicable
                )
            })
            .collect();
        for line in lines {
            self.paragraph(&line, 7.0, GREY, sect);
        }
    }
}

/// Lays the comparison out: a heat-map page (or more) per instrument.
pub(crate) fn heatmap(c: &Comparison, fonts: &FontSet, paper: Paper) -> Document {
    let (width, height) = paper.size();
    let mut h = Heat {
        fonts,
        width,
        height,
        pages: Vec::new(),
        items: Vec::new(),
        elements: vec![Element {
            role: Role::Document,
            parent: None,
            lang: None,
            alt: None,
        }],
        bookmarks: Vec::new(),
        y: MARGIN,
    };
    let sort = match c.sort {
        crate::compare::Sort::Name => "by name",
        crate::compare::Sort::Index => "by headline index, highest first",
    };
    for instrument in &c.instruments {
        h.instrument(instrument, sort, 0);
    }
    if !h.items.is_empty() || h.pages.is_empty() {
        h.new_page();
    }
    let total = h.pages.len();
    for (i, page) in h.pages.iter_mut().enumerate() {
        let text = format!("budapest-gap comparison — page {} of {total}", i + 1);
        page.items.push(Item::Text {
            face: Face::Regular,
            size: 7.0,
            x: MARGIN,
            y: height - MARGIN + 12.0,
            text,
            color: GREY,
            tag: Tag::Artifact,
        });
    }
    let names: Vec<&str> = c
        .instruments
        .iter()
        .flat_map(|i| i.jurisdictions.iter().map(|j| j.name.as_str()))
        .collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    Document {
        title: format!("Comparison of {} jurisdictions", unique.len()),
        subject: "Ratings per article of each jurisdiction's cybercrime legislation".into(),
        author: "budapest-gap".into(),
        language: "en".into(),
        pages: h.pages,
        bookmarks: h.bookmarks,
        elements: h.elements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance (WCAG 2): what a greyscale print keeps of a colour.
    fn luminance(c: Rgb) -> f32 {
        let f = |v: f32| {
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    }

    fn contrast(a: Rgb, b: Rgb) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_ratings_are_ordered_by_lightness_and_their_codes_are_legible() {
        let order = [Rating::C, Rating::LC, Rating::PC, Rating::NC];
        for pair in order.windows(2) {
            let (a, b) = (heat_color(pair[0]).0, heat_color(pair[1]).0);
            assert!(
                luminance(b) - luminance(a) > 0.12,
                "{:?} and {:?} look alike in greyscale",
                pair[0],
                pair[1]
            );
        }
        for r in Rating::ALL {
            let (fill, ink) = heat_color(r);
            assert!(
                contrast(fill, ink) >= 4.5,
                "{r:?}: contrast {}",
                contrast(fill, ink)
            );
        }
    }
}
