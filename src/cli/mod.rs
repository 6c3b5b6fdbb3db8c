//! Commands and exit codes. Exit codes are a contract, documented in the README and in every
//! command's `--help`: 0 success, 1 the check failed (invalid profile, index under
//! `--fail-under`), 2 usage or I/O error or input that cannot be assessed.

mod check;
mod commands;
mod input;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CHECK: &str = "Exit status: 0 every profile is valid (warnings allowed), 1 a profile is invalid, \
2 a file cannot be read or written, or bad usage.";
const EXIT_SCORE: &str = "Exit status: 0 scored, 1 an index is under --fail-under, 2 invalid or unreadable \
profile, output not written, or bad usage.";
const EXIT_WRITE: &str =
    "Exit status: 0 written, 2 invalid or unreadable input, output not written, or bad usage.";
const EXIT_PRINT: &str = "Exit status: 0 written, 2 output not written, or bad usage.";
const OUTPUT_RULES: &str = "Outputs: `-o -` is standard output; a device, FIFO or terminal is \
written into, never replaced; a regular file is written whole or not at all, never over an input.";

/// Cybercrime legislation gap analysis against the Council of Europe Convention on Cybercrime
/// (ETS No. 185).
#[derive(Debug, Parser)]
#[command(
    name = "budapest-gap",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Exit status: 0 success, 1 the check failed (invalid profile, index under --fail-under), \
2 usage or I/O error, or input that cannot be assessed."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour output (decided for the stream written: standard output, or never for a file).
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    /// Print only errors: no warnings, notes or summaries on standard error.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum ReviewCommand {
    /// Write a review workbook (.xlsx): one row per article and per element, with a status
    /// drop-down, the provisions cited and suggested, the limitations and the notes.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES} An existing file is replaced only \
when it is an earlier review workbook."))]
    Export {
        /// The profile to review.
        profile: PathBuf,
        /// The workbook to write (`.xlsx`; `-` for standard output when it is not a terminal).
        #[arg(short, long, value_name = "OUT", required = true)]
        output: PathBuf,
        /// The instrument whose assessment to review.
        #[arg(long, default_value = "ets-185", value_name = "ID")]
        instrument: String,
    },
    /// Read a reviewed workbook back onto the profile it was exported from, and write the
    /// reviewed profile. Neither input is changed.
    #[command(after_help = format!("Exit status: 0 written (warnings allowed), 1 the workbook holds errors \
