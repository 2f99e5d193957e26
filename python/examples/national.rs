//! The benches' national set — 152 synthetic areas, one compact document each, drawn by the
//! shared generator (`benches/support/timelines.rs`, the `parse_vs_validate` bench's
//! input) — for `python/bench/bench_national.py`, which times the same documents from
//! Python:
//!
//! ```sh
//! cargo run --release -p send-lifecycle-python --example national -- write DIR
//! cargo run --release -p send-lifecycle-python --example national -- time DIR [ROUNDS]
//! ```
//!
//! `write` puts the documents in `DIR` (`area-000.json` …); `time` reads them back and
//! validates the whole set with `validate_json` (default options), ROUNDS times after
//! three rounds of warm-up, and prints one line of JSON: the set's size and the median and
//! fastest round, in seconds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../../benches/support/timelines.rs"]
mod timelines;

use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use send_lifecycle::{validate_json, Options};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", dir] => write(Path::new(dir)),
        ["time", dir] => time(Path::new(dir), 31),
        ["time", dir, rounds] => match rounds.parse() {
            Ok(n) if n > 0 => time(Path::new(dir), n),
            _ => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: national write DIR | national time DIR [ROUNDS]");
    ExitCode::from(2)
}

fn write(dir: &Path) -> ExitCode {
    std::fs::create_dir_all(dir).expect("the directory can be made");
    let docs = timelines::national();
    for (i, doc) in docs.iter().enumerate() {
        std::fs::write(dir.join(format!("area-{i:03}.json")), doc).expect("a document is written");
    }
    println!("{} documents written to {}", docs.len(), dir.display());
    ExitCode::SUCCESS
}

fn time(dir: &Path, rounds: usize) -> ExitCode {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the directory is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let docs: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("a document is readable"))
        .collect();
    let options = Options::default();
    let events: usize = docs
        .iter()
        .map(|d| validate_json(d, &options).events_total)
        .sum();
    let round = || {
        let start = Instant::now();
        for doc in &docs {
            black_box(validate_json(black_box(doc), &options));
        }
        start.elapsed().as_secs_f64()
    };
    for _ in 0..3 {
        round();
    }
    let mut times: Vec<f64> = (0..rounds).map(|_| round()).collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"documents\": {}, \"bytes\": {}, \"events\": {events}, \"rounds\": {rounds}, \"median_s\": {}, \"min_s\": {}}}",
        docs.len(),
        docs.iter().map(Vec::len).sum::<usize>(),
        times[rounds / 2],
        times[0],
    );
    ExitCode::SUCCESS
}
