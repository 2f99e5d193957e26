"""pandas frames of reports, for ``Report.to_dataframe()``: pandas is imported only when a
frame is asked for, and is not a dependency of the package."""

from __future__ import annotations

import importlib
from typing import Any, Iterable, List, Mapping, Optional, Sequence

#: The columns of ``Report.to_dataframe()``: a diagnostic's fields, in the report's order.
DIAGNOSTIC_COLUMNS = (
    "code",
    "severity",
    "message",
    "path",
    "event_index",
    "event_date",
    "stage",
    "expected",
    "help",
    "line",
    "column",
    "related",
)


def _pandas() -> Any:
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as e:
        raise ImportError(
            "to_dataframe() needs pandas, which send_lifecycle does not install:"
            " pip install pandas"
        ) from e
    return pandas


def rows_frame(rows: Iterable[Mapping[str, Any]], columns: Optional[Sequence[str]] = None) -> Any:
    """A ``DataFrame`` of ``rows`` (dicts), one row each, with these ``columns`` (a key a
    row lacks is missing there)."""
    pandas = _pandas()
    listed: List[Mapping[str, Any]] = list(rows)
    return pandas.DataFrame(listed, columns=list(columns) if columns is not None else None)


def diagnostics_frame(report: Any) -> Any:
    """The diagnostics of ``report`` as a ``DataFrame``, one row each."""
    return rows_frame(report.to_dict()["diagnostics"], DIAGNOSTIC_COLUMNS)
