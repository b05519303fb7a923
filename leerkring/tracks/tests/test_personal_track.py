"""The individual development track: question history, qualities, and privacy."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.models import Membership, Sharing
from leerkring.core.concurrency import Stale
from leerkring.tracks import actions, personal_data
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    ProgressEntry,
    QualityPitfall,
)
from leerkring.tracks.tests.conftest import Circle
from leerkring.tracks.tests.factories import (
    LearningQuestionFactory,
    PersonalTrackFactory,
    QualityPitfallFactory,
)

pytestmark = pytest.mark.django_db


def ask(circle: Circle, base: int, text: str, **kw: Any) -> LearningQuestion:
    return actions.set_learning_question(
        period=circle.period,
        owner=kw.pop("owner", circle.participant),
        version=base,
        text=text,
        sharing=kw.pop("sharing", Sharing.COACHES),
        **kw,
    )


def test_sharpening_the_question_keeps_every_wording_as_history(
    circle: Circle,
) -> None:
    ask(circle, 0, "Hoe geef ik betere feedback?")
    question = ask(
        circle,
        1,
        "Hoe geef ik feedback die studenten gebruiken?",
        note="Beter zegt niets",
    )
    history = LearningQuestion.objects.with_history().get(pk=question.pk).history
    assert [v.text for v in history] == [
        "Hoe geef ik betere feedback?",
        "Hoe geef ik feedback die studenten gebruiken?",
    ]
    assert history[1].note == "Beter zegt niets"
    assert question.version == 2


def test_changing_only_who_may_read_keeps_the_version(circle: Circle) -> None:
    ask(circle, 0, "Hoe geef ik betere feedback?")
    question = ask(circle, 1, "Hoe geef ik betere feedback?", sharing=Sharing.COMMUNITY)
    assert (question.version, question.sharing) == (1, Sharing.COMMUNITY)
    with pytest.raises(actions.TrackError):
        ask(circle, 1, "Hoe geef ik betere feedback?", sharing=Sharing.COMMUNITY)


def test_a_question_saved_from_an_old_page_is_refused(circle: Circle) -> None:
    ask(circle, 0, "Eerste")
    ask(circle, 1, "Tweede")
    with pytest.raises(Stale) as refused:
        ask(circle, 1, "Derde, vanuit een oud tabblad")
    assert refused.value.current.current.text == "Tweede"
    assert (
        LearningQuestion.objects.filter(personal_track__period=circle.period)
        .get()
        .versions.count()
        == 2
    )


def test_my_track_shows_the_history_and_htmx_returns_the_section(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse("tracks:question-edit", args=[circle.community.pk])
    client.post(url, {"version": "0", "text": "Eerste vraag", "sharing": "coaches"})
    response = client.post(
        url,
        {
            "version": "1",
            "text": "Scherpere vraag",
            "note": "na sessie 2",
            "sharing": "coaches",
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="question"' in html
    assert "<html" not in html
    assert "Eerste vraag" in html
    assert "Scherpere vraag" in html
    assert "na sessie 2" in html
    assert 'hx-swap-oob="true"' in html


def test_an_empty_question_gets_a_message_and_changes_nothing(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse("tracks:question-edit", args=[circle.community.pk])
    response = client.post(url, {"version": "0", "text": " ", "sharing": "coaches"})
    assert response.status_code == 200
    assert "text" in response.context["question_form"].errors
    assert not LearningQuestion.objects.filter(
        personal_track__period=circle.period
    ).exists()


def test_a_quadrant_needs_its_pitfall_and_challenge(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse("tracks:quality-add", args=[circle.community.pk])
    response = client.post(
        url,
        {"quality": "Zorgzaam", "allergy": "Onverschilligheid", "sharing": "coaches"},
    )
    assert set(response.context["quality_form"].errors) == {"challenge"}
    client.post(
        url,
        {
            "quality": "Zorgzaam",
            "pitfall": "Betuttelend",
            "challenge": "Loslaten",
            "allergy": "Onverschilligheid",
            "sharing": "community",
        },
    )
    item = QualityPitfall.objects.filter(personal_track__period=circle.period).get()
    assert item.is_core_quadrant
    assert item.sharing == Sharing.COMMUNITY


def test_only_the_owner_edits_and_removes_a_quality(
    circle: Circle, client: Any
) -> None:
    track = PersonalTrackFactory(period=circle.period, owner=circle.participant)
    item = QualityPitfallFactory(personal_track=track, sharing=Sharing.COMMUNITY)
    url = reverse("tracks:quality-edit", args=[item.pk])
    client.force_login(circle.coach)
    assert (
        client.post(url, {"quality": "Anders", "sharing": "coaches"}).status_code == 404
    )
    client.force_login(circle.participant)
    client.post(url, {"quality": "Geduldig", "pitfall": "Traag", "sharing": "coaches"})
    item.refresh_from_db()
    assert (item.quality, item.sharing) == ("Geduldig", Sharing.COACHES)
    client.post(reverse("tracks:quality-delete", args=[item.pk]))
    assert not QualityPitfall.objects.filter(
        personal_track__period=circle.period
    ).exists()


@pytest.mark.parametrize("sharing", [Sharing.COACHES, Sharing.COMMUNITY])
def test_who_reads_a_private_item(circle: Circle, sharing: str) -> None:
    """Owner and coaches always; co-members only when shared; never leads,
    superusers or coaches of another community."""
    track = PersonalTrackFactory(period=circle.period, owner=circle.participant)
    question = LearningQuestionFactory(personal_track=track, sharing=sharing)
    quality = QualityPitfallFactory(personal_track=track, sharing=sharing)
    shared = sharing == Sharing.COMMUNITY
    expected = {
        circle.participant: True,
        circle.coach: True,
        circle.apprentice: True,
        circle.fellow: shared,
        circle.other_coach: False,
        circle.lead: False,
        circle.superuser: False,
    }
    for user, may in expected.items():
        assert LearningQuestion.objects.visible_to(user).contains(question) is may
        assert QualityPitfall.objects.visible_to(user).contains(quality) is may


def test_a_participant_who_left_no_longer_reads_shared_items(circle: Circle) -> None:
    track = PersonalTrackFactory(period=circle.period, owner=circle.participant)
    question = LearningQuestionFactory(personal_track=track, sharing=Sharing.COMMUNITY)
    Membership.objects.filter(user=circle.fellow).update(status=Membership.Status.LEFT)
    assert not LearningQuestion.objects.visible_to(circle.fellow).exists()
    Membership.objects.filter(user=circle.participant).update(
        status=Membership.Status.LEFT
    )
    assert LearningQuestion.objects.visible_to(circle.participant).contains(question)


def test_a_fellow_participant_sees_only_what_was_shared(
    circle: Circle, client: Any
) -> None:
    track = PersonalTrackFactory(
        period=circle.period,
        owner=circle.participant,
        mission="Geheime missie",
        mission_sharing=Sharing.COACHES,
    )
    LearningQuestionFactory(
        personal_track=track, sharing=Sharing.COACHES, first__text="Geheime vraag"
    )
    QualityPitfallFactory(
        personal_track=track, quality="Open", sharing=Sharing.COMMUNITY
    )
    QualityPitfallFactory(
        personal_track=track, quality="Dicht", sharing=Sharing.COACHES
    )
    client.force_login(circle.fellow)
    html = client.get(reverse("tracks:person", args=[track.pk])).content.decode()
    assert "Open" in html
    for secret in ("Geheime missie", "Geheime vraag", "Dicht"):
        assert secret not in html
    overview = client.get(reverse("tracks:overview", args=[circle.community.pk]))
    assert "Geheime vraag" not in overview.content.decode()
    client.force_login(circle.coach)
    html = client.get(reverse("tracks:person", args=[track.pk])).content.decode()
    for secret in ("Geheime missie", "Geheime vraag", "Dicht"):
        assert secret in html


def test_the_tabs_depend_on_the_role(circle: Circle, client: Any) -> None:
    url = reverse("tracks:collective", args=[circle.community.pk])
    client.force_login(circle.participant)
    html = client.get(url).content.decode()
    assert reverse("tracks:my-track", args=[circle.community.pk]) in html
    client.force_login(circle.coach)
    html = client.get(url).content.decode()
    assert reverse("tracks:overview", args=[circle.community.pk]) in html
    assert reverse("tracks:my-track", args=[circle.community.pk]) not in html


def test_export_holds_the_private_track_and_erase_removes_it(circle: Circle) -> None:
    ask(circle, 0, "Hoe geef ik betere feedback?")
    ask(circle, 1, "Hoe vragen studenten zelf om feedback?")
    actions.add_quality(
        period=circle.period,
        owner=circle.participant,
        quality="Zorgzaam",
        sharing="coaches",
    )
    actions.edit_collective_track(
        period=circle.period,
        actor=circle.participant,
        version=0,
        ambition="Toetsing helpt leren.",
        goal="",
        assignment_do="",
        assignment_result="",
        strategic_goal="",
        sdgs=[],
    )
    actions.add_progress_entry(
        period=circle.period, actor=circle.participant, kind="success", text="Gelukt"
    )
    data = personal_data.export(circle.participant)
    versions = data["personal_tracks"][0]["learning_question"]["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert data["personal_tracks"][0]["qualities"][0]["quality"] == "Zorgzaam"
    assert data["progress_entries"][0]["text"] == "Gelukt"

    personal_data.erase(circle.participant)
    assert not PersonalTrack.objects.filter(period=circle.period).exists()
    assert not LearningQuestion.objects.filter(
        personal_track__period=circle.period
    ).exists()
    entry = ProgressEntry.objects.filter(
        track__period=circle.period
    ).get()  # the community's history stays …
    version = CollectiveTrackVersion.objects.filter(track__period=circle.period).get()
    assert entry.author is None
    assert entry.author_name == ""
    assert version.author is None
    assert version.author_name == ""


def test_erase_keeps_the_name_in_shared_history_when_agreed(circle: Circle) -> None:
    actions.set_name_consent(user=circle.participant, keep_name=True)
    actions.add_progress_entry(
        period=circle.period, actor=circle.participant, kind="success", text="Gelukt"
    )
    personal_data.erase(circle.participant)
    entry = ProgressEntry.objects.filter(track__period=circle.period).get()
    assert entry.author is None
    assert entry.author_name == circle.participant.display_name


def test_changing_who_may_read_is_audited_without_content(circle: Circle) -> None:
    from leerkring.core.models import AuditAction, AuditEvent

    ask(circle, 0, "Hoe geef ik betere feedback?")
    question = ask(circle, 1, "Hoe geef ik betere feedback?", sharing=Sharing.COMMUNITY)
    event = AuditEvent.objects.filter(action=AuditAction.SHARING_CHANGED).get(
        target=f"tracks.learningquestion:{question.pk}"
    )
    assert event.actor == circle.participant
    assert event.detail == {"before": "coaches", "after": "community"}
    assert "feedback" not in str(event.detail)
