"""Workflows on integration assignments: formulate, report, carry over."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Sharing
from leerkring.meetings.models import Meeting
from leerkring.tracks.actions import record_sharing
from leerkring.tracks.models import LearningQuestion

from .models import AssignmentReport, IntegrationAssignment


class AssignmentError(Exception):
    """The change is refused; the message is translated and says why."""


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The session after ``meeting`` in the same learning period."""
    return (
        Meeting.objects.filter(period=meeting.period_id, number__gt=meeting.number)
        .order_by("number")
        .first()
    )


def due_meeting_for(meeting: Meeting, due_date: date) -> Meeting:
    """The first later session on or after ``due_date``: where it is reported."""
    if due_date <= meeting.date:
        raise AssignmentError(_("Choose a date after this session."))
    due = (
        Meeting.objects.filter(
            period=meeting.period_id, number__gt=meeting.number, date__gte=due_date
        )
        .order_by("number")
        .first()
    )
    if due is None:
        raise AssignmentError(
            _("There is no session on or after this date in this learning period.")
        )
    return due


@transaction.atomic
def formulate_assignment(
    *,
    meeting: Meeting,
    actor: User,
    what: str,
    practice_situation: str,
    due_date: date,
    for_group: bool = False,
    link_question: bool = False,
    serves_collective_goal: bool = False,
    sharing: str = Sharing.COACHES,
) -> IntegrationAssignment:
    """A participant's own assignment, or a shared one for the whole group.

    It is due at the first session on or after ``due_date`` (by default the next
    session's date) and reported there in the look back.
    """
    if not for_group and not link_question and not serves_collective_goal:
        raise AssignmentError(
            _(
                "Link the assignment to your learning question, the collective "
                "goal, or both."
            )
        )
    question = None
    if link_question and not for_group:
        question = LearningQuestion.objects.filter(
            personal_track__period=meeting.period_id, personal_track__owner=actor
        ).first()
        if question is None:
            raise AssignmentError(
                _("You have no learning question yet: formulate it on My track first.")
            )
    return IntegrationAssignment.objects.create(
        period_id=meeting.period_id,
        meeting=meeting,
        due_meeting=due_meeting_for(meeting, due_date),
        due_date=due_date,
        owner=None if for_group else actor,
        created_by=actor,
        created_by_name=actor.display_name,
        what=what.strip(),
        practice_situation=practice_situation.strip(),
        learning_question=question,
        serves_collective_goal=serves_collective_goal or for_group,
        sharing=Sharing.COMMUNITY if for_group else sharing,
    )


@transaction.atomic
def report_on_assignment(
    *,
    assignment: IntegrationAssignment,
    actor: User,
    did: str,
    happened: str,
    learned: str,
    status: str,
    sharing: str,
) -> AssignmentReport:
    """Write (or rewrite) the actor's report: what I did, happened, learned.

    Sharing the report of one's own assignment with the community shares the
    assignment too: a report makes no sense without what it is about.
    """
    assignment = IntegrationAssignment.objects.select_for_update().get(pk=assignment.pk)
    earlier = AssignmentReport.objects.filter(
        assignment=assignment, author=actor
    ).first()
    if earlier is not None:
        record_sharing(
            actor=actor,
            target=earlier,
            before=earlier.sharing,
            after=sharing,
        )
    report, _created = AssignmentReport.objects.update_or_create(
        assignment=assignment,
        author=actor,
        defaults={
            "did": did.strip(),
            "happened": happened.strip(),
            "learned": learned.strip(),
            "status": status,
            "sharing": sharing,
        },
    )
    if not assignment.is_group and sharing == Sharing.COMMUNITY:
        record_sharing(
            actor=actor,
            target=assignment,
            before=assignment.sharing,
            after=Sharing.COMMUNITY,
        )
        assignment.sharing = Sharing.COMMUNITY
        assignment.save(update_fields=["sharing"])
    return report


@transaction.atomic
def carry_over(
    *, assignment: IntegrationAssignment, actor: User
) -> IntegrationAssignment:
    """Continue an unfinished assignment: a new one, due at the following session."""
    assignment = (
        IntegrationAssignment.objects.select_for_update(of=("self",))
        .select_related("due_meeting")
        .get(pk=assignment.pk)
    )
    if assignment.was_carried_over:
        raise AssignmentError(_("This assignment has already been carried over."))
    if not assignment.is_unfinished():
        raise AssignmentError(
            _("This assignment is done; there is nothing to carry over.")
        )
    if assignment.due_meeting is None:
        raise AssignmentError(_("This assignment is not due at a session."))
    following = next_meeting(assignment.due_meeting)
    if following is None:
        raise AssignmentError(
            _("There is no later session in this learning period to carry it over to.")
        )
    try:
        with transaction.atomic():
            return IntegrationAssignment.objects.create(
                period_id=assignment.period_id,
                meeting=assignment.due_meeting,
                due_meeting=following,
                due_date=following.date,
                owner=assignment.owner,
                created_by=actor,
                created_by_name=actor.display_name,
                what=assignment.what,
                practice_situation=assignment.practice_situation,
                learning_question=assignment.learning_question,
                serves_collective_goal=assignment.serves_collective_goal,
                sharing=assignment.sharing,
                carried_from=assignment,
            )
    except IntegrityError as error:
        raise AssignmentError(
            _("This assignment has already been carried over.")
        ) from error
