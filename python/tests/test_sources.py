"""Every kind of source gives the same report as the text: bytes, bytearray, memoryview,
a path (str or bytes path through os.PathLike), and a parsed dict or list."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict

import pytest

import send_lifecycle
from _cases import TESTDATA, case_id, options_of, timelines

CASES = timelines()


def read_back(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8-sig"))


def without_positions(report: Dict[str, Any]) -> Dict[str, Any]:
    out = dict(report)
    out["diagnostics"] = [
        {
            **{k: v for k, v in d.items() if k not in ("line", "column", "related")},
            "related": [
                {k: v for k, v in r.items() if k not in ("line", "column")}
                for r in d.get("related", [])
            ],
        }
        for d in report["diagnostics"]
    ]
    return out


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_text_bytes_and_paths_give_one_report(path: Path) -> None:
    kwargs = options_of(path)
    data = path.read_bytes()
    from_bytes = send_lifecycle.validate(data, **kwargs)
    assert send_lifecycle.validate(bytearray(data), **kwargs) == from_bytes
    assert send_lifecycle.validate(memoryview(data), **kwargs) == from_bytes
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        assert send_lifecycle.validate(text, **kwargs) == from_bytes
    if "max_input_bytes" not in kwargs.get("limits", {}):
        # A file is read as the command reads it; past the size limit its message says how
        # much was read, so that case alone differs.
        assert send_lifecycle.validate(path, **kwargs) == from_bytes


class BytesPath(os.PathLike):  # type: ignore[type-arg,unused-ignore]
    """An os.PathLike whose path is bytes."""

    def __init__(self, path: Path) -> None:
        self.path = os.fsencode(path)

    def __fspath__(self) -> bytes:  # type: ignore[override,unused-ignore]
        return self.path


def test_a_bytes_path_reads_the_same_file() -> None:
    path = TESTDATA / "leicestershire.json"
    assert send_lifecycle.validate(BytesPath(path)) == send_lifecycle.validate(path)


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_a_parsed_document_is_validated_as_its_json_text(path: Path) -> None:
    try:
        document = read_back(path)
    except ValueError:
        pytest.skip("not JSON: there is no parsed document")
    kwargs = options_of(path)
    report = send_lifecycle.validate(document, **kwargs)
    assert report == send_lifecycle.validate(json.dumps(document, ensure_ascii=False), **kwargs)


@pytest.mark.parametrize(
    "path", sorted(p for p in TESTDATA.glob("*.json") if ".expected" not in p.name), ids=case_id
)
def test_a_real_case_parsed_gives_its_files_report_but_for_positions(path: Path) -> None:
    parsed = send_lifecycle.validate(read_back(path)).to_dict()
    from_file = send_lifecycle.validate(path).to_dict()
    assert without_positions(parsed) == without_positions(from_file)


def test_a_list_is_a_document_too() -> None:
    # Not a timeline: a schema violation, reported, not raised.
    report = send_lifecycle.validate([1, 2, 3])
    assert report == send_lifecycle.validate("[1, 2, 3]")
    assert not report.valid
    assert report.diagnostics[0].code == "schema_violation"


def test_values_json_cannot_hold_are_findings_or_type_errors() -> None:
    # NaN is written as `NaN`, which is not JSON: a malformed_json finding.
    report = send_lifecycle.validate({"schema_version": float("nan")})
    assert [d.code for d in report.diagnostics] == ["malformed_json"]
    # An object json.dumps cannot write is the caller's TypeError, as json.dumps raises it.
    with pytest.raises(TypeError):
        send_lifecycle.validate({"schema_version": object()})


def test_text_that_cannot_be_utf8_is_a_finding() -> None:
    report = send_lifecycle.validate('{"schema_version": 1, "x": "\ud800"}')
    assert not report.valid
    assert report.diagnostics[0].code == "malformed_json"


def test_a_file_that_cannot_be_read_raises_oserror(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-area.json"
    with pytest.raises(FileNotFoundError) as caught:
        send_lifecycle.validate(missing)
    assert caught.value.filename == str(missing)
    assert caught.value.errno is not None
    with pytest.raises(IsADirectoryError):
        send_lifecycle.validate(tmp_path)
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.json"
        locked.write_text("{}")
        locked.chmod(0)
        with pytest.raises(PermissionError):
            send_lifecycle.validate(locked)


def test_an_empty_file_is_a_finding_not_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    report = send_lifecycle.validate(empty)
    assert [d.code for d in report.diagnostics] == ["malformed_json"]
