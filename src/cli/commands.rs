//! `score`, `report`, `draft`, `diff`, `checklist`, `schema` and `init`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use budapest_gap::profile::{
    ArticleAssessment, Document, DocumentKind, FORMAT, Jurisdiction, Profile, Status, TreatyStatus,
    ValidProfile,
};
use budapest_gap::{Date, Instrument, assess, report, schema};

use super::{
    CompareFormat, CompareSort, CrosswalkFormat, DataFormat, DiffFormat, Failure, Paper,
    ReportFormat, SchemaKind, ScoreFormat, Settings, input, output,
};

pub(super) fn instrument(id: &str) -> Result<&'static Instrument, Failure> {
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

/// The instruments named by `--instrument`, or else every instrument one of `profiles`
/// assesses (ETS 185 when none assesses any), in the order `Instrument::embedded` lists them.
fn chosen_instruments(
    ids: &[String],
    profiles: &[&Profile],
) -> Result<Vec<&'static Instrument>, Failure> {
    if !ids.is_empty() {
        let mut out: Vec<&'static Instrument> = Vec::new();
        for id in ids {
            let i = instrument(id)?;
            if !out.iter().any(|o| o.id == i.id) {
                out.push(i);
            }
        }
        return Ok(out);
    }
    let assessed: Vec<&'static Instrument> = Instrument::embedded()
        .into_iter()
        .filter(|i| profiles.iter().any(|p| p.assessment.contains_key(&i.id)))
        .collect();
    Ok(if assessed.is_empty() {
        vec![Instrument::ets_185()]
    } else {
        assessed
    })
}

