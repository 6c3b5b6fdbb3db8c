//! Splitting a draft law written in Markdown into provisions.
//!
//! A provision opens at a heading or a paragraph that starts like `Article 5`, `Art. 323-1`,
//! `Article L. 34-1`, `Section 5/1`, `s. 3ZA`, `§ 202a`, `Artigo 6.º`, `Artículo 588 bis a`,
//! `Статья 272`, `Άρθρο 5`, `第5条` or `المادة 5`, or at a heading that is only a number
//! (`##### 2`, as legislation.gov.uk writes sections). Everything after it belongs to it until
//! the next provision or the next heading. Part, chapter and section headings (`Chapitre III :
//! …`, `Título II`) close a provision without joining it. List items, table rows, quoted text
//! and code never open a provision, and a text quoted inside a provision (an article an
//! amending law inserts) stays inside it, however it is numbered.
//!
//! Inside a provision, two shapes become children with their own reference:
//! - the items of an amending provision, each a sentence ending in `:` or `—` followed by a
//!   quoted text (`Ciento siete. Se añade un nuevo artículo 197 bis, con la siguiente
//!   redacción: «…»`) → `Artículo único, artículo 197 bis`;
//! - headed subsections (`(a)(1) Illegal Access. — …`, `(2) Illegal Interception. — …`) →
//!   `Section 4(a)(1)`, `Section 4(a)(2)`.
//!
//! Nothing is dropped silently: text before the first provision is the preamble, text that
//! follows a division heading before the next provision is reported as unplaced, with its line.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::language::Language;

/// One provision found in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProvision {
    /// How the draft numbers it: `Article 5`, `Section 3A`, `§ 202a`, `Section 4(a)(1)`,
    /// `Artículo único, artículo 197 bis`.
    pub reference: String,
    /// Its heading, if the draft gives one.
    pub heading: Option<String>,
    /// Its text, subsections included, one paragraph per line.
    pub text: String,
    /// The 1-based line where it starts.
    pub line: usize,
    /// The reference of the provision it is part of (a subsection, or an item of an amending
    /// provision), if any.
    pub part_of: Option<String>,
}

/// A block of the draft that belongs to no provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnplacedBlock {
    /// Its 1-based line.
    pub line: usize,
    /// Its first words.
    pub excerpt: String,
}

/// A draft law split into provisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The first top-level heading that is not a provision, if any.
    pub title: Option<String>,
    /// The language the draft was read in.
    pub language: Language,
    /// The provisions, in order; children follow the provision they are part of.
    pub provisions: Vec<DraftProvision>,
    /// How many blocks precede the first provision (title, enacting formula, preamble).
    pub preamble_blocks: usize,
    /// Blocks after a division heading that precede the next provision: not part of any.
    pub unplaced: Vec<UnplacedBlock>,
}

/// Why a text could not be read as a draft law.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Nothing but white space.
    #[error("the draft is empty")]
    Empty,
    /// No heading or paragraph looks like a provision.
    #[error(
        "found no provision in the draft: no heading or paragraph starts like `Article 5`, `Art. 5`, `Section 5`, `s. 5`, `§ 5`, `Artigo 5.º`, `Artículo 5`, `Статья 5`, `Άρθρο 5`, `第5条` or `المادة 5`"
    )]
    NoProvisions,
}

/// Markers that open a provision, lower-cased, with how the reference is written back.
const MARKERS: &[(&str, &str)] = &[
    ("artículo", "Artículo"),
    ("articulo", "Artículo"),
    ("artigo", "Artigo"),
    ("articolo", "Articolo"),
    ("artikel", "Artikel"),
    ("article", "Article"),
    ("art.", "Art."),
    ("section", "Section"),
    ("sec.", "Sec."),
    ("s.", "s."),
    ("§", "§"),
    ("статья", "Статья"),
    ("стаття", "Стаття"),
    ("მუხლი", "მუხლი"),
    ("άρθρο", "Άρθρο"),
    ("αρθρο", "Άρθρο"),
];

/// Words that open a division of a law (part, chapter …), lower-cased and accent-folded.
const DIVISIONS: &[&str] = &[
    "part",
    "chapter",
    "division",
    "subdivision",
    "title",
    "book",
    "schedule",
    "livre",
    "titre",
    "chapitre",
    "section",
    "sous-section",
    "paragraphe",
    "libro",
    "titulo",
    "capitulo",
    "seccion",
    "subseccion",
    "livro",
    "seccao",
    "secao",
    "subseccao",
    "teil",
    "buch",
    "abschnitt",
    "kapitel",
    "titel",
    "unterabschnitt",
    "раздел",
    "глава",
    "подраздел",
];

/// Ordinal words and numerals that follow a division word.
fn numeral(word: &str) -> bool {
    let w = super::text::fold(word.trim_end_matches(['.', ':', ',', '-', '–', '—']));
    !w.is_empty()
        && (w.chars().all(|c| c.is_ascii_digit())
            || w.chars().all(|c| "ivxlcdm".contains(c))
            || matches!(
                w.as_str(),
                "ier"
                    | "i.er"
                    | "er"
                    | "unico"
                    | "unica"
                    | "preliminar"
                    | "preliminaire"
                    | "preliminary"
                    | "primero"
                    | "primera"
                    | "segundo"
                    | "segunda"
                    | "tercero"
                    | "premier"
                    | "first"
                    | "second"
                    | "third"
                    | "primeiro"
                    | "erster"
            )
            || (w.len() <= 4 && w.chars().next().is_some_and(|c| c.is_ascii_digit())))
}

/// Whether `text` is a division heading: `Chapitre III : De l'escroquerie`, `TÍTULO VI`.
fn division(text: &str, language: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace());
    if t.contains('\n') || t.chars().count() > 300 {
        return false;
    }
    let mut words = t.split_whitespace();
    let first = super::text::fold(words.next().unwrap_or_default());
    let first = first.trim_end_matches(['.', ':']);
    if first == "section" && language != "fr" {
        return false;
    }
    DIVISIONS.contains(&first) && words.next().is_some_and(numeral)
}

/// The title part of a division heading: what follows `Chapitre III :` or `TÍTULO VI -`.
fn division_title(text: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace());
    let at = t.find([':', '–', '—']).or_else(|| t.find(" - "))?;
    let title = t[at..]
        .trim_start_matches([':', '–', '—', '-', ' '])
        .trim()
        .trim_end_matches('.');
    (!title.is_empty()).then(|| title.to_string())
}

/// Latin ordinals of inserted provisions: `197 bis`, `8 ter`.
const LATIN: &[&str] = &[
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
];

/// The number after a marker: `323-1`, `L. 34-1`, `5/1`, `5~A`, `3ZA`, `6.º`, `143¹`,
/// `588 bis a`, `305 A`; with what follows it.
fn number(rest: &str) -> Option<(String, &str)> {
    let mut number = String::new();
    let mut s = rest;
    // French codes: `L. 34-1`, `R34-2`.
    if let Some(c) = s.chars().next()
        && "LRDA".contains(c)
    {
        let after = &s[1..];
        let after_dot = after.strip_prefix('.').unwrap_or(after).trim_start();
        if after_dot.starts_with(|d: char| d.is_ascii_digit()) {
            number.push_str(if after.starts_with('.') {
                &s[..2]
            } else {
                &s[..1]
            });
            if after.starts_with('.') {
                number.push(' ');
            }
            s = after_dot;
        }
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return roman(s);
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut end = 0;
    let mut i = 0;
    let letters_run = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|(_, c)| c.is_alphabetic())
            .count()
    };
    while i < chars.len() {
        let c = chars[i].1;
        let next = chars.get(i + 1).map(|(_, c)| *c);
        let take = if c.is_ascii_digit() || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c) || "º°ª".contains(c)
        {
            1
        } else if c.is_alphabetic() {
            // `3ZA`, `202a`: a short run of letters right after the digits; `504quater`,
            // `90septies`: a Latin ordinal written against them, as Belgian codes do.
            let run = letters_run(i);
            let glued: String = chars[i..i + run].iter().map(|(_, c)| *c).collect();
            if chars[i - 1].1.is_ascii_digit()
                && (run <= 3 || LATIN.contains(&glued.to_lowercase().as_str()))
            {
                run
            } else {
                0
            }
        } else if "-/~".contains(c) && next.is_some_and(|n| n.is_ascii_digit()) {
            1
        } else if "-/~".contains(c)
            && next.is_some_and(char::is_alphabetic)
            && letters_run(i + 1) <= 2
        {
            1 + letters_run(i + 1)
        } else if c == '.' && next.is_some_and(|n| n.is_ascii_digit() || n == 'º' || n == '°') {
            1
        } else {
            0
        };
        if take == 0 {
            break;
        }
        i += take;
        end = chars.get(i).map_or(s.len(), |(at, _)| *at);
    }
    number.push_str(&s[..end]);
    // The French ordinal of a first article, `Art. 1<sup>er</sup>.`, is not part of the number.
    let mut after = s[end..].strip_prefix("<sup>er</sup>").unwrap_or(&s[end..]);
    // `197 bis`, `588 bis a`, `305 A.`
    let trimmed = after.trim_start();
    let word: String = trimmed.chars().take_while(|c| c.is_alphabetic()).collect();
    if LATIN.contains(&word.to_lowercase().as_str()) {
        number.push(' ');
        number.push_str(&word.to_lowercase());
        after = &trimmed[word.len()..];
        let t2 = after.trim_start();
        let mut cs = t2.chars();
        if let (Some(l), n) = (cs.next(), cs.next())
            && l.is_ascii_lowercase()
            && after.starts_with(' ')
            && n.is_none_or(|n| !n.is_alphanumeric())
        {
            number.push(' ');
            number.push(l);
            after = &t2[1..];
        }
    } else if word.chars().count() == 1
        && after.starts_with(' ')
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (trimmed[1..].trim().is_empty() || trimmed[1..].starts_with(['.', ':', ')', '–', '—']))
    {
        number.push(' ');
        number.push_str(&word);
        after = &trimmed[1..];
    }
    let number = number.trim_end_matches(['.', '-']).to_string();
    Some((number, after))
}

