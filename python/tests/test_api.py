"""The Python API: arguments of the wrong type or value, the options, the report's and the
diagnostics' attributes, `explain`, `Limits`, and the docstrings `help()` shows."""

from __future__ import annotations

import datetime
import json
import os
import pydoc
import subprocess
from pathlib import Path
from typing import Any

import pytest

import send_lifecycle
from send_lifecycle import Limits, validate
from _cases import CODES_DIR, TESTDATA

LEICESTERSHIRE = TESTDATA / "leicestershire.json"
DEADLINE_PASSED = CODES_DIR / "deadline_passed.as_of.json"


@pytest.mark.parametrize(
    "source", [42, 4.2, None, True, ("{}",), {"{}"}, object(), b"{}".decode
], ids=repr)
def test_a_source_of_another_type_is_a_type_error(source: Any) -> None:
    with pytest.raises(TypeError, match="validate\\(\\) takes"):
        validate(source)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"as_of": 20200710},
        {"as_of": [2020, 7, 10]},
        {"limits": "none"},
        {"limits": 10},
        {"limits": {"max_evnets": 2}},
        {"limits": {"max_events": "2"}},
        {"policy": [("app_deadline_working_days", 20)]},
    ],
    ids=repr,
)
def test_an_option_of_another_type_is_a_type_error(kwargs: Any) -> None:
    with pytest.raises(TypeError):
        validate("{}", **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"as_of": "2020-02-30"},
        {"as_of": "10 July 2020"},
        {"as_of": "2020-07"},
        {"policy": {"no_such_number": 1}},
        {"policy": {"app_deadline_working_days": "twenty"}},
    ],
    ids=repr,
)
def test_an_option_of_a_wrong_value_is_a_value_error(kwargs: Any) -> None:
    with pytest.raises(ValueError):
        validate("{}", **kwargs)


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises((OverflowError, ValueError)):
        Limits(max_events=-1)


def test_the_positional_source_is_the_only_positional_argument() -> None:
    with pytest.raises(TypeError):
        validate("{}", "2020-07-10")  # type: ignore[misc,call-arg,unused-ignore]


def test_as_of_takes_a_date_a_datetime_or_text() -> None:
    text = validate(DEADLINE_PASSED, as_of="2020-07-10")
    assert "deadline_passed" in [d.code for d in text.diagnostics]
    assert validate(DEADLINE_PASSED, as_of=datetime.date(2020, 7, 10)) == text
    assert validate(DEADLINE_PASSED, as_of=datetime.datetime(2020, 7, 10, 23, 59)) == text
    day_before = validate(DEADLINE_PASSED, as_of=datetime.date(2020, 7, 9))
    assert "deadline_passed" not in [d.code for d in day_before.diagnostics]


def test_limits_mirror_the_librarys() -> None:
    default = Limits()
    assert default.to_dict() == {
        "max_input_bytes": 32 * 1024 * 1024,
        "max_events": 100_000,
        "max_text_bytes": 10_000,
        "max_diagnostics_per_event": 32,
        "max_diagnostics": 1_000,
    }
    assert Limits(max_events=5).max_events == 5
    assert Limits(max_events=None).max_events is None
    assert Limits(max_events=None).max_input_bytes == default.max_input_bytes
    assert all(v is None for v in Limits.unlimited().to_dict().values())
    assert Limits(max_events=5) == Limits(max_events=5) != Limits()
    assert repr(Limits(max_events=None)).startswith("Limits(max_input_bytes=33554432, max_events=None")
    with pytest.raises(TypeError):
        Limits(5)  # type: ignore[misc,call-arg,unused-ignore]


def test_limits_as_a_dict_or_a_class_give_one_report() -> None:
    case = CODES_DIR / "limit_exceeded.json"
    as_class = validate(case, limits=Limits(max_events=2))
    assert validate(case, limits={"max_events": 2}) == as_class
    assert "limit_exceeded" in [d.code for d in as_class.diagnostics]
    lifted = validate(case, limits={"max_events": None})
    assert "limit_exceeded" not in [d.code for d in lifted.diagnostics]
    assert validate(case, limits=Limits.unlimited()) == lifted


def test_a_policy_changes_the_numbers() -> None:
    case = CODES_DIR / "app_late.json"
    assert "app_late" not in [d.code for d in validate(case).diagnostics]
    late = validate(case, policy={"app_deadline_working_days": 20})
    assert "app_late" in [d.code for d in late.diagnostics]


def test_the_reports_attributes_are_its_dicts_values() -> None:
    for path in sorted(TESTDATA.glob("*.json")):
        if path.name.endswith(".expected.json"):
            continue
        report = validate(path)
        as_dict = report.to_dict()
        for key, value in as_dict.items():
            if key == "diagnostics":
                assert [d.to_dict() for d in report.diagnostics] == value
            else:
                assert getattr(report, key) == value, (path.name, key)


def test_a_diagnostics_attributes_are_its_dicts_values() -> None:
    report = validate(CODES_DIR / "events_out_of_order.json")
    assert report.diagnostics
    for d in report.diagnostics:
        as_dict = d.to_dict()
        for key in ("code", "severity", "message", "path", "line", "column", "help",
                    "event_index", "event_date", "stage"):
            assert getattr(d, key) == as_dict.get(key), key
        assert d.expected == as_dict.get("expected", [])
        assert d.related == as_dict.get("related", [])
        assert isinstance(d.line, int) and isinstance(d.column, int)


