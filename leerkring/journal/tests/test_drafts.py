"""No lost text: autosaved drafts survive the session, two tabs never overwrite
each other silently, and a stale save is refused with the current version shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.journal.models import Draft, Reflection, Visibility
from leerkring.journal.tests.factories import ReflectionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_autosave_keeps_the_text_of_a_new_entry(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    url = reverse("journal:draft-save-new", args=[entry.community_id])
    response = client.post(url, {"title": "Half", "body": "Wat ik"}, headers=HTMX)
    assert response.status_code == 200
    draft = Draft.objects.get(user=entry.author, reflection=None)
    assert (draft.title, draft.body, draft.version) == ("Half", "Wat ik", 1)
    assert 'hx-swap-oob="true"' in response.content.decode()
    client.post(
        url,
        {"title": "Half", "body": "Wat ik wilde", "draft_version": 1},
        headers=HTMX,
    )
    draft.refresh_from_db()
    assert (draft.body, draft.version) == ("Wat ik wilde", 2)


def test_the_draft_survives_a_new_login_and_is_offered_back(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    url = reverse("journal:draft-save-new", args=[entry.community_id])
    client.post(url, {"title": "Bijna", "body": "Mijn lange tekst"}, headers=HTMX)
    client.logout()
    response = client.post(url, {"title": "Bijna", "body": "Meer"}, headers=HTMX)
    assert response.status_code == 200
    assert "logged out" in response.content.decode() or "uitgelogd" in (
        response.content.decode()
    )
    assert (
        Draft.objects.get(user=entry.author).body == "Mijn lange tekst"
    )  # nothing overwritten
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-create", args=[entry.community_id]))
    assert page.context["form"].initial["body"] == "Mijn lange tekst"
    assert page.context["draft"] is not None
    journal = client.get(reverse("journal:journal-list", args=[entry.community_id]))
    assert journal.context["new_draft"] is not None


def test_saving_the_entry_removes_its_draft(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    url = reverse("journal:draft-save-new", args=[entry.community_id])
    client.post(url, {"title": "T", "body": "B"}, headers=HTMX)
    client.post(
        reverse("journal:reflection-create", args=[entry.community_id]),
        {"title": "T", "body": "Bewaard", "visibility": "private"},
    )
    assert not Draft.objects.filter(user=entry.author).exists()


def test_a_second_tab_never_overwrites_the_first_tabs_draft(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    url = reverse("journal:draft-save", args=[entry.pk])
    client.post(url, {"title": "A", "body": "Tab een"}, headers=HTMX)  # version 1
    client.post(
        url,
        {"title": "A", "body": "Tab een, verder", "draft_version": 1},
        headers=HTMX,
    )  # version 2
    response = client.post(
        url, {"title": "B", "body": "Tab twee", "draft_version": 1}, headers=HTMX
    )
    assert response.context["draft_conflict"] is True
    assert Draft.objects.get(user=entry.author).body == "Tab een, verder"


def test_a_stale_save_is_refused_and_shows_the_current_version(client: Any) -> None:
    entry = ReflectionFactory(body="Origineel")
    client.force_login(entry.author)
    url = reverse("journal:reflection-edit", args=[entry.pk])
    data = {"title": "Tab een", "body": "Tekst van tab een", "visibility": "private"}
    assert client.post(url, {**data, "version": 1}).status_code == 302
    response = client.post(
        url,
        {
            "title": "Tab twee",
            "body": "Tekst van tab twee",
            "visibility": "private",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].stale.body == "Tekst van tab een"
    html = response.content.decode()
    assert "Tekst van tab een" in html  # the saved version, shown
    assert "Tekst van tab twee" in html  # and the refused text, still in the form
    assert 'name="version" value="2"' in html  # saving again is a deliberate choice
    assert Reflection.objects.get(pk=entry.pk).body == "Tekst van tab een"


def test_changing_only_who_can_read_it_keeps_the_version(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    client.post(
        reverse("journal:reflection-edit", args=[entry.pk]),
        {
            "title": entry.title,
            "body": entry.body,
            "visibility": "coaches",
            "version": 1,
        },
    )
    entry.refresh_from_db()
    assert entry.visibility == Visibility.COACHES
    assert entry.version == 1


def test_a_draft_can_be_discarded_by_its_writer_only(client: Any) -> None:
    entry = ReflectionFactory()
    draft = Draft.objects.create(
        user=entry.author, community=entry.community, reflection=entry, body="x"
    )
    other = ReflectionFactory(community=entry.community).author
    client.force_login(other)
    url = reverse("journal:draft-discard", args=[draft.pk])
    assert client.post(url).status_code == 404
    client.force_login(entry.author)
    assert client.post(url).url == reverse("journal:reflection-edit", args=[entry.pk])
    assert not Draft.objects.filter(user=entry.author).exists()


def test_the_edit_form_offers_the_unsaved_changes(client: Any) -> None:
    entry = ReflectionFactory(body="Opgeslagen")
    Draft.objects.create(
        user=entry.author,
        community=entry.community,
        reflection=entry,
        title=entry.title,
        body="Niet opgeslagen wijziging",
    )
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-edit", args=[entry.pk]))
    assert page.context["form"].initial["body"] == "Niet opgeslagen wijziging"
