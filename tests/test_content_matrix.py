"""Privacy proven by content (DESIGN.md §4, §5): the content matrix.

The authorization matrix checks who may *open* each URL; a change that leaked every
private entry into a page someone may open would pass it. Here a demo-sized world
(the matrix's world plus the demo organisation) gets a unique marker stamped into
every private text field — reflections per visibility, the mirror's prompt, coach
feedback, comments, journal drafts, intake preparation and the coaches' intake
notes, missions, qualities and pitfalls, learning questions, coach notes, check-in
and check-out answers, integration assignments and reports per sharing, personal
goals, agreements (drafts included), collective goals and track, hours notes,
intervision cases and take-aways, alumni answers, cohort members' diversity
attributes. Then every row of the
authorization matrix (every page, partial, export, PDF, calendar feed and API
operation, GET and POST — so URLs added later are covered too) is requested as
every actor, and a marker that shows up where §5 does not allow it fails the test.

What §5 allows is stated here again, on purpose independently of the apps'
``access.py`` rules: this is the specification they are checked against.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from leerkring.communities.models import Membership, OrganisationRole
from leerkring.core.tests.matrix import (
    ACTORS,
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    OTHER_LEAD,
    PARTICIPANT,
    Row,
    World,
    all_rows,
    build_world,
)

ROWS = all_rows()
CHUNKS = 8  # one world per chunk of rows; chunks spread over xdist workers
MARKER = re.compile(r"ZQ\d{5}X")
# Where the coaches' intake notes may reach the participant: their data export.
PERSONAL_EXPORTS = {"accounts:data-export"}


class People:
    """Who holds which role, asked once per community or organisation."""

    def __init__(self) -> None:
        self.members = cache(self._members)
        self.coaches = cache(self._coaches)
        self.leads = cache(self._leads)
        self.organisation = cache(self._organisation)

    def _members(self, community_id: int) -> frozenset[int]:
        active = Membership.objects.active().filter(community_id=community_id)
        return frozenset(active.values_list("user_id", flat=True))

    def _coaches(self, community_id: int) -> frozenset[int]:
        active = Membership.objects.active().coaching()
        return frozenset(
            active.filter(community_id=community_id).values_list("user_id", flat=True)
        )

    def _organisation(self, community_id: int) -> int:
        return int(
            apps.get_model("communities", "Community")
            .objects.values_list("organisation_id", flat=True)
            .get(pk=community_id)
        )

    def _leads(self, organisation_id: int) -> frozenset[int]:
        roles = OrganisationRole.objects.filter(
            organisation_id=organisation_id,
            role=OrganisationRole.Role.PROGRAMME_LEAD,
        )
        return frozenset(roles.values_list("user_id", flat=True))

    def org_leads(self, community_id: int) -> frozenset[int]:
        return self.leads(self.organisation(community_id))


Readers = tuple[set[int], set[int]]  # (anywhere, only in their personal export)


def _personal(owner: int, community: int, shared: bool, p: People) -> Readers:
    """The owner and the coaches; the community too when the owner shares."""
    readers = {owner, *p.coaches(community)}
    if shared:
        readers |= p.members(community)
    return readers, set()


def _reflection(r: Any, p: People, *, with_community: bool = True) -> set[int]:
    readers = {r.author_id}
    if r.visibility in ("coaches", "community"):
        readers |= p.coaches(r.community_id)
    if r.visibility == "community" and with_community:
        readers |= p.members(r.community_id)
    return readers


def _assignment_shared(a: Any) -> bool:
    return a.owner_id is None or a.sharing == "community"


@dataclass(frozen=True)
class Private:
    """A model's private text fields and who may read them (DESIGN.md §5)."""

    model: str
    fields: tuple[str, ...]
    readers: Callable[[Any, People], Readers]
    related: tuple[str, ...] = ()


