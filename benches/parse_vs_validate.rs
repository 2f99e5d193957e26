//! Target 1: validating a timeline costs no more than parsing it.
//!
//! On the Leicestershire timeline (`testdata/leicestershire.json`, as committed: pretty-printed,
//! every event cited), on a synthetic national set (152 areas, one compact document each)
//! and on a 2023-framework record of 1,000 events (`timelines::long_2023`), three ways through the same bytes, side by side:
//!
//! - `serde_json_value`: `serde_json::from_slice::<serde_json::Value>` — parsing alone, the
//!   floor any JSON tool pays;
//! - `validate_json`: this crate, bytes to [`send_lifecycle::Report`] — reading, every rule,
//!   and the report;
//! - `jsonschema`: the peer a user would otherwise reach for — parse to a `Value`, then check
//!   it against `schema/timeline-v1.schema.json` with the `jsonschema` crate (shape alone: no
//!   stage, date or deadline rule). The schema is compiled once, outside the timing. When the
//!   schema file is missing this comparison is skipped with a note.
//!
//! After the run it prints `validate_json / serde_json_value` (target: at most 1.0) and
//! `validate_json / jsonschema`: the ratio of criterion's medians, and for the target also
//! the median ratio of 31 rounds that time the two in alternation (robust to the machine's
//! speed drifting during the run). For information it also times Leicestershire with the
//! tolerances of its two findings raised, so that it has none: what the findings cost.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/summary.rs"]
mod summary;
#[path = "support/timelines.rs"]
mod timelines;

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use send_lifecycle::{validate_json, Options};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schema/timeline-v1.schema.json"
);
const LEICESTERSHIRE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/leicestershire.json");

/// The Leicestershire fixture as committed (the file is part of the crate).
fn leicestershire() -> Vec<u8> {
    std::fs::read(LEICESTERSHIRE)
        .unwrap_or_else(|e| panic!("{LEICESTERSHIRE} could not be read: {e}"))
}

/// The schema validator, or a printed note saying why there is none.
fn schema_validator(docs: &[Vec<u8>]) -> Option<jsonschema::Validator> {
    let text = match std::fs::read(SCHEMA) {
        Ok(t) => t,
        Err(e) => {
            println!("note: {SCHEMA} not read ({e}); the jsonschema comparison is skipped");
            return None;
        }
    };
    let schema: serde_json::Value = match serde_json::from_slice(&text) {
        Ok(s) => s,
        Err(e) => {
            println!("note: {SCHEMA} is not JSON ({e}); the jsonschema comparison is skipped");
            return None;
        }
    };
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => {
            println!("note: {SCHEMA} does not compile ({e}); the jsonschema comparison is skipped");
            return None;
        }
    };
    let rejected = docs
        .iter()
        .filter(|d| !validator.is_valid(&serde_json::from_slice(d).unwrap()))
        .count();
    if rejected > 0 {
        let first = docs
            .iter()
            .map(|d| serde_json::from_slice::<serde_json::Value>(d).unwrap())
            .find_map(|v| validator.validate(&v).err().map(|e| e.to_string()));
        println!(
            "note: the schema rejects {rejected} of {} documents the validator accepts (first: {first:?}); the jsonschema time is then that of a rejection",
            docs.len()
        );
    }
    Some(validator)
}