/// A Roman article number, as Luxembourg's and Belgium's amending laws number their own
/// articles: `I<sup>er</sup>.`, `II.`, `IV`; with what follows it. Only when it ends the line or
/// is followed by `.`, `:`, `)` or the French ordinal ending, so that a word is never read as one.
fn roman(s: &str) -> Option<(String, &str)> {
    let n = s.chars().take_while(|c| "IVXLC".contains(*c)).count();
    if n == 0 || n > 7 {
        return None;
    }
    let after = &s[n..];
    let after = after
        .strip_prefix("<sup>er</sup>")
        .or_else(|| after.strip_prefix("er"))
        .unwrap_or(after);
    let ends = after.is_empty() || after.starts_with(['.', ':', ')', '\n', '–', '—']);
    (ends && roman_value(&s[..n]).is_some()).then(|| (s[..n].to_string(), after))
}

/// The value of a Roman numeral written in the usual way, or `None`.
fn roman_value(r: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let digits: Vec<u32> = r.chars().map(value).collect();
    let mut total = 0i64;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= i64::from(d);
        } else {
            total += i64::from(d);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Only canonical numerals: `IIII` or `IC` are not article numbers.
    (to_roman(total) == r).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// If `text` starts with a provision marker, the reference and what follows it. A paragraph
/// that reads on in lower case (`Section 5 applies to …`) is a cross-reference, not a
/// provision; a heading is a provision whatever follows (`## Section 1 unauthorised access`).
pub(crate) fn marker(text: &str, heading: bool, language: &str) -> Option<(String, String)> {
    let text =
        text.trim_start_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace());
    let (reference, after) = special_marker(text)
        .or_else(|| disposition_marker(text, language))
        .or_else(|| word_marker(text, language))?;
    let separated = after
        .trim_start()
        .starts_with(|c: char| ".:–—-)*_".contains(c));
    let tail = after
        .trim_start_matches(|c: char| ".:–—-)*_ º°".contains(c) || c.is_whitespace())
        .trim_end_matches(['*', '_']);
    if !heading && !separated && tail.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    Some((reference, tail.trim().to_string()))
}

/// The final provisions of a Spanish law, numbered by ordinal after their kind:
/// `Disposición adicional única`, `Disposición final primera`, `Disposición transitoria 2.ª`.
/// The plural (`DISPOSICIONES COMPLEMENTARIAS FINALES`) is a division, not a provision.
fn disposition_marker<'a>(text: &'a str, language: &str) -> Option<(String, &'a str)> {
    const KINDS: &[&str] = &["adicional", "transitoria", "derogatoria", "final"];
    const ORDINALS: &[&str] = &[
        "única",
        "unica",
        "primera",
        "segunda",
        "tercera",
        "cuarta",
        "quinta",
        "sexta",
        "séptima",
        "septima",
        "octava",
        "novena",
        "décima",
        "decima",
        "undécima",
        "undecima",
        "duodécima",
        "duodecima",
    ];
    if !matches!(language, "es" | "und") {
        return None;
    }
    // The first three words and where the third ends.
    let mut words = Vec::new();
    let mut rest = text;
    for _ in 0..3 {
        let trimmed = rest.trim_start();
        let end = trimmed
            .find(|c: char| c.is_whitespace() || ".:–—-,;*_".contains(c))
            .unwrap_or(trimmed.len());
        if end == 0 {
            return None;
        }
        words.push(trimmed[..end].to_lowercase());
        rest = &trimmed[end..];
    }
    let ordinal = &words[2];
    let numbered = ordinal.starts_with(|c: char| c.is_ascii_digit())
        && ordinal
            .chars()
            .all(|c| c.is_ascii_digit() || "ªº°".contains(c));
    let ordinal_word = ORDINALS.contains(&ordinal.as_str())
        || ["decimo", "décimo", "vigésim", "vigesim"]
            .iter()
            .any(|p| ordinal.starts_with(p) && ordinal.ends_with('a'));
    if !["disposición", "disposicion"].contains(&words[0].as_str())
        || !KINDS.contains(&words[1].as_str())
        || !(numbered || ordinal_word)
    {
        return None;
    }
    // `Disposición transitoria 2.ª`: the ordinal's mark follows the full stop.
    let (ordinal, rest) = match [".ª", ".º"]
        .iter()
        .find(|m| numbered && rest.starts_with(**m))
    {
        Some(m) => (format!("{ordinal}{m}"), &rest[m.len()..]),
        None => (ordinal.clone(), rest),
    };
    Some((format!("Disposición {} {ordinal}", words[1]), rest))
}

/// `第5条`, `المادة 5`, `المادة (5)`.
fn special_marker(text: &str) -> Option<(String, &str)> {
    if let Some(rest) = text.strip_prefix('第') {
        let n: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千两".contains(*c))
            .collect();
        let after = &rest[n.len()..];
        let after = after
            .strip_prefix('条')
            .or_else(|| after.strip_prefix('條'))?;
        return (!n.is_empty()).then(|| (format!("第{n}条"), after));
    }
    if let Some(rest) = text.strip_prefix("المادة") {
        let rest = rest.trim_start().trim_start_matches('(');
        let n: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('٠'..='٩').contains(c))
            .collect();
        let after = rest[n.len()..].trim_start_matches(')');
        return (!n.is_empty()).then(|| (format!("المادة {n}"), after));
    }
    None
}

/// `Article 5`, `Art. 323-1`, `Section 5/1`, `§ 202a` …
fn word_marker<'a>(text: &'a str, language: &str) -> Option<(String, &'a str)> {
    let lower = text.to_lowercase();
    let (prefix, written) = MARKERS.iter().find(|(m, _)| {
        lower.starts_with(m)
            && lower[m.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c.is_ascii_digit() || c == '\u{a0}')
    })?;
    // French codes divide chapters into `Section 1 : …`; elsewhere a section is a provision.
    if *written == "Section" && language == "fr" {
        return None;
    }
    // In Portuguese and Spanish laws `§ 1º` is a paragraph of an article, not a provision,
    // and so is `§ 2.` in Belgian and Luxembourg laws in French.
    if *written == "§" && matches!(language, "pt" | "es" | "fr") {
        return None;
    }
    let prefix_chars = prefix.chars().count();
    let start = text
        .char_indices()
        .nth(prefix_chars)
        .map_or(text.len(), |(i, _)| i);
    let rest = text[start..].trim_start_matches(|c: char| c.is_whitespace());
    // `Artículo único`, `Article unique`, `Artigo único`: the one article of a short law.
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    if ["único", "unico", "única", "unique", "unic"].contains(&word.to_lowercase().as_str()) {
        return Some((
            format!("{written} {}", word.to_lowercase()),
            &rest[word.len()..],
        ));
    }
    let (number, after) = number(rest)?;
    Some((format!("{written} {number}"), after))
}

/// A heading that is only a section number, as legislation.gov.uk writes them: `##### 2`, or
/// with the full stop that Canada's XML statutes give every section label: `##### 20.`.
fn bare_number(text: &str, language: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let (n, after) = number(t)?;
    if !matches!(after.trim(), "" | ".") {
        return None;
    }
    let word = match language {
        "fr" | "und" => "Article",
        "es" => "Artículo",
        "pt" => "Artigo",
        "de" => "§",
        "ru" => "Статья",
        "en" => "Section",
        _ => "Article",
    };
    Some(format!("{word} {n}"))
}

/// The kinds of Markdown block the splitter distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    Paragraph,
    /// List items, table rows, code and HTML: never a provision's start.
    Other,
}