PRIVATE = [
    Private(
        "journal.Reflection",
        ("title", "body"),
        lambda r, p: (_reflection(r, p), set()),
    ),
    Private(
        "journal.ReflectionAssessment",
        ("next_prompt",),
        # The mirror: the author, and the coaches only with the entry.
        lambda a, p: (_reflection(a.reflection, p, with_community=False), set()),
        ("reflection",),
    ),
    Private(
        "journal.CoachFeedback",
        ("body",),
        lambda f, p: (_reflection(f.reflection, p) | {f.coach_id}, set()),
        ("reflection",),
    ),
    Private(
        "journal.Comment",
        ("body",),
        lambda c, p: (_reflection(c.reflection, p) | {c.author_id}, set()),
        ("reflection",),
    ),
    Private("journal.Draft", ("title", "body"), lambda d, p: ({d.user_id}, set())),
    Private(
        "intake.IntakePreparation",
        (
            "expectations",
            "learning_wish",
            "concrete_outcome",
            "qualities",
            "constraints",
        ),
        lambda i, p: (
            {i.membership.user_id, *p.coaches(i.membership.community_id)},
            set(),
        ),
        ("membership",),
    ),
    Private(
        "intake.Intake",
        ("notes",),
        lambda i, p: (
            set(p.coaches(i.membership.community_id)),
            {i.membership.user_id},
        ),
        ("membership",),
    ),
    Private(
        "tracks.PersonalTrack",
        ("mission",),
        lambda t, p: _personal(
            t.owner_id, t.period.community_id, t.mission_sharing == "community", p
        ),
        ("period",),
    ),
    Private(
        "tracks.QualityPitfall",
        ("quality", "pitfall", "challenge", "allergy"),
        lambda q, p: _personal(
            q.personal_track.owner_id,
            q.personal_track.period.community_id,
            q.sharing == "community",
            p,
        ),
        ("personal_track__period",),
    ),
    Private(
        "tracks.LearningQuestionVersion",
        ("text", "note"),
        lambda v, p: _personal(
            v.question.personal_track.owner_id,
            v.question.personal_track.period.community_id,
            v.question.sharing == "community",
            p,
        ),
        ("question__personal_track__period",),
    ),
    Private(
        "tracks.CollectiveTrackVersion",
        ("ambition", "goal", "assignment_do", "assignment_result", "strategic_goal"),
        # The community's; programme leads see a summary.
        lambda v, p: (
            {*p.members(v.track.period.community_id)}
            | p.org_leads(v.track.period.community_id),
            set(),
        ),
        ("track__period",),
    ),
    Private(
        "tracks.ProgressEntry",
        ("text",),
        lambda e, p: (
            {*p.members(e.track.period.community_id)}
            | p.org_leads(e.track.period.community_id),
            set(),
        ),
        ("track__period",),
    ),
    Private(
        "assignments.IntegrationAssignment",
        ("what", "practice_situation"),
        lambda a, p: _personal(
            a.owner_id or a.created_by_id,
            a.period.community_id,
            _assignment_shared(a),
            p,
        ),
        ("period",),
    ),
    Private(
        "assignments.AssignmentReport",
        ("did", "happened", "learned"),
        lambda r, p: _personal(
            r.author_id,
            r.assignment.period.community_id,
            r.sharing == "community" and _assignment_shared(r.assignment),
            p,
        ),
        ("assignment__period",),
    ),
    Private(
        "pulses.Pulse",
        ("word", "note"),
        # Individual answers: the person and the coaches; everyone else aggregates.
        lambda a, p: _personal(
            a.user_id, a.window.meeting.period.community_id, False, p
        ),
        ("window__meeting__period",),
    ),
    Private(
        "meetings.Meeting",
        ("coach_notes",),
        lambda m, p: (set(p.coaches(m.period.community_id)), set()),
        ("period",),
    ),
    Private(
        "meetings.Meeting",
        ("coach_observation",),
        # A visiting coach's observation: for the whole community, no one else.
        lambda m, p: (set(p.members(m.period.community_id)), set()),
        ("period",),
    ),
    Private(
        "meetings.IntervisionCase",
        ("question", "context", "advice"),
        # The case is the community's: its members (coaches too), never leads.
        lambda c, p: (set(p.members(c.membership.community_id)), set()),
        ("membership",),
    ),
    Private(
        "meetings.IntervisionCase",
        ("takeaway",),
        # The case-bringer's take-away: theirs until shared (the track's rule).
        lambda c, p: (
            {c.membership.user_id}
            if not c.takeaway_sharing
            else _personal(
                c.membership.user_id,
                c.membership.community_id,
                c.takeaway_sharing == "community",
                p,
            )[0],
            set(),
        ),
        ("membership",),
    ),
    Private(
        "agreements.AgreementVersion",
        (
            "duration",
            "frequency",
            "goals",
            "attendance",
            "effort",
            "conduct",
            "confidentiality",
            "other",
        ),
        # Drafts and confirmed versions: the members; programme leads in sum.
        lambda v, p: (set(p.members(v.agreement.period.community_id)), set()),
        ("agreement__period",),
    ),
    Private(
        "agreements.PersonalGoal",
        ("text", "criteria", "evidence", "validation", "learned"),
        lambda g, p: _personal(g.owner_id, g.period.community_id, g.shared, p),
        ("period",),
    ),
    Private(
        "agreements.CollectiveGoal",
        ("text", "criteria", "evidence", "validation", "learned"),
        lambda g, p: (
            {*p.members(g.period.community_id)} | p.org_leads(g.period.community_id),
            set(),
        ),
        ("period",),
    ),
    Private(
        # The assessor's verdict: the community (members, coaches); the lead
        # reads the goal's summary, never the comment.
        "agreements.ExternalValidation",
        ("comment",),
        lambda v, p: ({*p.members(v.goal.period.community_id)}, set()),
        ("goal__period",),
    ),
    Private(
        "agreements.TimeEntry",
        ("note",),
        lambda e, p: _personal(e.user_id, e.period.community_id, False, p),
        ("period",),
    ),
    Private(
        "alumni.CoachingInterest",
        ("note",),
        # The person, the community's coaches and the organisation's leads.
        lambda i, p: (
            {
                i.membership.user_id,
                *p.coaches(i.membership.community_id),
                *p.org_leads(i.membership.community_id),
            },
            set(),
        ),
        ("membership",),
    ),
    Private(
        "cohorts.CohortMember",
        ("gender", "education", "discipline"),
        # Diversity attributes: the person and, for composing, the programme leads.
        lambda m, p: ({m.user_id, *p.leads(m.cohort.organisation_id)}, set()),
        ("cohort",),
    ),
]


