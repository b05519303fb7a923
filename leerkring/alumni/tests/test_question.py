"""Answering the coaching question: saved, changeable, guarded against stale
tabs, audited; bad input gets a translated message and changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.alumni import actions
from leerkring.alumni.models import NOTE_MAX_LENGTH, Answer, CoachingInterest
from leerkring.alumni.tests.factories import (
    CoachingInterestFactory,
    leergang_with_session_7,
)
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.concurrency import Stale
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def url(membership: Membership) -> str:
    return reverse("alumni:coaching", args=[membership.community_id])


def post(client: Any, membership: Membership, **data: Any) -> Any:
    client.force_login(membership.user)
    return client.post(url(membership), data)


def test_a_participant_answers_and_changes_their_answer(client: Any) -> None:
    """The first answer creates version 1; a change is version 2 and keeps one row."""
    membership = MembershipFactory()
    response = post(client, membership, answer="yes", note=" Ervaring met intervisie ")
    assert response.status_code == 302
    interest = CoachingInterest.objects.get(membership=membership)
    assert (interest.answer, interest.note, interest.version) == (
        Answer.YES,
        "Ervaring met intervisie",
        1,
    )
    first_answered_at = interest.answered_at

    response = post(client, membership, answer="maybe", note="", version=1)
    assert response.status_code == 302
    interest.refresh_from_db()
    assert (interest.answer, interest.note, interest.version) == (Answer.MAYBE, "", 2)
    assert interest.answered_at >= first_answered_at
    assert CoachingInterest.objects.count() == 1
    page = client.get(url(membership)).content.decode()
    assert "Misschien later — vraag het me volgende periode opnieuw" in page
    assert 'name="version" value="2"' in page


def test_every_answer_is_audited_without_its_content() -> None:
    membership = MembershipFactory()
    interest = actions.answer_coaching_question(
        membership=membership,
        actor=membership.user,
        answer=Answer.NO,
        note="privé",
        version=None,
    )
    event = AuditEvent.objects.get(action=AuditAction.COACHING_INTEREST_ANSWERED)
    assert event.actor == membership.user
    assert event.target == f"alumni.coachinginterest:{interest.pk}"
    assert "privé" not in str(event.detail)
    assert "no" not in event.detail.values()


def test_sending_the_same_answer_again_changes_nothing() -> None:
    membership = MembershipFactory()
    kwargs = {"membership": membership, "actor": membership.user, "note": ""}
    actions.answer_coaching_question(answer=Answer.YES, version=None, **kwargs)
    again = actions.answer_coaching_question(answer=Answer.YES, version=1, **kwargs)
    assert again.version == 1
    assert (
        AuditEvent.objects.filter(action=AuditAction.COACHING_INTEREST_ANSWERED).count()
        == 1
    )


def test_an_answer_from_an_old_tab_is_refused(client: Any) -> None:
    """Another window saved in between: nothing is overwritten, the saved answer is
    shown and the form carries the newer version, so sending again replaces it."""
    interest = CoachingInterestFactory(answer=Answer.YES, version=3)
    membership = interest.membership
    response = post(client, membership, answer="no", note="", version=2)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ergens anders opgeslagen" in page
    assert 'name="version" value="3"' in page
    assert re.search(r'value="no"[^>]*checked', page)  # their choice is kept
    interest.refresh_from_db()
    assert (interest.answer, interest.version) == (Answer.YES, 3)

    post(client, membership, answer="no", note="", version=3)
    interest.refresh_from_db()
    assert (interest.answer, interest.version) == (Answer.NO, 4)


def test_a_first_answer_sent_twice_from_two_tabs_is_refused_the_second_time() -> None:
    membership = MembershipFactory()
    kwargs = {"membership": membership, "actor": membership.user, "note": ""}
    actions.answer_coaching_question(answer=Answer.YES, version=None, **kwargs)
    with pytest.raises(Stale):
        actions.answer_coaching_question(answer=Answer.NO, version=None, **kwargs)
    assert CoachingInterest.objects.get().answer == Answer.YES


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "perhaps"}, "Kies een van de antwoorden."),
        ({}, "Kies een van de antwoorden."),
        (
            {"answer": "yes", "note": "x" * (NOTE_MAX_LENGTH + 1)},
            "Houd de notitie bij maximaal 2000 tekens (nu 2001).",
        ),
        (
            {"answer": "yes", "version": "twee"},
            "Herlaad de pagina en antwoord opnieuw.",
        ),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    client: Any, data: dict[str, str], message: str
) -> None:
    interest = CoachingInterestFactory(answer=Answer.MAYBE, note="oud")
    response = post(client, interest.membership, **{"version": 1, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    interest.refresh_from_db()
    assert (interest.answer, interest.note, interest.version) == (
        Answer.MAYBE,
        "oud",
        1,
    )
    assert not AuditEvent.objects.filter(
        action=AuditAction.COACHING_INTEREST_ANSWERED
    ).exists()


def test_the_action_refuses_bad_input_itself() -> None:
    """Not only the form: a caller that skips it cannot store nonsense either."""
    membership = MembershipFactory()
    kwargs = {"membership": membership, "actor": membership.user, "version": None}
    with pytest.raises(actions.CoachingAnswerError, match="Kies een van"):
        actions.answer_coaching_question(answer="perhaps", note="", **kwargs)
    with pytest.raises(actions.CoachingAnswerError, match="2000"):
        actions.answer_coaching_question(
            answer=Answer.YES, note="x" * (NOTE_MAX_LENGTH + 1), **kwargs
        )
    assert not CoachingInterest.objects.exists()


def test_only_an_active_participant_answers_for_themselves() -> None:
    participant = MembershipFactory()
    coach = MembershipFactory(
        community=participant.community, role=Membership.Role.COACH
    )
    left = MembershipFactory(status=Membership.Status.LEFT)
    for membership, actor in [
        (coach, coach.user),
        (left, left.user),
        (participant, coach.user),  # nobody answers for someone else
    ]:
        with pytest.raises(actions.CoachingAnswerError):
            actions.answer_coaching_question(
                membership=membership,
                actor=actor,
                answer=Answer.YES,
                note="",
                version=None,
            )
    assert not CoachingInterest.objects.exists()


def test_htmx_answer_swaps_the_question_with_a_thank_you(client: Any) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.post(
        url(membership), {"answer": "yes", "note": ""}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="question"')
    assert "Dank je, je antwoord is bewaard." in page
    assert 'name="version" value="1"' in page


def test_the_page_says_who_sees_the_answer_and_when_it_is_asked(client: Any) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)
    page = client.get(url(membership)).content.decode()
    assert "de coaches van deze community en de programmaleiders van" in page
    assert "ook de andere deelnemers niet" in page
    assert "vanaf bijeenkomst 7" in page  # not asked yet, may answer already

    leergang_with_session_7(membership.community, timezone.localdate())
    page = client.get(url(membership)).content.decode()
    assert "vanaf bijeenkomst 7" not in page
    assert "Ja, als coach in opleiding naast een ervaren coach" in page