/// A block of the Markdown, with its first line.
#[derive(Debug)]
struct Block {
    kind: Kind,
    text: String,
    line: usize,
    /// Inside a block quote.
    quoted: bool,
    /// A paragraph that is all bold: a rubric (`**Sabotagem informática**`).
    bold: bool,
    /// An indented block inside a list item: the text an amending item inserts, as Legilux
    /// prints it (`5. Il est ajouté un article 5-1 nouveau, libellé comme suit:` and the new
    /// article indented under it). Read as paragraphs of its own.
    indented_in_item: bool,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut depth = 0usize;
    let mut quotes = 0usize;
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Block {
                    kind: Kind::Heading(level as u8),
                    text: String::new(),
                    line: line_of(range.start),
                    quoted: quotes > 0,
                    bold: false,
                    indented_in_item: false,
                });
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
                if depth >= 1 && current.as_ref().is_some_and(|b| b.kind == Kind::Other) =>
            {
                depth += 1;
                if let Some(b) = current.take() {
                    out.push(b);
                }
                current = Some(Block {
                    kind: Kind::Paragraph,
                    text: String::new(),
                    line: line_of(range.start),
                    quoted: quotes > 0,
                    bold: false,
                    indented_in_item: true,
                });
            }
            Event::End(TagEnd::CodeBlock)
                if current.as_ref().is_some_and(|b| b.indented_in_item) =>
            {
                depth = depth.saturating_sub(1);
                if let Some(b) = current.take() {
                    out.push(b);
                }
                // The rest of the list item, if any, continues as a block of its own.
                current = (depth > 0).then(|| Block {
                    kind: Kind::Other,
                    text: String::new(),
                    line: line_of(range.end.saturating_sub(1)),
                    quoted: quotes > 0,
                    bold: false,
                    indented_in_item: false,
                });
            }
            Event::Start(
                tag @ (Tag::Paragraph
                | Tag::Item
                | Tag::TableRow
                | Tag::TableHead
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock),
            ) => {
                depth += 1;
                if depth == 1 || current.is_none() {
                    if let Some(b) = current.take() {
                        out.push(b);
                    }
                    let raw = markdown[range.clone()].trim();
                    let paragraph = matches!(tag, Tag::Paragraph);
                    current = Some(Block {
                        kind: if paragraph {
                            Kind::Paragraph
                        } else {
                            Kind::Other
                        },
                        text: String::new(),
                        line: line_of(range.start),
                        quoted: quotes > 0,
                        bold: paragraph
                            && raw.chars().count() <= 160
                            && ((raw.starts_with("**")
                                && raw.ends_with("**")
                                && raw.matches("**").count() == 2)
                                || (raw.starts_with("__")
                                    && raw.ends_with("__")
                                    && raw.matches("__").count() == 2)),
                        indented_in_item: false,
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
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
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
            _ => {}
        }
    }
    if let Some(b) = current {
        out.push(b);
    }
    out.retain(|b| !b.text.trim().is_empty());
    // An indented block in a list item holds paragraphs separated by blank lines.
    out.into_iter()
        .flat_map(|b| {
            if !b.indented_in_item {
                return vec![b];
            }
            let mut parts = Vec::new();
            let mut lines: Vec<&str> = Vec::new();
            let mut first = b.line;
            for (k, line) in b.text.lines().chain(std::iter::once("")).enumerate() {
                if line.trim().is_empty() {
                    if !lines.is_empty() {
                        parts.push(Block {
                            kind: Kind::Paragraph,
                            text: lines.join("\n"),
                            line: first,
                            quoted: b.quoted,
                            bold: false,
                            indented_in_item: false,
                        });
                        lines.clear();
                    }
                    first = b.line + k + 1;
                } else {
                    lines.push(line.trim());
                }
            }
            parts
        })
        .collect()
}

/// A paragraph of a provision, before children are found.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    line: usize,
    quoted: bool,
    /// Part of a text an amending sentence announced, kept in its provision.
    inserted: bool,
}

#[derive(Debug)]
struct Open {
    reference: String,
    heading: Option<String>,
    line: usize,
    paragraphs: Vec<Para>,
    /// The Markdown heading level of the block that opened it, if a heading.
    level: Option<u8>,
}

/// Splits a draft law into provisions, in the language detected from its text.
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
    parse_in(markdown, Language::detect(markdown))
}

/// Splits a draft law into provisions, read in the given language (which decides, for
/// example, whether `Section 2` is a provision, as in English, or a division, as in French).
///
/// # Errors
///
/// As [`parse`].
///
/// # Example
///
/// ```
/// use budapest_gap::draft::{Language, parse_in};
///
/// let md = "# Loi\n\nSection 1 : Dispositions générales\n\nArticle L. 34-1\n\nLes opérateurs…\n";
/// let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
/// assert_eq!(draft.provisions.len(), 1);
/// assert_eq!(draft.provisions[0].reference, "Article L. 34-1");
/// ```
pub fn parse_in(markdown: &str, language: Language) -> Result<Draft, DraftError> {
    if markdown.trim().is_empty() {
        return Err(DraftError::Empty);
    }
    let lang = language.primary().to_string();
    let mut title = None;
    let mut open: Vec<Open> = Vec::new();
    // Whether text still joins the last provision (false after a heading or a division).
    let mut current = false;
    // A heading or rubric just seen, which names the next provision if it has no heading of
    // its own; for a rubric, where it was appended so that it can be taken back.
    let mut pending: Option<(String, Option<usize>)> = None;
    let mut quote_depth: i64 = 0;
    // After an amending sentence ("… est modifié comme suit:", "… quedará así:") the text it
    // announces follows, often unquoted: its article numbers, rubrics and chapter lines belong
    // to the amending provision, until the law's own next provision.
    let mut inserting = false;
    let mut preamble_blocks = 0;
    let mut unplaced = Vec::new();
    for block in blocks(markdown) {
        let text = block.text.trim();
        if quote_depth > 0
            && current
            && !matches!(block.kind, Kind::Heading(_) if division(text, &lang))
        {
            append(&mut open, text, &block, &mut quote_depth);
            continue;
        }
        quote_depth = 0;
        let first_line = text.lines().next().unwrap_or_default();
        let is_heading = matches!(block.kind, Kind::Heading(_));
        let level = match block.kind {
            Kind::Heading(l) => Some(l),
            _ => None,
        };
        let opens = if block.quoted || block.kind == Kind::Other {
            None
        } else if is_heading && let Some(reference) = bare_number(text, &lang) {
            Some((reference, String::new()))
        } else {
            marker(first_line, is_heading, &lang)
        };
        // A quoted insertion is delimited by its quotation marks instead.
        if inserting && (block.quoted || text.starts_with(QUOTES)) {
            inserting = false;
        }
        if inserting && current {
            let own = match (&opens, open.last()) {
                (Some((reference, _)), Some(last)) => next_own_provision(last, reference, level),
                _ => false,
            };
            let real_division = is_heading && division(text, &lang);
            if !own && !real_division {
                append(&mut open, text, &block, &mut quote_depth);
                if let Some(last) = open.last_mut().and_then(|o| o.paragraphs.last_mut()) {
                    last.inserted = true;
                }
                continue;
            }
            inserting = false;
        }
        if let Some((reference, tail)) = &opens
            && !is_heading
            && current
            && let Some(last) = open.last_mut()
            && last.paragraphs.is_empty()
            && let Some(leftover) = repeated_number(&last.reference, reference)
        {
            // `#### Artículo 161 A` then `ART. 161 - A.`, as LeyChile prints every article:
            // the number said again under the heading opens nothing; what follows is the text.
            let tail = tail.trim_start_matches(['-', '–', '—', ' ']);
            let tail = match tail.get(..leftover.len()) {
                Some(head) if !leftover.is_empty() && head.to_lowercase() == leftover => {
                    &tail[leftover.len()..]
                }
                _ => tail,
            }
            .trim_start_matches(['.', ':', '-', '–', '—', ' ']);
            let body: Vec<&str> = std::iter::once(tail)
                .chain(text.lines().skip(1))
                .filter(|l| !l.trim().is_empty())
                .collect();
            if !body.is_empty() {
                last.paragraphs.push(Para {
                    text: body.join("\n"),
                    line: block.line,
                    quoted: false,
                    inserted: false,
                });
            }
            inserting = announces_text(text);
            pending = None;
            continue;
        }
        if let Some((reference, tail)) = opens {
            let rest_lines: Vec<&str> = text.lines().skip(1).collect();
            let short_first_line = !rest_lines.is_empty() && tail.chars().count() <= 120;
            let (heading, body) = if (is_heading && tail.chars().count() <= 150) || short_first_line
            {
                // `Artigo 4.º` with its rubric on the next line, as Portugal's Diário da
                // República and many gazettes print them.
                if tail.trim().is_empty() && rest_lines.first().is_some_and(|l| rubric_line(l)) {
                    (rest_lines[0].to_string(), rest_lines[1..].join("\n"))
                } else {
                    (tail, rest_lines.join("\n"))
                }
            } else {
                let (h, b) = split_heading(&tail);
                let mut body = b;
                if !rest_lines.is_empty() {
                    body.push('\n');
                    body.push_str(&rest_lines.join("\n"));
                }
                (h, body)
            };
            let mut heading =
                Some(heading.trim().trim_end_matches('.').to_string()).filter(|h| !h.is_empty());
            if heading.is_none()
                && let Some((rubric, appended)) = pending.take()
            {
                if let Some(at) = appended
                    && let Some(p) = open.last_mut()
                {
                    p.paragraphs.truncate(at);
                }
                heading = Some(rubric);
            }
            let body = body.trim().to_string();
            inserting = announces_text(text);
            open.push(Open {
                reference,
                heading,
                line: block.line,
                level,
                paragraphs: if body.is_empty() {
                    Vec::new()
                } else {
                    vec![Para {
                        text: body,
                        line: block.line,
                        quoted: false,
                        inserted: false,
                    }]
                },
            });
            current = true;
            pending = None;
            continue;
        }
        if is_heading || (block.kind == Kind::Paragraph && division(text, &lang)) {
            if matches!(block.kind, Kind::Heading(1)) && open.is_empty() && title.is_none() {
                title = Some(text.to_string());
            } else if !division(text, &lang) && is_heading {
                pending = Some((text.trim_end_matches('.').to_string(), None));
            } else {
                // `Paragraphe 2 : De l'atteinte au secret des correspondances` names the
                // article that follows it, when that has no heading of its own.
                pending = division_title(text).map(|t| (t, None));
            }
            if open.is_empty() {
                preamble_blocks += 1;
            }
            current = false;
            continue;
        }
        if current
            && block.kind == Kind::Paragraph
            && !block.quoted
            && !text.contains('\n')
            && (block.bold || rubric_line(text))
            && !division(text, &lang)
            && let Some(last) = open.last_mut()
            && last.heading.is_none()
            && last.paragraphs.is_empty()
        {
            // The rubric below a number that stands alone (`**Artigo 5.º**` then
            // `**Excepções**`): the provision's heading, not its text.
            last.heading = Some(text.trim_end_matches('.').to_string());
            continue;
        }
        if current {
            let at = open.last().map_or(0, |p| p.paragraphs.len());
            append(&mut open, text, &block, &mut quote_depth);
            inserting = !block.quoted && announces_text(text);
            pending = block
                .bold
                .then(|| (text.trim_end_matches('.').to_string(), Some(at)));
        } else if open.is_empty() {
            preamble_blocks += 1;
            pending = block.bold.then(|| (text.to_string(), None));
        } else if block.bold {
            // A rubric between provisions: the next provision's heading, or else unplaced.
            if let Some((text, None)) = pending.replace((text.to_string(), None)) {
                unplaced.push(unplaced_block(&text, block.line));
            }
        } else {
            unplaced.push(unplaced_block(text, block.line));
        }
    }
    if open.is_empty() {
        return Err(DraftError::NoProvisions);
    }
    let provisions = open.into_iter().flat_map(|o| children(o, &lang)).collect();
    Ok(Draft {
        title,
        language,
        provisions,
        preamble_blocks,
        unplaced,
    })
}

