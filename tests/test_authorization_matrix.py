"""Every URL × every actor gives the expected answer (DESIGN.md §5).

A URL pattern without a row fails ``test_every_url_pattern_has_a_row``: a new
view cannot ship without saying who may use it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from leerkring.core.tests.matrix import ACTORS, ANON, LOGIN, Row, all_rows, build_world

ROWS = all_rows()
# The admin site guards itself (staff only); one row covers its entry point.
SELF_GUARDED_NAMESPACES = {"admin"}


def url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in SELF_GUARDED_NAMESPACES:
                names.add(f"{inner}:index")
                continue
            prefix = (
                f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
            names |= url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"URL pattern {pattern.pattern} has no name.")
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_pattern_has_a_row() -> None:
    """The matrix is complete: no URL pattern is left without expectations."""
    covered = {row.name for row in ROWS}
    missing = url_names(get_resolver().url_patterns) - covered
    assert not missing, f"URL patterns without an authorization row: {sorted(missing)}"


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
    for actor in ACTORS:
        with transaction.atomic():
            problems.append(answer(client, row, world, actor))
            transaction.set_rollback(True)
    assert not [p for p in problems if p], [p for p in problems if p]
