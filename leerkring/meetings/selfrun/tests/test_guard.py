"""The equality guard: each rule fires when its pattern is there and only then;
its notices and trend never show one person's answer or name."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.meetings import personal_data
from leerkring.meetings.actions import MeetingError
from leerkring.meetings.models import EqualSpaceAnswer, Meeting, MeetingRole
from leerkring.meetings.reminders import digest_lines
from leerkring.meetings.selfrun import guard
from leerkring.meetings.selfrun.guard import Held
from leerkring.meetings.tests.conftest import Leergang, build_leergang

from .test_self_run import start

A, B, C, D = 1, 2, 3, 4
EVERYONE = frozenset({A, B, C, D})


def chaired(*chairs: int | None) -> list[Held]:
    return [Held(chair=c, checked_in=EVERYONE) for c in chairs]


# The rules, one by one (pure).


def test_chair_streak_fires_on_a_third_turn_in_a_row() -> None:
    assert guard.chair_streak(chaired(A, A, A))
    assert guard.chair_streak(chaired(B, A, A, A, C))
    assert not guard.chair_streak(chaired(A, A, B, A, A))
    assert not guard.chair_streak(chaired(None, None, None))
    # Planned meetings count: a swap can make a streak before it happens.
    assert guard.chair_streak([*chaired(A, A), Held(chair=A, held=False)])


def test_one_voice_fires_when_one_member_wrote_most_of_the_last_three() -> None:
    meetings = [
        Held(agenda_authors=(B, C, D, B)),  # outside the window of three
        Held(agenda_authors=(A, A)),
        Held(agenda_authors=(A, B)),
        Held(agenda_authors=(A,)),
    ]
    assert guard.one_voice_agenda(meetings)
    assert not guard.one_voice_progress(meetings)
    even = [Held(agenda_authors=(A, B)), Held(agenda_authors=(C, D))]
    assert not guard.one_voice_agenda(even)
    # Half is not most; and three items say too little.
    assert not guard.one_voice_agenda([Held(agenda_authors=(A, A, B, C))])
    assert not guard.one_voice_agenda([Held(agenda_authors=(A, A, A))])
    progress = [Held(progress_authors=(C, C, C, D))]
    assert guard.one_voice_progress(progress)


def test_silent_fires_for_someone_without_a_part_in_three_meetings() -> None:
    part = [
        Held(checked_in=frozenset({A, B})),
        Held(roles=frozenset({A, C})),
        Held(agenda_authors=(B,)),
    ]
    assert guard.silent(part, [A, B, C, D])  # D: no check-in, entry, item, role
    assert not guard.silent(part, [A, B, C])
    with_entry = [*part[:2], Held(agenda_authors=(B,), progress_authors=(D,))]
    assert not guard.silent(with_entry, [A, B, C, D])
    assert not guard.silent(part[:2], [A, B, C, D])  # fewer than three held


def test_equal_space_drop_fires_on_a_fall_between_group_figures() -> None:
    assert guard.equal_space_drops(
        [Held(equal_space=4.2), Held(equal_space=None), Held(equal_space=3.6)]
    )
    assert not guard.equal_space_drops([Held(equal_space=4.2), Held(equal_space=3.9)])
    assert not guard.equal_space_drops([Held(equal_space=4.5)])
    assert not guard.equal_space_drops(
        [Held(equal_space=4.5), Held(equal_space=2.0, held=False)]
    )


def test_fired_lists_the_rules_and_the_texts_name_no_one() -> None:
    meetings = [
        Held(chair=A, agenda_authors=(A, A, A, A), equal_space=4.5),
        Held(chair=A, equal_space=4.0),
        Held(chair=A, equal_space=3.0),
    ]
    names = guard.fired(meetings, [A, B])
    assert names == [
        guard.CHAIR_STREAK,
        guard.ONE_VOICE_AGENDA,
        guard.SILENT,
        guard.EQUAL_SPACE_DROP,
    ]
    for language in ("nl", "en"):
        with translation.override(language):
            texts = [guard.notice_text(name) for name in names]
            assert all(texts)
            assert len(set(texts)) == len(texts)


# With the database: what the community and the visiting coach see.


@pytest.fixture
def period(db: None) -> tuple[Leergang, LearningPeriod]:
    leergang = build_leergang(
        participants=4, start=timezone.localdate() - timedelta(days=200)
    )
    Membership.objects.filter(community=leergang.community).update(
        joined_on=timezone.localdate() - timedelta(days=300)
    )
    return leergang, start(leergang)


def _hold(period: LearningPeriod, count: int) -> list[Meeting]:
    """The first ``count`` meetings now lie in the past."""
    meetings = list(Meeting.objects.for_period(period))[:count]
    today = timezone.localdate()
    for index, meeting in enumerate(meetings):
        meeting.date = today - timedelta(days=7 * (count - index))
        meeting.save(update_fields=["date"])
    return meetings


@pytest.mark.django_db
def test_answers_are_one_per_person_and_only_for_a_week(
    period: tuple[Leergang, LearningPeriod],
) -> None:
    leergang, self_run = period
    meeting = _hold(self_run, 1)[0]
    person = leergang.participants[0]
    guard.record_equal_space(meeting=meeting, user=person, score=2)
    guard.record_equal_space(meeting=meeting, user=person, score=4)
    assert guard.own_answer(meeting, person) == 4
    assert EqualSpaceAnswer.objects.count() == 1
    later = list(Meeting.objects.for_period(self_run))[3]
    with pytest.raises(MeetingError):
        guard.record_equal_space(meeting=later, user=person, score=3)
    with pytest.raises(MeetingError):
        guard.record_equal_space(meeting=meeting, user=person, score=6)
    assert EqualSpaceAnswer.objects.count() == 1


@pytest.mark.django_db
def test_the_trend_needs_three_answers_and_shows_no_single_one(
    period: tuple[Leergang, LearningPeriod],
    client: Any,
) -> None:
    leergang, self_run = period
    first, second = _hold(self_run, 2)
    for person, score in zip(leergang.participants, (5, 5, 4), strict=False):
        EqualSpaceAnswer.objects.create(meeting=first, user=person, score=score)
    EqualSpaceAnswer.objects.create(
        meeting=second, user=leergang.participants[0], score=1
    )
    EqualSpaceAnswer.objects.create(
        meeting=second, user=leergang.participants[1], score=2
    )
    trend = guard.guard(self_run).trend
    assert trend[0]["stat"].mean == pytest.approx(14 / 3)
    assert trend[1]["stat"] is None  # two answers: no figure
    client.force_login(leergang.participants[2])
    page = client.get(
        reverse("meetings:period-overview", args=[leergang.community.pk])
        + f"?period={self_run.pk}",
    ).content.decode()
    assert "4,7" in page  # the page is in Dutch
    assert "(n = 3)" in page
    assert "minder dan 3 antwoorden" in page
    # Another member's own form never shows someone else's answer.
    form = client.get(reverse("meetings:equal-space", args=[second.pk]))
    assert "checked" not in form.content.decode()


@pytest.mark.django_db
def test_the_community_and_the_visiting_coach_see_the_same_notices_without_names(
    period: tuple[Leergang, LearningPeriod],
    client: Any,
) -> None:
    leergang, self_run = period
    held = _hold(self_run, 3)
    chair = Membership.objects.get(user=leergang.participants[0])
    MeetingRole.objects.filter(meeting__in=held).update(membership=None)
    MeetingRole.objects.filter(meeting__in=held, role="chair").update(membership=chair)
    markers = [p.display_name for p in leergang.participants]
    for person in leergang.participants:
        person.display_name = f"Zq{person.pk}marker"
        person.save(update_fields=["display_name"])
    with translation.override("en"):
        notices = guard.guard(self_run).notices
    assert any("three meetings in a row" in n for n in notices)
    assert any("no visible part" in n for n in notices)
    coming = Meeting.objects.for_period(self_run).filter(
        date__gte=timezone.localdate()
    )[0]
    Meeting.objects.filter(pk=coming.pk).update(
        with_coach=True, date=timezone.localdate() + timedelta(days=5)
    )
    now = timezone.now()
    with translation.override("en"):
        lines = digest_lines(leergang.community, now - timedelta(days=7), now)
    assert [n for n in notices if n in lines] == notices
    client.force_login(leergang.participants[1])
    page = client.get(
        reverse("meetings:period-overview", args=[leergang.community.pk])
        + f"?period={self_run.pk}",
    ).content.decode()
    assert "drie bijeenkomsten achter elkaar voorzitter" in page  # Dutch page
    for line in [*notices, *lines]:
        assert "marker" not in line
        assert not any(name in line for name in markers)


@pytest.mark.django_db
def test_no_notice_without_a_pattern(period: tuple[Leergang, LearningPeriod]) -> None:
    _leergang, self_run = period
    assert guard.guard(self_run).notices == []


@pytest.mark.django_db
def test_erasing_keeps_the_number_and_drops_the_person(
    period: tuple[Leergang, LearningPeriod],
) -> None:
    leergang, self_run = period
    meeting = _hold(self_run, 1)[0]
    person = leergang.participants[0]
    guard.record_equal_space(meeting=meeting, user=person, score=3)
    exported = personal_data.export(person)["equal_space_answers"]
    assert exported == [{"session": 1, "date": meeting.date.isoformat(), "score": 3}]
    personal_data.erase(person)
    assert EqualSpaceAnswer.objects.get().user is None
