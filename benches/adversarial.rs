//! Hostile shapes: linear time, bounded reports.
//!
//! Two targets, from issues 9 and 10:
//!
//! 1. **Linear in the items** (issue 9): a report of N weaknesses all sharing one id, a
//!    report of N weaknesses then a revisit judging all N, an area with N health bodies
//!    and a change to N others, N monitoring meetings with action counts. Time per item at
//!    10× the items within 1.5× of the time per item at 1×, timed without limits (every
//!    repeat reported) and with the default ones (the report bounded).
//! 2. **Bounded reports** (issue 10), at about 1 MB and at 32 MiB (the default input
//!    limit), read with the default `Limits`: an event repeating one unknown member, many
//!    events refused for their kind, and many weaknesses with many revisit outcomes. Peak
//!    heap within 4× the input, time within 2× a `serde_json::Value` parse of the same
//!    bytes.
//!
//! Criterion times each shape; after it, the ratios are printed from paired rounds (each
//! round times the two sides back to back, alternating which goes first), which are robust
//! to the machine's speed drifting. `cargo test --benches` runs it once on small sizes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use send_lifecycle::{validate_json, Limits, Options};

/// A shape: the document for a number of items (or bytes).
type Shape = fn(usize) -> String;

const HEAD: &str = r#"{"schema_version":1,"area":{"name":"X","local_authority":"X Council","health_bodies":[{"kind":"ccg","name":"X CCG"}]},"events":["#;
const INSPECTED: &str = r#"{"date":"2020-02-03","kind":"inspection_started"},{"date":"2020-02-07","kind":"inspection_ended"},"#;

