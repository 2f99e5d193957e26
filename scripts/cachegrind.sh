#!/usr/bin/env bash
# Counts what one validation costs under valgrind's cachegrind, exactly and repeatably:
# instructions, simulated instruction-cache and data-cache misses, and simulated branch
# mispredictions, per document, for `validate_json` and for a `serde_json::Value` parse of
# the same bytes (the yardstick of the `parse_vs_validate` bench); and for `validate_json`
# with the tolerances of Leicestershire's two findings raised (`monitoring_grace_days`,
# `revisit_usual_months`), which shows what its findings cost (on other files the line
# says how many findings are left).
#
#   scripts/cachegrind.sh [FILE]     (default: testdata/leicestershire.json)
#
# Wall-clock times on a shared machine drift by 10 % or more between runs; these counts do
# not (the same binary, input and environment give the same totals), so they are how a
# change to the hot path is judged before the bench binaries are timed against each other.
# Each side runs twice, 200 and 2,200 times, and the difference is divided by 2,000, so
# start-up and reading the file cancel out. The simulated caches are cachegrind's model of
# this machine's (it prints them), not the processor's own counters.
#
# The harness is a throwaway package under $TMPDIR that depends on this crate by path and
# starts from the workspace's Cargo.lock (the same serde_json as the bench). Needs valgrind
# (on every machine of this project's kind; `apt-get install valgrind` elsewhere). Not part
# of CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="$(realpath "${1:-$root/testdata/leicestershire.json}")"
work="${TMPDIR:-/tmp}/send-lifecycle-cachegrind"
mkdir -p "$work/src"

cat >"$work/Cargo.toml" <<EOF
[package]
name = "send-lifecycle-cachegrind"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
send-lifecycle = { path = "$root" }
serde_json = "1"

[profile.release]
debug = "line-tables-only"

[workspace]
EOF
cat >"$work/src/main.rs" <<'EOF'
//! Validates (`v`; `q` with the tolerances of Leicestershire's two findings raised) or
//! parses (`p`) one file N times. N = 0 prints how many findings the validation gives.
use std::hint::black_box;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (n, side, path) = (args[1].parse::<usize>().unwrap(), &args[2], &args[3]);
    let bytes = std::fs::read(path).unwrap();
    let mut options = send_lifecycle::Options::default();
    if side == "q" {
        let mut policy = send_lifecycle::Policy::default();
        policy.monitoring_grace_days = 400;
        policy.revisit_usual_months = 60;
        options = options.with_policy(policy);
    }
    if n == 0 {
        println!("{}", send_lifecycle::validate_json(&bytes, &options).diagnostics.len());
    }
    for _ in 0..n {
        if side != "p" {
            black_box(send_lifecycle::validate_json(black_box(&bytes), &options));
        } else {
            let v: serde_json::Value = serde_json::from_slice(black_box(&bytes)).unwrap();
            black_box(v);
        }
    }
}
EOF
[[ -f "$work/Cargo.lock" ]] || cp "$root/Cargo.lock" "$work/Cargo.lock"
cargo build --quiet --release --manifest-path "$work/Cargo.toml"
bin="$work/target/release/send-lifecycle-cachegrind"

echo "$file: $(wc -c <"$file") bytes"
for side in v q p; do
  for n in 200 2200; do
    valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes \
      --cachegrind-out-file="$work/cg.$side.$n" "$bin" "$n" "$side" "$file" >/dev/null 2>&1
  done
  # summary: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim
  read -r -a a <<<"$(grep '^summary:' "$work/cg.$side.200" | cut -d' ' -f2-)"
  read -r -a b <<<"$(grep '^summary:' "$work/cg.$side.2200" | cut -d' ' -f2-)"
  per() { echo $(( (b[$1] - a[$1]) / 2000 )); }
  case $side in
    v) label="validate_json, $("$bin" 0 v "$file") finding(s)" ;;
    q) label="validate_json, $("$bin" 0 q "$file") finding(s) (tolerances raised)" ;;
    p) label="Value parse" ;;
  esac
  echo "$label: instructions $(per 0)  I1 misses $(per 1)  D1 misses $(( $(per 4) + $(per 7) ))  mispredicted: conditional $(per 10), indirect $(per 12)"
done
grep -m2 '^desc: [ID]1' "$work/cg.v.200" | sed 's/^desc: /simulated /'
