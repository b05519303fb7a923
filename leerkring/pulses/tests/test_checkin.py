"""Participants check in and out: one answer each, only while it is open."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.pulses import actions
from leerkring.pulses.models import Moment, Pulse, PulseWindow

from .factories import PulseFactory, PulseWindowFactory
from .helpers import ANSWER, make_group

pytestmark = pytest.mark.django_db


def answer_url(group: Any, number: int = 1, moment: str = "check_in") -> str:
    return reverse(
        "pulses:pulse-answer",
        args=[group.community.pk, group.meeting(number).pk, moment],
    )


def test_a_participant_sees_the_open_check_in_on_the_tab(client: Any) -> None:
    group = make_group()
    PulseWindowFactory(meeting=group.meeting(1))
    client.force_login(group.participants[0])
    response = client.get(reverse("pulses:checkin", args=[group.community.pk]))
    content = response.content.decode()
    assert "Check-in · bijeenkomst 1" in content
    assert content.count('type="radio"') == 20
    assert "<legend>" in content


def test_without_an_open_window_the_tab_says_so(client: Any) -> None:
    group = make_group()
    client.force_login(group.participants[0])
    response = client.get(reverse("pulses:checkin", args=[group.community.pk]))
    assert "Er is nu geen check-in of check-out open" in response.content.decode()


def test_an_answer_is_saved_and_a_second_one_replaces_it(client: Any) -> None:
    """One row per meeting × moment × person: the later answer wins."""
    group = make_group()
    PulseWindowFactory(meeting=group.meeting(1))
    person = group.participants[0]
    client.force_login(person)
    response = client.post(answer_url(group), ANSWER)
    assert response.status_code == 302
    client.post(answer_url(group), {**ANSWER, "energy": "1", "word": "moe"})
    pulse = Pulse.objects.get()
    assert (pulse.user, pulse.energy, pulse.word) == (person, 1, "moe")
    assert pulse.safety == 5


def test_the_database_refuses_a_second_row_for_the_same_person() -> None:
    from django.db import IntegrityError, transaction

    pulse = PulseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PulseFactory(window=pulse.window, user=pulse.user)


def test_the_form_shows_the_earlier_answer(client: Any) -> None:
    group = make_group()
    window = PulseWindowFactory(meeting=group.meeting(1))
    PulseFactory(window=window, user=group.participants[0], energy=2, word="rustig")
    client.force_login(group.participants[0])
    content = client.get(answer_url(group)).content.decode()
    assert 'value="rustig"' in content
    assert 'name="energy" value="2" id="id_energy_1" required checked' in content
    assert content.count(" checked>") == 4  # one per scale


def test_htmx_answers_return_the_form_with_a_thank_you(client: Any) -> None:
    group = make_group()
    PulseWindowFactory(meeting=group.meeting(1))
    client.force_login(group.participants[0])
    response = client.post(answer_url(group), ANSWER, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="answer"' in content
    assert "Dank je, je antwoord is bewaard" in content


def test_after_the_window_closed_an_answer_is_refused(client: Any) -> None:
    group = make_group()
    window = PulseWindowFactory(meeting=group.meeting(1))
    PulseFactory(window=window, user=group.participants[0], energy=2)
    window.close()
    client.force_login(group.participants[0])
    response = client.post(answer_url(group), ANSWER, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "De check-in van bijeenkomst 1 is om" in content
    assert "gesloten; er worden geen antwoorden meer aangenomen" in content
    assert Pulse.objects.get().energy == 2


def test_a_window_that_never_opened_refuses_too(client: Any) -> None:
    group = make_group()
    client.force_login(group.participants[0])
    response = client.post(answer_url(group, moment="check_out"), ANSWER)
    assert "De check-out van bijeenkomst 1 is niet open." in response.content.decode()
    assert not Pulse.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"energy": ""}, "energy", "Kies een getal."),
        ({"safety": "6"}, "safety", "Selecteer een geldige keuze."),
        ({"word": "twee woorden"}, "word", "Eén woord, zonder spaties."),
        ({"word": ""}, "word", "Typ één woord."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    client: Any, change: dict[str, str], field: str, message: str
) -> None:
    group = make_group()
    PulseWindowFactory(meeting=group.meeting(1))
    client.force_login(group.participants[0])
    response = client.post(answer_url(group), {**ANSWER, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Pulse.objects.exists()


def test_coaches_do_not_answer() -> None:
    group = make_group()
    PulseWindowFactory(meeting=group.meeting(1))
    with pytest.raises(actions.PulseError):
        actions.record_pulse(
            meeting=group.meeting(1),
            moment=Moment.CHECK_IN,
            user=group.coach,
            energy=3,
            safety=3,
            collective_tension=3,
            personal_tension=3,
            word="x",
        )


def test_coaches_open_and_close_the_check_out(client: Any) -> None:
    group = make_group()
    client.force_login(group.coach)
    url = reverse(
        "pulses:window-update",
        args=[group.community.pk, group.meeting(1).pk, "check_out"],
    )
    client.post(url, {"action": "open"})
    window = PulseWindow.objects.get(moment="check_out")
    assert window.is_open
    assert window.opened_by == group.coach
    client.post(url, {"action": "close"})
    window.refresh_from_db()
    assert window.is_closed
    client.post(url, {"action": "open"})
    window.refresh_from_db()
    assert window.is_open
    assert client.post(url, {"action": "delete"}).status_code == 404


def test_an_unknown_moment_is_not_found(client: Any) -> None:
    group = make_group()
    client.force_login(group.participants[0])
    assert client.get(answer_url(group, moment="lunch")).status_code == 404


def test_a_meeting_of_another_community_is_not_found(client: Any) -> None:
    group, other = make_group(), make_group()
    client.force_login(group.participants[0])
    url = reverse(
        "pulses:pulse-answer",
        args=[group.community.pk, other.meeting(1).pk, "check_in"],
    )
    assert client.get(url).status_code == 404


def test_the_coach_tab_lists_every_session_with_its_state(client: Any) -> None:
    group = make_group()
    window = PulseWindowFactory(meeting=group.meeting(1))
    PulseFactory(window=window, user=group.participants[0])
    client.force_login(group.coach)
    content = client.get(
        reverse("pulses:checkin", args=[group.community.pk])
    ).content.decode()
    assert content.count("Live-weergave") == 16
    assert "1 antwoord" in content
