"""The LTI 1.3 endpoints (login initiation, launch, JWKS) and the pages a launch
leads to: bind the course, join the community, place a link to a session, and
invite the course's people."""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.accounts.models import User
from leerkring.communities.access import access_organisation
from leerkring.communities.actions import MembershipError
from leerkring.communities.models import Community, Membership
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

from . import actions, registration
from .access import access_community_courses, access_course
from .forms import PlatformForm
from .models import Course, Identity, Platform
from .protocol import (
    DEEP_LINKING,
    Launch,
    LaunchError,
    course_members,
    deep_link_response,
    tool_jwks,
    verify_launch,
)

STATE_COOKIE = "lti_state"
STATE_SALT = "leerkring.lti.state"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def refused(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "lti/refused.html", {"message": message}, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login_initiation(request: HttpRequest) -> HttpResponse:
    """Step 1 (OIDC third-party login): send the browser to the platform with a
    fresh state and nonce; the state cookie ties the launch to this browser."""
    params = request.POST if request.method == "POST" else request.GET
    platforms = Platform.objects.filter(issuer=params.get("iss", ""))
    if params.get("client_id"):
        platforms = platforms.filter(client_id=params["client_id"])
    platform = platforms.first()
    if platform is None or not params.get("login_hint"):
        return refused(
            request, _("This learning environment is not connected to Leerkring.")
        )
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    query = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": platform.client_id,
        "redirect_uri": request.build_absolute_uri(reverse("lti:launch")),
        "login_hint": params["login_hint"],
        "state": state,
        "nonce": nonce,
    }
    if params.get("lti_message_hint"):
        query["lti_message_hint"] = params["lti_message_hint"]
    response = redirect(f"{platform.login_url}?{urllib.parse.urlencode(query)}")
    secure = request.is_secure()
    response.set_cookie(
        STATE_COOKIE,
        signing.dumps({"state": state, "nonce": nonce}, salt=STATE_SALT),
        max_age=600,
        httponly=True,
        secure=secure,
        samesite="None" if secure else "Lax",
    )
    return response


def _expected_nonce(request: HttpRequest) -> str:
    too_late = LaunchError(
        _(
            "The launch took too long or came from another browser; start again "
            "from the course."
        )
    )
    try:
        saved = signing.loads(
            request.COOKIES.get(STATE_COOKIE, ""), salt=STATE_SALT, max_age=600
        )
    except signing.BadSignature as error:
        raise too_late from error
    if not secrets.compare_digest(saved["state"], request.POST.get("state", "")):
        raise too_late
    return str(saved["nonce"])


@csrf_exempt
@xframe_options_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """Step 2: verify the platform's id_token, sign the person in, continue."""
    try:
        verified = verify_launch(
            id_token=request.POST.get("id_token", ""), nonce=_expected_nonce(request)
        )
    except LaunchError as error:
        return refused(request, str(error))
    course = _course(verified)
    identity = (
        Identity.objects.filter(platform=verified.platform, subject=verified.subject)
        .select_related("user")
        .first()
    )
    saved = {
        "platform": verified.platform.pk,
        "claims": verified.claims,
        "course": course.pk if course else None,
    }
    if identity is None:
        email = str(verified.claims.get("email", "")).strip()
        if not email:
            return refused(
                request,
                _(
                    "The learning environment did not share your e-mail address, "
                    "which Leerkring needs to know you."
                ),
            )
        if User.objects.filter(email__iexact=email).exists():
            request.session["lti_pending"] = saved
            return redirect(f"{reverse('accounts:login')}?next={reverse('lti:link')}")
        user = actions.create_account(
            platform=verified.platform,
            subject=verified.subject,
            email=email,
            name=str(verified.claims.get("name") or email)[:150],
        )
    else:
        user = identity.user
    if not user.is_active:
        return refused(request, _("This account is not active."), status=403)
    login(request, user, backend=BACKEND)
    request.session["lti_launch"] = saved
    response = redirect("lti:landing")
    response.delete_cookie(STATE_COOKIE)
    return response


def _course(verified: Launch) -> Course | None:
    context_id = str(verified.context.get("id", ""))
    if not context_id:
        return None
    course, _created = Course.objects.get_or_create(
        platform=verified.platform, context_id=context_id
    )
    course.title = str(verified.context.get("title", ""))[:255]
    course.memberships_url = verified.memberships_url or course.memberships_url
    course.save(update_fields=["title", "memberships_url"])
    return course


