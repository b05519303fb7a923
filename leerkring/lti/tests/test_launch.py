"""LTI 1.3 launches from a platform started on 127.0.0.1: the real OIDC
login initiation, signed id_tokens, JWKS, nonces, deep linking and NRPS."""

from __future__ import annotations

import html
import re
import urllib.request
from typing import Any

import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import KeySet

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.models import AuditEvent
from leerkring.lti.models import Course, Identity, Platform
from leerkring.lti.protocol import CLAIM, DEEP_LINKING, DL_CLAIM, INSTRUCTOR, LEARNER
from leerkring.lti.views import STATE_COOKIE

from .platform import LocalPlatform

pytestmark = pytest.mark.django_db


def start(client: Any, lms: LocalPlatform, sub: str, hint: str = "") -> dict[str, str]:
    """Login initiation, then the platform's authorisation endpoint over HTTP:
    the form the browser would post to Leerkring."""
    response = client.get(reverse("lti:login"), lms.login_params(sub, hint))
    assert response.status_code == 302, response.content
    assert response.url.startswith(lms.url + "/auth?")
    with urllib.request.urlopen(response.url) as answer:  # noqa: S310
        page = answer.read().decode()
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
    return {name: html.unescape(value) for name, value in fields.items()}


def launch(client: Any, lms: LocalPlatform, sub: str, hint: str = "") -> Any:
    return client.post(reverse("lti:launch"), start(client, lms, sub, hint))


def signed_in(client: Any) -> Any:
    return client.get(reverse("lti:landing")).wsgi_request.user


def bind(client: Any, lms: LocalPlatform, demo: Any) -> Course:
    """The demo coach launches as instructor and binds the course."""
    coach = demo.coach
    lms.add("t-coach", coach.display_name, coach.email, INSTRUCTOR)
    Identity.objects.create(
        platform=Platform.objects.get(),
        subject="t-coach",
        user=coach,
    )
    launch(client, lms, "t-coach")
    client.post(reverse("lti:bind"), {"community": demo.community.pk})
    client.logout()
    return Course.objects.get()


