"""Hostile spreadsheets, built the way an attacker would: small on the wire,
enormous once unpacked or parsed. Each builder streams its XML through the
compressor, so building one needs little memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>email</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>role</t></is></c></row>'
)
PERSON_ROW = (
    '<row r="2"><c r="A2" t="s"><v>0</v></c>'
    '<c r="B2" t="inlineStr"><is><t>a@example.nl</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>student</t></is></c></row>'
)
Chunks = Callable[[], Iterator[str]]


def _xlsx(sheet: Chunks, strings: Chunks | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, chunks in (
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings or _one_string),
        ):
            with book.open(name, "w", force_zip64=True) as member:
                for chunk in chunks():
                    member.write(chunk.encode())
    return out.getvalue()


def _one_string() -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><si><t>Anna</t></si></sst>'
    )


def _repeat(text: str, times: int, block: int = 100_000) -> Iterator[str]:
    for start in range(0, times, block):
        yield text * min(block, times - start)


def empty_rows(count: int = 20_000_000) -> bytes:
    """Twenty million empty rows after one header: ~360 MB of XML."""

    def sheet() -> Iterator[str]:
        yield SHEET_START + "<sheetData>" + HEADER_ROW + PERSON_ROW
        yield from _repeat("<row/>", count)
        yield "</sheetData></worksheet>"

    return _xlsx(sheet)


def wide_row(cells: int = 5_000_000) -> bytes:
    """One row of five million (empty) cells."""

    def sheet() -> Iterator[str]:
        yield SHEET_START + "<sheetData>" + HEADER_ROW + '<row r="2">'
        yield from _repeat("<c/>", cells)
        yield "</row></sheetData></worksheet>"

    return _xlsx(sheet)


def huge_string(characters: int = 200_000_000) -> bytes:
    """One shared string of 200 million characters, used by one cell."""

    def strings() -> Iterator[str]:
        yield (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        )
        yield from _repeat("a", characters, block=1_000_000)
        yield "</t></si></sst>"

    def sheet() -> Iterator[str]:
        yield SHEET_START + "<sheetData>" + HEADER_ROW + PERSON_ROW
        yield "</sheetData></worksheet>"

    return _xlsx(sheet, strings)


def far_cells() -> bytes:
    """A few bytes that claim the last row and column of the sheet: a reader that
    fills the gaps makes 17 billion empty cells."""

    def sheet() -> Iterator[str]:
        yield (SHEET_START + '<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER_ROW)
        yield PERSON_ROW
        yield '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
        yield "</c></row></sheetData></worksheet>"

    return _xlsx(sheet)


def many_strings(count: int = 3_000_000) -> bytes:
    """Three million tiny shared strings (each one a Python object when read)."""

    def strings() -> Iterator[str]:
        yield (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main">'
        )
        yield from _repeat("<si><t>a</t></si>", count)
        yield "</sst>"

    def sheet() -> Iterator[str]:
        yield SHEET_START + "<sheetData>" + HEADER_ROW + PERSON_ROW
        yield "</sheetData></worksheet>"

    return _xlsx(sheet, strings)


HOSTILE = {
    "20 million empty rows": empty_rows,
    "one row of 5 million cells": wide_row,
    "a 200 MB shared string": huge_string,
    "a cell in the sheet's last row and column": far_cells,
    "3 million shared strings": many_strings,
}
