"""Building cohort files (CSV and Excel) and composed proposals for tests."""

from __future__ import annotations

import csv
import io
from typing import Any

from leerkring.accounts.models import User
from leerkring.cohorts import actions
from leerkring.cohorts.models import Cohort, Proposal

HEADER = [
    "name",
    "email",
    "role",
    "age",
    "gender",
    "education",
    "discipline",
    "experience",
    "consent",
]
ROLES = ["student", "student", "student", "teacher", "staff", "manager"]
DISCIPLINES = ["zorg", "techniek", "economie", "ICT", "rechten", "media"]


def person(n: int, **overrides: Any) -> dict[str, Any]:
    role = ROLES[n % len(ROLES)]
    row = {
        "name": f"Persoon {n}",
        "email": f"persoon{n}@example.nl",
        "role": role,
        "age": 19 + (n * 7) % 40,
        "gender": ["vrouw", "man", "non-binair"][n % 3],
        "education": ["hbo", "wo", "mbo", "vwo"][n % 4],
        "discipline": DISCIPLINES[n % len(DISCIPLINES)],
        "experience": (n * 3) % 5,
        "consent": "yes",
    }
    row.update(overrides)
    return row


def cohort_rows(count: int) -> list[dict[str, Any]]:
    return [person(n) for n in range(count)]


def as_csv(rows: list[dict[str, Any]], header: list[str] | None = None) -> bytes:
    header = header or list(rows[0]) if rows else (header or HEADER)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue().encode()


def as_xlsx(rows: list[dict[str, Any]], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    header = header or (list(rows[0]) if rows else HEADER)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append([row.get(h) for h in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_file(rows: list[dict[str, Any]], fmt: str, header: list[str] | None = None):
    """(file name, content) in the given format, "csv" or "xlsx"."""
    if fmt == "csv":
        return "cohort.csv", as_csv(rows, header)
    return "cohort.xlsx", as_xlsx(rows, header)


def upload_rows(count: int) -> list[dict[str, Any]]:
    """Rows in the stored shape (as save_cohort takes them)."""
    rows = []
    for n in range(count):
        p = person(n)
        rows.append(
            {
                "name": p["name"],
                "email": p["email"],
                "role": p["role"],
                "birth_year": 2026 - p["age"],
                "gender": p["gender"],
                "education": p["education"],
                "discipline": p["discipline"],
                "experience_years": float(p["experience"]),
                "custom": {},
                "consent": True,
                "consent_date": "2026-01-05",
                "consent_scope": [
                    "age",
                    "gender",
                    "education",
                    "discipline",
                    "experience",
                ],
            }
        )
    return rows


SETTINGS = {
    "weights": {
        "role": 1,
        "age": 1,
        "gender": 1,
        "education": 1,
        "discipline": 1,
        "experience": 1,
    },
    "max_group_size": 12,
    "seed": 0,
    "previous": [],
}


def composed(
    organisation: Any, lead: User, count: int, **settings: Any
) -> tuple[Cohort, Proposal]:
    cohort = actions.save_cohort(
        organisation=organisation,
        actor=lead,
        name=f"Cohort van {count}",
        rows=upload_rows(count),
    )
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead, settings={**SETTINGS, **settings}
    )
    return cohort, proposal
