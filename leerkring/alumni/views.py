"""The coaching question on a community's page and the programme lead's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leerkring.communities.models import Community, Membership
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, pages
from .access import ANSWER, COACHING, access_alumni, access_coaching
from .forms import CoachingInterestForm


@login_required
@require_http_methods(["GET", "POST"])
def coaching(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """Participants answer the question here; coaches read their answers."""
    need = ANSWER if request.method == "POST" else COACHING
    community, membership = access_coaching(request.user, community_id, need=need)
    if membership.is_coaching:
        context = pages.participants_answers(community)
        return render(request, "alumni/coaching_coach.html", context)
    if request.method != "POST":
        context = pages.question(community, membership)
        return render(request, "alumni/coaching.html", context)
    return _answer(request, community, membership)


def _answer(
    request: AuthenticatedHttpRequest, community: Community, membership: Membership
) -> HttpResponse:
    form = CoachingInterestForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            interest = actions.answer_coaching_question(
                membership=membership, actor=request.user, **form.cleaned_data
            )
        except Stale as stale:
            form.refuse(stale)
        except actions.CoachingAnswerError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                messages.success(request, _("Thank you, your answer is saved."))
                return redirect("alumni:coaching", community.pk)
            form, saved = pages.form_for(interest), True
    context = pages.question(community, membership, form, saved=saved)
    template = (
        "alumni/coaching.html#question" if request.htmx else "alumni/coaching.html"
    )
    return render(request, template, context)


@login_required
def organisation_alumni(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    """Who would like to coach a new community: for the organisation's leads."""
    organisation = access_alumni(request.user, organisation_id)
    context = pages.organisation_alumni(organisation)
    return render(request, "alumni/organisation_alumni.html", context)
