"""The privacy page and the processing register: the organisation's programme
leads (and superusers, who administer organisations) read them; only they may
change the retention. Nobody else, not even the organisation's coaches."""

from django.urls import reverse

from leerkring.core.tests.matrix import (
    LEAD,
    LOGIN,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
)


def _privacy(w: World) -> str:
    return reverse("retention:privacy", args=[w.organisation.pk])


def _register(fmt: str):
    return lambda w: reverse("retention:register", args=[w.organisation.pk, fmt])


ROWS = [
    Row("retention:privacy", _privacy, allow(LEAD, SUPERUSER)),
    Row(
        "retention:privacy",
        _privacy,
        allow(LEAD, SUPERUSER, ok=302),
        method="post",
        data=lambda w: {"months": 18, "version": 0},
    ),
    Row("retention:register", _register("json"), allow(LEAD, SUPERUSER)),
    Row("retention:register", _register("csv"), allow(LEAD, SUPERUSER)),
    Row(
        "retention:register",
        _register("json"),
        {**everyone(405), "anonymous": LOGIN},
        method="post",
    ),
]
