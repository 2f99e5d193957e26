//! The whole country: reading Ofsted's published files, building every area's record and
//! validating it, as `send-lifecycle england` does; and a synthetic country 100 times as
//! large (every area and source row repeated under new codes), to show the work is linear
//! in the number of areas. After the criterion run it prints the time per area at 1× and
//! 100× and their ratio (target: at most 1.5), as the median of 11 paired rounds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use send_lifecycle_england::{build, import, read_sources, shipped};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let benching = std::env::args().any(|a| a == "--bench");
    let files = shipped();
    let read = read_sources(&files);
    let big = read.replicated(if benching { 100 } else { 2 });
    let areas_1 = read.areas.all().len();
    let areas_big = big.areas.all().len();

    let mut g = c.benchmark_group("england");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);
    g.bench_function("import+validate, 153 areas from the published files", |b| {
        b.iter(|| black_box(import(black_box(&files)).national(None).rows.len()))
    });
    g.bench_function("build+validate, 153 areas", |b| {
        b.iter(|| black_box(build(read.clone()).national(None).rows.len()))
    });
    g.sample_size(10);
    g.bench_function("build+validate, 100x synthetic country", |b| {
        b.iter(|| black_box(build(big.clone()).national(None).rows.len()))
    });
    g.finish();
    c.final_summary();

    if !benching {
        return;
    }
    // Paired rounds: one 100× build beside enough 1× builds to take as long.
    let (mut small, mut large) = (Vec::new(), Vec::new());
    for _ in 0..11 {
        let t = Instant::now();
        let n = black_box(build(big.clone()).national(None).rows.len());
        assert_eq!(n, areas_big);
        large.push(t.elapsed().as_secs_f64() / areas_big as f64);
        let t = Instant::now();
        for _ in 0..100 {
            black_box(build(read.clone()).national(None).rows.len());
        }
        small.push(t.elapsed().as_secs_f64() / (100 * areas_1) as f64);
    }
    let (s, l) = (median(small), median(large));
    let t = Instant::now();
    let rounds = 50;
    for _ in 0..rounds {
        black_box(import(&files).national(None).rows.len());
    }
    let whole = t.elapsed().as_secs_f64() / f64::from(rounds);
    println!(
        "england: import + validation of the whole country: {:.2} ms",
        whole * 1e3
    );
    println!(
        "england: per area {:.1} µs at 1× ({areas_1} areas), {:.1} µs at 100× ({areas_big}); ratio {:.2} (target ≤ 1.5)",
        s * 1e6,
        l * 1e6,
        l / s
    );
}
