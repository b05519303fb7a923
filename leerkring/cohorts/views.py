"""Composing communities from a cohort: pages for the programme lead only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from leerkring.communities.access import access_organisation
from leerkring.core.concurrency import Stale, stale_message
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, file_template, presenters
from .access import access_cohort, access_proposal
from .composing import ComposeError, Workspace
from .forms import (
    AcceptForm,
    CoachForm,
    ComposeForm,
    ConfirmForm,
    MoveForm,
    RoleForm,
    RuleForm,
    UploadForm,
    sign_rows,
)
from .models import Cohort, Proposal
from .upload import CohortFile, FileRefused, read_cohort_file


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
                upload.name, upload.read(), form.reading(organisation)
            )
        except FileRefused as error:
            form.add_error("file", str(error))
        else:
            context["checked"] = checked
            context["confirm"] = _confirm_form(request, form, checked)
    context["roles"] = presenters.cohort_roles(organisation)
    return render(request, "cohorts/cohort_upload.html", context)


def _confirm_form(
    request: AuthenticatedHttpRequest, upload: UploadForm, checked: CohortFile
) -> ConfirmForm:
    """The signed good lines; the lines with problems are left out only by the
    button that says so."""
    good = [row.values for row in checked.good]
    skipped = len(checked.rows) - len(good)
    organisation = upload.organisation
    payload = sign_rows(
        good,
        user_id=request.user.pk,
        organisation_id=organisation.pk,
        skipped=skipped,
        consent=upload.cleaned_data["consent"],
    )
    return ConfirmForm(
        initial={"name": upload.cleaned_data["name"], "payload": payload},
        organisation=organisation,
        user_id=request.user.pk,
    )


def _confirm_upload(
    request: AuthenticatedHttpRequest, organisation: Any
) -> HttpResponse:
    form = ConfirmForm(request.POST, organisation=organisation, user_id=request.user.pk)
    if not form.is_valid():
        # The preview is gone with this request (an expired or tampered payload,
        # a name taken meanwhile): its errors are shown above a fresh upload form.
        upload = UploadForm(
            initial={"name": request.POST.get("name", "")}, organisation=organisation
        )
        context = {
            "organisation": organisation,
            "form": upload,
            "confirm_errors": form.errors,
            "roles": presenters.cohort_roles(organisation),
        }
        return render(request, "cohorts/cohort_upload.html", context)
    cohort = actions.save_cohort(
        organisation=organisation,
        actor=request.user,
        name=form.cleaned_data["name"],
        rows=form.cleaned_data["payload"]["rows"],
        consent_source=form.cleaned_data["payload"]["consent"],
        skipped=form.cleaned_data["payload"]["skipped"],
    )
    messages.success(
        request,
        _("Cohort %(name)s saved with %(count)s people.")
        % {"name": cohort, "count": len(form.cleaned_data["payload"]["rows"])},
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
@require_http_methods(["GET", "POST"])
def cohort_erase(request: AuthenticatedHttpRequest, cohort_id: int) -> HttpResponse:
    """Asks first, naming how many people lose which data; then erases."""
    cohort = access_cohort(request.user, cohort_id)
    if request.method == "POST":
        count = actions.erase_cohort_data(cohort=cohort, actor=request.user)
        messages.success(
            request,
            _("The diversity data of all %(count)s people is erased.")
            % {"count": count},
        )
        return redirect("cohorts:cohort-detail", cohort.pk)
    context = presenters.erase_context(cohort)
    return render(request, "cohorts/cohort_erase.html", context)


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
    actions.add_rule(cohort=cohort, **form.rule_kwargs())
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
            member_id=data["member"],
            version=data["version"],
            to_group=data["to_group"],
            swap_with=data["swap_with"],
        )
    except Stale as stale:
        error = stale_message(stale)
        return _proposal_page(request, stale.current, error=error, status=409)
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
    if not form.cleaned_data.pop("confirmed"):
        context = presenters.accept_context(proposal, form)
        return render(request, "cohorts/proposal_accept.html", context)
    try:
        communities = actions.accept_proposal(
            proposal=proposal, actor=request.user, **form.cleaned_data
        )
    except Stale as stale:
        error = stale_message(stale)
        return _proposal_page(request, stale.current, error=error, status=409)
    except actions.ProposalError as error:
        form.add_error(None, str(error))
        return _proposal_page(request, proposal, accept_form=form, status=422)
    messages.success(
        request,
        _("%(count)s communities created; the invitations are on their way.")
        % {"count": len(communities)},
    )
    return redirect("communities:organisation-detail", proposal.cohort.organisation_id)


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    """The roles a cohort file may use; the lead adds the organisation's own."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    form = RoleForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = organisation
        role = form.save()
        messages.success(request, _("Role %(name)s added.") % {"name": role})
        return redirect("cohorts:role-list", organisation.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "roles": presenters.cohort_roles(organisation),
    }
    status = 422 if form.errors else 200
    return render(request, "cohorts/role_list.html", context, status=status)


@login_required
@require_POST
def role_delete(
    request: AuthenticatedHttpRequest, organisation_id: int, role_id: int
) -> HttpResponse:
    """People already uploaded keep the role; new files no longer accept it."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    role = get_object_or_404(organisation.cohort_roles, pk=role_id)
    role.delete()
    messages.success(request, _("Role %(name)s removed.") % {"name": role})
    return redirect("cohorts:role-list", organisation.pk)


@login_required
@require_GET
def cohort_template(
    request: AuthenticatedHttpRequest, organisation_id: int, fmt: str
) -> HttpResponse:
    """An empty cohort file with the columns in the reader's language."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    if fmt not in file_template.FORMATS:
        raise Http404
    roles = presenters.cohort_roles(organisation)
    content, content_type = file_template.build(fmt, [r.label for r in roles])
    response = HttpResponse(content, content_type=content_type)
    filename = _("cohort-template") + f".{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
