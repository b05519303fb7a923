"""Every URL × every actor gives the expected answer (DESIGN.md §5).

A run of the whole matrix also fails when a declared access rule is consulted by
no row (a dead rule): see ``pytest_sessionfinish`` in the root conftest.

A URL pattern without a row for each method its view answers fails
``test_every_url_pattern_has_a_row_per_method``: a new view (or a new POST path)
cannot ship without saying who may use it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from leerkring.core import access
from leerkring.core.tests.matrix import (
    ACTORS,
    ANON,
    LOGIN,
    REACHED,
    ROWS_RUN,
    Row,
    accepted_methods,
    all_rows,
    build_world,
    url_patterns,
)

ROWS = all_rows()


def test_every_url_pattern_has_a_row_per_method() -> None:
    """The matrix is complete: every method a URL pattern's view answers (GET,
    POST, and the API's verbs) has its row, so no write path goes untested."""
    covered = {(row.name, row.method.upper()) for row in ROWS}
    wanted = {
        (name, method)
        for name, view in url_patterns()
        for method in accepted_methods(view)
    }
    missing = sorted(wanted - covered)
    assert not missing, f"URL patterns without an authorization row: {missing}"


def test_every_row_covers_every_actor() -> None:
    for row in ROWS:
        assert set(row.expect) == set(ACTORS), row.name


def answer(client: Any, row: Row, world: Any, actor: str) -> str | None:
    """None when the actor gets the expected answer, else what went wrong."""
    client.logout()
    if actor != ANON:
        client.force_login(world.users[actor])
    headers = {"HX-Request": "true"} if row.htmx else {}
    data = row.data(world) if row.data else {}
    extra = {"content_type": "application/json"} if row.json else {}
    response = getattr(client, row.method)(
        row.url(world), data=data, headers=headers, **extra
    )
    expected = row.expect[actor]
    if expected == LOGIN:
        login = reverse(settings.LOGIN_URL)
        if response.status_code == 302 and response.url.startswith(login):
            return None
        return f"{actor}: expected a login redirect, got {response.status_code}"
    if response.status_code != expected:
        return f"{actor}: expected {expected}, got {response.status_code}"
    return None


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.name}[{row.method}]" for row in ROWS])
@pytest.mark.django_db
def test_authorization(client: Any, row: Row) -> None:
    """Each actor gets exactly the expected answer; denials look like 'not found'.

    One world per row; each actor's request runs in a savepoint that is rolled
    back, so what one actor changes never colours the next actor's answer.
    """
    world = build_world()
    problems = []
    with access.noting(REACHED):
        for actor in ACTORS:
            with transaction.atomic():
                problems.append(answer(client, row, world, actor))
                transaction.set_rollback(True)
    ROWS_RUN.append(f"{row.name}[{row.method}]")
    assert not [p for p in problems if p], [p for p in problems if p]
