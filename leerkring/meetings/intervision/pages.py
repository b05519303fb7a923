"""What the intervision pages show: a meeting's cases and format, one case, the
running step in the room and the take-aways on someone's own track."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.communities.models import Community, Membership
from leerkring.core.access import allowed
from leerkring.tracks.models import LearningQuestion

from ..models import AgendaItem, Meeting
from .access import case_bringer, may_read_takeaway
from .actions import current_step, intervision_items
from .forms import AdviceForm, CaseEditForm, CaseForm, FormatForm, TakeawayForm
from .models import IntervisionCase, IntervisionPlan


def own_questions(membership: Membership) -> Any:
    """The member's learning questions in this community, newest period first."""
    return (
        LearningQuestion.objects.filter(
            personal_track__owner_id=membership.user_id,
            personal_track__period__community_id=membership.community_id,
        )
        .select_related("personal_track__period")
        .prefetch_related("versions")
        .order_by("-personal_track__period__start_date")
    )


def coming_meetings(community_id: int) -> Any:
    return Meeting.objects.filter(
        period__community_id=community_id, date__gte=timezone.localdate()
    ).order_by("date", "number")


def meeting_cases(meeting: Meeting) -> list[IntervisionCase]:
    return list(
        IntervisionCase.objects.filter(meeting=meeting).select_related(
            "membership__user"
        )
    )


def meeting_context(
    meeting: Meeting,
    membership: Membership,
    user: User,
    *,
    case_form: CaseForm | None = None,
    format_form: FormatForm | None = None,
) -> dict[str, Any]:
    """A meeting's intervision: its cases, the chosen formats, registering a case
    and (for whoever runs the meeting) choosing the format."""
    cases = meeting_cases(meeting)
    items = intervision_items(meeting)
    may_bring = allowed(user, "bring_case", meeting) and meeting.status() != "past"
    may_lead = allowed(user, "run", meeting)
    plans = [getattr(item, "intervision", None) for item in items]
    if may_lead and format_form is None and items:
        chosen = next((p for p in plans if p is not None), None)
        format_form = FormatForm(
            items=items,
            cases=IntervisionCase.objects.filter(meeting=meeting),
            initial={
                "version": meeting.agenda_version,
                "format": chosen.format if chosen else "",
                "case": chosen.case_id if chosen else (cases[0].pk if cases else None),
            },
        )
    return {
        "meeting": meeting,
        "community": meeting.period.community,
        "membership": membership,
        "cases": cases,
        "items": list(zip(items, plans, strict=True)),
        "may_bring": may_bring,
        "may_lead": may_lead,
        "case_form": case_form
        or (CaseForm(questions=own_questions(membership)) if may_bring else None),
        "format_form": format_form if may_lead else None,
    }


def case_context(
    case: IntervisionCase,
    user: User,
    *,
    advice_form: AdviceForm | None = None,
    takeaway_form: TakeawayForm | None = None,
    edit_form: CaseEditForm | None = None,
) -> dict[str, Any]:
    is_bringer = user.pk == case_bringer(case)
    context: dict[str, Any] = {
        "case": case,
        "community": case.membership.community,
        "bringer": case.membership.user,
        "is_bringer": is_bringer,
        "show_takeaway": bool(case.takeaway) and may_read_takeaway(user, case),
        "advice_form": advice_form
        or AdviceForm(initial={"version": case.version, "advice": case.advice}),
    }
    if is_bringer:
        context["takeaway_form"] = takeaway_form or TakeawayForm(
            initial={
                "version": case.version,
                "takeaway": case.takeaway,
                "sharing": case.takeaway_sharing,
            }
        )
        context["edit_form"] = edit_form or CaseEditForm(
            questions=own_questions(case.membership),
            meetings=coming_meetings(case.membership.community_id),
            initial={
                "version": case.version,
                "meeting": case.meeting_id,
                "question": case.question,
                "context": case.context,
                "learning_question": case.learning_question_id,
            },
        )
    return context


def room_steps(meeting: Meeting, current: AgendaItem | None) -> dict[str, Any] | None:
    """The running intervision item's steps: which one runs, since when, what
    comes next (None when no item with a format runs)."""
    if current is None or meeting.is_closed:
        return None
    plan = (
        IntervisionPlan.objects.filter(item=current)
        .select_related("case__membership__user")
        .first()
    )
    if plan is None:
        return None
    index, since = current_step(plan, meeting)
    steps = plan.plan.steps
    return {
        "plan": plan,
        "steps": steps,
        "index": index,
        "number": index + 1,
        "step": steps[index],
        "next": steps[index + 1] if index + 1 < len(steps) else None,
        "started": since,
        "case": plan.case,
    }


def takeaways(community: Community, user: User) -> list[IntervisionCase]:
    """The viewer's own cases in the community with a take-away, newest first."""
    return list(
        IntervisionCase.objects.filter(
            membership__community=community, membership__user=user
        )
        .exclude(takeaway="")
        .select_related("meeting", "learning_question")
        .prefetch_related("learning_question__versions")
        .order_by("-takeaway_at")
    )
