"""The role × object × action authorization matrix (DESIGN.md §5).

Every URL pattern of the project has a ``Row`` here or in an app's
``tests/authz.py`` (a module-level ``ROWS`` list and, optionally, an
``extend(world)`` that adds the objects its rows need). The test
``tests/test_authorization_matrix.py`` fails for a URL pattern without a row.

A ``World`` holds two organisations: community A (a participant, two coaches, an
apprentice coach, a programme lead), community A2 in the same organisation (its own
participant and coach), organisation B with its own programme lead, and a
superuser. Each actor's request is made on a fresh world.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Community, Membership, Organisation
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeLeadFactory,
)
from leerkring.core.discovery import app_modules
from leerkring.meetings.tests.factories import MeetingFactory

ANON = "anonymous"
PARTICIPANT = "participant"
OTHER_PARTICIPANT = "participant_other_community"
COACH = "coach"
OTHER_COACH = "coach_other_community"
APPRENTICE = "apprentice_coach"
LEAD = "programme_lead"
OTHER_LEAD = "programme_lead_other_org"
SUPERUSER = "superuser"
ACTORS = (
    ANON,
    PARTICIPANT,
    OTHER_PARTICIPANT,
    COACH,
    OTHER_COACH,
    APPRENTICE,
    LEAD,
    OTHER_LEAD,
    SUPERUSER,
)
MEMBERS = (PARTICIPANT, COACH, APPRENTICE)
COACHING = (COACH, APPRENTICE)
LOGIN = "login"  # a redirect to the login page

# What the matrix run reached: every declared (model, action) pair ``allowed``
# consulted while a row's actors made their requests, and how many rows ran. The
# root conftest fails a run of the whole matrix that leaves a declared rule
# unreached (a dead rule), also when pytest-xdist splits the rows over workers.
REACHED: set[tuple[type[Any], str]] = set()
ROWS_RUN: list[str] = []  # one entry per row run (names repeat across methods)


def rule_names(pairs: set[tuple[type[Any], str]]) -> set[str]:
    return {f"{model._meta.label}:{action}" for model, action in pairs}


class Extra(dict[str, Any]):
    """The objects apps add to a world; a name can be taken only once, so two
    apps never silently share (and mistake) each other's objects."""

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self:
            raise KeyError(f"world.extra[{key!r}] is already taken; pick another name.")
        super().__setitem__(key, value)


@dataclass
class World:
    organisation: Organisation
    other_organisation: Organisation
    community: Community
    other_community: Community
    users: dict[str, User]
    participant_membership: Membership
    extra: Extra = field(default_factory=Extra)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True)
class Row:
    """Expected outcome per actor for one URL pattern."""

    name: str
    url: Callable[[World], str]
    expect: dict[str, int | str]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    htmx: bool = False
    json: bool = False  # send ``data`` as a JSON body (API writes)


def posted(
    row: Row,
    *,
    ok: int | str = 200,
    data: Callable[[World], dict[str, Any]] | None = None,
    **changes: int | str,
) -> Row:
    """The POST row of a GET row: whoever may open the form may send it (an empty
    form is shown again with its errors: ``ok``), the others are refused alike;
    ``changes`` sets single actors' answers."""
    expect = {
        actor: ok if status == 200 else status for actor, status in row.expect.items()
    }
    return replace(row, method="post", expect={**expect, **changes}, data=data)


def posts(rows: list[Row], *names: str, ok: int | str = 200) -> list[Row]:
    """POST rows for the GET rows named (see ``posted``)."""
    return [
        posted(row, ok=ok) for row in rows if row.name in names and row.method == "get"
    ]


def allow(*actors: str, ok: int = 200, denied: int | str = 404) -> dict[str, int | str]:
    """``ok`` for the listed actors, a login redirect for anonymous, else 404."""
    expect: dict[str, int | str] = dict.fromkeys(ACTORS, denied)
    expect[ANON] = LOGIN
    for actor in actors:
        expect[actor] = ok
    return expect


def everyone(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ACTORS, status)