def test_a_learner_joins_the_bound_community_as_participant(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    lms.add("s-1", "Sanne Student", "sanne@student.example.nl", LEARNER)
    landing = launch(client, lms, "s-1")
    assert landing.url == reverse("lti:landing")
    page = client.get(landing.url)
    assert page.templates[0].name == "lti/join.html"
    joined = client.post(reverse("lti:join"))
    community = demo_community.community
    assert joined.url == reverse("communities:community-detail", args=[community.pk])
    membership = community.memberships.get(user__email="sanne@student.example.nl")
    assert membership.role == Membership.Role.PARTICIPANT
    assert membership.status == Membership.Status.ACTIVE
    client.logout()
    again = launch(client, lms, "s-1")
    assert client.get(again.url).url == joined.url


def test_a_tampered_token_is_refused(client: Any, lms: LocalPlatform) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    fields = start(client, lms, "s-1")
    header, payload, signature = fields["id_token"].split(".")
    forged = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
    response = client.post(
        reverse("lti:launch"), {**fields, "id_token": f"{header}.{forged}.{signature}"}
    )
    assert response.status_code == 400
    assert not Identity.objects.exists()


def test_a_token_signed_by_another_key_is_refused(
    client: Any, lms: LocalPlatform
) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    fields = start(client, lms, "s-1")
    impostor = LocalPlatform()
    impostor.server = lms.server  # same issuer URL, its own key
    impostor.people = lms.people
    claims = jwt.decode(fields["id_token"], lms.key).claims
    fields["id_token"] = impostor.id_token(lms.people["s-1"], nonce=claims["nonce"])
    response = client.post(reverse("lti:launch"), fields)
    assert response.status_code == 400
    assert "kon niet worden gecontroleerd" in response.content.decode()


def test_a_wrong_deployment_is_refused(client: Any, lms: LocalPlatform) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    lms.launches["other"] = {"deployment_id": "someone-elses-deployment"}
    response = launch(client, lms, "s-1", hint="other")
    assert response.status_code == 400
    assert "deployment" in response.content.decode()


def test_a_replayed_launch_is_refused(client: Any, lms: LocalPlatform) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    fields = start(client, lms, "s-1")
    cookie = client.cookies[STATE_COOKIE].value
    first = client.post(reverse("lti:launch"), fields)
    assert first.status_code == 302
    client.logout()
    client.cookies[STATE_COOKIE] = cookie
    replay = client.post(reverse("lti:launch"), fields)
    assert replay.status_code == 400
    assert "al gebruikt" in replay.content.decode()


def test_a_launch_from_another_browser_is_refused(
    client: Any, lms: LocalPlatform
) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    fields = start(client, lms, "s-1")
    del client.cookies[STATE_COOKIE]
    assert client.post(reverse("lti:launch"), fields).status_code == 400


def test_an_unbound_course_tells_the_student_to_ask_the_coach(
    client: Any, lms: LocalPlatform
) -> None:
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    landing = launch(client, lms, "s-1")
    page = client.get(landing.url)
    assert page.status_code == 404
    assert "nog niet aan een learning community gekoppeld" in page.content.decode()


def test_an_unknown_platform_is_refused(client: Any, lms: LocalPlatform) -> None:
    params = {**lms.login_params("s-1"), "iss": "https://lms.elsewhere.example"}
    assert client.get(reverse("lti:login"), params).status_code == 400


def test_an_instructor_launch_never_makes_a_coach(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    lms.add("t-2", "Tom Docent", "tom@docent.example.nl", INSTRUCTOR)
    landing = launch(client, lms, "t-2")
    page = client.get(landing.url)
    assert page.status_code == 403
    assert client.post(reverse("lti:join")).status_code == 403
    assert (
        client.post(
            reverse("lti:bind"), {"community": demo_community.community.pk}
        ).status_code
        == 404
    )
    assert not demo_community.community.memberships.filter(
        user__email="tom@docent.example.nl"
    ).exists()


def test_a_participant_launching_as_instructor_stays_participant(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    participant = demo_community.participant
    lms.add("s-p", participant.display_name, participant.email, INSTRUCTOR)
    Identity.objects.create(
        platform=Course.objects.get().platform, subject="s-p", user=participant
    )
    landing = launch(client, lms, "s-p")
    community = demo_community.community
    assert client.get(landing.url).url == reverse(
        "communities:community-detail", args=[community.pk]
    )
    membership = community.memberships.get(user=participant)
    assert membership.role == Membership.Role.PARTICIPANT
    assert client.post(
        reverse("lti:deep-link"), {"meeting": demo_community.current_meeting.pk}
    ).status_code in (403, 404)


def test_a_full_community_takes_no_thirteenth_participant(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    community = demo_community.community
    free = (
        12
        - community.memberships.holding_a_place()
        .filter(role=Membership.Role.PARTICIPANT)
        .count()
    )
    for _ in range(free):
        MembershipFactory(community=community, role=Membership.Role.PARTICIPANT)
    lms.add("s-13", "Dertien", "dertien@student.example.nl", LEARNER)
    client.get(launch(client, lms, "s-13").url)
    refused = client.post(reverse("lti:join"))
    assert refused.status_code == 409
    assert "12" in refused.content.decode()
    assert not community.memberships.filter(
        user__email="dertien@student.example.nl"
    ).exists()


def test_an_existing_account_is_linked_only_by_its_owner(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    participant = demo_community.participant
    lms.add("s-x", "Someone", participant.email, LEARNER)
    response = launch(client, lms, "s-x")
    assert response.url.startswith(reverse("accounts:login"))
    assert not Identity.objects.exists()
    assert not signed_in(client).is_authenticated
    client.force_login(participant)
    client.post(reverse("lti:link"))
    assert Identity.objects.get().user == participant
    linked = AuditEvent.objects.get(action="lms_account_linked")
    assert linked.actor == participant


def test_deep_linking_places_a_signed_link_to_one_session(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    lms.launches["pick"] = {"message_type": DEEP_LINKING}
    page = client.get(launch(client, lms, "t-coach", hint="pick").url)
    assert page.templates[0].name == "lti/deep_link.html"
    meeting = demo_community.current_meeting
    answer = client.post(reverse("lti:deep-link"), {"meeting": meeting.pk})
    body = answer.content.decode()
    assert f'action="{lms.url}/deep-link-return"' in body
    assert lms.url in answer["Content-Security-Policy"]
    token = re.search(r'name="JWT" value="([^"]+)"', body).group(1)
    claims = jwt.decode(token, KeySet.import_key_set(lms.tool_jwks)).claims
    assert claims["aud"] == lms.url
    assert claims[CLAIM + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[DL_CLAIM + "data"] == "opaque-data"
    (item,) = claims[DL_CLAIM + "content_items"]
    assert item["custom"] == {"session": str(meeting.pk)}
    client.logout()
    lms.launches["session"] = {"custom": item["custom"]}
    landing = launch(client, lms, "t-coach", hint="session")
    assert client.get(landing.url).url == reverse(
        "meetings:meeting-detail", args=[meeting.pk]
    )


def test_a_coach_invites_the_course_in_one_step(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    course = bind(client, lms, demo_community)
    lms.add("s-1", "Sanne Student", "sanne@student.example.nl", LEARNER)
    lms.add("s-2", "Bram Student", "bram@student.example.nl", LEARNER)
    client.force_login(demo_community.coach)
    url = reverse("lti:course-members", args=[course.pk])
    page = client.get(url)
    assert "Sanne Student" in page.content.decode()
    assert page.context["waiting"] == 2
    client.post(url)
    community = demo_community.community
    invited = community.memberships.filter(
        user__email__in=["sanne@student.example.nl", "bram@student.example.nl"]
    )
    assert {m.status for m in invited} == {Membership.Status.INVITED}
    assert {m.role for m in invited} == {Membership.Role.PARTICIPANT}
    assert any(r["path"] == "/token" for r in lms.received)
    client.force_login(demo_community.participant)
    assert client.get(url).status_code == 404


def test_erasing_the_account_unlinks_the_lms(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    from leerkring.core import personal_data

    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    launch(client, lms, "s-1")
    user = Identity.objects.get().user
    assert personal_data.export(user)["lti"]["lms_accounts"][0]["subject"] == "s-1"
    personal_data.erase(user)
    assert not Identity.objects.exists()


def test_when_the_binding_coach_left_another_coach_invites(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    bind(client, lms, demo_community)
    community = demo_community.community
    community.memberships.filter(user=demo_community.coach).update(
        status=Membership.Status.LEFT
    )
    lms.add("s-1", "Sanne", "sanne@student.example.nl", LEARNER)
    client.get(launch(client, lms, "s-1").url)
    client.post(reverse("lti:join"))
    joined = community.memberships.get(user__email="sanne@student.example.nl")
    assert joined.status == Membership.Status.ACTIVE
    assert joined.invitation.invited_by in demo_community.coaches[1:]


def test_an_instructor_invited_by_a_coach_becomes_coach_by_accepting(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    course = bind(client, lms, demo_community)
    community = demo_community.community
    community.memberships.filter(user=demo_community.coaches[1]).update(
        status=Membership.Status.LEFT
    )
    lms.add("t-2", "Tom Docent", "tom@docent.example.nl", INSTRUCTOR)
    client.force_login(demo_community.coach)
    client.post(reverse("lti:course-members", args=[course.pk]))
    client.logout()
    invited = community.memberships.get(user__email="tom@docent.example.nl")
    assert (invited.role, invited.status) == (
        Membership.Role.COACH,
        Membership.Status.INVITED,
    )
    page = client.get(launch(client, lms, "t-2").url)
    assert page.templates[0].name == "lti/join.html"
    client.post(reverse("lti:join"))
    invited.refresh_from_db()
    assert invited.status == Membership.Status.ACTIVE


def test_inviting_never_links_an_account_that_existed(
    client: Any, lms: LocalPlatform, demo_community: Any
) -> None:
    course = bind(client, lms, demo_community)
    outsider = demo_community.alumni[0]
    lms.add("s-a", outsider.display_name, outsider.email, LEARNER)
    client.force_login(demo_community.coach)
    client.post(reverse("lti:course-members", args=[course.pk]))
    assert demo_community.community.memberships.filter(
        user=outsider, status=Membership.Status.INVITED
    ).exists()
    assert not Identity.objects.filter(subject="s-a").exists()