@login_required
@require_http_methods(["GET", "POST"])
def link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An LMS account whose e-mail is a Leerkring account's: its owner, signed
    in with their own password, confirms the link (no takeover by e-mail)."""
    pending = request.session.get("lti_pending")
    if pending is None:
        return redirect("home:home")
    platform = get_object_or_404(Platform, pk=pending["platform"])
    if request.method == "POST":
        actions.link_identity(
            platform=platform, subject=str(pending["claims"]["sub"]), user=request.user
        )
        request.session["lti_launch"] = request.session.pop("lti_pending")
        return redirect("lti:landing")
    return render(request, "lti/link.html", {"platform": platform})


class Refusal(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Arrival:
    """The launch this browser arrived with, its course and the viewer's place
    in the course's community (if bound)."""

    launch: Launch
    course: Course
    membership: Membership | None

    @property
    def is_active(self) -> bool:
        return (
            self.membership is not None
            and self.membership.status == Membership.Status.ACTIVE
        )

    @property
    def is_invited(self) -> bool:
        return (
            self.membership is not None
            and self.membership.status == Membership.Status.INVITED
        )

    @property
    def coaches(self) -> bool:
        return (
            self.is_active
            and self.membership is not None
            and (self.membership.is_coaching)
        )


def _arrival(request: AuthenticatedHttpRequest) -> Arrival:
    saved = request.session.get("lti_launch")
    course = (
        Course.objects.select_related("community", "platform")
        .filter(pk=saved["course"])
        .first()
        if saved
        else None
    )
    if saved is None or course is None:
        raise Refusal(_("Open Leerkring from the course first."), 404)
    membership = (
        course.community.memberships.filter(user=request.user).first()
        if course.community
        else None
    )
    return Arrival(Launch(course.platform, saved["claims"]), course, membership)


def refusing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Refusal as refusal:
            return refused(request, str(refusal), status=refusal.status)

    return answer


def _coached(user: Any) -> QuerySet[Community]:
    return Community.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role__in=Membership.COACHING_ROLES,
    ).order_by("name")


ONLY_COACHES = gettext_lazy("Only the community's coaches place links to sessions.")


