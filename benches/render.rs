//! Rendering the largest shipped profile, as ratios against building the report model (the
//! baseline, measured in the same run): `cargo bench --bench render`. The ratios are printed
//! at the end, read from criterion's own estimates.

use std::hint::black_box;

use budapest_gap::report::{Paper, Report};
use budapest_gap::{Instrument, Lang, Profile, assess};
use criterion::{Criterion, criterion_group, criterion_main};

const GROUP: &str = "render";
const BASELINE: &str = "baseline report model";

fn largest_profile() -> budapest_gap::profile::ValidProfile {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    Profile::from_path(files.last().unwrap()).unwrap()
}

fn render(c: &mut Criterion) {
    let profile = largest_profile();
    let ets = Instrument::ets_185();
    let assessment = assess(ets, &profile);
    let report = Report::new(ets, &profile, &assessment);
    eprintln!("largest profile: {}", profile.jurisdiction.name);
    let mut group = c.benchmark_group(GROUP);
    group.sample_size(20);
    group.bench_function(BASELINE, |b| {
        b.iter(|| Report::new(ets, black_box(&profile), black_box(&assessment)))
    });
    group.bench_function("assess", |b| {
        b.iter(|| assess(black_box(ets), black_box(&profile)))
    });
    group.bench_function("markdown", |b| b.iter(|| black_box(&report).to_markdown()));
    group.bench_function("pdf layout", |b| {
        b.iter(|| black_box(&report).layout(Paper::A4))
    });
    group.bench_function("pdf", |b| {
        b.iter(|| black_box(&report).to_pdf(Paper::A4).unwrap())
    });
    // As `report` writes it: the Convention with a part for each Protocol assessed, in English
    // and in French (the French overlay's texts, French words and dates).
    let full_en = Report::of_profile(&profile, Lang::En);
    let full_fr = Report::of_profile(&profile, Lang::Fr);
    group.bench_function("all parts, model", |b| {
        b.iter(|| Report::of_profile(black_box(&profile), Lang::En))
    });
    group.bench_function("all parts, markdown", |b| {
        b.iter(|| black_box(&full_en).to_markdown())
    });
    group.bench_function("all parts, pdf", |b| {
        b.iter(|| black_box(&full_en).to_pdf(Paper::A4).unwrap())
    });
    group.bench_function("french, model", |b| {
        b.iter(|| Report::of_profile(black_box(&profile), Lang::Fr))
    });
    group.bench_function("french, markdown", |b| {
        b.iter(|| black_box(&full_fr).to_markdown())
    });
    group.bench_function("french, pdf", |b| {
        b.iter(|| black_box(&full_fr).to_pdf(Paper::A4).unwrap())
    });
    group.finish();
    print_ratios(&[
        "assess",
        "markdown",
        "pdf layout",
        "pdf",
        "all parts, model",
        "all parts, markdown",
        "all parts, pdf",
        "french, model",
        "french, markdown",
        "french, pdf",
    ]);
}

/// The median of a benchmark of this run, from `target/criterion/<group>/<name>/new/estimates.json`.
fn median_ns(name: &str) -> Option<f64> {
    let dir: std::path::PathBuf = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || concat!(env!("CARGO_MANIFEST_DIR"), "/target").into(),
        Into::into,
    );
    let path = dir
        .join("criterion")
        .join(GROUP)
        .join(name)
        .join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn print_ratios(names: &[&str]) {
    let Some(base) = median_ns(BASELINE) else {
        eprintln!("no criterion estimates found; ratios not printed");
        return;
    };
    eprintln!("ratios against the report model ({:.3} ms):", base / 1e6);
    for name in names {
        if let Some(t) = median_ns(name) {
            eprintln!("  {name:<20} {:>8.1} x  ({:.3} ms)", t / base, t / 1e6);
        }
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
