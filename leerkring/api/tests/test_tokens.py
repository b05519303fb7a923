"""Personal API tokens: they authenticate their owner and only ever narrow."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.api.actions import create_token, revoke_token
from leerkring.api.models import ApiToken, digest
from leerkring.core.models import AuditEvent
from leerkring.meetings.models import AgendaItem

pytestmark = pytest.mark.django_db


def make(user: Any, scope: str = "write", communities: list[Any] | None = None) -> str:
    return create_token(
        user=user, name="t", scope=scope, days=30, communities=communities or []
    )[1]


def call(client: Any, method: str, url: str, key: str, **data: Any) -> Any:
    return getattr(client, method)(
        url,
        data=data,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


def agenda(meeting: Any, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "custom",
        "title": "Casus",
        "minutes": 20,
        "version": meeting.agenda_version,
    } | extra


def test_only_the_hash_is_stored_and_creation_is_audited(demo_community: Any) -> None:
    key = make(demo_community.coach)
    token = ApiToken.objects.get()
    assert token.key_hash == digest(key)
    assert key not in str(token.__dict__)
    assert AuditEvent.objects.filter(action="api_token_created").count() == 1


def test_a_write_token_adds_an_agenda_item_through_the_page_rules(
    client: Any, demo_community: Any
) -> None:
    meeting = demo_community.current_meeting
    key = make(demo_community.coach)
    url = reverse("api:agenda-item-add", args=[meeting.pk])
    response = call(client, "post", url, key, **agenda(meeting))
    assert response.status_code == 201, response.content
    assert AgendaItem.objects.filter(meeting=meeting, title="Casus").exists()
    too_long = call(client, "post", url, key, **agenda(meeting, minutes=500))
    assert too_long.status_code == 422
    assert "240" in too_long.json()["message"]
    stale = call(client, "post", url, key, **agenda(meeting, version=1))
    assert stale.status_code == 409


def test_unknown_fields_and_wrong_types_are_refused_clearly(
    client: Any, demo_community: Any
) -> None:
    meeting = demo_community.current_meeting
    key = make(demo_community.coach)
    url = reverse("api:agenda-item-add", args=[meeting.pk])
    before = AgendaItem.objects.count()
    extra = call(client, "post", url, key, **agenda(meeting, role="coach"))
    assert extra.status_code == 422
    assert "role" in extra.json()["message"]
    wrong = call(client, "post", url, key, **agenda(meeting, minutes="20"))
    assert wrong.status_code == 422
    assert "minutes" in wrong.json()["message"]
    assert AgendaItem.objects.count() == before


def test_a_read_token_may_not_write(client: Any, demo_community: Any) -> None:
    meeting = demo_community.current_meeting
    key = make(demo_community.coach, scope="read")
    url = reverse("api:agenda-item-add", args=[meeting.pk])
    assert call(client, "post", url, key, **agenda(meeting)).status_code == 403
    detail = reverse("api:session-detail", args=[meeting.pk])
    assert call(client, "get", detail, key).status_code == 200


def test_a_token_for_one_community_sees_no_other(
    client: Any, demo_community: Any
) -> None:
    coach = demo_community.coach
    other = demo_community.alumni_community
    key = make(coach, communities=[other])
    listed = call(client, "get", reverse("api:community-list"), key).json()
    assert [c["id"] for c in listed] == [other.pk]
    detail = reverse("api:community-detail", args=[demo_community.community.pk])
    assert call(client, "get", detail, key).status_code == 403
    meeting = reverse("api:session-detail", args=[demo_community.current_meeting.pk])
    assert call(client, "get", meeting, key).status_code == 403


def test_revoked_and_expired_tokens_no_longer_work(
    client: Any, demo_community: Any
) -> None:
    url = reverse("api:community-list")
    key = make(demo_community.coach)
    assert call(client, "get", url, key).status_code == 200
    revoke_token(token=ApiToken.objects.get(), actor=demo_community.coach)
    assert call(client, "get", url, key).status_code == 401
    assert AuditEvent.objects.filter(action="api_token_revoked").count() == 1
    fresh = make(demo_community.coach)
    ApiToken.objects.filter(key_hash=digest(fresh)).update(
        created_at=timezone.now() - timedelta(days=40),
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    assert call(client, "get", url, fresh).status_code == 401


def test_each_token_has_its_own_rate_limit(
    client: Any, demo_community: Any, settings: Any
) -> None:
    settings.API_TOKEN_RATE_LIMIT = 3
    url = reverse("api:community-list")
    key, other = make(demo_community.coach), make(demo_community.coach)
    answers = [call(client, "get", url, key).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert call(client, "get", url, other).status_code == 200


def test_the_token_page_shows_a_new_key_once(client: Any, demo_community: Any) -> None:
    client.force_login(demo_community.participant)
    url = reverse("tokens:token-list")
    made = client.post(url, {"name": "agenda", "scope": "read", "days": "30"})
    key = made.context["new_key"]
    assert key.startswith("lk_")
    assert key in made.content.decode()
    assert key not in client.get(url).content.decode()


def test_nobody_revokes_someone_elses_token(client: Any, demo_community: Any) -> None:
    make(demo_community.coach)
    token = ApiToken.objects.get()
    client.force_login(demo_community.participant)
    response = client.post(reverse("tokens:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_erasing_the_account_ends_its_tokens(client: Any, demo_community: Any) -> None:
    from leerkring.core import personal_data

    key = make(demo_community.participant)
    exported = personal_data.export(demo_community.participant)["api"]
    assert exported["api_tokens"][0]["name"] == "t"
    assert digest(key) not in str(exported)
    personal_data.erase(demo_community.participant)
    url = reverse("api:community-list")
    assert call(client, "get", url, key).status_code == 401
