//! Lays a [`Report`] out on pages as a [`Document`] display list: wrapped text, tables that
//! break across pages with their header repeated, headings kept with what follows, a chart
//! of ratings, and "page X of Y" footers added once the page count is known.

use std::collections::BTreeSet;

use super::Paper;
use super::display::{Bookmark, Document, Face, Item, Page, Rgb};
use super::metrics::Metrics;
use crate::assess::{Index, Rating};
use crate::report::model::{ArticleBlock, Report};
use crate::report::rich::{Block, RichText, Span};

/// The metrics of the three faces.
pub(crate) struct FontSet {
    pub regular: Metrics,
    pub bold: Metrics,
    pub italic: Metrics,
}

impl FontSet {
    fn get(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }
}

const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
const GREY: Rgb = Rgb(0.40, 0.40, 0.40);
const RULE: Rgb = Rgb(0.70, 0.70, 0.70);
const HEADER_FILL: Rgb = Rgb(0.90, 0.92, 0.95);
const NAVY: Rgb = Rgb(0.08, 0.20, 0.42);
const LINK: Rgb = Rgb(0.05, 0.30, 0.70);
const CODE: Rgb = Rgb(0.45, 0.10, 0.10);

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const PAD: f32 = 3.0;

/// The colour of a rating in the chart and badges.
pub(crate) fn rating_color(r: Rating) -> Rgb {
    match r {
        Rating::C => Rgb(0.18, 0.49, 0.20),
        Rating::LC => Rgb(0.55, 0.76, 0.29),
        Rating::PC => Rgb(0.98, 0.66, 0.15),
        Rating::NC => Rgb(0.83, 0.18, 0.18),
        Rating::NA => Rgb(0.62, 0.62, 0.62),
        Rating::NotAssessed => Rgb(0.85, 0.85, 0.85),
    }
}

/// A run of text in one face and colour, maybe a link.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    text: String,
    face: Face,
    color: Rgb,
    link: Option<String>,
}

fn run(text: impl Into<String>, face: Face) -> Run {
    Run {
        text: text.into(),
        face,
        color: BLACK,
        link: None,
    }
}

fn plain(text: &str) -> Vec<Run> {
    vec![run(text, Face::Regular)]
}

fn bold(text: &str) -> Vec<Run> {
    vec![run(text, Face::Bold)]
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
            link: s.link.clone(),
        })
        .collect()
}

/// A piece of a wrapped line.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    face: Face,
    color: Rgb,
    link: Option<String>,
    x: f32,
    width: f32,
}

type Line = Vec<Piece>;

struct Layout<'f> {
    fonts: &'f FontSet,
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
}

