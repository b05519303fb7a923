"""Who may see and run sessions.

Sessions belong to the community's members: every active member (participant,
coach, apprentice coach) sees a session's agenda, themes and published summary.
In a leergang the coaches lead: only they plan and move a session, edit its
agenda, run the room, take attendance and write the summary. A programme lead
sees the leergang overview (dates and themes, no content) and may set up a
leergang; superusers administer but never read session content.

After the leergang, a self-run period is started and configured by the
community's coaches (a programme lead sees its dates, never who holds which
role). In that period the community runs itself (DESIGN.md §5, seed §2.3):
every active member may do what the coaches did in the leergang (``run``,
``summary``); holding a role (chair, note-taker) gives tasks, never rights.
Coaches are guests there: they write an observation for the community after a
visit (``observe``); their private coach notes stay theirs (``coach``).
A participant may swap the roles they hold themselves.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core.access import (
    allowed,
    declare,
    deny,
    get_allowed,
    remembering,
    rule,
)

from .models import (
    AgendaItem,
    Meeting,
    MeetingRole,
    OpenSpaceProposal,
    RoleDefinition,
    SelfRunSchedule,
)

# The leergang's coach pages of a community: its coaches and apprentice coaches.
declare(Community, {"meetings.coach": roles.is_coach})


@rule(Meeting, "view")
def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    """Active members of the meeting's community."""
    return roles.is_member(user, meeting.period.community_id)


@rule(Meeting, "coach")
def can_coach_meeting(user: Any, meeting: Meeting) -> bool:
    """The community's coaches and apprentice coaches."""
    return roles.is_coach(user, meeting.period.community_id)


def is_self_run(meeting: Meeting) -> bool:
    """Is the meeting part of a self-run period (the community leads itself)?"""
    return meeting.period.kind == LearningPeriod.Kind.SELF_RUN


@rule(Meeting, "run")
def can_run_meeting(user: Any, meeting: Meeting) -> bool:
    """Plan and move, edit the agenda, run the room and take attendance: the
    coaches in a leergang, every active member in a self-run period."""
    if is_self_run(meeting):
        return roles.is_member(user, meeting.period.community_id)
    return roles.is_coach(user, meeting.period.community_id)


@rule(Meeting, "summary")
def can_write_summary(user: Any, meeting: Meeting) -> bool:
    """Write and publish the summary: as :func:`can_run_meeting`."""
    membership = roles.membership_of(user, meeting.period.community_id)
    return membership is not None and may_write_summary(membership, meeting)


@rule(Meeting, "observe")
def can_observe(user: Any, meeting: Meeting) -> bool:
    """A visiting coach's observation for the community: self-run meetings only."""
    return is_self_run(meeting) and roles.is_coach(user, meeting.period.community_id)


def access_meeting(
    user: Any, meeting_id: int, *, need: str
) -> tuple[Meeting, Membership]:
    """The meeting and the viewer's active membership, or 404 (audited).

    ``need`` is ``view`` (any active member), ``run`` and ``summary`` (the
    coaches; in a self-run period every member), ``coach`` (the coach panel and
    notes) or ``observe`` (a coach, on a self-run meeting).
    """
    with remembering():  # the check and the membership below: one lookup
        meeting = get_allowed(
            user,
            Meeting.objects.select_related("period__community__organisation"),
            meeting_id,
            need,
        )
        membership = roles.membership_of(user, meeting.period.community_id)
    assert membership is not None  # every Meeting rule asks for one
    return meeting, membership


def may_write_summary(membership: Membership, meeting: Meeting) -> bool:
    """The coaches; in a self-run period every member (the note-taker is asked
    to, but holds no extra right)."""
    return membership.is_coaching or is_self_run(meeting)


def access_coaching(user: Any, community_id: int) -> tuple[Community, Membership]:
    """The community, for its coaches and apprentice coaches only (404 otherwise)."""
    community, membership = access_community(user, community_id, need="meetings.coach")
    assert membership is not None  # the rule asks for one
    return community, membership


