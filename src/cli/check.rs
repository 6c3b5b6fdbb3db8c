//! `budapest-gap check`: every problem of every file, in the format the caller reads.

use std::path::PathBuf;

use budapest_gap::{Diagnostic, DiagnosticSeverity, Profile};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde_json::json;

use super::{CheckFormat, Failure, output};

/// One file's outcome.
struct Checked {
    file: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(files: &[PathBuf], format: CheckFormat, color: bool) -> Result<u8, Failure> {
    let mut checked = Vec::new();
    let mut io_errors = Vec::new();
    for path in files {
        let name = path.display().to_string();
        match budapest_gap::profile::read_text(path) {
            Ok(text) => {
                let diagnostics = Profile::check(&name, &text).diagnostics;
                checked.push(Checked {
                    file: name,
                    text,
                    diagnostics,
                });
            }
            Err(e) => io_errors.push(e.to_string()),
        }
    }
    let rendered = match format {
        CheckFormat::Human => human(&checked, color),
        CheckFormat::Json => json_report(&checked, &io_errors),
        CheckFormat::Github => github(&checked),
        CheckFormat::Sarif => sarif(&checked),
    };
    output::print(&rendered)?;
    for e in &io_errors {
        eprintln!("budapest-gap: error: {e}");
    }
    let invalid = checked
        .iter()
        .filter(|c| c.diagnostics.iter().any(Diagnostic::is_error))
        .count();
    if format == CheckFormat::Human {
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
            if io_errors.is_empty() {
                String::new()
            } else {
                format!("; {} could not be read", io_errors.len())
            }
        );
    }
    Ok(if !io_errors.is_empty() {
        2
    } else if invalid > 0 {
        1
    } else {
        0
    })
}

fn human(checked: &[Checked], color: bool) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for c in checked {
        let file = SimpleFile::new(c.file.as_str(), c.text.as_str());
        for d in &c.diagnostics {
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
                .with_labels(vec![Label::primary((), d.span.0..d.span.1.max(d.span.0))])
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

fn json_report(checked: &[Checked], io_errors: &[String]) -> String {
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
fn github(checked: &[Checked]) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
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

fn sarif(checked: &[Checked]) -> String {
    let rules: Vec<_> = budapest_gap::Code::ALL
        .iter()
        .map(|c| json!({
            "id": c.as_str(),
            "shortDescription": { "text": c.description() },
            "fullDescription": { "text": format!("See docs/diagnostics.md#{} in budapest-gap.", c.as_str()) },
            "defaultConfiguration": { "level": c.default_severity().as_str() }
        }))
        .collect();
    let results: Vec<_> = checked
        .iter()
        .flat_map(|c| &c.diagnostics)
        .map(|d| {
            let text = match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            json!({
                "ruleId": d.code.as_str(),
                "level": d.severity.as_str(),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": d.file.replace('\\', "/") },
                        "region": { "startLine": d.line, "startColumn": d.column }
                    },
                    "logicalLocations": [{ "fullyQualifiedName": d.pointer, "kind": "member" }]
                }]
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "budapest-gap", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "results": results
        }]
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
