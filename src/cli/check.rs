//! `budapest-gap check`: every problem of every file, in the format the caller reads.

use std::path::{Path, PathBuf};

use budapest_gap::{Diagnostic, DiagnosticSeverity, Profile};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde_json::json;

use super::{CheckFormat, Failure, Settings, input, output};

/// One file's outcome.
struct Checked {
    file: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

/// A file that could not be read.
struct Unreadable {
    file: String,
    message: String,
}

/// Where the diagnostics are documented, per code.
/// `docs/diagnostics.md` as the crate's documentation shows it (each code is a heading there).
const DOCS: &str = concat!(
    "https://docs.rs/budapest-gap/",
    env!("CARGO_PKG_VERSION"),
    "/budapest_gap/profile/diagnostics/index.html"
);

pub fn run(
    files: &[PathBuf],
    format: CheckFormat,
    out: Option<&Path>,
    instruments: &[String],
    settings: Settings,
) -> Result<u8, Failure> {
    let mut chosen = Vec::new();
    for id in instruments {
        chosen.push(super::commands::instrument(id)?.id.as_str());
    }
    let inputs = input::expand(files)?;
    let mut checked = Vec::new();
    let mut unreadable = Vec::new();
    for i in &inputs {
        match input::read_profile(i) {
            Ok(bytes) => {
                let mut diagnostics = Profile::check_bytes(&i.name, &bytes).diagnostics;
                if settings.quiet {
                    diagnostics.retain(Diagnostic::is_error);
                }
                if !chosen.is_empty() {
                    diagnostics.retain(|d| about_chosen(&d.pointer, &chosen));
                }
                checked.push(Checked {
                    file: i.name.clone(),
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    diagnostics,
                });
            }
            Err(message) => unreadable.push(Unreadable {
                file: i.name.clone(),
                message,
            }),
        }
    }
    let rendered = match format {
        CheckFormat::Human => human(&checked, settings.color_for(out)),
        CheckFormat::Json => json_report(&checked, &unreadable),
        CheckFormat::Github => github(&checked, &unreadable),
        CheckFormat::Sarif => sarif(&checked, &unreadable),
    };
    match out {
        None => output::print(rendered.as_bytes())?,
        Some(o) => {
            let inputs: Vec<&Path> = inputs.iter().filter_map(input::Input::file).collect();
            let recognise = |existing: &[u8]| match format {
                CheckFormat::Json => output::json_with_keys(existing, &["files", "unreadable"]),
                CheckFormat::Sarif => output::json_with_keys(existing, &["version", "runs"]),
                CheckFormat::Human | CheckFormat::Github => {
                    std::str::from_utf8(existing).is_ok() && !existing.starts_with(b"{")
                }
            };
            output::write(
                o,
                rendered.as_bytes(),
                &inputs,
                output::Replace::Earlier {
                    what: "an earlier output of check in this format",
                    recognise: &recognise,
                },
            )?;
        }
    }
    for u in &unreadable {
        eprintln!("budapest-gap: error: {}", u.message);
    }
    let invalid = checked
        .iter()
        .filter(|c| c.diagnostics.iter().any(Diagnostic::is_error))
        .count();
    if format == CheckFormat::Human && !settings.quiet {
        let errors: usize = checked
            .iter()
            .map(|c| c.diagnostics.iter().filter(|d| d.is_error()).count())
            .sum();
        let warnings: usize = checked.iter().map(|c| c.diagnostics.len()).sum::<usize>() - errors;
        eprintln!(
            "checked {} file(s): {} valid, {} invalid ({} error(s), {} warning(s)){}",
            checked.len(),
            checked.len() - invalid,
            invalid,
            errors,
            warnings,
            if unreadable.is_empty() {
                String::new()
            } else {
                format!("; {} could not be read", unreadable.len())
            }
        );
    }
    Ok(if !unreadable.is_empty() {
        2
    } else if invalid > 0 {
        1
    } else {
        0
    })
}

/// A line longer than this is not quoted: one diagnostic on a one-line file of megabytes must
/// not print megabytes.
const MAX_QUOTED_LINE: usize = 400;

/// The source as the terminal may show it: control and bidirectional formatting characters
/// become `?` (byte for byte, so that spans still fit).
fn shown(text: &str) -> String {
    if !text.chars().any(is_invisible) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_invisible(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Control characters other than line break and tab, and bidirectional formatting characters.
fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
}

fn human(checked: &[Checked], color: bool) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for c in checked {
        // A byte-order mark is not shown, and not a column: quote the text after it.
        let bom = if c.text.starts_with('\u{feff}') { 3 } else { 0 };
        let source = shown(&c.text[bom..]);
        let file = SimpleFile::new(c.file.as_str(), source.as_str());
        for d in &c.diagnostics {
            let start = d.span.0.saturating_sub(bom).min(source.len());
            let end = d.span.1.saturating_sub(bom).min(source.len()).max(start);
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = source[start..]
                .find('\n')
                .map_or(source.len(), |i| start + i);
            if line_end - line_start > MAX_QUOTED_LINE
                || !source.is_char_boundary(start)
                || !source.is_char_boundary(end)
            {
                out.push_str(&format!("{d}\n"));
                continue;
            }
            let severity = match d.severity {
                DiagnosticSeverity::Error => Severity::Error,
                DiagnosticSeverity::Warning => Severity::Warning,
            };
            let mut notes = Vec::new();
            if !d.pointer.is_empty() {
                notes.push(format!("at {}", d.pointer));
            }
            if let Some(h) = &d.hint {
                notes.push(format!("hint: {h}"));
            }
            let report = Report::new(severity)
                .with_code(d.code.as_str())
                .with_message(&d.message)
                .with_labels(vec![Label::primary((), start..end)])
                .with_notes(notes);
            if color {
                let mut buffer = Buffer::ansi();
                if term::emit_to_write_style(&mut buffer, &config, &file, &report).is_ok() {
                    out.push_str(&String::from_utf8_lossy(buffer.as_slice()));
                    continue;
                }
            } else if let Ok(text) = term::emit_into_string(&config, &file, &report) {
                out.push_str(&text);
                continue;
            }
            // The renderer could not quote the source: fall back to the one-line form.
            out.push_str(&format!("{d}\n"));
        }
    }
    out
}

fn json_report(checked: &[Checked], unreadable: &[Unreadable]) -> String {
    let io_errors: Vec<&str> = unreadable.iter().map(|u| u.message.as_str()).collect();
    let files: Vec<_> = checked
        .iter()
        .map(|c| json!({ "file": c.file, "valid": !c.diagnostics.iter().any(Diagnostic::is_error), "diagnostics": c.diagnostics }))
        .collect();
    let mut text =
        serde_json::to_string_pretty(&json!({ "files": files, "unreadable": io_errors }))
            .unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: data in the message must escape `%`, CR and LF; properties
/// also `:` and `,`.
fn github(checked: &[Checked], unreadable: &[Unreadable]) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for u in unreadable {
        out.push_str(&format!(
            "::error file={},title={}::{}\n",
            prop(&u.file),
            prop("budapest-gap unreadable file"),
            data(&u.message)
        ));
    }
    for d in checked.iter().flat_map(|c| &c.diagnostics) {
        let level = match d.severity {
            DiagnosticSeverity::Error => "error",
            DiagnosticSeverity::Warning => "warning",
        };
        let message = match &d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            prop(&d.file),
            d.line,
            d.column,
            prop(&format!("budapest-gap {}", d.code)),
            data(&message)
        ));
    }
    out
}

