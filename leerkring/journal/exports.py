"""The author's journal to take along: Markdown and PDF (``core.pdf``).

Only the requesting person's own entries, with the coach feedback published on
them. The PDF is rendered from an HTML template with its own stylesheet; entry
bodies pass through the same sanitiser as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from leerkring.communities.models import Community
from leerkring.core import pdf

from . import markdown
from .models import CoachFeedback, Reflection


def entries_for_export(user: Any, community: Community) -> list[Reflection]:
    published = CoachFeedback.objects.filter(
        status=CoachFeedback.Status.PUBLISHED
    ).select_related("coach")
    return list(
        Reflection.objects.filter(author=user, community=community)
        .select_related("meeting")
        .prefetch_related(Prefetch("feedback", queryset=published))
        .order_by("created_at", "id")
    )


def _filename(community: Community, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"reflecties-{slugify(community.name)}-{stamp}.{extension}"


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def markdown_text(user: Any, community: Community) -> str:
    context = {
        "author": user,
        "community": community,
        "entries": entries_for_export(user, community),
        "today": timezone.localdate(),
    }
    return render_to_string("journal/export.md", context)


def markdown_response(request: Any, community: Community) -> HttpResponse:
    return _attachment(
        markdown_text(request.user, community),
        "text/markdown; charset=utf-8",
        _filename(community, "md"),
    )


def pdf_bytes(user: Any, community: Community) -> bytes:
    entries = entries_for_export(user, community)
    context = {
        "author": user,
        "community": community,
        "entries": [(entry, markdown.render(entry.body)) for entry in entries],
        "today": timezone.localdate(),
    }
    return pdf.render("journal/export_pdf.html", context)[0]


def pdf_response(request: Any, community: Community) -> HttpResponse:
    return _attachment(
        pdf_bytes(request.user, community),
        "application/pdf",
        _filename(community, "pdf"),
    )
