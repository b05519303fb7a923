"""A community's language (issue 17): the method's texts are written in it,
whoever plans; the interface stays in each person's own language; changing the
language moves the method defaults and keeps what someone edited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.accounts.models import Language
from leerkring.communities.actions import update_community
from leerkring.communities.models import Community, Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.meetings.agenda import publish_agenda
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.models import AgendaItem, Meeting
from leerkring.meetings.tests.conftest import agenda_titles, plan
from leerkring.reports import calendars, reminders
from leerkring.reports.models import local_datetime
from leerkring.reports.tests.factories import mails_to

pytestmark = pytest.mark.django_db
START = date(2031, 1, 6)


def _english_leergang() -> tuple[Any, Any, list[Meeting]]:
    community = CommunityFactory(language=Language.ENGLISH)
    coach = MembershipFactory(
        community=community,
        role=Membership.Role.COACH,
        user__preferred_language=Language.DUTCH,
    ).user
    with translation.override("nl"):  # a Dutch-speaking coach plans it
        period = create_leergang(
            community=community, actor=coach, start_date=START, sessions=plan(START)
        )
    return community, coach, list(Meeting.objects.for_period(period))


def _change_language(community: Community, language: str) -> int | None:
    community.refresh_from_db()
    return update_community(
        community=community,
        version=community.version,
        name=community.name,
        description=community.description,
        language=language,
    )


def test_a_dutch_coach_plans_an_english_community_in_english() -> None:
    _community, _coach, meetings = _english_leergang()
    assert meetings[0].professional_theme == "Professional goal setting"
    assert meetings[3].personal_question == "What do you really want?"
    assert agenda_titles(meetings[0])[1] == "Getting to know each other, playfully"
    assert "Progress on the collective goal" in agenda_titles(meetings[2])
    assert meetings[0].period.title.startswith("Coached learning period")


def test_the_method_default_shows_in_the_community_language_in_a_dutch_interface(
    client: Any,
) -> None:
    _community, coach, meetings = _english_leergang()
    client.force_login(coach)
    page = client.get(reverse("meetings:meeting-edit", args=[meetings[1].pk]))
    text = page.content.decode()
    assert "From occasion to motive" in text  # the method text: English
    assert "Van aanleiding naar motief" not in text
    assert 'lang="nl"' in text  # the interface: the coach's own language


def test_a_dutch_readers_calendar_carries_the_english_method_texts() -> None:
    _community, coach, meetings = _english_leergang()
    meeting = meetings[0]
    publish_agenda(meeting=meeting, version=meeting.agenda_version)
    meeting = Meeting.objects.select_related("period__community").get(pk=meeting.pk)
    ics = calendars.single(meeting, coach).decode().replace("\r\n ", "")
    assert "Professional goal setting" in ics
    assert "Bijeenkomst 1" in ics  # the calendar's own words: the reader's


def test_changing_the_language_moves_the_defaults_and_keeps_edited_texts() -> None:
    community, _coach, meetings = _english_leergang()
    first, second = meetings[0], meetings[1]
    publish_agenda(meeting=first, version=first.agenda_version)
    Meeting.objects.filter(pk=second.pk).update(personal_theme="Our own key")
    AgendaItem.objects.filter(meeting=second, position=2).update(
        title="Our own look back"
    )
    seen = second.version
    kept = _change_language(community, Language.DUTCH)
    assert kept == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.professional_theme == "Professioneel doelstellen"
    assert second.professional_theme == "Van aanleiding naar motief"
    assert second.personal_theme == "Our own key"
    titles = agenda_titles(second)
    assert "Our own look back" in titles
    assert "Pauze" in titles
    # The agenda the members read follows too, when it was published as it is.
    assert first.published_agenda[1]["title"] == "Speels kennismaken"
    assert not first.has_unpublished_changes
    assert second.version == seen + 1


def test_saving_without_changing_the_language_changes_no_session() -> None:
    community, _coach, meetings = _english_leergang()
    assert _change_language(community, Language.ENGLISH) is None
    assert Meeting.objects.get(pk=meetings[0].pk).version == meetings[0].version


def test_the_settings_page_says_what_the_language_change_did(client: Any) -> None:
    community, coach, meetings = _english_leergang()
    Meeting.objects.filter(pk=meetings[0].pk).update(stage="Our stage")
    client.force_login(coach)
    url = reverse("communities:community-edit", args=[community.pk])
    data = {
        "name": community.name,
        "description": "",
        "language": "nl",
        "version": community.version,
    }
    response = client.post(url, data, follow=True)
    text = response.content.decode()
    assert "staan nu in het Nederlands" in text
    assert "1 tekst die iemand heeft aangepast" in text


def test_an_unknown_language_is_refused_and_changes_nothing(client: Any) -> None:
    community, coach, meetings = _english_leergang()
    client.force_login(coach)
    url = reverse("communities:community-edit", args=[community.pk])
    data = {"name": "Other", "description": "", "language": "fr", "version": 1}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    community.refresh_from_db()
    assert (community.name, community.language) != ("Other", "fr")
    assert Meeting.objects.get(pk=meetings[0].pk).professional_theme == (
        "Professional goal setting"
    )


def test_a_stale_settings_form_is_refused_and_shows_the_saved_version(
    client: Any,
) -> None:
    community, coach, _meetings = _english_leergang()
    _change_language(community, Language.DUTCH)
    client.force_login(coach)
    url = reverse("communities:community-edit", args=[community.pk])
    data = {"name": "Stale", "description": "", "language": "en", "version": 1}
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'id="stale-heading"' in response.content.decode()
    community.refresh_from_db()
    assert community.language == Language.DUTCH
    assert community.name != "Stale"


def test_the_next_session_is_in_the_new_language_when_planned_later() -> None:
    community, coach, _meetings = _english_leergang()
    _change_language(community, Language.DUTCH)
    later = START + timedelta(days=400)
    with translation.override("en"):
        period = create_leergang(
            community=community, actor=coach, start_date=later, sessions=plan(later)
        )
    assert Meeting.objects.for_period(period)[0].stage == (
        "Holding the space of listening"
    )
    assert Meeting.objects.for_period(period)[1].personal_theme == "Sleutel tot leren"


def test_the_demo_semester_group_reads_english_method_texts(
    client: Any, demo_community: Any
) -> None:
    community = demo_community.semester_community
    assert (community.language, community.variant) == ("en", "semester")
    meetings = list(Meeting.objects.filter(period__community=community))
    assert [m.method_step for m in meetings] == [1, 2, 4, 6, 8]
    assert meetings[0].professional_theme == "Professional goal setting"
    dutch_coach = demo_community.coaches[1]
    client.force_login(dutch_coach)
    page = client.get(reverse("communities:community-detail", args=[community.pk]))
    text = page.content.decode()
    assert "Verkorte semesterversie" in text  # the interface: the coach's Dutch
    assert "the look back starts with each team" in text  # the method: English


def test_the_session_e_mail_carries_the_community_language_in_the_readers_frame() -> (
    None
):
    """A Dutch coach's reminder: Dutch around, the English method texts inside;
    an English participant's: English throughout."""
    community = CommunityFactory(language=Language.ENGLISH)
    coach = MembershipFactory(
        community=community,
        role=Membership.Role.COACH,
        user__preferred_language=Language.DUTCH,
    ).user
    reader = MembershipFactory(
        community=community, user__preferred_language=Language.ENGLISH
    ).user
    start = timezone.localdate() + timedelta(days=2)
    period = create_leergang(
        community=community, actor=coach, start_date=start, sessions=plan(start)
    )
    first = Meeting.objects.for_period(period).first()
    assert first is not None
    publish_agenda(meeting=first, version=first.agenda_version)
    reminders.run(local_datetime(timezone.localdate(), 9))
    (to_coach,) = [m for m in mails_to(coach) if "Bijeenkomst 1" in m.subject]
    assert "Professional goal setting" in to_coach.body
    assert "Getting to know each other, playfully" in to_coach.body
    (to_reader,) = [m for m in mails_to(reader) if "Session 1" in m.subject]
    assert "Professional goal setting" in to_reader.body
    assert "Professioneel doelstellen" not in to_reader.body