pub fn score(
    files: &[PathBuf],
    format: ScoreFormat,
    fail_under: Option<f64>,
    ids: &[String],
    out: Option<&Path>,
    settings: Settings,
) -> Result<u8, Failure> {
    if let Some(n) = fail_under.filter(|n| !(0.0..=100.0).contains(n)) {
        return Err(Failure::input(format!(
            "--fail-under takes a number from 0 to 100, not {n}"
        )));
    }
    let inputs = input::expand(files)?;
    let mut assessments = Vec::new();
    for i in &inputs {
        let profile = load_valid(i, settings)?;
        for instrument in chosen_instruments(ids, &[&profile])? {
            assessments.push((i, assess(instrument, &profile)));
        }
    }
    let text = match format {
        ScoreFormat::Text | ScoreFormat::Md => {
            let texts: Vec<String> = assessments
                .iter()
                .map(|(_, a)| match format {
                    ScoreFormat::Md => report::score_markdown(a),
                    _ => report::score_text_styled(a, columns(), settings.color_for(out)),
                })
                .collect();
            texts.join("\n")
        }
        ScoreFormat::Json => {
            // One profile: its assessment; several: an array of them, in argument order.
            let value = if assessments.len() == 1 {
                serde_json::to_value(&assessments[0].1)
            } else {
                serde_json::to_value(assessments.iter().map(|(_, a)| a).collect::<Vec<_>>())
            };
            let mut t = value
                .and_then(|v| serde_json::to_string_pretty(&v))
                .map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
        ScoreFormat::Csv => {
            budapest_gap::spreadsheet::elements_csv(assessments.iter().map(|(_, a)| a))
        }
    };
    let kind = format;
    let recognise = |existing: &[u8]| match kind {
        ScoreFormat::Json => {
            output::json_with_keys(existing, &["index", "articles"])
                || serde_json::from_slice::<Vec<serde_json::Value>>(existing).is_ok_and(|v| {
                    v.iter()
                        .all(|a| a.get("index").is_some() && a.get("articles").is_some())
                })
        }
        _ => output::same_first_line(existing, text.as_bytes()),
    };
    emit(
        out,
        text.as_bytes(),
        &inputs,
        output::Replace::Earlier {
            what: "an earlier score of the same format",
            recognise: &recognise,
        },
    )?;
    let mut code = 0;
    if let Some(n) = fail_under {
        for (i, a) in &assessments {
            let Some(index) = a.index.headline else {
                eprintln!(
                    "budapest-gap: {}: no headline index to compare with --fail-under {n}: insufficient coverage ({})",
                    i.name, a.index.coverage
                );
                code = 1;
                continue;
            };
            if index < n {
                eprintln!(
                    "budapest-gap: {}: index {index:.1} is under --fail-under {n}",
                    i.name
                );
                code = 1;
            }
        }
    }
    Ok(code)
}

/// Writes a command's output: to standard output without `-o`, else as [`output::write`] does.
fn emit(
    out: Option<&Path>,
    bytes: &[u8],
    inputs: &[input::Input],
    replace: output::Replace<'_>,
) -> Result<(), Failure> {
    match out {
        None => output::print(bytes),
        Some(o) => {
            let files: Vec<&Path> = inputs.iter().filter_map(input::Input::file).collect();
            output::write(o, bytes, &files, replace)
        }
    }
}

/// Loads a profile for scoring or reporting; errors print as in `check` and exit 2.
fn load_valid(input: &input::Input, settings: Settings) -> Result<ValidProfile, Failure> {
    let name = input.name.as_str();
    let bytes = input::read_profile(input).map_err(Failure::input)?;
    let checked = Profile::check_bytes(name, &bytes);
    if checked.has_errors() {
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        for d in &errors {
            eprintln!("{d}");
        }
        let again = if input.path.is_some() {
            format!("budapest-gap check {name}")
        } else {
            "budapest-gap check -".into()
        };
        return Err(Failure::input(format!(
            "{name} is not a valid profile ({} error(s)); run `{again}` for details",
            errors.len()
        )));
    }
    let warnings = checked.diagnostics.len();
    if warnings > 0 {
        settings.note(&format!(
            "budapest-gap: note: {name} has {warnings} warning(s); run `budapest-gap check {name}` to see them"
        ));
    }
    checked
        .into_profile()
        .map_err(|e| Failure::input(e.to_string()))
}

/// How a report is set: its paper (for a PDF) and its language.
pub struct ReportSetting {
    pub paper: Paper,
    pub lang: budapest_gap::Lang,
}

pub fn report(
    path: &Path,
    format: ReportFormat,
    out: Option<&Path>,
    id: Option<&str>,
    against: Option<&Path>,
    setting: ReportSetting,
    settings: Settings,
) -> Result<u8, Failure> {
    let ReportSetting { paper, lang } = setting;
    let instrument = instrument(id.unwrap_or("ets-185"))?;
    let source = input::single(path)?;
    let profile = load_valid(&source, settings)?;
    let current = assess(instrument, &profile);
    // Without --instrument: the Convention with a part for each Protocol the profile
    // assesses; one whose articles are not scored yet (CETS 224) is left out and named.
    let mut report = match id {
        Some(_) => report::Report::new_in(instrument, &profile, &current, lang),
        None => {
            for other in Instrument::embedded().into_iter().filter(|i| {
                profile.assessment.contains_key(&i.id) && !i.articles().any(|a| a.scored)
            }) {
                settings.note(&format!(
                    "{}: the assessment of {} is not reported: none of its articles is scored yet",
                    source.name, other.number
                ));
            }
            report::Report::of_profile(&profile, lang)
        }
    };
    let mut inputs = vec![source];
    if let Some(old) = against {
        let old = input::single(old)?;
        if old.path.is_none() && inputs[0].path.is_none() {
            return Err(Failure::input("standard input (`-`) can be read only once"));
        }
        let previous = assess(instrument, &load_valid(&old, settings)?);
        report = report.against(&previous, &current);
        inputs.push(old);
    }
    match format {
        ReportFormat::Md => {
            let text = report.to_markdown();
            let recognise = |existing: &[u8]| {
                existing.starts_with(b"# ")
                    && (output::same_first_line(existing, text.as_bytes())
                        || String::from_utf8_lossy(existing)
                            .contains("This report is produced by budapest-gap")
                        || String::from_utf8_lossy(existing)
                            .contains("Ce rapport est produit par budapest-gap"))
            };
            emit(
                out,
                text.as_bytes(),
                &inputs,
                output::Replace::Earlier {
                    what: "an earlier Markdown report",
                    recognise: &recognise,
                },
            )?;
        }
        ReportFormat::Pdf => {
            let target = match (out, inputs[0].file()) {
                (Some(o), _) => o.to_path_buf(),
                (None, Some(p)) => p.with_extension("pdf"),
                (None, None) => {
                    return Err(Failure::input(
                        "a PDF of standard input needs an output: give -o FILE, or -o - for standard output",
                    ));
                }
            };
            pdf(&report, &inputs, &target, paper, settings)?;
        }
    }
    Ok(0)
}

#[cfg(feature = "pdf")]
fn pdf(
    report: &report::Report,
    inputs: &[input::Input],
    target: &Path,
    paper: Paper,
    settings: Settings,
) -> Result<(), Failure> {
    let what = format!("the PDF of {}", inputs[0].name);
    write_pdf(|p| report.to_pdf(p), &what, inputs, target, paper, settings)
}

#[cfg(feature = "pdf")]
fn compare_pdf(
    comparison: &budapest_gap::compare::Comparison,
    inputs: &[input::Input],
    target: &Path,
    paper: Paper,
    settings: Settings,
) -> Result<(), Failure> {
    let what = "the PDF heat map";
    write_pdf(
        |p| comparison.to_pdf(p),
        what,
        inputs,
        target,
        paper,
        settings,
    )
}

/// Renders a PDF on `paper` and writes it to `target` (an earlier PDF may be replaced),
/// printing the renderer's warnings unless `--quiet`.
#[cfg(feature = "pdf")]
fn write_pdf(
    render: impl FnOnce(report::Paper) -> Result<report::pdf::Pdf, report::pdf::PdfError>,
    what: &str,
    inputs: &[input::Input],
    target: &Path,
    paper: Paper,
    settings: Settings,
) -> Result<(), Failure> {
    let paper = match paper {
        Paper::A4 => report::Paper::A4,
        Paper::Letter => report::Paper::Letter,
    };
    let pdf = render(paper).map_err(|e| Failure::input(format!("cannot render {what}: {e}")))?;
    if !settings.quiet {
        for w in &pdf.warnings {
            eprintln!("budapest-gap: warning: {w}");
        }
    }
    let recognise = |existing: &[u8]| existing.starts_with(b"%PDF-");
    emit(
        Some(target),
        &pdf.bytes,
        inputs,
        output::Replace::Earlier {
            what: "an earlier PDF",
            recognise: &recognise,
        },
    )?;
    if !output::is_stdout(target) {
        settings.note(&format!(
            "wrote {} ({} pages, {} bytes)",
            target.display(),
            pdf.pages,
            pdf.bytes.len()
        ));
    }
    Ok(())
}

#[cfg(not(feature = "pdf"))]
fn compare_pdf(
    _: &budapest_gap::compare::Comparison,
    _: &[input::Input],
    _: &Path,
    _: Paper,
    _: Settings,
) -> Result<(), Failure> {
    Err(Failure::input(
        "this build of budapest-gap has no PDF support (built without the `pdf` feature)",
    ))
}

#[cfg(not(feature = "pdf"))]
fn pdf(
    _: &report::Report,
    _: &[input::Input],
    _: &Path,
    _: Paper,
    _: Settings,
) -> Result<(), Failure> {
    Err(Failure::input(
        "this build of budapest-gap has no PDF support (built without the `pdf` feature)",
    ))
}

/// The largest draft `draft` reads: far more than any law, small enough to stay quick.
const MAX_DRAFT_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a jurisdiction name or code that would make the written profile invalid.
fn jurisdiction_arguments(name: &str, code: Option<&str>) -> Result<(), Failure> {
    if name.trim().is_empty() {
        return Err(Failure::input(
            "--jurisdiction is empty; give the name reports should print",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Failure::input(
            "--jurisdiction holds a control character; give the name as plain text",
        ));
    }
    if let Some(code) = code
        && (code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()))
    {
        let hint = if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            format!("write it in capitals: --code {}", code.to_ascii_uppercase())
        } else {
            "give the ISO 3166-1 alpha-2 code (two capital letters, e.g. PT), or leave --code out for a fictional jurisdiction".into()
        };
        return Err(Failure::input(format!(
            "--code `{}` is not an ISO 3166-1 alpha-2 code; {hint}",
            code.escape_debug()
        )));
    }
    Ok(())
}