/// When `again` says the number of the provision `open` once more (`Art. 7` after `Artículo
/// 7`, `Art. 161` after `Artículo 161 A`), what of that number it leaves out, lower-cased
/// (``, `a`).
fn repeated_number(open: &str, again: &str) -> Option<String> {
    let number = |r: &str| {
        r.split_once(' ').map(|(_, n)| {
            let n = n.to_lowercase().replace(['-', '–'], " ");
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        })
    };
    let (open, again) = (number(open)?, number(again)?);
    if open == again {
        return Some(String::new());
    }
    let rest = open.strip_prefix(&again)?;
    rest.starts_with(' ').then(|| rest.trim_start().to_string())
}

/// Whether a line reads as an article's rubric written below its number (`Princípios
/// gerais`, `Acceso ilícito`): a few words, capitalised, not a sentence (no closing full stop,
/// colon, semicolon or comma), not a numbered paragraph or item (`1 -`, `(2)`, `II -`).
fn rubric_line(line: &str) -> bool {
    let l = line.trim();
    let mut words = l.split_whitespace();
    let first = words.next().unwrap_or_default();
    let count = 1 + words.count();
    let numbered = first.chars().all(|c| "IVXLCDM".contains(c))
        && l[first.len()..]
            .trim_start()
            .starts_with(['-', '–', '—', '.', ')']);
    !first.is_empty()
        && count <= 12
        && l.chars().count() <= 100
        && l.starts_with(char::is_uppercase)
        && !l.ends_with(['.', ':', ';', ','])
        && !numbered
}

fn unplaced_block(text: &str, line: usize) -> UnplacedBlock {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let excerpt: String = flat.chars().take(80).collect();
    UnplacedBlock { line, excerpt }
}

fn append(open: &mut [Open], text: &str, block: &Block, quote_depth: &mut i64) {
    if let Some(p) = open.last_mut() {
        p.paragraphs.push(Para {
            text: text.to_string(),
            line: block.line,
            quoted: block.quoted,
            inserted: false,
        });
        *quote_depth = (*quote_depth + quote_change(text)).max(0);
    }
}

/// How a paragraph changes the depth of open quotations: `«` and `“` open one, `»` and `”`
/// close one. Straight double quotes, with which Belgium's Moniteur quotes the texts an
/// amending law inserts (`" Art. 39bis. § 1er. …` and, paragraphs later, `… données. ".`),
/// open one when a paragraph starts with an unpaired one and close one when it ends with it.
///
/// A paragraph that ends with a closing mark closes the quotations it opened, as French
/// typography closes a quotation and the one nested at its end with a single `»`
/// (`«Conformément à l'article 24 … «les membres du pouvoir judiciaire … Ministère public.»`).
fn quote_change(text: &str) -> i64 {
    let t = text.trim();
    let mut curly = t.matches(['«', '“']).count() as i64 - t.matches(['»', '”']).count() as i64;
    if curly > 0
        && t.trim_end_matches(['.', ',', ';', ':', ')', ' '])
            .ends_with(['»', '”'])
    {
        curly = 0;
    }
    let straight = if t.matches('"').count().is_multiple_of(2) {
        0
    } else if t.starts_with('"') {
        1
    } else if t
        .trim_end_matches(['.', ',', ';', ':', ')', ' '])
        .ends_with('"')
    {
        -1
    } else {
        0
    };
    curly + straight
}

/// "Illegal access. A person who…" → ("Illegal access", "A person who…"); a long first
/// sentence is body text, not a heading.
fn split_heading(tail: &str) -> (String, String) {
    match tail.find(". ") {
        Some(i) if i <= 100 && !tail[..i].contains(['(', ',']) => {
            (tail[..i].to_string(), tail[i + 2..].to_string())
        }
        _ => (String::new(), tail.to_string()),
    }
}

const QUOTES: &[char] = &['«', '“', '"', '„', '‘', '»'];

/// Words with which amending laws announce the text they insert or substitute, lower-cased.
const ANNOUNCING: &[&str] = &[
    // French
    "comme suit",
    "libellé",
    "libellée",
    "ainsi rédigé",
    "ainsi conçu",
    "teneur suivante",
    "est inséré",
    "sont insérés",
    "est ajouté",
    "sont ajoutés",
    "est remplacé",
    "sont remplacés",
    "est complété",
    "est modifié",
    "est introduit",
    "sont introduits",
    // Spanish
    "quedará así",
    "quedarán así",
    "quedará de la siguiente",
    "siguiente redacción",
    "como sigue",
    "siguiente tenor",
    "queda redactado",
    "quedan redactados",
    "cuyo texto es",
    "se añade",
    "se adiciona",
    "adiciónase",
    "incorpórase",
    "sustitúyese",
    "se modifica",
    "se introduce",
    // Portuguese
    "seguinte redação",
    "seguinte redacção",
    "passa a vigorar",
    "acrescido",
    "aditado",
    "aditados",
    // English
    "as follows",
    "is inserted",
    "are inserted",
    "substitute",
    "is amended",
    "are amended",
];

/// Whether a text ends by announcing an inserted or substituted text: its last line ends
/// with `:` or a dash and uses an amending phrase (`… est modifié comme suit:`).
fn announces_text(text: &str) -> bool {
    let last = text
        .trim_end()
        .trim_end_matches(['*', '_'])
        .trim_end()
        .lines()
        .last()
        .unwrap_or_default();
    let lower = last.to_lowercase();
    lower.ends_with([':', '—', '–']) && ANNOUNCING.iter().any(|a| lower.contains(a))
}

/// The number of a reference: `Art. 3` → ("art.", 3); `None` unless a plain integer.
fn plain_number(reference: &str) -> Option<(String, u32)> {
    let (word, number) = reference.rsplit_once(' ')?;
    let n = number.trim_end_matches(['º', '°', 'ª', '.']);
    n.parse()
        .ok()
        .or_else(|| roman_value(n))
        .map(|n| (word.to_lowercase(), n))
}

/// While an amending provision's inserted text goes on, whether the marker `reference` opens
/// the law's own next provision (`Art. 4` after `Art. 3`; a heading like the one that opened
/// `Artículo 52` for `Artículo 53`) rather than an article of the inserted text (`Art. 7-4`,
/// `Artículo 235`).
fn next_own_provision(last: &Open, reference: &str, level: Option<u8>) -> bool {
    let (Some((word, n)), Some((own_word, own))) =
        (plain_number(reference), plain_number(&last.reference))
    else {
        return false;
    };
    word == own_word && (n == own + 1 || (n > own && level.is_some() && level == last.level))
}

