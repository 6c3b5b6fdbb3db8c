//! Checking a profile, as a ratio against parsing the same bytes with `serde_json` into a
//! `Value` (the baseline, measured in the same run): `cargo bench --bench check`.
//!
//! The Germany profile is checked as shipped and grown 4 and 16 times (more provisions, each
//! cited by an article), so that the ratio at each size shows whether checking stays linear in
//! the input, as parsing is.

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
}

criterion_group!(benches, check);
criterion_main!(benches);
