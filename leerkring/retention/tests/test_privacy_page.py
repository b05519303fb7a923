"""The privacy officer's page and the processing register entry."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.tests.factories import ProgrammeLeadFactory
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.retention.models import RetentionPolicy
from leerkring.retention.register import KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client: Any) -> Any:
    role = ProgrammeLeadFactory(user__preferred_language="en")
    client.force_login(role.user)
    return role


def test_the_page_shows_kinds_visibility_retention_and_subprocessors(
    client: Any, lead: Any
) -> None:
    page = client.get(reverse("retention:privacy", args=[lead.organisation.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "removed 12 months after the period ends" in text
    assert "Journal entry (reflection)" in text
    assert "only if shared with coaches" in text
    assert "Sub-processors" in text
    assert "None." in text


def test_a_lead_changes_the_retention_and_a_stale_form_is_refused(
    client: Any, lead: Any
) -> None:
    url = reverse("retention:privacy", args=[lead.organisation.pk])
    assert client.post(url, {"months": 18, "version": 0}).status_code == 302
    assert RetentionPolicy.objects.get().months == 18
    assert client.post(url, {"months": 6, "version": 1}).status_code == 302
    stale = client.post(url, {"months": 24, "version": 1})
    assert stale.status_code == 200
    assert "this was saved elsewhere" in stale.content.decode()
    assert RetentionPolicy.objects.get().months == 6
    bad = client.post(url, {"months": 0, "version": 2})
    assert "greater than or equal to 1" in bad.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_CHANGED).count() == 2


def test_the_register_entry_downloads_as_json_and_csv(client: Any, lead: Any) -> None:
    org = lead.organisation
    data = json.loads(
        client.get(reverse("retention:register", args=[org.pk, "json"])).content
    )
    assert data["controller"] == org.name
    assert data["subprocessors"] == []
    assert [c["kind"] for c in data["categories"]] == [k.key for k in KINDS]
    reflection = data["categories"][0]
    assert reflection["lead"] == "no"
    assert reflection["retention"] == "removed 12 months after the period ends"
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("retention:register", args=[org.pk, "csv"])
                ).content.decode()
            )
        )
    )
    assert len(rows) == len(KINDS)
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.PROCESSING_REGISTER_EXPORTED
        ).count()
        == 2
    )


def test_the_register_csv_never_hands_a_spreadsheet_a_formula(
    client: Any, lead: Any
) -> None:
    """The organisation's name is typed by people: written as text, not run."""
    org = lead.organisation
    org.name = '=HYPERLINK("https://evil.example/","open")'
    org.save(update_fields=["name"])
    text = client.get(reverse("retention:register", args=[org.pk, "csv"])).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["controller"] for row in rows} == {"'" + org.name}


def test_declared_subprocessors_are_listed(
    client: Any, lead: Any, settings: Any
) -> None:
    settings.PRIVACY_SUBPROCESSORS = [
        {"name": "Mailer BV", "purpose": "e-mail", "location": "NL"}
    ]
    page = client.get(reverse("retention:privacy", args=[lead.organisation.pk]))
    assert "Mailer BV" in page.content.decode()
