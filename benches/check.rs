//! Checking a profile, as a ratio against parsing the same bytes with `serde_json` into a
//! `Value` (the baseline, measured in the same run): `cargo bench --bench check`.
//!
//! The Germany profile is checked as shipped and grown 4 and 16 times (more provisions, each
//! cited by an article), so that the ratio at each size shows whether checking stays linear in
//! the input, as parsing is. The ratios are printed at the end.

use std::hint::black_box;

use budapest_gap::Profile;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;

/// Germany's profile with every provision repeated `times` times under new ids, each copy
/// cited where the original is.
fn grown(times: usize) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/profiles/germany.json"
    ))
    .unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let provisions = v["provisions"].as_array().unwrap().clone();
    let mut all = Vec::new();
    for copy in 0..times {
        for p in &provisions {
            let mut p = p.clone();
            if copy > 0 {
                p["id"] = format!("{}~{copy}", p["id"].as_str().unwrap()).into();
            }
            all.push(p);
        }
    }
    v["provisions"] = all.into();
    if let Some(articles) = v["assessment"]["ets-185"].as_object_mut() {
        for entry in articles.values_mut() {
            let Some(cited) = entry.get("provisions").and_then(Value::as_array).cloned() else {
                continue;
            };
            let mut more = cited.clone();
            for copy in 1..times {
                more.extend(
                    cited
                        .iter()
                        .map(|c| Value::from(format!("{}~{copy}", c.as_str().unwrap()))),
                );
            }
            entry["provisions"] = more.into();
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check vs serde_json parse");
    group.sample_size(20);
    for times in [1, 4, 16] {
        let text = grown(times);
        assert!(!Profile::check("germany.json", &text).has_errors());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("baseline: serde_json::Value", times),
            &text,
            |b, t| b.iter(|| serde_json::from_str::<Value>(black_box(t)).unwrap()),
        );
        group.bench_with_input(BenchmarkId::new("Profile::check", times), &text, |b, t| {
            b.iter(|| Profile::check("germany.json", black_box(t)))
        });
    }
    group.finish();
    print_ratios(&[1, 4, 16]);
}

const GROUP: &str = "check vs serde_json parse";

/// The median of a benchmark of this run, from `target/criterion/<group>/<name>/<size>/new/estimates.json`
/// (criterion writes `baseline: serde_json::Value` as `baseline_ serde_json__Value`).
fn median_ns(name: &str, times: usize) -> Option<f64> {
    let dir: std::path::PathBuf = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || concat!(env!("CARGO_MANIFEST_DIR"), "/target").into(),
        Into::into,
    );
    let path = dir
        .join("criterion")
        .join(GROUP)
        .join(name)
        .join(times.to_string())
        .join("new/estimates.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn print_ratios(sizes: &[usize]) {
    eprintln!("Profile::check against serde_json::Value on the same bytes:");
    for &times in sizes {
        match (
            median_ns("baseline_ serde_json__Value", times),
            median_ns("Profile__check", times),
        ) {
            (Some(base), Some(t)) => eprintln!(
                "  germany x{times:<3} {:>6.2} x  ({:.3} ms against {:.3} ms)",
                t / base,
                t / 1e6,
                base / 1e6
            ),
            _ => eprintln!("  germany x{times}: no criterion estimates found"),
        }
    }
}

criterion_group!(benches, check);
criterion_main!(benches);
