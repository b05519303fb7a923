"""Reading a cohort from a CSV or Excel file, with a message for every problem.

Nothing is saved here: :func:`read_cohort_file` returns the rows as they would
be stored plus the errors per row and per file, for the preview. The lead says
where consent comes from (:class:`Consent`: a column per person, everyone, or
nobody); values of diversity attributes a person did not consent to are dropped
while reading, so they never reach the database. Columns the reader does not
know become attributes of the lead's own (counted only when the lead ticks them
while composing); roles are the standard ones plus the organisation's own.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    DIVERSITY_ATTRIBUTES,
    CohortMember,
    CohortRole,
    attribute_label,
    role_label,
)
from .tables import FileRefused, read_table

__all__ = ["FileRefused", "read_cohort_file"]

MIN_AGE, MAX_AGE = 16, 100
MAX_EXPERIENCE = 60
CUSTOM_PREFIXES = ("custom:", "eigen:")

# Accepted column names (English and Dutch) per field, normalised.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "full_name", "volledige_naam"),
    "email": ("email", "e_mail", "e_mailadres", "emailadres", "e_mail_address"),
    "role": ("role", "rol"),
    "age": ("age", "leeftijd"),
    "birth_year": ("birth_year", "geboortejaar", "year_of_birth"),
    "gender": ("gender", "geslacht"),
    "education": (
        "education",
        "educational_background",
        "vooropleiding",
        "opleidingsachtergrond",
    ),
    "discipline": ("discipline", "vakgebied"),
    "experience": (
        "experience",
        "work_experience",
        "work_experience_years",
        "werkervaring",
        "jaren_werkervaring",
    ),
    "consent": ("consent", "toestemming"),
    "consent_date": ("consent_date", "toestemmingsdatum", "datum_toestemming"),
}
REQUIRED = ("name", "email", "role")
ROLES = {
    "student": "student",
    "teacher": "teacher",
    "docent": "teacher",
    "leraar": "teacher",
    "manager": "manager",
    "leidinggevende": "manager",
    "staff": "staff",
    "staf": "staff",
    "medewerker": "staff",
    "work_field": "work_field",
    "work_field_partner": "work_field",
    "werkveld": "work_field",
    "werkveldpartner": "work_field",
    "werkveld_partner": "work_field",
}


class Consent:
    """Where the consent for diversity data comes from (the lead's choice)."""

    COLUMN = "column"
    """Per person, from the file's consent column."""
    EVERYONE = "everyone"
    """Everyone in the file consented; the lead has it on record."""
    NOBODY = "none"
    """Nobody: only name, e-mail and role are kept."""


def role_names(own_roles: Iterable[CohortRole]) -> dict[str, str]:
    """Every way a file may name a role (normalised) -> the role stored."""
    names = {normalise(label): value for value, label in _role_labels()}
    names.update(ROLES)
    for role in own_roles:
        for name in role.names:
            names.setdefault(normalise(name), role.name)
    return names


def _role_labels() -> list[tuple[str, str]]:
    pairs = []
    for language in ("nl", "en"):
        with translation.override(language):
            pairs += [(r.value, str(r.label)) for r in CohortMember.Role]
    return pairs


YES = {"yes", "ja", "y", "j", "true", "waar", "1", "x"}
NO = {"", "no", "nee", "n", "false", "onwaar", "0"}
SCOPE_NAMES = {
    "age": "age",
    "leeftijd": "age",
    "birth_year": "age",
    "geboortejaar": "age",
    "gender": "gender",
    "geslacht": "gender",
    "education": "education",
    "vooropleiding": "education",
    "discipline": "discipline",
    "vakgebied": "discipline",
    "experience": "experience",
    "werkervaring": "experience",
}


@dataclass
class Row:
    number: int
    """The line in the file (the header is line 1)."""
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Attributes given without consent, not kept."""

    @property
    def role_label(self) -> str:
        return role_label(self.values.get("role", ""))


@dataclass
class CohortFile:
    rows: list[Row]
    custom: list[str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def good(self) -> list[Row]:
        """The lines that can be saved."""
        return [row for row in self.rows if not row.errors]

    @property
    def consented(self) -> int:
        return sum(1 for row in self.good if row.values["consent"])

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.rows_with_errors


def normalise(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _map_columns(header: list[str], result: CohortFile) -> dict[int, str]:
    """Known columns by their names; any other column is an attribute of one's own."""
    alias = {a: key for key, names in COLUMNS.items() for a in names}
    known = sorted(alias)
    mapping: dict[int, str] = {}
    own: dict[str, str] = {}  # custom name -> the known name it resembles
    for index, raw in enumerate(header):
        name = normalise(raw)
        if not name:
            continue  # an unnamed (empty) column carries nothing
        prefix = next((p for p in CUSTOM_PREFIXES if name.startswith(p)), None)
        if prefix is not None and name[len(prefix) :].strip("_"):
            target = "custom:" + raw.strip()[len(prefix) :].strip()[:50]
        elif name in alias:
            target = alias[name]
        else:
            target = "custom:" + raw.strip()[:50]
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            own[target.removeprefix("custom:")] = close[0] if close else ""
        if target in mapping.values():
            result.errors.append(
                _('The column "%(column)s" appears twice.') % {"column": raw}
            )
            continue
        mapping[index] = target
    present = set(mapping.values())
    for key in REQUIRED:
        if key in present:
            continue
        lookalike = next(
            (c for c, known_name in own.items() if alias.get(known_name) == key), None
        )
        if lookalike:
            result.errors.append(
                _(
                    'The required column "%(column)s" is missing. Is "%(lookalike)s" '
                    "meant? Then rename that column."
                )
                % {"column": key, "lookalike": lookalike}
            )
        else:
            result.errors.append(
                _('The required column "%(column)s" is missing.') % {"column": key}
            )
    for name, known_name in own.items():
        if known_name and alias[known_name] in present | set(REQUIRED):
            continue
        if known_name:
            result.warnings.append(
                _(
                    'The column "%(column)s" is read as an attribute of your own. If '
                    'you meant "%(suggestion)s", rename the column and upload again.'
                )
                % {"column": name, "suggestion": known_name}
            )
    return mapping


def _label(key: str) -> str:
    if key == "name":
        return str(_("Name"))
    if key == "email":
        return str(_("E-mail address"))
    return str(attribute_label(key)).capitalize()


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _scope(text: str, custom: list[str], row: Row) -> list[str]:
    everything = [*DIVERSITY_ATTRIBUTES, *custom]
    lowered = text.strip().lower()
    if lowered in YES:
        return everything
    if lowered in NO:
        return []
    scope: list[str] = []
    custom_lower = {c.lower(): c for c in custom}
    for part in re.split(r"[;|,+]", text):
        key = part.strip().lower()
        if not key:
            continue
        name = SCOPE_NAMES.get(key) or custom_lower.get(key)
        if name is None:
            row.errors.append(
                _(
                    'Consent "%(value)s" is not understood: use yes, no, or the '
                    "attributes consented to, separated by semicolons "
                    "(e.g. age;discipline)."
                )
                % {"value": text}
            )
            return []
        if name not in scope:
            scope.append(name)
    return scope


@dataclass(frozen=True)
class Reading:
    """How to read the lines: the organisation's roles and the consent chosen."""

    today: date
    roles: dict[str, str]
    consent: str = Consent.COLUMN
    consent_date: date | None = None
    custom: tuple[str, ...] = ()


def _clean_row(number: int, cells: dict[str, str], how: Reading) -> Row:
    custom, today = list(how.custom), how.today
    row = Row(number=number, values={})
    values = row.values
    for key, limit in (("name", 150), ("email", 254)):
        text = cells.get(key, "")
        if not text:
            row.errors.append(_("%(field)s is empty.") % {"field": _label(key)})
        elif len(text) > limit:
            row.errors.append(_("%(field)s is too long.") % {"field": _label(key)})
        values[key] = text
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            row.errors.append(
                _('"%(value)s" is not an e-mail address.') % {"value": values["email"]}
            )
        values["email"] = values["email"].lower()
    role_text = cells.get("role", "")
    values["role"] = how.roles.get(normalise(role_text), "")
    if not role_text:
        row.errors.append(_("%(field)s is empty.") % {"field": _label("role")})
    elif not values["role"]:
        row.errors.append(
            _(
                'Role "%(value)s" is unknown. Use one of the roles listed on this '
                "page, or add it as a role of your organisation."
            )
            % {"value": role_text}
        )

    if how.consent == Consent.EVERYONE:
        scope = [*DIVERSITY_ATTRIBUTES, *custom]
    elif how.consent == Consent.NOBODY:
        scope = []
    else:
        scope = _scope(cells.get("consent", ""), custom, row)
    values["consent"] = bool(scope)
    values["consent_scope"] = scope
    consent_date = None
    date_text = cells.get("consent_date", "")
    if date_text:
        consent_date = _parse_date(date_text)
        if consent_date is None:
            row.errors.append(
                _('Consent date "%(value)s" is not a date (use 2026-09-01).')
                % {"value": date_text}
            )
        elif consent_date > today:
            row.errors.append(_("The consent date lies in the future."))
    if scope:
        given = consent_date or how.consent_date or today
        values["consent_date"] = given.isoformat()
    else:
        values["consent_date"] = None

    def keep(attribute: str, column: str) -> bool:
        given = bool(cells.get(column, ""))
        if given and attribute not in scope:
            if attribute not in row.dropped:
                row.dropped.append(attribute)
            return False
        return given

    values["birth_year"] = None
    age_text, year_text = cells.get("age", ""), cells.get("birth_year", "")
    if keep("age", "birth_year") and year_text:
        year = _number(year_text)
        if year is None or not year.is_integer():
            row.errors.append(
                _('Birth year "%(value)s" is not a year.') % {"value": year_text}
            )
        elif not MIN_AGE <= today.year - int(year) <= MAX_AGE:
            row.errors.append(
                _("Birth year %(value)s gives an impossible age.")
                % {"value": year_text}
            )
        else:
            values["birth_year"] = int(year)
    if keep("age", "age") and age_text and values["birth_year"] is None:
        age = _number(age_text)
        if age is None or not age.is_integer():
            row.errors.append(
                _('Age "%(value)s" is not a number.') % {"value": age_text}
            )
        elif not MIN_AGE <= age <= MAX_AGE:
            row.errors.append(
                _("Age %(value)s is impossible (expected %(min)s to %(max)s).")
                % {"value": age_text, "min": MIN_AGE, "max": MAX_AGE}
            )
        else:
            values["birth_year"] = today.year - int(age)

    values["experience_years"] = None
    experience_text = cells.get("experience", "")
    if keep("experience", "experience"):
        years = _number(experience_text)
        if years is None:
            row.errors.append(
                _('Work experience "%(value)s" is not a number of years.')
                % {"value": experience_text}
            )
        elif not 0 <= years <= MAX_EXPERIENCE:
            row.errors.append(
                _("Work experience of %(value)s years is impossible.")
                % {"value": experience_text}
            )
        elif values["birth_year"] is not None and years > (
            today.year - values["birth_year"] - 14
        ):
            row.errors.append(
                _("%(years)s years of work experience is impossible at age %(age)s.")
                % {"years": experience_text, "age": today.year - values["birth_year"]}
            )
        else:
            values["experience_years"] = years

    for key, limit in (("gender", 50), ("education", 100), ("discipline", 100)):
        text = cells.get(key, "") if keep(key, key) else ""
        if len(text) > limit:
            row.errors.append(_("%(field)s is too long.") % {"field": _label(key)})
            text = ""
        values[key] = text
    values["custom"] = {
        name: cells[f"custom:{name}"][:100]
        for name in custom
        if keep(name, f"custom:{name}")
    }
    return row


def read_cohort_file(filename: str, data: bytes, how: Reading) -> CohortFile:
    """Read and check a cohort file; raises FileRefused when it cannot be read."""
    table = read_table(filename, data)
    result = CohortFile(rows=[], custom=[])
    mapping = _map_columns(table[0], result)
    result.custom = [
        t.removeprefix("custom:") for t in mapping.values() if t.startswith("custom:")
    ]
    has_column = "consent" in mapping.values()
    if how.consent == Consent.COLUMN and not has_column:
        result.errors.append(
            _(
                'The file has no consent column ("toestemming" or "consent"). Choose '
                "another answer to the consent question, or add the column."
            )
        )
    elif how.consent == Consent.EVERYONE and has_column:
        result.errors.append(
            _(
                'The file has a consent column: choose "per person, from the '
                'consent column" so that nobody\'s "no" is overruled.'
            )
        )
    how = replace(how, custom=tuple(result.custom))
    if result.errors:
        return result
    first_row_of: dict[str, int] = {}
    for offset, raw in enumerate(table[1:], start=2):
        cells = {
            key: raw[i].strip() if i < len(raw) else "" for i, key in mapping.items()
        }
        row = _clean_row(offset, cells, how)
        email = row.values["email"]
        if email and email in first_row_of:
            row.errors.append(
                _("The e-mail address %(email)s is also on line %(line)s.")
                % {"email": email, "line": first_row_of[email]}
            )
        elif email:
            first_row_of[email] = offset
        result.rows.append(row)
    return result
