"""A realistic demo organisation: one learning community in the middle of its
leergang, one forming, one that finished its leergang last year and now runs on
its own (the self-run period is planned by the meetings app), and an English
semester group (the shortened variant). The same builder is
the test fixture (``demo_community`` in conftest).

Other apps add their part of the story in ``<app>/demo.py`` (a ``populate(demo)``
function), called from ``build_demo`` below in the order of the method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from leerkring.accounts.models import Language, User
from leerkring.communities.models import (
    Community,
    LearningPeriod,
    Membership,
    Organisation,
    OrganisationRole,
)
from leerkring.core.discovery import app_modules
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.models import Meeting, PartOfDay
from leerkring.meetings.scheduling import SessionPlan, propose_dates

DEMO_PASSWORD = "leerkring-demo"  # noqa: S105  (demo data only; printed by make run)
DEMO_DOMAIN = "demo.leerkring.nl"
DEMO_LOGINS = {
    "coach": f"coach@{DEMO_DOMAIN}",
    "participant": f"deelnemer@{DEMO_DOMAIN}",
    "programme_lead": f"programmaleider@{DEMO_DOMAIN}",
    "alumnus": f"bram@{DEMO_DOMAIN}",  # a participant of the self-running community
}
ORGANISATION_NAME = "Hogeschool Oostland"
COMMUNITY_NAME = "Samen beter beoordelen"
FORMING_NAME = "Honours thuisgroep 2027"
ALUMNI_NAME = "Feedback in de praktijk"
SEMESTER_NAME = "Smart Solutions Semester: Living Labs"
CURRENT_SESSION = 4

# (e-mail local part, name, what they do) — diverse in role, age and discipline.
PARTICIPANTS = [
    ("deelnemer", "Sanne de Vries", "docent verpleegkunde"),
    ("youssef", "Youssef El Amrani", "student technische bedrijfskunde"),
    ("anouk", "Anouk Jansen", "teamleider ICT"),
    ("pieter", "Pieter Bakker", "docent wiskunde"),
    ("lotte", "Lotte Visser", "studieadviseur"),
    ("mehmet", "Mehmet Yılmaz", "student social work"),
    ("ingrid", "Ingrid Mulder", "opleidingsmanager"),
    ("daan", "Daan Smit", "onderwijskundige"),
    ("fatima", "Fatima Ouali", "docent rechten"),
    ("joris", "Joris van Dijk", "student honours creative media"),
]
# The community that finished its leergang (2025–2026) and continues on its own.
ALUMNI = [
    ("bram", "Bram Hoekstra", "docent bouwkunde"),
    ("naima", "Naima Bouzid", "teamleider studentzaken"),
    ("kees", "Kees de Wit", "docent economie"),
    ("sophie", "Sophie Martens", "studente pedagogiek"),
    ("ruud", "Ruud Verbeek", "examencommissie"),
    ("lin", "Lin Zhang", "docent informatica"),
]
COACHES = [
    ("coach", "Marieke Hendriks", Membership.Role.COACH),
    ("ruben", "Ruben Kok", Membership.Role.COACH),
]


@dataclass
class Demo:
    """Handles on everything the demo holds, for tests and for apps' populate()."""

    today: date
    organisation: Organisation
    community: Community
    period: LearningPeriod
    meetings: list[Meeting]
    coaches: list[User]
    participants: list[User]
    programme_lead: User
    forming_community: Community
    alumni_community: Community
    alumni_leergang: LearningPeriod
    alumni: list[User]
    descriptions: dict[int, str] = field(default_factory=dict)
    semester_community: Community | None = None

    @property
    def coach(self) -> User:
        return self.coaches[0]

    @property
    def participant(self) -> User:
        return self.participants[0]

    @property
    def current_meeting(self) -> Meeting:
        return self.meetings[CURRENT_SESSION - 1]


def _join(community: Community, user: User, role: str, joined_on: date) -> None:
    Membership.objects.create(
        community=community,
        user=user,
        role=role,
        status=Membership.Status.ACTIVE,
        joined_on=joined_on,
    )


def _person(
    local: str, name: str, password_hash: str, language: str = Language.DUTCH
) -> User:
    user = User(
        email=f"{local}@{DEMO_DOMAIN}",
        display_name=name,
        password=password_hash,
        preferred_language=language,
    )
    user.save()
    return user


def meeting_dates(start: date, count: int, current: int, today: date) -> list[date]:
    """Every three weeks, placed so that session ``current`` falls on ``today``."""
    step = timedelta(weeks=3)
    first = today - step * (current - 1)
    first = max(first, start)
    return [first + step * i for i in range(count)]


