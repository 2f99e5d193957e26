//! Target 4: working-day arithmetic does not walk day by day.
//!
//! - `add_70_working_days`: the WSoA deadline, 70 working days after 27 March 2020 (target:
//!   a few hundred nanoseconds);
//! - `between_1_month`, `between_10_years`, `between_100_years`:
//!   `Calendar::working_days_between` over spans of one month (27 March to 27 April 2020),
//!   ten years (2015 to 2025) and a hundred years (1950 to 2050) (target: the 100-year case
//!   within 3× of the 1-month case, i.e. O(1) or O(log n) in the span);
//! - `day_by_day_100_years`: for scale, the same 100-year count by testing every day with
//!   `Calendar::is_working_day` — what a day-by-day loop would cost.
//!
//! After the run it prints the ratios.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/summary.rs"]
mod summary;

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::Criterion;
use send_lifecycle::Calendar;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn main() {
    let results = summary::Results::new();
    let mut c = Criterion::default().configure_from_args();
    let cal = Calendar::england_and_wales();
    let spans = [
        ("between_1_month", ymd(2020, 3, 27), ymd(2020, 4, 27)),
        ("between_10_years", ymd(2015, 1, 1), ymd(2025, 1, 1)),
        ("between_100_years", ymd(1950, 1, 1), ymd(2050, 1, 1)),
    ];
    // The worked figure of domain.md, so the bench times the right answer.
    assert_eq!(
        cal.add_working_days(ymd(2020, 3, 27), 70),
        Some(ymd(2020, 7, 9))
    );

    let mut g = c.benchmark_group("calendar");
    g.bench_function("add_70_working_days", |b| {
        b.iter(|| black_box(cal.add_working_days(black_box(ymd(2020, 3, 27)), black_box(70))))
    });
    for (id, from, to) in spans {
        g.bench_function(id, |b| {
            b.iter(|| black_box(cal.working_days_between(black_box(from), black_box(to))))
        });
    }
    let (from, to) = (ymd(1950, 1, 1), ymd(2050, 1, 1));
    let walk = |from: NaiveDate, to: NaiveDate| {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| cal.is_working_day(*d))
            .count() as i64
    };
    assert_eq!(walk(from, to), cal.working_days_between(from, to));
    g.bench_function("day_by_day_100_years", |b| {
        b.iter(|| black_box(walk(black_box(from), black_box(to))))
    });
    g.finish();

    c.final_summary();
    println!("\nTarget 4 — working days (medians of this run):");
    match results.median_ns("calendar", "add_70_working_days") {
        Some(ns) => println!(
            "  add_working_days(27 March 2020, 70): {} (target: a few hundred ns)",
            summary::fmt_ns(ns)
        ),
        None => println!("  add_working_days: (not measured in this run)"),
    }
    results.info(
        "between: 10 years / 1 month",
        ("calendar", "between_10_years"),
        ("calendar", "between_1_month"),
    );
    results.ratio(
        "between: 100 years / 1 month",
        ("calendar", "between_100_years"),
        ("calendar", "between_1_month"),
        1.0,
        3.0,
    );
    results.info(
        "100 years: day-by-day loop / working_days_between",
        ("calendar", "day_by_day_100_years"),
        ("calendar", "between_100_years"),
    );
}
