"""Who reaches the track pages. A participant's private learning question is read
by no one but them and their community's coaches — via page and htmx partial."""

from django.urls import reverse

from leerkring.communities.models import Membership, Sharing
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    LOGIN,
    PARTICIPANT,
    Row,
    World,
    allow,
    everyone,
    posts,
)
from leerkring.tracks.tests.factories import (
    CollectiveTrackFactory,
    LearningQuestionFactory,
    PersonalTrackFactory,
    QualityPitfallFactory,
)

MEMBERS = (PARTICIPANT, COACH, APPRENTICE)


def extend(world: World) -> None:
    period = world.period
    fellow = MembershipFactory(
        community=world.community, role=Membership.Role.PARTICIPANT
    ).user
    fellow_track = PersonalTrackFactory(period=period, owner=fellow)
    own_track = PersonalTrackFactory(period=period, owner=world.users[PARTICIPANT])
    CollectiveTrackFactory(period=period)
    world.extra.update(
        fellow=fellow,
        fellow_track=fellow_track,
        fellow_question=LearningQuestionFactory(
            personal_track=fellow_track, sharing=Sharing.COACHES
        ),
        shared_question=LearningQuestionFactory(
            personal_track=own_track, sharing=Sharing.COMMUNITY
        ),
        own_quality=QualityPitfallFactory(personal_track=own_track),
        fellow_shared_quality=QualityPitfallFactory(
            personal_track=fellow_track, sharing=Sharing.COMMUNITY
        ),
    )


def _community(name: str) -> object:
    return lambda w: reverse(name, args=[w.community.pk])


PROGRESS = {"kind": "success", "text": "De eerste rubric is klaar."}
QUESTION = {"version": "0", "text": "Hoe kan ik …?", "sharing": "coaches"}

ROWS = [
    Row("tracks:collective", _community("tracks:collective"), allow(*MEMBERS, LEAD)),
    Row(
        "tracks:collective-edit", _community("tracks:collective-edit"), allow(*MEMBERS)
    ),
    Row(
        "tracks:collective-edit",
        _community("tracks:collective-edit"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"version": "1", "ambition": "Toetsing die leren laat groeien."},
    ),
    Row(
        "tracks:carry-over-goal",
        _community("tracks:carry-over-goal"),
        allow(*MEMBERS, ok=302),
        method="post",
    ),
    Row(
        "tracks:collective-history",
        _community("tracks:collective-history"),
        allow(*MEMBERS),
    ),
    Row(
        "tracks:progress-add",
        _community("tracks:progress-add"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: PROGRESS,
    ),
    Row(
        "tracks:progress-add",
        _community("tracks:progress-add"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: PROGRESS,
        htmx=True,
    ),
    Row("tracks:my-track", _community("tracks:my-track"), allow(PARTICIPANT)),
    Row(
        "tracks:question-edit",
        _community("tracks:question-edit"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {**QUESTION, "version": "1"},
    ),
    Row(
        "tracks:question-edit",
        _community("tracks:question-edit"),
        allow(PARTICIPANT),
        method="post",
        data=lambda w: {**QUESTION, "version": "1"},
        htmx=True,
    ),
    Row(
        "tracks:quality-add",
        _community("tracks:quality-add"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"quality": "Geduldig", "sharing": "coaches"},
    ),
    Row(
        "tracks:mission-edit",
        _community("tracks:mission-edit"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"mission": "Onderwijs dat telt.", "sharing": "coaches"},
    ),
    Row(
        "tracks:name-consent",
        _community("tracks:name-consent"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"keep_name": "on"},
    ),
    Row("tracks:overview", _community("tracks:overview"), allow(*MEMBERS)),
    # The EYE: the participant and the coaches; never a fellow participant or lead.
    Row(
        "tracks:eye",
        lambda w: reverse("tracks:eye", args=[w.community.pk, w.users[PARTICIPANT].pk]),
        allow(PARTICIPANT, COACH, APPRENTICE),
    ),
    Row(
        "tracks:eye",
        lambda w: reverse("tracks:eye", args=[w.community.pk, w.fellow.pk]),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "tracks:eye",
        lambda w: reverse("tracks:eye", args=[w.community.pk, w.users[COACH].pk]),
        allow(),
    ),
    Row(
        "tracks:eye",
        lambda w: reverse("tracks:eye", args=[w.community.pk, w.fellow.pk]),
        {**everyone(405), ANON: LOGIN},
        method="post",
    ),
    Row(
        "tracks:person",
        lambda w: reverse("tracks:person", args=[w.fellow_track.pk]),
        allow(*MEMBERS),
    ),
    Row(
        "tracks:quality-edit",
        lambda w: reverse("tracks:quality-edit", args=[w.own_quality.pk]),
        allow(PARTICIPANT),
    ),
    Row(
        "tracks:quality-edit",
        lambda w: reverse("tracks:quality-edit", args=[w.fellow_shared_quality.pk]),
        allow(),
    ),
    Row(
        "tracks:quality-delete",
        lambda w: reverse("tracks:quality-delete", args=[w.own_quality.pk]),
        allow(PARTICIPANT, ok=302),
        method="post",
    ),
    # The private learning question of another participant: page and partial.
    Row(
        "tracks:question-detail",
        lambda w: reverse("tracks:question-detail", args=[w.fellow_question.pk]),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "tracks:question-detail",
        lambda w: reverse("tracks:question-detail", args=[w.fellow_question.pk]),
        allow(COACH, APPRENTICE),
        htmx=True,
    ),
    # A question its owner shared with the community.
    Row(
        "tracks:question-detail",
        lambda w: reverse("tracks:question-detail", args=[w.shared_question.pk]),
        allow(*MEMBERS),
        htmx=True,
    ),
]

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(ROWS, "tracks:quality-edit")