def build_world() -> World:
    organisation = OrganisationFactory(name="Organisation A")
    other_organisation = OrganisationFactory(name="Organisation B")
    community = CommunityFactory(organisation=organisation, name="Community A")
    other_community = CommunityFactory(organisation=organisation, name="Community A2")
    period = LearningPeriodFactory(community=community)
    other_period = LearningPeriodFactory(community=other_community)
    users = {actor: UserFactory(email=f"{actor}@example.nl") for actor in ACTORS[1:]}
    roles = [
        (PARTICIPANT, community, Membership.Role.PARTICIPANT),
        (COACH, community, Membership.Role.COACH),
        (APPRENTICE, community, Membership.Role.APPRENTICE_COACH),
        (OTHER_PARTICIPANT, other_community, Membership.Role.PARTICIPANT),
        (OTHER_COACH, other_community, Membership.Role.COACH),
    ]
    memberships = {
        actor: MembershipFactory(community=where, user=users[actor], role=role)
        for actor, where, role in roles
    }
    ProgrammeLeadFactory(organisation=organisation, user=users[LEAD])
    ProgrammeLeadFactory(organisation=other_organisation, user=users[OTHER_LEAD])
    superuser = users[SUPERUSER]
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    world = World(
        organisation=organisation,
        other_organisation=other_organisation,
        community=community,
        other_community=other_community,
        users=users,
        participant_membership=memberships[PARTICIPANT],
        extra=Extra(
            {
                "period": period,
                "other_period": other_period,
                "meeting": MeetingFactory(period=period, number=1),
                "other_meeting": MeetingFactory(period=other_period, number=1),
                "memberships": memberships,
            }
        ),
    )
    for module in authz_modules():
        extend = getattr(module, "extend", None)
        if extend is not None:
            extend(world)
    return world


def authz_modules() -> list[Any]:
    """Every installed Leerkring app's ``tests/authz.py`` module."""
    return [module for _config, module in app_modules("tests.authz", include_core=True)]


def all_rows() -> list[Row]:
    return [row for module in authz_modules() for row in module.ROWS]


# The admin site guards itself (staff only); one row covers its entry point.
SELF_GUARDED_NAMESPACES = {"admin"}
FORM_METHODS = {"GET", "POST"}


def url_patterns(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, Callable[..., Any] | None]]:
    """Every URL pattern's name and view (None for a self-guarded namespace)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in SELF_GUARDED_NAMESPACES:
                yield f"{inner}:index", None
                continue
            prefix = (
                f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
            yield from url_patterns(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"URL pattern {pattern.pattern} has no name.")
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern.callback


def _closure(func: Any) -> Iterator[Any]:
    """What ``func`` and the functions it wraps close over."""
    seen: set[int] = set()
    while func is not None and id(func) not in seen:
        seen.add(id(func))
        for cell in getattr(func, "__closure__", None) or ():
            try:
                yield cell.cell_contents
            except ValueError:  # an empty cell
                continue
        func = getattr(func, "__wrapped__", None)


def accepted_methods(view: Callable[..., Any] | None) -> set[str]:
    """The HTTP methods a view answers (HEAD and OPTIONS aside).

    ``require_http_methods`` and its shortcuts say it; a class-based view by its
    handlers; a django-ninja path by its operations. A function view without a
    decorator that reads ``request.POST`` or ``request.method`` takes POST too.
    """
    if view is None:
        return {"GET"}
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = {name.upper() for name in view_class.http_method_names}
        return {m for m in names & FORM_METHODS if hasattr(view_class, m.lower())}
    for value in _closure(view):
        if (
            isinstance(value, list | tuple)
            and value
            and all(isinstance(m, str) and m.isupper() for m in value)
        ):
            return set(value) - {"HEAD", "OPTIONS"}
        operations = getattr(value, "operations", None)
        if operations is not None:  # a django-ninja PathView
            return {m for op in operations for m in op.methods}
    func = inspect.unwrap(view)
    source = inspect.getsource(func) if inspect.isfunction(func) else ""
    takes_post = "request.POST" in source or "request.method" in source
    return {"GET", "POST"} if takes_post else {"GET"}
