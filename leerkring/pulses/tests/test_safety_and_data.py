"""The safety-climate questionnaire, a person's own data, and the demo's arc."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.pulses import actions, charts, climate, personal_data
from leerkring.pulses.models import Pulse, SafetyResponse

from .factories import PulseFactory, PulseWindowFactory, SafetyResponseFactory
from .helpers import make_group

pytestmark = pytest.mark.django_db
ANSWERS = {f"item{i}": str(v) for i, v in enumerate((2, 6, 2, 5, 3, 6, 5), start=1)}


def safety_url(group: Any) -> str:
    return reverse("pulses:safety", args=[group.community.pk])


def test_the_questionnaire_is_open_from_session_2_until_session_3(client: Any) -> None:
    group = make_group(current=2)
    client.force_login(group.participants[0])
    content = client.get(safety_url(group)).content.decode()
    assert content.count('type="radio"') == 49
    assert "Als je in deze groep een fout maakt" in content
    assert "klopt helemaal niet" in content
    today = timezone.localdate()
    rounds = climate.administrations(group.period, today=today)
    assert [r.meeting.number for r in rounds] == [2, 5, 8]
    assert [r.is_open for r in rounds] == [True, False, False]
    assert rounds[0].closes == group.meeting(3).date


def test_a_participant_answers_once_and_may_change_it_while_open(client: Any) -> None:
    group = make_group(current=2)
    client.force_login(group.participants[0])
    assert client.post(safety_url(group), ANSWERS).status_code == 302
    client.post(safety_url(group), {**ANSWERS, "item4": "7"})
    response = SafetyResponse.objects.get()
    assert (response.user, response.item4) == (group.participants[0], 7)
    assert (
        'value="7" id="id_item4_6" required checked'
        in client.get(safety_url(group)).content.decode()
    )


def test_a_missing_item_is_explained_and_nothing_is_saved(client: Any) -> None:
    group = make_group(current=2)
    client.force_login(group.participants[0])
    response = client.post(safety_url(group), {**ANSWERS, "item3": ""})
    assert "Kies een getal." in response.content.decode()
    assert not SafetyResponse.objects.exists()


def test_after_the_round_closed_answers_are_refused() -> None:
    group = make_group(current=3)
    with pytest.raises(actions.PulseError, match="is gesloten"):
        actions.record_safety_response(
            meeting=group.meeting(2), user=group.participants[0], answers=[4] * 7
        )
    with pytest.raises(actions.PulseError):
        actions.record_safety_response(
            meeting=group.meeting(3), user=group.participants[0], answers=[4] * 7
        )


def test_the_trend_needs_three_answers_per_round(client: Any) -> None:
    group = make_group(current=3)
    for person in group.participants[:2]:
        SafetyResponseFactory(meeting=group.meeting(2), user=person)
    client.force_login(group.lead)
    page = client.get(reverse("pulses:arc", args=[group.community.pk])).content
    assert "minder dan 3" in page.decode()
    assert climate.administrations(group.period)[0].score is None
    SafetyResponseFactory(meeting=group.meeting(2), user=group.participants[2])
    rounds = climate.administrations(group.period)
    assert (rounds[0].answers, rounds[0].score) == (3, pytest.approx(39 / 7))
    page = client.get(reverse("pulses:arc", args=[group.community.pk])).content
    assert "<td>5,6</td>" in page.decode()


def test_a_moved_session_moves_its_round() -> None:
    group = make_group(current=2)
    later = timezone.localdate() + datetime.timedelta(days=7)
    group.meeting(2).date = later
    group.meeting(2).save()
    assert climate.open_administration(group.period) is None


def test_export_holds_the_persons_own_answers_only() -> None:
    group = make_group()
    window = PulseWindowFactory(meeting=group.meeting(1))
    PulseFactory(window=window, user=group.participants[0], word="mijn", note="n")
    PulseFactory(window=window, user=group.participants[1], word="andermans")
    SafetyResponseFactory(meeting=group.meeting(2), user=group.participants[0])
    data = personal_data.export(group.participants[0])
    assert [c["word"] for c in data["check_ins"]] == ["mijn"]
    assert data["check_ins"][0]["session"] == 1
    assert data["safety_climate"][0]["score"] == round(39 / 7, 2)


def test_erasing_keeps_the_numbers_and_drops_the_person_word_and_note() -> None:
    """The group's arc is the same after someone erased their data."""
    group = make_group(participants=3)
    window = PulseWindowFactory(meeting=group.meeting(1))
    for person in group.participants:
        PulseFactory(window=window, user=person, energy=2, note="privé")
    SafetyResponseFactory(meeting=group.meeting(2), user=group.participants[0])
    before = charts.period_arc(group.period)
    personal_data.erase(group.participants[0])
    erased = Pulse.objects.get(user=None)
    assert (erased.energy, erased.word, erased.note) == (2, "", "")
    assert SafetyResponse.objects.get().user is None
    assert charts.period_arc(group.period).points == before.points
    assert personal_data.export(group.participants[0]) == {
        "check_ins": [],
        "safety_climate": [],
    }


def test_the_demo_has_a_believable_arc_and_a_live_check_in(demo_community: Any) -> None:
    arc = charts.period_arc(demo_community.period)
    shown = [p.number for p in arc.shown_points]
    assert shown == [1, 2, 3, 4]
    assert arc.current == 4
    collective = [arc.points[n - 1].mean("collective") or 0 for n in shown]
    assert collective == sorted(collective)  # tension builds towards 3–4
    energy = arc.points[0].mean("energy") or 0
    assert energy > (arc.points[2].mean("energy") or 0)
    assert [n.kind for n in arc.notes] == ["safety_drop"]
    live = Pulse.objects.filter(window__meeting=demo_community.current_meeting)
    assert live.count() == 4
    assert live.first().window.is_open
    rounds = climate.administrations(demo_community.period)
    assert (rounds[0].meeting.number, rounds[0].answers) == (2, 8)