/// An item of an amending provision: a sentence ending in `:` or `—` before a quoted text.
/// A definition (`“premises” includes any place`) quotes a term, not a text: its quotation
/// closes and the paragraph reads on.
fn amendment_intro(p: &[Para], i: usize) -> bool {
    let text = p[i].text.trim_end();
    let inserts = |n: &Para| {
        let t = n.text.trim();
        if n.quoted {
            return true;
        }
        let Some(open) = t.chars().next().filter(|c| QUOTES.contains(c)) else {
            return false;
        };
        let body = &t[open.len_utf8()..];
        // The quotation's own closing mark, past any quotation nested in it (`«Art. Ier. …
        // dénommées ci-après «demandes d'entraide», qui …»`).
        let close = if matches!(open, '«' | '“') {
            let mut depth = 1;
            body.char_indices().find_map(|(at, c)| {
                match c {
                    '«' | '“' => depth += 1,
                    '»' | '”' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(at)
            })
        } else {
            body.find(['»', '”', '"', '’'])
        };
        match close {
            Some(close) => {
                let after = body[close..].chars().skip(1).collect::<String>();
                !after.chars().any(char::is_alphanumeric)
            }
            None => true,
        }
    };
    !p[i].quoted
        && !text.starts_with(QUOTES)
        && text.ends_with([':', '—', '–'])
        && p.get(i + 1).is_some_and(inserts)
}

/// An amending item whose text follows unquoted: a paragraph that announces a text
/// (`8. L'article 509-3 du Code pénal est complété par un alinéa 2 libellé comme suit:`) and
/// names the article it amends, or is followed by one.
fn unquoted_amendment_intro(p: &[Para], i: usize) -> bool {
    let Some(next) = p.get(i + 1) else {
        return false;
    };
    let intro = p[i].text.lines().last().unwrap_or_default();
    // The inserted text may open with a chapter line or a rubric before its first article.
    let article_follows = std::iter::once(next)
        .chain(p.iter().skip(i + 2).take(2))
        .any(|q| marker(q.text.lines().next().unwrap_or_default(), true, "und").is_some());
    !p[i].quoted && announces_text(&p[i].text) && (first_marker(intro).is_some() || article_follows)
}

/// Words that make the article after them a place in the amended law, not the provision
/// amended: `La même loi est modifiée par adjonction, après l’article 16, de ce qui suit :`
/// inserts new articles (16.1, 16.2), it does not amend article 16.
const POSITION: &[&str] = &[
    "après l'",
    "après l’",
    "avant l'",
    "avant l’",
    "précédant l'",
    "précédant l’",
    "after",
    "before",
    "después del",
    "antes del",
    "a continuación del",
    "após o",
    "depois do",
    "antes do",
];

/// The first provision marker in a sentence (`article 509-3`), lower-cased, unless the
/// sentence only names it as a place (`après l’article 16`).
fn first_marker(intro: &str) -> Option<String> {
    let mut at = 0;
    while at < intro.len() {
        let before = intro[..at].to_lowercase();
        let before = before.trim_end();
        let place = POSITION.iter().any(|w| {
            before
                .strip_suffix(w.trim_end())
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
        });
        if let Some((reference, _)) = word_marker(&intro[at..], "und")
            && !reference.starts_with("s.")
            && !place
        {
            return Some(reference.to_lowercase());
        }
        at = intro[at..]
            .char_indices()
            .skip(1)
            .find(|(i, c)| {
                !c.is_alphanumeric()
                    && intro[at + i..]
                        .chars()
                        .nth(1)
                        .is_some_and(char::is_alphanumeric)
            })
            .map_or(intro.len(), |(i, c)| at + i + c.len_utf8());
    }
    None
}

/// The provision an amendment item inserts or replaces: `artículo 197 bis`, `section 24`.
fn amendment_target(intro: &str, quoted: Option<&str>, language: &str) -> String {
    if let Some(q) = quoted
        && let Some((reference, _)) = marker(q.trim_start_matches(QUOTES), true, language)
    {
        return reference.to_lowercase();
    }
    if let Some(reference) = first_marker(intro) {
        return reference;
    }
    intro
        .split(['.', ':'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The title of the division a quoted insertion opens with: `" Section IIbis. - Faux en
/// informatique` → `Faux en informatique`.
fn quoted_division_title(quoted: &str) -> Option<String> {
    let t = quoted.trim_start_matches(QUOTES).trim();
    let first = super::text::fold(t.split_whitespace().next()?);
    if !DIVISIONS.contains(&first.trim_end_matches(['.', ':'])) {
        return None;
    }
    let title = division_title(t.lines().next()?)?;
    (title.chars().count() <= 200).then_some(title)
}

/// `(a)(1) Illegal Access. — text` → (["a", "1"], "Illegal Access", "text").
fn headed_subsection(text: &str) -> Option<(Vec<String>, String)> {
    let mut rest = text.trim_start();
    let mut labels = Vec::new();
    while let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')')?;
        let label = &r[..close];
        if label.is_empty() || label.len() > 4 || !label.chars().all(char::is_alphanumeric) {
            return None;
        }
        labels.push(label.to_string());
        rest = &r[close + 1..];
    }
    if labels.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let dash = rest.find(['—', '–']).filter(|&i| i <= 100)?;
    let heading = rest[..dash].trim().trim_end_matches(['.', ' ']).trim();
    let body = rest[dash..].trim_start_matches(['—', '–', ' ', '-']);
    if body.chars().count() < 10
        || heading.is_empty()
        || heading.contains(['(', ';'])
        || heading.split_whitespace().count() > 10
    {
        return None;
    }
    Some((labels, heading.to_string()))
}

/// `(a)(1)` then `(2)` → `(a)(2)`: a single label replaces the one of its kind.
fn compose(previous: &[String], new: Vec<String>) -> Vec<String> {
    if new.len() > 1 {
        return new;
    }
    let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let kind = digit(&new[0]);
    match previous.iter().position(|p| digit(p) == kind) {
        Some(i) => {
            let mut out = previous[..i].to_vec();
            out.extend(new);
            out
        }
        None => {
            let mut out = previous.to_vec();
            out.extend(new);
            out
        }
    }
}

fn finish(
    reference: String,
    heading: Option<String>,
    line: usize,
    paragraphs: &[Para],
    part_of: Option<String>,
) -> DraftProvision {
    DraftProvision {
        reference,
        heading,
        text: paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        line,
        part_of,
    }
}

/// `1. L'article Ier est modifié comme suit:«Art. Ier. La présente loi …»`, as Legilux
/// prints many items: the new text on the item's own line, right after the announcing colon.
/// The announcing sentence and the quotation become two paragraphs, as if the quotation
/// stood below the item.
fn split_inline_insertion(para: Para) -> Vec<Para> {
    if para.quoted {
        return vec![para];
    }
    let found = para.text.match_indices(':').find_map(|(at, _)| {
        let rest = para.text[at + 1..].trim_start();
        (rest.starts_with(['«', '“']) && announces_text(&para.text[..=at]))
            .then(|| (at + 1, para.text.len() - rest.len()))
    });
    let Some((intro_end, quote_start)) = found else {
        return vec![para];
    };
    let intro = &para.text[..intro_end];
    let line = para.line + intro.matches('\n').count();
    vec![
        Para {
            text: intro.to_string(),
            line: para.line,
            quoted: false,
            inserted: para.inserted,
        },
        Para {
            text: para.text[quote_start..].to_string(),
            line,
            quoted: false,
            inserted: para.inserted,
        },
    ]
}

/// A provision with its children: amendment items, or else headed subsections.
fn children(mut open: Open, language: &str) -> Vec<DraftProvision> {
    // `… ayants droit.\n2. L'alinéa 1 de l'article 461 … est modifié comme suit:`: an item
    // that does not start with 1 continues the paragraph before it in Markdown; the
    // announcing line starts an item of its own.
    open.paragraphs = std::mem::take(&mut open.paragraphs)
        .into_iter()
        .flat_map(split_inline_insertion)
        .flat_map(|para| {
            let lines: Vec<&str> = para.text.lines().collect();
            match lines.split_last() {
                Some((last, before))
                    if !before.is_empty() && !para.quoted && announces_text(last) =>
                {
                    vec![
                        Para {
                            text: before.join("\n"),
                            line: para.line,
                            quoted: false,
                            inserted: para.inserted,
                        },
                        Para {
                            text: (*last).to_string(),
                            line: para.line + before.len(),
                            quoted: false,
                            inserted: para.inserted,
                        },
                    ]
                }
                _ => vec![para],
            }
        })
        .collect();
    let p = &open.paragraphs;
    let unquoted: Vec<usize> = (0..p.len())
        .filter(|&i| unquoted_amendment_intro(p, i))
        .collect();
    // "Le Code … est modifié comme suit:" followed by its first item is the items' chapeau.
    let intros: Vec<usize> = (0..p.len())
        .filter(|&i| {
            amendment_intro(p, i)
                || (unquoted.binary_search(&i).is_ok()
                    && unquoted.binary_search(&(i + 1)).is_err()
                    && !amendment_intro(p, i + 1))
        })
        .collect();
    // `##### Article 4. Il est inséré … une section IIbis, rédigée comme suit :` with the
    // quoted text right below: the provision's own heading announces its one item.
    let quoted_at = |i: usize| {
        p.get(i)
            .filter(|q| q.quoted || q.text.trim_start().starts_with(QUOTES))
            .map(|q| q.text.as_str())
    };
    let heading_intro =
        open.heading.as_deref().is_some_and(announces_text) && quoted_at(0).is_some();
    // Each item: where it starts, its announcing sentence, and where the text it inserts starts.
    let mut items: Vec<(usize, String, usize)> = Vec::new();
    if heading_intro && let Some(h) = &open.heading {
        items.push((0, h.clone(), 0));
    }
    for &i in &intros {
        let intro = if amendment_intro(p, i) {
            p[i].text.as_str()
        } else {
            p[i].text.lines().last().unwrap_or_default()
        };
        items.push((i, intro.to_string(), i + 1));
    }
    let first_line = |q: &Para| {
        q.text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches(QUOTES)
            .trim_start()
            .to_string()
    };
    let mut starts: Vec<(usize, String, Option<String>)> = items
        .iter()
        .enumerate()
        .map(|(k, (i, intro, text_at))| {
            let (i, text_at) = (*i, *text_at);
            let end = items.get(k + 1).map_or(p.len(), |n| n.0);
            let quoted = quoted_at(text_at);
            let quoted_marker = quoted
                .and_then(|q| marker(q.trim_start_matches(QUOTES).lines().next()?, true, language));
            let target = if quoted_marker.is_none() && first_marker(intro).is_none() {
                // "… est complété par un Chapitre X qui est libellé comme suit:" names no
                // article, nor does a quotation that opens with its section's title (`"
                // Section IIbis. - Faux en informatique`): the first article of the inserted
                // text does.
                p[text_at.min(end)..end]
                    .iter()
                    .find_map(|q| marker(&first_line(q), true, "und"))
                    .map(|(r, _)| r.to_lowercase())
                    .unwrap_or_else(|| amendment_target(intro, None, "und"))
            } else if let Some((reference, _)) = &quoted_marker {
                reference.to_lowercase()
            } else {
                amendment_target(intro, None, language)
            };
            // The inserted article's own heading: `«Artículo 210 bis. Acceso ilícito.`, or
            // unquoted, `**Artículo 235.***Interceptación de comunicaciones.* El fiscal…`; else
            // the title of the division the quotation opens with.
            let heading = quoted
                .or_else(|| p.get(text_at).map(|q| q.text.as_str()))
                .and_then(|q| marker(q.trim_start_matches(QUOTES).lines().next()?, true, language))
                .map(|(_, tail)| match split_heading(&tail) {
                    (h, _) if !h.is_empty() => h,
                    _ => tail,
                })
                .map(|h| h.trim_end_matches(['.', '»']).trim().to_string())
                .filter(|h| !h.is_empty() && h.chars().count() <= 120 && !h.starts_with('§'))
                .or_else(|| quoted.and_then(quoted_division_title));
            (i, format!("{}, {target}", open.reference), heading)
        })
        .collect();
    // Each further article of an unquoted inserted text is a child of its own, with its number
    // as a sub-reference (`Art. V, art. 509-2` after `Art. V, art. 509-1`); the first article
    // after an item's announcing sentence is that item.
    let mut depth: i64 = 0;
    let mut inserted: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut article_since_start = false;
    // Item starts are in paragraph order: the first one, and whether one has been passed.
    let first_start = starts.first().map(|s| s.0);
    let mut next_start = 0;
    for (i, para) in p.iter().enumerate() {
        let inside_quote = depth > 0 || para.quoted || para.text.trim_start().starts_with(QUOTES);
        depth = (depth + quote_change(&para.text)).max(0);
        if starts.get(next_start).is_some_and(|s| s.0 == i) {
            next_start += 1;
            article_since_start = false;
            continue;
        }
        // Inside a quotation only the articles of an item's inserted text count (`"
        // Titre IXbis. …` holding `Art. 550bis.` and `Art. 550ter.`).
        let after_item = first_start.is_some_and(|f| f < i);
        if (inside_quote && !after_item) || (!inside_quote && !para.inserted) {
            continue;
        }
        let Some((reference, tail)) = marker(&first_line(para), false, language) else {
            continue;
        };
        if after_item && !article_since_start {
            article_since_start = true;
            continue;
        }
        article_since_start = true;
        let heading = Some(match split_heading(&tail) {
            (h, _) if !h.is_empty() => h,
            _ => tail,
        })
        .map(|h| h.trim_end_matches('.').trim().to_string())
        .filter(|h| !h.is_empty() && h.chars().count() <= 120 && !h.starts_with('§'));
        inserted.push((
            i,
            format!("{}, {}", open.reference, reference.to_lowercase()),
            heading,
        ));
    }
    if !inserted.is_empty() {
        starts.extend(inserted);
        starts.sort_by_key(|s| s.0);
    }
    if starts.is_empty() {
        let mut previous: Vec<String> = Vec::new();
        for (i, para) in p.iter().enumerate() {
            if let Some((labels, heading)) = headed_subsection(&para.text) {
                previous = compose(&previous, labels);
                let label: String = previous.iter().map(|l| format!("({l})")).collect();
                starts.push((i, format!("{}{label}", open.reference), Some(heading)));
            }
        }
        if starts.len() < 2 {
            starts.clear();
        }
    }
    if starts.is_empty() {
        return vec![finish(open.reference, open.heading, open.line, p, None)];
    }
    let mut out = Vec::new();
    let own = &p[..starts[0].0];
    out.push(finish(
        open.reference.clone(),
        open.heading.clone(),
        open.line,
        own,
        None,
    ));
    for (k, (start, reference, heading)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(p.len(), |s| s.0);
        out.push(finish(
            reference.clone(),
            heading.clone(),
            p[*start].line,
            &p[*start..end],
            Some(open.reference.clone()),
        ));
    }
    // A provision that is only its children, without a heading, is represented by them.
    if own.is_empty() && open.heading.is_none() {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(md: &str) -> Draft {
        parse_in(md, Language::given("en").unwrap()).unwrap()
    }

    /// The references of a draft's provisions, in order.
    fn references(draft: &Draft) -> Vec<&str> {
        draft
            .provisions
            .iter()
            .map(|p| p.reference.as_str())
            .collect()
    }

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
            (
                "Artículo 588 bis a. Principios rectores",
                "Artículo 588 bis a",
                "Principios rectores",
            ),
            ("Artículo 588 ter b. Ámbito", "Artículo 588 ter b", "Ámbito"),
            ("**Article 7.** Forgery", "Article 7", "Forgery"),
            (
                "Article 143¹ – Covert actions",
                "Article 143¹",
                "Covert actions",
            ),
            ("Article 4.1 – Data", "Article 4.1", "Data"),
            (
                "Art. 323-1 Accès frauduleux",
                "Art. 323-1",
                "Accès frauduleux",
            ),
            ("Article L. 34-1", "Article L. 34-1", ""),
            ("Section 5/1 – Offences", "Section 5/1", "Offences"),
            ("Section 5~A. Offences", "Section 5~A", "Offences"),
            ("Artículo 305 A. Registro", "Artículo 305 A", "Registro"),
            (
                "ARTÍCULO 237.Audiencia de control",
                "Artículo 237",
                "Audiencia de control",
            ),
            (
                "Άρθρο 5 – Παράνομη πρόσβαση",
                "Άρθρο 5",
                "Παράνομη πρόσβαση",
            ),
            ("第5条 非法侵入", "第5条", "非法侵入"),
            (
                "المادة 5: الدخول غير المشروع",
                "المادة 5",
                "الدخول غير المشروع",
            ),
            ("المادة (12) العقوبات", "المادة 12", "العقوبات"),
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
                marker(text, false, "en"),
                Some((reference.to_string(), tail.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn spanish_final_provisions_are_provisions() {
        let cases = [
            (
                "Disposición final primera. Modificación de la Ley 32/2003.",
                "Disposición final primera",
                "Modificación de la Ley 32/2003.",
            ),
            (
                "Disposición adicional única. Servicios de telefonía",
                "Disposición adicional única",
                "Servicios de telefonía",
            ),
            (
                "DISPOSICIÓN TRANSITORIA SEGUNDA",
                "Disposición transitoria segunda",
                "",
            ),
            (
                "Disposición transitoria 2.ª Régimen",
                "Disposición transitoria 2.ª",
                "Régimen",
            ),
            (
                "Disposición final decimotercera. Entrada en vigor.",
                "Disposición final decimotercera",
                "Entrada en vigor.",
            ),
        ];
        for (text, reference, tail) in cases {
            assert_eq!(
                marker(text, true, "es"),
                Some((reference.to_string(), tail.to_string())),
                "{text}"
            );
        }
        // The plural is a division; running text and other languages are not provisions.
        assert_eq!(
            marker("DISPOSICIONES COMPLEMENTARIAS FINALES", true, "es"),
            None
        );
        assert_eq!(
            marker("DISPOSICIÓN COMPLEMENTARIA DEROGATORIA", true, "es"),
            None
        );
        assert_eq!(marker("Disposición final de la ley", false, "es"), None);
        assert_eq!(marker("Disposición final primera", true, "fr"), None);
        let md = "# Ley\n\n###### Artículo 10. Régimen.\n\nTexto.\n\n\
                  ###### Disposición adicional única. Tarjetas.\n\nLos operadores.\n\n\
                  ###### Disposición final primera. Modificación.\n\nOtro texto.\n";
        let draft = parse(md).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Artículo 10",
                "Disposición adicional única",
                "Disposición final primera"
            ]
        );
    }

    #[test]
    fn running_text_is_not_a_marker_but_a_heading_is() {
        assert_eq!(marker("Section 5 applies to any person", false, "en"), None);
        assert_eq!(marker("Articles of association", false, "en"), None);
        assert_eq!(marker("Secondly, the court", false, "en"), None);
        assert_eq!(marker("§ and more", false, "en"), None);
        assert_eq!(
            marker("Section 1 unauthorised access", true, "en"),
            Some(("Section 1".into(), "unauthorised access".into()))
        );
        assert_eq!(
            marker("Section 1 : Dispositions générales", false, "fr"),
            None
        );
        assert!(division("Section 1 : Dispositions générales", "fr"));
        assert!(division("Chapitre III : De l'escroquerie", "fr"));
        assert!(division("**CAPITULO III**", "es"));
        assert!(!division("Chapter and verse are quoted below", "en"));
    }

    #[test]
    fn spanish_numbering_keeps_every_heading() {
        let mut md = String::from("# Ley\n\n");
        for (n, s) in ["bis a", "bis b", "ter a", "ter b", "quater", "quinquies"]
            .iter()
            .enumerate()
        {
            md.push_str(&format!(
                "## Artículo 588 {s}. Medida {n}\n\nTexto {n}.\n\n"
            ));
        }
        let draft = parse_in(&md, Language::given("es").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Artículo 588 bis a",
                "Artículo 588 bis b",
                "Artículo 588 ter a",
                "Artículo 588 ter b",
                "Artículo 588 quater",
                "Artículo 588 quinquies"
            ]
        );
    }

    #[test]
    fn paragraph_markers_and_subsections() {
        let md = "Preamble text.\n\n**Article 1.** Definitions. In this Act:\n\n(a) \"computer system\" means…\n\n(b) \"data\" means…\n\nArticle 2. Illegal access. A person who accesses…\n";
        let draft = en(md);
        assert_eq!(draft.title, None);
        assert_eq!(draft.preamble_blocks, 1);
        assert_eq!(draft.provisions.len(), 2);
        assert_eq!(draft.provisions[0].heading.as_deref(), Some("Definitions"));
        assert!(draft.provisions[0].text.contains("(b)"));
        assert_eq!(draft.provisions[1].line, 9);
    }

    #[test]
    fn legislation_gov_uk_sections_take_the_heading_above_them() {
        let md = "# Act\n\n### Part 1\n\n#### Fraud by false representation\n\n##### 2\n\n- (1) A person is in breach…\n\n#### Possession of articles\n\n##### 6\n\n- (1) A person is guilty…\n";
        let draft = en(md);
        assert_eq!(draft.provisions.len(), 2);
        assert_eq!(draft.provisions[0].reference, "Section 2");
        assert_eq!(
            draft.provisions[0].heading.as_deref(),
            Some("Fraud by false representation")
        );
        assert_eq!(
            draft.provisions[1].heading.as_deref(),
            Some("Possession of articles")
        );
        assert!(draft.provisions[1].text.contains("guilty"));
    }

    #[test]
    fn a_heading_that_is_a_number_and_a_full_stop_is_a_provision() {
        // Canada's annual statutes label every section `20.` (justicecanada/laws-lois-xml).
        let md = "# Loi\n\n##### 20.\n\nLes articles 487.011 à 487.02 de la même loi sont remplacés par ce qui suit :\n\n**487.012**\n\n(1) L’agent de la paix peut ordonner…\n\n##### 21.\n\nL’intertitre est remplacé.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(refs, ["Article 20", "Article 21"]);
        assert!(
            draft.provisions[0].text.contains("préserver")
                || draft.provisions[0].text.contains("ordonner")
        );
        // A number followed by anything else is still no provision.
        assert_eq!(bare_number("20. Définitions", "fr"), None);
    }

    #[test]
    fn an_article_named_as_a_place_is_not_the_amended_one() {
        assert_eq!(
            first_marker(
                "La même loi est modifiée par adjonction, après l’article 16, de ce qui suit :"
            ),
            None
        );
        assert_eq!(
            first_marker(
                "L’intertitre précédant l’article 17 de la même loi est remplacé par ce qui suit :"
            ),
            None
        );
        assert_eq!(
            first_marker(
                "L’article 12 de la même loi est modifié par adjonction, après le paragraphe (1), de ce qui suit :"
            ),
            Some("article 12".to_string())
        );
        assert_eq!(
            first_marker("Se introduce un artículo 197 bis después del artículo 197:"),
            Some("artículo 197 bis".to_string())
        );
        assert_eq!(
            first_marker("Thereafter section 5 is amended as follows:"),
            Some("section 5".to_string())
        );
        // The amending section stays one provision: its inserted text (`**16.1**`) has no
        // marker of its own.
        let md = "# Loi\n\n##### 39.\n\nLa même loi est modifiée par adjonction, après l’article 16, de ce qui suit :\n\n**Autres mandats**\n\n**16.1**\n\n(1) Tout juge peut délivrer un mandat.\n\n##### 40.\n\nTexte.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(refs, ["Article 39", "Article 40"]);
    }

    #[test]
    fn rubrics_above_an_article_are_its_heading() {
        let md = "Art. 1. Texto.\n\nMais texto.\n\n**Sabotagem informática**\n\nArt. 2. Interferir no funcionamento.\n";
        let draft = parse_in(md, Language::given("pt").unwrap()).unwrap();
        assert_eq!(
            draft.provisions[1].heading.as_deref(),
            Some("Sabotagem informática")
        );
        assert!(!draft.provisions[0].text.contains("Sabotagem"));
    }

    #[test]
    fn an_article_inserted_as_an_indented_block_under_an_item_is_its_child() {
        // Legilux prints the text an amending item inserts indented under the item.
        let indent = " ".repeat(40);
        let md = format!(
            "### Art. 1<sup>er</sup>.\n\nLa loi est modifiée comme suit:\n\n\
             1. Il est ajouté un article 5-1 nouveau, libellé comme suit:\n{}\n{indent}Art. 5-1.\n{indent}\n{indent}          Les données sont détruites.\n\
             2. Il est ajouté un article 5-2 nouveau, libellé comme suit:\n{}\n{indent}Art. 5-2.\n{indent}\n{indent}          La Commission transmet des statistiques.\n\n\
             ### Art. 2.\n\nTexte.\n",
            " ".repeat(35),
            " ".repeat(35)
        );
        let draft = parse_in(&md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Art. 1",
                "Art. 1, article 5-1",
                "Art. 1, article 5-2",
                "Art. 2"
            ]
        );
        assert!(
            draft.provisions[1]
                .text
                .contains("Les données sont détruites.")
        );
        assert!(!draft.provisions[1].text.contains("statistiques"));
        assert_eq!(draft.provisions[0].heading, None);
    }

    #[test]
    fn a_number_said_again_under_its_heading_opens_nothing() {
        // LeyChile prints every article as a heading and then its number again.
        let md = "#### Artículo 7\n\n\nART. 7.\n\nSon punibles el frustrado y la tentativa.\n\n\
                  #### Artículo 161 A\n\n\nART. 161 - A.\nSe castigará al que intercepte.\n\n\
                  #### Artículo 161 B\n\n\nART. 161-B.\nSe castigará al que pretenda.\n";
        let draft = parse_in(md, Language::given("es").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(refs, ["Artículo 7", "Artículo 161 A", "Artículo 161 B"]);
        assert_eq!(
            draft.provisions[0].text,
            "Son punibles el frustrado y la tentativa."
        );
        assert_eq!(draft.provisions[1].text, "Se castigará al que intercepte.");
        assert_eq!(draft.provisions[2].text, "Se castigará al que pretenda.");
        // A different number is a provision of its own.
        let md = "#### Artículo 7\n\nART. 8.\n\nTexto.\n";
        let draft = parse_in(md, Language::given("es").unwrap()).unwrap();
        assert_eq!(draft.provisions.len(), 2);
    }

    #[test]
    fn rubrics_below_an_article_number_are_its_heading() {
        // The Diário da República's layout: the number, then the rubric on its own line or
        // paragraph, then the text; numbered paragraphs and sentences stay text.
        let md = "Artigo 4.º\nPrincípios gerais\n\nOs solos devem ser afetos à agricultura.\n\n\
                  **Artigo 5.º**\n\n**Excepções**\n\n1 - Exceptuam-se do disposto no artigo anterior:\n\n\
                  Artigo 6.º\n\nO presente diploma entra em vigor amanhã.\n\n\
                  Artigo 7.º\n1 - Constitui contraordenação a utilização não agrícola.\n";
        let draft = parse_in(md, Language::given("pt").unwrap()).unwrap();
        let headings: Vec<Option<&str>> = draft
            .provisions
            .iter()
            .map(|p| p.heading.as_deref())
            .collect();
        assert_eq!(
            headings,
            [Some("Princípios gerais"), Some("Excepções"), None, None]
        );
        assert!(draft.provisions[1].text.starts_with("1 - Exceptuam-se"));
        assert!(draft.provisions[2].text.contains("entra em vigor"));
        assert!(draft.provisions[3].text.starts_with("1 - Constitui"));
    }

    #[test]
    fn an_amending_law_keeps_quoted_articles_inside_its_provisions() {
        let md = "# Ley\n\nArtículo único. Modificación del Código Penal.\n\nUno. Se añade un nuevo artículo 197 bis, con la siguiente redacción:\n\n«1. El que acceda sin autorización a un sistema de información…\n\n2. El que intercepte transmisiones no públicas…»\n\nDos. Incorpórase como artículo 153 bis el siguiente:\n\n«Artículo 153 bis: Será reprimido…\n\nArtículo 153 ter: Otro texto…»\n\nArtículo 2. Vigencia. Esta ley entra en vigor…\n";
        let draft = parse_in(md, Language::given("es").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Artículo único",
                "Artículo único, artículo 197 bis",
                "Artículo único, artículo 153 bis",
                // Each further article of a quoted text is a child of its own, as unquoted.
                "Artículo único, artículo 153 ter",
                "Artículo 2"
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[1].text.contains("intercepte"));
        assert!(!draft.provisions[2].text.contains("Artículo 153 ter"));
        assert!(draft.provisions[3].text.contains("Artículo 153 ter"));
        assert_eq!(
            draft.provisions[3].part_of.as_deref(),
            Some("Artículo único")
        );
        assert_eq!(
            draft.provisions[1].part_of.as_deref(),
            Some("Artículo único")
        );
    }

    #[test]
    fn belgian_insertions_in_straight_quotes_become_children() {
        // As the Moniteur belge prints the Loi du 28 novembre 2000 (development set): the
        // article's own heading announces the text, straight double quotes delimit it, a
        // title opens it, one quotation holds two articles, `§ 2.` is a paragraph and
        // `504quater` one number.
        let md = "# Loi\n\n##### Article 5. Il est inséré dans le même Code une section IIIbis, rédigée comme suit :\n\n\" Section IIIbis. - Fraude informatique\n\nArt. 504quater. § 1er. Celui qui se procure un avantage patrimonial frauduleux…\n\n§ 2. La tentative est punie… \".\n\n##### Article 6. Il est inséré dans le livre II du même Code un titre IXbis, rédigé comme suit :\n\n\" Titre IXbis. - Infractions contre la confidentialité des systèmes informatiques.\n\nArt. 550bis. § 1er. Celui qui accède à un système informatique…\n\n§ 2. Celui qui outrepasse son pouvoir d'accès…\n\nArt. 550ter. § 1er. Celui qui efface des données… \".\n\n##### Article 7. A l'article 89, les mots \" et 39 \" sont remplacés par les mots \" , 39 et 39bis \".\n\n##### Article 8. L'article 90quater du même Code est complété par un § 4, rédigé comme suit :\n\n\" § 4. Le juge d'instruction peut ordonner… \".\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs: Vec<(&str, Option<&str>)> = draft
            .provisions
            .iter()
            .map(|p| (p.reference.as_str(), p.heading.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                (
                    "Article 5",
                    Some(
                        "Il est inséré dans le même Code une section IIIbis, rédigée comme suit :"
                    )
                ),
                ("Article 5, art. 504quater", Some("Fraude informatique")),
                (
                    "Article 6",
                    Some(
                        "Il est inséré dans le livre II du même Code un titre IXbis, rédigé comme suit :"
                    )
                ),
                (
                    "Article 6, art. 550bis",
                    Some("Infractions contre la confidentialité des systèmes informatiques")
                ),
                ("Article 6, art. 550ter", None),
                (
                    "Article 7",
                    Some(
                        "A l'article 89, les mots \" et 39 \" sont remplacés par les mots \" , 39 et 39bis \""
                    )
                ),
                (
                    "Article 8",
                    Some(
                        "L'article 90quater du même Code est complété par un § 4, rédigé comme suit :"
                    )
                ),
                ("Article 8, article 90quater", None),
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[3].text.contains("pouvoir d'accès"));
        assert!(!draft.provisions[3].text.contains("efface"));
        // Paired quotes in a sentence open no quotation: Article 8 is a provision of its own.
        assert_eq!(draft.provisions[6].line, 23);
    }

    #[test]
    fn an_insertion_on_the_items_own_line_is_an_item_and_a_nested_quotation_closes_with_it() {
        // As Legilux prints the Loi du 27 octobre 2010 (development set).
        let md = "# Loi\n\n### Art. 6.\n\nLe Gouvernement est autorisé à faire la déclaration suivante:\n\n«Conformément à l’article 24, le Gouvernement entend «les membres du pouvoir judiciaire.»\n\n### Art. 12.\n\nLa loi du 8 août 2000 est modifiée comme suit:\n\n1. L’article I<sup>er</sup> est modifié comme suit:«Art. I<sup>er</sup>. La présente loi est applicable aux demandes dénommées ci-après «demandes d’entraide», qui émanent d’Etats requérants.»\n2. L’article 3 est complété comme suit:«3.L’entraide judiciaire peut être refusée.»\n3. Un article 7 nouveau est introduit :«7.Les établissements de crédit ne peuvent pas révéler.»\n\n### Art. 13.\n\nLa présente loi entre en vigueur.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Art. 6, Le Gouvernement est autorisé à faire la déclaration suivante",
                "Art. 12",
                "Art. 12, art. i",
                "Art. 12, article 3",
                "Art. 12, article 7",
                "Art. 13"
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[2].text.contains("demandes d’entraide"));
        assert!(draft.provisions[3].text.starts_with("L’article 3"));
    }

    #[test]
    fn unquoted_inserted_articles_stay_inside_the_amending_provision() {
        // As the Colombian Official Journal prints amending laws: the new text follows under
        // the amended article's own bold number, unquoted.
        let md = "# Ley\n\n##### **Artículo 52.***Interceptación de comunicaciones.* El artículo 235 de la Ley 906 de 2004 quedará así:\n\n**Artículo 235.***Interceptación de comunicaciones.* El fiscal podrá ordenar que se intercepten las comunicaciones…\n\nLa orden tendrá una vigencia máxima de seis meses.\n\n##### **Artículo 53.***Recuperación de información.* El artículo 236 de la Ley 906 quedará así:\n\n**Artículo 236.** Cuando el fiscal…\n";
        let draft = parse_in(md, Language::given("es").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Artículo 52",
                "Artículo 52, artículo 235",
                "Artículo 53",
                "Artículo 53, artículo 236"
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[1].text.contains("vigencia máxima"));
        assert_eq!(
            draft.provisions[1].heading.as_deref(),
            Some("Interceptación de comunicaciones")
        );
    }

    #[test]
    fn unquoted_amending_items_become_children_named_by_the_amended_article() {
        // As Legilux prints Luxembourg's amending laws: numbered items, the inserted texts
        // unquoted, headings and chapter lines inside them, the law's own next article after.
        let md = "### Art. 4.\n\nLe Code d'instruction criminelle est modifié comme suit:\n\n1. L'article 7-4 du Code d'instruction criminelle est modifié comme suit:\n\nArt. 7-4.\n\nLorsqu'une personne … n'est pas extradée, l'affaire sera soumise aux autorités compétentes.\n2. Le Titre II du Code est complété par un Chapitre X qui est libellé comme suit:\n\n**Chapitre X.**\n\n**De la conservation rapide des données informatiques**\n\nArt. 48-25.\n\nLe procureur d'Etat peut faire procéder à la conservation rapide de ces données.\n\n### Quiconque a soustrait une clef électronique est coupable de vol.\n\nArt. 5.\n\nLa loi du 30 mai 2005 est modifiée.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Art. 4",
                "Art. 4, article 7-4",
                "Art. 4, art. 48-25",
                "Art. 5"
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[1].text.contains("extradée"));
        assert!(!draft.provisions[1].text.contains("Chapitre X"));
        assert!(draft.provisions[2].text.contains("conservation rapide"));
        assert!(draft.provisions[2].text.contains("clef électronique"));
        assert!(draft.unplaced.is_empty(), "{:?}", draft.unplaced);
    }

    #[test]
    fn roman_numbered_articles_and_the_articles_they_insert() {
        let md = "### Art. I<sup>er</sup>.\n\nEst approuvée la Convention.\n\n### Art. II.\n\nLes modifications suivantes sont apportées au Code pénal:\n\n1. L’article 383 est modifié comme suit:\n\nArt. 383.\n\nLe fait de diffuser un message…\n2. Il est ajouté un nouvel article 383*ter* libellé comme suit:\n\nArt. 383*ter*\n.\n\nLe fait de fixer l’image d’un mineur…\n\nArt. III.\n\nLa présente loi entre en vigueur.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Art. I",
                "Art. II",
                "Art. II, article 383",
                "Art. II, article 383ter",
                "Art. III"
            ],
            "{:#?}",
            draft.provisions
        );
        // A Roman numeral is a number only where it ends the reference.
        assert_eq!(roman("IV."), Some(("IV".to_string(), ".")));
        assert_eq!(roman("Ier."), Some(("I".to_string(), ".")));
        assert_eq!(roman("IIII."), None);
        assert_eq!(roman("Il est"), None);
        assert_eq!(roman("CIVIL"), None);
    }

    #[test]
    fn each_article_of_an_unquoted_inserted_text_has_its_own_reference() {
        let md = "##### Artículo 1. Adiciónase el Código Penal con un Título VII BIS, del siguiente tenor:\n\n**CAPÍTULO I**\n\n**Artículo 269A.** *Acceso.* El que, sin autorización, acceda a un sistema…\n\n**Artículo 269B.** *Obstaculización.* El que impida el funcionamiento…\n\n##### Artículo 2. Vigencia.\n\nLa presente ley rige desde su promulgación.\n";
        let draft = parse_in(md, Language::given("es").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Artículo 1",
                "Artículo 1, artículo 269a",
                "Artículo 1, artículo 269b",
                "Artículo 2"
            ],
            "{:#?}",
            draft.provisions
        );
        assert!(draft.provisions[2].text.contains("impida"));
        assert!(!draft.provisions[1].text.contains("impida"));
    }

    #[test]
    fn a_provision_ending_with_a_colon_is_not_an_amendment_unless_it_says_so() {
        let md = "## Article 1\n\nPour l'application de la présente loi, on entend par :\n\n- « données » : toute représentation de faits ;\n\n## Article 2\n\nLe texte.\n\n## Article 7\n\nAutre texte.\n";
        let draft = parse_in(md, Language::given("fr").unwrap()).unwrap();
        let refs = references(&draft);
        assert_eq!(refs, ["Article 1", "Article 2", "Article 7"]);
    }

    #[test]
    fn english_insertions_in_block_quotes_stay_inside() {
        let md = "## Section 3 – Amendment of the Penal Code\n\nThe following section is inserted after section 5—\n\n> **Section 5A – Illegal interception**\n>\n> A person who intercepts…\n\n## Section 4 – Commencement\n\nThis Act comes into force…\n";
        let draft = en(md);
        let refs = references(&draft);
        assert_eq!(
            refs,
            ["Section 3", "Section 3, section 5a", "Section 4"],
            "{:#?}",
            draft.provisions
        );
    }

    #[test]
    fn amendment_targets_after_non_ascii_separators() {
        assert_eq!(
            amendment_target("Se añade—“el artículo 5 bis”, así:", None, "es"),
            "artículo 5 bis"
        );
        // Found by the property test: a multi-byte separator once split a character.
        assert!(!amendment_target("Art. -1条“5(a)(1) x—", None, "en").is_empty());
    }

    #[test]
    fn a_definition_list_is_not_an_amendment() {
        let md = "##### 23\n\nIn this Act—\n\n- “*premises*” includes any place and, in particular, any vehicle;\n\n- “*offshore installation*” has the meaning given to it by section 1.\n";
        let draft = en(md);
        let refs = references(&draft);
        assert_eq!(refs, ["Section 23"]);
    }

    #[test]
    fn headed_subsections_become_children() {
        let md = "## Section 4. Cybercrime Offenses\n\nThe following acts constitute the offense of cybercrime:\n\n(a)(1) Illegal Access. — The access to the whole or any part of a computer system without right.\n\n(2) Illegal Interception. — The interception made by technical means without right.\n\n(b)(1) Computer-related Forgery. — The input of data.\n";
        let draft = en(md);
        let refs = references(&draft);
        assert_eq!(
            refs,
            [
                "Section 4",
                "Section 4(a)(1)",
                "Section 4(a)(2)",
                "Section 4(b)(1)"
            ]
        );
        assert_eq!(
            draft.provisions[2].heading.as_deref(),
            Some("Illegal Interception")
        );
    }

    #[test]
    fn tables_and_lists_never_open_a_provision_and_stray_text_is_reported() {
        let md = "# Bill\n\n## Chapter 1\n\n| Article 1 | Article 2 |\n|---|---|\n| Article 3 | x |\n\nArticle 1. Scope. This Act applies…\n\n- Article 9 of the Constitution applies.\n\n## Chapter 2\n\nThis chapter is about penalties.\n\nArticle 2. Penalties. A fine…\n";
        let draft = en(md);
        let refs = references(&draft);
        assert_eq!(refs, ["Article 1", "Article 2"]);
        assert!(
            draft.provisions[0]
                .text
                .contains("Article 9 of the Constitution")
        );
        assert_eq!(draft.unplaced.len(), 1, "{:?}", draft.unplaced);
        assert_eq!(draft.unplaced[0].line, 15);
    }

    #[test]
    fn other_scripts_open_their_own_provisions() {
        let md = "# Νομοσχέδιο\n\nΆρθρο 1 – Ορισμοί\n\nΚείμενο.\n\nΆρθρο 2 – Παράνομη πρόσβαση\n\nΚείμενο.\n\n第3条 非法侵入\n\n文本。\n\nالمادة 4: العقوبات\n\nنص.\n";
        let draft = parse(md).unwrap();
        let refs = references(&draft);
        assert_eq!(refs, ["Άρθρο 1", "Άρθρο 2", "第3条", "المادة 4"]);
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
