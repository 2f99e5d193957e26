"""Large inputs, the limits on them, input that is broken at random, and threads: the
interpreter's lock is released while a timeline is checked."""

from __future__ import annotations

import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, List

import pytest

import send_lifecycle
from send_lifecycle import Limits, validate
from _cases import TESTDATA, timelines

HEAD = (
    '{"schema_version": 1, "area": {"name": "Bigshire", "local_authority": "Bigshire Council",'
    ' "health_bodies": [{"kind": "ccg", "name": "Bigshire CCG"}]}, "events": ['
)
NOTE = '{"date": "2019-01-01", "kind": "note", "title": "A scrutiny committee meeting"}'


def notes(n: int) -> bytes:
    """A valid timeline of `n` notes (80 bytes each)."""
    return (HEAD + ",".join([NOTE] * n) + "]}").encode()


@pytest.fixture(scope="module")
def million() -> bytes:
    return notes(1_000_000)


def test_a_million_events_without_limits(million: bytes) -> None:
    assert len(million) > 80_000_000
    report = validate(million, limits=Limits.unlimited())
    assert report.valid, report.diagnostics[:3]
    assert report.events_total == report.events_applied == 1_000_000
    assert report.diagnostics == []


def test_past_the_event_limit_is_a_finding(million: bytes) -> None:
    report = validate(million, limits={"max_input_bytes": None})
    assert not report.valid
    assert report.events_total == 1_000_000
    assert report.events_applied == 100_000
    assert [d.code for d in report.diagnostics] == ["limit_exceeded"]


def test_past_the_size_limit_is_a_finding(million: bytes, tmp_path: Path) -> None:
    report = validate(million)
    assert [(d.code, d.path) for d in report.diagnostics] == [("limit_exceeded", "")]
    # From a file, reading stops after the limit plus one byte, as the command's does.
    big = tmp_path / "big.json"
    big.write_bytes(million)
    from_file = validate(big)
    assert [(d.code, d.path) for d in from_file.diagnostics] == [("limit_exceeded", "")]
    assert "reading stopped after 33554433 bytes" in from_file.diagnostics[0].message


def test_many_findings_are_summarised() -> None:
    bad = '{"date": "2019-02-30", "kind": "note", "title": "t"}'
    report = validate(HEAD + ",".join([bad] * 5_000) + "]}")
    assert not report.valid
    assert len(report.diagnostics) == 1_001
    summary = [d for d in report.diagnostics if d.code == "limit_exceeded"]
    assert len(summary) == 1 and "4,000 further diagnostics were left out" in summary[0].message


def mutations(data: bytes, count: int, seed: int) -> List[bytes]:
    """`count` broken copies of `data`: cut short, a byte changed, a span removed."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        at = rng.randrange(len(data) + 1)
        if i % 3 == 0:
            out.append(data[:at])
        elif i % 3 == 1 and data:
            at = min(at, len(data) - 1)
            out.append(data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :])
        else:
            out.append(data[:at] + data[at + rng.randrange(1, 64) :])
    return out


@pytest.mark.parametrize("path", timelines()[:8] + timelines()[8::9], ids=lambda p: p.name)
def test_broken_input_gives_a_report_never_an_exception(path: Path) -> None:
    for broken in mutations(path.read_bytes(), 120, seed=len(path.name)):
        report = validate(broken)
        assert isinstance(report.valid, bool)
        assert json.loads(report.to_json())["schema_version"] == 1
        for d in report.diagnostics:
            assert d.code in send_lifecycle.CODES


def ticks_in_the_middle_of(call: Callable[[], object]) -> int:
    """How many times another Python thread went round its loop during the middle half of
    `call()`: none when `call` holds the interpreter's lock throughout, many when it
    releases it. The middle half, because the lock changes hands at the call's start and
    end (up to the switch interval, 5 ms, either side)."""
    stamps: List[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            stamps.append(time.perf_counter())

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        while not stamps:
            time.sleep(0.001)
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    quarter = (end - start) / 4
    return sum(1 for s in stamps if start + quarter < s < end - quarter)


def test_validating_releases_the_interpreter_lock(million: bytes) -> None:
    unlimited = Limits.unlimited()
    released = ticks_in_the_middle_of(lambda: validate(million, limits=unlimited))
    # The control: `json.loads` of the same text holds the lock all the way through, and
    # the same measurement sees the other thread stand still.
    text = million.decode()
    held = ticks_in_the_middle_of(lambda: json.loads(text))
    assert released >= 100, (released, held)
    assert held * 100 <= released, (released, held)


def test_threads_validating_at_once_get_their_own_reports() -> None:
    paths = [p for p in sorted(TESTDATA.glob("*.json")) if ".expected" not in p.name]
    alone = {p: validate(p) for p in paths}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(validate, paths * 25))
    assert together == [alone[p] for p in paths * 25]
