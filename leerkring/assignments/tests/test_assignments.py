"""Integration assignments: formulate, report, see, carry over, take along."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from leerkring.assignments import actions, personal_data
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.tracks import actions as track_actions
from leerkring.tracks.tests.conftest import Circle

pytestmark = pytest.mark.django_db


def formulate(circle: Circle, **kw: Any) -> IntegrationAssignment:
    meeting = kw.pop("meeting", circle.meetings[0])
    defaults = {
        "actor": circle.participant,
        "what": "Vraag twee studenten om feedback op mijn feedback.",
        "practice_situation": "Stagebezoek week 3.",
        "due_date": circle.meetings[1].date,
        "serves_collective_goal": True,
    }
    return actions.formulate_assignment(meeting=meeting, **{**defaults, **kw})


def report(
    assignment: IntegrationAssignment, actor: Any, **kw: Any
) -> AssignmentReport:
    defaults = {
        "did": "Gedaan bij twee studenten.",
        "happened": "Ze vroegen om voorbeelden.",
        "learned": "Concreet werkt beter.",
        "status": AssignmentReport.Status.DONE,
        "sharing": Sharing.COACHES,
    }
    return actions.report_on_assignment(
        assignment=assignment, actor=actor, **{**defaults, **kw}
    )


def test_an_assignment_is_due_at_the_next_session_by_default(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse(
        "assignments:formulate", args=[circle.community.pk, circle.meetings[0].pk]
    )
    form = client.get(url).context["form"]
    assert form.initial["due_date"] == circle.meetings[1].date
    response = client.post(
        url,
        {
            "what": "Een rubric samen maken.",
            "practice_situation": "Klas 2B.",
            "serves_collective_goal": "on",
            "due_date": circle.meetings[1].date.isoformat(),
            "sharing": "coaches",
        },
    )
    assert response.status_code == 302
    assignment = IntegrationAssignment.objects.filter(period=circle.period).get()
    assert assignment.due_meeting == circle.meetings[1]
    assert assignment.owner == circle.participant


def test_a_later_due_date_picks_the_first_session_on_or_after_it(
    circle: Circle,
) -> None:
    assignment = formulate(circle, due_date=circle.meetings[1].date + timedelta(days=1))
    assert assignment.due_meeting == circle.meetings[2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"due_date_days": 0}, "after this session"),
        ({"due_date_days": 400}, "no session"),
        ({"serves_collective_goal": False}, "Link the assignment"),
        (
            {"link_question": True, "serves_collective_goal": False},
            "no learning question",
        ),
    ],
)
def test_bad_assignments_are_refused(
    circle: Circle, change: dict[str, Any], message: str
) -> None:
    from django.utils import translation

    days = change.pop("due_date_days", None)
    if days is not None:
        change["due_date"] = circle.meetings[0].date + timedelta(days=days)
    with translation.override("en"), pytest.raises(actions.AssignmentError) as refused:
        formulate(circle, **change)
    assert message in str(refused.value)
    assert not IntegrationAssignment.objects.filter(period=circle.period).exists()


def test_the_form_shows_a_refusal_next_to_the_fields(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.participant)
    url = reverse(
        "assignments:formulate", args=[circle.community.pk, circle.meetings[0].pk]
    )
    response = client.post(url, {"what": "", "due_date": "", "sharing": "coaches"})
    errors = response.context["form"].errors
    assert {"what", "practice_situation", "due_date"} <= set(errors)
    assert not IntegrationAssignment.objects.filter(period=circle.period).exists()


def test_an_assignment_links_to_the_owners_learning_question(circle: Circle) -> None:
    question = track_actions.set_learning_question(
        period=circle.period,
        owner=circle.participant,
        version=0,
        text="Hoe vragen studenten om feedback?",
        sharing=Sharing.COACHES,
    )
    assignment = formulate(circle, link_question=True, serves_collective_goal=False)
    assert assignment.learning_question == question


def test_a_coach_formulates_a_shared_assignment_for_the_group(
    circle: Circle, client: Any
) -> None:
    client.force_login(circle.coach)
    url = reverse(
        "assignments:formulate", args=[circle.community.pk, circle.meetings[0].pk]
    )
    form = client.get(url).context["form"]
    assert "sharing" not in form.fields
    assert "link_question" not in form.fields
    client.post(
        url,
        {
            "what": "Vraag drie studenten hoe zij feedback ervaren.",
            "practice_situation": "Je eigen opleiding.",
            "due_date": circle.meetings[1].date.isoformat(),
        },
    )
    group = IntegrationAssignment.objects.filter(period=circle.period).get()
    assert group.is_group
    assert group.sharing == Sharing.COMMUNITY
    assert group.serves_collective_goal
    for participant in (circle.participant, circle.fellow):
        report(group, participant)
    assert group.reports.count() == 2


def test_reporting_twice_updates_the_one_report(circle: Circle) -> None:
    assignment = formulate(circle)
    report(assignment, circle.participant, status="partly")
    report(assignment, circle.participant, status="done", learned="Nu wel.")
    only = AssignmentReport.objects.filter(assignment__period=circle.period).get()
    assert (only.status, only.learned) == ("done", "Nu wel.")


def test_sharing_the_report_shares_the_assignment(circle: Circle) -> None:
    assignment = formulate(circle, sharing=Sharing.COACHES)
    assert not IntegrationAssignment.objects.visible_to(circle.fellow).exists()
    report(assignment, circle.participant, sharing=Sharing.COMMUNITY)
    assert IntegrationAssignment.objects.visible_to(circle.fellow).contains(assignment)
    assert AssignmentReport.objects.visible_to(circle.fellow).count() == 1


@pytest.mark.parametrize("sharing", [Sharing.COACHES, Sharing.COMMUNITY])
def test_who_reads_an_assignment_and_its_report(circle: Circle, sharing: str) -> None:
    assignment = IntegrationAssignmentFactory(
        meeting=circle.meetings[0], owner=circle.participant, sharing=sharing
    )
    AssignmentReportFactory(assignment=assignment, sharing=sharing)
    shared = sharing == Sharing.COMMUNITY
    expected = {
        circle.participant: True,
        circle.coach: True,
        circle.apprentice: True,
        circle.fellow: shared,
        circle.other_coach: False,
        circle.lead: False,
        circle.superuser: False,
    }
    for user, may in expected.items():
        assert IntegrationAssignment.objects.visible_to(user).exists() is may
        assert AssignmentReport.objects.visible_to(user).exists() is may


def test_a_shared_assignment_does_not_reveal_a_private_learning_question(
    circle: Circle, client: Any
) -> None:
    track_actions.set_learning_question(
        period=circle.period,
        owner=circle.participant,
        version=0,
        text="Mijn geheime leervraag",
        sharing=Sharing.COACHES,
    )
    assignment = formulate(circle, link_question=True, sharing=Sharing.COMMUNITY)
    client.force_login(circle.fellow)
    html = client.get(reverse("assignments:detail", args=[assignment.pk])).content
    assert assignment.what in html.decode()
    assert "Mijn geheime leervraag" not in html.decode()
    client.force_login(circle.coach)
    html = client.get(reverse("assignments:detail", args=[assignment.pk])).content
    assert "Mijn geheime leervraag" in html.decode()


def test_carrying_over_makes_a_linked_assignment_for_the_following_session(
    circle: Circle,
) -> None:
    old = formulate(circle)
    report(old, circle.participant, status="partly")
    new = actions.carry_over(assignment=old, actor=circle.coach)
    assert new.carried_from == old
    assert (new.meeting, new.due_meeting) == (circle.meetings[1], circle.meetings[2])
    assert new.due_date == circle.meetings[2].date
    assert (new.owner, new.what) == (old.owner, old.what)
    with pytest.raises(actions.AssignmentError):
        actions.carry_over(assignment=old, actor=circle.participant)


def test_a_done_assignment_is_not_carried_over(circle: Circle) -> None:
    done = formulate(circle)
    report(done, circle.participant, status="done")
    with pytest.raises(actions.AssignmentError):
        actions.carry_over(assignment=done, actor=circle.coach)


def test_nothing_is_carried_past_the_last_session(circle: Circle) -> None:
    last = formulate(
        circle, meeting=circle.meetings[2], due_date=circle.meetings[3].date
    )
    with pytest.raises(actions.AssignmentError):
        actions.carry_over(assignment=last, actor=circle.coach)
    assert IntegrationAssignment.objects.filter(period=circle.period).count() == 1


def test_the_coach_overview_shows_who_reported_and_offers_carry_over(
    circle: Circle, client: Any
) -> None:
    reported = formulate(circle)
    report(reported, circle.participant, status="partly", learned="Plannen helpt.")
    formulate(circle, actor=circle.fellow, what="Nog niet gedaan.")
    client.force_login(circle.coach)
    url = reverse(
        "assignments:overview", args=[circle.community.pk, circle.meetings[1].pk]
    )
    response = client.get(url)
    assert (response.context["reported"], response.context["total"]) == (1, 2)
    html = response.content.decode()
    assert "Plannen helpt." in html
    assert html.count(reverse("assignments:carry-over", args=[reported.pk])) == 1
    response = client.post(reverse("assignments:carry-over", args=[reported.pk]))
    assert response.url == url
    assert reported.carried_to.due_meeting == circle.meetings[2]


def test_a_participant_reports_through_the_page(circle: Circle, client: Any) -> None:
    assignment = formulate(circle)
    client.force_login(circle.participant)
    url = reverse("assignments:report", args=[assignment.pk])
    response = client.post(url, {"did": "", "status": "done", "sharing": "coaches"})
    assert "did" in response.context["form"].errors
    response = client.post(
        url,
        {
            "did": "Gedaan.",
            "learned": "Veel.",
            "status": "done",
            "sharing": "community",
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.sharing == Sharing.COMMUNITY
    client.force_login(circle.fellow)
    assert (
        client.post(
            url, {"did": "x", "status": "done", "sharing": "coaches"}
        ).status_code
        == 404
    )


def test_export_and_erase_of_assignments(circle: Circle) -> None:
    own = formulate(circle)
    report(own, circle.participant)
    group = formulate(circle, actor=circle.coach, for_group=True)
    report(group, circle.participant)
    report(group, circle.fellow)
    data = personal_data.export(circle.participant)
    assert data["integration_assignments"][0]["reports"][0]["status"] == "done"
    assert len(data["reports_on_shared_assignments"]) == 1
    personal_data.erase(circle.participant)
    assert list(IntegrationAssignment.objects.filter(period=circle.period)) == [group]
    assert list(
        AssignmentReport.objects.filter(assignment__period=circle.period).values_list(
            "author", flat=True
        )
    ) == [circle.fellow.pk]


def test_sharing_a_report_is_audited(circle: Circle) -> None:
    from leerkring.core.models import AuditAction, AuditEvent

    assignment = formulate(circle)
    report(assignment, circle.participant, sharing=Sharing.COMMUNITY)
    targets = set(
        AuditEvent.objects.filter(
            action=AuditAction.SHARING_CHANGED, actor=circle.participant
        ).values_list("target", flat=True)
    )
    assert f"assignments.integrationassignment:{assignment.pk}" in targets
