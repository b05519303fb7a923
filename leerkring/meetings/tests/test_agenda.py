"""The agenda: reorder, edit, add, remove, restore — and two coaches at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.core.concurrency import Stale
from leerkring.meetings import actions
from leerkring.meetings.agenda import (
    accept_proposal,
    delete_agenda_item,
    move_agenda_item,
    propose_open_space,
    reset_agenda,
    save_agenda_item,
)
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import AgendaItem, Meeting
from leerkring.meetings.tests.conftest import Leergang
from leerkring.meetings.tests.conftest import agenda_titles as _titles

pytestmark = pytest.mark.django_db


def test_moving_an_item_swaps_it_with_its_neighbour(leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    before = _titles(meeting)
    second = AgendaItem.objects.get(meeting=meeting, title=before[1])
    move_agenda_item(
        item=second,
        version=meeting.agenda_version,
        direction="up",
    )
    assert _titles(meeting) == [before[1], before[0], *before[2:]]
    meeting.refresh_from_db()
    assert meeting.agenda_version == 2


def test_the_first_item_cannot_move_further_up(leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    before = _titles(meeting)
    first = AgendaItem.objects.get(meeting=meeting, title=before[0])
    move_agenda_item(item=first, version=1, direction="up")
    assert _titles(meeting) == before


def test_a_second_coach_saving_an_older_version_is_refused(leergang: Leergang) -> None:
    """Both coaches opened version 1; the first save wins, the second changes
    nothing and learns the current version."""
    meeting = leergang.meetings[2]
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position")[1]
    save_agenda_item(
        meeting=meeting,
        version=1,
        item=item,
        kind=item.kind,
        title="Voortgang op onze opgave",
        description="",
        minutes=25,
    )
    other = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(Stale) as conflict:
        save_agenda_item(
            meeting=meeting,
            version=1,
            item=other,
            kind=other.kind,
            title="Iets anders",
            description="",
            minutes=10,
        )
    assert conflict.value.version == 2
    assert AgendaItem.objects.get(pk=item.pk).title == "Voortgang op onze opgave"
    with pytest.raises(Stale):
        move_agenda_item(item=other, version=1, direction="down")


def test_the_conflict_page_keeps_the_text_and_shows_the_current_version(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    assert item is not None
    url = reverse("meetings:agenda-item-edit", args=[item.pk])
    data = {"kind": item.kind, "title": "", "minutes": "20", "version": "1"}
    client.force_login(leergang.coach)
    client.post(url, data | {"title": "Check-in met een kaartje"})
    client.force_login(leergang.apprentice)
    response = client.post(url, data | {"title": "Check-in in tweetallen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nu versie 2" in html
    assert 'value="Check-in in tweetallen"' in html
    assert "Check-in met een kaartje" in html  # the current version, shown
    assert response.context["form"].data["version"] == "2"
    assert AgendaItem.objects.get(pk=item.pk).title == "Check-in met een kaartje"


def test_moving_with_htmx_answers_the_agenda_and_focuses_the_moved_button(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position")[2]
    client.force_login(leergang.coach)
    response = client.post(
        reverse("meetings:agenda-item-move", args=[item.pk]),
        {"direction": "up", "version": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda"')
    assert "data-focus-after-swap" in html
    assert "versie 2" in html


def test_a_stale_move_with_htmx_shows_the_conflict_and_the_current_agenda(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position")[2]
    Meeting.objects.filter(pk=meeting.pk).update(agenda_version=5)
    client.force_login(leergang.coach)
    response = client.post(
        reverse("meetings:agenda-item-move", args=[item.pk]),
        {"direction": "up", "version": "1"},
        headers={"HX-Request": "true"},
    )
    assert "nu versie 5" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).position == 3


def test_adding_an_item_goes_over_time_and_the_page_warns(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    client.force_login(leergang.coach)
    client.post(
        reverse("meetings:agenda-item-new", args=[meeting.pk]),
        {"kind": "custom", "title": "Gastspreker", "minutes": "30", "version": "1"},
    )
    assert _titles(meeting)[-1] == "Gastspreker"  # no place chosen: at the end
    page = client.get(reverse("meetings:agenda-edit", args=[meeting.pk]))
    assert page.context["total_minutes"] == 240
    assert page.context["over_minutes"] == 30
    assert "30 minuten langer dan het dagdeel" in page.content.decode()


@pytest.mark.parametrize("minutes", ["0", "241", "tien"])
def test_bad_minutes_are_refused_next_to_the_field(
    client: Any, leergang: Leergang, minutes: str
) -> None:
    meeting = leergang.meetings[3]
    client.force_login(leergang.coach)
    response = client.post(
        reverse("meetings:agenda-item-new", args=[meeting.pk]),
        {"kind": "custom", "title": "Gastspreker", "minutes": minutes, "version": "1"},
    )
    assert response.context["new_form"].errors["minutes"]
    assert "Gastspreker" not in _titles(meeting)


def test_remove_and_restore_the_methods_agenda(leergang: Leergang) -> None:
    meeting = leergang.meetings[4]
    original = _titles(meeting)
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    delete_agenda_item(item=item, version=1)
    assert len(_titles(meeting)) == len(original) - 1
    reset_agenda(meeting=meeting, version=2)
    assert _titles(meeting) == original


def test_a_proposal_fills_the_open_space_then_adds_a_second_one(
    leergang: Leergang,
) -> None:
    meeting = leergang.meetings[3]
    first = propose_open_space(
        meeting=meeting, author=leergang.participants[0], title="Rollenspel"
    )
    second = propose_open_space(
        meeting=meeting, author=leergang.participants[1], title="Gastles toetsing"
    )
    count = len(_titles(meeting))
    item = accept_proposal(proposal=first, version=1)
    assert item.kind == ItemKind.OPEN_SPACE
    assert len(_titles(meeting)) == count
    assert leergang.participants[0].display_name in item.description
    added = accept_proposal(proposal=second, version=2)
    titles = _titles(meeting)
    assert titles.index("Gastles toetsing") == titles.index("Rollenspel") + 1
    assert added.minutes == 20
    with pytest.raises(actions.MeetingError):
        accept_proposal(proposal=first, version=3)


def test_proposals_for_a_past_session_are_refused(leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    Meeting.objects.filter(pk=meeting.pk).update(
        date=timezone.localdate().replace(year=2020)
    )
    meeting.refresh_from_db()
    with pytest.raises(actions.MeetingError):
        propose_open_space(
            meeting=meeting, author=leergang.participants[0], title="Te laat"
        )


def test_a_participant_proposes_on_the_session_page(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[1]
    client.force_login(leergang.participants[0])
    client.post(
        reverse("meetings:proposal-new", args=[meeting.pk]), {"title": "Intervisie"}
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "Intervisie" in page.content.decode()
