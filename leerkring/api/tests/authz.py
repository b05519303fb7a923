from django.urls import reverse

from leerkring.api.models import ApiToken
from leerkring.communities.models import Sharing
from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    LOGIN,
    PARTICIPANT,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
)

MEMBERS = (PARTICIPANT, COACH, APPRENTICE)


def api(*actors: str, ok: int = 200) -> dict[str, int | str]:
    """``ok`` for the listed actors, 401 for anonymous callers, else 404."""
    return {**allow(*actors, ok=ok), ANON: 401}


def extend(world: World) -> None:
    from leerkring.api.actions import create_token

    world.extra["participant_token"] = create_token(
        user=world.users[PARTICIPANT],
        name="script",
        scope=ApiToken.Scope.READ,
        days=30,
        communities=[],
    )[0]


def _agenda_item(w: World) -> dict[str, object]:
    return {
        "kind": "custom",
        "title": "Casus",
        "description": "",
        "minutes": 20,
        "version": w.meeting.agenda_version,
    }


def _report(w: World) -> dict[str, object]:
    return {"did": "Geprobeerd", "status": "done", "sharing": Sharing.COACHES}


ROWS = [
    Row("api:openapi-json", lambda w: reverse("api:openapi-json"), everyone(200)),
    Row("api:api-root", lambda w: reverse("api:api-root"), everyone(404)),
    Row(
        "api:session-list",
        lambda w: reverse("api:session-list", args=[w.community.pk]),
        api(*MEMBERS, LEAD, SUPERUSER),
    ),
    Row(
        "api:session-detail",
        lambda w: reverse("api:session-detail", args=[w.meeting.pk]),
        api(*MEMBERS),
    ),
    Row(
        "api:agenda-item-add",
        lambda w: reverse("api:agenda-item-add", args=[w.meeting.pk]),
        api(COACH, APPRENTICE, ok=201),
        method="post",
        data=_agenda_item,
        json=True,
    ),
    Row(
        "api:progress",
        lambda w: reverse("api:progress", args=[w.community.pk]),
        api(*MEMBERS),
    ),
    Row(
        "api:progress",
        lambda w: reverse("api:progress", args=[w.community.pk]),
        api(*MEMBERS, ok=201),
        method="post",
        data=lambda w: {"kind": "success", "text": "Het werkt"},
        json=True,
    ),
    Row(
        "api:assignment-list",
        lambda w: reverse("api:assignment-list"),
        {**everyone(200), ANON: 401},
    ),
    Row(
        "api:assignment-detail",
        lambda w: reverse("api:assignment-detail", args=[w.own_assignment.pk]),
        api(*MEMBERS),
    ),
    Row(
        "api:assignment-detail",
        lambda w: reverse("api:assignment-detail", args=[w.private_assignment.pk]),
        api(COACH, APPRENTICE),
    ),
    Row(
        "api:assignment-report",
        lambda w: reverse("api:assignment-report", args=[w.own_assignment.pk]),
        api(PARTICIPANT),
        method="put",
        data=_report,
        json=True,
    ),
    Row(
        "api:arc",
        lambda w: reverse("api:arc", args=[w.community.pk]),
        api(*MEMBERS, LEAD),
    ),
    Row(
        "api:export",
        lambda w: reverse(
            "api:export", args=[w.community.pk, w.period.pk, "check-ins"]
        ),
        api(COACH, APPRENTICE),
    ),
    Row(
        "tokens:token-list",
        lambda w: reverse("tokens:token-list"),
        {**everyone(200), ANON: LOGIN},
    ),
    Row(
        "tokens:token-list",
        lambda w: reverse("tokens:token-list"),
        {**everyone(200), ANON: LOGIN},
        method="post",
        data=lambda w: {"name": "x", "scope": "read", "days": "30"},
    ),
    Row(
        "tokens:token-revoke",
        lambda w: reverse("tokens:token-revoke", args=[w.participant_token.pk]),
        allow(PARTICIPANT, ok=302),
        method="post",
    ),
]
