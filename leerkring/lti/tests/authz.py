"""The LTI endpoints answer the platform (anyone may call them; the signed
messages decide); the pages a launch leads to need that launch in the session;
a course's people are for the coaches of the community it opens."""

from django.urls import reverse

from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    LOGIN,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
)
from leerkring.lti.models import Course, Platform
from leerkring.lti.registration import registration_token

SIGNED_IN_WITHOUT_LAUNCH = {**everyone(302), ANON: LOGIN}
NO_LAUNCH = {**everyone(404), ANON: LOGIN}


def extend(world: World) -> None:
    platform = Platform.objects.create(
        organisation=world.organisation,
        name="LMS",
        issuer="https://lms.example.nl",
        client_id="leerkring",
        login_url="https://lms.example.nl/auth",
        token_url="https://lms.example.nl/token",
        jwks_url="https://lms.example.nl/jwks",
    )
    # Plain HTTP is refused outside development: the course's people cannot be
    # fetched (502), which only those who pass the access check ever find out.
    world.extra["lti_course"] = Course.objects.create(
        platform=platform,
        context_id="course-1",
        community=world.community,
        memberships_url="http://lms.example.nl/nrps",
    )


def _members(w: World) -> str:
    return reverse("lti:course-members", args=[w.lti_course.pk])


ROWS = [
    Row("lti:login", lambda w: reverse("lti:login"), everyone(400)),
    Row("lti:login", lambda w: reverse("lti:login"), everyone(400), method="post"),
    Row("lti:launch", lambda w: reverse("lti:launch"), everyone(405)),
    Row("lti:launch", lambda w: reverse("lti:launch"), everyone(400), method="post"),
    Row("lti:jwks", lambda w: reverse("lti:jwks"), everyone(200)),
    Row("lti:landing", lambda w: reverse("lti:landing"), NO_LAUNCH),
    Row("lti:link", lambda w: reverse("lti:link"), SIGNED_IN_WITHOUT_LAUNCH),
    Row(
        "lti:link",
        lambda w: reverse("lti:link"),
        SIGNED_IN_WITHOUT_LAUNCH,
        method="post",
    ),
    Row("lti:bind", lambda w: reverse("lti:bind"), NO_LAUNCH, method="post"),
    Row("lti:join", lambda w: reverse("lti:join"), NO_LAUNCH, method="post"),
    Row("lti:deep-link", lambda w: reverse("lti:deep-link"), NO_LAUNCH, method="post"),
    Row(
        "lti:register",
        lambda w: reverse("lti:register", args=["forged"]),
        everyone(404),
    ),
    Row(
        "lti:register",
        lambda w: reverse("lti:register", args=[registration_token(w.organisation)]),
        everyone(400),
    ),
    Row(
        "lti:organisation-lms",
        lambda w: reverse("lti:organisation-lms", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),
    ),
    Row(
        "lti:organisation-lms",
        lambda w: reverse("lti:organisation-lms", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),
        method="post",
        data=lambda w: {"name": "LMS"},
    ),
    Row(
        "lti:community-courses",
        lambda w: reverse("lti:community-courses", args=[w.community.pk]),
        allow(COACH, APPRENTICE),
    ),
    Row("lti:course-members", _members, allow(COACH, APPRENTICE, ok=502)),
    Row(
        "lti:course-members",
        _members,
        allow(COACH, APPRENTICE, ok=502),
        method="post",
    ),
]
