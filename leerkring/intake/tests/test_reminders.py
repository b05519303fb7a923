"""The intake's line in the coaches' weekly digest."""

from __future__ import annotations

import pytest

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.intake.models import Commitment
from leerkring.intake.tests.factories import IntakeFactory
from leerkring.reports import reminders
from leerkring.reports.tests.factories import (
    community_with_session,
    digest_for,
    mails_to,
)

pytestmark = pytest.mark.django_db


def test_the_digest_counts_participants_still_waiting_for_their_intake() -> None:
    """Invited participants count too; any recorded intake (also "not yet") ends
    the wait; coaches and those who left are not counted."""
    community, _meeting, people, coaches = community_with_session(participants=4)
    MembershipFactory(community=community, status=Membership.Status.INVITED)
    MembershipFactory(community=community, status=Membership.Status.LEFT)
    IntakeFactory(membership=people[0].memberships.get())
    IntakeFactory(membership=people[1].memberships.get(), commitment=Commitment.NOT_YET)
    reminders.deliver(digest_for(coaches[0], community).pk)
    digest = mails_to(coaches[0])[0]
    assert "- 3 deelnemers nog zonder intake" in digest.body
    assert "<li>3 deelnemers nog zonder intake</li>" in digest.alternatives[0].content


def test_the_digest_leaves_the_intake_line_out_once_every_intake_is_held() -> None:
    community, _meeting, people, coaches = community_with_session(participants=2)
    for person in people:
        IntakeFactory(membership=person.memberships.get())
    reminders.deliver(digest_for(coaches[0], community).pk)
    assert "zonder intake" not in mails_to(coaches[0])[0].body
