"""Journal pages: short views — access, form, action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, exports, pages
from .access import access_journal, access_reflection
from .forms import (
    CommentForm,
    FeedbackForm,
    JournalSettingForm,
    ReflectionForm,
    VisibilityForm,
)
from .models import Draft, JournalSetting


@login_required
def journal_list(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership = access_journal(request.user, community_id)
    context = pages.journal_context(request, community, membership)
    template = "journal/journal_list.html"
    if request.htmx:
        template += "#entries"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_create(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_journal(request.user, community_id)
    draft = Draft.objects.filter(
        user=request.user, community=community, reflection__isnull=True
    ).first()
    initial = pages.initial_for_new(request, draft)
    form = ReflectionForm(
        request.POST or None, community=community, writer=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        reflection = actions.write_reflection(
            author=request.user, community=community, **data
        )
        messages.success(request, _("Your reflection is saved."))
        return redirect("journal:reflection-detail", reflection.pk)
    context = pages.form_context(request, community, form, draft, None)
    return render(request, "journal/reflection_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="edit")
    draft = Draft.objects.filter(user=request.user, reflection=reflection).first()
    initial = pages.initial_for_edit(request, reflection, draft)
    community = reflection.community
    form = ReflectionForm(
        request.POST or None, community=community, writer=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_reflection(
                reflection=reflection, author=request.user, **form.cleaned_data
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("Your reflection is saved."))
            return redirect("journal:reflection-detail", reflection.pk)
    context = pages.form_context(request, community, form, draft, reflection)
    return render(request, "journal/reflection_form.html", context)


@require_POST
def draft_save_new(request: HttpRequest, community_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return pages.logged_out_draft(request)
    community, _membership = access_journal(request.user, community_id)
    return pages.autosave(request, community, None)


@require_POST
def draft_save(request: HttpRequest, reflection_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return pages.logged_out_draft(request)
    reflection = access_reflection(request.user, reflection_id, need="edit")
    return pages.autosave(request, reflection.community, reflection)


@login_required
@require_POST
def draft_discard(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    draft = pages.access_draft(request.user, draft_id)
    draft.delete()
    messages.success(request, _("The draft is discarded."))
    if draft.reflection_id:
        return redirect("journal:reflection-edit", draft.reflection_id)
    return redirect("journal:reflection-create", draft.community_id)


@login_required
def reflection_detail(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="view")
    if reflection.author_id == request.user.pk:
        actions.mark_feedback_read(reflection=reflection, author=request.user)
    context = pages.detail_context(request, reflection)
    return render(request, "journal/reflection_detail.html", context)


@login_required
def reflection_mirror(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    """The mirror's panel alone; polled by htmx until the assessment is there."""
    reflection = access_reflection(request.user, reflection_id, need="view_assessment")
    context = pages.mirror_context(request, reflection)
    return render(request, "journal/reflection_detail.html#mirror", context)


@login_required
@require_POST
def reflection_visibility(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="edit")
    form = VisibilityForm(request.POST)
    if form.is_valid():
        actions.change_visibility(
            reflection=reflection,
            author=request.user,
            visibility=form.cleaned_data["visibility"],
        )
        messages.success(request, pages.visibility_message(reflection))
    else:
        messages.error(request, _("Choose who can read this reflection."))
    return redirect("journal:reflection-detail", reflection.pk)


@login_required
@require_POST
def reflection_reassess(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="edit")
    if actions.reassess(reflection=reflection, author=request.user):
        messages.success(request, _("The mirror is reading your entry again."))
    else:
        messages.error(request, _("The mirror is switched off in your settings."))
    return redirect("journal:reflection-detail", reflection.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_delete(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="edit")
    if request.method == "POST":
        actions.delete_reflection(reflection=reflection, author=request.user)
        messages.success(request, _("The reflection is deleted."))
        return redirect("journal:journal-list", reflection.community_id)
    context = {"reflection": reflection, "community": reflection.community}
    return render(request, "journal/reflection_delete.html", context)


@login_required
@require_POST
def feedback_save(
    request: AuthenticatedHttpRequest, reflection_id: int
) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="give_feedback")
    form = FeedbackForm(request.POST)
    if form.is_valid():
        publish = "publish" in request.POST
        try:
            actions.save_feedback(
                reflection=reflection,
                coach=request.user,
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
                publish=publish,
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            done = _("Feedback published.") if publish else _("Draft feedback saved.")
            messages.success(request, done)
            return redirect("journal:reflection-detail", reflection.pk)
    context = pages.detail_context(request, reflection, feedback_form=form)
    return render(request, "journal/reflection_detail.html", context, status=400)


@login_required
@require_POST
def comment_add(request: AuthenticatedHttpRequest, reflection_id: int) -> HttpResponse:
    reflection = access_reflection(request.user, reflection_id, need="comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.add_comment(
            reflection=reflection, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your comment is added."))
        return redirect("journal:reflection-detail", reflection.pk)
    context = pages.detail_context(request, reflection, comment_form=form)
    return render(request, "journal/reflection_detail.html", context, status=400)


@login_required
def export_markdown(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_journal(request.user, community_id)
    return exports.markdown_response(request, community)


@login_required
def export_pdf(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, _membership = access_journal(request.user, community_id)
    return exports.pdf_response(request, community)


@login_required
@require_http_methods(["GET", "POST"])
def journal_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    setting = JournalSetting.for_user(request.user)
    form = JournalSettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        actions.change_settings(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        return redirect("journal:settings")
    context: dict[str, Any] = {"form": form}
    return render(request, "journal/settings.html", context)
