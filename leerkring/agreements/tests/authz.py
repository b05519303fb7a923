"""Who may open each agreements, goals, harvest and hours URL (DESIGN.md §5).

The programme lead sees the agreements and the harvest as a summary; a personal
goal is its owner's; hours are the participants' and their coaches'.
"""

from django.urls import reverse

from leerkring.agreements.models import SECTION_NAMES, Aspect
from leerkring.agreements.tests.factories import (
    AgreementVersionFactory,
    CollectiveGoalFactory,
    ExternalValidationFactory,
    PersonalGoalFactory,
    TimeEntryFactory,
)
from leerkring.agreements.validation import make_token
from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    LOGIN,
    PARTICIPANT,
    Row,
    World,
    allow,
    everyone,
)

MEMBERS = (PARTICIPANT, COACH, APPRENTICE)


def extend(world: World) -> None:
    version = AgreementVersionFactory(agreement__period=world.period, number=1)
    world.extra["agreement"] = version.agreement
    goal = CollectiveGoalFactory(period=world.period, aspect=Aspect.CONTENT)
    validation = ExternalValidationFactory(goal=goal, comment="")
    world.extra["validation"] = validation
    world.extra["validation_token"] = make_token(validation)
    PersonalGoalFactory(period=world.period, owner=world.users[PARTICIPANT])
    world.extra["time_entry"] = TimeEntryFactory(
        period=world.period, user=world.users[PARTICIPANT]
    )


def url(name: str, *args: object) -> object:
    return lambda w: reverse(f"agreements:{name}", args=[w.community.pk, *args])


def edited_sections(w: World) -> dict[str, object]:
    return {
        **dict.fromkeys(SECTION_NAMES, "Een nieuwe afspraak."),
        "version": w.agreement.version,
    }


EVALUATION = {
    "version": 1,
    "reached": "partly",
    "satisfaction": "4",
    "learned": "Dat feedback pas werkt als studenten er iets mee kunnen.",
}

ROWS = [
    Row("agreements:agreement-detail", url("agreement-detail"), allow(*MEMBERS, LEAD)),
    Row("agreements:agreement-edit", url("agreement-edit"), allow(*MEMBERS)),
    Row(
        "agreements:agreement-edit",
        url("agreement-edit"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=edited_sections,
    ),
    Row(
        "agreements:agreement-confirm",
        url("agreement-confirm"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"version": 1},
    ),
    Row(
        "agreements:agreement-confirm",
        url("agreement-confirm"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"version": 1},
        htmx=True,
    ),
    Row(
        "agreements:agreement-confirm",
        url("agreement-confirm"),
        {**everyone(405), ANON: LOGIN},
    ),
    Row("agreements:agreement-version", url("agreement-version", 1), allow(*MEMBERS)),
    Row("agreements:agreement-version", url("agreement-version", 9), allow()),
    Row("agreements:harvest", url("harvest"), allow(*MEMBERS, LEAD)),
    Row("agreements:go-on", url("go-on"), allow(*MEMBERS)),
    Row(
        "agreements:go-on",
        url("go-on"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"form": "mine", "mine-choice": "stays"},
    ),
    Row("agreements:go-on", url("go-on"), allow(*MEMBERS), method="post"),
    Row("agreements:goal-edit", url("goal-edit", "content"), allow(*MEMBERS)),
    Row("agreements:goal-edit", url("goal-edit", "learning_yield"), allow(*MEMBERS)),
    Row("agreements:goal-edit", url("goal-edit", "unknown"), allow()),
    Row(
        "agreements:goal-edit",
        url("goal-edit", "learning_yield"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {
            "version": 0,
            "text": "Leren van elkaars toetspraktijk.",
            "criteria": "Drie voorbeelden uit ons werk.",
        },
    ),
    Row("agreements:goal-evaluate", url("goal-evaluate", "content"), allow(*MEMBERS)),
    Row("agreements:goal-evaluate", url("goal-evaluate", "learning_yield"), allow()),
    Row(
        "agreements:goal-evaluate", url("goal-evaluate", "personal"), allow(PARTICIPANT)
    ),
    Row(
        "agreements:goal-evaluate",
        url("goal-evaluate", "personal"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: EVALUATION,
    ),
    Row("agreements:personal-goal-edit", url("personal-goal-edit"), allow(PARTICIPANT)),
    Row(
        "agreements:personal-goal-edit",
        url("personal-goal-edit"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {
            "version": 1,
            "text": "Beter feedback geven.",
            "criteria": "Mijn studenten merken het.",
            "shared": "on",
        },
    ),
    # External validation: the community invites and revokes; the assessor's
    # link needs no account (everyone holding it reads the same page).
    Row(
        "agreements:validation-invite",
        url("validation-invite", "content"),
        allow(*MEMBERS),
    ),
    Row(
        "agreements:validation-invite",
        url("validation-invite", "learning_yield"),
        allow(),
    ),
    Row(
        "agreements:validation-invite",
        url("validation-invite", "content"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {
            "name": "Ria de Boer",
            "email": "ria@example.org",
            "role": "assessor",
            "show_result": "on",
        },
    ),
    Row(
        "agreements:validation-revoke",
        lambda w: reverse(
            "agreements:validation-revoke", args=[w.community.pk, w.validation.pk]
        ),
        allow(*MEMBERS, ok=302),
        method="post",
    ),
    Row(
        "agreements:validation-revoke",
        lambda w: reverse(
            "agreements:validation-revoke",
            args=[w.other_community.pk, w.validation.pk],
        ),
        allow(),
        method="post",
    ),
    Row(
        "agreements:validation-public",
        lambda w: reverse("agreements:validation-public", args=[w.validation_token]),
        everyone(200),
    ),
    Row(
        "agreements:validation-public",
        lambda w: reverse("agreements:validation-public", args=[w.validation_token]),
        everyone(302),
        method="post",
        data=lambda w: {"verdict": "met", "comment": "Overtuigend."},
    ),
    Row(
        "agreements:validation-public",
        lambda w: reverse("agreements:validation-public", args=["tampered:token"]),
        everyone(410),
    ),
    Row("agreements:hours", url("hours"), allow(*MEMBERS)),
    Row(
        "agreements:hours",
        url("hours"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {
            "date": w.period.start_date.isoformat(),
            "minutes": 45,
            "kind": "preparation",
        },
    ),
    Row(
        "agreements:hours",
        url("hours"),
        allow(PARTICIPANT),
        method="post",
        data=lambda w: {"date": "", "minutes": 45, "kind": "preparation"},
        htmx=True,
    ),
    Row(
        "agreements:hours-delete",
        lambda w: reverse(
            "agreements:hours-delete", args=[w.community.pk, w.time_entry.pk]
        ),
        allow(PARTICIPANT, ok=302),
        method="post",
    ),
]