@rule(SelfRunSchedule, "coach")
def can_run_self_run(user: Any, schedule: SelfRunSchedule) -> bool:
    """Start and configure a self-run period: the community's coaches only."""
    return roles.is_coach(user, schedule.period.community_id)


def access_self_run(
    user: Any, period_id: int, *, need: str
) -> tuple[SelfRunSchedule, Membership]:
    """A self-run period's schedule, for its community's coaches (``coach``)."""
    schedule = (
        SelfRunSchedule.objects.select_related("period__community__organisation")
        .filter(period_id=period_id, period__kind=LearningPeriod.Kind.SELF_RUN)
        .first()
    )
    if schedule is None or not allowed(user, need, schedule):
        deny(user, f"communities.learningperiod:{period_id}:{need}")
    membership = roles.membership_of(user, schedule.period.community_id)
    assert membership is not None  # the rule asks for one
    return schedule, membership


def access_meeting_role(user: Any, role_id: int) -> tuple[MeetingRole, Membership]:
    """A role at a self-run meeting, to swap: its coaches, or the one who holds it."""
    role = MeetingRole.objects.filter(pk=role_id).select_related("membership").first()
    if role is None:
        deny(user, f"meetings.meetingrole:{role_id}:swap")
    meeting, membership = access_meeting(user, role.meeting_id, need="view")
    if not membership.is_coaching and role.membership_id != membership.pk:
        deny(user, f"meetings.meetingrole:{role_id}:swap")
    role.meeting = meeting
    return role, membership


def access_agenda_item(user: Any, item_id: int) -> tuple[AgendaItem, Membership]:
    """An agenda item, for whoever runs its session (:func:`can_run_meeting`)."""
    item = AgendaItem.objects.filter(pk=item_id).only("meeting_id").first()
    if item is None:
        deny(user, f"meetings.agendaitem:{item_id}:run")
    meeting, membership = access_meeting(user, item.meeting_id, need="run")
    item = AgendaItem.objects.get(pk=item_id)
    item.meeting = meeting
    return item, membership


def access_proposal(
    user: Any, proposal_id: int, *, need: str
) -> tuple[OpenSpaceProposal, Membership]:
    """An open-space proposal through the right to ``need`` on its session."""
    proposal = OpenSpaceProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        deny(user, f"meetings.openspaceproposal:{proposal_id}:{need}")
    meeting, membership = access_meeting(user, proposal.meeting_id, need=need)
    proposal.meeting = meeting
    return proposal, membership


# The roles a self-run community chooses, and its equality guard (selfrun/roles.py,
# selfrun/guard.py): rights are the members', roles are tasks.


@rule(SelfRunSchedule, "roles")
def can_shape_roles(user: Any, schedule: SelfRunSchedule) -> bool:
    """Define the period's roles and their tasks: every active member."""
    return roles.is_member(user, schedule.period.community_id)


@rule(RoleDefinition, "decline")
def can_decline_role(user: Any, role: RoleDefinition) -> bool:
    """Say one would rather not take a role: the participants it goes round."""
    return roles.is_participant(user, role.period.community_id)


@rule(Meeting, "equal_space")
def can_answer_equal_space(user: Any, meeting: Meeting) -> bool:
    """The check-out question of a self-run meeting: its participants."""
    return meeting.method_step is None and roles.is_participant(
        user, meeting.period.community_id
    )


def access_role_definition(
    user: Any, role_id: int, *, need: str
) -> tuple[RoleDefinition, SelfRunSchedule, Membership]:
    """A role of a self-run period: to change (``roles``, every member) or to
    decline (``decline``, its participants); 404 otherwise (audited)."""
    role = (
        RoleDefinition.objects.select_related("period__community")
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        deny(user, f"meetings.roledefinition:{role_id}:{need}")
    if need == "decline" and not allowed(user, need, role):
        deny(user, f"meetings.roledefinition:{role_id}:{need}")
    schedule, membership = access_self_run(user, role.period_id, need="roles")
    role.period = schedule.period
    return role, schedule, membership