(each located as Sheet!C12; nothing written), 2 unreadable or invalid input, output not written, or bad usage.\n\n\
{OUTPUT_RULES} An existing file is replaced only when it is a profile of the same jurisdiction."))]
    Import {
        /// The workbook `review export` wrote, after review.
        workbook: PathBuf,
        /// The profile it was exported from.
        profile: PathBuf,
        /// Where to write the reviewed profile (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate profiles against the schema and the checklist; report every problem.
    #[command(after_help = EXIT_CHECK)]
    Check {
        /// Profile files to check; a directory stands for its `*.json` files, `-` for standard
        /// input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Write the diagnostics to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Report only what concerns this instrument (ets-185, ets-189, cets-224), besides the
        /// file's structure, laws and provisions; repeat for several. Default: every
        /// instrument the profile records.
        #[arg(long, value_name = "ID")]
        instrument: Vec<String>,
    },
    /// Score profiles: ratings per article, the index, and the gaps.
    #[command(after_help = format!("{EXIT_SCORE}\n\n{OUTPUT_RULES}"))]
    Score {
        /// Profiles to score; a directory stands for its `*.json` files, `-` for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format (default: from the extension of -o, else text).
        #[arg(long, value_enum)]
        format: Option<ScoreFormat>,
        /// Exit 1 when the index (with reservations) of any profile is below this (0–100).
        #[arg(long, value_name = "N")]
        fail_under: Option<f64>,
        /// The instrument to score against (ets-185, ets-189, cets-224); repeat for several.
        /// Default: every instrument the profile assesses (ETS 185 when it assesses none).
        #[arg(long, value_name = "ID")]
        instrument: Vec<String>,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Write the country-profile report: treaty status, summary, article by article, gaps, sources.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES} An existing file is replaced only \
when it is an earlier report of the same format."))]
    Report {
        /// The profile to report on (`-` for standard input).
        file: PathBuf,
        /// Output format (default: from the extension of -o, else md).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Output file. Markdown goes to standard output without it; a PDF is written beside
        /// the profile, as `<name>.pdf`.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Paper size of a PDF.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
        /// Report on this instrument only (ets-185, ets-189). Default: the Convention, with a
        /// part for each Protocol the profile assesses.
        #[arg(long, value_name = "ID")]
        instrument: Option<String>,
        /// The previous version of the profile (the law in force, or the earlier draft): adds
        /// a "changes since the previous version" section.
        #[arg(long, value_name = "OLD")]
        against: Option<PathBuf>,
        /// The report's language: `en` (English) or `fr` (French).
        #[arg(long, default_value_t = budapest_gap::Lang::En)]
        lang: budapest_gap::Lang,
    },
    /// Split a draft law (Markdown) into provisions and write a skeleton profile with the
    /// provisions suggested for each article, for review.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES} An existing regular file is never replaced."))]
    Draft {
        /// The draft law, in Markdown.
        file: PathBuf,
        /// Where to write the skeleton profile (never over an existing file); standard output
        /// without it.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The jurisdiction's name.
        #[arg(long, default_value = "Draft jurisdiction")]
        jurisdiction: String,
        /// ISO 3166-1 alpha-2 code of the jurisdiction, in capitals (`PT`).
        #[arg(long)]
        code: Option<String>,
        /// The draft's language, a BCP 47 tag (`en`, `fr`, `es`, `pt-BR`); detected from the
        /// text without it.
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
    },
    /// Compare jurisdictions: every scored article against every profile, the indices per
    /// chapter and section, and the counts per rating. Sorted by name unless --sort says
    /// otherwise; profiles that assess different instruments are compared per instrument.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES} An existing file is replaced only \
when it is an earlier comparison of the same format."))]
    Compare {
        /// Profiles to compare; a directory stands for its `*.json` files, `-` for standard
        /// input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format (default: from the extension of -o, else text).
        #[arg(long, value_enum)]
        format: Option<CompareFormat>,
        /// Order of the jurisdictions: by name, or by headline index (highest first).
        #[arg(long, value_enum, default_value_t = CompareSort::Name)]
        sort: CompareSort,
        /// Paper size of the PDF heat map.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Review in a spreadsheet: export a workbook an adviser fills in, then import it back
    /// into the profile.
    #[command(
        subcommand,
        after_help = "Exit status: 0 written, 1 the workbook holds errors (import), 2 unreadable or invalid \
input, output not written, or bad usage. See each command's --help."
    )]
    Review(ReviewCommand),
    /// What changed between two profiles: ratings, gaps closed and opened, the index.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES}"))]
    Diff {
        /// The earlier profile (e.g. the law in force, or draft 1).
        old: PathBuf,
        /// The later profile (e.g. the draft, or draft 2).
        new: PathBuf,
        /// The instrument to compare on; repeat for several. Default: every instrument
        /// either profile assesses (ETS 185 when they assess none).
        #[arg(long, value_name = "ID")]
        instrument: Vec<String>,
        /// Output format (default: from the extension of -o, else text).
        #[arg(long, value_enum)]
        format: Option<DiffFormat>,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print the checklist: articles, elements, permitted reservations and declarations.
    #[command(after_help = format!("{EXIT_PRINT}\n\n{OUTPUT_RULES}"))]
    Checklist {
        /// Output format (default: from the extension of -o, else md).
        #[arg(long, value_enum)]
        format: Option<DataFormat>,
        /// The instrument to print: ets-185, ets-189 or cets-224.
        #[arg(long, default_value = "ets-185", value_name = "ID")]
        instrument: String,
        /// The Markdown checklist's language: `en` (English) or `fr` (French). The JSON
        /// checklist is the data itself, in English.
        #[arg(long, default_value_t = budapest_gap::Lang::En)]
        lang: budapest_gap::Lang,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print a JSON Schema.
    #[command(after_help = format!("{EXIT_PRINT}\n\n{OUTPUT_RULES}"))]
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = SchemaKind::Profile)]
        kind: SchemaKind,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Write a starter profile with every scored article listed as not assessed.
    #[command(after_help = format!("Exit status: 0 written, 2 not written (the file exists, a bad --code) or bad usage.\n\n{OUTPUT_RULES} An existing regular file is never replaced."))]
    Init {
        /// Where to write it (`-` for standard output). Never overwrites a file.
        #[arg(default_value = "profile.json")]
        path: PathBuf,
        /// The jurisdiction's name.
        #[arg(long, default_value = "Example")]
        jurisdiction: String,
        /// ISO 3166-1 alpha-2 code of the jurisdiction, in capitals (`PT`).
        #[arg(long)]
        code: Option<String>,
        /// The profile describes a draft law rather than law in force.
        #[arg(long)]
        draft: bool,
        /// An instrument to list, its scored articles as not assessed; repeat for several
        /// (ets-185, ets-189, cets-224). Default: ets-185.
        #[arg(long, value_name = "ID")]
        instrument: Vec<String>,
    },
    /// What a profile's ETS 185 assessment already covers of another treaty.
    #[command(after_help = format!("{EXIT_WRITE}\n\n{OUTPUT_RULES}"))]
    Crosswalk {
        /// The profile (`-` for standard input).
        file: PathBuf,
        /// The other treaty: uncc (UN Convention against Cybercrime).
        #[arg(long, value_enum)]
        to: CrosswalkTo,
        /// Output format (default: from the extension of -o, else text).
        #[arg(long, value_enum)]
        format: Option<CrosswalkFormat>,
        /// Output file (`-` for standard output, the default).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

/// The treaties a crosswalk leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CrosswalkTo {
    /// The UN Convention against Cybercrime (General Assembly resolution 79/243).
    Uncc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CrosswalkFormat {
    Text,
    Md,
    Json,
}

impl CrosswalkFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "txt" | "text" => Some(CrosswalkFormat::Text),
            "md" | "markdown" => Some(CrosswalkFormat::Md),
            "json" => Some(CrosswalkFormat::Json),
            _ => None,
        }
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Annotated source snippets for a person.
    Human,
    /// One JSON document with every diagnostic.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScoreFormat {
    Text,
    Json,
    Md,
    /// One row per element, for a spreadsheet.
    Csv,
}

