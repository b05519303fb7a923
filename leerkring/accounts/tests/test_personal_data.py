"""Every person can take their data with them and delete their account."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.communities.models import Membership
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_export_is_a_json_file_of_my_own_data(client: Any, demo_community: Any) -> None:
    me = demo_community.participant
    client.force_login(me)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["accounts"]["email"] == me.email
    assert [m["community"] for m in data["communities"]["memberships"]] == [
        demo_community.community.name
    ]
    other = demo_community.participants[1]
    assert other.email not in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.DATA_EXPORTED, actor=me
    ).exists()


def test_deleting_needs_the_password_and_changes_nothing_without_it(
    client: Any, demo_community: Any
) -> None:
    me = demo_community.participant
    client.force_login(me)
    response = client.post(reverse("accounts:account-delete"), {"password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    me.refresh_from_db()
    assert me.is_active


def test_deleting_anonymises_me_and_keeps_the_community(
    client: Any, demo_community: Any
) -> None:
    me = demo_community.participant
    email = me.email
    client.force_login(me)
    response = client.post(
        reverse("accounts:account-delete"), {"password": "leerkring-demo"}
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert not me.is_active
    assert not me.has_usable_password()
    assert email not in me.email
    assert not User.objects.filter(email=email).exists()
    assert Membership.objects.get(user=me).status == Membership.Status.LEFT
    assert demo_community.community.memberships.active().participants().count() == 9
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DELETED).exists()
    # The person is logged out and cannot log in again.
    assert client.get(reverse("home:home")).status_code == 302
    login = client.post(
        reverse("accounts:login"), {"username": email, "password": "leerkring-demo"}
    )
    assert login.status_code == 200


def test_profile_changes_name_and_language(client: Any, demo_community: Any) -> None:
    me = demo_community.participant
    client.force_login(me)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Sanne V.", "preferred_language": "en"},
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.display_name, me.preferred_language) == ("Sanne V.", "en")


def test_profile_refuses_an_empty_name(client: Any, demo_community: Any) -> None:
    me = demo_community.participant
    client.force_login(me)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "", "preferred_language": "nl"}
    )
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.display_name == "Sanne de Vries"
