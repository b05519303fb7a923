"""The collective result track: versions, diffs, concurrency, progress, look back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from leerkring.core.concurrency import Stale
from leerkring.core.diff import compare
from leerkring.tracks import actions
from leerkring.tracks.models import (
    SDG,
    CollectiveTrack,
    CollectiveTrackVersion,
    ProgressEntry,
)
from leerkring.tracks.pages import current_version, version_changes
from leerkring.tracks.tests.conftest import Circle

pytestmark = pytest.mark.django_db

FIELDS = {
    "goal": "Vier opleidingen werken met feedforward.",
    "assignment_do": "samen met studenten beoordelingen herontwerpen",
    "assignment_result": "vier herontworpen beoordelingen",
    "strategic_goal": "",
    "sdgs": [4],
}


def edit(circle: Circle, base: int, ambition: str, **extra: Any) -> Any:
    return actions.edit_collective_track(
        period=circle.period,
        actor=extra.pop("actor", circle.participant),
        version=base,
        ambition=ambition,
        **{**FIELDS, **extra},
    )


def test_every_edit_is_a_new_version_with_author_and_time(circle: Circle) -> None:
    first = edit(circle, 0, "Toetsing helpt leren.")
    second = edit(circle, 1, "Toetsing helpt studenten leren.", actor=circle.coach)
    track = CollectiveTrack.objects.get(period=circle.period)
    assert track.version == 2
    assert [v.number for v in track.versions.order_by("number")] == [1, 2]
    assert (first.author, second.author) == (circle.participant, circle.coach)
    assert second.author_name == circle.coach.display_name
    assert second.created_at >= first.created_at


def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(
    circle: Circle,
) -> None:
    edit(circle, 0, "Versie van Sanne.")
    edit(circle, 1, "Versie van Pieter.", actor=circle.fellow)
    with pytest.raises(Stale) as refused:
        edit(circle, 1, "Versie van Sanne, later opgeslagen.")
    assert current_version(refused.value.current).ambition == "Versie van Pieter."
    assert (
        CollectiveTrackVersion.objects.filter(track__period=circle.period).count() == 2
    )


def test_saving_the_same_content_again_is_refused(circle: Circle) -> None:
    edit(circle, 0, "Toetsing helpt leren.")
    with pytest.raises(actions.TrackError):
        edit(circle, 1, "Toetsing helpt leren.")
    assert (
        CollectiveTrackVersion.objects.filter(track__period=circle.period).count() == 1
    )


def test_the_edit_page_refuses_a_stale_save_and_shows_the_current_version(
    circle: Circle, client: Any
) -> None:
    edit(circle, 0, "De eerste ambitie.")
    edit(circle, 1, "De ambitie van iemand anders.", actor=circle.fellow)
    client.force_login(circle.participant)
    url = reverse("tracks:collective-edit", args=[circle.community.pk])
    response = client.post(url, {"version": "1", "ambition": "Mijn versie."})
    assert response.status_code == 200
    assert "ergens anders opgeslagen" in response.content.decode()
    assert "De ambitie van iemand anders." in response.content.decode()
    assert response.context["form"].data["version"] == "2"
    assert response.context["form"].data["ambition"] == "Mijn versie."
    assert (
        CollectiveTrackVersion.objects.filter(track__period=circle.period).count() == 2
    )


def test_the_edit_form_needs_an_ambition_and_both_halves_of_the_assignment(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse("tracks:collective-edit", args=[circle.community.pk])
    response = client.post(
        url, {"version": "0", "ambition": "  ", "assignment_do": "iets doen"}
    )
    form = response.context["form"]
    assert set(form.errors) == {"ambition", "assignment_result"}
    assert not CollectiveTrack.objects.filter(period=circle.period).exists()


def test_a_valid_edit_redirects_to_the_track_with_the_sdgs(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.coach)
    url = reverse("tracks:collective-edit", args=[circle.community.pk])
    response = client.post(
        url,
        {
            "version": "0",
            "ambition": "Toetsing als gesprek.",
            "sdgs": ["4", "10"],
            "note": "Eerste versie",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("tracks:collective", args=[circle.community.pk]))
    assert "Toetsing als gesprek." in page.content.decode()
    assert page.context["current"].sdgs == [SDG.EDUCATION, SDG.INEQUALITY]


def test_word_diff_marks_what_was_removed_and_added() -> None:
    segments = compare("feedback komt op tijd", "feedback komt snel en op tijd")
    assert ("added", "snel en ") in segments
    assert "".join(t for op, t in segments if op != "removed") == (
        "feedback komt snel en op tijd"
    )
    assert "".join(t for op, t in segments if op != "added") == (
        "feedback komt op tijd"
    )


def test_the_history_shows_per_field_what_changed(circle: Circle, client: Any) -> None:
    edit(circle, 0, "Toetsing helpt leren.", sdgs=[4])
    edit(circle, 1, "Toetsing helpt samen leren.", sdgs=[4, 10], goal="Nieuw doel.")
    versions = list(
        CollectiveTrackVersion.objects.filter(track__period=circle.period).order_by(
            "number"
        )
    )
    changes = version_changes(versions[0], versions[1])
    labels = [str(c["label"]) for c in changes]
    assert len(labels) == 3  # ambition, goal, SDGs; unchanged fields are left out
    sdgs = changes[-1]
    assert [str(x) for x in sdgs["added"]] == [str(SDG.INEQUALITY.label)]
    client.force_login(circle.fellow)
    page = client.get(reverse("tracks:collective-history", args=[circle.community.pk]))
    html = page.content.decode()
    assert "<ins>" in html
    assert "samen" in html
    assert page.context["rows"][0]["version"].number == 2


def test_any_member_adds_progress_and_htmx_gets_the_timeline(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.apprentice)
    url = reverse("tracks:progress-add", args=[circle.community.pk])
    response = client.post(
        url,
        {"kind": "setback", "text": "Het rooster zit vol.", "meeting": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="progress"' in html
    assert "Het rooster zit vol." in html
    assert "<html" not in html
    entry = ProgressEntry.objects.filter(track__period=circle.period).get()
    assert (entry.author, entry.meeting, entry.kind) == (
        circle.apprentice,
        None,
        "setback",
    )


def test_a_progress_date_outside_the_period_is_refused(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse("tracks:progress-add", args=[circle.community.pk])
    too_late = circle.period.end_date + timedelta(days=1)
    response = client.post(
        url, {"kind": "success", "text": "Gelukt!", "happened_on": too_late}
    )
    assert "happened_on" in response.context["progress_form"].errors
    assert not ProgressEntry.objects.filter(track__period=circle.period).exists()


def test_a_progress_entry_tied_to_a_session_takes_its_date(circle: Circle) -> None:
    meeting = circle.meetings[1]
    entry = actions.add_progress_entry(
        period=circle.period,
        actor=circle.participant,
        kind="decision",
        text="We kiezen voor één rubric.",
        meeting=meeting,
    )
    assert entry.happened_on == meeting.date


def test_the_look_back_shows_what_happened_since_the_previous_session(
    circle: Circle,
) -> None:
    first, second, third, _fourth = circle.meetings

    def add(text: str, **kw: Any) -> None:
        actions.add_progress_entry(
            period=circle.period,
            actor=circle.participant,
            kind="success",
            text=text,
            **kw,
        )

    add("in sessie 1", meeting=first)
    add("tussen 1 en 2", happened_on=first.date + timedelta(days=3))
    add("in sessie 2", meeting=second)
    add("tussen 2 en 3", happened_on=second.date + timedelta(days=3))
    add("in sessie 3", meeting=third)
    texts = {e.text for e in ProgressEntry.objects.for_look_back(third)}
    assert texts == {"in sessie 2", "tussen 2 en 3"}
    texts = {e.text for e in ProgressEntry.objects.for_look_back(first)}
    assert texts == set()


def test_the_programme_lead_sees_only_a_summary(circle: Circle, client: Any) -> None:
    edit(circle, 0, "Toetsing helpt leren.")
    actions.add_progress_entry(
        period=circle.period, actor=circle.participant, kind="setback", text="Geheim"
    )
    client.force_login(circle.lead)
    page = client.get(reverse("tracks:collective", args=[circle.community.pk]))
    html = page.content.decode()
    assert "Toetsing helpt leren." in html
    assert "Geheim" not in html
    assert page.context["entries"] == []
    assert dict(page.context["counts"])[str(ProgressEntry.Kind.SETBACK.label)] == 1


def test_a_member_who_left_is_named_only_if_they_agreed(circle: Circle) -> None:
    from leerkring.communities.models import Membership
    from leerkring.tracks.people import NameBook

    leaver = circle.add_participant()
    actions.add_progress_entry(
        period=circle.period, actor=leaver, kind="success", text="Gelukt"
    )
    Membership.objects.filter(user=leaver).update(status=Membership.Status.LEFT)
    entry = ProgressEntry.objects.filter(track__period=circle.period).get()
    book = NameBook(circle.community.pk, [leaver])
    with translation.override("en"):
        assert book.name(entry.author, entry.author_name) == "a former member"
    actions.set_name_consent(user=leaver, keep_name=True)
    book = NameBook(circle.community.pk, [leaver])
    assert book.name(entry.author, entry.author_name) == leaver.display_name
