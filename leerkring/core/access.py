"""The one entry point for permissions: ``allowed(user, action, resource)``.

Each app declares its actions in its own ``access.py``: against the shared role
predicates of ``communities.roles`` with ``declare(Model, {"app.verb": role})``,
or with ``@rule(Model, "verb")`` for a rule that needs more than a role (the
owner of an entry, its sharing). One action syntax: a plain verb on the app's own
model (``"view"``, ``"give_feedback"``), ``"app.verb"`` on another app's model
(``"pulses.run"`` on a ``Community``). With ``settings.ACCESS_STRICT`` (on in
the tests) asking about an undeclared pair raises instead of answering no, so a
typo fails. The app offers ``access_<noun>(user, id, need=...)`` helpers for
its views. A denial answers 404 — the same as "does not exist" — and is written
to the audit log.

Rules ask the same few questions again and again ("is this user an active member
of this community?"): a page checks its own access and then every tab of the
community's tab bar. Inside ``remembering()`` the answers are looked up once and
reused (see ``remembered``); a GET or HEAD request runs inside it as a whole
(``core.middleware.RememberAccessMiddleware``), because a read cannot change
anyone's role, and so does the tab bar. Writes never do: an action that changes
a membership must not be answered from before the change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404

from . import audit
from .models import AuditAction

Rule = Callable[[Any, Any], bool]
R = TypeVar("R", bound=Rule)

_rules: dict[tuple[type[Model], str], Rule] = {}
_noted: list[set[tuple[type[Model], str]]] = []
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("access_memo", default=None)


@contextmanager
def remembering() -> Iterator[None]:
    """Within the block, ``remembered`` lookups hit the database once per key.

    Only for stretches that change no roles (a read request, the tab bar). Nested
    blocks share the outermost memo; it is dropped when that block ends.
    """
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered[T](key: Hashable, lookup: Callable[[], T]) -> T:
    """``lookup()``, answered from the memo inside ``remembering()``."""
    memo = _memo.get()
    if memo is None:
        return lookup()
    if key not in memo:
        memo[key] = lookup()
    answer: T = memo[key]
    return answer


def rule(model: type[Model], *actions: str) -> Callable[[R], R]:
    """Register ``func(user, obj) -> bool`` as the rule for ``model`` and actions."""

    def register(func: R) -> R:
        for action in actions:
            key = (model, action)
            if key in _rules:
                raise ValueError(f"A rule for {model.__name__}.{action} exists.")
            _rules[key] = func
        return func

    return register


def declare(model: type[Model], actions: dict[str, Rule]) -> None:
    """Register each action on ``model`` with its rule (usually a role predicate)."""
    for action, check in actions.items():
        rule(model, action)(check)


def declared() -> set[tuple[type[Model], str]]:
    """Every (model, action) pair with a rule."""
    return set(_rules)


@contextmanager
def noting(consulted: set[tuple[type[Model], str]]) -> Iterator[None]:
    """Within the block, add every declared pair ``allowed`` consults to
    ``consulted`` (the authorization matrix proves no rule is dead with it)."""
    _noted.append(consulted)
    try:
        yield
    finally:
        _noted.remove(consulted)


def allowed(user: Any, action: str, resource: Model) -> bool:
    """May ``user`` do ``action`` on ``resource``? Unknown pairs are refused
    (and raise ``LookupError`` under ``settings.ACCESS_STRICT``)."""
    key = (type(resource), action)
    check = _rules.get(key)
    if check is None:
        if getattr(settings, "ACCESS_STRICT", False):
            raise LookupError(f"No rule for {type(resource).__name__}.{action}.")
        return False
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    for consulted in _noted:
        consulted.add(key)
    return bool(check(user, resource))


def deny(user: Any, target: str) -> NoReturn:
    """Record the denial and answer as if the thing did not exist."""
    audit.record(AuditAction.ACCESS_DENIED, actor=user, target=target)
    raise Http404


def get_allowed[M: Model](user: Any, queryset: QuerySet[M], pk: object, need: str) -> M:
    """The object with ``pk`` if ``user`` may ``need`` it; else 404 (audited)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None or not allowed(user, need, obj):
        deny(user, f"{queryset.model._meta.label_lower}:{pk}:{need}")
    return obj