impl ScoreFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "txt" | "text" => Some(ScoreFormat::Text),
            "json" => Some(ScoreFormat::Json),
            "md" | "markdown" => Some(ScoreFormat::Md),
            "csv" => Some(ScoreFormat::Csv),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Md,
}

impl DiffFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "txt" | "text" => Some(DiffFormat::Text),
            "json" => Some(DiffFormat::Json),
            "md" | "markdown" => Some(DiffFormat::Md),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareFormat {
    Text,
    Md,
    /// One row per article and jurisdiction, for a spreadsheet.
    Csv,
    Json,
    /// A heat map to print: a page per instrument, letter codes in the cells.
    Pdf,
}

impl CompareFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "txt" | "text" => Some(CompareFormat::Text),
            "md" | "markdown" => Some(CompareFormat::Md),
            "csv" => Some(CompareFormat::Csv),
            "json" => Some(CompareFormat::Json),
            "pdf" => Some(CompareFormat::Pdf),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareSort {
    Name,
    Index,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Md,
    Pdf,
}

impl ReportFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "md" | "markdown" => Some(ReportFormat::Md),
            "pdf" => Some(ReportFormat::Pdf),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Paper {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DataFormat {
    Md,
    Json,
}

impl DataFormat {
    fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "md" | "markdown" => Some(DataFormat::Md),
            "json" => Some(DataFormat::Json),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Profile,
    Instrument,
    Assessment,
}

/// The format to write: `--format` if given, else the one the output's extension asks for,
/// else `default`. A `--format` that contradicts the extension is refused.
fn pick_format<F: ValueEnum + PartialEq + Copy>(
    flag: Option<F>,
    out: Option<&std::path::Path>,
    by_extension: fn(&str) -> Option<F>,
    default: F,
) -> Result<F, Failure> {
    let name = |f: F| {
        f.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    };
    let implied = out
        .and_then(output::extension)
        .and_then(|e| by_extension(&e));
    match (flag, implied) {
        (Some(f), Some(i)) if f != i => Err(Failure::input(format!(
            "--format {} contradicts the output {} (a .{} file is {}); drop --format or rename the output",
            name(f),
            out.map(|o| o.display().to_string()).unwrap_or_default(),
            out.and_then(output::extension).unwrap_or_default(),
            name(i)
        ))),
        (Some(f), _) => Ok(f),
        (None, Some(i)) => Ok(i),
        (None, None) => Ok(default),
    }
}

/// Settings every command shares.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Colour the output written to standard output (`--color`, and whether it is a terminal).
    color: bool,
    /// `--color always`.
    always: bool,
    /// `--quiet`.
    quiet: bool,
}