def test_the_report_of_leicestershire() -> None:
    report = validate(LEICESTERSHIRE)
    assert report.valid
    assert report.framework == "local_area_send_2016"
    assert report.stage == "awaiting_next_steps"
    assert report.outcome is None
    assert report.wsoa_deadline == "2020-10-07"  # the revised deadline (the fixture)
    assert [w["id"] for w in report.weaknesses] == ["joint_commissioning", "ehc_plan_quality"]
    assert report.priority_actions == []
    assert report.events_total == report.events_applied == 18
    assert isinstance(report.next_due, list)
    assert [d.code for d in report.diagnostics] == ["monitoring_gap", "revisit_later_than_usual"]


def test_reprs_say_what_matters() -> None:
    report = validate(LEICESTERSHIRE)
    text = repr(report)
    assert text.startswith("<Report valid=True framework=\"local_area_send_2016\"")
    assert "stage=\"awaiting_next_steps\"" in text and "diagnostics=2" in text
    d = report.diagnostics[0]
    assert repr(d).startswith(f"<Diagnostic warning[monitoring_gap] \"{d.path}\" at {d.line}:{d.column}: ")
    broken = validate("{")
    assert "valid=False" in repr(broken) and "errors=1" in repr(broken)


def test_to_json_is_the_librarys_json() -> None:
    report = validate(LEICESTERSHIRE)
    assert json.loads(report.to_json()) == report.to_dict()
    compact = report.to_json(indent=None)
    assert "\n" not in compact and json.loads(compact) == report.to_dict()
    four = report.to_json(indent=4)
    assert four.startswith('{\n    "schema_version": 1,') and json.loads(four) == report.to_dict()
    with pytest.raises(ValueError):
        report.to_json(indent=10**9)
    with pytest.raises(OverflowError):
        report.to_json(indent=-1)


def test_to_dict_is_a_new_dict_each_time() -> None:
    report = validate(LEICESTERSHIRE)
    first = report.to_dict()
    first["valid"] = "changed"
    first["diagnostics"].clear()
    assert report.to_dict()["valid"] is True
    assert len(report.to_dict()["diagnostics"]) == 2


def test_reports_compare_by_content() -> None:
    assert validate(LEICESTERSHIRE) == validate(LEICESTERSHIRE)
    assert validate(LEICESTERSHIRE) != validate("{")
    assert validate(LEICESTERSHIRE) != "a report"


def test_to_dataframe_needs_pandas() -> None:
    report = validate(CODES_DIR / "events_out_of_order.json")
    try:
        import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            report.to_dataframe()
    else:
        frame = report.to_dataframe()
        assert list(frame["code"]) == [d.code for d in report.diagnostics]


def test_explain_is_the_commands_explain(cli: Path) -> None:
    assert len(send_lifecycle.CODES) >= 30
    for code in send_lifecycle.CODES:
        run = subprocess.run([str(cli), "explain", code], capture_output=True, check=True)
        assert send_lifecycle.explain(code) == run.stdout.decode("utf-8"), code


def test_explain_of_an_unknown_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="wsoa_late"):
        send_lifecycle.explain("no_such_code")


def test_help_shows_the_docstrings() -> None:
    assert "JSON text" in pydoc.render_doc(send_lifecycle.validate)
    report_doc = pydoc.render_doc(send_lifecycle.Report)
    assert "What validation found" in report_doc
    assert "True when no diagnostic is an error" in report_doc
    assert "JSON Pointer" in pydoc.render_doc(send_lifecycle.Diagnostic)
    assert "lifts that limit" in pydoc.render_doc(send_lifecycle.Limits)
    assert "record that triggers it" in pydoc.render_doc(send_lifecycle.explain)
    assert "Findings are never exceptions" in pydoc.render_doc(send_lifecycle)


def test_the_package_is_typed() -> None:
    package = Path(send_lifecycle.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_england_gives_the_national_view_as_the_cli_does() -> None:
    view = send_lifecycle.england()
    assert len(view.rows) == 153
    assert view.as_of == "2026-06-29"
    assert list(view.rows[0]) == list(send_lifecycle.ENGLAND_COLUMNS)
    assert view.counts["areas"] == 153
    # The CSV is the CLI's, byte for byte.
    cli = os.environ.get("SEND_LIFECYCLE_CLI")
    if cli:
        out = subprocess.run([cli, "england", "--format", "csv"], capture_output=True, check=True)
        assert view.to_csv().encode() == out.stdout
    # Rows agree with the CSV (the same values, unknown as None / an empty cell).
    lines = view.to_csv().splitlines()
    assert lines[0] == ",".join(send_lifecycle.ENGLAND_COLUMNS)
    oxon = next(r for r in view.rows if r["area_name"] == "Oxfordshire")
    assert oxon["outcome"] == "widespread_failings"
    assert oxon["priority_actions_total"] == 5
    assert oxon["framework"] == "area_send_2023"
    # Ofsted's 2016 statistics, through the import's file summary.
    stats = next(f for f in view.files if f["file"].endswith(".ods"))
    assert stats["rows_read"] == 149 and stats["rows_not_imported"] == []


def test_england_takes_a_day_and_refuses_a_bad_one() -> None:
    assert send_lifecycle.england(as_of=datetime.date(2024, 1, 1)).as_of == "2024-01-01"
    assert send_lifecycle.england(as_of="2024-01-01").as_of == "2024-01-01"
    with pytest.raises(ValueError):
        send_lifecycle.england(as_of="2024-13-01")
    with pytest.raises(TypeError):
        send_lifecycle.england(as_of=42)  # type: ignore[arg-type]


def test_england_to_dataframe_needs_pandas_or_gives_the_columns() -> None:
    view = send_lifecycle.england()
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pandas"):
            view.to_dataframe()
    else:
        frame = view.to_dataframe()
        assert list(frame.columns) == list(send_lifecycle.ENGLAND_COLUMNS)
        assert len(frame) == 153
