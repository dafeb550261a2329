"""The one writer of every .xlsx and .csv the platform produces, safe against formula injection.

A spreadsheet program takes a cell that begins with `=`, `+`, `-` or `@` for a formula (and a
leading tab or carriage return hides such a start from simple checks), so a title typed as
`=HYPERLINK(...)` would run as a live formula on the desk of whoever opens an export. Every
text value that begins with one of these characters is therefore written as text:

- .xlsx: a string cell (never a formula) with Excel's own quote-prefix mark, the mark Excel sets
  when someone types a leading apostrophe; the value itself is unchanged.
- .csv: the value with an apostrophe in front (CSV has no cell types; this is the usual
  neutralisation, which spreadsheet programs show as text).

Use `workbook()` instead of openpyxl's `Workbook()` and `csv_cell` / `CsvRowWriter` for CSV;
a test fails when a module of fazhi builds a Workbook or a csv.writer of its own.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


def _text_cell(ws: Any, value: str, like: Cell | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    if like is not None and like.has_style:
        cell._style = like._style.copy()
    cell.value = value
    cell.data_type = "s"  # assigned after the value: openpyxl would have made "=…" a formula
    cell.quotePrefix = True
    return cell


def safe_values(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row with every formula-like text turned into a text cell."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, Cell) and (value.data_type == "f" or is_formula_like(value.value)):
            row.append(_text_cell(ws, str(value.value), like=value))
        elif is_formula_like(value):
            row.append(_text_cell(ws, value))
        else:
            row.append(value)
    return row


class _SafeWorksheet(Worksheet):
    def append(self, iterable: Iterable[Any]) -> None:  # type: ignore[override]
        super().append(safe_values(self, iterable))


class _SafeWriteOnlyWorksheet(WriteOnlyWorksheet):
    def append(self, row: Iterable[Any]) -> None:  # type: ignore[override]
        super().append(safe_values(self, row))


class _SafeWorkbook(Workbook):
    def __init__(self, write_only: bool = False) -> None:
        super().__init__(write_only=write_only)
        if not write_only:
            self._sheets = [_SafeWorksheet(self)]

    def create_sheet(self, title: str | None = None, index: int | None = None) -> Any:
        if self.write_only:
            sheet: Any = _SafeWriteOnlyWorksheet(parent=self, title=title)
        else:
            sheet = _SafeWorksheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


def workbook(*, write_only: bool = False) -> Workbook:
    """An openpyxl workbook whose sheets' `append` writes formula-like text as text."""
    return _SafeWorkbook(write_only=write_only)


def csv_cell(value: object) -> str:
    """A CSV cell: dates in ISO form, formula-like text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


class CsvRowWriter:
    """Formats one CSV line at a time (for a streamed response); every cell through `csv_cell`."""

    def __init__(self) -> None:
        self._writer = csv.writer(_Echo())

    def row(self, values: Iterable[object]) -> str:
        return str(self._writer.writerow([csv_cell(value) for value in values]))
