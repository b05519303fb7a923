"""What the journal's pages show: context builders kept out of the views."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.assignments.models import IntegrationAssignment
from leerkring.communities.models import Community, Membership
from leerkring.core.access import allowed, deny
from leerkring.core.concurrency import Stale
from leerkring.reflection import model_version
from leerkring.tracks.models import LearningQuestion

from . import actions, markdown, presentation
from .forms import (
    CommentForm,
    DraftForm,
    FeedbackForm,
    FilterForm,
    ReflectionForm,
    VisibilityForm,
)
from .models import (
    CoachFeedback,
    Comment,
    Draft,
    JournalSetting,
    Reflection,
    ReflectionAssessment,
    Visibility,
)
from .prompts import writing_prompts

FORM_TEMPLATE = "journal/reflection_form.html"


def own_entries(user: User, community: Community) -> Any:
    published = Q(feedback__status=CoachFeedback.Status.PUBLISHED)
    return (
        Reflection.objects.filter(author=user, community=community)
        .for_list()
        .annotate(
            feedback_count=Count("feedback", filter=published, distinct=True),
            unread_count=Count(
                "feedback",
                filter=published & Q(feedback__read_at__isnull=True),
                distinct=True,
            ),
        )
    )


def level_trend(user: User, community: Community) -> presentation.Trend | None:
    """The author's assessed entries in this community, oldest first."""
    assessments = (
        ReflectionAssessment.objects.filter(
            reflection__author=user,
            reflection__community=community,
            reflection_version=F("reflection__version"),
            outcome=ReflectionAssessment.Outcome.OK,
        )
        .select_related("reflection")
        .order_by("reflection__created_at", "reflection_id", "-created_at")
    )
    rows: dict[int, tuple[str, Any, int]] = {}
    for item in assessments:
        if item.level is not None:
            rows.setdefault(
                item.reflection_id,
                (item.reflection.title, item.reflection.created_at, item.level),
            )
    return presentation.trend(list(rows.values()))


def journal_context(
    request: Any, community: Community, membership: Membership
) -> dict[str, Any]:
    user = request.user
    filters = FilterForm(request.GET or None, community=community, writer=user)
    entries = own_entries(user, community)
    if filters.is_valid():
        if filters.cleaned_data["meeting"]:
            entries = entries.filter(meeting=filters.cleaned_data["meeting"])
        if filters.cleaned_data["assignment"]:
            entries = entries.filter(assignment=filters.cleaned_data["assignment"])
        if filters.cleaned_data["visibility"]:
            entries = entries.filter(visibility=filters.cleaned_data["visibility"])
    shared = Reflection.objects.shared_with(user).filter(community=community).for_list()
    if membership.is_coaching:
        shared = shared.awaiting_feedback_first()
    notices = (
        CoachFeedback.objects.filter(
            reflection__author=user,
            reflection__community=community,
            status=CoachFeedback.Status.PUBLISHED,
            read_at__isnull=True,
        )
        .select_related("coach", "reflection")
        .order_by("-published_at")
    )
    setting = JournalSetting.for_user(user)
    return {
        "community": community,
        "membership": membership,
        "filters": filters,
        "filtered": filters.is_valid() and any(filters.cleaned_data.values()),
        "entries": entries,
        "shared": shared,
        "notices": notices,
        "setting": setting,
        "trend": level_trend(user, community) if setting.mirror_enabled else None,
        "prompts": writing_prompts(community, user),
        "new_draft": Draft.objects.filter(
            user=user, community=community, reflection__isnull=True
        ).first(),
    }


def initial_for_new(request: HttpRequest, draft: Draft | None) -> dict[str, Any]:
    if draft is not None:
        return {"title": draft.title, "body": draft.body}
    return {
        "title": request.GET.get("title", "")[:200],
        "meeting": request.GET.get("meeting") or None,
        "assignment": request.GET.get("assignment") or None,
        "learning_question": request.GET.get("learning_question") or None,
    }


def initial_for_edit(
    request: HttpRequest, reflection: Reflection, draft: Draft | None
) -> dict[str, Any]:
    initial = {
        "title": reflection.title,
        "body": reflection.body,
        "meeting": reflection.meeting_id,
        "assignment": reflection.assignment_id,
        "learning_question": reflection.learning_question_id,
        "visibility": reflection.visibility,
        "version": reflection.version,
    }
    if draft is not None and not draft.is_empty:
        initial.update(title=draft.title, body=draft.body)
    return initial


def form_context(
    request: Any,
    community: Community,
    form: ReflectionForm,
    draft: Draft | None,
    reflection: Reflection | None,
) -> dict[str, Any]:
    return {
        "community": community,
        "form": form,
        "draft": draft if draft is not None and not draft.is_empty else None,
        "draft_version": draft.version if draft is not None else "",
        "reflection": reflection,
        "prompts": writing_prompts(community, request.user) if not reflection else [],
    }


