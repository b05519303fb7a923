"""``claim(row, seen)``: one conditional UPDATE decides who saved first."""

from __future__ import annotations

import threading

import pytest
from django import forms
from django.db import connection, transaction
from django.http import QueryDict

from leerkring.communities.models import Organisation
from leerkring.core.concurrency import Stale, claim
from leerkring.core.forms import SeenVersionForm
from leerkring.retention.models import RetentionPolicy


def _policy() -> RetentionPolicy:
    organisation = Organisation.objects.create(name="Claim test")
    return RetentionPolicy.objects.create(organisation=organisation, months=24)


@pytest.mark.django_db
def test_a_claim_on_the_seen_version_takes_the_next_one() -> None:
    policy = _policy()
    claim(policy, 1)
    assert policy.version == 2
    assert RetentionPolicy.objects.get(pk=policy.pk).version == 2


@pytest.mark.django_db
def test_a_stale_claim_raises_with_the_current_row_and_changes_nothing() -> None:
    policy = _policy()
    other_tab = RetentionPolicy.objects.get(pk=policy.pk)
    RetentionPolicy.objects.filter(pk=policy.pk).update(months=36, version=5)
    with pytest.raises(Stale) as refused:
        claim(other_tab, 1)
    assert refused.value.current.version == 5
    assert refused.value.current.months == 36
    assert other_tab.version == 1
    assert RetentionPolicy.objects.get(pk=policy.pk).version == 5


@pytest.mark.django_db
def test_no_seen_version_is_stale_once_the_row_exists() -> None:
    policy = _policy()
    with pytest.raises(Stale):
        claim(policy, None)
    assert RetentionPolicy.objects.get(pk=policy.pk).version == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers; the race needs PostgreSQL's row locks",
)
def test_of_two_connections_claiming_the_same_version_exactly_one_wins() -> None:
    """A read-then-write check lets both through: each reads version 1 before
    the other commits. The conditional UPDATE waits for the first writer's row
    lock and then finds the version taken."""
    policy = _policy()
    first_claimed, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                claim(RetentionPolicy.objects.get(pk=policy.pk), 1)
                first_claimed.set()
                release.wait(5)
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second() -> None:
        try:
            row = RetentionPolicy.objects.get(pk=policy.pk)
            first_claimed.wait(5)
            assert row.version == 1  # read before the first commits
            with transaction.atomic():
                claim(row, 1)
            outcome["second"] = "saved"
        except Stale as stale:
            outcome["second"] = stale.current.version
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_claimed.wait(5)
    # Let the second connection reach the row lock, then commit the first.
    threading.Event().wait(0.5)
    release.set()
    for thread in threads:
        thread.join(10)
    assert outcome == {"first": "saved", "second": 2}
    assert RetentionPolicy.objects.get(pk=policy.pk).version == 2


class _NoteForm(SeenVersionForm):
    text = forms.CharField()


@pytest.mark.django_db
def test_a_refused_form_keeps_the_text_and_moves_to_the_current_version() -> None:
    policy = _policy()
    RetentionPolicy.objects.filter(pk=policy.pk).update(version=4)
    form = _NoteForm(QueryDict("note-text=Mijn+tekst&note-version=1"), prefix="note")
    assert form.is_valid()
    with pytest.raises(Stale) as refused:
        claim(policy, form.cleaned_data["version"])
    form.refuse(refused.value)
    assert form.data["note-text"] == "Mijn tekst"
    assert form.data["note-version"] == "4"
    assert form.stale.pk == policy.pk
    assert "versie 4" in form.non_field_errors()[0]  # the default language
    assert 'value="4"' in str(form["version"])


def test_a_model_form_starts_from_its_rows_version() -> None:
    class PolicyForm(SeenVersionForm, forms.ModelForm[RetentionPolicy]):
        class Meta:
            model = RetentionPolicy
            fields = ["months"]

    assert PolicyForm(instance=RetentionPolicy(months=12, version=7)).initial == {
        "months": 12,
        "version": 7,
    }
