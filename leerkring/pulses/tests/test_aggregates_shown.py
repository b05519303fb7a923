"""The minimum of three answers on every page, partial and chart that shows a
group figure; individual answers reach only the person and the coaches."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.meetings.models import Attendance
from leerkring.pulses import charts
from leerkring.pulses.models import Pulse

from .factories import PulseFactory, PulseWindowFactory
from .helpers import answer_all, make_group

pytestmark = pytest.mark.django_db


def live_url(group: Any, number: int = 1) -> str:
    return reverse(
        "pulses:pulse-live",
        args=[group.community.pk, group.meeting(number).pk, "check_in"],
    )


def with_answers(count: int) -> Any:
    group = make_group(participants=5)
    window = PulseWindowFactory(meeting=group.meeting(1))
    for index, person in enumerate(group.participants[:count]):
        PulseFactory(window=window, user=person, energy=5, word=f"woord{index}")
    return group


@pytest.mark.parametrize("htmx", [False, True])
def test_the_live_view_shows_no_distribution_or_words_for_two_answers(
    client: Any, htmx: bool
) -> None:
    group = with_answers(2)
    client.force_login(group.coach)
    headers = {"HX-Request": "true"} if htmx else {}
    content = client.get(live_url(group), headers=headers).content.decode()
    assert "2 van 5 deelnemers hebben geantwoord" in content
    assert "woord0" not in content
    assert 'class="table distribution"' not in content
    assert "zodra minstens 3 mensen hebben geantwoord" in content


@pytest.mark.parametrize("htmx", [False, True])
def test_the_live_view_shows_distribution_and_words_from_three_answers(
    client: Any, htmx: bool
) -> None:
    group = with_answers(3)
    client.force_login(group.coach)
    headers = {"HX-Request": "true"} if htmx else {}
    content = client.get(live_url(group), headers=headers).content.decode()
    assert "3 van 5 deelnemers hebben geantwoord" in content
    assert content.count('class="table distribution"') == 4
    assert "woord0" in content
    assert "woord2" in content
    assert '<span class="bar w-100" aria-hidden="true"></span> 3' in content


def test_once_attendance_is_taken_the_count_is_out_of_those_present(
    client: Any,
) -> None:
    group = with_answers(3)
    meeting = group.meeting(1)
    for index, membership in enumerate(
        Membership.objects.filter(
            community=group.community, user__in=group.participants
        )
    ):
        Attendance.objects.create(
            meeting=meeting, membership=membership, present=index < 4
        )
    client.force_login(group.coach)
    content = client.get(live_url(group)).content.decode()
    assert "3 van 4 deelnemers hebben geantwoord" in content


def test_the_live_partial_keeps_polling_while_open_and_updates_the_count(
    client: Any,
) -> None:
    group = with_answers(3)
    client.force_login(group.coach)
    content = client.get(live_url(group), headers={"HX-Request": "true"}).content
    text = content.decode()
    assert "<html" not in text
    assert 'hx-trigger="every 3s"' in text
    assert 'id="live-count" hx-swap-oob="true"' in text
    Pulse.objects.get(user=group.participants[0]).window.close()
    text = client.get(live_url(group), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in text


def test_the_live_view_never_shows_notes(client: Any) -> None:
    group = with_answers(3)
    Pulse.objects.update(note="Ik twijfel of ik erbij hoor")
    client.force_login(group.coach)
    assert "twijfel" not in client.get(live_url(group)).content.decode()


def _arc_page(client: Any, group: Any, user: Any) -> str:
    client.force_login(user)
    return client.get(reverse("pulses:arc", args=[group.community.pk])).content.decode()


def _svg(client: Any, group: Any, user: Any) -> bytes:
    client.force_login(user)
    response = client.get(reverse("pulses:arc-svg", args=[group.community.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src" not in csp
    return bytes(response.content)


def test_two_answers_give_no_figure_on_the_arc_page_or_chart(client: Any) -> None:
    """The chart with two answers is exactly the chart with none."""
    group = make_group(participants=4)
    empty_svg = _svg(client, group, group.lead)
    answer_all(group.meeting(1), group.participants[:2], energy=1)
    assert _svg(client, group, group.lead) == empty_svg
    for viewer in (group.lead, group.coach, group.participants[3]):
        page = _arc_page(client, group, viewer)
        assert "minder dan 3" in page
        assert "Nog niet genoeg check-ins" in page


def test_three_answers_give_a_figure_on_the_arc_page_and_chart(client: Any) -> None:
    group = make_group(participants=4)
    empty_svg = _svg(client, group, group.lead)
    answer_all(group.meeting(1), group.participants[:3], energy=1)
    assert _svg(client, group, group.lead) != empty_svg
    page = _arc_page(client, group, group.lead)
    assert "1,0 (1,0–1,0)" in page
    assert "Energie: 1,0 in bijeenkomst 1" in page


def test_programme_leads_and_other_participants_never_get_someones_own_line(
    client: Any,
) -> None:
    group = make_group(participants=4)
    answer_all(group.meeting(1), group.participants[:1], energy=1)
    me, other = group.participants[0], group.participants[1]
    assert "Jij (collectief" in _arc_page(client, group, me)
    for viewer in (other, group.lead, group.coach):
        page = _arc_page(client, group, viewer)
        assert "Jij (collectief" not in page
        assert "stippellijn" not in page
    assert _svg(client, group, other) == _svg(client, group, group.lead)
    assert _svg(client, group, me) != _svg(client, group, group.lead)


def test_notes_about_flatness_and_safety_are_for_coaches_only(client: Any) -> None:
    group = make_group(participants=3, current=3)
    for number in (1, 2, 3):
        answer_all(group.meeting(number), group.participants, safety=5 - number)
    coach_page = _arc_page(client, group, group.coach)
    assert "De boog blijft vlak op het collectief resultaatspoor" in coach_page
    assert "De ervaren veiligheid daalde van 4,0 in bijeenkomst 1" in coach_page
    for viewer in (group.participants[0], group.lead):
        assert "Voor de coaches" not in _arc_page(client, group, viewer)


def test_the_coaches_notes_on_the_arc_are_closed_until_opened(client: Any) -> None:
    """The arc may be on the projector: its notes for coaches start folded away."""
    group = make_group(participants=3, current=3)
    for number in (1, 2, 3):
        answer_all(group.meeting(number), group.participants, safety=5 - number)
    page = _arc_page(client, group, group.coach)
    assert '<details class="warning arc-notes">' in page
    assert "<summary>Voor de coaches (4)</summary>" in page  # flat ×3, safety ×1


def test_the_arc_svg_for_pdfs_is_markup_with_the_phases() -> None:
    group = make_group(participants=3)
    answer_all(group.meeting(1), group.participants)
    svg = charts.arc_svg(group.period)
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    assert "Kickstart" in svg
    assert "Landing" in svg


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("pulses:arc", "coach"),
        ("pulses:arc", "participant"),
        ("pulses:checkin", "coach"),
        ("pulses:checkin", "participant"),
        ("live", "coach"),
    ],
)
def test_query_counts_do_not_grow_with_answers(
    client: Any, django_assert_max_num_queries: Any, name: str, who: str
) -> None:
    counts = []
    for size in (3, 12):
        group = make_group(participants=size, current=4)
        for number in (1, 2, 3, 4):
            answer_all(group.meeting(number), group.participants)
        user = group.coach if who == "coach" else group.participants[0]
        client.force_login(user)
        url = (
            live_url(group, 4)
            if name == "live"
            else reverse(name, args=[group.community.pk])
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(10):
        client.get(url)


def _svg_width_px(svg: str) -> float:
    points = re.search(r'<svg[^>]* width="([\d.]+)pt"', svg)
    assert points is not None
    return float(points.group(1)) * 4 / 3


def test_a_phone_gets_a_narrow_chart_whose_text_stays_legible(client: Any) -> None:
    """At 390 px the page's chart is about 358 px wide: the wide drawing (768 px)
    shrank its 9 pt text to ~5 px there; the narrow one keeps it at ~10 px."""
    group = make_group(participants=3)
    answer_all(group.meeting(1), group.participants)
    client.force_login(group.coach)
    url = reverse("pulses:arc-svg", args=[group.community.pk])
    page = _arc_page(client, group, group.coach)
    assert f'media="(max-width: 40rem)" srcset="{url}?size=narrow"' in page
    narrow = client.get(url, {"size": "narrow"}).content.decode()
    text_px = 9 * 4 / 3 * 358 / _svg_width_px(narrow)
    assert text_px >= 10
    assert "Climax" in narrow
    assert _svg_width_px(client.get(url).content.decode()) > 700