def autosave(
    request: Any, community: Community, reflection: Reflection | None
) -> HttpResponse:
    """Keep the text of the entry being written; answer with the status line."""
    form = DraftForm(request.POST)
    context: dict[str, Any] = {"community": community, "reflection": reflection}
    if not form.is_valid():
        context["draft_problem"] = _(
            "Your text is too long to keep as a draft (at most 50,000 characters)."
        )
        return render(request, f"{FORM_TEMPLATE}#draft_status", context)
    try:
        draft = actions.save_draft(
            user=request.user,
            community=community,
            reflection=reflection,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            version=form.cleaned_data["draft_version"],
        )
    except Stale:
        context["draft_conflict"] = True
        return render(request, f"{FORM_TEMPLATE}#draft_status", context)
    context.update(saved_draft=draft, draft_version=draft.version)
    return render(request, f"{FORM_TEMPLATE}#draft_status", context)


def logged_out_draft(request: HttpRequest) -> HttpResponse:
    """The session has ended while writing: say so, keep the text in the page."""
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect_to_login(request.get_full_path())
    return render(request, f"{FORM_TEMPLATE}#draft_status", {"logged_out": True})


def access_draft(user: Any, draft_id: int) -> Draft:
    draft = Draft.objects.filter(pk=draft_id, user=user).first()
    if draft is None:
        deny(user, f"journal.draft:{draft_id}:discard")
    return draft


def mirror_context(request: Any, reflection: Reflection) -> dict[str, Any]:
    assessment = ReflectionAssessment.objects.current_for(reflection)
    context: dict[str, Any] = {
        "reflection": reflection,
        "assessment": assessment,
        "mirror_is_mine": reflection.author_id == request.user.pk,
    }
    if assessment is None:
        return context
    if assessment.is_ok and assessment.level is not None:
        kinds = {str(e.get("kind")) for e in assessment.evidence}
        context.update(
            path=presentation.path(assessment.level),
            meaning=presentation.meaning(assessment.level),
            segments=presentation.segments(reflection.body, assessment.evidence),
            recognised=[
                label for kind, label in presentation.KINDS.items() if kind in kinds
            ],
        )
    else:
        context["problem"] = presentation.problem(assessment.outcome)
    context["newer_model"] = assessment.model_version != model_version()
    return context


def detail_context(
    request: Any,
    reflection: Reflection,
    *,
    feedback_form: FeedbackForm | None = None,
    comment_form: CommentForm | None = None,
) -> dict[str, Any]:
    user = request.user
    is_author = reflection.author_id == user.pk
    can_give_feedback = allowed(user, "give_feedback", reflection)
    context: dict[str, Any] = {
        "reflection": reflection,
        "community": reflection.community,
        "is_author": is_author,
        "body_html": markdown.render(reflection.body),
        "can_give_feedback": can_give_feedback,
        "show_mirror": allowed(user, "view_assessment", reflection),
        "mirror_enabled": JournalSetting.for_user(reflection.author).mirror_enabled,
    }
    if context["show_mirror"]:
        context.update(mirror_context(request, reflection))
    context.update(linked(user, reflection))
    if is_author or can_give_feedback:
        context["feedback"] = list(
            reflection.feedback.filter(
                status=CoachFeedback.Status.PUBLISHED
            ).select_related("coach")
        )
    if can_give_feedback:
        draft = reflection.feedback.filter(
            coach=user, status=CoachFeedback.Status.DRAFT
        ).first()
        context["feedback_draft"] = draft
        context["feedback_form"] = feedback_form or FeedbackForm(
            instance=draft,
            initial={"version": draft.version if draft else None},
        )
    comments_shown = reflection.is_shared_with_community or is_author
    comments = Comment.objects.filter(reflection=reflection).select_related("author")
    context["comments"] = list(comments) if comments_shown else []
    context["comments_hidden"] = is_author and not reflection.is_shared_with_community
    if allowed(user, "comment", reflection):
        context["comment_form"] = comment_form or CommentForm()
    if is_author:
        context["visibility_form"] = VisibilityForm(
            initial={"visibility": reflection.visibility}
        )
    return context


def linked(user: Any, reflection: Reflection) -> dict[str, Any]:
    """The entry's assignment and learning question, only where the viewer may
    read them themselves (a hidden one reads as no link)."""
    found: dict[str, Any] = {"linked_assignment": None, "linked_question": None}
    if reflection.assignment_id:
        found["linked_assignment"] = (
            IntegrationAssignment.objects.visible_to(user)
            .filter(pk=reflection.assignment_id)
            .first()
        )
    if reflection.learning_question_id:
        found["linked_question"] = (
            LearningQuestion.objects.visible_to(user)
            .filter(pk=reflection.learning_question_id)
            .prefetch_related("versions")
            .first()
        )
    return found


def visibility_message(reflection: Reflection) -> str:
    if reflection.visibility == Visibility.COACHES:
        return _("Your coaches can read this reflection now.")
    if reflection.visibility == Visibility.COMMUNITY:
        return _("Everyone in your community can read this reflection now.")
    return _("Only you can read this reflection now.")
