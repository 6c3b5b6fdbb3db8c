//! Rich text: the Markdown an assessor writes in a profile's notes, parsed once with
//! pulldown-cmark into our own small model that both renderers draw. Only what a note needs
//! survives: paragraphs, lists, emphasis, strong, code and links. Headings become strong
//! paragraphs and raw HTML becomes plain text, so a note can never break the report's structure.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Strong emphasis.
    pub strong: bool,
    /// Emphasis.
    pub emphasis: bool,
    /// Inline code.
    pub code: bool,
    /// The link's destination, when the run is a link.
    pub link: Option<String>,
}

/// A block of rich text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A list; `ordered` lists number their items from `start`.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// The first number of an ordered list.
        start: u64,
        /// Each item's text (nested lists are flattened into their item).
        items: Vec<Vec<Span>>,
    },
}

/// Markdown parsed into blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RichText {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

#[derive(Default, Clone, Copy)]
struct Style {
    strong: u32,
    emphasis: u32,
}

impl RichText {
    /// Parses CommonMark (with GFM strikethrough and tables read as text).
    ///
    /// ```
    /// use budapest_gap::report::{Block, RichText};
    ///
    /// let note = RichText::parse("See **s. 3**:\n\n- one\n- two");
    /// assert_eq!(note.blocks.len(), 2);
    /// assert!(matches!(&note.blocks[1], Block::List { items, .. } if items.len() == 2));
    /// ```
    pub fn parse(markdown: &str) -> RichText {
        let mut blocks = Vec::new();
        let mut current: Vec<Span> = Vec::new();
        let mut list: Option<(bool, u64, Vec<Vec<Span>>)> = None;
        let mut list_depth = 0u32;
        let mut style = Style::default();
        let mut link: Option<String> = None;
        let push_text = |current: &mut Vec<Span>,
                         text: &str,
                         style: Style,
                         code: bool,
                         link: &Option<String>| {
            if text.is_empty() {
                return;
            }
            let (strong, emphasis) = (style.strong > 0, style.emphasis > 0);
            if let Some(last) = current.last_mut()
                && last.strong == strong
                && last.emphasis == emphasis
                && last.code == code
                && &last.link == link
            {
                last.text.push_str(text);
                return;
            }
            current.push(Span {
                text: text.to_string(),
                strong,
                emphasis,
                code,
                link: link.clone(),
            });
        };
        let flush = |current: &mut Vec<Span>,
                     blocks: &mut Vec<Block>,
                     list: &mut Option<(bool, u64, Vec<Vec<Span>>)>| {
            trim(current);
            if current.is_empty() {
                return;
            }
            let spans = std::mem::take(current);
            match list {
                Some((_, _, items)) => match items.last_mut() {
                    Some(item) if !item.is_empty() => {
                        item.push(Span {
                            text: " ".into(),
                            strong: false,
                            emphasis: false,
                            code: false,
                            link: None,
                        });
                        item.extend(spans);
                    }
                    Some(item) => item.extend(spans),
                    None => items.push(spans),
                },
                None => blocks.push(Block::Paragraph(spans)),
            }
        };
        for event in Parser::new_ext(
            markdown,
            Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
        ) {
            match event {
                Event::Start(Tag::List(start)) => {
                    list_depth += 1;
                    if list_depth == 1 {
                        flush(&mut current, &mut blocks, &mut list);
                        list = Some((start.is_some(), start.unwrap_or(1), Vec::new()));
                    } else {
                        flush(&mut current, &mut blocks, &mut list);
                    }
                }
                Event::End(TagEnd::List(_)) => {
                    list_depth = list_depth.saturating_sub(1);
                    flush(&mut current, &mut blocks, &mut list);
                    if list_depth == 0
                        && let Some((ordered, start, items)) = list.take()
                    {
                        blocks.push(Block::List {
                            ordered,
                            start,
                            items,
                        });
                    }
                }
                Event::Start(Tag::Item) => {
                    flush(&mut current, &mut blocks, &mut list);
                    if list_depth == 1
                        && let Some((_, _, items)) = &mut list
                    {
                        items.push(Vec::new());
                    }
                }
                Event::Start(Tag::Heading { .. }) => {
                    flush(&mut current, &mut blocks, &mut list);
                    style.strong += 1;
                }
                Event::End(TagEnd::Heading(_)) => {
                    style.strong = style.strong.saturating_sub(1);
                    flush(&mut current, &mut blocks, &mut list);
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_)
                    | TagEnd::TableRow
                    | TagEnd::TableHead,
                ) => {
                    flush(&mut current, &mut blocks, &mut list);
                }
                Event::Start(Tag::Strong) => style.strong += 1,
                Event::End(TagEnd::Strong) => style.strong = style.strong.saturating_sub(1),
                Event::Start(Tag::Emphasis | Tag::Strikethrough) => style.emphasis += 1,
                Event::End(TagEnd::Emphasis | TagEnd::Strikethrough) => {
                    style.emphasis = style.emphasis.saturating_sub(1)
                }
                Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => link = None,
                Event::End(TagEnd::TableCell) => {
                    push_text(&mut current, " | ", Style::default(), false, &None)
                }
                Event::Text(t) => {
                    push_text(&mut current, &t.replace('\n', " "), style, false, &link)
                }
                Event::Code(t) => push_text(&mut current, &t, style, true, &link),
                Event::Html(t) | Event::InlineHtml(t) => {
                    push_text(&mut current, t.trim_end_matches('\n'), style, false, &link)
                }
                Event::SoftBreak | Event::HardBreak => {
                    push_text(&mut current, " ", style, false, &link)
                }
                Event::FootnoteReference(t) => {
                    push_text(&mut current, &format!("[{t}]"), style, false, &link)
                }
                Event::TaskListMarker(done) => push_text(
                    &mut current,
                    if done { "[x] " } else { "[ ] " },
                    style,
                    false,
                    &link,
                ),
                _ => {}
            }
        }
        flush(&mut current, &mut blocks, &mut list);
        if let Some((ordered, start, items)) = list.take() {
            blocks.push(Block::List {
                ordered,
                start,
                items,
            });
        }
        RichText { blocks }
    }

    /// Plain text of a whole block list, one line per paragraph or item.
    pub fn plain(&self) -> String {
        let mut lines = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Paragraph(spans) => {
                    lines.push(spans.iter().map(|s| s.text.as_str()).collect::<String>())
                }
                Block::List { items, .. } => lines.extend(items.iter().map(|i| {
                    format!(
                        "- {}",
                        i.iter().map(|s| s.text.as_str()).collect::<String>()
                    )
                })),
            }
        }
        lines.join("\n")
    }
}

