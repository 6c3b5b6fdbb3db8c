//! Splitting a draft law written in Markdown into provisions: a heading or a paragraph that
//! starts with `Article 5`, `Art. 5`, `Section 5`, `s. 5`, `§ 5`, `Artigo 5.º`, `Artículo 5`,
//! `Статья 5` / `Стаття 5` or `მუხლი 5`
//! opens a provision; everything after it (subsections, lists) belongs to it until the next.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One provision found in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProvision {
    /// How the draft numbers it: `Article 5`, `Section 3A`, `§ 202a`.
    pub reference: String,
    /// Its heading, if the draft gives one.
    pub heading: Option<String>,
    /// Its text, subsections included, one paragraph per line.
    pub text: String,
    /// The 1-based line where it starts.
    pub line: usize,
}

/// A draft law split into provisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The first top-level heading that is not a provision, if any.
    pub title: Option<String>,
    /// The provisions, in order.
    pub provisions: Vec<DraftProvision>,
}

/// Why a text could not be read as a draft law.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Nothing but white space.
    #[error("the draft is empty")]
    Empty,
    /// No heading or paragraph looks like a provision.
    #[error(
        "found no provision in the draft: no heading or paragraph starts like `Article 5`, `Art. 5`, `Section 5`, `s. 5`, `§ 5`, `Artigo 5.º` or `Artículo 5`"
    )]
    NoProvisions,
}

/// Markers that open a provision, with how the reference is written back.
const MARKERS: &[(&str, &str)] = &[
    ("articulo", "Artículo"),
    ("artículo", "Artículo"),
    ("artigo", "Artigo"),
    ("article", "Article"),
    ("art.", "Art."),
    ("section", "Section"),
    ("sec.", "Sec."),
    ("s.", "s."),
    ("§", "§"),
    ("статья", "Статья"),
    ("стаття", "Стаття"),
    ("მუხლი", "მუხლი"),
];

/// If `text` starts with a provision marker, the reference and what follows it.
pub(crate) fn marker(text: &str) -> Option<(String, String)> {
    let text =
        text.trim_start_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace());
    let lower = text.to_lowercase();
    let (prefix, written) = MARKERS.iter().find(|(m, _)| lower.starts_with(m))?;
    // Lower-casing can change byte lengths only for non-ASCII; the markers' own lengths hold
    // for the original text because they are matched on the same characters.
    let prefix_chars = prefix.chars().count();
    let rest: String = text.chars().skip(prefix_chars).collect();
    let rest = rest.trim_start();
    let mut number = String::new();
    for c in rest.chars() {
        let superscript = "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c);
        let started = !number.is_empty();
        // `4.1`, `6.º` and `284-1` keep their dot or dash; `5. Title` does not.
        let joins_next = (c == '.' || c == '-')
            && started
            && rest[number.len()..]
                .chars()
                .nth(1)
                .is_some_and(|n| n.is_ascii_digit() || n == 'º');
        let part = c.is_ascii_digit()
            || superscript
            || (c.is_alphabetic() && started && number.len() < 8)
            || ((c == 'º' || c == '°') && started)
            || joins_next;
        if !part {
            break;
        }
        number.push(c);
    }
    if !number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut after = &rest[number.len()..];
    // Latin ordinals of inserted provisions: `Artículo 197 bis`, `Article 8 ter`.
    for latin in [
        "bis",
        "ter",
        "quater",
        "quinquies",
        "sexies",
        "septies",
        "octies",
        "novies",
        "decies",
    ] {
        let trimmed = after.trim_start();
        if trimmed
            .get(..latin.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(latin))
            && !trimmed[latin.len()..].starts_with(char::is_alphanumeric)
        {
            number = format!("{number} {latin}");
            after = &trimmed[latin.len()..];
            break;
        }
    }
    let separated = after
        .trim_start()
        .starts_with(|c: char| ".:–—-)*_".contains(c));
    let tail = after
        .trim_start_matches(|c: char| ".:–—-)*_ º°".contains(c) || c.is_whitespace())
        .trim_end_matches(['*', '_']);
    // "Section 5 applies to …" is a cross-reference in running text, not a heading.
    if !separated && tail.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let number = number.trim_end_matches(['.', '-']);
    Some((format!("{written} {number}"), tail.trim().to_string())).filter(|_| !number.is_empty())
}

/// A block of the Markdown: a heading or a paragraph-like block, with its first line.
struct Block {
    heading: Option<u8>,
    text: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Block {
                    heading: Some(level as u8),
                    text: String::new(),
                    line: line_of(range.start),
                });
            }
            Event::Start(
                Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead | Tag::CodeBlock(_),
            ) => {
                depth += 1;
                if depth == 1 || current.is_none() {
                    if let Some(b) = current.take() {
                        out.push(b);
                    }
                    current = Some(Block {
                        heading: None,
                        text: String::new(),
                        line: line_of(range.start),
                    });
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock,
            ) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(b) = current.take()
                {
                    out.push(b);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(b) = &mut current {
                    b.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = &mut current {
                    b.text.push('\n');
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(b) = &mut current {
                    b.text.push_str(" | ");
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis)
            | Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                if let Some(b) = &mut current
                    && b.text.is_empty()
                {
                    // Keep a bold "**Article 5.**" recognisable as a marker.
                }
            }
            _ => {}
        }
    }
    if let Some(b) = current {
        out.push(b);
    }
    out.retain(|b| !b.text.trim().is_empty());
    out
}

