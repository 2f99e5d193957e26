"""Every test timeline of the repository (testdata/*.json, the real cases, and
testdata/codes/*.json, one case per code and its near misses) through the package:

- the report equals the one `send-lifecycle validate --format json` prints, field for field,
  for every case whose options the command can express;
- the report has the hand-worked expectation's diagnostics (code, severity, path, event,
  message), in order, none of its `absent` codes, and its `valid`, `stage`, event counts and
  WSoA deadline, as the Rust tests (tests/codes.rs, tests/fixtures.rs) require.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest

import send_lifecycle
from _cases import case_id, cli_args, expected, options_of, timelines

CASES = timelines()


def without_limit_help(report: Dict[str, Any]) -> Dict[str, Any]:
    """The report without the help of `limit_exceeded` diagnostics: the library's names the
    Rust `Limits` fields, and each front end rewrites it to name its own options (the
    command `--max-events`, the package `Limits(max_events=N)`)."""
    out = dict(report)
    out["diagnostics"] = [
        {k: v for k, v in d.items() if not (k == "help" and d["code"] == "limit_exceeded")}
        for d in report["diagnostics"]
    ]
    return out


def test_there_are_cases() -> None:
    # 8 real cases and at least two per code (a trigger and a near miss).
    assert len(CASES) >= 8 + 2 * len(send_lifecycle.CODES)


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_the_report_equals_the_commands(cli: Path, path: Path) -> None:
    kwargs = options_of(path)
    args = cli_args(kwargs)
    if args is None:
        pytest.skip("the command has no option for this case's policy or limit")
    run = subprocess.run(
        [str(cli), "validate", "--format", "json", *args, str(path)],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    from_cli = json.loads(run.stdout)
    report = send_lifecycle.validate(path, **kwargs)
    assert without_limit_help(report.to_dict()) == without_limit_help(from_cli)
    # Field order too: the contract's, as the command prints it.
    assert list(report.to_dict()) == list(from_cli)
    assert (run.returncode == 0) == report.valid
    if all(d["code"] != "limit_exceeded" for d in from_cli["diagnostics"]):
        assert report.to_json() + "\n" == run.stdout.decode("utf-8")


def test_the_help_of_a_limit_names_the_python_limits() -> None:
    path = next(p for p in CASES if p.name == "limit_exceeded.json")
    report = send_lifecycle.validate(path, **options_of(path))
    helps = [d.help for d in report.diagnostics if d.code == "limit_exceeded"]
    assert helps and all(h is not None and "Limits(max_events=N)" in h for h in helps), helps
    assert all("Limits::" not in (h or "") for h in helps)


def check_against_expectation(report: send_lifecycle.Report, want: Dict[str, Any]) -> List[str]:
    """Differences between a report and a hand-worked expectation, as sentences."""
    problems: List[str] = []
    got = report.diagnostics
    wanted = want["diagnostics"]
    if len(got) != len(wanted):
        problems.append(
            f"{len(got)} diagnostics, expected {len(wanted)}: {[d.code for d in got]}"
            f" against {[w['code'] for w in wanted]}"
        )
    for i, (d, w) in enumerate(zip(got, wanted)):
        for key in ("code", "severity", "path", "event_index", "stage"):
            if key in w and getattr(d, key) != w[key]:
                problems.append(f"diagnostic {i}: {key} {getattr(d, key)!r}, expected {w[key]!r}")
        for text in w.get("message_contains", []):
            if text not in d.message:
                problems.append(f"diagnostic {i}: the message {d.message!r} lacks {text!r}")
        for text in w.get("expected_contains", []):
            if text not in d.expected:
                problems.append(f"diagnostic {i}: `expected` {d.expected!r} lacks {text!r}")
        if d.line is None or d.column is None:
            problems.append(f"diagnostic {i} ({d.code}) has no position")
    for code in want.get("absent", []):
        if any(d.code == code for d in got):
            problems.append(f"{code} is reported, but the case is a near miss of it")
    simple = report.to_dict()
    for key in ("valid", "stage", "events_total", "events_applied", "wsoa_deadline", "framework", "outcome"):
        if key in want and simple[key] != want[key]:
            problems.append(f"{key} {simple[key]!r}, expected {want[key]!r}")
    return problems


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_the_report_has_the_expected_findings(path: Path) -> None:
    report = send_lifecycle.validate(path, **options_of(path))
    assert check_against_expectation(report, expected(path)) == []


def test_every_code_is_triggered_and_near_missed() -> None:
    triggered: Set[str] = set()
    missed: Set[str] = set()
    for path in CASES:
        want = expected(path)
        triggered.update(d["code"] for d in want["diagnostics"])
        missed.update(want.get("absent", []))
    assert set(send_lifecycle.CODES) <= triggered
    assert set(send_lifecycle.CODES) <= missed