@dataclass
class Stamp:
    model: str
    field: str
    pk: int
    anywhere: set[int]
    export_only: set[int]


def stamp() -> dict[str, Stamp]:
    """A unique marker at the start of every private field of every row."""
    markers: dict[str, Stamp] = {}
    for private in PRIVATE:
        model = apps.get_model(private.model)
        for obj in model.objects.all():
            values = {}
            for name in private.fields:
                marker = f"ZQ{len(markers):05d}X"
                field = model._meta.get_field(name)
                value = f"{marker} {getattr(obj, name) or ''}".rstrip()
                if isinstance(field, models.CharField) and field.max_length:
                    value = value[: field.max_length]
                values[name] = value
                markers[marker] = Stamp(private.model, name, obj.pk, set(), set())
            model.objects.filter(pk=obj.pk).update(**values)
    return markers


def allow_readers(markers: dict[str, Stamp]) -> None:
    """Who may read each marker, from the roles as they are now."""
    people = People()
    by_model: dict[str, list[Stamp]] = {}
    for stamp_ in markers.values():
        by_model.setdefault(stamp_.model, []).append(stamp_)
    for private in PRIVATE:
        model = apps.get_model(private.model)
        queryset = model.objects.all()
        if private.related:
            queryset = queryset.select_related(*private.related)
        objects = queryset.in_bulk()
        for stamp_ in by_model.get(private.model, []):
            if stamp_.field not in private.fields:
                continue  # another entry of the same model states its readers
            stamp_.anywhere, stamp_.export_only = private.readers(
                objects[stamp_.pk], people
            )


