//! `budapest-gap draft` on a generated 50,000-section draft, as a ratio against reading and
//! splitting the same draft (the baseline, measured in the same run), and against a draft
//! ten times smaller, so that a superlinear step shows as a ratio above ten:
//! `cargo bench --bench draft`.

use std::hint::black_box;

use budapest_gap::Instrument;
use budapest_gap::draft::{Language, SkeletonOptions, parse_in, skeleton};
use criterion::{Criterion, criterion_group, criterion_main};

/// A consolidated code of `sections` sections, each with a heading and three subsections in
/// the wording drafters use, cycling through offences, powers and co-operation.
fn generated_draft(sections: usize) -> String {
    const BODIES: &[(&str, &str)] = &[
        (
            "Illegal access",
            "A person who intentionally accesses the whole or any part of a computer system without right commits an offence.",
        ),
        (
            "Interception",
            "A person who intercepts by technical means a non-public transmission of computer data commits an offence.",
        ),
        (
            "Preservation order",
            "A police officer may order the expeditious preservation of specified stored computer data, including traffic data.",
        ),
        (
            "Production order",
            "A judge may order a service provider to submit subscriber information in its possession or control.",
        ),
        (
            "Penalties",
            "A person convicted of an offence under this Part is liable to imprisonment for a term not exceeding five years or to a fine.",
        ),
        (
            "Mutual assistance",
            "The central authority shall execute a request for mutual legal assistance from a foreign State.",
        ),
        (
            "Definitions",
            "In this Act, computer data means any representation of facts, information or concepts in a form suitable for processing.",
        ),
    ];
    let mut out = String::from("# Consolidated Criminal Code\n\n");
    for i in 1..=sections {
        let (heading, body) = BODIES[i % BODIES.len()];
        out.push_str(&format!(
            "## Section {i} – {heading}\n\n(1) {body}\n\n(2) Subsection (1) applies to conduct in Ruritania and abroad.\n\n(3) Nothing in this section affects section {}.\n\n",
            i.saturating_sub(1).max(1)
        ));
    }
    out
}

fn draft(c: &mut Criterion) {
    let ets = Instrument::ets_185();
    let big = generated_draft(50_000);
    let small = generated_draft(5_000);
    let options = SkeletonOptions {
        jurisdiction: "Ruritania".into(),
        code: None,
        title: "Code".into(),
        as_of: "2026-12-01".parse().unwrap(),
        source: "code.md".into(),
    };
    let en = || Language::given("en").unwrap();
    let mut group = c.benchmark_group("draft, 50,000 sections");
    group.sample_size(10);
    group.bench_function("baseline: read and split", |b| {
        b.iter(|| parse_in(black_box(&big), en()).unwrap())
    });
    group.bench_function("draft: split, rank, skeleton", |b| {
        b.iter(|| {
            let d = parse_in(black_box(&big), en()).unwrap();
            skeleton(ets, &d, &options)
        })
    });
    group.bench_function("draft, 5,000 sections (for the ratio)", |b| {
        b.iter(|| {
            let d = parse_in(black_box(&small), en()).unwrap();
            skeleton(ets, &d, &options)
        })
    });
    group.finish();
}

criterion_group!(benches, draft);
criterion_main!(benches);
