"""The processing register entry (AVG/GDPR art. 30) for one organisation, built
from one declaration of what Leerkring stores and who may see it (DESIGN.md §5)
— the privacy officer's page and the JSON/CSV export both read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Organisation
from leerkring.core.spreadsheets import csv_text

from .models import months_for

YES, NO = _("yes"), _("no")
RETAINED = _("removed %(months)s months after the period ends")
RETAINED_ANONYMOUS = _(
    "who answered is removed %(months)s months after the period ends; the "
    "numbers stay without names"
)
WHILE_COMMUNITY = _(
    "kept while the community exists; anonymised when the person leaves Leerkring"
)
WHILE_ACCOUNT = _("kept until the person deletes it or their account")


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
        _("Journal entry (reflection)"),
        YES,
        _("only if shared with coaches"),
        _("only if shared with the community"),
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "reflection_feedback",
        _(
            "Reflection-level feedback (the mirror), coaches' feedback and "
            "comments on an entry"
        ),
        YES,
        _("only with the entry"),
        _("comments: only with an entry shared with the community"),
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "intake_preparation",
        _("Intake preparation"),
        YES,
        YES,
        NO,
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "intake_notes",
        _("Coaches' intake notes about the participant"),
        _("in their data export"),
        YES,
        NO,
        NO,
        NO,
        RETAINED,
    ),
    Kind(
        "learning_question",
        _("Learning question, qualities and pitfalls"),
        YES,
        YES,
        _("as the participant chooses"),
        NO,
        NO,
        WHILE_ACCOUNT,
    ),
    Kind(
        "check_in",
        _("Individual check-in and check-out scores"),
        YES,
        YES,
        _("no (aggregates of at least 3 answers)"),
        _("aggregate only, at least 5 answers"),
        NO,
        RETAINED_ANONYMOUS,
    ),
    Kind(
        "collective_track",
        _("Collective ambition, goal and progress"),
        _("the community"),
        YES,
        YES,
        _("summary"),
        NO,
        WHILE_COMMUNITY,
    ),
    Kind(
        "diversity",
        _(
            "Diversity attributes (age, gender, background, discipline, "
            "experience), given with consent"
        ),
        YES,
        NO,
        NO,
        _("yes, for composing communities"),
        NO,
        _("until consent is withdrawn or the cohort is deleted"),
    ),
    Kind(
        "safety_climate",
        _('"Equal space" (safety climate) answers after a session'),
        YES,
        _("aggregate only (at least 3)"),
        NO,
        _("aggregate only, at least 5 answers, no split that reveals one person"),
        NO,
        RETAINED_ANONYMOUS,
    ),
    Kind(
        "coaching_interest",
        _('Answer to "would you like to coach a new community?"'),
        YES,
        YES,
        NO,
        YES,
        NO,
        WHILE_ACCOUNT,
    ),
    Kind(
        "account",
        _(
            "Account: name, e-mail address, language; the institution's "
            "sign-in identifier and affiliation hint"
        ),
        YES,
        _("name and e-mail address of members"),
        _("name of members"),
        _("name and e-mail address of members"),
        NO,
        WHILE_ACCOUNT,
    ),
)

COLUMNS = (
    ("owner", _("the participant it belongs to")),
    ("coaches", _("coaches of that community")),
    ("participants", _("other participants")),
    ("lead", _("programme lead")),
    ("others", _("anyone else")),
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
        "processing": gettext("Running the programme Community leren in Leerkring"),
        "purpose": gettext(
            "Coaching learning communities: intakes, sessions, journals, the "
            "collective and individual tracks, and composing communities."
        ),
        "legal_basis": gettext(
            "Performance of the programme the person takes part in; consent for "
            "diversity attributes."
        ),
        "data_subjects": gettext(
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
        "transfers_outside_eea": gettext("none"),
        "security": gettext(
            "Access per role checked in one place and audited; private content "
            "never shown to programme leads; passwords hashed with Argon2; sign-in "
            "through the institution (SURFconext) possible; every person can "
            "export and delete their data."
        ),
    }


def as_csv(data: dict[str, Any]) -> str:
    """One row per kind of data, with the entry's general fields repeated; written
    through ``core.spreadsheets`` like every export (the organisation's name is
    typed by people)."""
    fields = ["kind", "name", *(key for key, _label in COLUMNS), "retention"]
    return csv_text(
        {
            "controller": data["controller"],
            "purpose": data["purpose"],
            **{field: category[field] for field in fields},
        }
        for category in data["categories"]
    )