fn leading(size: f32) -> f32 {
    size * 1.3
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f FontSet, paper: Paper) -> Self {
        let (width, height) = paper.size();
        let margin = 48.0;
        Layout {
            fonts,
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

    /// Greedy word wrap of mixed runs into lines no wider than `width`.
    fn wrap(&self, runs: &[Run], size: f32, width: f32) -> Vec<Line> {
        let mut lines: Vec<Line> = vec![Vec::new()];
        let mut x = 0.0f32;
        for r in runs {
            let metrics = self.fonts.get(r.face);
            let mut token = String::new();
            let mut tokens: Vec<String> = Vec::new();
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
            for t in tokens {
                let w = metrics.width(&t, size);
                let line = lines.last_mut().expect("there is always a line");
                if t == " " {
                    if line.is_empty() {
                        continue;
                    }
                } else if x + w > width && !line.is_empty() {
                    // Drop the trailing space of the full line.
                    if line.last().is_some_and(|p| p.text == " ") {
                        line.pop();
                    }
                    lines.push(Vec::new());
                    x = 0.0;
                }
                if t != " " && w > width {
                    // A word wider than the column: break it between characters.
                    let mut chunk = String::new();
                    for c in t.chars() {
                        let cw = metrics.width(&c.to_string(), size);
                        let cur = metrics.width(&chunk, size);
                        if x + cur + cw > width && !chunk.is_empty() {
                            let cw_total = metrics.width(&chunk, size);
                            lines.last_mut().expect("a line").push(Piece {
                                text: std::mem::take(&mut chunk),
                                face: r.face,
                                color: r.color,
                                link: r.link.clone(),
                                x,
                                width: cw_total,
                            });
                            lines.push(Vec::new());
                            x = 0.0;
                        }
                        chunk.push(c);
                    }
                    let cw_total = metrics.width(&chunk, size);
                    lines.last_mut().expect("a line").push(Piece {
                        text: chunk,
                        face: r.face,
                        color: r.color,
                        link: r.link.clone(),
                        x,
                        width: cw_total,
                    });
                    x += cw_total;
                    continue;
                }
                let line = lines.last_mut().expect("a line");
                // Merge with the previous piece when the style is the same.
                if let Some(last) = line.last_mut()
                    && last.face == r.face
                    && last.color == r.color
                    && last.link == r.link
                {
                    last.text.push_str(&t);
                    last.width += w;
                } else {
                    line.push(Piece {
                        text: t,
                        face: r.face,
                        color: r.color,
                        link: r.link.clone(),
                        x,
                        width: w,
                    });
                }
                x += w;
            }
        }
        if let Some(line) = lines.last_mut()
            && line.last().is_some_and(|p| p.text == " ")
        {
            line.pop();
        }
        lines.retain(|l| !l.is_empty());
        lines
    }

    fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32) {
        for p in line {
            self.items.push(Item::Text {
                face: p.face,
                size,
                x: x + p.x,
                y: baseline,
                text: p.text.clone(),
                color: p.color,
            });
            if let Some(uri) = &p.link {
                self.items.push(Item::Link {
                    x: x + p.x,
                    y: baseline - size,
                    w: p.width,
                    h: size * 1.2,
                    uri: uri.clone(),
                });
            }
        }
    }

    /// A wrapped paragraph at the cursor, breaking pages between lines.
    fn paragraph(&mut self, runs: &[Run], size: f32, indent: f32) {
        let lines = self.wrap(runs, size, self.text_width() - indent);
        for line in &lines {
            self.ensure(leading(size));
            let baseline = self.y + size;
            self.draw_line(line, self.left + indent, baseline, size);
            self.y += leading(size);
        }
    }

    fn bullet(&mut self, marker: &str, runs: &[Run], size: f32) {
        let indent = 14.0;
        let lines = self.wrap(runs, size, self.text_width() - indent);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(leading(size));
            let baseline = self.y + size;
            if i == 0 {
                self.items.push(Item::Text {
                    face: Face::Regular,
                    size,
                    x: self.left + 2.0,
                    y: baseline,
                    text: marker.into(),
                    color: BLACK,
                });
            }
            self.draw_line(line, self.left + indent, baseline, size);
            self.y += leading(size);
        }
    }

    fn rich(&mut self, text: &RichText, size: f32) {
        for block in &text.blocks {
            match block {
                Block::Paragraph(spans) => {
                    self.paragraph(&spans_to_runs(spans), size, 0.0);
                    self.y += size * 0.4;
                }
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
                        self.bullet(&marker, &spans_to_runs(item), size);
                    }
                    self.y += size * 0.4;
                }
            }
        }
    }

    /// A heading, kept with at least `keep` points of what follows; `bookmark` adds it to the outline.
    fn heading(&mut self, text: &str, size: f32, keep: f32, bookmark: bool) {
        self.space(size * 0.8);
        let lines = self.wrap(
            &[Run {
                text: text.into(),
                face: Face::Bold,
                color: NAVY,
                link: None,
            }],
            size,
            self.text_width(),
        );
        self.ensure(lines.len() as f32 * leading(size) + keep);
        if bookmark {
            self.bookmarks.push(Bookmark {
                title: text.into(),
                page: self.page_index(),
            });
        }
        for line in &lines {
            let baseline = self.y + size;
            self.draw_line(line, self.left, baseline, size);
            self.y += leading(size);
        }
        self.y += size * 0.3;
    }

    /// A thin full-width rule at `y`.
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

    fn rule(&mut self) {
        self.items.push(Item::Line {
            x1: self.left,
            y1: self.y,
            x2: self.right,
            y2: self.y,
            width: 0.5,
            color: RULE,
        });
    }

    /// A table whose rows may break across pages; the header is repeated on each new page.
    fn table(&mut self, fractions: &[f32], header: &[&str], rows: &[Vec<Vec<Run>>], size: f32) {
        let total: f32 = fractions.iter().sum();
        let widths: Vec<f32> = fractions
            .iter()
            .map(|f| f / total * self.text_width())
            .collect();
        let header_cells: Vec<Vec<Line>> = header
            .iter()
            .zip(&widths)
            .map(|(h, w)| self.wrap(&bold(h), size, w - 2.0 * PAD))
            .collect();
        // A table without a header (all cells empty) draws none.
        let header_lines = header_cells.iter().map(Vec::len).max().unwrap_or(0);
        let header_h = if header_lines == 0 {
            0.0
        } else {
            header_lines as f32 * leading(size) + 2.0 * PAD
        };
        let lh = leading(size);
        self.ensure(header_h + lh + 2.0 * PAD);
        // Column rules are drawn once per page segment of the table, not once per row.
        let mut segment_top = self.y;
        self.table_header(&widths, &header_cells, header_h, size);
        for row in rows {
            let cells: Vec<Vec<Line>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.wrap(c, size, w - 2.0 * PAD))
                .collect();
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < n {
                let room = ((self.bottom - self.y - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let fits_whole = n - from <= room;
                // Keep a row whole when it fits on a fresh page; split only rows taller than a page.
                let fresh_room =
                    ((self.bottom - self.top - header_h - 2.0 * PAD) / lh).floor() as usize;
                if room == 0 || (!fits_whole && from == 0 && n <= fresh_room) {
                    self.grid(&widths, segment_top, self.y - segment_top);
                    self.new_page();
                    segment_top = self.y;
                    self.table_header(&widths, &header_cells, header_h, size);
                    continue;
                }
                let take = (n - from).min(room);
                let h = take as f32 * lh + 2.0 * PAD;
                let mut x = self.left;
                for (cell, w) in cells.iter().zip(&widths) {
                    for (i, line) in cell.iter().skip(from).take(take).enumerate() {
                        let baseline = self.y + PAD + i as f32 * lh + size;
                        self.draw_line(line, x + PAD, baseline, size);
                    }
                    x += w;
                }
                self.hline(self.y + h);
                self.y += h;
                from += take;
            }
        }
        self.grid(&widths, segment_top, self.y - segment_top);
        self.y += 4.0;
    }

    fn table_header(&mut self, widths: &[f32], cells: &[Vec<Line>], h: f32, size: f32) {
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
        for (cell, w) in cells.iter().zip(widths) {
            for (i, line) in cell.iter().enumerate() {
                let baseline = self.y + PAD + i as f32 * leading(size) + size;
                self.draw_line(line, x + PAD, baseline, size);
            }
            x += w;
        }
        self.hline(self.y + h);
        self.y += h;
    }

    fn grid(&mut self, widths: &[f32], y: f32, h: f32) {
        let mut x = self.left;
        self.hline(y);
        self.hline(y + h);
        self.items.push(Item::Line {
            x1: x,
            y1: y,
            x2: x,
            y2: y + h,
            width: 0.4,
            color: RULE,
        });
        for w in widths {
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

    /// Stacked bars: how many articles of each division have each rating.
    fn chart(&mut self, rows: &[(String, &Index)]) {
        let label_w = self.text_width() * 0.42;
        let bar_w = self.text_width() - label_w - 30.0;
        let bar_h = 11.0;
        let row_h = 17.0;
        self.ensure(rows.len() as f32 * row_h + 30.0);
        for (label, index) in rows {
            let lines = self.wrap(&plain(label), SMALL, label_w - 6.0);
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
                    stroke: Some(Rgb(1.0, 1.0, 1.0)),
                });
                let label = format!("{n}");
                let lw = self.fonts.regular.width(&label, 7.0);
                if lw + 2.0 < w {
                    let color = if matches!(r, Rating::C | Rating::NC) {
                        Rgb(1.0, 1.0, 1.0)
                    } else {
                        BLACK
                    };
                    self.items.push(Item::Text {
                        face: Face::Regular,
                        size: 7.0,
                        x: x + (w - lw) / 2.0,
                        y: self.y + 8.2,
                        text: label,
                        color,
                    });
                }
                x += w;
            }
            let score = index
                .score
                .map_or_else(|| "n/a".to_string(), |s| format!("{s:.1}"));
            self.items.push(Item::Text {
                face: Face::Bold,
                size: SMALL,
                x: self.left + label_w + bar_w + 4.0,
                y: self.y + 8.5,
                text: score,
                color: BLACK,
            });
            self.y += h;
        }
        // Legend.
        self.y += 2.0;
        let mut x = self.left + label_w;
        for r in Rating::ALL {
            self.items.push(Item::Rect {
                x,
                y: self.y,
                w: 8.0,
                h: 8.0,
                fill: Some(rating_color(r)),
                stroke: None,
            });
            let label = if r == Rating::NotAssessed {
                "not assessed".to_string()
            } else {
                r.abbreviation().to_string()
            };
            self.items.push(Item::Text {
                face: Face::Regular,
                size: 7.0,
                x: x + 10.0,
                y: self.y + 7.0,
                text: label.clone(),
                color: GREY,
            });
            x += 16.0 + self.fonts.regular.width(&label, 7.0);
        }
        self.y += 16.0;
    }

    fn badge(&mut self, rating: Rating, score: Option<f64>) {
        self.ensure(20.0);
        let label = match rating {
            Rating::NotAssessed => "Not assessed".to_string(),
            r => format!("{} ({})", r.label(), r.abbreviation()),
        };
        let w = self.fonts.bold.width(&label, BODY) + 10.0;
        let fill = rating_color(rating);
        self.items.push(Item::Rect {
            x: self.left,
            y: self.y,
            w,
            h: 15.0,
            fill: Some(fill),
            stroke: None,
        });
        let color = if matches!(rating, Rating::C | Rating::NC) {
            Rgb(1.0, 1.0, 1.0)
        } else {
            BLACK
        };
        self.items.push(Item::Text {
            face: Face::Bold,
            size: BODY,
            x: self.left + 5.0,
            y: self.y + 11.0,
            text: label,
            color,
        });
        if let Some(s) = score {
            self.items.push(Item::Text {
                face: Face::Regular,
                size: BODY,
                x: self.left + w + 8.0,
                y: self.y + 11.0,
                text: format!("score {s:.3}"),
                color: GREY,
            });
        }
        self.y += 21.0;
    }

    fn finish(mut self, report: &Report) -> Document {
        if !self.items.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let total = self.pages.len();
        let footer_left = format!("{} — as of {}", report.title, report.as_of);
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
            let right = format!("Page {} of {total}", i + 1);
            let rw = self.fonts.regular.width(&right, 7.5);
            let max_left = self.right - self.left - rw - 20.0;
            let mut left = footer_left.clone();
            if self.fonts.regular.width(&left, 7.5) > max_left {
                while self.fonts.regular.width(&format!("{left}…"), 7.5) > max_left
                    && left.pop().is_some()
                {}
                left = format!("{}…", left.trim_end());
            }
            page.items.push(Item::Text {
                face: Face::Regular,
                size: 7.5,
                x: self.left,
                y,
                text: left,
                color: GREY,
            });
            page.items.push(Item::Text {
                face: Face::Regular,
                size: 7.5,
                x: self.right - rw,
                y,
                text: right,
                color: GREY,
            });
        }
        Document {
            title: report.title.clone(),
            subject: format!(
                "{} — gap analysis against {}",
                report.jurisdiction, report.instrument
            ),
            author: report.prepared_by.clone(),
            language: report.language.clone(),
            pages: self.pages,
            bookmarks: self.bookmarks,
        }
    }
}

