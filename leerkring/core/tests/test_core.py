"""Health, the 503 page, the audit log and the programme lead's coach warning."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_health_reports_app_and_database(client: Any) -> None:
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"app": "ok", "database": "ok"}


def test_health_says_503_when_the_database_is_unreachable(client: Any) -> None:
    with mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError
    ):
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_pages_answer_a_friendly_503_while_the_database_is_down(client: Any) -> None:
    client.raise_request_exception = False
    with mock.patch(
        "leerkring.home.views.OrganisationRole.objects.filter",
        side_effect=OperationalError("connection refused"),
    ):
        client.force_login(MembershipFactory().user)
        response = client.get(reverse("home:home"))
    assert response.status_code == 503
    assert "database" in response.content.decode()
    # ...and the next request works again by itself.
    assert client.get(reverse("home:home")).status_code == 200


def test_the_audit_log_is_append_only() -> None:
    event = AuditEvent.objects.create(action=AuditAction.LOGIN, target="user:1")
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(target="x")


def test_denied_access_is_audited_without_content(client: Any) -> None:
    membership = MembershipFactory()
    stranger = MembershipFactory().user
    client.force_login(stranger)
    url = reverse("communities:community-detail", args=[membership.community_id])
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_DENIED)
    assert event.actor == stranger
    assert event.target == f"communities.community:{membership.community_id}:view"


def test_programme_lead_sees_the_warning_for_a_community_without_two_coaches(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.programme_lead)
    url = reverse(
        "communities:organisation-detail", args=[demo_community.organisation.pk]
    )
    page = client.get(url).content.decode()
    assert page.count("heeft 2 coaches nodig") == 1
    detail = reverse(
        "communities:community-detail", args=[demo_community.forming_community.pk]
    )
    assert "een leergang heeft er twee nodig" in client.get(detail).content.decode()
