"""Entries are Markdown; nothing executable ever reaches a page, a PDF or the API."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from leerkring.journal.markdown import ALLOWED_TAGS, URL_SCHEMES, render
from leerkring.journal.tests.factories import ReflectionFactory

ATTACKS = [
    "<script>alert('x')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.nl" onclick="alert(1)">link</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<iframe src=https://evil.example></iframe>",
    "![pixel](https://tracker.example/p.gif)",
    "<svg onload=alert(1)>",
    "[x](vbscript:msgbox(1))",
]


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def assert_harmless(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert name in {"href", "rel", "start"}, name
            if name == "href":
                assert (value or "").split(":")[0].lower() in URL_SCHEMES, value


@pytest.mark.parametrize("source", ATTACKS)
def test_no_script_tag_handler_or_dangerous_url_survives(source: str) -> None:
    html = str(render(source))
    assert_harmless(html)
    assert "<script" not in html.lower()


def test_raw_html_is_shown_as_text() -> None:
    assert str(render("<b>vet</b>")) == "<p>&lt;b&gt;vet&lt;/b&gt;</p>\n"


def test_the_subset_renders() -> None:
    html = str(
        render(
            "**vet** en *schuin*\n\n- een\n- twee\n\n> citaat\n\n[site](https://saxion.nl)"
        )
    )
    assert "<strong>vet</strong>" in html
    assert "<em>schuin</em>" in html
    assert "<li>een</li>" in html
    assert "<blockquote>" in html
    assert 'href="https://saxion.nl"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_headings_are_not_part_of_the_subset() -> None:
    assert "<h1" not in str(render("# Kop"))


@given(st.text(max_size=300))
def test_arbitrary_text_never_yields_a_tag_outside_the_allow_list(text: str) -> None:
    html = str(render(text + "<script>x</script>"))
    assert_harmless(html)
    assert "<script" not in html.lower()


@pytest.mark.django_db
def test_a_script_in_an_entry_never_reaches_the_page_or_the_api(client: Any) -> None:
    entry = ReflectionFactory(
        body="Hallo <script>alert('x')</script> en [a](javascript:alert(1))"
    )
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "<script>alert" not in page.content.decode()
    assert "&lt;script&gt;alert" in page.content.decode()
    api = client.get(reverse("api:reflection-detail", args=[entry.pk])).json()
    assert "<script" not in api["body_html"]
    assert api["body"] == entry.body  # the author's own text is kept as written
