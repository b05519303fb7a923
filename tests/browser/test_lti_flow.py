"""A coach opens Leerkring from a course of the local LTI platform: she links the
course account to her own (signing in once with her password), connects the
course to her learning community and invites the course's students in one
step — each Leerkring page checked with axe."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.communities.models import Membership
from leerkring.home.demo import DEMO_LOGINS
from leerkring.lti.protocol import INSTRUCTOR, LEARNER, tool_jwks
from leerkring.lti.tests.platform import LocalPlatform
from tests.browser.conftest import assert_accessible, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lms(demo_community: Any, settings: Any) -> Iterator[LocalPlatform]:
    settings.LTI_ALLOW_HTTP = True
    # The live server is http://localhost:…; the platform shares the host name,
    # so the state cookie (SameSite=Lax over plain HTTP) comes back with the
    # platform's form post.
    platform = LocalPlatform(host="localhost").start()
    platform.register(demo_community.organisation)
    platform.tool_jwks = tool_jwks()
    yield platform
    platform.stop()


def test_a_coach_launches_binds_the_course_and_invites_its_students(
    page: Any, live_server: Any, demo_community: Any, lms: LocalPlatform
) -> None:
    page.set_default_timeout(30_000)
    coach = demo_community.coach
    lms.add("t-coach", coach.display_name, coach.email, INSTRUCTOR)
    lms.add("s-1", "Sanne Student", "sanne@student.example.nl", LEARNER)
    lms.add("s-2", "Bram Student", "bram@student.example.nl", LEARNER)

    # The course's link: the LMS sends the browser to the login initiation URL.
    query = urllib.parse.urlencode(lms.login_params("t-coach"))
    page.goto(f"{live_server.url}/lti/login/?{query}")

    # Her e-mail has an account: she signs in with it once and links the two.
    page.get_by_role("heading", name="Inloggen bij Leerkring").wait_for()
    page.get_by_label("E-mailadres").fill(DEMO_LOGINS["coach"])
    page.get_by_label("Wachtwoord").fill("leerkring-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Koppel je cursusaccount").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, koppel het aan mijn account").click()

    page.get_by_role("heading", name="Koppel deze cursus").wait_for()
    expect(page.get_by_text(lms.context_title)).to_be_visible()
    assert_accessible(page)
    shot(page, "lti-bind")
    page.get_by_label(demo_community.community.name).check()
    page.get_by_role("button", name="Koppel de cursus").click()

    page.get_by_role("heading", name=f"Mensen van „{lms.context_title}”").wait_for()
    expect(page.get_by_text("Sanne Student")).to_be_visible()
    assert_accessible(page)
    shot(page, "lti-course-members")
    page.get_by_role("button", name="Nodig deze 2 mensen uit").click()
    page.get_by_text("Uitgenodigd: Sanne Student, Bram Student.").wait_for()
    assert_accessible(page)

    invited = demo_community.community.memberships.filter(
        user__email__in=["sanne@student.example.nl", "bram@student.example.nl"]
    )
    assert {(m.role, m.status) for m in invited} == {
        (Membership.Role.PARTICIPANT, Membership.Status.INVITED)
    }

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