/// A report of `n` weaknesses, all with the id `W1`.
fn repeated_ids(n: usize) -> String {
    let mut s = format!("{HEAD}{INSPECTED}");
    s.push_str(r#"{"date":"2020-03-27","kind":"report_published","weaknesses":["#);
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(s, r#"{sep}{{"id":"W1","title":"t"}}"#);
    }
    s.push_str("]}]}");
    s
}

/// A report of `n` weaknesses, its WSoA, and a revisit judging `outcomes` times all `n`.
fn judged(n: usize, outcomes: usize) -> String {
    let mut s = format!("{HEAD}{INSPECTED}");
    s.push_str(r#"{"date":"2020-03-27","kind":"report_published","weaknesses":["#);
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(s, r#"{sep}{{"id":"W{i}","title":"t"}}"#);
    }
    s.push_str(r#"]},{"date":"2020-06-01","kind":"wsoa_submitted"},{"date":"2020-06-15","kind":"wsoa_judged","fit_for_purpose":true},{"date":"2021-06-01","kind":"revisit_started"},{"date":"2021-06-03","kind":"revisit_ended"}"#);
    for _ in 0..outcomes {
        s.push_str(r#",{"date":"2021-07-01","kind":"revisit_outcome","judgements":{"#);
        for i in 0..n {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(s, r#"{sep}"W{i}":"insufficient""#);
        }
        s.push('}');
        s.push('}');
    }
    s.push_str("]}");
    s
}

/// An area with `n` CCGs, a few events, and a change to `n` ICBs.
fn health_bodies(n: usize) -> String {
    let bodies = |kind: &str| {
        let mut s = String::new();
        for i in 0..n {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(s, r#"{sep}{{"kind":"{kind}","name":"Body {i}"}}"#);
        }
        s
    };
    format!(
        r#"{{"schema_version":1,"area":{{"name":"X","local_authority":"X Council","health_bodies":[{}]}},"events":[{INSPECTED}{{"date":"2022-07-01","kind":"health_body_changed","health_bodies":[{}]}},{{"date":"2022-08-01","kind":"note","title":"n"}}]}}"#,
        bodies("ccg"),
        bodies("icb")
    )
}

/// A WSoA monitored by `n` quarterly-ish meetings with action counts.
fn meetings(n: usize) -> String {
    let mut s = format!("{HEAD}{INSPECTED}");
    s.push_str(r#"{"date":"2020-03-27","kind":"report_published","weaknesses":[{"id":"W1","title":"t"}]},{"date":"2020-06-01","kind":"wsoa_submitted"},{"date":"2020-06-15","kind":"wsoa_judged","fit_for_purpose":true}"#);
    for _ in 0..n {
        s.push_str(r#",{"date":null,"kind":"monitoring_meeting","actions":{"total":41,"underway":41,"completed":3,"delayed":7,"underway_percent":100.0,"rag":{"red":0,"amber":7,"green":34}}}"#);
    }
    s.push_str("]}");
    s
}

/// One event repeating an unknown member until the document is about `bytes` long.
fn repeated_unknown_member(bytes: usize) -> String {
    let mut s = format!(r#"{HEAD}{{"date":"2020-02-03","kind":"inspection_started""#);
    while s.len() + 8 < bytes {
        s.push_str(r#","x":0"#);
    }
    s.push_str("}]}");
    s
}

/// Events refused for their kind (a WSoA before any inspection), about `bytes` long.
fn refused_events(bytes: usize) -> String {
    let mut s = HEAD.to_owned();
    let mut first = true;
    while s.len() + 60 < bytes {
        if !first {
            s.push(',');
        }
        first = false;
        s.push_str(r#"{"date":"2020-03-27","kind":"wsoa_submitted"}"#);
    }
    s.push_str("]}");
    s
}

/// About `bytes` of weaknesses and revisit outcomes judging them all (each outcome after
/// the first is refused: the area awaits next steps by then).
fn weaknesses_times_outcomes(bytes: usize) -> String {
    // Each weakness costs about 30 bytes in the report and 22 in each of the 100 outcomes.
    let n = (bytes / 2_300).max(10);
    judged(n, 100)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let benching = std::env::args().any(|a| a == "--bench");
    let options = Options::default();
    let unlimited = Options::default().with_limits(Limits::unlimited());

    // Target 1: linear in the items.
    let items: [usize; 2] = if benching { [3_000, 30_000] } else { [30, 300] };
    let shapes: [(&str, Shape); 4] = [
        ("repeated_ids", repeated_ids),
        ("judgements", |n| judged(n, 1)),
        ("health_bodies", health_bodies),
        ("meetings", meetings),
    ];
    let mut g = c.benchmark_group("adversarial_items");
    let mut linear = Vec::new();
    for (name, shape) in shapes {
        let small = shape(items[0]).into_bytes();
        let large = shape(items[1]).into_bytes();
        for (n, bytes) in [(items[0], &small), (items[1], &large)] {
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::new(name, n), bytes, |b, bytes| {
                b.iter(|| black_box(validate_json(black_box(bytes), &unlimited)))
            });
        }
        let (small_n, large_n) = (items[0], items[1]);
        // Without limits every repeat gets its diagnostic (30,000 of them make a report of
        // about 30 MB, which no cache holds); with the default ones the budget bounds the
        // report, and what is timed is the reading and the replay alone.
        let ratio = |o: &Options| {
            paired(
                if benching { 11 } else { 1 },
                || {
                    black_box(validate_json(black_box(&small), o));
                    small_n
                },
                || {
                    black_box(validate_json(black_box(&large), o));
                    large_n
                },
            )
        };
        linear.push((name, ratio(&unlimited), ratio(&options)));
    }
    g.finish();

    // Target 2: bounded reports.
    let sizes: [usize; 2] = if benching {
        [1 << 20, 32 << 20]
    } else {
        [16 << 10, 64 << 10]
    };
    let hostile: [(&str, Shape); 3] = [
        ("repeated_unknown_member", repeated_unknown_member),
        ("refused_events", refused_events),
        ("weaknesses_times_outcomes", weaknesses_times_outcomes),
    ];
    let mut g = c.benchmark_group("adversarial_reports");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let mut bounded = Vec::new();
    for (name, shape) in hostile {
        for &size in &sizes {
            // Within the input limit: the shape, not the size check, is what is measured.
            let mut target = size;
            let mut bytes = shape(target).into_bytes();
            while bytes.len() > options.limits.max_input_bytes {
                target -= target / 20;
                bytes = shape(target).into_bytes();
            }
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, bytes.len()), &bytes, |b, bytes| {
                b.iter(|| black_box(validate_json(black_box(bytes), &options)))
            });
            let report = validate_json(&bytes, &options);
            let report_bytes = report.to_json().len();
            let heap = allocation_counter::measure(|| {
                black_box(validate_json(black_box(&bytes), &options));
            })
            .bytes_max;
            let ratio = paired(
                if benching { 5 } else { 1 },
                || {
                    black_box(serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).ok());
                    1
                },
                || {
                    black_box(validate_json(black_box(&bytes), &options));
                    1
                },
            );
            bounded.push((
                name,
                bytes.len(),
                heap,
                report.diagnostics.len(),
                report_bytes,
                ratio,
            ));
        }
    }
    g.finish();
    c.final_summary();

    println!("\nTarget 1 — time per item at 10x the items, against 1x (limit 1.5):");
    for (name, unlimited, default) in linear {
        println!(
            "  {name:<26} {unlimited:.2}x without limits, {default:.2}x with the default limits"
        );
    }
    println!("\nTarget 2 — bounded reports (limits: heap 4x the input, time 2x a Value parse):");
    for (name, size, heap, n, report, ratio) in bounded {
        println!(
            "  {name:<26} {:>8.2} MiB: heap {:>8.2} MiB = {:.2}x input; {n} diagnostics, report {:.1} KiB; time {:.2}x Value parse",
            size as f64 / 1048576.0,
            heap as f64 / 1048576.0,
            heap as f64 / size as f64,
            report as f64 / 1024.0,
            ratio
        );
    }
}

/// The median over `rounds` of (time of `b` per unit) / (time of `a` per unit), where each
/// closure returns how many units one call does. Each round runs both back to back,
/// alternating which goes first, for at least ~20 ms each.
fn paired(rounds: usize, mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> f64 {
    let time = |f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let mut units = 0usize;
        let mut calls = 0u32;
        while t.elapsed() < Duration::from_millis(20) || calls == 0 {
            units += f();
            calls += 1;
        }
        t.elapsed().as_secs_f64() / units.max(1) as f64
    };
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|r| {
            if r % 2 == 0 {
                let ta = time(&mut a);
                time(&mut b) / ta
            } else {
                let tb = time(&mut b);
                tb / time(&mut a)
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN)
}
