//! Rendering the largest shipped profile, as ratios against the assessment itself (the
//! baseline, measured in the same run): `cargo bench --bench render`.

use std::hint::black_box;

use budapest_gap::report::{Paper, Report};
use budapest_gap::{Instrument, Profile, assess};
use criterion::{Criterion, criterion_group, criterion_main};

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
    let mut group = c.benchmark_group(format!("render {}", profile.jurisdiction.name));
    group.sample_size(20);
    group.bench_function("baseline: assess", |b| {
        b.iter(|| assess(black_box(ets), black_box(&profile)))
    });
    group.bench_function("report model", |b| {
        b.iter(|| Report::new(ets, black_box(&profile), black_box(&assessment)))
    });
    group.bench_function("markdown", |b| b.iter(|| black_box(&report).to_markdown()));
    group.bench_function("pdf layout", |b| {
        b.iter(|| black_box(&report).layout(Paper::A4))
    });
    group.bench_function("pdf", |b| {
        b.iter(|| black_box(&report).to_pdf(Paper::A4).unwrap())
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
