"""Validate timelines of SEND inspections of local areas in England.

The joint local area SEND inspections of Ofsted and the Care Quality Commission (the
2016-2022 framework, and the area SEND framework from 2023) as a state machine, with a Rust
core: hand ``validate`` a timeline in the JSON timeline format (version 1) and read back a
``Report`` of every finding, each with a stable code, a message, a JSON Pointer and its line
and column.

    >>> from pathlib import Path
    >>> import send_lifecycle
    >>> report = send_lifecycle.validate(Path("testdata/leicestershire.json"))
    >>> report.valid, report.stage
    (True, 'awaiting_next_steps')
    >>> [d.code for d in report.diagnostics]
    ['monitoring_gap', 'revisit_later_than_usual']

Findings are never exceptions: a document that is not JSON, or not a timeline, gives a
report whose diagnostics say why. Exceptions are for operational errors only: a file that
cannot be read (``OSError``), a source or option of the wrong type (``TypeError``) or value
(``ValueError``).

The functions and classes:

- ``validate(source, *, as_of=None, limits=None, policy=None)`` -> ``Report``
- ``Report``: ``valid``, ``framework``, ``stage``, ``outcome``, ``weaknesses``,
  ``priority_actions``, ``next_due``, ``diagnostics`` and the other report fields;
  ``to_dict()``, ``to_json()``, ``to_dataframe()`` (with pandas)
- ``Diagnostic``: ``code``, ``severity``, ``message``, ``path``, ``line``, ``column``,
  ``help`` and more; ``to_dict()``
- ``Limits``: the input limits
- ``explain(code)``: what a code means, a record that triggers it, and the fix
- ``CODES``: every diagnostic code, in the contract's order
"""

from __future__ import annotations

import datetime as _datetime
import json as _json
import os as _os
from collections.abc import Mapping as _Mapping
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _frames, _native
from ._native import CODES, ENGLAND_COLUMNS, Diagnostic, Limits, Report, __version__, explain

__all__ = [
    "CODES",
    "ENGLAND_COLUMNS",
    "Diagnostic",
    "Limits",
    "National",
    "Report",
    "Source",
    "__version__",
    "england",
    "explain",
    "validate",
]

#: What ``validate`` reads: JSON text (``str``), JSON bytes (``bytes``, ``bytearray``,
#: ``memoryview``), a document already parsed (``dict`` or ``list``), or a path to a file
#: (``pathlib.Path`` or any ``os.PathLike``).
Source = Union[
    str, bytes, bytearray, memoryview, Dict[str, Any], List[Any], "_os.PathLike[str]"
]


def validate(
    source: Source,
    *,
    as_of: Union[_datetime.date, str, None] = None,
    limits: Union[Limits, Mapping[str, Optional[int]], None] = None,
    policy: Optional[Mapping[str, Any]] = None,
) -> Report:
    """Validate a timeline and return its ``Report``.

    ``source`` is one of:

    - ``str``: the JSON text itself (not a file name: pass a ``pathlib.Path`` to read a
      file);
    - ``bytes``, ``bytearray`` or ``memoryview``: JSON bytes (UTF-8, a byte-order mark
      allowed);
    - ``dict`` or ``list``: a document already parsed, as ``json.load`` gives it; it is
      validated as the text ``json.dumps(source, ensure_ascii=False)``, so lines and columns
      are those of that text (the ``path`` of each diagnostic is the place to look);
    - ``pathlib.Path`` or any ``os.PathLike``: a file, read as the ``send-lifecycle`` command
      reads one (no more than the input limit plus one byte). A file that cannot be read
      raises the ``OSError`` subclass of its error (``FileNotFoundError``,
      ``IsADirectoryError``, ``PermissionError``, ...).

    Keyword arguments:

    - ``as_of``: judge deadlines as of this day (a ``datetime.date``, or ``'YYYY-MM-DD'``)
      rather than the date of the last event; ``None`` by default;
    - ``limits``: a ``Limits``, or a dict of its arguments (``{"max_events": 10}``;
      ``None`` for a field lifts that limit); ``None`` means the default limits;
    - ``policy``: the numbers of the framework, as a dict of the library's ``Policy``
      fields (``{"app_deadline_working_days": 20}``); unknown fields raise ``ValueError``.

    Whatever the document holds, the answer is a report: malformed JSON, a wrong shape, an
    impossible order of events, input past a limit are diagnostics in it. The interpreter's
    lock is released while the timeline is checked, so other threads run meanwhile.
    """
    day = _as_of(as_of)
    bounds = _limits(limits)
    numbers = _policy(policy)
    if isinstance(source, str):
        # Lone surrogates cannot be UTF-8: passed through, they are malformed input, which
        # the report says, rather than an encoding error before validation.
        data = source.encode("utf-8", "surrogatepass")
    elif isinstance(source, bytes):
        data = source
    elif isinstance(source, (bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, _os.PathLike):
        path = _os.fsdecode(_os.fspath(source))
        return _native.validate_path(path, as_of=day, limits=bounds, policy=numbers)
    elif isinstance(source, (dict, list)):
        data = _json.dumps(source, ensure_ascii=False).encode("utf-8", "surrogatepass")
    else:
        raise TypeError(
            "validate() takes JSON text (str), JSON bytes, a parsed document (dict or list)"
            f" or a path (os.PathLike), not {type(source).__name__}"
        )
    return _native.validate_bytes(data, as_of=day, limits=bounds, policy=numbers)


def _as_of(value: object) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, _datetime.date):
        return value.isoformat()
    raise TypeError(
        f"as_of must be a datetime.date, a 'YYYY-MM-DD' string or None, not {type(value).__name__}"
    )


