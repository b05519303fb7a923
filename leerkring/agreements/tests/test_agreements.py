"""Agreements: drafted together, confirmed by each member, versioned on change."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from leerkring.agreements import actions
from leerkring.agreements.models import (
    SECTION_NAMES,
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
)
from leerkring.agreements.tests.factories import Group
from leerkring.communities.models import Membership
from leerkring.core.concurrency import Stale
from leerkring.core.diff import compare
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

SECTIONS = {name: f"Afspraak over {name}." for name in SECTION_NAMES}


def versions(group: Group) -> Any:
    return AgreementVersion.objects.filter(agreement__period=group.period)


def draft(group: Group, **changes: str) -> AgreementVersion:
    agreement = Agreement.objects.filter(period=group.period).first()
    return actions.save_agreements(
        period=group.period,
        actor=group.participants[0],
        version=agreement.version if agreement else 0,
        sections={**SECTIONS, **changes},
    )


def confirm(group: Group, user: Any, number: int = 1) -> AgreementConfirmation:
    return actions.confirm_agreements(
        period=group.period, actor=user, version_number=number
    )


def test_a_draft_without_confirmations_changes_in_place() -> None:
    group = Group()
    first = draft(group)
    second = draft(group, attendance="We zijn er altijd.")
    assert first.pk == second.pk
    assert second.number == 1
    assert versions(group).count() == 1
    assert second.attendance == "We zijn er altijd."


def test_an_edit_after_a_confirmation_starts_a_new_version() -> None:
    group = Group()
    draft(group)
    confirm(group, group.participants[1])
    new = draft(group, attendance="Afmelden twee dagen vooraf.")
    assert new.number == 2
    old = versions(group).get(number=1)
    assert old.attendance == SECTIONS["attendance"]
    assert old.confirmations.count() == 1
    assert new.confirmations.count() == 0


def test_a_stale_save_is_refused_and_changes_nothing() -> None:
    """Two people opened the form at version 1; the second save is refused."""
    group = Group()
    draft(group)
    draft(group, goals="Eerste wijziging.")
    with pytest.raises(Stale) as refused:
        actions.save_agreements(
            period=group.period,
            actor=group.coach,
            version=1,
            sections={**SECTIONS, "goals": "Tweede wijziging."},
        )
    assert refused.value.current.current_version().goals == "Eerste wijziging."
    assert versions(group).get().goals == "Eerste wijziging."


def test_saving_without_a_change_or_without_text_is_refused() -> None:
    group = Group()
    with pytest.raises(actions.AgreementError, match="ten minste één"):
        draft(group, **dict.fromkeys(SECTION_NAMES, "  "))
    draft(group)
    with pytest.raises(actions.AgreementError, match="niets gewijzigd"):
        draft(group)


def test_confirming_records_the_moment_once() -> None:
    group = Group()
    draft(group)
    confirmation = confirm(group, group.coach)
    assert confirmation.confirmed_at is not None
    with pytest.raises(actions.AgreementError, match="al bevestigd"):
        confirm(group, group.coach)


def test_a_confirmation_is_audited_once_without_the_text() -> None:
    group = Group()
    version = draft(group)
    confirm(group, group.participants[1])
    with pytest.raises(actions.AgreementError):
        confirm(group, group.participants[1])
    event = AuditEvent.objects.get(action=AuditAction.AGREEMENTS_CONFIRMED)
    assert event.actor == group.participants[1]
    assert event.target == f"agreements.agreementversion:{version.pk}"
    assert event.detail == {"version": 1}


def test_confirming_an_outdated_version_is_refused_with_the_current_one() -> None:
    group = Group()
    draft(group)
    confirm(group, group.coach)
    draft(group, effort="60 uur.")
    with pytest.raises(actions.AgreementError, match="versie 2 is ervoor in de plaats"):
        confirm(group, group.participants[0], number=1)
    assert not AgreementConfirmation.objects.filter(user=group.participants[0]).exists()


def test_nothing_to_confirm_before_a_draft_exists() -> None:
    group = Group()
    with pytest.raises(actions.AgreementError):
        confirm(group, group.coach)


def test_the_comparison_marks_removed_and_added_words() -> None:
    assert compare("We komen 8 keer", "We komen 9 keer") == [
        ("same", "We komen "),
        ("removed", "8 "),
        ("added", "9 "),
        ("same", "keer"),
    ]
    assert compare("Afspraak over aanwezigheid.", "Afmelden twee dagen vooraf.") == [
        ("removed", "Afspraak over aanwezigheid."),
        ("added", "Afmelden twee dagen vooraf."),
    ]
    assert compare("", "Nieuw") == [("added", "Nieuw")]


def test_a_short_common_word_between_changes_is_part_of_the_change() -> None:
    """A lone "de" matching "de" would chop a rewritten sentence into pieces."""
    before = "blijft in de groep. Over de opgave mogen we vertellen."
    after = "blijft in de groep, ook na de leergang."
    assert compare(before, after) == [
        ("same", "blijft in de "),
        ("removed", "groep. Over de opgave mogen we vertellen."),
        ("added", "groep, ook na de leergang."),
    ]


# Through the pages


def edit_url(group: Group) -> str:
    return reverse("agreements:agreement-edit", args=[group.community.pk])


def detail_url(group: Group) -> str:
    return reverse("agreements:agreement-detail", args=[group.community.pk])


def test_a_participant_drafts_the_agreements_in_the_browser(client: Any) -> None:
    group = Group()
    client.force_login(group.participants[0])
    response = client.post(edit_url(group), {**SECTIONS, "version": 0})
    assert response.status_code == 302
    version = versions(group).get()
    assert version.created_by == group.participants[0]
    page = client.get(detail_url(group)).content.decode()
    assert SECTIONS["conduct"] in page
    assert "Ik ga akkoord met versie 1" in page


def test_the_second_concurrent_save_shows_the_current_version(client: Any) -> None:
    group = Group()
    draft(group)
    draft(group, conduct="Door een ander opgeslagen.")
    client.force_login(group.coach)
    response = client.post(
        edit_url(group), {**SECTIONS, "conduct": "Mijn versie.", "version": 1}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Door een ander opgeslagen." in page  # what is saved now
    assert "Mijn versie." in page  # the editor's own text is kept
    assert 'name="version" value="2"' in page  # a second try goes through
    assert versions(group).get().conduct == "Door een ander opgeslagen."


def test_text_longer_than_allowed_is_refused_next_to_the_field(client: Any) -> None:
    group = Group()
    client.force_login(group.coach)
    response = client.post(
        edit_url(group), {**SECTIONS, "goals": "x" * 4001, "version": 0}
    )
    assert response.status_code == 200
    assert "field-invalid" in response.content.decode()
    assert not versions(group).exists()


def test_confirming_with_htmx_updates_the_confirmations(client: Any) -> None:
    group = Group()
    draft(group)
    client.force_login(group.participants[1])
    response = client.post(
        reverse("agreements:agreement-confirm", args=[group.community.pk]),
        {"version": 1},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="confirmation"')
    assert "1 van 5 leden bevestigden versie 1." in page


def test_an_outdated_confirmation_shows_why_and_what_changed(client: Any) -> None:
    group = Group()
    draft(group)
    confirm(group, group.participants[0])
    draft(group, attendance="Afmelden twee dagen vooraf.")
    client.force_login(group.participants[0])
    response = client.post(
        reverse("agreements:agreement-confirm", args=[group.community.pk]),
        {"version": 1},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Versie 1 is niet meer actueel" in page
    assert "<ins>" in page
    assert "twee dagen vooraf" in page
    confirmed = AuditEvent.objects.filter(action=AuditAction.AGREEMENTS_CONFIRMED)
    assert confirmed.count() == 1  # the refused confirmation left no trace


def test_members_see_who_confirmed_which_version(client: Any) -> None:
    group = Group()
    draft(group)
    for user in group.members:
        confirm(group, user)
    draft(group, attendance="Nieuw.")
    confirm(group, group.coach, number=2)
    client.force_login(group.participants[2])
    page = client.get(detail_url(group)).content.decode()
    assert "1 van 5 leden bevestigden versie 2." in page
    assert page.count('<span class="tick"') == 6
    assert escape(group.participants[0].display_name) in page


def test_a_member_who_left_keeps_their_confirmation_but_cannot_confirm(
    client: Any,
) -> None:
    group = Group()
    draft(group)
    leaver = group.participants[0]
    confirm(group, leaver)
    Membership.objects.filter(user=leaver).update(status=Membership.Status.LEFT)
    client.force_login(group.coach)
    page = client.get(detail_url(group)).content.decode()
    assert "0 van 4 leden bevestigden versie 1." in page
    assert "vertrokken" in page
    client.force_login(leaver)
    confirm_url = reverse("agreements:agreement-confirm", args=[group.community.pk])
    assert client.post(confirm_url, {"version": 1}).status_code == 404
    assert AgreementConfirmation.objects.filter(user=leaver).count() == 1


def test_the_programme_lead_sees_a_summary_without_content(client: Any) -> None:
    group = Group()
    draft(group)
    confirm(group, group.coach)
    client.force_login(group.lead)
    page = client.get(detail_url(group)).content.decode()
    assert "1 van 5 leden" in page
    assert SECTIONS["conduct"] not in page
    assert client.get(edit_url(group)).status_code == 404


def test_a_version_page_shows_the_changes_against_the_previous(client: Any) -> None:
    group = Group()
    draft(group)
    confirm(group, group.coach)
    draft(group, attendance="Afmelden twee dagen vooraf.", change_note="Strenger.")
    client.force_login(group.participants[0])
    url = reverse("agreements:agreement-version", args=[group.community.pk, 2])
    page = client.get(url).content.decode()
    assert "Wijzigingen sinds versie 1" in page
    assert "<del>" in page
    assert "<ins>" in page
