"""Composing communities from a cohort: pages for the programme lead only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.communities.access import access_organisation
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, presenters
from .access import access_cohort, access_proposal
from .composing import ComposeError, Workspace
from .forms import (
    AcceptForm,
    CoachForm,
    ComposeForm,
    ConfirmForm,
    MoveForm,
    RuleForm,
    UploadForm,
    sign_rows,
)
from .models import Cohort, Proposal
from .upload import FileRefused, read_cohort_file


@login_required
def cohort_list(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need="manage")
    cohorts = (
        Cohort.objects.filter(organisation=organisation)
        .annotate(
            member_count=Count("members", distinct=True),
            proposal_count=Count("proposals", distinct=True),
        )
        .order_by("-created_at", "-id")  # Meta.ordering does not survive the counts
    )
    context = {"organisation": organisation, "cohorts": cohorts}
    return render(request, "cohorts/cohort_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_upload(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    """Upload → preview with every problem → confirm; nothing is saved before."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    if "payload" in request.POST:
        return _confirm_upload(request, organisation)
    form = UploadForm(
        request.POST or None, request.FILES or None, organisation=organisation
    )
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = read_cohort_file(
                upload.name, upload.read(), today=timezone.localdate()
            )
        except FileRefused as error:
            form.add_error("file", str(error))
        else:
            rows = [row.values for row in checked.rows]
            context["checked"] = checked
            context["confirm"] = ConfirmForm(
                initial={
                    "name": form.cleaned_data["name"],
                    "payload": sign_rows(
                        rows, user_id=request.user.pk, organisation_id=organisation.pk
                    ),
                },
                organisation=organisation,
                user_id=request.user.pk,
            )
    return render(request, "cohorts/cohort_upload.html", context)


def _confirm_upload(
    request: AuthenticatedHttpRequest, organisation: Any
) -> HttpResponse:
    form = ConfirmForm(request.POST, organisation=organisation, user_id=request.user.pk)
    if not form.is_valid():
        upload = UploadForm(
            initial={"name": request.POST.get("name", "")}, organisation=organisation
        )
        context = {
            "organisation": organisation,
            "form": upload,
            "confirm_errors": form.errors,
        }
        return render(request, "cohorts/cohort_upload.html", context)
    cohort = actions.save_cohort(
        organisation=organisation,
        actor=request.user,
        name=form.cleaned_data["name"],
        rows=form.cleaned_data["payload"],
    )
    messages.success(
        request,
        _("Cohort %(name)s saved with %(count)s people.")
        % {"name": cohort, "count": len(form.cleaned_data["payload"])},
    )
    return redirect("cohorts:cohort-detail", cohort.pk)


def _detail(
    request: AuthenticatedHttpRequest, cohort: Cohort, status: int = 200, **forms: Any
) -> HttpResponse:
    context = presenters.cohort_context(cohort)
    space: Workspace = context["space"]
    context["compose_form"] = forms.get("compose_form") or ComposeForm(
        cohort=cohort, attributes=space.attributes
    )
    context["rule_form"] = forms.get("rule_form") or RuleForm(
        cohort=cohort, categories=presenters.categories(space)
    )
    context["coach_form"] = forms.get("coach_form") or CoachForm(cohort=cohort)
    return render(request, "cohorts/cohort_detail.html", context, status=status)


