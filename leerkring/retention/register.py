"""The processing register entry (AVG/GDPR art. 30) for one organisation, built
from one declaration of what Leerkring stores and who may see it (DESIGN.md §5)
— the privacy officer's page and the JSON/CSV export both read it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from leerkring.communities.models import Organisation

from .models import months_for

YES, NO = _lazy("yes"), _lazy("no")
RETAINED = _lazy("removed %(months)s months after the period ends")
RETAINED_ANONYMOUS = _lazy(
    "who answered is removed %(months)s months after the period ends; the "
    "numbers stay without names"
)
WHILE_COMMUNITY = _lazy(
    "kept while the community exists; anonymised when the person leaves Leerkring"
)
WHILE_ACCOUNT = _lazy("kept until the person deletes it or their account")


@dataclass(frozen=True)
class Kind:
    """One row of DESIGN.md §5: what is stored and who may see it."""

    key: str
    name: Promise
    owner: Promise
    coaches: Promise
    participants: Promise
    lead: Promise
    others: Promise
    retention: Promise


KINDS = (
    Kind(
        "reflection",
        _lazy("Journal entry (reflection)"),
        YES,
        _lazy("only if shared with coaches"),
        _lazy("only if shared with the community"),
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "reflection_feedback",
        _lazy(
            "Reflection-level feedback (the mirror), coaches' feedback and "
            "comments on an entry"
        ),
        YES,
        _lazy("only with the entry"),
        _lazy("comments: only with an entry shared with the community"),
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "intake_preparation",
        _lazy("Intake preparation"),
        YES,
        YES,
        NO,
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "intake_notes",
        _lazy("Coaches' intake notes about the participant"),
        _lazy("in their data export"),
        YES,
        NO,
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "learning_question",
        _lazy("Learning question, qualities and pitfalls"),
        YES,
        YES,
        _lazy("as the participant chooses"),
        NO,
        NO,
        WHILE_ACCOUNT,
    ),
    Kind(
        "check_in",
        _lazy("Individual check-in and check-out scores"),
        YES,
        YES,
        _lazy("no (aggregates of at least 3 answers)"),
        _lazy("aggregate only, at least 5 answers"),
        NO,
        RETAINED_ANONYMOUS,
    ),
    Kind(
        "collective_track",
        _lazy("Collective ambition, goal and progress"),
        _lazy("community"),
        YES,
        YES,
        _lazy("summary"),
        NO,
        WHILE_COMMUNITY,
    ),
    Kind(
        "diversity",
        _lazy(
            "Diversity attributes (age, gender, background, discipline, "
            "experience), given with consent"
        ),
        YES,
        NO,
        NO,
        _lazy("yes, for composing communities"),
        NO,
        _lazy("until consent is withdrawn or the cohort is deleted"),
    ),
    Kind(
        "safety_climate",
        _lazy('"Equal space" (safety climate) answers after a session'),
        YES,
        _lazy("aggregate only (at least 3)"),
        NO,
        _lazy("aggregate only, at least 5 answers, no split that reveals one person"),
        NO,
        RETAINED_ANONYMOUS,
    ),
    Kind(
        "coaching_interest",
        _lazy('Answer to "would you like to coach a new community?"'),
        YES,
        YES,
        NO,
        YES,
        NO,
        WHILE_ACCOUNT,
    ),
    Kind(
        "account",
        _lazy(
            "Account: name, e-mail address, language; the institution's "
            "sign-in identifier and affiliation hint"
        ),
        YES,
        _lazy("name and e-mail address of members"),
        _lazy("name of members"),
        _lazy("name and e-mail address of members"),
        NO,
        WHILE_ACCOUNT,
    ),
)

COLUMNS = (
    ("owner", _lazy("the participant it belongs to")),
    ("coaches", _lazy("coaches of that community")),
    ("participants", _lazy("other participants")),
    ("lead", _lazy("programme lead")),
    ("others", _lazy("anyone else")),
)


def subprocessors() -> list[dict[str, str]]:
    """Declared in settings (``PRIVACY_SUBPROCESSORS``); none by default."""
    return [dict(entry) for entry in settings.PRIVACY_SUBPROCESSORS]


def entry(organisation: Organisation) -> dict[str, Any]:
    """The register entry, in the current language, ready for JSON."""
    months = months_for(organisation)
    return {
        "format": "leerkring-processing-register/1",
        "generated_at": timezone.now().isoformat(),
        "controller": organisation.name,
        "processing": _("Running the programme Community leren in Leerkring"),
        "purpose": _(
            "Coaching learning communities: intakes, sessions, journals, the "
            "collective and individual tracks, and composing communities."
        ),
        "legal_basis": _(
            "Performance of the programme the person takes part in; consent for "
            "diversity attributes."
        ),
        "data_subjects": _(
            "Participants, coaches and programme leads (staff, students, "
            "work-field partners)."
        ),
        "retention_months": months,
        "categories": [
            {
                "kind": kind.key,
                "name": str(kind.name),
                **{key: str(getattr(kind, key)) for key, _label in COLUMNS},
                "retention": str(kind.retention) % {"months": months},
            }
            for kind in KINDS
        ],
        "subprocessors": subprocessors(),
        "transfers_outside_eea": _("none"),
        "security": _(
            "Access per role checked in one place and audited; private content "
            "never shown to programme leads; passwords hashed with Argon2; sign-in "
            "through the institution (SURFconext) possible; every person can "
            "export and delete their data."
        ),
    }


def as_csv(data: dict[str, Any]) -> str:
    """One row per kind of data, with the entry's general fields repeated."""
    out = io.StringIO()
    fields = ["kind", "name", *(key for key, _label in COLUMNS), "retention"]
    writer = csv.DictWriter(out, fieldnames=["controller", "purpose", *fields])
    writer.writeheader()
    for category in data["categories"]:
        writer.writerow(
            {"controller": data["controller"], "purpose": data["purpose"], **category}
        )
    return out.getvalue()