fn article(l: &mut Layout<'_>, a: &ArticleBlock) {
    l.heading(&a.heading, 11.5, 60.0, false);
    l.badge(a.rating, a.score);
    let left = plain(&a.requirement);
    let mut right: Vec<Run> = Vec::new();
    for (i, p) in a.provisions.iter().enumerate() {
        if i > 0 {
            right.push(run(" ■ ", Face::Regular));
        }
        right.push(run(p.citation.clone(), Face::Bold));
        if !p.heading.is_empty() {
            right.push(run(format!(" — {}", p.heading), Face::Regular));
        }
        match p.shown_under {
            Some(n) => right.push(run(format!(" (see Article {n})"), Face::Regular)),
            None => {
                right.push(run(format!(": {}", p.summary), Face::Regular));
                if !p.text.is_empty() {
                    right.push(run(format!(" “{}”", p.text), Face::Italic));
                }
            }
        }
    }
    if right.is_empty() {
        right.push(run("No provision cited.", Face::Italic));
    }
    l.table(
        &[1.0, 1.0],
        &["Convention requirement", "Domestic provisions"],
        &[vec![left, right]],
        BODY,
    );
    if a.elements_met > 0 {
        let all = if a.elements.is_empty() {
            "All"
        } else {
            "The other"
        };
        l.paragraph(
            &plain(&format!(
                "{all} {} core element(s) are met.",
                a.elements_met
            )),
            SMALL,
            0.0,
        );
        l.y += 3.0;
    }
    if !a.elements.is_empty() {
        let rows: Vec<Vec<Vec<Run>>> = a
            .elements
            .iter()
            .map(|e| {
                vec![
                    plain(if e.paragraph.is_empty() {
                        "—"
                    } else {
                        &e.paragraph
                    }),
                    plain(&e.requirement),
                    bold(&e.status),
                    plain(&e.note),
                ]
            })
            .collect();
        l.table(
            &[0.5, 3.2, 1.1, 2.2],
            &["Para.", "Element", "Status", "Note"],
            &rows,
            SMALL,
        );
    }
    if !a.reasons.is_empty() {
        l.ensure(leading(BODY) * 3.0);
        l.paragraph(&bold("Reasons"), BODY, 0.0);
        for r in &a.reasons {
            l.bullet("•", &plain(r), SMALL);
        }
        l.y += 3.0;
    }
    if !a.gaps.is_empty() {
        l.ensure(leading(BODY) * 3.0);
        l.paragraph(&bold("Gaps and recommendations"), BODY, 0.0);
        for g in &a.gaps {
            let mut runs = vec![run(g.severity.as_str(), Face::Bold)];
            if !g.elements.is_empty() {
                runs.push(run(format!(" ({})", g.elements), Face::Bold));
            }
            if !g.message.is_empty() {
                runs.push(run(format!(" {}", g.message), Face::Regular));
            }
            runs.push(run(" Recommendation: ", Face::Bold));
            runs.push(run(g.recommendation.clone(), Face::Regular));
            l.bullet("•", &runs, SMALL);
        }
        l.y += 3.0;
    }
    if !a.note.blocks.is_empty() {
        l.ensure(leading(BODY) * 3.0);
        l.paragraph(&bold("Assessor's note"), BODY, 0.0);
        l.rich(&a.note, SMALL);
    }
    l.y += 4.0;
    l.rule();
    l.y += 2.0;
}

