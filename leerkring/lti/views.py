"""The LTI 1.3 endpoints (login initiation, launch, JWKS) and the pages a launch
leads to: bind the course, join the community, place a link to a session, and
invite the course's people."""

from __future__ import annotations

import secrets
import urllib.parse
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.accounts.models import User
from leerkring.communities.actions import MembershipError
from leerkring.communities.models import Community, Membership
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

from leerkring.communities.access import access_organisation

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
    try:
        saved = signing.loads(
            request.COOKIES.get(STATE_COOKIE, ""), salt=STATE_SALT, max_age=600
        )
    except signing.BadSignature as error:
        raise LaunchError(
            _(
                "The launch took too long or came from another browser; start again from the course."
            )
        ) from error
    if not secrets.compare_digest(saved["state"], request.POST.get("state", "")):
        raise LaunchError(
            _(
                "The launch took too long or came from another browser; start again from the course."
            )
        )
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
                    "The learning environment did not share your e-mail address, which Leerkring needs to know you."
                ),
            )
        if User.objects.filter(email__iexact=email).exists():
            request.session["lti_pending"] = saved
            return redirect(f"{reverse('accounts:login')}?next={reverse('lti:link')}")
        user = User.objects.create_user(
            email, None, display_name=str(verified.claims.get("name") or email)
        )
        identity = actions.link_identity(
            platform=verified.platform, subject=verified.subject, user=user
        )
    if not identity.user.is_active:
        return refused(request, _("This account is not active."), status=403)
    login(request, identity.user, backend=BACKEND)
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
        return redirect("core:home")
    platform = get_object_or_404(Platform, pk=pending["platform"])
    if request.method == "POST":
        actions.link_identity(
            platform=platform, subject=str(pending["claims"]["sub"]), user=request.user
        )
        request.session["lti_launch"] = request.session.pop("lti_pending")
        return redirect("lti:landing")
    return render(request, "lti/link.html", {"platform": platform})


def _launch(request: HttpRequest) -> tuple[Launch, Course | None] | None:
    saved = request.session.get("lti_launch")
    if saved is None:
        return None
    platform = Platform.objects.get(pk=saved["platform"])
    course = (
        Course.objects.select_related("community").filter(pk=saved["course"]).first()
    )
    return Launch(platform=platform, claims=saved["claims"]), course


def _coached(user: Any) -> Any:
    return Community.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role__in=Membership.COACHING_ROLES,
    ).order_by("name")