@login_required
def cohort_detail(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    return _detail(request, cohort)


@login_required
@require_POST
def member_erase(
    request: AuthenticatedHttpRequest, cohort_id: int, member_id: int
) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    member = get_object_or_404(cohort.members, pk=member_id)
    actions.erase_member_data(member=member, actor=request.user)
    messages.success(
        request, _("The diversity data of %(name)s is erased.") % {"name": member}
    )
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_POST
def cohort_erase(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    count = actions.erase_cohort_data(cohort=cohort, actor=request.user)
    messages.success(
        request,
        _("The diversity data of all %(count)s people is erased.") % {"count": count},
    )
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_delete(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    if request.method == "POST":
        organisation_id = cohort.organisation_id
        actions.delete_cohort(cohort=cohort, actor=request.user)
        messages.success(request, _("The cohort is deleted."))
        return redirect("cohorts:cohort-list", organisation_id)
    return render(request, "cohorts/cohort_delete.html", {"cohort": cohort})


@login_required
@require_POST
def rule_create(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    space = Workspace(cohort, {})
    form = RuleForm(
        request.POST, cohort=cohort, categories=presenters.categories(space)
    )
    if not form.is_valid():
        return _detail(request, cohort, status=422, rule_form=form)
    actions.add_rule(cohort=cohort, actor=request.user, **form.rule_kwargs())
    messages.success(request, _("Rule added."))
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_POST
def rule_delete(
    request: AuthenticatedHttpRequest, cohort_id: int, rule_id: int
) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    get_object_or_404(cohort.rules, pk=rule_id).delete()
    messages.success(request, _("Rule removed."))
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_POST
def coach_create(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    form = CoachForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _detail(request, cohort, status=422, coach_form=form)
    data = form.cleaned_data
    actions.add_coach(
        cohort=cohort,
        actor=request.user,
        name=data["name"],
        email=data["email"],
        experienced=data["experienced"],
        capacity=data["capacity"],
        conflicts=list(data["conflicts"]),
    )
    messages.success(request, _("Coach added."))
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_POST
def coach_delete(
    request: AuthenticatedHttpRequest, cohort_id: int, coach_id: int
) -> HttpResponse:
    cohort = access_cohort(request.user, cohort_id)
    get_object_or_404(cohort.coaches, pk=coach_id).delete()
    messages.success(request, _("Coach removed."))
    return redirect("cohorts:cohort-detail", cohort.pk)


@login_required
@require_POST
def compose(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    """Run the engine (0.5 s) in the request and show its proposal."""
    cohort = access_cohort(request.user, cohort_id)
    space = Workspace(cohort, {})
    form = ComposeForm(request.POST, cohort=cohort, attributes=space.attributes)
    if form.is_valid():
        try:
            proposal = actions.create_proposal(
                cohort=cohort, actor=request.user, settings=form.settings()
            )
        except ComposeError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cohorts:proposal-detail", proposal.pk)
    return _detail(request, cohort, status=422, compose_form=form)


def _proposal_page(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    *,
    error: str | None = None,
    accept_form: AcceptForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = presenters.proposal_context(proposal)
    context["accept_form"] = accept_form or AcceptForm(
        initial={"version": proposal.version, "name_prefix": proposal.cohort.name}
    )
    context["error"] = error
    template = "cohorts/proposal_detail.html"
    if request.htmx:
        template += "#move-response"
    return render(request, template, context, status=status)


@login_required
def proposal_detail(
    request: AuthenticatedHttpRequest, proposal_id: int
) -> HttpResponse:
    proposal = access_proposal(request.user, proposal_id)
    return _proposal_page(request, proposal)


@login_required
@require_POST
def proposal_move(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Move or swap people by hand; rescored by the engine, violations shown."""
    proposal = access_proposal(request.user, proposal_id)
    names = {m.pk: m.name for m in proposal.cohort.members.all()}
    form = MoveForm(request.POST, groups=proposal.groups, names=names)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return _proposal_page(request, proposal, error=errors, status=422)
    data = form.cleaned_data
    try:
        proposal = actions.move_member(
            proposal=proposal,
            actor=request.user,
            member_id=data["member"],
            version=data["version"],
            to_group=data["to_group"],
            swap_with=data["swap_with"],
        )
    except actions.StaleProposal as stale:
        return _proposal_page(request, stale.proposal, error=str(stale), status=409)
    except actions.ProposalError as error:
        return _proposal_page(request, proposal, error=str(error), status=422)
    if not request.htmx:
        return redirect("cohorts:proposal-detail", proposal.pk)
    return _proposal_page(request, proposal)


@login_required
@require_POST
def proposal_rerun(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """The same settings with the next seed: another proposal to compare."""
    proposal = access_proposal(request.user, proposal_id)
    settings = {**proposal.settings, "seed": int(proposal.settings.get("seed", 0)) + 1}
    try:
        new = actions.create_proposal(
            cohort=proposal.cohort, actor=request.user, settings=settings
        )
    except ComposeError as error:
        return _proposal_page(request, proposal, error=str(error), status=422)
    return redirect("cohorts:proposal-detail", new.pk)


@login_required
@require_POST
def proposal_accept(
    request: AuthenticatedHttpRequest, proposal_id: int
) -> HttpResponse:
    """Create communities, memberships and coach pairs and invite — all or nothing."""
    proposal = access_proposal(request.user, proposal_id)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _proposal_page(request, proposal, accept_form=form, status=422)
    try:
        communities = actions.accept_proposal(
            proposal=proposal, actor=request.user, **form.cleaned_data
        )
    except actions.StaleProposal as stale:
        return _proposal_page(request, stale.proposal, error=str(stale), status=409)
    except actions.ProposalError as error:
        form.add_error(None, str(error))
        return _proposal_page(request, proposal, accept_form=form, status=422)
    messages.success(
        request,
        _("%(count)s communities created; the invitations are on their way.")
        % {"count": len(communities)},
    )
    return redirect("communities:organisation-detail", proposal.cohort.organisation_id)
