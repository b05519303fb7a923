"""Entries are written in a small Markdown subset and rendered safely.

Two lines of defence: markdown-it-py with raw HTML switched off (``<script>`` is
shown as text, ``javascript:`` links are not made), then nh3 (ammonia) keeps only
an allow-list of tags, the ``href`` attribute and the http, https and mailto
schemes. Images and headings are not part of the subset: no tracking pixels, and
the page's own headings stay in order.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt(
    "commonmark", {"html": False, "linkify": False, "breaks": True}
).disable(["image", "heading", "lheading", "html_block", "html_inline"])


def render(source: str) -> SafeString:
    """The entry's Markdown as sanitised HTML, safe to put in a page or a PDF."""
    html = _markdown.render(source)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308  (sanitised by nh3 just above)
