"""Home page, health, the audit log and the demo organisation."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.demo import CURRENT_SESSION, DEMO_LOGINS
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
        "leerkring.core.views.OrganisationRole.objects.filter",
        side_effect=OperationalError("connection refused"),
    ):
        client.force_login(MembershipFactory().user)
        response = client.get(reverse("core:home"))
    assert response.status_code == 503
    assert "database" in response.content.decode()
    # ...and the next request works again by itself.
    assert client.get(reverse("core:home")).status_code == 200


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


def test_the_demo_is_a_community_in_the_middle_of_its_leergang(
    demo_community: Any,
) -> None:
    demo = demo_community
    memberships = demo.community.memberships.active()
    assert memberships.participants().count() == 10
    assert memberships.filter(role=Membership.Role.COACH).count() == 2
    assert demo.current_meeting.number == CURRENT_SESSION
    assert demo.current_meeting.date == demo.today
    assert demo.coach.email == DEMO_LOGINS["coach"]
    assert demo.participant.email == DEMO_LOGINS["participant"]
    assert demo.programme_lead.email == DEMO_LOGINS["programme_lead"]


def test_home_lists_my_communities_with_role_and_next_session(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.participant)
    response = client.get(reverse("core:home"))
    page = response.content.decode()
    assert demo_community.community.name in page
    assert "Deelnemer" in page
    assert f"bijeenkomst {CURRENT_SESSION}" in page


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


def test_home_and_community_pages_do_not_grow_in_queries(
    client: Any, demo_community: Any
) -> None:
    """The same number of queries for a coach of 1 community and of 21."""
    user = demo_community.coach
    client.force_login(user)
    pages = [
        reverse("core:home"),
        reverse("communities:community-detail", args=[demo_community.community.pk]),
    ]

    def counts() -> list[int]:
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    small = counts()
    assert small[0] <= 13, small  # 5 for the page, 8 for the coach's to-do list
    # The tabs share the page's membership lookup; one for pending role changes.
    assert small[1] <= 8, small
    for _ in range(20):
        MembershipFactory(user=user, role=Membership.Role.COACH)
    assert counts() == small
