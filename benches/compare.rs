//! `compare` over 200 profiles, as a ratio against checking the same texts (the baseline,
//! measured in the same run): `cargo bench --bench compare`.
//!
//! The 200 profiles are copies of the shipped ones, each under its own name, with the
//! statuses of some articles and elements shifted (met → partly → not met → not assessed)
//! so that no two copies of one profile rate alike. "compare" is what the command does after
//! reading the files: check, validate and assess every profile against every instrument it
//! assesses (the copies of Germany and Portugal also assess ETS 189), build the matrix and
//! write it as CSV and as text.

use std::hint::black_box;
use std::time::{Duration, Instant};

use budapest_gap::compare::compare;
use budapest_gap::{Assessment, Instrument, Profile, assess};
use criterion::{Criterion, Throughput};
use serde_json::Value;

const PROFILES: usize = 200;
const STATUSES: [&str; 4] = ["met", "partly", "not-met", "not-assessed"];

fn shift(status: &mut Value, by: usize) {
    if let Some(s) = status.as_str()
        && let Some(i) = STATUSES.iter().position(|x| *x == s)
    {
        *status = STATUSES[(i + by) % STATUSES.len()].into();
    }
}

/// `(file name, text)` of the generated profiles.
fn generated() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles");
    let mut shipped: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    shipped.sort();
    let shipped: Vec<Value> = shipped
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    (0..PROFILES)
        .map(|i| {
            let mut v = shipped[i % shipped.len()].clone();
            let name = format!("{} {i:03}", v["jurisdiction"]["name"].as_str().unwrap());
            v["jurisdiction"]["name"] = name.into();
            let copy = i / shipped.len();
            for articles in v["assessment"].as_object_mut().unwrap().values_mut() {
                for (n, entry) in articles.as_object_mut().unwrap().values_mut().enumerate() {
                    // About one article in five changes in each copy, a different set each time.
                    if !(n + copy).is_multiple_of(5) {
                        continue;
                    }
                    if let Some(status) = entry.get_mut("status") {
                        shift(status, copy);
                    }
                    if let Some(elements) = entry.get_mut("elements").and_then(Value::as_object_mut)
                    {
                        for e in elements.values_mut() {
                            shift(&mut e["status"], copy + 1);
                        }
                    }
                }
            }
            (
                format!("p{i:03}.json"),
                serde_json::to_string_pretty(&v).unwrap(),
            )
        })
        .collect()
}

fn check_all(texts: &[(String, String)]) -> usize {
    texts
        .iter()
        .map(|(name, t)| Profile::check(name, t).diagnostics.len())
        .sum()
}

/// As the command does: every instrument a profile assesses (the Convention, and for the
/// copies of Germany and Portugal the Additional Protocol, whose Article 8 is carried over
/// from the Convention's ratings).
fn compare_all(texts: &[(String, String)]) -> (String, String) {
    let assessments: Vec<Assessment> = texts
        .iter()
        .flat_map(|(name, t)| {
            let profile = Profile::check(name, t).into_profile().unwrap();
            Instrument::embedded()
                .into_iter()
                .filter(|i| profile.assessment.contains_key(&i.id))
                .map(|i| assess(i, &profile))
                .collect::<Vec<_>>()
        })
        .collect();
    let comparison = compare(&assessments);
    (comparison.to_csv(), comparison.to_text(80))
}

/// Mean time of `f` over `runs` runs.
fn mean<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed() / runs
}

fn main() {
    let texts = generated();
    for (name, t) in &texts {
        let checked = Profile::check(name, t);
        assert!(!checked.has_errors(), "{name}: {:?}", checked.diagnostics);
    }
    let (csv, _) = compare_all(&texts);
    let rows = csv.lines().count() - 1;
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();

    let mut c = Criterion::default().configure_from_args().sample_size(10);
    let mut group = c.benchmark_group(format!("{PROFILES} profiles"));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("baseline: Profile::check", |b| {
        b.iter(|| check_all(black_box(&texts)))
    });
    group.bench_function("compare (check, assess, matrix, CSV and text)", |b| {
        b.iter(|| compare_all(black_box(&texts)))
    });
    group.finish();
    c.final_summary();

    // The ratio, measured again side by side (criterion reports each alone).
    let check = mean(5, || check_all(&texts));
    let full = mean(5, || compare_all(&texts));
    println!(
        "{PROFILES} profiles ({} KiB, {rows} CSV rows): check {:.1} ms, compare {:.1} ms, ratio {:.2}",
        bytes / 1024,
        check.as_secs_f64() * 1e3,
        full.as_secs_f64() * 1e3,
        full.as_secs_f64() / check.as_secs_f64()
    );
}
