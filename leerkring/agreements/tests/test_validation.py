"""External validation of a collective goal: invited by e-mail with a signed,
expiring, revocable link; one verdict without an account; audited; shown in the
evaluation and the harvest PDF."""

from __future__ import annotations

import datetime
import io
import re
import threading
from typing import Any

import pypdf
import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leerkring.agreements import validation as validations
from leerkring.agreements.models import Aspect, ExternalValidation
from leerkring.agreements.tests.factories import (
    CollectiveGoalFactory,
    ExternalValidationFactory,
    Group,
)
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

VERDICT = {"verdict": "met", "comment": "COMMENTEV1 overtuigend bewijs."}


def _goal(group: Group, **extra: Any) -> Any:
    return CollectiveGoalFactory(
        period=group.period,
        aspect=Aspect.CONTENT,
        text="GOALEV2 vier opleidingen",
        criteria="CRITERIAEV3 vier toetsplannen",
        reached="yes",
        evidence="EVIDENCEEV4 de plannen",
        learned="YIELDEV5 samen ontwerpen werkt",
        evaluated_at=timezone.now(),
        **extra,
    )


def _link(validation: ExternalValidation) -> str:
    return reverse(
        "agreements:validation-public", args=[validations.make_token(validation)]
    )


def test_a_coach_invites_an_assessor_who_gets_the_link_by_mail(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    group = Group()
    _goal(group)
    client.force_login(group.coach)
    url = reverse("agreements:validation-invite", args=[group.community.pk, "content"])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "name": "Ria de Boer",
                "email": "ria@example.org",
                "role": "client",
                "show_result": "on",
            },
        )
    assert response.status_code == 302
    validation = ExternalValidation.objects.get()
    assert validation.role == "client"
    assert validation.show_result
    assert not validation.show_yield
    assert validation.invited_by == group.coach
    (message,) = mail.outbox
    assert message.to == ["ria@example.org"]
    link = re.search(r"https?://\S+/validate/\S+/", message.body)
    assert link is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.VALIDATION_INVITED, actor=group.coach
    ).exists()


def test_bad_input_is_refused_and_changes_nothing(client: Client) -> None:
    group = Group()
    _goal(group)
    client.force_login(group.coach)
    url = reverse("agreements:validation-invite", args=[group.community.pk, "content"])
    response = client.post(url, {"name": "", "email": "geen-adres", "role": "x"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in" in response.content.decode()
    assert not ExternalValidation.objects.exists()
    assert not mail.outbox


def test_the_assessor_reads_only_what_was_marked_and_gives_one_verdict() -> None:
    group = Group()
    validation = ExternalValidationFactory(
        goal=_goal(group), show_result=True, show_yield=False
    )
    assessor = Client()  # no account, not logged in
    html = assessor.get(_link(validation)).content.decode()
    for marker in ("GOALEV2", "CRITERIAEV3", "EVIDENCEEV4"):
        assert marker in html
    assert "YIELDEV5" not in html
    assert assessor.post(_link(validation), VERDICT).status_code == 302
    validation.refresh_from_db()
    assert validation.verdict == "met"
    assert validation.comment == "COMMENTEV1 overtuigend bewijs."
    # A second verdict is refused and the first is shown.
    again = assessor.post(
        _link(validation), {"verdict": "not_met", "comment": "SECONDEV6"}
    )
    assert again.status_code == 409
    html = again.content.decode()
    assert "COMMENTEV1" in html
    assert "SECONDEV6" not in ExternalValidation.objects.get().comment
    assert ExternalValidation.objects.get().verdict == "met"
    actions = list(
        AuditEvent.objects.filter(
            target=f"agreements.externalvalidation:{validation.pk}"
        ).values_list("action", flat=True)
    )
    assert actions.count(AuditAction.VALIDATION_VIEWED) == 3
    assert actions.count(AuditAction.VALIDATION_GIVEN) == 1


@pytest.mark.parametrize("problem", ["tampered", "expired", "revoked", "signature"])
def test_a_dead_link_shows_nothing(client: Client, problem: str) -> None:
    group = Group()
    validation = ExternalValidationFactory(goal=_goal(group))
    url = _link(validation)
    if problem == "tampered":
        url = url.replace(url[-8:-2], "AAAAAA")
    elif problem == "expired":
        ExternalValidation.objects.filter(pk=validation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif problem == "revoked":
        validations.revoke(validation=validation, actor=group.coach)
    else:
        other = ExternalValidationFactory(goal=validation.goal)
        token = validations.make_token(other)
        url = reverse("agreements:validation-public", args=[token.replace(":", ";", 1)])
    for response in (client.get(url), client.post(url, VERDICT)):
        assert response.status_code == 410
        html = response.content.decode()
        assert "GOALEV2" not in html
        assert "CRITERIAEV3" not in html
    assert not ExternalValidation.objects.filter(verdict_at__isnull=False).exists()


def test_a_signature_older_than_the_validity_is_expired(
    client: Client, monkeypatch: Any
) -> None:
    group = Group()
    validation = ExternalValidationFactory(goal=_goal(group))
    url = _link(validation)
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    response = client.get(url)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_the_verdict_shows_in_the_evaluation_and_the_harvest_pdf(
    client: Client,
) -> None:
    group = Group()
    validation = ExternalValidationFactory(goal=_goal(group))
    Client().post(_link(validation), VERDICT)
    client.force_login(group.participants[0])
    html = client.get(
        reverse("agreements:harvest", args=[group.community.pk])
    ).content.decode()
    assert "COMMENTEV1" in html
    response = client.get(
        reverse("reports:harvest-pdf", args=[group.community.pk, group.period.pk])
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "COMMENTEV1" in text
    assert "CRITERIAEV3" in text
    # The programme lead's summary names no comment.
    client.force_login(group.lead)
    html = client.get(
        reverse("agreements:harvest", args=[group.community.pk])
    ).content.decode()
    assert "COMMENTEV1" not in html


def test_only_the_community_revokes(client: Client) -> None:
    group = Group()
    validation = ExternalValidationFactory(goal=_goal(group))
    url = reverse(
        "agreements:validation-revoke", args=[group.community.pk, validation.pk]
    )
    client.force_login(group.lead)
    assert client.post(url).status_code == 404
    client.force_login(group.participants[0])
    assert client.post(url).status_code == 302
    validation.refresh_from_db()
    assert validation.is_revoked


@pytest.mark.django_db(transaction=True)
def test_two_verdicts_at_once_leave_one() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite queues writers; the race is tested on PostgreSQL")
    group = Group()
    validation = ExternalValidationFactory(goal=_goal(group))
    url = _link(validation)
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def submit(verdict: str) -> None:
        barrier.wait()
        codes.append(Client().post(url, {**VERDICT, "verdict": verdict}).status_code)
        connection.close()

    threads = [threading.Thread(target=submit, args=(v,)) for v in ("met", "partly")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [302, 409]
    assert ExternalValidation.objects.get().verdict_at is not None