/// Splits a draft law into provisions.
///
/// # Errors
///
/// [`DraftError::Empty`] for a blank text and [`DraftError::NoProvisions`] when nothing in it
/// looks like a provision.
///
/// # Example
///
/// ```
/// use budapest_gap::draft::parse;
///
/// let draft = parse("# Cybercrime Bill\n\n## Section 3 – Illegal access\n\n(1) A person who…\n\n(2) …\n\n## Section 4. Interception\n\nA person…").unwrap();
/// assert_eq!(draft.title.as_deref(), Some("Cybercrime Bill"));
/// assert_eq!(draft.provisions.len(), 2);
/// assert_eq!(draft.provisions[0].reference, "Section 3");
/// assert_eq!(draft.provisions[0].heading.as_deref(), Some("Illegal access"));
/// assert!(draft.provisions[0].text.contains("(2)"));
/// ```
pub fn parse(markdown: &str) -> Result<Draft, DraftError> {
    if markdown.trim().is_empty() {
        return Err(DraftError::Empty);
    }
    let mut title = None;
    let mut provisions: Vec<DraftProvision> = Vec::new();
    for block in blocks(markdown) {
        let text = block.text.trim();
        let first_line = text.lines().next().unwrap_or_default();
        match marker(first_line) {
            Some((reference, tail)) => {
                let rest_lines: Vec<&str> = text.lines().skip(1).collect();
                // A heading's whole text, or a short first line above more text, is the
                // provision's heading; otherwise its first sentence may be.
                let short_first_line = !rest_lines.is_empty() && tail.chars().count() <= 120;
                let (heading, body) = if block.heading.is_some() || short_first_line {
                    (tail, rest_lines.join("\n"))
                } else {
                    split_heading(&tail)
                };
                provisions.push(DraftProvision {
                    reference,
                    heading: Some(heading.trim().trim_end_matches('.').to_string())
                        .filter(|h| !h.is_empty()),
                    text: body.trim().to_string(),
                    line: block.line,
                });
            }
            None => match (block.heading, provisions.is_empty()) {
                (Some(1), true) if title.is_none() => title = Some(text.to_string()),
                // Part and chapter headings close the current provision without joining it.
                (Some(_), _) => {}
                (None, false) => {
                    if let Some(p) = provisions.last_mut() {
                        if !p.text.is_empty() {
                            p.text.push('\n');
                        }
                        p.text.push_str(text);
                    }
                }
                (None, true) => {}
            },
        }
    }
    if provisions.is_empty() {
        return Err(DraftError::NoProvisions);
    }
    Ok(Draft { title, provisions })
}

/// "Illegal access. A person who…" → ("Illegal access", "A person who…"); a long first
/// sentence is body text, not a heading.
fn split_heading(tail: &str) -> (String, String) {
    match tail.find(". ") {
        Some(i) if i <= 80 && !tail[..i].contains(['(', ',']) => {
            (tail[..i].to_string(), tail[i + 2..].to_string())
        }
        _ => (String::new(), tail.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_the_styles_drafters_use() {
        let cases = [
            ("Article 5 – Illegal access", "Article 5", "Illegal access"),
            ("Art. 5. Illegal access", "Art. 5", "Illegal access"),
            (
                "ARTICLE 12: Corporate liability",
                "Article 12",
                "Corporate liability",
            ),
            (
                "Section 3A – Making articles for use",
                "Section 3A",
                "Making articles for use",
            ),
            ("s. 3ZA Unauthorised acts", "s. 3ZA", "Unauthorised acts"),
            (
                "§ 202a Ausspähen von Daten",
                "§ 202a",
                "Ausspähen von Daten",
            ),
            (
                "Artigo 6.º Acesso ilegítimo",
                "Artigo 6.º",
                "Acesso ilegítimo",
            ),
            ("Artículo 197 bis. Acceso", "Artículo 197 bis", "Acceso"),
            ("**Article 7.** Forgery", "Article 7", "Forgery"),
            (
                "Article 143¹ – Covert actions",
                "Article 143¹",
                "Covert actions",
            ),
            ("Article 4.1 – Data", "Article 4.1", "Data"),
            (
                "Article 10 – კომპიუტერულ სისტემაში",
                "Article 10",
                "კომპიუტერულ სისტემაში",
            ),
            (
                "Статья 272. Неправомерный доступ",
                "Статья 272",
                "Неправомерный доступ",
            ),
            (
                "მუხლი 284. კომპიუტერულ სისტემაში უნებართვო შეღწევა",
                "მუხლი 284",
                "კომპიუტერულ სისტემაში უნებართვო შეღწევა",
            ),
        ];
        for (text, reference, tail) in cases {
            assert_eq!(
                marker(text),
                Some((reference.to_string(), tail.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn running_text_is_not_a_marker() {
        assert_eq!(marker("Section 5 applies to any person"), None);
        assert_eq!(marker("Articles of association"), None);
        assert_eq!(marker("Secondly, the court"), None);
        assert_eq!(marker("§ and more"), None);
    }

    #[test]
    fn paragraph_markers_and_subsections() {
        let md = "Preamble text.\n\n**Article 1.** Definitions. In this Act:\n\n(a) \"computer system\" means…\n\n(b) \"data\" means…\n\nArticle 2. Illegal access. A person who accesses…\n";
        let draft = parse(md).unwrap();
        assert_eq!(draft.title, None);
        assert_eq!(draft.provisions.len(), 2);
        assert_eq!(draft.provisions[0].heading.as_deref(), Some("Definitions"));
        assert!(draft.provisions[0].text.contains("(b)"));
        assert_eq!(draft.provisions[1].line, 9);
    }

    #[test]
    fn unreadable_drafts_say_why() {
        assert_eq!(parse("  \n\n "), Err(DraftError::Empty));
        assert_eq!(
            parse("# A title\n\nSome prose without any article."),
            Err(DraftError::NoProvisions)
        );
    }
}