@login_required
@refusing
def landing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where a launch lands: the community (or the linked session), or the one
    step still needed (bind the course, join, ask a coach)."""
    arrival = _arrival(request)
    context: dict[str, Any] = {"course": arrival.course, "arrival": arrival}
    community = arrival.course.community
    if community is None:
        if not arrival.launch.is_instructor:
            raise Refusal(
                _(
                    "This course is not connected to a learning community yet. Ask "
                    "your coach to open Leerkring from the course once."
                ),
                404,
            )
        context["communities"] = _coached(request.user)
        return render(request, "lti/bind.html", context)
    if arrival.launch.message_type == DEEP_LINKING:
        if not arrival.coaches:
            raise Refusal(str(ONLY_COACHES), 403)
        context["meetings"] = Meeting.objects.filter(
            period__community=community
        ).order_by("date", "number")
        return render(request, "lti/deep_link.html", context)
    if arrival.is_active:
        return redirect(_target(arrival.launch, community))
    if arrival.launch.is_learner or arrival.is_invited:
        return render(request, "lti/join.html", context)
    return render(request, "lti/no_role.html", context, status=403)


def _target(launch: Launch, community: Community) -> str:
    """The session a deep link names (if it is this community's), else the
    community's page."""
    session = str(launch.custom.get("session", ""))
    if (
        session.isdigit()
        and Meeting.objects.filter(pk=session, period__community=community).exists()
    ):
        return reverse("meetings:meeting-detail", args=[int(session)])
    return reverse("communities:community-detail", args=[community.pk])


@login_required
@require_POST
@refusing
def bind(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The instructor binds an unbound course to a community they coach."""
    arrival = _arrival(request)
    chosen = _coached(request.user).filter(pk=request.POST.get("community") or 0)
    community = chosen.first()
    if (
        not arrival.launch.is_instructor
        or arrival.course.community_id is not None
        or community is None
    ):
        raise Refusal(_("Choose a community you coach."), 404)
    actions.bind_course(course=arrival.course, community=community, actor=request.user)
    messages.success(
        request,
        _("%(course)s now opens %(community)s.")
        % {"course": arrival.course, "community": community.name},
    )
    return redirect("lti:course-members", arrival.course.pk)


@login_required
@require_POST
@refusing
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A learner takes a place as participant; anyone accepts an invitation."""
    arrival = _arrival(request)
    community = arrival.course.community
    if community is None:
        raise Refusal(_("Open Leerkring from the course first."), 404)
    if not (arrival.launch.is_learner or arrival.is_invited or arrival.is_active):
        raise Refusal(_("Only the course's students join as participants."), 403)
    try:
        actions.join_through_course(course=arrival.course, user=request.user)
    except MembershipError as error:
        raise Refusal(str(error), 409) from error
    return redirect(_target(arrival.launch, community))


@login_required
@require_POST
@refusing
def deep_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coach's choice goes back to the course as a signed link."""
    arrival = _arrival(request)
    if arrival.launch.message_type != DEEP_LINKING or not arrival.coaches:
        raise Refusal(str(ONLY_COACHES), 403)
    community = arrival.course.community
    meeting = Meeting.objects.filter(
        pk=request.POST.get("meeting") or 0, period__community=community
    ).first()
    return_url = str(arrival.launch.deep_linking.get("deep_link_return_url", ""))
    if meeting is None or community is None:
        raise Refusal(_("Choose one of the community's sessions."), 404)
    if not return_url.startswith(("https://", "http://")):
        raise Refusal(_("The course did not say where the link goes."), 400)
    token = deep_link_response(
        arrival.launch,
        title=f"{community.name}: {meeting}",
        url=request.build_absolute_uri(reverse("lti:launch")),
        custom={"session": str(meeting.pk)},
    )
    context = {"return_url": return_url, "jwt": token, "meeting": meeting}
    response = render(request, "lti/deep_link_return.html", context)
    # This one form goes to the platform, so the policy names it as well.
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(return_url))
    return _with_csp(response, "form-action", origin)


def _with_csp(response: HttpResponse, directive: str, origin: str) -> HttpResponse:
    """The site's policy, with ``origin`` added to one directive."""
    config = {**settings.SECURE_CSP, directive: [CSP.SELF, origin]}
    response._csp_config = config  # type: ignore[attr-defined]
    return response


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def course_members_page(
    request: AuthenticatedHttpRequest, course_id: int
) -> HttpResponse:
    """The course's people (from the LMS) next to the community's; one button
    invites everyone who has no place yet — each still accepts themself."""
    course = access_course(request.user, course_id, need="coach")
    community = course.community
    if not course.memberships_url or community is None:
        raise Refusal(
            _("The learning environment does not share the course's people."), 404
        )
    try:
        people = course_members(course.platform, course.memberships_url)
    except (LaunchError, KeyError) as error:
        raise Refusal(str(error), 502) from error
    if request.method == "POST":
        invited, not_invited = actions.invite_course_members(
            course=course, actor=request.user, members=people
        )
        if invited:
            messages.success(
                request, _("Invited: %(names)s.") % {"names": ", ".join(invited)}
            )
        for problem in not_invited:
            messages.error(request, problem)
        return redirect("lti:course-members", course.pk)
    places = {
        m.user.email.lower(): m for m in community.memberships.select_related("user")
    }
    rows = [
        (person, places.get(str(person.get("email", "")).lower())) for person in people
    ]
    waiting = sum(
        1 for _p, m in rows if m is None or m.status not in Membership.HOLDS_A_PLACE
    )
    context = {
        "course": course,
        "community": community,
        "rows": rows,
        "waiting": waiting,
    }
    return render(request, "lti/course_members.html", context)


def jwks(request: HttpRequest) -> JsonResponse:
    """Leerkring's public key, for platforms to check what it signs."""
    return JsonResponse(tool_jwks())


def _absolute(request: HttpRequest) -> Any:
    return lambda name: request.build_absolute_uri(reverse(name))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_lms(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    """For programme leads: the exact settings to give the LMS administrator,
    a dynamic registration link, the connected platforms, and a form for an
    LMS that has no dynamic registration."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    form = PlatformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_platform(form_data=form.cleaned_data, organisation=organisation)
        messages.success(request, _("The learning environment is connected."))
        return redirect("lti:organisation-lms", organisation.pk)
    token = registration.registration_token(organisation)
    context = {
        "organisation": organisation,
        "endpoints": registration.tool_endpoints(_absolute(request)),
        "register_url": request.build_absolute_uri(
            reverse("lti:register", args=[token])
        ),
        "platforms": organisation.lti_platforms.prefetch_related(
            "deployments", "courses__community"
        ),
        "form": form,
    }
    return render(request, "lti/organisation_lms.html", context)


@xframe_options_exempt
@require_http_methods(["GET"])
def register(request: HttpRequest, token: str) -> HttpResponse:
    """The dynamic registration URL an LMS administrator enters (or opens)."""
    organisation = registration.organisation_for(token)
    if organisation is None:
        return refused(
            request,
            _("This registration link is unknown or has expired; ask for a new one."),
            status=404,
        )
    try:
        platform = registration.register(
            organisation=organisation,
            openid_configuration=request.GET.get("openid_configuration", ""),
            registration_token=request.GET.get("registration_token", ""),
            endpoints=registration.tool_endpoints(_absolute(request)),
            client_name=f"Leerkring ({organisation.name})",
        )
    except LaunchError as error:
        return refused(request, str(error))
    response = render(
        request,
        "lti/registered.html",
        {"platform": platform, "organisation": organisation},
    )
    return _with_csp(response, "frame-ancestors", platform.issuer)


@login_required
def community_courses(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    """The coaches' tab: the LMS courses that open this community."""
    community = access_community_courses(request.user, community_id)
    courses = community.lti_courses.select_related("platform").order_by("title")
    return render(
        request,
        "lti/community_courses.html",
        {"community": community, "courses": courses},
    )