/// Runs the group and returns `validate_json` timed against `serde_json_value` in paired
/// rounds (when benching).
fn compare(c: &mut Criterion, group: &str, docs: &[Vec<u8>]) -> Option<summary::Paired> {
    let options = Options::default();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let events: usize = docs
        .iter()
        .map(|d| validate_json(d, &options).events_total)
        .sum();
    println!(
        "{group}: {} document(s), {events} events, {bytes} bytes of JSON",
        docs.len()
    );
    for (i, d) in docs.iter().enumerate() {
        timelines::check_valid(&format!("{group} document {i}"), d);
    }
    let validator = schema_validator(docs);

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("serde_json_value", |b| {
        b.iter(|| {
            for d in docs {
                let v: serde_json::Value = serde_json::from_slice(black_box(d)).unwrap();
                black_box(v);
            }
        })
    });
    g.bench_function("validate_json", |b| {
        b.iter(|| {
            for d in docs {
                black_box(validate_json(black_box(d), &options));
            }
        })
    });
    if let Some(validator) = &validator {
        g.bench_function("jsonschema", |b| {
            b.iter(|| {
                for d in docs {
                    let v: serde_json::Value = serde_json::from_slice(black_box(d)).unwrap();
                    black_box(validator.validate(&v).is_ok());
                }
            })
        });
    }
    g.finish();

    benching().then(|| {
        summary::paired(
            31,
            || {
                for d in docs {
                    black_box(validate_json(black_box(d), &options));
                }
            },
            || {
                for d in docs {
                    let v: serde_json::Value = serde_json::from_slice(black_box(d)).unwrap();
                    black_box(v);
                }
            },
        )
    })
}

/// What Leicestershire's two findings cost: the same bytes validated with the tolerances of
/// those findings raised (`monitoring_grace_days` for its `monitoring_gap`,
/// `revisit_usual_months` for its `revisit_later_than_usual`), so that the report has none,
/// timed in paired rounds against the `Value` parse. For information: the target is on the
/// default policy. `None`, with a note, when the document has other findings, or none to
/// remove.
fn without_findings(doc: &[u8]) -> Option<summary::Paired> {
    let default = validate_json(doc, &Options::default());
    let mut policy = send_lifecycle::Policy::default();
    policy.monitoring_grace_days = 400;
    policy.revisit_usual_months = 60;
    let options = Options::default().with_policy(policy);
    let tolerant = validate_json(doc, &options);
    if default.diagnostics.is_empty() || !tolerant.diagnostics.is_empty() {
        println!(
            "note: Leicestershire has {} finding(s), {} with their tolerances raised; the comparison without findings is skipped",
            default.diagnostics.len(),
            tolerant.diagnostics.len()
        );
        return None;
    }
    Some(summary::paired(
        31,
        || {
            black_box(validate_json(black_box(doc), &options));
        },
        || {
            let v: serde_json::Value = serde_json::from_slice(black_box(doc)).unwrap();
            black_box(v);
        },
    ))
}

/// `cargo bench` passes `--bench`; `cargo test --benches` runs each bench once, without.
fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn main() {
    let results = summary::Results::new();
    let mut c = Criterion::default().configure_from_args();

    let leicestershire = vec![leicestershire()];
    let paired_leicestershire = compare(&mut c, "leicestershire", &leicestershire);
    let paired_quiet = benching()
        .then(|| without_findings(&leicestershire[0]))
        .flatten();
    let national = timelines::national();
    let paired_national = compare(&mut c, "national", &national);
    // A 2023-framework record: two years of cycles (inspections, plans, stocktakes).
    let record_2023 = vec![serde_json::to_vec(&timelines::long_2023(1_000)).unwrap()];
    timelines::check_clean("2023 record", &record_2023[0]);
    let paired_2023 = compare(&mut c, "record_2023", &record_2023);

    c.final_summary();
    println!("\nTarget 1 — validate_json against parsing the same bytes (medians of this run):");
    if let Some(p) = &paired_quiet {
        println!(
            "  {:<58} {:>7.3}x  (for information: {} / {}, paired rounds)",
            "leicestershire, its findings tolerated: validate / Value",
            p.ratio,
            summary::fmt_ns(p.a_ns),
            summary::fmt_ns(p.b_ns)
        );
    }
    for (group, paired) in [
        ("leicestershire", paired_leicestershire),
        ("national", paired_national),
        ("record_2023", paired_2023),
    ] {
        if let Some(p) = &paired {
            summary::print_paired(
                &format!("{group}: validate_json / serde_json Value"),
                p,
                1.0,
                1.0,
            );
        }
        results.ratio(
            &format!("{group}: validate_json / serde_json Value"),
            (group, "validate_json"),
            (group, "serde_json_value"),
            1.0,
            1.0,
        );
        results.info(
            &format!("{group}: validate_json / jsonschema (parse + schema)"),
            (group, "validate_json"),
            (group, "jsonschema"),
        );
    }
}
