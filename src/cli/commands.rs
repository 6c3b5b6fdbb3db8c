//! `score`, `checklist`, `schema` and `init`.

use std::collections::BTreeMap;
use std::path::Path;

use budapest_gap::profile::{
    ArticleAssessment, Document, DocumentKind, FORMAT, Jurisdiction, Profile, Status, TreatyStatus,
};
use budapest_gap::{Date, Instrument, assess, report, schema};

use super::{DataFormat, Failure, Paper, ReportFormat, SchemaKind, ScoreFormat, output};

fn instrument(id: &str) -> Result<&'static Instrument, Failure> {
    Instrument::embedded_by_id(id).ok_or_else(|| {
        let known: Vec<&str> = Instrument::embedded()
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        Failure::input(format!(
            "unknown instrument `{id}`; known: {}",
            known.join(", ")
        ))
    })
}

pub fn score(
    path: &Path,
    format: ScoreFormat,
    fail_under: Option<f64>,
    id: &str,
) -> Result<u8, Failure> {
    let instrument = instrument(id)?;
    if let Some(n) = fail_under.filter(|n| !(0.0..=100.0).contains(n)) {
        return Err(Failure::input(format!(
            "--fail-under takes a number from 0 to 100, not {n}"
        )));
    }
    let profile = load_valid(path)?;
    let assessment = assess(instrument, &profile);
    let text = match format {
        ScoreFormat::Text => report::score_text(&assessment),
        ScoreFormat::Md => report::score_markdown(&assessment),
        ScoreFormat::Json => {
            let mut t = serde_json::to_string_pretty(&assessment)
                .map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
    };
    output::print(&text)?;
    if let Some(n) = fail_under {
        let index = assessment.index.score.unwrap_or(0.0);
        if index < n {
            eprintln!("budapest-gap: index {index:.1} is under --fail-under {n}");
            return Ok(1);
        }
    }
    Ok(0)
}

/// Loads a profile for scoring or reporting; errors print as in `check` and exit 2.
fn load_valid(path: &Path) -> Result<Profile, Failure> {
    let name = path.display().to_string();
    let text = budapest_gap::profile::read_text(path).map_err(|e| Failure::input(e.to_string()))?;
    let checked = Profile::check(&name, &text);
    if checked.has_errors() {
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        for d in &errors {
            eprintln!("{d}");
        }
        return Err(Failure::input(format!(
            "{name} is not a valid profile ({} error(s)); run `budapest-gap check {name}` for details",
            errors.len()
        )));
    }
    let warnings = checked.diagnostics.len();
    if warnings > 0 {
        eprintln!(
            "budapest-gap: note: {name} has {warnings} warning(s); run `budapest-gap check {name}` to see them"
        );
    }
    checked
        .into_profile()
        .map_err(|e| Failure::input(e.to_string()))
}

pub fn report(
    path: &Path,
    format: ReportFormat,
    out: Option<&Path>,
    paper: Paper,
) -> Result<u8, Failure> {
    let profile = load_valid(path)?;
    let instrument = Instrument::ets_185();
    let report = report::Report::new(instrument, &profile, &assess(instrument, &profile));
    match format {
        ReportFormat::Md => {
            let text = report.to_markdown();
            match out {
                None => output::print(&text)?,
                Some(o) => output::replace(o, path, text.as_bytes())?,
            }
        }
        ReportFormat::Pdf => {
            let target = out.map_or_else(|| path.with_extension("pdf"), Path::to_path_buf);
            pdf(&report, path, &target, paper)?;
        }
    }
    Ok(0)
}

#[cfg(feature = "pdf")]
fn pdf(report: &report::Report, input: &Path, target: &Path, paper: Paper) -> Result<(), Failure> {
    let paper = match paper {
        Paper::A4 => report::Paper::A4,
        Paper::Letter => report::Paper::Letter,
    };
    let pdf = report
        .to_pdf(paper)
        .map_err(|e| Failure::input(format!("cannot render the PDF: {e}")))?;
    for w in &pdf.warnings {
        eprintln!("budapest-gap: warning: {w}");
    }
    output::replace(target, input, &pdf.bytes)?;
    eprintln!(
        "wrote {} ({} pages, {} bytes)",
        target.display(),
        pdf.pages,
        pdf.bytes.len()
    );
    Ok(())
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &report::Report, _: &Path, _: &Path, _: Paper) -> Result<(), Failure> {
    Err(Failure::input(
        "this build of budapest-gap has no PDF support (built without the `pdf` feature)",
    ))
}

/// The largest draft `draft` reads: far more than any law, small enough to stay quick.
const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

pub fn draft(
    path: &Path,
    out: Option<&Path>,
    jurisdiction: &str,
    code: Option<&str>,
    language: Option<&str>,
) -> Result<u8, Failure> {
    let language = language
        .map(budapest_gap::draft::Language::given)
        .transpose()
        .map_err(|e| Failure::input(format!("--language: {e}")))?;
    let size = std::fs::metadata(path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?
        .len();
    if size > MAX_DRAFT_BYTES {
        return Err(Failure::input(format!(
            "{} is {size} bytes; a draft law larger than {MAX_DRAFT_BYTES} bytes is not read",
            path.display()
        )));
    }
    let text = budapest_gap::profile::read_text(path).map_err(|e| Failure::input(e.to_string()))?;
    let language = language.unwrap_or_else(|| budapest_gap::draft::Language::detect(&text));
    let draft = budapest_gap::draft::parse_in(&text, language)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    let instrument = Instrument::ets_185();
    let title = path
        .file_stem()
        .map_or_else(|| "Draft law".into(), |s| s.to_string_lossy().into_owned());
    let options = budapest_gap::draft::SkeletonOptions {
        jurisdiction: jurisdiction.into(),
        code: code.map(str::to_string),
        title,
        as_of: today(),
        source: path.display().to_string(),
    };
    let skeleton = budapest_gap::draft::skeleton(instrument, &draft, &options);
    let mut json = serde_json::to_string_pretty(&skeleton.profile)
        .map_err(|e| Failure::input(e.to_string()))?;
    json.push('\n');
    let check = Profile::check("skeleton", &json);
    if check.has_errors() {
        let first = check
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(Failure::input(format!(
            "the skeleton would not be a valid profile ({first}); check the jurisdiction code"
        )));
    }
    match out {
        Some(o) => output::write_new(o, json.as_bytes())?,
        None => output::print(&json)?,
    }
    let (strong, weak, none) = skeleton.summary();
    let list = |v: &[u16]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    eprintln!(
        "{}: {} provision(s) found",
        path.display(),
        draft.provisions.len()
    );
    eprintln!("  language: {}", draft.language);
    if !draft.unplaced.is_empty() {
        eprintln!(
            "  {} block(s) outside any provision (check them): {}",
            draft.unplaced.len(),
            draft
                .unplaced
                .iter()
                .map(|u| format!("line {} “{}”", u.line, u.excerpt))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    eprintln!("  articles with a strong candidate: {}", list(&strong));
    eprintln!("  articles with only a weak candidate: {}", list(&weak));
    eprintln!(
        "  articles with no candidate of their own (likely gaps): {}",
        list(&none)
    );
    if let Some(o) = out {
        eprintln!(
            "wrote {}: review the suggestions, move the right provisions to `provisions`, then assess each article",
            o.display()
        );
    }
    Ok(0)
}

pub fn diff(old: &Path, new: &Path, format: ScoreFormat) -> Result<u8, Failure> {
    let instrument = Instrument::ets_185();
    let before = assess(instrument, &load_valid(old)?);
    let after = assess(instrument, &load_valid(new)?);
    let d = budapest_gap::diff::diff(&before, &after);
    output::print(&match format {
        ScoreFormat::Text => d.to_text(),
        ScoreFormat::Md => d.to_markdown(),
        ScoreFormat::Json => {
            let mut t =
                serde_json::to_string_pretty(&d).map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
    })?;
    Ok(0)
}

pub fn checklist(format: DataFormat, id: &str) -> Result<u8, Failure> {
    let instrument = instrument(id)?;
    let text = match format {
        DataFormat::Md => report::checklist_markdown(instrument),
        DataFormat::Json => {
            let mut t = serde_json::to_string_pretty(instrument)
                .map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
    };
    output::print(&text)?;
    Ok(0)
}

pub fn schema(kind: SchemaKind) -> Result<u8, Failure> {
    output::print(&match kind {
        SchemaKind::Profile => schema::profile(),
        SchemaKind::Instrument => schema::instrument(),
        SchemaKind::Assessment => schema::assessment(),
    })?;
    Ok(0)
}

pub fn init(
    path: &Path,
    jurisdiction: &str,
    code: Option<&str>,
    draft: bool,
) -> Result<u8, Failure> {
    let instrument = Instrument::ets_185();
    let today = today();
    let articles: BTreeMap<String, ArticleAssessment> = instrument
        .articles()
        .filter(|a| a.scored)
        .map(|a| {
            (
                a.id(),
                ArticleAssessment {
                    status: Some(Status::NotAssessed),
                    note: Some(format!(
                        "Article {} – {}: not assessed yet.",
                        a.number, a.title
                    )),
                    ..Default::default()
                },
            )
        })
        .collect();
    let profile = Profile {
        schema: None,
        format: FORMAT,
        jurisdiction: Jurisdiction { name: jurisdiction.to_string(), code: code.map(str::to_string) },
        document: Document {
            kind: if draft { DocumentKind::Draft } else { DocumentKind::InForce },
            title: format!("{jurisdiction}: cybercrime legislation and the Budapest Convention"),
            as_of: today,
            language: "en".into(),
            prepared_by: "(your name or organisation)".into(),
            sources: "(list the official sources of the laws cited)".into(),
            note: Some("Starter profile written by `budapest-gap init`: cite laws and provisions, then assess each article.".into()),
        },
        instruments: BTreeMap::from([(instrument.id.clone(), TreatyStatus::default())]),
        laws: Vec::new(),
        provisions: Vec::new(),
        assessment: BTreeMap::from([(instrument.id.clone(), articles)]),
    };
    let mut text =
        serde_json::to_string_pretty(&profile).map_err(|e| Failure::input(e.to_string()))?;
    text.push('\n');
    let check = Profile::check("starter profile", &text);
    debug_assert!(
        !check.has_errors(),
        "init writes a valid profile: {:?}",
        check.diagnostics
    );
    if path.as_os_str() == "-" {
        output::print(&text)?;
    } else {
        output::write_new(path, text.as_bytes())?;
        eprintln!(
            "wrote {}: every scored article of {} is listed as not assessed",
            path.display(),
            instrument.number
        );
        eprintln!(
            "tip: for completion in your editor, save the schema (`budapest-gap schema profile > profile.schema.json`) and add `\"$schema\": \"profile.schema.json\"` to the profile"
        );
    }
    Ok(0)
}

/// Today's date (UTC) from the system clock; `SOURCE_DATE_EPOCH` wins, for reproducible output.
fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    civil_from_days(secs / 86_400)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> Date {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).unwrap_or_else(|_| "1970-01-01".parse().expect("a valid date"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates_from_unix_days() {
        assert_eq!(super::civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(super::civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(super::civil_from_days(20_415).to_string(), "2025-11-23");
    }
}
