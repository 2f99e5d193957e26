"""The repository's test timelines and their expectations, for the tests to share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata"
CODES_DIR = TESTDATA / "codes"


def timelines() -> List[Path]:
    """Every test timeline: the real cases, then the code cases, sorted by name."""
    real = sorted(p for p in TESTDATA.glob("*.json") if not p.name.endswith(".expected.json"))
    codes = sorted(p for p in CODES_DIR.glob("*.json") if not p.name.endswith(".expected.json"))
    return real + codes


def expected(path: Path) -> Dict[str, Any]:
    """The hand-worked expectation beside a timeline (testdata/README.md)."""
    want: Dict[str, Any] = json.loads(
        path.with_name(path.name[: -len(".json")] + ".expected.json").read_text("utf-8")
    )
    return want


def case_id(path: Path) -> str:
    return str(path.relative_to(TESTDATA))


def options_of(path: Path) -> Dict[str, Any]:
    """`validate`'s keyword arguments for a case's `options` (testdata/codes/README.md)."""
    options = expected(path).get("options", {})
    kwargs: Dict[str, Any] = {}
    if "as_of" in options:
        kwargs["as_of"] = options["as_of"]
    if "limits" in options:
        kwargs["limits"] = options["limits"]
    if "policy" in options:
        kwargs["policy"] = options["policy"]
    unknown = set(options) - {"as_of", "limits", "policy"}
    assert not unknown, f"{path}: options the tests do not know: {unknown}"
    return kwargs


def cli_args(kwargs: Dict[str, Any]) -> Optional[List[str]]:
    """The command's options for these keyword arguments, or None when the command has none
    (a policy, a text or diagnostics limit)."""
    args: List[str] = []
    if "policy" in kwargs:
        return None
    if "as_of" in kwargs:
        args += ["--as-of", kwargs["as_of"]]
    for name, value in kwargs.get("limits", {}).items():
        flag = {"max_input_bytes": "--max-bytes", "max_events": "--max-events"}.get(name)
        if flag is None:
            return None
        args += [flag, str(value)]
    return args
