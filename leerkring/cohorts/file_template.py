"""The downloadable cohort file: the columns the reader knows, in the lead's
language, and (in the Excel version) a second sheet that explains them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns() -> list[tuple[str, str]]:
    """(column name, what goes in it); the names are ones the reader accepts."""
    return [
        (_("name"), _("First and last name (required)")),
        (_("e-mail"), _("E-mail address for the invitation (required)")),
        (_("role"), _("One of the roles below (required)")),
        (_("age"), _("In years; or a column birth_year / geboortejaar")),
        ("gender", _("As the person describes it")),
        (_("education"), _("Educational background, e.g. mbo, hbo, wo")),
        (_("discipline"), _("Discipline or field of study")),
        (_("experience"), _("Years of work experience")),
        (
            _("consent"),
            _(
                "yes or no, or the attributes consented to, e.g. age;discipline. "
                "Leave the column out if you answer the consent question on the "
                "upload page for everyone."
            ),
        ),
    ]


def build(fmt: str, roles: Sequence[str]) -> tuple[bytes, str]:
    """The file's content and its content type."""
    header = [name for name, _help in columns()]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerow(header)
        # With a byte-order mark Excel opens the file as UTF-8 (é, ë).
        return text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    from openpyxl import Workbook

    book = Workbook()
    people = book.active
    assert people is not None
    people.title = _("People")
    people.append(header)
    guide = book.create_sheet(_("Explanation"))
    guide.append([_("Column"), _("What goes in it")])
    for row in columns():
        guide.append(list(row))
    guide.append([])
    guide.append(
        [
            _("Your own columns"),
            _(
                "Any other column (e.g. location) becomes an attribute of your own; "
                "when composing you choose whether it counts."
            ),
        ]
    )
    guide.append([_("Roles"), ", ".join(roles)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), XLSX_TYPE