impl Settings {
    /// Whether to colour output written to `out` (`None` or `-` is standard output).
    pub(crate) fn color_for(&self, out: Option<&std::path::Path>) -> bool {
        match out {
            None => self.color,
            Some(o) if output::is_stdout(o) => self.color,
            Some(_) => self.always,
        }
    }

    /// A note on standard error, unless `--quiet`.
    fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }
}

/// A failure that ends the command with an exit code and a message.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Exit 2: usage, I/O, or input that cannot be assessed.
    pub fn input(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let settings = Settings {
        color: match cli.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::IsTerminal::is_terminal(&std::io::stdout())
                    && std::env::var_os("NO_COLOR").is_none()
            }
        },
        always: matches!(cli.color, Color::Always),
        quiet: cli.quiet,
    };
    let result = run(cli.command, settings);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("budapest-gap: error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(command: Command, settings: Settings) -> Result<u8, Failure> {
    match command {
        Command::Check {
            files,
            format,
            output,
            instrument,
        } => check::run(&files, format, output.as_deref(), &instrument, settings),
        Command::Score {
            files,
            format,
            fail_under,
            instrument,
            output,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                ScoreFormat::from_extension,
                ScoreFormat::Text,
            )?;
            commands::score(
                &files,
                format,
                fail_under,
                &instrument,
                output.as_deref(),
                settings,
            )
        }
        Command::Report {
            file,
            format,
            output,
            paper,
            instrument,
            against,
            lang,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                ReportFormat::from_extension,
                ReportFormat::Md,
            )?;
            commands::report(
                &file,
                format,
                output.as_deref(),
                instrument.as_deref(),
                against.as_deref(),
                commands::ReportSetting { paper, lang },
                settings,
            )
        }
        Command::Draft {
            file,
            output,
            jurisdiction,
            code,
            language,
        } => commands::draft(
            &file,
            output.as_deref(),
            &jurisdiction,
            code.as_deref(),
            settings,
            language.as_deref(),
        ),
        Command::Compare {
            files,
            format,
            sort,
            paper,
            output,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                CompareFormat::from_extension,
                CompareFormat::Text,
            )?;
            commands::compare(&files, format, sort, paper, output.as_deref(), settings)
        }
        Command::Diff {
            old,
            new,
            instrument,
            format,
            output,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                DiffFormat::from_extension,
                DiffFormat::Text,
            )?;
            commands::diff(&old, &new, &instrument, format, output.as_deref(), settings)
        }
        Command::Checklist {
            format,
            instrument,
            lang,
            output,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                DataFormat::from_extension,
                DataFormat::Md,
            )?;
            commands::checklist(format, &instrument, lang, output.as_deref())
        }
        Command::Review(ReviewCommand::Export {
            profile,
            output,
            instrument,
        }) => commands::review_export(&profile, &output, &instrument, settings),
        Command::Review(ReviewCommand::Import {
            workbook,
            profile,
            output,
        }) => commands::review_import(&workbook, &profile, output.as_deref(), settings),
        Command::Schema { kind, output } => commands::schema(kind, output.as_deref()),
        Command::Init {
            path,
            jurisdiction,
            code,
            draft,
            instrument,
        } => commands::init(
            &path,
            &jurisdiction,
            code.as_deref(),
            draft,
            &instrument,
            settings,
        ),
        Command::Crosswalk {
            file,
            to,
            format,
            output,
        } => {
            let format = pick_format(
                format,
                output.as_deref(),
                CrosswalkFormat::from_extension,
                CrosswalkFormat::Text,
            )?;
            let to = match to {
                CrosswalkTo::Uncc => "uncc",
            };
            commands::crosswalk(&file, to, format, output.as_deref(), settings)
        }
    }
}
