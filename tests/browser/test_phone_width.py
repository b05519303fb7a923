"""Nothing scrolls sideways on a 390 px phone: every page a coach, a participant,
a programme lead and a self-run alumnus reach from their home page (one of each
kind of page, found by following links) is no wider than the screen."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 390
# Not pages: files, feeds, the chart image, actions behind a link, other sites.
NOT_PAGES = re.compile(
    r"logout|/export/|\.(pdf|ics|svg|md|csv|json|xlsx)$|^/(admin|api)/"
)
# A route seen once is enough: one reflection stands for all reflections.
MAX_PAGES = 60


def route(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def too_wide_pages(page: Any, base: str) -> tuple[list[str], list[str]]:
    """Follow links from the home page, one page per route; return the visited
    paths, and those wider than the screen (or not answering 200: a dead link)."""
    queue: list[str] = ["/"]
    routes: set[str] = set()
    visited: list[str] = []
    wide: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        kind = route(urlsplit(path).path)
        if kind is None or kind in routes or NOT_PAGES.search(urlsplit(path).path):
            continue
        routes.add(kind)
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:  # e.g. an empty 405 for a POST-only URL
            wide.append(f"{path}: a dead link ({error.message.splitlines()[0]})")
            continue
        if response is None or response.status != 200:
            wide.append(f"{path}: a dead link ({response and response.status})")
            continue
        visited.append(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide.append(f"{path}: {width} px")
        links = page.eval_on_selector_all(
            "main a[href^='/'], nav a[href^='/']",
            "links => links.map(a => a.getAttribute('href').split('#')[0])",
        )
        queue += [link for link in links if link]
    return visited, wide


@pytest.mark.parametrize("role", ["coach", "participant", "programme_lead", "alumnus"])
def test_no_main_page_scrolls_sideways_on_a_phone(
    phone: Any, live_server: Any, demo_community: Any, role: str
) -> None:
    phone.set_default_navigation_timeout(30_000)
    log_in(phone, live_server, DEMO_LOGINS[role])
    visited, wide = too_wide_pages(phone, live_server.url)
    assert len(visited) >= 8, visited
    assert not wide, f"wider than {WIDTH} px as {role}:\n" + "\n".join(wide)
