"""The demo's sessions: eight themed sessions with agendas; 1–3 held, 4 is today
(agendas 1–4 published, 5–8 still drafts).
The alumni community's leergang is long over; it runs on its own now: a self-run
period with rotating roles, its first meeting held five weeks ago (attendance
taken by the members), the second, next week, chaired by the demo's alumnus."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from leerkring.communities.models import Membership

from .agenda import method_agenda_items
from .intervision import demo as intervision_demo
from .method import theme_steps
from .models import AgendaItem, Attendance, Meeting, MeetingRole, OpenSpaceProposal
from .selfrun.actions import start_self_run

if TYPE_CHECKING:
    from leerkring.home.demo import Demo

# Who was absent at sessions 1–3 (by index in demo.participants).
ABSENT: dict[int, list[int]] = {1: [], 2: [5], 3: [8]}

SUMMARIES = {
    1: (
        "We hebben elkaar leren kennen via de 'objectenronde': iedereen nam iets "
        "mee dat iets zegt over beoordelen. Daarna kwaliteiten en valkuilen in "
        "drietallen. Opvallend: veel docenten herkennen 'perfectionisme' als valkuil "
        "bij het nakijken, de studenten noemen juist 'pas laat om feedback vragen'.\n\n"
        "Eerste leervragen staan op papier. Afspraken: we beginnen op tijd, wat hier "
        "gezegd wordt blijft hier, en wie niet kan meldt zich vooraf af.\n\n"
        "Voor bijeenkomst 2: vraag een collega wat die als jouw kwaliteit ziet."
    ),
    2: (
        "Kernkwadranten uitgewerkt; de uitdaging die het vaakst terugkwam: "
        "'loslaten van controle over het cijfer'. Leervragen zijn scherper "
        "geworden.\n\n"
        "Collectieve ambitie: toetsing die studenten helpt leren, niet alleen meet. "
        "Opgave: 'dit staat ons te doen: in drie modules formatieve feedbackmomenten "
        "inbouwen vóór de summatieve toets — en dit is het concrete resultaat: een "
        "werkwijze die andere teams kunnen overnemen.'\n\n"
        "De afspraken zijn vastgesteld. Iedereen heeft een eerste integratieopdracht."
    ),
    3: (
        "Terugkijken: Pieter probeerde peerfeedback in wiskunde, studenten vonden het "
        "eerst onwennig, daarna waardevol. Anouk liep tegen het roostersysteem aan.\n\n"
        "Thema tegenkracht: wat werkt averechts? We zagen dat we feedback vaak pas "
        "geven als het cijfer al vaststaat. Open space: Youssef liet zien hoe "
        "studenten zelf rubrics maken.\n\n"
        "Reflectie op samenwerking: de studenten voelen zich gehoord, maar willen "
        "vaker zelf een onderdeel leiden."
    ),
}

NOTES = {
    1: "Ingrid was stil in de kwaliteitenronde; bij de intake noemde ze tijdsdruk. "
    "Volgende keer in tweetallen laten starten.",
    2: "Mehmet afwezig (stage). Even bellen voor de afspraken en zijn leervraag.",
    3: "Goede energie. Let op: Lotte neemt veel ruimte in het terugkijken; "
    "volgende keer een timer per persoon.",
}


def populate(demo: Demo) -> None:
    # Held and today's sessions are published; the coaches prepare the next.
    _themes_and_agendas(demo.meetings, published=4)
    alumni = list(Meeting.objects.for_period(demo.alumni_leergang))
    _themes_and_agendas(alumni, published=len(alumni))
    _self_run(demo)
    _held_sessions(demo)
    OpenSpaceProposal.objects.create(
        meeting=demo.current_meeting,
        author=demo.participants[7],
        title="Rollenspel: het feedbackgesprek na een onvoldoende",
        description="Ik wil oefenen met een student die het niet eens is met de "
        "beoordeling. Twee rollen, de rest observeert met onze rubric.",
    )


def _themes_and_agendas(meetings: list[Meeting], published: int) -> None:
    """The method's themes and agendas; the first ``published`` agendas are
    published, the later ones are still the coaches' drafts."""
    steps = theme_steps(len(meetings))
    items = []
    for index, (meeting, step) in enumerate(zip(meetings, steps, strict=True)):
        meeting.method_step = step
        meeting.apply_method_themes()
        agenda = method_agenda_items(meeting)
        if index < published:
            meeting.set_published_agenda(agenda)
        meeting.save()
        items += agenda
    AgendaItem.objects.bulk_create(items)


def _self_run(demo: Demo) -> None:
    """Every six weeks, a coach at every third meeting; the first one was held."""
    period = start_self_run(
        community=demo.alumni_community,
        actor=demo.coach,
        start_date=demo.today - timedelta(weeks=5),
        end_date=demo.today + timedelta(weeks=31),
        interval_weeks=6,
        coach_every=3,
        location="Bibliotheek Oostland, stilteruimte",
        title="Op eigen kracht 2026–2027",
    )
    first, second = Meeting.objects.for_period(period)[:2]
    # The demo's alumnus (bram@) chairs the coming meeting: he and its chair
    # trade, so his home page shows what a chair has to do.
    chairs = MeetingRole.objects.filter(
        meeting__in=[first, second], role=MeetingRole.Role.CHAIR
    )
    chair_of = {role.meeting_id: role for role in chairs.select_related("membership")}
    first_chair, second_chair = chair_of[first.pk], chair_of[second.pk]
    first_chair.membership, second_chair.membership = (
        second_chair.membership,
        first_chair.membership,
    )
    MeetingRole.objects.bulk_update([first_chair, second_chair], ["membership"])
    # The members took the attendance themselves; no coach came (the first
    # coach's visit is meeting 3), so the leads' to-do list says how long the
    # community has gone without one.
    Attendance.objects.bulk_create(
        Attendance(meeting=first, membership=m, present=m.is_participant)
        for m in Membership.objects.active().filter(community=demo.alumni_community)
    )
    intervision_demo.populate(period)
    Meeting.objects.filter(pk=first.pk).update(
        summary=(
            "Intervisie op de casus van Naima: een student die elke feedback als "
            "afwijzing hoort. Vragenronde, daarna ieders advies in één zin. Naima "
            "neemt mee: eerst vragen wat de student zelf al ziet.\n\n"
            "Nieuwe opgave: Kees en Lin maken een korte handreiking 'feedback vóór "
            "het cijfer' voor hun teams."
        ),
        summary_status=Meeting.SummaryStatus.PUBLISHED,
        summary_published_at=timezone.make_aware(
            datetime.combine(first.date, first.starts_at.time())
        )
        + timedelta(days=1),
    )


def _held_sessions(demo: Demo) -> None:
    members = list(
        Membership.objects.active()
        .filter(community=demo.community)
        .select_related("user")
    )
    for meeting in demo.meetings[:3]:
        absent = {demo.participants[i].pk for i in ABSENT[meeting.number]}
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, membership=m, present=m.user_id not in absent)
            for m in members
        )
        ended = timezone.make_aware(
            datetime.combine(meeting.date, meeting.starts_at.time())
        ) + timedelta(days=1)
        Meeting.objects.filter(pk=meeting.pk).update(
            coach_notes=NOTES[meeting.number],
            summary=SUMMARIES[meeting.number],
            summary_status=Meeting.SummaryStatus.PUBLISHED,
            summary_published_at=ended,
        )
