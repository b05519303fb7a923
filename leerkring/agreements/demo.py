"""The demo's agreements, goals and hours, at session 4 of 8.

Version 1 of the agreements was drafted in session 1 and confirmed by all twelve
members in session 2; after session 2 the attendance rule was sharpened (version
2), which eight of twelve have confirmed so far — Sanne, the demo participant,
has not yet. The goals on three aspects are set, not yet evaluated (the period is
half-way), and several participants log their hours.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from leerkring.home.demo import Demo

from .models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    Aspect,
    CollectiveGoal,
    ContinuationDecision,
    ExternalValidation,
    GoOn,
    MemberIntention,
    PersonalGoal,
    Staying,
    TimeEntry,
    TimeKind,
)

ATTENDANCE_V1 = (
    "We zijn er bij elke bijeenkomst. Wie echt niet kan, meldt zich vooraf af bij "
    "een van de coaches."
)
ATTENDANCE_V2 = (
    "We zijn er bij elke bijeenkomst. Wie echt niet kan, meldt zich uiterlijk twee "
    "dagen vooraf af bij een van de coaches en hoort van een maatje wat er gebeurd "
    "is. Wie twee keer mist, gaat met de coaches in gesprek over de betrokkenheid."
)

PERSONAL_GOALS = [
    (
        "Ik wil feedback geven die studenten in de volgende opdracht echt gebruiken, "
        "en merken dat ik minder corrigeer en meer vraag.",
        True,
    ),
    (
        "Ik wil als student durven zeggen wat beoordeling met mijn motivatie doet, "
        "ook tegen docenten.",
        True,
    ),
    ("Ik wil mijn team meenemen in één andere manier van toetsen per blok.", False),
    (
        "Ik wil in mijn wiskundelessen formatief werken zonder dat het meer tijd "
        "kost dan nu.",
        True,
    ),
    (
        "Ik wil studenten helpen hun eigen voortgang te lezen in plaats van alleen "
        "cijfers.",
        False,
    ),
    ("Ik wil leren hoe ik feedback vraag in plaats van afwacht.", True),
    (
        "Ik wil als manager ruimte maken voor experimenten met toetsing zonder de "
        "kwaliteitszorg los te laten.",
        False,
    ),
    (
        "Ik wil een toetsbeleid schrijven dat docenten herkennen als hun eigen werk.",
        True,
    ),
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def populate(demo: Demo) -> None:
    _agreements(demo)
    _goals(demo)
    _hours(demo)
    _alumni_went_on(demo)


def _alumni_went_on(demo: Demo) -> None:
    """At the harvest of their leergang the alumni decided to go on on their
    own, and every one of them stayed."""
    leergang = demo.alumni_leergang
    when = timezone.make_aware(datetime.combine(leergang.end_date, time(16)))
    ContinuationDecision.objects.create(
        period=leergang, choice=GoOn.AS_IS, decided_by=demo.alumni[1], decided_at=when
    )
    MemberIntention.objects.bulk_create(
        MemberIntention(
            period=leergang, user=user, choice=Staying.STAYS, decided_at=when
        )
        for user in demo.alumni
    )


def _agreements(demo: Demo) -> None:
    first, second = demo.meetings[0], demo.meetings[1]
    coach, members = demo.coach, [*demo.coaches, *demo.participants]
    agreement = Agreement.objects.create(period=demo.period, version=4)
    sections = {
        "duration": (
            f"De leergang loopt van {demo.period.start_date:%d-%m-%Y} tot "
            f"{demo.period.end_date:%d-%m-%Y}: acht bijeenkomsten. Daarna besluiten we "
            "samen hoe we verder gaan."
        ),
        "frequency": (
            "Elke drie weken op de middag, 13.30–17.00 uur, in lokaal B2.14. "
            "Bijeenkomst 1 en 2 horen bij elkaar."
        ),
        "goals": (
            "Eén collectieve ambitie: toetsing die studenten helpt leren. Ieder werkt "
            "daarnaast aan een eigen leervraag. Wat we leren vinden we het "
            "belangrijkst."
        ),
        "attendance": ATTENDANCE_V1,
        "effort": (
            "Ongeveer 50 uur per deelnemer, voorbereiding en integratieopdrachten "
            "inbegrepen. We houden onze uren bij in Leerkring."
        ),
        "conduct": (
            "We luisteren om te begrijpen, niet om te reageren. We spreken elkaar aan "
            "op gedrag, niet op de persoon. Student, docent en manager zijn hier "
            "gelijkwaardig."
        ),
        "confidentiality": (
            "Wat iemand over zichzelf vertelt, blijft in de groep. Over de collectieve "
            "opgave mogen we in onze teams vertellen."
        ),
        "other": "Telefoons liggen weg tijdens de check-in en de check-out.",
    }
    v1 = AgreementVersion.objects.create(
        agreement=agreement, number=1, created_by=coach, updated_by=coach, **sections
    )
    v2 = AgreementVersion.objects.create(
        agreement=agreement,
        number=2,
        created_by=demo.coaches[1],
        updated_by=demo.coaches[1],
        change_note=(
            "Afmeldregel aangescherpt na bijeenkomst 2: twee keer was iemand "
            "onaangekondigd afwezig."
        ),
        **{**sections, "attendance": ATTENDANCE_V2},
    )
    AgreementVersion.objects.filter(pk=v1.pk).update(
        created_at=_at(first.date, 16), updated_at=_at(second.date, 14)
    )
    after_second = second.date + timedelta(days=1)
    AgreementVersion.objects.filter(pk=v2.pk).update(
        created_at=_at(after_second, 10), updated_at=_at(after_second, 10)
    )
    AgreementConfirmation.objects.bulk_create(
        AgreementConfirmation(
            version=v1,
            user=user,
            confirmed_at=_at(second.date, 16) + timedelta(minutes=i),
        )
        for i, user in enumerate(members)
    )
    # Eight of twelve confirmed version 2: both coaches and six participants,
    # not Sanne (the demo participant) nor three others.
    confirmed_v2 = [*demo.coaches, *demo.participants[4:10]]
    AgreementConfirmation.objects.bulk_create(
        AgreementConfirmation(
            version=v2,
            user=user,
            confirmed_at=_at(after_second + timedelta(days=i % 5), 9 + i),
        )
        for i, user in enumerate(confirmed_v2)
    )


def _goals(demo: Demo) -> None:
    content = CollectiveGoal.objects.create(
        period=demo.period,
        aspect=Aspect.CONTENT,
        text=(
            "Aan het eind van de leergang werken vier opleidingen met een "
            "feedbackronde vóór elke summatieve toets, en kunnen studenten laten zien "
            "wat ze met die feedback deden."
        ),
        criteria=(
            "Vier opleidingen hebben de feedbackronde in hun toetsplan staan; in "
            "elke opleiding laten minstens tien studenten in hun portfolio zien wat "
            "ze met de feedback deden; de examencommissies kennen het ontwerp."
        ),
        updated_by=demo.coach,
    )
    CollectiveGoal.objects.create(
        period=demo.period,
        aspect=Aspect.LEARNING_YIELD,
        text=(
            "We willen weten wat docenten, studenten en managers anders gaan zien "
            "en doen als beoordelen een gesprek wordt, en wat wij als collectief "
            "leren over veranderen in een opleiding."
        ),
        criteria=(
            "We kunnen aan het eind drie dingen noemen die we anders zijn gaan doen, "
            "met een voorbeeld uit ons eigen werk, en één les over veranderen die we "
            "aan een volgende community meegeven."
        ),
        updated_by=demo.participants[7],
    )
    _validations(demo, content)
    PersonalGoal.objects.bulk_create(
        PersonalGoal(
            period=demo.period,
            owner=owner,
            text=text,
            criteria="Mijn coach en twee collega's zien het terug in mijn werk.",
            shared=shared,
        )
        for owner, (text, shared) in zip(
            demo.participants, PERSONAL_GOALS, strict=False
        )
    )


def _validations(demo: Demo, goal: CollectiveGoal) -> None:
    """The client judged the criteria halfway; an assessor's link is still open."""
    invited = _at(demo.meetings[2].date, 10)
    ExternalValidation.objects.create(
        goal=goal,
        name="Marieke Smit",
        email="m.smit@example.org",
        role=ExternalValidation.Role.CLIENT,
        show_result=False,
        nonce=secrets.token_hex(16),
        invited_by=demo.coach,
        invited_at=invited,
        expires_at=invited + timedelta(days=ExternalValidation.VALID_DAYS),
        verdict=ExternalValidation.Verdict.PARTLY,
        comment=(
            "De criteria zijn helder en toetsbaar. Voeg toe hoe studenten zelf "
            "vertellen wat de feedback hen opleverde, dan is het resultaat ook "
            "voor de examencommissies overtuigend."
        ),
        verdict_at=invited + timedelta(days=3),
    )
    ExternalValidation.objects.create(
        goal=goal,
        name="Joost Kramer",
        email="j.kramer@example.org",
        role=ExternalValidation.Role.ASSESSOR,
        nonce=secrets.token_hex(16),
        invited_by=demo.coach,
        invited_at=invited + timedelta(days=7),
        expires_at=_at(demo.today + timedelta(days=20), 12),
    )


def _hours(demo: Demo) -> None:
    held = [m for m in demo.meetings if m.date < demo.today]
    entries = []
    for index, user in enumerate(demo.participants[:7]):
        entries.append(
            TimeEntry(
                period=demo.period,
                user=user,
                date=demo.period.start_date - timedelta(days=10),
                minutes=60,
                kind=TimeKind.INTAKE,
                note="Intakegesprek met de coaches",
            )
        )
        for meeting in held:
            entries.append(
                TimeEntry(
                    period=demo.period,
                    user=user,
                    date=meeting.date - timedelta(days=2),
                    minutes=45 + 15 * (index % 3),
                    kind=TimeKind.PREPARATION,
                    note=f"Voorbereiding bijeenkomst {meeting.number}",
                )
            )
            if meeting.number >= 2:
                entries.append(
                    TimeEntry(
                        period=demo.period,
                        user=user,
                        date=meeting.date + timedelta(days=7),
                        minutes=90 + 30 * (index % 2),
                        kind=TimeKind.ASSIGNMENT,
                        note="Integratieopdracht uitgevoerd en opgeschreven",
                    )
                )
    TimeEntry.objects.bulk_create(entries)