@transaction.atomic
def build_demo(today: date | None = None) -> Demo:
    """Create the demo organisation; the caller ensures it does not exist yet."""
    from django.contrib.auth.hashers import make_password

    today = today or timezone.localdate()
    password_hash = make_password(DEMO_PASSWORD)
    organisation = Organisation.objects.create(name=ORGANISATION_NAME)
    lead = _person("programmaleider", "Hanneke Willems", password_hash)
    OrganisationRole.objects.create(
        organisation=organisation, user=lead, role=OrganisationRole.Role.PROGRAMME_LEAD
    )
    community = Community.objects.create(
        organisation=organisation,
        name=COMMUNITY_NAME,
        description=(
            "Docenten, studenten en staf die samen werken aan toetsing die "
            "studenten helpt leren: van afvinken naar feedback die telt."
        ),
    )
    start = today - timedelta(weeks=3 * (CURRENT_SESSION - 1) + 3)
    period = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.LEERGANG,
        title="Leergang 2026–2027",
        start_date=start,
        end_date=start + timedelta(days=183),
    )
    joined = start - timedelta(days=14)
    coaches = []
    for local, name, role in COACHES:
        user = _person(local, name, password_hash)
        _join(community, user, role, joined)
        coaches.append(user)
    participants = []
    descriptions = {}
    for local, name, description in PARTICIPANTS:
        user = _person(local, name, password_hash)
        _join(community, user, Membership.Role.PARTICIPANT, joined)
        participants.append(user)
        descriptions[user.pk] = description
    meetings = [
        Meeting.objects.create(
            period=period,
            number=number,
            date=day,
            part_of_day=PartOfDay.AFTERNOON,
            location="Oostland Campus, lokaal B2.14",
        )
        for number, day in enumerate(
            meeting_dates(start, 8, CURRENT_SESSION, today), start=1
        )
    ]
    forming = Community.objects.create(
        organisation=organisation,
        name=FORMING_NAME,
        description="Een nieuwe thuisgroep van honoursstudenten en docenten.",
    )
    apprentice = _person("eva.peters", "Eva Peters", password_hash)
    _join(forming, coaches[1], Membership.Role.COACH, today)
    _join(forming, apprentice, Membership.Role.APPRENTICE_COACH, today)
    alumni_community, alumni_leergang, alumni = _alumni_community(
        organisation, coaches[0], password_hash, today
    )
    semester = _semester_community(organisation, coaches[1], password_hash, today)
    demo = Demo(
        semester_community=semester,
        today=today,
        organisation=organisation,
        community=community,
        period=period,
        meetings=meetings,
        coaches=coaches,
        participants=participants,
        programme_lead=lead,
        forming_community=forming,
        alumni_community=alumni_community,
        alumni_leergang=alumni_leergang,
        alumni=alumni,
        descriptions=descriptions,
    )
    for populate in _populators():
        populate(demo)
    return demo


def _alumni_community(
    organisation: Organisation, coach: User, password_hash: str, today: date
) -> tuple[Community, LearningPeriod, list[User]]:
    """A community whose leergang ran a year ago; the coach stays on."""
    community = Community.objects.create(
        organisation=organisation,
        name=ALUMNI_NAME,
        description=(
            "Oud-deelnemers van de leergang 2025–2026 die samen verder leren over "
            "feedback in de praktijk: intervisie, nieuwe opgaven, om de beurt "
            "voorzitter."
        ),
    )
    start = today - timedelta(weeks=60)
    leergang = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.LEERGANG,
        title="Leergang 2025–2026",
        start_date=start,
        end_date=start + timedelta(weeks=27),
    )
    joined = start - timedelta(days=14)
    _join(community, coach, Membership.Role.COACH, joined)
    alumni = []
    for local, name, _description in ALUMNI:
        user = _person(local, name, password_hash)
        _join(community, user, Membership.Role.PARTICIPANT, joined)
        alumni.append(user)
    for number in range(1, 9):
        Meeting.objects.create(
            period=leergang,
            number=number,
            date=start + timedelta(weeks=3 * number),
            part_of_day=PartOfDay.AFTERNOON,
            location="Oostland Campus, lokaal C1.03",
        )
    return community, leergang, alumni


# The international semester group (issue 17): English method texts, planned
# by a Dutch-speaking coach next to an English-speaking one.
SEMESTER_PEOPLE = [
    ("daniel.brooks", "Daniel Brooks", Membership.Role.COACH),
    ("amara.okafor", "Amara Okafor", Membership.Role.PARTICIPANT),
    ("jonas.weber", "Jonas Weber", Membership.Role.PARTICIPANT),
    ("priya.nair", "Priya Nair", Membership.Role.PARTICIPANT),
    ("mateo.rossi", "Mateo Rossi", Membership.Role.PARTICIPANT),
]


def _semester_community(
    organisation: Organisation, dutch_coach: User, password_hash: str, today: date
) -> Community:
    """The shortened semester version in English: five sessions over eighteen
    weeks, the second one held last week."""
    community = Community.objects.create(
        organisation=organisation,
        name=SEMESTER_NAME,
        description=(
            "Interdisciplinary student teams working on projects for external "
            "clients, together with their teachers."
        ),
        variant="semester",
        language=Language.ENGLISH,
    )
    start = today - timedelta(weeks=5)
    joined = start - timedelta(days=14)
    _join(community, dutch_coach, Membership.Role.COACH, joined)
    for local, name, role in SEMESTER_PEOPLE:
        user = _person(local, name, password_hash, Language.ENGLISH)
        _join(community, user, role, joined)
    end = start + timedelta(weeks=18)
    create_leergang(
        community=community,
        actor=dutch_coach,
        title="Smart Solutions Semester 2027",
        start_date=start,
        end_date=end,
        sessions=[
            SessionPlan(date=day, location="Oostland Campus, Living Lab 1")
            for day in propose_dates(start, end, community.preset.sessions)
        ],
    )
    return community


def _populators() -> list[Callable[[Demo], None]]:
    """Each app's ``demo.populate``, in INSTALLED_APPS order (the method's order)."""
    return [
        module.populate
        for config, module in app_modules("demo")
        if config.name != __package__  # this module is the collector
    ]


def demo_exists() -> bool:
    return Organisation.objects.filter(name=ORGANISATION_NAME).exists()
