//! Target 2 (memory): peak memory while validating, against the size of the JSON text.
//!
//! For timelines of 1,000, 100,000 and 1,000,000 events (the generators of
//! `benches/scaling.rs`: a 2016-framework record and a 2023-framework one), read with `Limits::unlimited()`, two measures:
//!
//! - **heap** — the peak of live heap bytes allocated by `validate_json` (the input, already
//!   in memory, not counted), from a counting global allocator (the `allocation-counter`
//!   crate, linked into this bench binary only, so the timing benches run on the system
//!   allocator). It counts a growing vector's old and new buffers as both live, which
//!   over-states what the system allocator needs (it grows large buffers in place);
//! - **resident** — what the operating system sees: a fresh child process reads the JSON
//!   from a file and validates it; the growth of its peak resident set (`VmHWM`) while
//!   validating, and its peak over the start including the input (Linux only).
//!
//! It prints each as a ratio to the JSON size. The target is read as the validator's own
//! peak (input excluded) at most 2× the JSON text; the whole peak with the input is printed
//! beside it. Not a criterion bench: it measures bytes, not time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/timelines.rs"]
mod timelines;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use send_lifecycle::validate_json;

/// A field of `/proc/self/status` in bytes (Linux), if there is one.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Resets the peak resident set to the current one (Linux 4.0 and later).
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(b: f64) -> String {
    format!("{:.1} MiB", b / (1024.0 * 1024.0))
}

/// In the child: read `path`, validate it, print `before input after peak` in bytes.
fn child(path: &Path) {
    let (Some(before), true) = (status_bytes("VmRSS:"), reset_peak_rss()) else {
        println!("unsupported");
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let input = status_bytes("VmRSS:").unwrap_or(0);
    reset_peak_rss();
    let report = validate_json(black_box(&bytes), &timelines::unlimited());
    let peak = status_bytes("VmHWM:").unwrap_or(0);
    assert!(report.valid);
    println!("{before} {input} {peak}");
}

/// The resident-set measure for `bytes`, from a fresh process: (validation's growth, whole
/// peak over the process's start), or `None` where `/proc` cannot tell.
fn resident(name: &str, bytes: &[u8]) -> Option<(f64, f64)> {
    let path = std::env::temp_dir().join(format!("send-lifecycle-memory-{name}.json"));
    std::fs::write(&path, bytes).ok()?;
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--child")
        .arg(&path)
        .output();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8(out.ok()?.stdout).ok()?;
    let v: Vec<f64> = text
        .split_whitespace()
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let (before, input, peak) = (*v.first()?, *v.get(1)?, *v.get(2)?);
    Some((peak - input, peak - before))
}

/// A generator of a record of `n` events.
type MakeRecord = fn(usize) -> send_lifecycle::Timeline;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let (Some("--child"), Some(path)) = (args.get(1).map(String::as_str), args.get(2)) {
        child(Path::new(path));
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once without it:
    // then only the small size, as a smoke test.
    let benching = args.iter().any(|a| a == "--bench");
    let sizes: &[usize] = if benching {
        &[1_000, 100_000, 1_000_000]
    } else {
        &[1_000]
    };
    let options = timelines::unlimited();
    println!("Target 2 — peak memory while validating, as a multiple of the JSON size:");
    let records: [(&str, MakeRecord); 2] =
        [("2016", timelines::long), ("2023", timelines::long_2023)];
    for (framework, make) in records {
        println!("  a {framework}-framework record:");
        for &n in sizes {
            let bytes = serde_json::to_vec(&make(n)).unwrap();
            timelines::check_clean(&format!("{framework} record of {n} events"), &bytes);
            let json = bytes.len() as f64;
            let info = allocation_counter::measure(|| {
                black_box(validate_json(black_box(&bytes), &options));
            });
            let heap = info.bytes_max as f64;
            println!(
            "  {n:>9} events, JSON {:>9}: heap     — validator {:>9} = {:.2}x JSON; with the input {:.2}x ({} allocations)",
            mib(json),
            mib(heap),
            heap / json,
            (json + heap) / json,
            info.count_total
        );
            match resident(&format!("{framework}-{n}"), &bytes) {
            Some((grown, whole)) => println!(
                "  {:>9}                       resident — validator {:>9} = {:.2}x JSON; with the input {:.2}x",
                "",
                mib(grown),
                grown / json,
                whole / json
            ),
            None => println!("  {:>9}                       resident — not measurable here", ""),
        }
            if n == 1_000_000 {
                let verdict = if heap / json <= 2.0 { "met" } else { "NOT MET" };
                println!(
                "  1,000,000 events ({framework}): validator's peak heap / JSON size {:.3}x (target <= 2.0x: {verdict})",
                heap / json
            );
            }
        }
    }
    if !benching {
        println!("  (run with `cargo bench --bench memory` for 100,000 and 1,000,000 events)");
    }
}
