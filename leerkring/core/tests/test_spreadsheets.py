"""Spreadsheet-safe cells: formula starts are neutralised, other values kept."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from leerkring.core.spreadsheets import csv_text, safe_cell


@pytest.mark.parametrize(
    "text", ["=1+1", "+31 6 1234", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")']
)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Samen leren", "a=b", "", 3, -2, 1.5, datetime.date(2026, 1, 2)]
)
def test_other_values_pass_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_csv_text_writes_a_header_and_safe_cells() -> None:
    text = csv_text([{"a": "=1+1", "b": None}, {"a": "ok", "b": 2}])
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b"],
        ["'=1+1", ""],
        ["ok", "2"],
    ]
    assert csv_text([]) == ""