fn trim(spans: &mut Vec<Span>) {
    while spans.last().is_some_and(|s| s.text.trim().is_empty()) {
        spans.pop();
    }
    if let Some(last) = spans.last_mut() {
        let t = last.text.trim_end().to_string();
        last.text = t;
    }
    while spans.first().is_some_and(|s| s.text.trim().is_empty()) {
        spans.remove(0);
    }
    if let Some(first) = spans.first_mut() {
        let t = first.text.trim_start().to_string();
        first.text = t;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_links_and_code_keep_their_style() {
        let r = RichText::parse("A *b* **c** `d` [e](https://x.org)");
        let Block::Paragraph(spans) = &r.blocks[0] else {
            panic!()
        };
        let styled: Vec<(&str, bool, bool, bool, Option<&str>)> = spans
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.strong,
                    s.emphasis,
                    s.code,
                    s.link.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            styled,
            [
                ("A ", false, false, false, None),
                ("b", false, true, false, None),
                (" ", false, false, false, None),
                ("c", true, false, false, None),
                (" ", false, false, false, None),
                ("d", false, false, true, None),
                (" ", false, false, false, None),
                ("e", false, false, false, Some("https://x.org")),
            ]
        );
    }

    #[test]
    fn headings_and_html_cannot_escape_into_structure() {
        let r = RichText::parse("# Title\n\n<script>x</script>\n\n1. one\n2. two\n   - nested");
        assert_eq!(r.blocks.len(), 3);
        assert!(matches!(&r.blocks[0], Block::Paragraph(s) if s[0].strong && s[0].text == "Title"));
        assert!(matches!(&r.blocks[1], Block::Paragraph(s) if s[0].text.contains("<script>")));
        let Block::List {
            ordered,
            start,
            items,
        } = &r.blocks[2]
        else {
            panic!()
        };
        assert!(*ordered && *start == 1);
        assert_eq!(items.len(), 2);
        assert!(
            items[1]
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
                .contains("nested")
        );
    }
}