pub fn draft(
    path: &Path,
    out: Option<&Path>,
    jurisdiction: &str,
    code: Option<&str>,
    settings: Settings,
    language: Option<&str>,
) -> Result<u8, Failure> {
    jurisdiction_arguments(jurisdiction, code)?;
    let language = language
        .map(budapest_gap::draft::Language::given)
        .transpose()
        .map_err(|e| Failure::input(format!("--language: {e}")))?;
    let source = input::single(path)?;
    let bytes = input::read(&source, MAX_DRAFT_BYTES).map_err(Failure::input)?;
    if bytes.len() > MAX_DRAFT_BYTES {
        return Err(Failure::input(format!(
            "{} is larger than {MAX_DRAFT_BYTES} bytes; a draft law that large is not read",
            source.name
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Failure::input(format!(
            "{}:{line}: the draft is not UTF-8 text (byte 0x{:02X}); save it as UTF-8",
            source.name,
            e.as_bytes()[valid.len()]
        ))
    })?;
    // Tabs are layout in a draft law: as spaces they keep their Markdown meaning (indentation)
    // and cannot end up in a title, which a report prints on one line.
    let text = match budapest_gap::profile::plain_text(&text) {
        Ok(t) => t.replace('\t', "    "),
        Err(c) => {
            let before = &text[..c.offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Failure::input(format!(
                "{}:{line}:{column}: the draft holds the control character U+{:04X}, which no report can show; remove it",
                source.name, c.character as u32
            )));
        }
    };
    let language = language.unwrap_or_else(|| budapest_gap::draft::Language::detect(&text));
    let draft = budapest_gap::draft::parse_in(&text, language)
        .map_err(|e| Failure::input(format!("{}: {e}", source.name)))?;
    let instrument = Instrument::ets_185();
    let title = source
        .file()
        .and_then(Path::file_stem)
        .map_or_else(|| "Draft law".into(), |s| s.to_string_lossy().into_owned());
    let options = budapest_gap::draft::SkeletonOptions {
        jurisdiction: jurisdiction.into(),
        code: code.map(str::to_string),
        title,
        as_of: today(),
        source: source.name.clone(),
    };
    let skeleton = budapest_gap::draft::skeleton(instrument, &draft, &options);
    let mut json = serde_json::to_string_pretty(&skeleton.profile)
        .map_err(|e| Failure::input(e.to_string()))?;
    json.push('\n');
    written_profile_is_valid(&json)?;
    let inputs = [source];
    emit(out, json.as_bytes(), &inputs, output::Replace::Never)?;
    let (strong, weak, none) = skeleton.summary();
    let width = columns();
    settings.note(&format!(
        "{}: {} provision(s) found",
        inputs[0].name,
        draft.provisions.len()
    ));
    settings.note(&format!("  language: {}", draft.language));
    if !draft.unplaced.is_empty() {
        settings.note(&format!(
            "  {} block(s) outside any provision (check them): {}",
            draft.unplaced.len(),
            draft
                .unplaced
                .iter()
                .map(|u| format!("line {} “{}”", u.line, u.excerpt))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    for (label, articles) in [
        ("with a strong candidate", &strong),
        ("with only a weak candidate", &weak),
        ("with no candidate of their own (likely gaps)", &none),
    ] {
        settings.note(&article_list(
            &format!("  articles {label}: "),
            articles,
            width,
        ));
    }
    if let Some(o) = out.filter(|o| !output::is_stdout(o)) {
        settings.note(&format!("wrote {}", o.display()));
        settings.note(
            "  next: review the suggestions, move the right provisions to `provisions`,\n  then assess each article",
        );
    }
    Ok(0)
}

/// `lead` then article numbers, runs of three or more written as ranges (`2–19, 21, 23`), wrapped
/// to `width` columns with continuation lines under the first number.
fn article_list(lead: &str, articles: &[u16], width: usize) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut i = 0;
    while i < articles.len() {
        let mut j = i;
        while j + 1 < articles.len() && articles[j + 1] == articles[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            items.push(format!("{}–{}", articles[i], articles[j]));
        } else {
            items.extend(articles[i..=j].iter().map(ToString::to_string));
        }
        i = j + 1;
    }
    if items.is_empty() {
        items.push("none".into());
    }
    let indent = lead.chars().count();
    let mut out = lead.to_string();
    let mut col = indent;
    for (n, item) in items.iter().enumerate() {
        let last = n + 1 == items.len();
        let piece = if last {
            item.clone()
        } else {
            format!("{item},")
        };
        let len = piece.chars().count();
        if col > indent && col + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
        } else if col > indent {
            out.push(' ');
            col += 1;
        }
        out.push_str(&piece);
        col += len;
    }
    out
}

/// A profile this tool writes must pass its own check; if not, nothing is written.
fn written_profile_is_valid(json: &str) -> Result<(), Failure> {
    let check = Profile::check("the written profile", json);
    match check.diagnostics.iter().find(|d| d.is_error()) {
        None => Ok(()),
        Some(d) => Err(Failure::input(format!(
            "internal error: the profile to write would not be valid ({}: {}); nothing was written — please report this",
            d.code, d.message
        ))),
    }
}

pub fn compare(
    files: &[PathBuf],
    format: CompareFormat,
    sort: CompareSort,
    paper: Paper,
    out: Option<&Path>,
    settings: Settings,
) -> Result<u8, Failure> {
    use budapest_gap::compare::{Sort, compare_sorted};
    let inputs = input::expand(files)?;
    let mut assessments = Vec::new();
    for i in &inputs {
        let profile = load_valid(i, settings)?;
        // Every embedded instrument the profile assesses; ETS 185 when it assesses none yet.
        let mut assessed: Vec<&Instrument> = Instrument::embedded()
            .into_iter()
            .filter(|ins| profile.assessment.contains_key(&ins.id))
            .collect();
        if assessed.is_empty() {
            assessed.push(Instrument::ets_185());
        }
        assessments.extend(assessed.into_iter().map(|ins| assess(ins, &profile)));
    }
    let sort = match sort {
        CompareSort::Name => Sort::Name,
        CompareSort::Index => Sort::Index,
    };
    let comparison = compare_sorted(&assessments, sort);
    if format == CompareFormat::Pdf {
        let Some(out) = out else {
            return Err(Failure::input(
                "a PDF heat map needs an output: give -o FILE.pdf, or -o - for standard output",
            ));
        };
        return compare_pdf(&comparison, &inputs, out, paper, settings).map(|()| 0);
    }
    let text = match format {
        CompareFormat::Text => comparison.to_text(columns()),
        CompareFormat::Md => comparison.to_markdown(),
        CompareFormat::Csv => comparison.to_csv(),
        CompareFormat::Json => comparison.to_json(),
        CompareFormat::Pdf => unreachable!("written above"),
    };
    let recognise = |existing: &[u8]| match format {
        CompareFormat::Json => output::json_with_keys(existing, &["sort", "instruments"]),
        _ => output::same_first_line(existing, text.as_bytes()),
    };
    emit(
        out,
        text.as_bytes(),
        &inputs,
        output::Replace::Earlier {
            what: "an earlier comparison of the same format",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

pub fn diff(
    old: &Path,
    new: &Path,
    ids: &[String],
    format: DiffFormat,
    out: Option<&Path>,
    settings: Settings,
) -> Result<u8, Failure> {
    let inputs = [input::single(old)?, input::single(new)?];
    if inputs[0].path.is_none() && inputs[1].path.is_none() {
        return Err(Failure::input("standard input (`-`) can be read only once"));
    }
    let (earlier, later) = (
        load_valid(&inputs[0], settings)?,
        load_valid(&inputs[1], settings)?,
    );
    // One diff per instrument; the output of one is as it always was.
    let diffs: Vec<budapest_gap::diff::Diff> = chosen_instruments(ids, &[&earlier, &later])?
        .into_iter()
        .map(|instrument| {
            budapest_gap::diff::diff(&assess(instrument, &earlier), &assess(instrument, &later))
        })
        .collect();
    let text = match format {
        DiffFormat::Text => diffs
            .iter()
            .map(|d| d.to_text_width(columns()))
            .collect::<Vec<_>>()
            .join("\n"),
        DiffFormat::Md => diffs
            .iter()
            .map(budapest_gap::diff::Diff::to_markdown)
            .collect::<Vec<_>>()
            .join("\n"),
        DiffFormat::Json => {
            // One diff: the object, its keys in their order; several: an array of them.
            let written = if diffs.len() == 1 {
                serde_json::to_string_pretty(&diffs[0])
            } else {
                serde_json::to_string_pretty(&diffs)
            };
            let mut t = written.map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
    };
    let keys: Vec<String> = diffs
        .first()
        .and_then(|d| serde_json::to_value(d).ok())
        .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()))
        .unwrap_or_default();
    let recognise = |existing: &[u8]| match format {
        DiffFormat::Json => {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            !keys.is_empty()
                && (output::json_with_keys(existing, &keys)
                    || serde_json::from_slice::<serde_json::Value>(existing)
                        .is_ok_and(|v| v.is_array()))
        }
        _ => output::same_first_line(existing, text.as_bytes()),
    };
    emit(
        out,
        text.as_bytes(),
        &inputs,
        output::Replace::Earlier {
            what: "an earlier diff of the same format",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

pub fn checklist(
    format: DataFormat,
    id: &str,
    lang: budapest_gap::Lang,
    out: Option<&Path>,
) -> Result<u8, Failure> {
    if format == DataFormat::Json && lang != budapest_gap::Lang::En {
        return Err(Failure::input(
            "the JSON checklist is the data itself, in English: use `--lang` with `--format md`"
                .to_string(),
        ));
    }
    // Every shipped checklist, the Protocols included, not only those a profile can assess.
    let instrument = Instrument::by_id(id).ok_or_else(|| {
        let known: Vec<&str> = Instrument::all().iter().map(|i| i.id.as_str()).collect();
        Failure::input(format!(
            "unknown instrument `{id}`; known: {}",
            known.join(", ")
        ))
    })?;
    let text = match format {
        DataFormat::Md => report::checklist_markdown_in(instrument, lang),
        DataFormat::Json => {
            let mut t = serde_json::to_string_pretty(instrument)
                .map_err(|e| Failure::input(e.to_string()))?;
            t.push('\n');
            t
        }
    };
    let recognise = |existing: &[u8]| match format {
        DataFormat::Json => output::json_with_keys(existing, &["id", "articles", "permissions"]),
        DataFormat::Md => output::same_first_line(existing, text.as_bytes()),
    };
    emit(
        out,
        text.as_bytes(),
        &[],
        output::Replace::Earlier {
            what: "an earlier checklist of the same format",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

pub fn schema(kind: SchemaKind, out: Option<&Path>) -> Result<u8, Failure> {
    if let Some(f) = out.and_then(output::extension).filter(|e| e != "json") {
        return Err(Failure::input(format!(
            "a JSON Schema is JSON; the output's extension .{f} says otherwise"
        )));
    }
    let text = match kind {
        SchemaKind::Profile => schema::profile(),
        SchemaKind::Instrument => schema::instrument(),
        SchemaKind::Assessment => schema::assessment(),
    };
    let recognise = |existing: &[u8]| output::json_with_keys(existing, &["$schema", "title"]);
    emit(
        out,
        text.as_bytes(),
        &[],
        output::Replace::Earlier {
            what: "an earlier JSON Schema",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

pub fn init(
    path: &Path,
    jurisdiction: &str,
    code: Option<&str>,
    draft: bool,
    ids: &[String],
    settings: Settings,
) -> Result<u8, Failure> {
    jurisdiction_arguments(jurisdiction, code)?;
    let mut chosen = chosen_instruments(ids, &[])?;
    // A Protocol is assessed beside the Convention it supplements.
    for i in chosen.clone() {
        if let Some(base) = i
            .supplements
            .as_deref()
            .and_then(Instrument::embedded_by_id)
            && !chosen.iter().any(|c| c.id == base.id)
        {
            chosen.insert(0, base);
        }
    }
    let today = today();
    let assessment: BTreeMap<String, BTreeMap<String, ArticleAssessment>> = chosen
        .iter()
        .map(|instrument| {
            let articles = instrument
                .articles()
                .filter(|a| a.scored)
                .map(|a| {
                    let carried: Vec<String> = a
                        .carries_over
                        .iter()
                        .filter(|c| c.element.is_some())
                        .map(|c| budapest_gap::instrument::article_range(&c.articles))
                        .collect();
                    let entry = if carried.is_empty() {
                        ArticleAssessment {
                            status: Some(Status::NotAssessed),
                            note: Some(format!(
                                "Article {} – {}: not assessed yet.",
                                a.number, a.title
                            )),
                            ..Default::default()
                        }
                    } else {
                        // ETS 189 Article 8: its elements follow the Convention's ratings.
                        ArticleAssessment {
                            carried_over: true,
                            note: Some(format!(
                                "Article {} – {}: carried over from this profile's ratings of the \
                                 Convention's Articles {}; remove `carried_over` to assess it \
                                 separately.",
                                a.number,
                                a.title,
                                carried.join(" and ")
                            )),
                            ..Default::default()
                        }
                    };
                    (a.id(), entry)
                })
                .collect();
            (instrument.id.clone(), articles)
        })
        .collect();
    let instruments = chosen
        .iter()
        .map(|i| (i.id.clone(), TreatyStatus::default()))
        .collect();
    let profile = Profile {
        schema: None,
        format: FORMAT,
        jurisdiction: Jurisdiction { name: jurisdiction.to_string(), code: code.map(str::to_string), name_in_text: None },
        document: Document {
            kind: if draft { DocumentKind::Draft } else { DocumentKind::InForce },
            title: format!("{jurisdiction}: cybercrime legislation and the Budapest Convention"),
            as_of: today,
            language: "en".into(),
            prepared_by: "(your name or organisation)".into(),
            sources: "(list the official sources of the laws cited)".into(),
            note: Some("Starter profile written by `budapest-gap init`: cite laws and provisions, then assess each article.".into()),
        },
        instruments,
        laws: Vec::new(),
        provisions: Vec::new(),
        assessment,
    };
    let mut text =
        serde_json::to_string_pretty(&profile).map_err(|e| Failure::input(e.to_string()))?;
    text.push('\n');
    written_profile_is_valid(&text)?;
    if output::is_stdout(path) {
        output::print(text.as_bytes())?;
    } else {
        output::write(path, text.as_bytes(), &[], output::Replace::Never)?;
        let numbers: Vec<&str> = chosen.iter().map(|i| i.number.as_str()).collect();
        settings.note(&format!(
            "wrote {}: every scored article of {} is listed as not assessed",
            path.display(),
            numbers.join(" and ")
        ));
        settings.note(
            "tip: for completion in your editor, save the schema (`budapest-gap schema profile -o profile.schema.json`) and add `\"$schema\": \"profile.schema.json\"` to the profile",
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

/// `crosswalk FILE --to uncc`: what the profile's ETS 185 assessment covers of another treaty.
pub fn crosswalk(
    file: &Path,
    to: &str,
    format: CrosswalkFormat,
    out: Option<&Path>,
    settings: Settings,
) -> Result<u8, Failure> {
    use budapest_gap::instrument::Crosswalk;
    let walk = Crosswalk::by_source(to)
        .ok_or_else(|| Failure::input(format!("no crosswalk to `{to}`; known: uncc")))?;
    let instrument = Instrument::by_id(&walk.to)
        .ok_or_else(|| Failure::input(format!("unknown instrument `{}`", walk.to)))?;
    let inputs = [input::single(file)?];
    let assessment = assess(instrument, &load_valid(&inputs[0], settings)?);
    let report = budapest_gap::crosswalk::crosswalk(&assessment, walk)
        .map_err(|e| Failure::input(e.to_string()))?;
    let text = match format {
        CrosswalkFormat::Text => report.to_text(columns()),
        CrosswalkFormat::Md => report.to_markdown(),
        CrosswalkFormat::Json => report.to_json(),
    };
    let recognise = |existing: &[u8]| match format {
        CrosswalkFormat::Json => output::json_with_keys(existing, &["crosswalk", "articles"]),
        _ => output::same_first_line(existing, text.as_bytes()),
    };
    emit(
        out,
        text.as_bytes(),
        &inputs,
        output::Replace::Earlier {
            what: "an earlier crosswalk of the same format",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

/// The width text output wraps to: `COLUMNS` when set to a number (at least 60), else 80.
fn columns() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .map_or(80, |c| c.max(60))
}

/// The largest review workbook `review import` reads (64 MiB).
const MAX_WORKBOOK_BYTES: usize = 64 * 1024 * 1024;

pub fn review_export(
    path: &Path,
    out: &Path,
    instrument: &str,
    settings: Settings,
) -> Result<u8, Failure> {
    let source = input::single(path)?;
    let profile = load_valid(&source, settings)?;
    let instrument = Instrument::embedded_by_id(instrument).ok_or_else(|| {
        Failure::input(format!(
            "--instrument: `{instrument}` is not an instrument this tool knows"
        ))
    })?;
    if output::is_stdout(out) && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Failure::input(
            "a workbook is binary and standard output is a terminal; give a file with -o review.xlsx",
        ));
    }
    if let Some(ext) = output::extension(out)
        && ext != "xlsx"
    {
        return Err(Failure::input(format!(
            "{} does not end in .xlsx; the workbook is an .xlsx file (choose a name ending in .xlsx)",
            out.display()
        )));
    }
    let bytes = budapest_gap::review::export(&profile, instrument)
        .map_err(|e| Failure::input(format!("{}: {e}", source.name)))?;
    let recognise = |existing: &[u8]| budapest_gap::review::is_review_workbook(existing);
    emit(
        Some(out),
        &bytes,
        std::slice::from_ref(&source),
        output::Replace::Earlier {
            what: "an earlier review workbook",
            recognise: &recognise,
        },
    )?;
    settings.note(&format!(
        "{}: review workbook written to {} (fill in the Review and Limitations sheets, then run `budapest-gap review import`)",
        source.name,
        out.display()
    ));
    Ok(0)
}

pub fn review_import(
    workbook: &Path,
    path: &Path,
    out: Option<&Path>,
    settings: Settings,
) -> Result<u8, Failure> {
    let book = input::single(workbook)?;
    let source = input::single(path)?;
    if book.path.is_none() && source.path.is_none() {
        return Err(Failure::input("standard input (`-`) can be read only once"));
    }
    let profile = load_valid(&source, settings)?;
    let bytes = input::read(&book, MAX_WORKBOOK_BYTES).map_err(Failure::input)?;
    let imported = match budapest_gap::review::import(&book.name, &bytes, &profile) {
        Ok(i) => i,
        Err(budapest_gap::review::ReviewError::Invalid { diagnostics }) => {
            for d in &diagnostics {
                if d.is_error() || !settings.quiet {
                    eprintln!("{d}");
                }
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "budapest-gap: {}: {errors} error(s); nothing written (fix the cells named and import again)",
                book.name
            );
            return Ok(1);
        }
        Err(e) => return Err(Failure::input(format!("{}: {e}", book.name))),
    };
    if !settings.quiet {
        for d in &imported.warnings {
            eprintln!("{d}");
        }
    }
    let mut json = serde_json::to_string_pretty(&imported.profile)
        .map_err(|e| Failure::input(e.to_string()))?;
    json.push('\n');
    let name = profile.jurisdiction.name.clone();
    let recognise = move |existing: &[u8]| {
        serde_json::from_slice::<serde_json::Value>(existing).is_ok_and(|v| {
            v.pointer("/jurisdiction/name").and_then(|n| n.as_str()) == Some(name.as_str())
        })
    };
    emit(
        out,
        json.as_bytes(),
        &[book, source],
        output::Replace::Earlier {
            what: "a profile of the same jurisdiction",
            recognise: &recognise,
        },
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates_from_unix_days() {
        assert_eq!(super::civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(super::civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(super::civil_from_days(20_415).to_string(), "2025-11-23");
    }

    #[test]
    fn article_lists_use_ranges_and_wrap_under_the_first_number() {
        use super::article_list;
        assert_eq!(
            article_list("  strong: ", &[2, 3, 4, 5, 7, 9, 10, 12, 13, 14], 80),
            "  strong: 2–5, 7, 9, 10, 12–14"
        );
        assert_eq!(article_list("  weak: ", &[], 80), "  weak: none");
        let odd: Vec<u16> = (1..=48).filter(|n| n % 2 == 1).collect();
        let text = article_list("  articles with a strong candidate: ", &odd, 60);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 1, "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{text}");
        let first = lines[0].find('1').unwrap();
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.find(|c: char| c != ' ') == Some(first))
        );
        let numbers: Vec<u16> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert_eq!(numbers, odd);
    }
}