/// A SARIF `uri`: a relative path with `/` separators and every byte outside the unreserved
/// set and `/` percent-encoded (RFC 3986).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif(checked: &[Checked], unreadable: &[Unreadable]) -> String {
    let rules: Vec<_> = budapest_gap::Code::ALL
        .iter()
        .map(|c| json!({
            "id": c.as_str(),
            "shortDescription": { "text": c.description() },
            "fullDescription": { "text": format!("See the section {} of docs/diagnostics.md in budapest-gap.", c.as_str()) },
            "helpUri": format!("{DOCS}#{}", c.as_str()),
            "defaultConfiguration": { "level": c.default_severity().as_str() }
        }))
        .collect();
    let mut results: Vec<_> = unreadable
        .iter()
        .map(|u| {
            json!({
                "ruleId": "unreadable-file",
                "level": "error",
                "message": { "text": u.message },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&u.file) } }
                }]
            })
        })
        .collect();
    results.extend(checked.iter().flat_map(|c| &c.diagnostics).map(|d| {
        let text = match &d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        };
        let mut location = json!({
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&d.file) },
                "region": { "startLine": d.line, "startColumn": d.column }
            }
        });
        if !d.pointer.is_empty() {
            location["logicalLocations"] =
                json!([{ "fullyQualifiedName": d.pointer, "kind": "member" }]);
        }
        json!({
            "ruleId": d.code.as_str(),
            "level": d.severity.as_str(),
            "message": { "text": text },
            "locations": [location]
        })
    }));
    let mut rules = rules;
    rules.push(json!({
        "id": "unreadable-file",
        "shortDescription": { "text": "A file named on the command line could not be read." },
        "fullDescription": { "text": "The file does not exist, is not readable, or is a directory without .json files; check exits 2." },
        "defaultConfiguration": { "level": "error" }
    }));
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "budapest-gap",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": DOCS,
                "rules": rules
            } },
            "results": results
        }]
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether a diagnostic is about one of the chosen instruments, or about no instrument at all
/// (the file's structure, its laws and provisions): not under another instrument's
/// `/instruments/ID` or `/assessment/ID`.
fn about_chosen(pointer: &str, chosen: &[&str]) -> bool {
    let mut parts = pointer.split('/').skip(1);
    match (parts.next(), parts.next()) {
        (Some("instruments" | "assessment"), Some(id)) => chosen.contains(&id),
        _ => true,
    }
}