/// Lays the report out.
pub(crate) fn layout(report: &Report, fonts: &FontSet, paper: Paper) -> Document {
    let mut l = Layout::new(fonts, paper);
    // Title block.
    l.bookmarks.push(Bookmark {
        title: report.title.clone(),
        page: 0,
    });
    l.paragraph(
        &[Run {
            text: report.title.clone(),
            face: Face::Bold,
            color: NAVY,
            link: None,
        }],
        17.0,
        0.0,
    );
    l.y += 2.0;
    l.paragraph(
        &[Run {
            text: format!("Country profile against the {}", report.instrument),
            face: Face::Regular,
            color: GREY,
            link: None,
        }],
        10.5,
        0.0,
    );
    l.y += 6.0;
    let rows: Vec<Vec<Vec<Run>>> = [
        ("Jurisdiction", &report.jurisdiction),
        ("Document", &report.kind),
        ("As of", &report.as_of),
        ("Prepared by", &report.prepared_by),
    ]
    .iter()
    .map(|(k, v)| vec![bold(k), plain(v)])
    .collect();
    l.table(&[1.0, 4.0], &["", ""], &rows, BODY);

    l.heading("Treaty status", 13.0, 50.0, true);
    let rows: Vec<Vec<Vec<Run>>> = report
        .treaty_status
        .iter()
        .map(|(k, v)| vec![bold(k), plain(v)])
        .collect();
    l.table(&[1.0, 4.0], &["Step", "Date"], &rows, BODY);
    if report.choices.is_empty() {
        l.paragraph(
            &plain("No reservation or declaration is recorded."),
            BODY,
            0.0,
        );
    } else {
        let rows: Vec<Vec<Vec<Run>>> = report
            .choices
            .iter()
            .map(|c| {
                let mut effect = plain(&c.effect);
                if !c.text.is_empty() {
                    effect.push(run(format!(" “{}”", c.text), Face::Italic));
                }
                vec![
                    bold(&c.kind),
                    plain(&c.provision),
                    plain(&c.status),
                    plain(&c.basis),
                    effect,
                ]
            })
            .collect();
        l.table(
            &[1.1, 1.4, 0.8, 1.3, 4.0],
            &["Kind", "Provision", "Status", "Basis", "Effect and text"],
            &rows,
            SMALL,
        );
    }

    l.heading("Summary", 13.0, 120.0, true);
    let s = &report.summary;
    let pct = |x: Option<f64>| x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"));
    l.paragraph(
        &[
            run("Index ", Face::Regular),
            run(format!("{} / 100", pct(s.overall.score)), Face::Bold),
            run(
                format!(
                    " (without reservations: {}); {} of {} scored articles assessed. Gaps: {} major, {} minor, {} unassessed.",
                    pct(s.overall.score_without_reservations),
                    s.overall.assessed,
                    s.overall.scorable,
                    s.gaps[0],
                    s.gaps[1],
                    s.gaps[2]
                ),
                Face::Regular,
            ),
        ],
        BODY,
        0.0,
    );
    l.y += 6.0;
    let mut chart_rows: Vec<(String, &Index)> =
        vec![("All scored articles".to_string(), &s.overall)];
    chart_rows.extend(s.divisions.iter().map(|(n, i)| (n.clone(), i)));
    l.chart(&chart_rows);
    let rows: Vec<Vec<Vec<Run>>> = chart_rows
        .iter()
        .map(|(name, i)| {
            let c = &i.counts;
            vec![
                plain(name),
                bold(&pct(i.score)),
                plain(&pct(i.score_without_reservations)),
                plain(&format!("{} of {}", i.assessed, i.scorable)),
                plain(&format!(
                    "{} / {} / {} / {} / {} / {}",
                    c.c, c.lc, c.pc, c.nc, c.na, c.not_assessed
                )),
            ]
        })
        .collect();
    l.table(
        &[3.2, 0.8, 1.1, 0.9, 1.6],
        &[
            "Division",
            "Index",
            "Without reservations",
            "Assessed",
            "C / LC / PC / NC / NA / —",
        ],
        &rows,
        SMALL,
    );
    let rows: Vec<Vec<Vec<Run>>> = report
        .divisions
        .iter()
        .flat_map(|d| &d.articles)
        .map(|a| {
            let rating = match a.rating {
                Rating::NotAssessed => "—".to_string(),
                r => r.abbreviation().to_string(),
            };
            vec![
                plain(&a.heading),
                vec![Run {
                    text: rating,
                    face: Face::Bold,
                    color: BLACK,
                    link: None,
                }],
                plain(&a.score.map_or_else(|| "—".into(), |s| format!("{s:.3}"))),
            ]
        })
        .collect();
    l.table(
        &[6.0, 0.8, 0.8],
        &["Article", "Rating", "Score"],
        &rows,
        SMALL,
    );

    for d in &report.divisions {
        l.new_page();
        l.heading(&d.heading, 14.0, 120.0, true);
        for a in &d.articles {
            article(&mut l, a);
        }
    }

    l.new_page();
    l.heading("Prioritised gaps", 13.0, 60.0, true);
    if report.gaps.is_empty() {
        l.paragraph(&plain("No gap."), BODY, 0.0);
    } else {
        let rows: Vec<Vec<Vec<Run>>> = report
            .gaps
            .iter()
            .enumerate()
            .map(|(i, g)| {
                vec![
                    plain(&format!("{}", i + 1)),
                    bold(g.severity.as_str()),
                    plain(&format!("{}", g.article)),
                    plain(&g.elements),
                    plain(&g.recommendation),
                ]
            })
            .collect();
        l.table(
            &[0.4, 1.25, 0.5, 1.8, 4.65],
            &["#", "Severity", "Art.", "Elements", "Recommendation"],
            &rows,
            SMALL,
        );
    }

    l.heading("Sources", 13.0, 60.0, true);
    if !report.laws.is_empty() {
        let rows: Vec<Vec<Vec<Run>>> = report
            .laws
            .iter()
            .map(|law| {
                let url = if law.url.is_empty() {
                    plain("—")
                } else {
                    vec![Run {
                        text: law.url.clone(),
                        face: Face::Regular,
                        color: LINK,
                        link: Some(law.url.clone()),
                    }]
                };
                vec![
                    plain(&law.title),
                    plain(&law.citation),
                    plain(&law.status),
                    url,
                ]
            })
            .collect();
        l.table(
            &[2.6, 2.0, 0.8, 2.6],
            &["Law", "Citation", "Status", "Official text"],
            &rows,
            SMALL,
        );
    }
    l.rich(&report.sources, SMALL);
    if !report.profile_note.blocks.is_empty() {
        l.heading("About this profile", 11.5, 40.0, false);
        l.rich(&report.profile_note, SMALL);
    }
    l.heading("Disclaimer", 11.5, 40.0, false);
    l.paragraph(&plain(&report.disclaimer), SMALL, 0.0);
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