@login_required
def landing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where a launch lands: the community (or the linked session), or the one
    step still needed (bind the course, join, ask a coach)."""
    found = _launch(request)
    if found is None:
        return redirect("core:home")
    verified, course = found
    if course is None:
        return refused(request, _("Leerkring was opened outside a course."))
    context: dict[str, Any] = {"course": course, "launch": verified}
    community = course.community
    if community is None:
        if verified.is_instructor:
            context["communities"] = _coached(request.user)
            return render(request, "lti/bind.html", context)
        return refused(
            request,
            _(
                "This course is not connected to a learning community yet. Ask your coach to open Leerkring from the course once."
            ),
            status=404,
        )
    membership = community.memberships.filter(user=request.user).first()
    active = membership is not None and membership.status == Membership.Status.ACTIVE
    if verified.message_type == DEEP_LINKING:
        if not (active and membership.is_coaching):
            return refused(
                request,
                _("Only the community's coaches place links to sessions."),
                status=403,
            )
        context["meetings"] = Meeting.objects.filter(
            period__community=community
        ).order_by("date", "number")
        return render(request, "lti/deep_link.html", context)
    if active:
        return redirect(_target(verified, community))
    invited = membership is not None and membership.status == Membership.Status.INVITED
    if verified.is_learner or invited:
        context["membership"] = membership
        return render(request, "lti/join.html", context)
    return render(request, "lti/no_role.html", context, status=403)


def _target(verified: Launch, community: Community) -> str:
    session_id = str(verified.custom.get("session", ""))
    if (
        session_id.isdigit()
        and Meeting.objects.filter(
            pk=int(session_id), period__community=community
        ).exists()
    ):
        return reverse("meetings:meeting-detail", args=[int(session_id)])
    return reverse("communities:community-detail", args=[community.pk])


@login_required
@require_POST
def bind(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = _launch(request)
    if found is None or found[1] is None or not found[0].is_instructor:
        return refused(request, _("Open Leerkring from the course first."), status=404)
    course = found[1]
    community = (
        _coached(request.user).filter(pk=request.POST.get("community") or 0).first()
    )
    if community is None or course.community_id is not None:
        return refused(request, _("Choose a community you coach."), status=404)
    actions.bind_course(course=course, community=community, actor=request.user)
    messages.success(
        request,
        _("%(course)s now opens %(community)s.")
        % {"course": course, "community": community.name},
    )
    return redirect("lti:course-members", course.pk)


@login_required
@require_POST
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = _launch(request)
    if found is None or found[1] is None or found[1].community is None:
        return refused(request, _("Open Leerkring from the course first."), status=404)
    course = found[1]
    membership = (
        course.community.memberships.filter(user=request.user).first()
        if course.community
        else None
    )
    invited = membership is not None and membership.status == Membership.Status.INVITED
    if not (found[0].is_learner or invited):
        return refused(
            request, _("Only the course's students join as participants."), status=403
        )
    try:
        actions.join_through_course(course=course, user=request.user)
    except MembershipError as error:
        return refused(request, str(error), status=409)
    return redirect(_target(found[0], course.community))  # type: ignore[arg-type]


@login_required
@require_POST
def deep_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coach's choice goes back to the course as a signed link."""
    found = _launch(request)
    if (
        found is None
        or found[1] is None
        or found[1].community is None
        or found[0].message_type != DEEP_LINKING
    ):
        return refused(request, _("Open Leerkring from the course first."), status=404)
    verified, course = found
    community = course.community
    assert community is not None
    membership = community.memberships.filter(
        user=request.user, status=Membership.Status.ACTIVE
    ).first()
    meeting = Meeting.objects.filter(
        pk=request.POST.get("meeting") or 0, period__community=community
    ).first()
    if membership is None or not membership.is_coaching or meeting is None:
        return refused(
            request,
            _("Only the community's coaches place links to sessions."),
            status=403,
        )
    token = deep_link_response(
        verified,
        title=f"{community.name}: {meeting}",
        url=request.build_absolute_uri(reverse("lti:launch")),
        custom={"session": str(meeting.pk)},
    )
    return_url = str(verified.deep_linking.get("deep_link_return_url", ""))
    if not return_url.startswith(("https://", "http://")):
        return refused(request, _("The course did not say where the link goes."))
    context = {"return_url": return_url, "jwt": token, "meeting": meeting}
    response = render(request, "lti/deep_link_return.html", context)
    # This one form goes to the platform, so the policy names it as well.
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(return_url))
    response._csp_config = {  # type: ignore[attr-defined]
        **settings.SECURE_CSP,
        "form-action": [CSP.SELF, origin],
    }
    return response


@login_required
@require_http_methods(["GET", "POST"])
def course_members_page(
    request: AuthenticatedHttpRequest, course_id: int
) -> HttpResponse:
    """The course's people (from the LMS) next to the community's; one button
    invites everyone who has no place yet — each still accepts themself."""
    course = access_course(request.user, course_id, need="coach")
    if not course.memberships_url:
        return refused(
            request,
            _("The learning environment does not share the course's people."),
            status=404,
        )
    try:
        people = course_members(course.platform, course.memberships_url)
    except (LaunchError, KeyError) as error:
        return refused(request, str(error), status=502)
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
    assert course.community is not None
    places = {
        m.user.email.lower(): m
        for m in course.community.memberships.select_related("user")
    }
    rows = [
        {"person": p, "membership": places.get(str(p.get("email", "")).lower())}
        for p in people
    ]
    waiting = sum(
        1
        for row in rows
        if row["membership"] is None
        or row["membership"].status not in Membership.HOLDS_A_PLACE
    )
    return render(
        request,
        "lti/course_members.html",
        {
            "course": course,
            "community": course.community,
            "rows": rows,
            "waiting": waiting,
        },
    )


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
        actions.add_platform(
            form_data=form.cleaned_data, organisation=organisation, actor=request.user
        )
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
    response._csp_config = {
        **settings.SECURE_CSP,
        "frame-ancestors": [CSP.SELF, platform.issuer],
    }  # type: ignore[attr-defined]
    return response


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
