"""The harvest PDF is tagged (PDF/UA) and carries the published session summaries."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from django.urls import reverse

from leerkring.meetings.models import Meeting

pytestmark = pytest.mark.django_db
PUBLISHED = "HARVEST-MARKER-gepubliceerd-verslag-2291"
DRAFT = "HARVEST-MARKER-concept-verslag-6613"


def _harvest(client: Any, demo: Any, user: Any) -> pypdf.PdfReader:
    client.force_login(user)
    url = reverse("reports:harvest-pdf", args=[demo.community.pk, demo.period.pk])
    response = client.get(url)
    assert response.status_code == 200
    return pypdf.PdfReader(io.BytesIO(response.content))


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_harvest_pdf_is_tagged_for_screen_readers(
    client: Any, demo_community: Any
) -> None:
    reader = _harvest(client, demo_community, demo_community.participant)
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("nl")
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_the_harvest_holds_published_summaries_and_never_drafts(
    client: Any, demo_community: Any
) -> None:
    held = demo_community.meetings[:2]
    Meeting.objects.filter(pk=held[0].pk).update(summary=PUBLISHED)
    Meeting.objects.filter(pk=held[1].pk).update(
        summary=DRAFT, summary_status=Meeting.SummaryStatus.DRAFT
    )
    for viewer in (demo_community.participant, demo_community.coach):
        text = _text(_harvest(client, demo_community, viewer))
        assert "Verslagen van de bijeenkomsten" in text
        assert PUBLISHED in text
        assert DRAFT not in text
    lead = _text(_harvest(client, demo_community, demo_community.programme_lead))
    assert PUBLISHED not in lead  # the programme lead gets no session content


def test_the_harvest_page_links_its_pdf(client: Any, demo_community: Any) -> None:
    pdf = reverse(
        "reports:harvest-pdf",
        args=[demo_community.community.pk, demo_community.period.pk],
    )
    page = reverse("agreements:harvest", args=[demo_community.community.pk])
    for viewer in (demo_community.participant, demo_community.programme_lead):
        client.force_login(viewer)
        assert f'href="{pdf}"' in client.get(page).content.decode()
