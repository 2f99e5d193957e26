//! What positions cost: `validate_json` on Leicestershire with and without the scan that
//! gives every diagnostic its line and column (`annotate`, run only when there are
//! diagnostics).
//!
//! - `invalid/validate_json`: a copy of `testdata/leicestershire.json` broken in five
//!   places (an impossible date, an unknown member, an unknown kind, an event out of order,
//!   a blank title): validation with its positions, as callers get it;
//! - `invalid/annotate`: the scan alone, on that copy's diagnostics, jumping to the events
//!   they concern as `validate_json` does (the reader noted where each event began);
//! - `invalid/annotate_walking`: the scan walking through every event, as it did before
//!   the reader noted where events begin (and still does for anything it did not place);
//! - `clean/annotate`: the scan on a report without diagnostics — an early return.
//!
//! After the run it prints `with / without` for the invalid copy, where `without` is the
//! validation minus the scan, from criterion's medians and from 31 paired rounds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use send_lifecycle::{annotate_for_bench, read_for_bench, validate_json, Diagnostic, Options};

const LEICESTERSHIRE: &str = include_str!("../testdata/leicestershire.json");

fn broken() -> String {
    let text = LEICESTERSHIRE
        .replacen("\"2020-02-07\"", "\"2020-02-30\"", 1)
        .replacen(
            "\"kind\": \"wsoa_submitted\"",
            "\"kind\": \"wsoa_submitted\", \"by\": \"post\"",
            1,
        )
        .replacen(
            "\"kind\": \"revisit_ended\"",
            "\"kind\": \"revisit_finished\"",
            1,
        )
        .replacen("\"2022-01\"", "\"2019-01\"", 1)
        .replacen(
            "\"title\": \"Scrutiny committee: an overview",
            "\"title\": \" \", \"x\": \"",
            1,
        );
    assert_ne!(text, LEICESTERSHIRE);
    text
}

/// The diagnostics of `bytes` with their positions cleared, to time the scan again.
fn unpositioned(bytes: &[u8], options: &Options) -> Vec<Diagnostic> {
    let mut d = validate_json(bytes, options).diagnostics;
    for d in &mut d {
        (d.line, d.column) = (None, None);
    }
    d
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Nanoseconds per call of `f`, over `n` calls.
fn time(n: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let options = Options::default();
    let invalid = broken();
    let invalid = invalid.as_bytes();
    let report = validate_json(invalid, &options);
    assert!(report.diagnostics.len() >= 5, "{:#?}", report.diagnostics);
    assert!(report.diagnostics.iter().all(|d| d.line.is_some()));
    let diagnostics = unpositioned(invalid, &options);

    c.bench_function("invalid/validate_json", |b| {
        b.iter(|| validate_json(black_box(invalid), &options))
    });
    let events = read_for_bench(invalid, &options);
    c.bench_function("invalid/annotate", |b| {
        b.iter_batched_ref(
            || diagnostics.clone(),
            |d| annotate_for_bench(black_box(invalid), d, Some(&events)),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("invalid/annotate_walking", |b| {
        b.iter_batched_ref(
            || diagnostics.clone(),
            |d| annotate_for_bench(black_box(invalid), d, None),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("clean/annotate", |b| {
        b.iter(|| annotate_for_bench(black_box(invalid), black_box(&mut []), Some(&events)))
    });
    c.final_summary();

    // Paired rounds: the whole validation, then the scan alone on fresh copies of the same
    // diagnostics, in alternation.
    let mut ratios = Vec::new();
    let (mut whole, mut scan) = (Vec::new(), Vec::new());
    for _ in 0..31 {
        let w = time(2_000, || {
            black_box(validate_json(black_box(invalid), &options));
        });
        let mut copies: Vec<Vec<Diagnostic>> = (0..2_000).map(|_| diagnostics.clone()).collect();
        let mut it = copies.iter_mut();
        let s = time(2_000, || {
            if let Some(d) = it.next() {
                annotate_for_bench(black_box(invalid), d, Some(&events));
            }
        });
        ratios.push(w / (w - s));
        whole.push(w);
        scan.push(s);
    }
    let (w, s) = (median(whole), median(scan));
    println!(
        "positions on {} diagnostics ({} bytes): validate_json {:.2} µs, of which the scan {:.2} µs",
        diagnostics.len(),
        invalid.len(),
        w / 1000.0,
        s / 1000.0
    );
    println!(
        "with / without positions: {:.3}× (median of 31 paired rounds)",
        median(ratios)
    );
}
