//! Target 2 (time): validation is linear in the number of events.
//!
//! `validate_json` on timelines of 10, 1,000, 100,000 and 1,000,000 events with long
//! monitoring and review histories (monitoring meetings with action counts, notes with
//! sources, revisits, APP reviews, further revisits), read with `Limits::unlimited()`. After
//! the run it prints the time per event at each size and the ratio of the time per event at
//! 1,000,000 to that at 1,000 (target: at most 1.5): from criterion's medians, and as the
//! median of 11 rounds each timing one validation of 1,000,000 events beside ~20 ms of
//! 1,000-event validations (robust to the machine's speed drifting between the sizes).
//! Then the same for a 2023-framework record of 1,000, 100,000 and 1,000,000 events
//! (cycles of full inspections, plans, stocktakes and monitoring inspections).
//! Peak memory is measured by `benches/memory.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/summary.rs"]
mod summary;
#[path = "support/timelines.rs"]
mod timelines;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use send_lifecycle::validate_json;

const SIZES: [usize; 4] = [10, 1_000, 100_000, 1_000_000];

fn main() {
    let results = summary::Results::new();
    let mut c = Criterion::default().configure_from_args();
    let options = timelines::unlimited();
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each bench once, without
    // (and unoptimised): then only the small sizes, as a smoke test.
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes = if benching { &SIZES[..] } else { &SIZES[..2] };

    let mut kept = Vec::new();
    let mut g = c.benchmark_group("scaling");
    for &n in sizes {
        let bytes = serde_json::to_vec(&timelines::long(n)).unwrap();
        timelines::check_clean(&format!("{n} events"), &bytes);
        println!(
            "scaling: {n} events, {} bytes of JSON ({:.0} bytes per event)",
            bytes.len(),
            bytes.len() as f64 / n as f64
        );
        configure(&mut g, n);
        g.bench_with_input(BenchmarkId::new("validate_json", n), &bytes, |b, bytes| {
            b.iter(|| black_box(validate_json(black_box(bytes), &options)))
        });
        if n == 1_000 || n == 1_000_000 {
            kept.push(bytes);
        }
    }
    g.finish();
    let paired = (benching && kept.len() == 2).then(|| {
        let (small, large) = (&kept[0], &kept[1]);
        summary::paired(
            11,
            || {
                black_box(validate_json(black_box(large), &options));
                summary::settle();
            },
            || {
                black_box(validate_json(black_box(small), &options));
                summary::settle();
            },
        )
    });

    c.final_summary();
    println!("\nTarget 2 — time per event (medians of this run):");
    for n in SIZES {
        match results.median_ns("scaling", &format!("validate_json/{n}")) {
            Some(ns) => println!(
                "  {n:>9} events: {:>10} per timeline, {:>8.1} ns per event",
                summary::fmt_ns(ns),
                ns / n as f64
            ),
            None => println!("  {n:>9} events: (not measured in this run)"),
        }
    }
    if let Some(p) = &paired {
        let scale = 1_000.0 / 1_000_000.0;
        summary::print_paired("per event at 1,000,000 / per event at 1,000", p, scale, 1.5);
    }
    results.ratio(
        "per event at 1,000,000 / per event at 1,000",
        ("scaling", "validate_json/1000000"),
        ("scaling", "validate_json/1000"),
        1_000.0 / 1_000_000.0,
        1.5,
    );
    results.ratio(
        "per event at 100,000 / per event at 1,000",
        ("scaling", "validate_json/100000"),
        ("scaling", "validate_json/1000"),
        1_000.0 / 100_000.0,
        1.5,
    );
    scaling_2023(&mut c, &results, benching);
}

/// Sampling for a timeline of `n` events: fewer, flat samples for the large ones.
fn configure(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    g.throughput(Throughput::Elements(n as u64));
    if n >= 100_000 {
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(if n >= 1_000_000 { 20 } else { 5 }));
    } else {
        g.sample_size(50)
            .sampling_mode(SamplingMode::Auto)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    }
}

/// The same on a 2023-framework record ([`timelines::long_2023`]): cycles of full
/// inspections, priority action plans, stocktakes and monitoring inspections.
fn scaling_2023(c: &mut Criterion, results: &summary::Results, benching: bool) {
    let options = timelines::unlimited();
    let sizes = if benching { &SIZES[1..] } else { &SIZES[..2] };
    let mut g = c.benchmark_group("scaling_2023");
    for &n in sizes {
        let bytes = serde_json::to_vec(&timelines::long_2023(n)).unwrap();
        timelines::check_clean(&format!("2023 record of {n} events"), &bytes);
        println!(
            "scaling_2023: {n} events, {} bytes of JSON ({:.0} bytes per event)",
            bytes.len(),
            bytes.len() as f64 / n as f64
        );
        configure(&mut g, n);
        g.bench_with_input(BenchmarkId::new("validate_json", n), &bytes, |b, bytes| {
            b.iter(|| black_box(validate_json(black_box(bytes), &options)))
        });
    }
    g.finish();
    c.final_summary();
    for n in sizes {
        if let Some(ns) = results.median_ns("scaling_2023", &format!("validate_json/{n}")) {
            println!(
                "  2023 record, {n:>9} events: {:>10} per timeline, {:>8.1} ns per event",
                summary::fmt_ns(ns),
                ns / *n as f64
            );
        }
    }
    results.ratio(
        "2023 record: per event at 1,000,000 / per event at 1,000",
        ("scaling_2023", "validate_json/1000000"),
        ("scaling_2023", "validate_json/1000"),
        1_000.0 / 1_000_000.0,
        1.5,
    );
}
