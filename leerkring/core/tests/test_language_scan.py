"""The demo's pages speak one language: in Dutch no English interface fragments,
in English no Dutch ones — outside what people wrote (the demo's content is Dutch).

Every page the demo's coach, participant, programme lead and alumnus reach from
their home page is rendered (one page per route) and its visible text scanned,
after taking out every text stored in the database (names, reflections, goals).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import Resolver404, resolve, reverse

from leerkring.accounts.models import User
from leerkring.home.demo import DEMO_LOGINS

pytestmark = pytest.mark.django_db

NOT_PAGES = re.compile(r"logout|/export/|\.(pdf|ics|svg|md|csv|json)$|^/(admin|api)/")
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|this|that|are|Session|Sessions|Save|Edit|Delete|"
    r"Cancel|Back|Add|Remove|Select|Show|Hide|meeting|meetings|Select an option)\b"
)
DUTCH = re.compile(
    r"\b(bijeenkomst|bijeenkomsten|deelnemer|deelnemers|leergang|opslaan|wijzigen|"
    r"jouw|jij|je|kies|afspraken|verslag|opdracht|opdrachten|het|een|niet|nog|"
    r"voor|wie|naar|wordt|met|van)\b",
    re.IGNORECASE,
)
MONTH_CAPITALISED = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b"
)
# "u"/"uw" as in "uw wachtwoord"; not "14,0 u" (hours) nor "Theory U".
FORMAL = re.compile(
    r"\b[Uu]w\b|(?<!\d )(?<!Theory )\bu\b|\bU (kunt|bent|hebt|heeft|moet|wilt|ziet)\b"
)


HIDDEN = {"script", "style", "template"}
# What people wrote, shown reworked: a diff word by word, the mirror's marks.
REWORKED = {"diff", "mirror-text"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr"}


class _Text(HTMLParser):
    """Visible text, without scripts and styles, and without what people wrote in
    a reworked form (it no longer matches the stored texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in VOID:
            attributes = dict(attrs)
            classes = (attributes.get("class") or "").split()
            # A passage marked with its own language (a protocol's English name)
            # is meant to be in that language.
            foreign = tag != "html" and "lang" in attributes
            hidden = tag in HIDDEN or foreign or bool(REWORKED & set(classes))
            self._open.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not any(hidden for _tag, hidden in self._open):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return unescape(" ".join(parser.parts))


def stored_texts() -> list[str]:
    """Every line of text in the database: what people (and the demo) wrote."""
    found: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                for line in str(value or "").splitlines():
                    line = line.strip()
                    # Not single lower-case words: those are codes ("community").
                    if len(line) >= 3 and (" " in line or line[:1].isupper()):
                        found.add(line)
    return sorted(found, key=len, reverse=True)


# A stored text cut short ("Laat studenten in de stage zelf…"), an address.
SHORTENED = re.compile(r"[^:·()“”]{12,}…")
ADDRESS = re.compile(r"\S+@\S+")


def interface_text(html: str, stored: list[str]) -> str:
    text = " ".join(visible_text(html).split())
    for value in stored:
        text = text.replace(" ".join(value.split()), " ")
    return ADDRESS.sub(" ", SHORTENED.sub(" ", text))


def pages(client: Any, user: Any) -> dict[str, str]:
    """One page per route reached from the home page (and the "what now" page a
    member lands on after joining): path → HTML."""
    welcome = [
        reverse("intake:welcome", args=[m.community_id]) for m in user.memberships.all()
    ]
    queue, routes = ["/", *welcome], set()
    found: dict[str, str] = {}
    while queue and len(found) < 70:
        path = queue.pop(0)
        try:
            route = resolve(path.split("?")[0]).route
        except Resolver404:
            continue
        if route in routes or NOT_PAGES.search(path):
            continue
        routes.add(route)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        found[path] = html
        queue += [h.split("#")[0] for h in re.findall(r'href="(/[^"]*)"', html)]
    return found


def scan(client: Any, language: str, patterns: list[re.Pattern[str]]) -> list[str]:
    stored = stored_texts()
    problems = []
    for role, email in DEMO_LOGINS.items():
        user = User.objects.get(email=email)
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        client.force_login(user)
        for path, html in pages(client, user).items():
            text = interface_text(html, stored)
            for pattern in patterns:
                for match in pattern.finditer(text):
                    context = text[max(0, match.start() - 50) : match.end() + 50]
                    problems.append(f"{role} {path}: “{context}”")
    return problems


def test_dutch_pages_have_no_english_fragments(
    client: Any, demo_community: Any
) -> None:
    problems = scan(client, "nl", [ENGLISH, MONTH_CAPITALISED, FORMAL])
    assert not problems, "\n".join(problems)


def test_english_pages_have_no_dutch_fragments(
    client: Any, demo_community: Any
) -> None:
    problems = scan(client, "en", [DUTCH])
    assert not problems, "\n".join(problems)