def seed(world: World) -> None:
    """Reports per sharing in the world's community, by the participant and by a
    fellow participant, and a progress entry, next to what the apps' ``extend``
    already made."""
    from leerkring.assignments.tests.factories import AssignmentReportFactory
    from leerkring.tracks.models import CollectiveTrack
    from leerkring.tracks.tests.factories import ProgressEntryFactory

    participant = world.users[PARTICIPANT]
    for assignment, author, sharing in (
        (world.own_assignment, participant, "coaches"),
        (world.private_assignment, None, "coaches"),
        (world.shared_assignment, None, "community"),
    ):
        AssignmentReportFactory(
            assignment=assignment,
            author=author or assignment.owner,
            sharing=sharing,
        )
    ProgressEntryFactory(
        track=CollectiveTrack.objects.get(period=world.period),
        author=world.users[PARTICIPANT],
    )


def text_of(body: bytes) -> str:
    """Everything a person could read in a response body: HTML, JSON, CSV,
    iCalendar, the text of a PDF, the files in a ZIP."""
    if body.startswith(b"%PDF"):
        return "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(body)).pages
        )
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(text_of(archive.read(name)) for name in archive.namelist())
    return body.decode("utf-8", "replace")


def request(client: Client, world: World, row: Row, actor: str) -> str:
    client.logout()
    if actor != ANON:
        client.force_login(world.users[actor])
    headers = {"HX-Request": "true"} if row.htmx else {}
    data = row.data(world) if row.data else {}
    response = getattr(client, row.method)(row.url(world), data=data, headers=headers)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return f"{response.headers}\n{text_of(body)}"


def shown_by_link(world: World, stamp_: Stamp, row: Row) -> bool:
    """Whoever holds an assessor's signed link reads what it shows of the
    validated goal (DESIGN.md §5, last row) — and nothing else."""
    if row.name != "agreements:validation-public":
        return False
    validation = world.validation
    return (
        stamp_.model == "agreements.CollectiveGoal"
        and stamp_.pk == validation.goal_id
        and stamp_.field in validation.shown_fields()
    )


def leaks(
    world: World, markers: dict[str, Stamp], text: str, user_id: int | None, row: Row
) -> list[str]:
    found = []
    for marker in set(MARKER.findall(text)):
        stamp_ = markers[marker]
        if user_id in stamp_.anywhere or (
            user_id in stamp_.export_only and row.name in PERSONAL_EXPORTS
        ):
            continue
        if shown_by_link(world, stamp_, row):
            continue
        found.append(f"{stamp_.model}.{stamp_.field} (pk {stamp_.pk})")
    return found


def sweep(
    client: Client,
    world: World,
    markers: dict[str, Stamp],
    rows: Iterable[Row],
    actors: Iterable[str],
) -> list[str]:
    """Request each row as each actor (each in a rolled-back savepoint); what
    leaked where."""
    problems = []
    for row in rows:
        for actor in actors:
            user = world.users.get(actor)
            with transaction.atomic():
                text = request(client, world, row, actor)
                transaction.set_rollback(True)
            for leak in leaks(world, markers, text, user.pk if user else None, row):
                problems.append(f"{row.name}[{row.method}] as {actor}: {leak}")
    return problems


def marked_world() -> tuple[World, dict[str, Stamp]]:
    from leerkring.home.demo import build_demo

    world = build_world()
    seed(world)
    build_demo()
    markers = stamp()
    allow_readers(markers)
    return world, markers


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.django_db
def test_no_private_text_where_design_forbids_it(client: Client, chunk: int) -> None:
    """Every row × every actor: no marker the actor may not read, anywhere in
    the answer (headers included)."""
    world, markers = marked_world()
    assert len(markers) > 500, "the world should be demo-sized"
    rows = ROWS[chunk::CHUNKS]
    problems = sweep(client, world, markers, rows, ACTORS)
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_private_model_is_in_the_world(db: None) -> None:
    """The matrix proves something only if each kind of private text exists, in
    the matrix's own community (where the actors are) and in the demo."""
    world, markers = marked_world()
    community_models = {
        stamp_.model
        for stamp_ in markers.values()
        if stamp_.anywhere & {u.pk for u in world.users.values()}
    }
    assert community_models == {p.model for p in PRIVATE}


