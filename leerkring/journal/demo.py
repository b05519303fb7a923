"""The journal's part of the demo: entries after sessions 1–3 at varying depth,
some shared with the coaches (with published feedback, except the newest one, which
still waits for it), a few with the community (with responses). The mirror runs
directly here, not as a task."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import cycle

from django.utils import timezone

from leerkring.assignments.models import IntegrationAssignment
from leerkring.home.demo import Demo
from leerkring.tracks.models import LearningQuestion

from .models import CoachFeedback, Comment, Reflection, Visibility
from .tasks import mirror

# (session number, title, body) — from describing (1) to critical reflection (4).
ENTRIES: list[tuple[int, str, str]] = [
    (
        1,
        "Eerste bijeenkomst",
        "Vandaag was de eerste bijeenkomst. We begonnen met een check-in en daarna "
        "hebben we kennisgemaakt in tweetallen. Ik heb verteld over mijn vak en "
        "mijn team. Daarna hebben we de afspraken voor de leergang besproken: "
        "we komen acht keer bij elkaar en iedereen bereidt de opdrachten voor. "
        "Om vijf uur waren we klaar.",
    ),
    (
        1,
        "Wat wil ik leren?",
        "De vraag 'wat wil je leren?' vond ik lastiger dan gedacht. Ik wil beter "
        "worden in feedback geven, maar toen ik het uitlegde aan Pieter merkte ik "
        "dat ik eigenlijk niet weet wat studenten met mijn feedback doen. Volgens "
        "het model van Hattie werkt feedback alleen als de student weet waar hij "
        "naartoe werkt. Dat verklaart misschien waarom mijn opmerkingen vaak "
        "ongelezen blijven.",
    ),
    (
        2,
        "Waar sta ik nu?",
        "Bij de oefening over ons motief werd ik onrustig. Ik merkte dat ik me "
        "verdedigde toen iemand vroeg waarom we nog cijfers geven. Waarom raakt mij "
        "dat zo? Ik denk dat ik cijfers zie als bewijs dat ik mijn werk goed doe. "
        "Als ik eerlijk ben, beoordeel ik soms meer om mezelf te verantwoorden dan "
        "om de student te helpen leren. Dat wil ik de komende weken onderzoeken.",
    ),
    (
        2,
        "Sleutel tot leren",
        "In de bijeenkomst hebben we gesproken over motieven. Het werd duidelijk "
        "dat iedereen iets anders verstaat onder goed beoordelen. Voor de "
        "studenten in onze groep gaat het om duidelijkheid, voor de docenten om "
        "eerlijkheid. Ik begrijp nu beter waarom onze discussies over rubrics zo "
        "vaak vastlopen: we praten over verschillende dingen.",
    ),
    (
        3,
        "Wat werkt averechts?",
        "Deze week probeerde ik bij twee groepen geen cijfer te geven, alleen "
        "feedback. Eerst voelde ik me ongemakkelijk, alsof ik iets achterhield. "
        "Toen ik erop terugkeek, zag ik dat mijn aanname was dat studenten zonder "
        "cijfer niet serieus werken. Die aanname klopte niet: ze stelden juist meer "
        "vragen. Misschien werkt mijn behoefte aan controle averechts. Volgende "
        "week wil ik de studenten zelf laten formuleren wat ze met de feedback "
        "gaan doen, en kijken wat er dan verandert in hoe ik naar ze kijk.",
    ),
    (
        3,
        "Integratieopdracht: peerfeedback",
        "Ik heb de integratieopdracht uitgevoerd: studenten gaven elkaar feedback "
        "met de nieuwe criteria. Het duurde langer dan gepland en twee groepen "
        "waren niet klaar. Ik denk dat het zo lang duurde omdat ze de criteria "
        "nog niet kenden. De volgende keer plan ik er een heel uur voor. De "
        "criteria waren wel duidelijk, dat zeiden de studenten ook.",
    ),
    (
        3,
        "Tegenkracht in mijn team",
        "Toen mijn teamleider zei dat we 'gewoon de toetsmatrijs moeten volgen', "
        "voelde ik weerstand. Achteraf vraag ik me af waarom. Vanuit haar "
        "perspectief bewaakt ze de kwaliteit voor de accreditatie; vanuit het "
        "mijne beperkt ze de ruimte om te experimenteren. Misschien zijn we het "
        "meer eens dan ik dacht en gaat het over vertrouwen. Ik ga haar uitnodigen "
        "om een les bij te wonen waarin ik de nieuwe aanpak uitprobeer.",
    ),
    (
        2,
        "What I noticed about feedback",
        "During the session we discussed why students ignore written feedback. I "
        "realised that I rarely ask students what they did with my comments. When "
        "I think about why, I suspect I assume that feedback is finished once I "
        "have written it. That assumption may be the real problem. Next week I "
        "will ask each student to tell me one thing they changed.",
    ),
]

FEEDBACK = [
    "Wat mooi dat je zo eerlijk opschrijft waar je ongemak vandaan komt. Je "
    "aanname over cijfers als verantwoording is een sterk vertrekpunt voor je "
    "leervraag. Welk klein experiment zou je kunnen doen om die aanname te toetsen?",
    "Je beschrijft helder wat er gebeurde. Ik ben benieuwd wat het met jou deed "
    "toen twee groepen niet klaar waren — neem je dat mee naar de volgende keer?",
    "Dank voor het delen. Het perspectief van je teamleider erbij betrekken is een "
    "mooie stap; laat je ons weten hoe de les met haar erbij ging?",
]

COMMENTS = [
    "Herkenbaar! Ik betrap mezelf ook op die behoefte aan controle.",
    "Dank voor het delen, dit helpt mij bij mijn eigen integratieopdracht.",
    "Goed idee om je teamleider uit te nodigen. Mag ik een keer meekijken?",
]

# Per participant: which entries (by index), and with whom each is shared.
PRIVATE, COACHES, COMMUNITY = (
    Visibility.PRIVATE,
    Visibility.COACHES,
    Visibility.COMMUNITY,
)
PLANS: list[list[tuple[int, str]]] = [
    [(0, PRIVATE), (2, COACHES), (4, COMMUNITY)],  # Sanne, the demo participant
    [(1, COACHES), (7, PRIVATE)],
    [(3, PRIVATE), (6, COMMUNITY)],
    [(0, PRIVATE), (5, COACHES)],
    [(1, PRIVATE), (2, PRIVATE), (4, COACHES)],
    [(3, COACHES), (5, PRIVATE)],
    [(1, PRIVATE), (6, COACHES)],
    [(0, PRIVATE), (2, COACHES), (5, PRIVATE)],
    [(3, PRIVATE), (4, PRIVATE)],
    [(7, COACHES), (6, PRIVATE)],  # the entry shared with the coaches waits for them
]
WAITING_FOR_FEEDBACK = len(PLANS) - 1


def _written_at(demo: Demo, session: int, offset: int) -> datetime:
    day = demo.meetings[session - 1].date + timedelta(days=1 + offset)
    return timezone.make_aware(datetime.combine(day, time(20, 15)))


# Entries their authors linked to their assignment or learning question (the
# EYE page shows them along the personal learning track).
ABOUT_ASSIGNMENT = (4, 5)
ABOUT_QUESTION = (0, 1)


def populate(demo: Demo) -> None:
    questions = {
        q.personal_track.owner_id: q
        for q in LearningQuestion.objects.filter(
            personal_track__period=demo.period
        ).select_related("personal_track")
    }
    assignments: dict[int, IntegrationAssignment] = {}
    for assignment in IntegrationAssignment.objects.filter(
        period=demo.period, owner__isnull=False
    ).order_by("due_date"):
        assert assignment.owner_id is not None
        assignments.setdefault(assignment.owner_id, assignment)
    feedback_texts = cycle(FEEDBACK)
    comment_texts = cycle(COMMENTS)
    members = demo.participants
    for person_index, (participant, plan) in enumerate(
        zip(members, PLANS, strict=False)
    ):
        for offset, (entry_index, visibility) in enumerate(plan):
            session, title, body = ENTRIES[entry_index]
            written = _written_at(demo, session, offset)
            reflection = Reflection.objects.create(
                author=participant,
                community=demo.community,
                meeting=demo.meetings[session - 1],
                title=title,
                body=body,
                visibility=visibility,
                created_at=written,
                assignment=assignments.get(participant.pk)
                if entry_index in ABOUT_ASSIGNMENT
                else None,
                learning_question=questions.get(participant.pk)
                if entry_index in ABOUT_QUESTION
                else None,
            )
            assessment = mirror(reflection)
            assessment.created_at = written + timedelta(minutes=1)
            assessment.save()
            if visibility != PRIVATE and person_index != WAITING_FOR_FEEDBACK:
                coach = demo.coaches[person_index % len(demo.coaches)]
                CoachFeedback.objects.create(
                    reflection=reflection,
                    coach=coach,
                    body=next(feedback_texts),
                    status=CoachFeedback.Status.PUBLISHED,
                    created_at=written + timedelta(days=1),
                    published_at=written + timedelta(days=1, hours=2),
                    read_at=None if person_index == 0 else written + timedelta(days=2),
                )
            if visibility == COMMUNITY:
                for fellow in (members[(person_index + 3) % len(members)], demo.coach):
                    Comment.objects.create(
                        reflection=reflection,
                        author=fellow,
                        body=next(comment_texts),
                        created_at=written + timedelta(days=2),
                    )
