"""Pages and files that leave the app: calendars, reminder choices, PDFs, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerkring.communities.models import Membership
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, calendars, reminders, sessions
from .access import access_meeting
from .forms import ReminderPreferenceForm
from .models import CalendarFeed, ReminderPreference

ICS = "text/calendar; charset=utf-8"


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