def _limits(value: object) -> Optional[Limits]:
    if value is None or isinstance(value, Limits):
        return value
    if isinstance(value, _Mapping):
        return Limits(**value)
    raise TypeError(
        f"limits must be a Limits, a dict of its arguments or None, not {type(value).__name__}"
    )


def _policy(value: object) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _Mapping):
        return _json.dumps(dict(value))
    raise TypeError(
        f"policy must be a dict of Policy fields or None, not {type(value).__name__}"
    )




def _flat_row(row: Mapping[str, Any]) -> Dict[str, Any]:
    due = row.get("next_due") or {}
    out: Dict[str, Any] = {k: row.get(k) for k in ENGLAND_COLUMNS[:12]}
    out["next_due"] = due.get("what")
    out["next_due_earliest"] = due.get("earliest")
    out["next_due_latest"] = due.get("latest")
    out["next_due_firm"] = due.get("firm")
    for k in ("errors", "warnings", "infos"):
        out[k] = row.get(k)
    return out


class National:
    """Where every area in England stands, as of one day: :func:`england`'s result.

    ``rows`` holds one dict per area with the keys of :data:`ENGLAND_COLUMNS` (``None``
    where a value is unknown or does not apply), ``counts`` the national counts (areas by
    stage and by outcome, open 2016 records, items past due), ``files`` what was read of
    each published file, and ``import_diagnostics`` every problem of the sources, each with
    its file, sheet, row and column.
    """

    __slots__ = ("as_of", "rows", "counts", "files", "import_diagnostics", "_csv")

    def __init__(self, view: Mapping[str, Any], csv: str) -> None:
        self.as_of: str = view["as_of"]
        self.rows: List[Dict[str, Any]] = [_flat_row(r) for r in view["rows"]]
        self.counts: Dict[str, Any] = dict(view["counts"])
        self.files: List[Dict[str, Any]] = list(view["files"])
        self.import_diagnostics: List[Dict[str, Any]] = list(view["import_diagnostics"])
        self._csv = csv

    def to_csv(self) -> str:
        """The view as CSV, exactly as ``send-lifecycle england --format csv`` prints it."""
        return self._csv

    def to_dataframe(self) -> Any:
        """The rows as a pandas ``DataFrame`` (columns :data:`ENGLAND_COLUMNS`); needs pandas,
        which this package does not install."""
        return _frames.rows_frame(self.rows, ENGLAND_COLUMNS)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<National {len(self.rows)} areas as of {self.as_of}>"


def england(as_of: Union[_datetime.date, str, None] = None) -> National:
    """Every area in England from Ofsted's published data (built into the package): each
    area's record validated as of ``as_of`` (default: the newest source's snapshot,
    2026-06-29).

    >>> view = england()
    >>> len(view.rows)
    153
    """
    view, csv = _native.england(as_of=_as_of(as_of))
    return National(_json.loads(view), csv)
