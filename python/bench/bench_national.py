"""Validating the national set from Python against the Rust library in process.

The national set is the benches' (152 synthetic areas, one compact document each, 776,709
bytes: `benches/support/timelines.rs`). `examples/national.rs` writes it to a directory and
times `validate_json` over it in Rust; this script times `send_lifecycle.validate` over the
same bytes, read from the same files, in pairs of runs that alternate (so a drift of the
machine's speed hits both sides alike), and prints the median ratio of the pairs.

    python python/bench/bench_national.py [--pairs 11] [--rounds 31]

Run it with the package installed in release mode (`pip install ./python`, or
`maturin develop --release` in python/); it builds the Rust side with
`cargo build --release`. Target: Python at most 1.2x Rust.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, List

import send_lifecycle

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "out" / "national"


def build_rust() -> Path:
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "-p", "send-lifecycle-python", "--example", "national"],
        cwd=ROOT,
        check=True,
    )
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return Path(json.loads(metadata.stdout)["target_directory"]) / "release" / "examples" / "national"


def rust_round(binary: Path, rounds: int) -> float:
    run = subprocess.run([str(binary), "time", str(OUT), str(rounds)], check=True, capture_output=True)
    return float(json.loads(run.stdout)["median_s"])


def python_round(docs: List[bytes], rounds: int, each: Callable[[bytes], object]) -> float:
    def one() -> float:
        start = time.perf_counter()
        for doc in docs:
            each(doc)
        return time.perf_counter() - start

    for _ in range(3):
        one()
    return statistics.median(one() for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="alternating pairs of runs (default 11)")
    parser.add_argument("--rounds", type=int, default=31, help="rounds of the whole set per run (default 31)")
    args = parser.parse_args()

    binary = build_rust()
    subprocess.run([str(binary), "write", str(OUT)], check=True, capture_output=True)
    paths = sorted(OUT.glob("area-*.json"))
    docs = [p.read_bytes() for p in paths]
    reports = [send_lifecycle.validate(d) for d in docs]
    events = sum(r.events_total for r in reports)
    assert all(r.valid for r in reports), "the national set is valid"
    print(
        f"national set: {len(docs)} documents, {sum(map(len, docs)):,} bytes, {events:,} events"
        f" (send_lifecycle {send_lifecycle.__version__} from {Path(send_lifecycle._native.__file__).name},"
        f" Python {sys.version.split()[0]})"
    )

    validate = send_lifecycle.validate
    ratios = []
    rust_times = []
    python_times = []
    for _ in range(args.pairs):
        rust = rust_round(binary, args.rounds)
        python = python_round(docs, args.rounds, validate)
        rust_times.append(rust)
        python_times.append(python)
        ratios.append(python / rust)
    # Beyond the target: the report read back as Python data too, the cost of `to_dict()`.
    as_dicts = python_round(docs, args.rounds, lambda d: validate(d).to_dict())

    rust = statistics.median(rust_times)
    python = statistics.median(python_times)
    ratio = statistics.median(ratios)
    print(f"Rust   validate_json over the set:           {rust * 1e3:8.3f} ms (median of {args.pairs} runs of {args.rounds} rounds)")
    print(f"Python send_lifecycle.validate over the set: {python * 1e3:8.3f} ms")
    print(f"Python validate(...).to_dict() over the set: {as_dicts * 1e3:8.3f} ms (not in the target)")
    print(f"ratio Python / Rust: {ratio:.3f} paired (pairs {min(ratios):.3f} to {max(ratios):.3f}); target <= 1.2: {'met' if ratio <= 1.2 else 'NOT MET'}")


if __name__ == "__main__":
    main()
