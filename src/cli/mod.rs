//! Commands and exit codes. Exit codes are a contract, documented in the README:
//! 0 success, 1 the check failed (invalid profile, index under `--fail-under`), 2 usage or I/O
//! error or input that cannot be assessed.

mod check;
mod commands;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Cybercrime legislation gap analysis against the Council of Europe Convention on Cybercrime
/// (ETS No. 185).
#[derive(Debug, Parser)]
#[command(name = "budapest-gap", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour terminal output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
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
    Check {
        /// Profile files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Score a profile: ratings per article, the index, and the gaps.
    Score {
        /// The profile to score.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
        /// Exit 1 when the index (with reservations) is below this (0–100).
        #[arg(long, value_name = "N")]
        fail_under: Option<f64>,
        /// The instrument to score against.
        #[arg(long, default_value = "ets-185", value_name = "ID")]
        instrument: String,
    },
    /// Write the country-profile report: treaty status, summary, article by article, gaps, sources.
    Report {
        /// The profile to report on.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Output file. Markdown goes to standard output without it; a PDF is written beside
        /// the profile, as `<name>.pdf`. The input is never overwritten.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Paper size of a PDF.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
    },
    /// Split a draft law (Markdown) into provisions and write a skeleton profile with the
    /// provisions suggested for each article, for review.
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
        /// ISO 3166-1 alpha-2 code of the jurisdiction.
        #[arg(long)]
        code: Option<String>,
        /// The draft's language, a BCP 47 tag (`en`, `fr`, `es`, `pt-BR`); detected from the
        /// text without it.
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
    },
    /// What changed between two profiles: ratings, gaps closed and opened, the index.
    Diff {
        /// The earlier profile (e.g. the law in force, or draft 1).
        old: PathBuf,
        /// The later profile (e.g. the draft, or draft 2).
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Print the checklist: articles, elements, permitted reservations and declarations.
    Checklist {
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Md)]
        format: DataFormat,
        /// The instrument to print.
        #[arg(long, default_value = "ets-185", value_name = "ID")]
        instrument: String,
    },
    /// Print a JSON Schema.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = SchemaKind::Profile)]
        kind: SchemaKind,
    },
    /// Write a starter profile with every scored article listed as not assessed.
    Init {
        /// Where to write it (`-` for standard output). Never overwrites a file.
        #[arg(default_value = "profile.json")]
        path: PathBuf,
        /// The jurisdiction's name.
        #[arg(long, default_value = "Example")]
        jurisdiction: String,
        /// ISO 3166-1 alpha-2 code of the jurisdiction.
        #[arg(long)]
        code: Option<String>,
        /// The profile describes a draft law rather than law in force.
        #[arg(long)]
        draft: bool,
    },
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Md,
    Pdf,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Profile,
    Instrument,
    Assessment,
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
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::IsTerminal::is_terminal(&std::io::stderr())
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let result = match cli.command {
        Command::Check { files, format } => check::run(&files, format, color),
        Command::Score {
            file,
            format,
            fail_under,
            instrument,
        } => commands::score(&file, format, fail_under, &instrument),
        Command::Report {
            file,
            format,
            output,
            paper,
        } => commands::report(&file, format, output.as_deref(), paper),
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
            language.as_deref(),
        ),
        Command::Diff { old, new, format } => commands::diff(&old, &new, format),
        Command::Checklist { format, instrument } => commands::checklist(format, &instrument),
        Command::Schema { kind } => commands::schema(kind),
        Command::Init {
            path,
            jurisdiction,
            code,
            draft,
        } => commands::init(&path, &jurisdiction, code.as_deref(), draft),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("budapest-gap: error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
