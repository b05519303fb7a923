"""Reading an uploaded CSV or Excel file into a table of text cells — safely.

An upload is hostile until proven otherwise: a 200 KB .xlsx can unpack to
gigabytes, and a reader that fills the gaps of a sheet that claims a cell in its
last row and column makes billions of empty cells. Every limit below is checked
*before* the expensive step it protects:

- the zip's members are counted and their unpacked sizes and compression ratios
  checked from the zip directory (a member that unpacks beyond its declared size
  is cut off by :mod:`zipfile` and then fails its checksum);
- the sheet and the shared strings are scanned as a stream, stopping at the first
  row, column, cell or text beyond the limits;
- only then does openpyxl read the sheet, bounded by what the scan found.

A CSV file is decoded as UTF-8, UTF-16 (Excel's "Unicode text", with or without
its byte-order mark) or Windows-1252, and read with any line ending (Excel for
Mac writes CR alone). Every problem is a :class:`FileRefused` with a translated
message; nothing else is raised.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import IO
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
"""People in a cohort (lines after the header)."""
MAX_LINES = 10_000
"""Lines in the file, empty ones included."""
MAX_COLUMNS = 100
MAX_CELL_CHARS = 1000
MAX_CELLS = 200_000
MAX_ZIP_MEMBERS = 200
MAX_UNPACKED_MEMBER = 16 * 1024 * 1024
MAX_UNPACKED_TOTAL = 32 * 1024 * 1024
MAX_RATIO = 100
"""Unpacked / packed size of a member larger than 1 MB; spreadsheets reach ~20."""
MAX_SHARED_STRINGS = 50_000
"""Distinct texts: 2,000 people with 25 different texts each."""

_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_STRINGS = "xl/sharedStrings.xml"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileRefused(Exception):
    """The file as a whole cannot be read; the message is translated."""


def _too_many_people() -> FileRefused:
    return FileRefused(
        _(
            "The file has more than %(max)s people; a cohort can have at most "
            "%(max)s. Split it into smaller cohorts."
        )
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def _far_line(line: int) -> FileRefused:
    return FileRefused(
        _(
            "The sheet has something on line %(line)s, far below any cohort list "
            "(at most %(max)s people). Delete what lies below your list, or copy "
            "the list to a new file, and upload again."
        )
        % {
            "line": number_format(line, force_grouping=True),
            "max": number_format(MAX_ROWS, force_grouping=True),
        }
    )


def _too_many_columns() -> FileRefused:
    return FileRefused(
        _("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS}
    )


def _too_long(line: int | None = None) -> FileRefused:
    limit = number_format(MAX_CELL_CHARS, force_grouping=True)
    if line is None:
        return FileRefused(
            _("The file contains a text of more than %(max)s characters.")
            % {"max": limit}
        )
    return FileRefused(
        _(
            "Line %(line)s has a cell of more than %(max)s characters; perhaps a "
            "quotation mark is not closed."
        )
        % {"line": line, "max": limit}
    )


def _unreadable_excel() -> FileRefused:
    return FileRefused(
        _("This Excel file cannot be read. Save it again as .xlsx or CSV.")
    )


def _not_a_table() -> FileRefused:
    return FileRefused(_("This is not a CSV or Excel (.xlsx) file."))


def cell_text(value: object) -> str:
    """A cell as text: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(lines: Iterable[Sequence[object]]) -> list[list[str]]:
    """Non-empty lines as text, within the limits of people, columns and cells."""
    table: list[list[str]] = []
    for number, line in enumerate(lines, start=1):
        if number > MAX_LINES:
            raise _too_many_people()
        cells = [cell_text(c) for c in line]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise _too_many_columns()
        if any(len(c) > MAX_CELL_CHARS for c in cells):
            raise _too_long(number)
        if cells:
            table.append(cells)
            if len(table) > MAX_ROWS + 1:
                raise _too_many_people()
    return table


# CSV ---------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """The text of a CSV file in the encodings spreadsheets write."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif b"\x00" in data[:4096]:
        # UTF-16 without a byte-order mark: ASCII text has a zero in every
        # other byte (odd positions little-endian, even ones big-endian).
        head = data[:4096]
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) < len(head) // 4 or min(odd, even) > max(odd, even) // 4:
            raise _not_a_table()
        encoding = "utf-16-le" if odd > even else "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise _not_a_table() from None
        # Excel's "CSV" on Windows: the Windows code page (a superset of Latin-1).
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    if len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise _not_a_table()
    return text


def _delimiter(text: str) -> str:
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return max(",;\t", key=first.count)


def _table_from_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    delimiter = _delimiter(text)
    if text.count(delimiter) > MAX_CELLS:
        raise _too_many_columns()
    # newline="": the csv module sees every line ending (CR, LF, CRLF) itself.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows(_strip_control(reader))
    except csv.Error as error:
        raise FileRefused(
            _(
                "Line %(line)s cannot be read (%(reason)s); perhaps a quotation "
                "mark is not closed."
            )
            % {"line": reader.line_num, "reason": error}
        ) from error