# Role-change attacks (issue 10): after each, the attacker's pages show nothing
# their role before the attack did not already allow.


def lead_invites_themself(client: Client, world: World) -> str:
    client.force_login(world.users[LEAD])
    client.post(
        reverse("communities:member-invite", args=[world.community.pk]),
        {
            "display_name": "Lead",
            "email": world.users[LEAD].email,
            "role": "apprentice_coach",
            "language": "nl",
        },
    )
    for membership in Membership.objects.filter(user=world.users[LEAD]):
        client.post(
            reverse("communities:membership-edit", args=[membership.pk]),
            {"change": "active", "role": "coach", "status": "active", "reason": "x"},
        )
    return LEAD


def lead_makes_the_participant_coach(client: Client, world: World) -> str:
    client.force_login(world.users[LEAD])
    client.post(
        reverse("communities:membership-edit", args=[world.participant_membership.pk]),
        {"change": "coach", "role": "coach", "status": "active", "reason": "x"},
    )
    return PARTICIPANT


def apprentice_promotes_themself(client: Client, world: World) -> str:
    client.force_login(world.users[APPRENTICE])
    membership = world.memberships[APPRENTICE]
    client.post(
        reverse("communities:membership-edit", args=[membership.pk]),
        {"change": "coach", "role": "coach", "status": "active", "reason": "x"},
    )
    return APPRENTICE


def coach_activates_an_outsider(client: Client, world: World) -> str:
    client.force_login(world.users[COACH])
    outsider = world.users[OTHER_LEAD]  # of another organisation
    client.post(
        reverse("communities:member-invite", args=[world.community.pk]),
        {
            "display_name": "Buiten",
            "email": outsider.email,
            "role": "coach",
            "language": "nl",
        },
    )
    membership = Membership.objects.get(user=outsider, community=world.community)
    client.post(
        reverse("communities:membership-edit", args=[membership.pk]),
        {"change": "active", "role": "coach", "status": "active", "reason": "x"},
    )
    return OTHER_LEAD


@pytest.mark.parametrize(
    "attack",
    [
        lead_invites_themself,
        lead_makes_the_participant_coach,
        apprentice_promotes_themself,
        coach_activates_an_outsider,
    ],
)
@pytest.mark.django_db
def test_role_change_attacks_reveal_nothing(
    client: Client, attack: Callable[[Client, World], str]
) -> None:
    """The readers are fixed before the attack: whatever it achieved, every page,
    export and API answer the attacker can then open must show only what they
    could read before."""
    world = build_world()
    seed(world)
    markers = stamp()
    allow_readers(markers)
    attacker = attack(client, world)
    rows = [row for row in ROWS if row.method == "get"]
    problems = sweep(client, world, markers, rows, [attacker])
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.django_db
def test_an_approved_lead_reads_what_coaches_read_and_the_community_sees_it(
    client: Client,
) -> None:
    """The legitimate path: the lead asks, a coach approves; then the lead reads
    as an apprentice coach (no more), and the members page names the approver."""
    world = build_world()
    seed(world)
    markers = stamp()
    lead, coach = world.users[LEAD], world.users[COACH]
    client.force_login(lead)
    client.post(
        reverse("communities:community-ask-to-coach", args=[world.community.pk]),
        {"role": "apprentice_coach", "reason": "Ik wil meekijken als gezel"},
    )
    change = world.community.role_changes.get(user=lead)
    client.force_login(coach)
    client.post(
        reverse("communities:role-change-detail", args=[change.pk]),
        {"decision": "approve"},
    )
    allow_readers(markers)
    assert any(
        lead.pk in s.anywhere for s in markers.values() if s.model == "intake.Intake"
    )
    rows = [row for row in ROWS if row.method == "get"]
    problems = sweep(client, world, markers, rows, [LEAD])
    assert not problems, "\n".join(sorted(set(problems)))
    client.force_login(coach)
    page = client.get(
        reverse("communities:community-detail", args=[world.community.pk])
    )
    assert coach.display_name in page.content.decode()
    assert "goedgekeurd door" in page.content.decode()
