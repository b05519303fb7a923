"""Stale claims are handled by each task's declared rule, and lost e-mail is
reported and can be sent again once from the admin."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Invitation, Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.background import REPORT, RUN_AGAIN, rule_for
from leerkring.operations import claims
from leerkring.operations.actions import resend_lost_task
from leerkring.operations.models import LostTask

from .helpers import queued

pytestmark = pytest.mark.django_db
INVITATION = "leerkring.communities.tasks.send_invitation"
LONG_AGO = timezone.now() - timedelta(hours=1)


def test_every_task_of_the_project_declares_its_rule() -> None:
    assert rule_for(INVITATION) is REPORT
    assert rule_for("leerkring.journal.tasks.send_feedback_notice") is REPORT
    assert rule_for("leerkring.journal.tasks.assess_reflection") is RUN_AGAIN
    assert rule_for("leerkring.reports.tasks.reminder_round") is RUN_AGAIN
    assert rule_for("leerkring.operations.tests.tasks.undeclared") is REPORT
    assert rule_for("leerkring.gone.tasks.vanished") is REPORT


def test_idempotent_work_of_a_dead_worker_runs_again() -> None:
    lost = queued(
        "leerkring.reports.tasks.reminder_round",
        status=TaskResultStatus.RUNNING,
        worker_id="dead",
        started_at=LONG_AGO,
    )
    assert claims.recover_stale_claims() == {RUN_AGAIN: 1}
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.READY
    assert lost.started_at is None
    assert not LostTask.objects.exists()
    assert claims.recover_stale_claims() == {}


def test_a_live_workers_long_task_is_left_alone() -> None:
    claims.beat("alive", started_at=LONG_AGO)
    running = queued(
        INVITATION,
        1,
        status=TaskResultStatus.RUNNING,
        worker_id="alive",
        started_at=LONG_AGO,
    )
    fresh = queued(INVITATION, 2, status=TaskResultStatus.RUNNING, worker_id="new")
    assert claims.recover_stale_claims() == {}
    running.refresh_from_db()
    fresh.refresh_from_db()
    assert running.status == fresh.status == TaskResultStatus.RUNNING


def test_lost_email_is_reported_to_admins_and_never_resent_by_itself(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ADMINS = ["beheer@example.nl"]
    lost = queued(
        INVITATION,
        42,
        status=TaskResultStatus.RUNNING,
        worker_id="dead",
        started_at=LONG_AGO,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert claims.recover_stale_claims() == {REPORT: 1}
    assert mail.outbox[-1].to == ["beheer@example.nl"]
    assert "send_invitation" in mail.outbox[-1].body
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path.endswith("WorkerLostError")
    report = LostTask.objects.get()
    assert report.result == lost
    assert report.worker_id == "dead"
    assert claims.recover_stale_claims() == {}
    assert LostTask.objects.count() == 1


def test_an_admin_sends_a_lost_invitation_again_with_one_action(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = Invitation.objects.create(
        membership=MembershipFactory(status=Membership.Status.INVITED),
        nonce="lost-invitation",
    )
    queued(
        INVITATION,
        invitation.pk,
        status=TaskResultStatus.RUNNING,
        worker_id="dead",
        started_at=LONG_AGO,
    )
    with django_capture_on_commit_callbacks(execute=True):
        claims.recover_stale_claims()
    lost = LostTask.objects.get()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:operations_losttask_changelist")
    page = client.get(changelist + "?resent=no")
    assert "send_invitation" in page.content.decode()
    mail.outbox.clear()
    post = {"action": "send_again", "_selected_action": [lost.pk]}
    client.post(changelist, post)
    assert [m.to for m in mail.outbox] == [[invitation.membership.user.email]]
    lost.refresh_from_db()
    assert lost.resent_by == admin
    assert lost.resent_as
    client.post(changelist, post)
    assert len(mail.outbox) == 1, "sent again once, not twice"


def test_a_task_finished_after_all_is_not_sent_again(client: Any) -> None:
    result = queued(
        INVITATION,
        1,
        status=TaskResultStatus.RUNNING,
        worker_id="dead",
        started_at=LONG_AGO,
    )
    claims.recover_stale_claims()
    result.status = TaskResultStatus.SUCCESSFUL
    result.save()
    assert not resend_lost_task(lost=LostTask.objects.get(), actor=None)


def test_after_an_outage_a_worker_handles_its_own_broken_off_claim() -> None:
    mine = queued(
        "leerkring.journal.tasks.assess_reflection",
        1,
        1,
        status=TaskResultStatus.RUNNING,
        worker_id="me",
    )
    other = queued(
        "leerkring.journal.tasks.assess_reflection",
        2,
        1,
        status=TaskResultStatus.RUNNING,
        worker_id="other",
    )
    assert claims.release_own_claims("me") == {RUN_AGAIN: 1}
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == TaskResultStatus.READY
    assert other.status == TaskResultStatus.RUNNING
