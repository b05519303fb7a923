"""The privacy officer's page: what is stored, who sees it, the retention in
force, the sub-processors, and the processing register entry to download."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from leerkring.communities.access import access_organisation
from leerkring.core import audit
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.models import AuditAction

from . import actions, register
from .forms import RetentionForm
from .models import PeriodRetention, RetentionPolicy, months_for


@login_required
@require_http_methods(["GET", "POST"])
def privacy(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    need = "manage" if request.method == "POST" else "view"
    organisation = access_organisation(request.user, organisation_id, need=need)
    policy = RetentionPolicy.objects.filter(organisation=organisation).first()
    version = policy.version if policy else 0
    initial = {"months": months_for(organisation), "version": version}
    form = RetentionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_policy(
                organisation=organisation,
                months=form.cleaned_data["months"],
                version=form.cleaned_data["version"],
                actor=request.user,
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("The retention is saved."))
            return redirect("retention:privacy", organisation.pk)
    periods = PeriodRetention.objects.filter(
        period__community__organisation=organisation
    ).select_related("period__community")
    return render(
        request,
        "retention/privacy.html",
        {
            "organisation": organisation,
            "form": form,
            "months": initial["months"],
            "is_default": policy is None,
            "register": register.entry(organisation),
            "pending": [p for p in periods if p.expired_at is None],
            "done": [p for p in periods if p.expired_at is not None][-10:],
            "notice_days": settings.RETENTION_NOTICE_DAYS,
        },
    )


@login_required
@require_GET
def register_export(
    request: AuthenticatedHttpRequest, organisation_id: int, fmt: str
) -> HttpResponse:
    """The processing register entry as JSON or CSV (audited)."""
    organisation = access_organisation(request.user, organisation_id, need="view")
    if fmt not in ("json", "csv"):
        raise Http404
    data = register.entry(organisation)
    audit.record(
        AuditAction.PROCESSING_REGISTER_EXPORTED,
        actor=request.user,
        target=organisation,
        request=request,
        format=fmt,
    )
    if fmt == "json":
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        content_type = "application/json; charset=utf-8"
    else:
        body, content_type = register.as_csv(data), "text/csv; charset=utf-8"
    filename = f"processing-register-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
