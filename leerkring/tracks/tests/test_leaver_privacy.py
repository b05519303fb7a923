"""Someone who leaves keeps their private items: from then on only they see them."""

from __future__ import annotations

from typing import Any

import pytest

from leerkring.communities.models import Membership, Sharing
from leerkring.tracks.models import LearningQuestion

pytestmark = pytest.mark.django_db


def test_a_leavers_learning_question_is_theirs_alone(demo_community: Any) -> None:
    leaver = demo_community.participants[1]
    coach = demo_community.coach
    questions = LearningQuestion.objects.filter(personal_track__owner=leaver)
    questions.update(sharing=Sharing.COACHES)
    assert questions.visible_to(coach).exists()
    Membership.objects.filter(user=leaver, community=demo_community.community).update(
        status=Membership.Status.LEFT
    )
    assert not questions.visible_to(coach).exists()
    assert questions.visible_to(leaver).count() == questions.count()
