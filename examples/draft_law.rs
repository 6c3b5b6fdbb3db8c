//! The legal adviser's path through the library API, on the fictional Arcadia bill:
//! draft law → skeleton profile → (the adviser's reviewed profile) → assessment → Markdown and
//! PDF report → what the review changed against the skeleton.
//!
//! `cargo run --example draft_law` writes its outputs to `target/draft_law/`.

use std::path::Path;

use budapest_gap::draft::{SkeletonOptions, parse, skeleton};
use budapest_gap::report::{Paper, Report};
use budapest_gap::{Instrument, Profile, assess, diff::diff};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/draft_law");
    std::fs::create_dir_all(&out)?;
    let ets = Instrument::ets_185();

    // 1. Split the draft into provisions and rank them against each article.
    let markdown = std::fs::read_to_string(root.join("examples/arcadia-draft.md"))?;
    let draft = parse(&markdown)?;
    let options = SkeletonOptions {
        jurisdiction: "Arcadia".into(),
        code: None,
        title: "Cybercrime and Electronic Evidence Bill 2026".into(),
        as_of: "2026-11-01".parse()?,
        source: "examples/arcadia-draft.md".into(),
    };
    let skeleton = skeleton(ets, &draft, &options);
    let (strong, weak, none) = skeleton.summary();
    println!(
        "{} provisions; strong candidates for {} articles, weak for {}, none for {} (likely gaps: {none:?})",
        draft.provisions.len(),
        strong.len(),
        weak.len(),
        none.len()
    );
    std::fs::write(
        out.join("arcadia-skeleton.json"),
        serde_json::to_string_pretty(&skeleton.profile)?,
    )?;

    // 2. The adviser reviews the suggestions and assesses each article: that is the reviewed
    //    profile shipped beside the draft.
    let reviewed = Profile::from_path(root.join("examples/arcadia-reviewed.json"))?;

    // 3. Assess it and write the report.
    let assessment = assess(ets, &reviewed);
    println!(
        "index {:.1} / 100 over {} of {} articles; {} gaps",
        assessment.index.score.unwrap_or(0.0),
        assessment.index.assessed,
        assessment.index.scorable,
        assessment.gaps.len()
    );
    let report = Report::new(ets, &reviewed, &assessment);
    std::fs::write(out.join("arcadia-report.md"), report.to_markdown())?;
    let pdf = report.to_pdf(Paper::A4)?;
    std::fs::write(out.join("arcadia-report.pdf"), &pdf.bytes)?;
    println!("report: {} pages, {} bytes", pdf.pages, pdf.bytes.len());

    // 4. What the review changed against the skeleton, where every article was not assessed.
    let changes = diff(&assess(ets, &skeleton.profile.validate()?), &assessment);
    std::fs::write(out.join("arcadia-diff.md"), changes.to_markdown())?;
    println!(
        "{} articles newly assessed; {} gaps found by the review",
        changes.changed().count(),
        changes.gaps_opened.len()
    );
    println!("outputs in {}", out.display());
    Ok(())
}
