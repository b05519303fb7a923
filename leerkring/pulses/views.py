"""Check-in pages, the coach's live view, the tension arc and the safety climate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.communities.access import access_community
from leerkring.communities.models import Community
from leerkring.communities.periods import choose_period
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, charts, climate, pages
from .access import ANSWER, ARC, CHECKIN, RUN, access_meeting
from .forms import PulseForm
from .models import PulseWindow


def _answer_page(
    request: AuthenticatedHttpRequest,
    community: Community,
    window: PulseWindow | None,
    form: PulseForm | None = None,
    *,
    saved: bool = False,
) -> HttpResponse:
    context = {
        "community": community,
        "window": window,
        "form": form,
        "saved": saved,
        "safety_round": pages.safety_round_for(community, request.user),
    }
    template = "pulses/checkin.html"
    if request.htmx and form is not None:
        template += "#answer"
    return render(request, template, context)


@login_required
def checkin(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The tab: participants get the open check-in's form, coaches the sessions."""
    community, membership = access_community(request.user, community_id, need=CHECKIN)
    if membership is not None and membership.is_coaching:
        context = {"community": community, **pages.coach_overview(community)}
        return render(request, "pulses/checkin_coach.html", context)
    window = pages.open_window(community)
    form = pages.form_for(window, request.user) if window else None
    return _answer_page(request, community, window, form)


@login_required
@require_http_methods(["GET", "POST"])
def pulse_answer(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int, moment: str
) -> HttpResponse:
    """Answer (or change an answer to) one check-in or check-out."""
    community, _m, meeting = access_meeting(
        request.user, community_id, meeting_id, moment, need=ANSWER
    )
    window = pages.window(meeting, moment)
    if request.method != "POST":
        form = pages.form_for(window, request.user)
        return _answer_page(request, community, window, form)
    form = PulseForm(request.POST)
    if form.is_valid():
        try:
            actions.record_pulse(
                meeting=meeting, moment=moment, user=request.user, **form.cleaned_data
            )
        except actions.PulseError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                messages.success(request, _("Thank you, your answer is saved."))
                return redirect("pulses:checkin", community.pk)
            return _answer_page(request, community, window, form, saved=True)
    return _answer_page(request, community, window, form)


@login_required
def pulse_live(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int, moment: str
) -> HttpResponse:
    """The coach's live view in the room: anonymous, polled by htmx."""
    community, _m, meeting = access_meeting(
        request.user, community_id, meeting_id, moment, need=RUN
    )
    context = {"community": community, **pages.live_results(meeting, moment)}
    template = "pulses/live.html#results" if request.htmx else "pulses/live.html"
    return render(request, template, context)


@login_required
@require_POST
def window_update(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int, moment: str
) -> HttpResponse:
    """Open or close a check-in or check-out (coaches)."""
    community, _m, meeting = access_meeting(
        request.user, community_id, meeting_id, moment, need=RUN
    )
    verb = request.POST.get("action")
    if verb == "open":
        actions.open_window(meeting=meeting, moment=moment, actor=request.user)
    elif verb == "close":
        actions.close_window(meeting=meeting, moment=moment)
    else:
        raise Http404
    return redirect("pulses:pulse-live", community.pk, meeting.pk, moment)


@login_required
def arc(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The tension arc: chart, sentence, data table; coaches also get notes."""
    community, membership = access_community(request.user, community_id, need=ARC)
    choice = choose_period(community, request)
    context = {
        "community": community,
        **pages.arc_context(community, membership, choice),
    }
    return render(request, "pulses/arc.html", context)


# matplotlib's SVG carries its own style attributes; opened on its own (not as an
# <img>) it needs them, and it needs nothing else: no script, no fetches at all.
SVG_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "frame-ancestors": [CSP.NONE],
}


@login_required
@csp_override(SVG_CSP)
def arc_svg(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership = access_community(request.user, community_id, need=ARC)
    period = choose_period(community, request).period
    if period is None:
        raise Http404
    viewer = request.user if membership and membership.is_participant else None
    size = "narrow" if request.GET.get("size") == "narrow" else "wide"
    response = HttpResponse(
        charts.arc_svg(period, viewer=viewer, size=size), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def safety(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The safety-climate questionnaire of the open round (participants)."""
    community, _m = access_community(request.user, community_id, need=ANSWER)
    period = community.current_period()
    round_ = climate.open_administration(period) if period else None
    form = pages.safety_form(round_, request.user, request.POST or None)
    if request.method == "POST" and round_ is not None and form.is_valid():
        try:
            actions.record_safety_response(
                meeting=round_.meeting, user=request.user, answers=form.answers()
            )
        except actions.PulseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you, your answers are saved."))
            return redirect("pulses:checkin", community.pk)
    context: dict[str, Any] = {"community": community, "round": round_, "form": form}
    return render(request, "pulses/safety.html", context)