def _strip_control(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    for line in reader:
        yield [_CONTROL.sub("", cell) for cell in line]


# Excel -------------------------------------------------------------------------


def _check_zip(book: zipfile.ZipFile) -> None:
    members = book.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise _unreadable_excel()
    total = 0
    for member in members:
        total += member.file_size
        packed = max(1, member.compress_size)
        if (
            member.file_size > MAX_UNPACKED_MEMBER
            or total > MAX_UNPACKED_TOTAL
            or (
                member.file_size > 1024 * 1024 and member.file_size / packed > MAX_RATIO
            )
        ):
            raise FileRefused(
                _(
                    "This Excel file unpacks to far more than a cohort list needs "
                    "(it may be damaged or made to overload the server). Save it "
                    "again as .xlsx or CSV with only the people."
                )
            )


class _Scan:
    """A streaming pass over one part of the package (expat, no tree kept).

    Counts rows, cells and shared strings, measures every text while it is still
    arriving and remembers the last row and column that hold something, raising
    :class:`FileRefused` at the first excess.
    """

    def __init__(self) -> None:
        self.rows = self.cells = self.strings = 0
        self.row = self.column = 0
        self.last_row = self.last_column = 0
        self.text = 0
        self.filled = False
        self.in_text = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit("}", 1)[-1]
        if tag == "row":
            self.rows += 1
            given = attributes.get("r", "")
            self.row = int(given) if given.isdigit() else self.row + 1
            self.column = 0
            if self.rows > MAX_LINES:
                raise _too_many_people()
            if self.row > MAX_LINES:
                raise _far_line(self.row)
        elif tag == "c":
            self.cells += 1
            ref = _CELL_REF.fullmatch(attributes.get("r", ""))
            self.column = _column_number(ref.group(1)) if ref else self.column + 1
            if ref:
                self.row = int(ref.group(2))
            self.filled = False
            if self.column > MAX_COLUMNS:
                raise _too_many_columns()
            if self.row > MAX_LINES:
                raise _far_line(self.row)
            if self.cells > MAX_CELLS:
                raise _too_many_people()
        elif tag == "si":
            self.strings += 1
            self.text = 0
            if self.strings > MAX_SHARED_STRINGS:
                raise _too_many_people()
        elif tag in ("v", "t"):
            self.in_text = True
            if tag == "v" or self.strings == 0:
                self.text = 0  # a cell's value; shared strings add up their runs

    def end(self, name: str) -> None:
        tag = name.rsplit("}", 1)[-1]
        if tag in ("v", "t"):
            self.in_text = False
        elif tag == "c" and self.filled:
            self.last_row = max(self.last_row, self.row)
            self.last_column = max(self.last_column, self.column)

    def data(self, text: str) -> None:
        if not self.in_text:
            return
        self.text += len(text)
        self.filled = self.filled or bool(text.strip())
        if self.text > MAX_CELL_CHARS:
            raise _too_long()

    def read(self, source: IO[bytes]) -> _Scan:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.buffer_text = True  # one call per text, not one per chunk
        parser.StartDoctypeDeclHandler = _no_doctype
        while chunk := source.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
        return self


def _no_doctype(*_args: object) -> None:
    # Spreadsheets never declare a DTD; entity tricks need one.
    raise _unreadable_excel()


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _scan_xlsx(data: bytes) -> tuple[int, int]:
    """Check the package and every sheet; the bounds of the cells in use."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            _check_zip(book)
            names = book.namelist()
            bounds = (0, 0)
            for name in names:
                if name == _STRINGS or _SHEET.fullmatch(name):
                    with book.open(name) as source:
                        scan = _Scan().read(source)
                    bounds = (
                        max(bounds[0], scan.last_row),
                        max(bounds[1], scan.last_column),
                    )
            return bounds
    except (
        zipfile.BadZipFile,
        expat.ExpatError,
        EOFError,
        ValueError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # zipfile: a compression method it cannot unpack
    ) as error:
        raise _unreadable_excel() from error


def _table_from_xlsx(data: bytes) -> list[list[str]]:
    max_row, max_column = _scan_xlsx(data)
    if not max_row:
        return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise _unreadable_excel() from error
    try:
        sheet = book.worksheets[0]
        # The declared dimensions are the file's claim; the scan found the truth.
        sheet.reset_dimensions()
        lines = sheet.iter_rows(max_row=max_row, max_col=max_column, values_only=True)
        return _rows(lines)
    except FileRefused:
        raise
    except Exception as error:
        raise _unreadable_excel() from error
    finally:
        book.close()


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The cells as text; FileRefused for a wrong type, a size or an empty file."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 5 MB."))
    if suffix == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV.")
        )
    if suffix not in {"csv", "xlsx", "txt", "tsv"}:
        raise FileRefused(
            _("%(name)s is not a CSV or Excel (.xlsx) file.") % {"name": filename}
        )
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if suffix == "xlsx" or data[:4] == b"PK\x03\x04":
        table = _table_from_xlsx(data)
    else:
        table = _table_from_csv(data)
    if not table:
        raise FileRefused(_("The file is empty."))
    if len(table) == 1:
        raise FileRefused(_("The file has a header row but no people."))
    return table
