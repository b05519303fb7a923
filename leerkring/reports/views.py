"""Pages and files that leave the app: calendars, reminder choices, PDFs, exports."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerkring.agreements.harvest import harvest_for
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core import audit, pdf, spreadsheets
from leerkring.core.access import allowed
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.models import AuditAction
from leerkring.meetings.models import Meeting

from . import actions, calendars, exports, personal, reminders, sessions
from .access import access_meeting
from .forms import ReminderPreferenceForm
from .models import CalendarFeed, ReminderPreference

ICS = "text/calendar; charset=utf-8"
logger = logging.getLogger(__name__)


def _ics(body: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        body,
        content_type=ICS,
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-cache",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's calendar address and which reminders they get."""
    user = request.user
    preference = ReminderPreference.objects.filter(user=user).first()
    coaching = Membership.objects.active().coaching().filter(user=user).exists()
    form = ReminderPreferenceForm(
        request.POST or None, instance=preference, coaching=coaching
    )
    if request.method == "POST" and form.is_valid():
        actions.save_reminder_preferences(user=user, form=form)
        messages.success(request, _("Your reminder choices are saved."))
        return redirect("reports:calendar")
    feed = CalendarFeed.objects.filter(user=user).first()
    feed_url = (
        sessions.absolute(reverse("reports:feed", args=[feed.token]))
        if feed is not None and feed.is_current
        else None
    )
    context = {
        "form": form,
        "feed_url": feed_url,
        "meetings": calendars.meetings_for(user).filter(date__gte=sessions.today()),
        "recent": reminders.recent_for(user),
    }
    return render(request, "reports/calendar_settings.html", context)


@login_required
@require_POST
def calendar_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new secret address; the old one answers 'not found' from now on."""
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    actions.renew_calendar_feed(user=request.user)
    if had_one:
        messages.success(
            request,
            _("Your calendar has a new address. The old address no longer works."),
        )
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect("reports:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's sessions as an iCalendar feed; no login (calendar apps fetch it)."""
    feed = CalendarFeed.find(token)
    if feed is None:
        raise Http404
    return _ics(calendars.feed(feed.user), "leerkring.ics")


@login_required
@require_GET
def meeting_ics(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """One session as an ``.ics`` file, for the community's members."""
    meeting, _membership = access_meeting(request.user, meeting_id)
    body = calendars.single(meeting, request.user)
    return _ics(body, f"session-{meeting.number}.ics")


def _period(community: Community, period_id: int) -> LearningPeriod:
    period = LearningPeriod.objects.filter(pk=period_id, community=community).first()
    if period is None:
        raise Http404
    period.community = community
    return period


def _audit_export(
    request: AuthenticatedHttpRequest, period: LearningPeriod, dataset: str, fmt: str
) -> None:
    """Community data left the app: who took which dataset of which period."""
    audit.record(
        AuditAction.COMMUNITY_DATA_EXPORTED,
        actor=request.user,
        target=period,
        request=request,
        dataset=dataset,
        format=fmt,
    )


def _pdf(body: bytes, filename: str, seconds: float) -> HttpResponse:
    logger.info("Rendered %s in %.2f s", filename, seconds)
    return HttpResponse(
        body,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "Server-Timing": f"pdf;dur={seconds * 1000:.0f}",
        },
    )


@login_required
@require_GET
def documents(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The community's documents: harvest and personal PDFs, calendar, exports."""
    community, membership = access_community(
        request.user, community_id, need="reports.documents"
    )
    context = {
        "community": community,
        "membership": membership,
        "periods": community.periods.order_by("-start_date"),
        "may_harvest": allowed(request.user, "reports.harvest", community),
        "may_personal": membership is not None and membership.is_participant,
        "may_export": membership is not None and membership.is_coaching,
        "meetings": sessions.with_context(
            Meeting.objects.filter(period__community=community)
        ).order_by("date", "number")
        if membership is not None
        else [],
    }
    return render(request, "reports/documents.html", context)


@login_required
@require_GET
def harvest_pdf(
    request: AuthenticatedHttpRequest, community_id: int, period_id: int
) -> HttpResponse:
    """The period's harvest: members see what they may read, leads a summary."""
    community, membership = access_community(
        request.user, community_id, need="reports.harvest"
    )
    period = _period(community, period_id)
    doc = harvest_for(request.user, period, membership)
    body, seconds = pdf.render(
        "reports/pdf/harvest.html", {"doc": doc, "generated_at": timezone.now()}
    )
    _audit_export(request, period, "harvest", "pdf")
    return _pdf(body, f"oogst-{slugify(community.name)}.pdf", seconds)


@login_required
@require_GET
def personal_pdf(
    request: AuthenticatedHttpRequest, community_id: int, period_id: int
) -> HttpResponse:
    """The viewer's own track; the URL names no person, so it is always their own."""
    community, _membership = access_community(
        request.user, community_id, need="reports.personal"
    )
    period = _period(community, period_id)
    doc = personal.personal_for(request.user, period)
    body, seconds = pdf.render(
        "reports/pdf/personal.html", {"doc": doc, "generated_at": timezone.now()}
    )
    return _pdf(body, f"mijn-spoor-{slugify(community.name)}.pdf", seconds)


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The coaches' export page: every dataset of every period, as CSV or JSON."""
    community, _membership = access_community(
        request.user, community_id, need="reports.export"
    )
    context = {
        "community": community,
        "periods": community.periods.order_by("-start_date"),
        "datasets": [(slug, label) for slug, (label, _f) in exports.DATASETS.items()],
    }
    return render(request, "reports/export.html", context)


@login_required
@require_GET
def export_file(
    request: AuthenticatedHttpRequest,
    community_id: int,
    period_id: int,
    dataset: str,
    fmt: str,
) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="reports.export"
    )
    period = _period(community, period_id)
    if dataset not in exports.DATASETS or fmt not in exports.FORMATS:
        raise Http404
    rows = exports.DATASETS[dataset][1](period, request.user)
    filename = f"{slugify(community.name)}-{dataset}.{fmt}"
    if fmt == "csv":
        body, content_type = spreadsheets.csv_text(rows), "text/csv; charset=utf-8"
    else:
        body = exports.as_json(rows, dataset=dataset, period=period)
        content_type = "application/json; charset=utf-8"
    _audit_export(request, period, dataset, fmt)
    return HttpResponse(
        body,
        content_type=content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
