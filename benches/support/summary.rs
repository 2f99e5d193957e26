//! Reads back the medians criterion has just measured, so a bench can print its ratios
//! next to the times: the figures come from the same run, side by side.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::time::SystemTime;

/// Where criterion writes its results (the rules criterion itself follows, with the
/// bench executable's own `target/` as the last resort).
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // target/release/deps/<bench> → target/criterion
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The results of this run only (a bench filtered out leaves last run's files behind).
pub struct Results {
    started: SystemTime,
}

impl Results {
    pub fn new() -> Results {
        Results {
            started: SystemTime::now(),
        }
    }

    /// The median time in nanoseconds of `group/id`, when measured in this run.
    pub fn median_ns(&self, group: &str, id: &str) -> Option<f64> {
        let path = criterion_dir()
            .join(group)
            .join(id)
            .join("new")
            .join("estimates.json");
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        if modified < self.started {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["median"]["point_estimate"].as_f64()
    }

    /// Prints `a / b` against a target, and whether the target is met.
    pub fn ratio(&self, label: &str, a: (&str, &str), b: (&str, &str), scale: f64, target: f64) {
        match (self.median_ns(a.0, a.1), self.median_ns(b.0, b.1)) {
            (Some(x), Some(y)) => {
                let r = x * scale / y;
                let verdict = if r <= target { "met" } else { "NOT MET" };
                println!(
                    "  {label:<58} {r:>7.3}x  (target <= {target}x: {verdict};  {} / {})",
                    fmt_ns(x),
                    fmt_ns(y)
                );
            }
            _ => println!("  {label:<58}   (not measured in this run)"),
        }
    }

    /// Prints a ratio for information, without a target.
    pub fn info(&self, label: &str, a: (&str, &str), b: (&str, &str)) {
        match (self.median_ns(a.0, a.1), self.median_ns(b.0, b.1)) {
            (Some(x), Some(y)) => println!(
                "  {label:<58} {:>7.3}x  ({} / {})",
                x / y,
                fmt_ns(x),
                fmt_ns(y)
            ),
            _ => println!("  {label:<58}   (not measured in this run)"),
        }
    }
}

/// Two calls timed in alternation (see [`paired`]).
pub struct Paired {
    /// The median of the per-round ratios `time(a) / time(b)`.
    pub ratio: f64,
    /// The median time of one call of `a`, in nanoseconds.
    pub a_ns: f64,
    /// The median time of one call of `b`, in nanoseconds.
    pub b_ns: f64,
}

/// Times `a` against `b` in alternation: `rounds` rounds, each timing a batch of `a` and a
/// batch of `b` (about 20 ms each, or one call if longer; which goes first alternates).
/// On a shared machine whose speed drifts during a run, pairing the two in each round
/// keeps the drift out of the ratio; criterion, which measures one bench after the other,
/// cannot.
pub fn paired(rounds: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> Paired {
    use std::time::{Duration, Instant};
    // Calibrate a batch size for each, aiming at about 20 ms a batch.
    let calibrate = |f: &mut dyn FnMut()| {
        let mut n = 1u64;
        loop {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            if t.elapsed() >= Duration::from_millis(5) || n >= 1 << 30 {
                let per = t.elapsed().as_secs_f64() / n as f64;
                return ((0.02 / per).ceil() as u64).max(1);
            }
            n *= 2;
        }
    };
    let (na, nb) = (calibrate(&mut a), calibrate(&mut b));
    let batch = |f: &mut dyn FnMut(), n: u64| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        t.elapsed().as_secs_f64() / n as f64
    };
    let (mut ratios, mut tas, mut tbs) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which goes first, so that neither always runs on a warmer cache.
        let (ta, tb) = if round % 2 == 0 {
            let ta = batch(&mut a, na);
            (ta, batch(&mut b, nb))
        } else {
            let tb = batch(&mut b, nb);
            (batch(&mut a, na), tb)
        };
        ratios.push(ta / tb);
        tas.push(ta * 1e9);
        tbs.push(tb * 1e9);
    }
    Paired {
        ratio: median(ratios),
        a_ns: median(tas),
        b_ns: median(tbs),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Prints a paired ratio, times `scale` (to compare per event), against a target.
pub fn print_paired(label: &str, p: &Paired, scale: f64, target: f64) {
    let r = p.ratio * scale;
    let verdict = if r <= target { "met" } else { "NOT MET" };
    println!(
        "  {label:<58} {r:>7.3}x  (target <= {target}x: {verdict};  {} / {}, paired rounds)",
        fmt_ns(p.a_ns),
        fmt_ns(p.b_ns)
    );
}

/// Allocates and frees 64 KiB. glibc merges freed small blocks only when a larger block is
/// next asked for, so a call that frees millions of them leaves that work to whatever runs
/// next; calling this at the end of a timed call charges the call for its own clean-up.
pub fn settle() {
    std::hint::black_box(Vec::<u8>::with_capacity(64 * 1024));
}

pub fn fmt_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}
