"""The two tracks of "Samen beter beoordelen" at session 4 of 8.

The ambition sharpened over sessions 1–3 (three versions by different members), the
goal and the assignment statement were set in session 2 and 3, and the timeline
holds what happened in and between those sessions. Every participant has qualities
and pitfalls (some as a full core quadrant), a learning question that sharpened,
and a mission; some share parts with the community.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Sharing
from leerkring.home.demo import Demo

from .continuity import carry_over
from .models import (
    SDG,
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    LearningQuestionVersion,
    PersonalTrack,
    PersonSetting,
    ProgressEntry,
    QualityPitfall,
)

C, S = Sharing.COACHES, Sharing.COMMUNITY

STRATEGIC_GOAL = (
    "Instellingsplan 2025–2030 ‘Leren dat werkt’: studenten zijn eigenaar van hun "
    "leerproces en krijgen feedback die hen verder helpt."
)
GOAL = (
    "Aan het einde van deze leergang werken vier opleidingen (verpleegkunde, "
    "wiskunde, rechten en creative media) met ten minste één beoordeling waarin "
    "feedforward centraal staat, samen met studenten ontworpen."
)
# (session, author index, ambition, goal, do, result, sdgs, note)
AMBITION_VERSIONS = [
    (
        1,
        6,
        "Toetsing bij Oostland wordt iets wat studenten helpt leren, in plaats van "
        "iets wat ze afvinken.",
        "",
        "",
        "",
        [],
        "Eerste formulering uit de kennismaking.",
    ),
    (
        2,
        1,
        "In 2028 ervaren studenten en docenten van Hogeschool Oostland toetsing als "
        "een gesprek over leren: feedback komt op tijd, is concreet en wordt gebruikt.",
        GOAL,
        "in vier opleidingen één bestaande beoordeling herontwerpen tot een "
        "feedbackmoment, samen met studenten",
        "vier herontworpen beoordelingen, gebruikt in blok 3",
        [SDG.EDUCATION],
        "Concreter gemaakt en het doel voor deze periode toegevoegd.",
    ),
    (
        3,
        7,
        "In 2028 ervaren studenten en docenten van Hogeschool Oostland toetsing als "
        "een gesprek over leren: feedback komt op tijd, is concreet, wordt door "
        "studenten en docenten samen gemaakt en aantoonbaar gebruikt in het "
        "volgende werk.",
        GOAL,
        "in vier opleidingen samen met studenten één bestaande beoordeling "
        "herontwerpen tot een feedbackmoment, uitproberen en evalueren",
        "vier herontworpen beoordelingen, gebruikt in blok 3, met een korte "
        "evaluatie door studenten en docenten en een advies aan de "
        "examencommissies",
        [SDG.EDUCATION, SDG.INEQUALITY],
        "‘Samen maken’ en ‘aantoonbaar gebruikt’ toegevoegd; evaluatie en advies "
        "als resultaat.",
    ),
]
# (session, or None for in between; days after it (or after session 1); author
# index; kind; text)
PROGRESS = [
    (
        1,
        0,
        6,
        "decision",
        "We richten ons op beoordelingen binnen onze eigen "
        "opleidingen, niet op het hele toetsbeleid van de hogeschool.",
    ),
    (
        1,
        0,
        5,
        "question",
        "Hoe betrekken we studenten die niet in deze community "
        "zitten bij het herontwerp?",
    ),
    (
        None,
        1 * 21 - 12,
        0,
        "success",
        "Mijn team wil de stagebeoordeling van jaar 2 "
        "als pilot aanbieden; de stagecoördinator doet mee.",
    ),
    (
        None,
        1 * 21 - 6,
        3,
        "setback",
        "De examencommissie wiskunde wil geen wijziging "
        "in de lopende blokken; blok 3 wordt krap.",
    ),
    (
        2,
        0,
        2,
        "decision",
        "We gebruiken één gedeelde rubric-template in Teams. Anouk zet hem klaar.",
    ),
    (
        2,
        0,
        9,
        "success",
        "Twaalf honoursstudenten hebben in een korte enquête hun "
        "ervaringen met feedback gedeeld: ‘te laat en te algemeen’ komt het vaakst "
        "terug.",
    ),
    (
        None,
        2 * 21 - 14,
        8,
        "setback",
        "Het rooster van rechten laat weinig ruimte "
        "voor een extra feedbackmoment vóór de tentamenweek.",
    ),
    (
        None,
        2 * 21 - 5,
        4,
        "success",
        "De studieadviseurs willen feedbackgesprekken "
        "koppelen aan de studievoortgangsgesprekken.",
    ),
    (
        3,
        0,
        7,
        "decision",
        "Wiskunde schuift door naar blok 4 en doet mee met een "
        "kleinere opzet: één opdracht in plaats van het hele tentamen.",
    ),
    (
        3,
        0,
        1,
        "question",
        "Wat telt als ‘aantoonbaar gebruikt’? We willen vóór "
        "sessie 5 meetbare criteria voor de evaluatie.",
    ),
    (
        None,
        3 * 21 - 8,
        6,
        "success",
        "Het opleidingsmanagementoverleg heeft de "
        "pilot formeel gesteund en uren vrijgemaakt voor de evaluatie.",
    ),
]
# Per participant (in the order of home.demo.PARTICIPANTS): qualities as
# (quality, pitfall, challenge, allergy, sharing); learning question versions as
# (session, text, note); question sharing; mission; mission sharing; name consent.
PEOPLE = [
    (
        [
            ("Zorgzaam", "Betuttelend", "Loslaten", "Onverschilligheid", S),
            ("Gestructureerd", "Rigide", "", "", C),
        ],
        [
            (1, "Hoe geef ik betere feedback?", ""),
            (
                2,
                "Hoe geef ik feedback die studenten in de stage echt gebruiken?",
                "In sessie 2 merkte ik dat ‘beter’ niets zegt; het gaat om gebruik.",
            ),
            (
                3,
                "Hoe laat ik studenten in de stage zelf om feedback vragen, in plaats "
                "van dat ik die altijd aanreik?",
                "Mijn tegenkracht: ik neem het te snel over (zie mijn valkuil).",
            ),
        ],
        S,
        "Verpleegkundigen opleiden die zelf om feedback vragen, omdat ze weten dat "
        "ze daar beter van worden.",
        S,
        True,
    ),
    (
        [("Analytisch", "Afstandelijk", "Betrokkenheid", "Drammerigheid", S)],
        [
            (1, "Hoe word ik beter in presenteren?", ""),
            (
                3,
                "Hoe breng ik de stem van studenten in bij docenten zonder dat het "
                "als klagen klinkt?",
                "Presenteren bleek niet het echte punt.",
            ),
        ],
        S,
        "Een hogeschool waar studenten meedenken over onderwijs, niet alleen "
        "evalueren.",
        S,
        True,
    ),
    (
        [
            ("Daadkrachtig", "Doordrukken", "Geduld", "Passiviteit", C),
            ("Praktisch", "Kortzichtig", "", "", S),
        ],
        [
            (
                1,
                "Hoe ondersteun ik docenten met tools zonder dat de tool leidend "
                "wordt?",
                "",
            )
        ],
        C,
        "Technologie die onderwijs dient en niet andersom.",
        C,
        False,
    ),
    (
        [("Precies", "Muggenziften", "Flexibiliteit", "Slordigheid", C)],
        [
            (1, "Hoe maak ik mijn toetsen eerlijker?", ""),
            (
                2,
                "Hoe maak ik van een wiskundetoets een leermoment in plaats van "
                "een eindpunt?",
                "Eerlijk is niet het probleem; leren wel.",
            ),
        ],
        C,
        "Studenten laten ontdekken dat wiskunde een manier van denken is.",
        C,
        False,
    ),
    (
        [
            ("Luisteren", "Te lang meegaan", "Richting geven", "Bazigheid", S),
            ("Empathisch", "Grenzeloos", "", "", S),
        ],
        [
            (1, "Hoe help ik studenten sneller?", ""),
            (
                3,
                "Hoe voer ik een studievoortgangsgesprek dat studenten helpt hun "
                "eigen volgende stap te kiezen?",
                "Sneller helpen is niet helpen.",
            ),
        ],
        S,
        "Iedere student voelt zich gezien én weet wat de volgende stap is.",
        S,
        True,
    ),
    (
        [("Enthousiast", "Chaotisch", "Focus", "Saaiheid", S)],
        [(2, "Hoe maak ik mijn ervaring als student bruikbaar voor docenten?", "")],
        S,
        "Sociaal werker worden die groepen in beweging krijgt.",
        C,
        True,
    ),
    (
        [
            ("Verbindend", "Conflictvermijdend", "Confronteren", "Botheid", C),
            ("Strategisch", "Wollig", "", "", S),
        ],
        [
            (1, "Hoe breng ik deze vernieuwing in het MT?", ""),
            (
                2,
                "Hoe geef ik ruimte aan docenten om te experimenteren zonder dat ik "
                "de regie verlies?",
                "Het gaat minder om het MT dan om mijn eigen rol.",
            ),
            (
                3,
                "Wat hoef ik niet meer te regelen, zodat docenten en studenten het "
                "zelf kunnen?",
                "Na de oefening over tegenkracht in sessie 3.",
            ),
        ],
        C,
        "Een opleiding leiden waarin verbeteren vanzelfsprekend is.",
        C,
        False,
    ),
    (
        [("Nieuwsgierig", "Van de hak op de tak", "Afronden", "Kokervisie", S)],
        [(1, "Hoe zorg ik dat onderwijskundig advies ook echt wordt gebruikt?", "")],
        S,
        "Onderwijskunde die op de werkvloer gebeurt, niet in rapporten.",
        S,
        True,
    ),
    (
        [
            ("Kritisch", "Wantrouwend", "Vertrouwen", "Naïviteit", C),
            ("Helder", "Kortaf", "", "", C),
        ],
        [
            (
                1,
                "Hoe geef ik feedback op juridische teksten die niet alleen fouten "
                "aanwijst?",
                "",
            ),
            (
                3,
                "Hoe geef ik feedforward op pleitnota's binnen het krappe rooster?",
                "Het rooster dwingt tot keuzes; dat is ook een leerpunt.",
            ),
        ],
        C,
        "Juristen opleiden die hun eigen werk kritisch én met vertrouwen bekijken.",
        C,
        False,
    ),
    (
        [("Creatief", "Onrealistisch", "Haalbaarheid", "Betweterigheid", S)],
        [
            (1, "Hoe krijg ik docenten mee in nieuwe vormen?", ""),
            (
                2,
                "Hoe ontwerp ik samen met docenten een beoordeling die bij creatief "
                "werk past?",
                "Niet ‘meekrijgen’ maar samen ontwerpen.",
            ),
        ],
        S,
        "Laten zien dat creatief werk serieus beoordeeld kan worden zonder het "
        "dood te meten.",
        S,
        True,
    ),
]


def at(day: date, hour: int = 16) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def populate(demo: Demo) -> None:
    people = demo.participants
    meetings = {m.number: m for m in demo.meetings}
    track = CollectiveTrack.objects.create(period=demo.period)
    for number, (session, author, ambition, goal, do, result, sdgs, note) in enumerate(
        AMBITION_VERSIONS, start=1
    ):
        CollectiveTrackVersion.objects.create(
            track=track,
            number=number,
            ambition=ambition,
            goal=goal,
            assignment_do=do,
            assignment_result=result,
            strategic_goal=STRATEGIC_GOAL if number > 1 else "",
            sdgs=[int(s) for s in sdgs],
            note=note,
            author=people[author],
            author_name=people[author].display_name,
            created_at=at(meetings[session].date),
        )
    track.version = len(AMBITION_VERSIONS)
    track.save(update_fields=["version"])
    for in_session, days, author, kind, text in PROGRESS:
        # In-between entries count their days from session 1.
        meeting = meetings[in_session] if in_session else None
        day = meetings[in_session or 1].date + timedelta(days=days)
        ProgressEntry.objects.create(
            track=track,
            kind=kind,
            text=text,
            meeting=meeting,
            happened_on=day,
            author=people[author],
            author_name=people[author].display_name,
            created_at=at(day, 17),
        )
    for user, person in zip(people, PEOPLE, strict=True):
        qualities, versions, sharing, mission, mission_sharing, consent = person
        own = PersonalTrack.objects.create(
            period=demo.period,
            owner=user,
            mission=mission,
            mission_sharing=mission_sharing,
            mission_updated_at=at(meetings[1].date),
            created_at=at(meetings[1].date, 14),
        )
        for quality, pitfall, challenge, allergy, item_sharing in qualities:
            QualityPitfall.objects.create(
                personal_track=own,
                quality=quality,
                pitfall=pitfall,
                challenge=challenge,
                allergy=allergy,
                sharing=item_sharing,
                created_at=at(meetings[1].date, 15),
            )
        question = LearningQuestion.objects.create(
            personal_track=own, version=len(versions), sharing=sharing
        )
        for number, (session, text, note) in enumerate(versions, start=1):
            LearningQuestionVersion.objects.create(
                question=question,
                number=number,
                text=text,
                note=note,
                created_at=at(meetings[session].date),
            )
        PersonSetting.objects.create(user=user, keep_name_in_shared_history=consent)
    _alumni_two_periods(demo)


# The alumni community lived through two periods: its leergang (readable through
# the period switcher) and the self-run period it carried over into.
ALUMNI_AMBITION = (
    "Feedback die studenten vooruit helpt is in al onze opleidingen gewoon: "
    "studenten vragen erom, docenten geven het onderweg."
)
ALUMNI_GOAL = (
    "Vier teams werken met feedbackmomenten vóór de toets, en we weten wat dat "
    "studenten oplevert."
)
ALUMNI_PEOPLE = [
    (
        "Ik wil dat elke bouwkundestudent leert bouwen op kritiek.",
        ("Geduldig", "Afwachtend", "Daadkracht", "Drammerigheid"),
        "Hoe geef ik feedback op een ontwerp zonder het over te nemen?",
    ),
    (
        "Studenten moeten de weg naar hulp vinden vóór het misgaat.",
        ("Betrokken", "Alles zelf willen oplossen", "Loslaten", "Onverschilligheid"),
        "Hoe laat ik teams zelf eerder om feedback vragen?",
    ),
    (
        "Economieonderwijs dat laat zien waarom het ertoe doet.",
        ("Precies", "Perfectionisme", "Tevreden zijn met goed genoeg", "Slordigheid"),
        "Hoe maak ik feedback op tussenproducten haalbaar in grote groepen?",
    ),
]


def _alumni_two_periods(demo: Demo) -> None:
    """Tracks written in the alumni's leergang, then carried over into their
    self-run period as the period's start would have done."""
    leergang = demo.alumni_leergang
    last_session = leergang.end_date - timedelta(days=7)
    track = CollectiveTrack.objects.create(period=leergang, version=1)
    CollectiveTrackVersion.objects.create(
        track=track,
        number=1,
        ambition=ALUMNI_AMBITION,
        goal=ALUMNI_GOAL,
        assignment_do="In vier teams feedbackmomenten inbouwen vóór de toets",
        assignment_result="Een werkwijze met voorbeelden die andere teams overnemen",
        sdgs=[4],
        author=demo.alumni[0],
        author_name=demo.alumni[0].display_name,
        created_at=at(leergang.start_date + timedelta(weeks=6)),
    )
    for user, (mission, quadrant, question_text) in zip(
        demo.alumni, ALUMNI_PEOPLE, strict=False
    ):
        own = PersonalTrack.objects.create(
            period=leergang,
            owner=user,
            mission=mission,
            mission_sharing=Sharing.COMMUNITY,
            mission_updated_at=at(leergang.start_date + timedelta(weeks=3)),
        )
        quality, pitfall, challenge, allergy = quadrant
        QualityPitfall.objects.create(
            personal_track=own,
            quality=quality,
            pitfall=pitfall,
            challenge=challenge,
            allergy=allergy,
            sharing=Sharing.COMMUNITY,
        )
        question = LearningQuestion.objects.create(
            personal_track=own, version=1, sharing=Sharing.COMMUNITY
        )
        LearningQuestionVersion.objects.create(
            question=question,
            number=1,
            text=question_text,
            created_at=at(last_session - timedelta(weeks=12)),
        )
    self_run = LearningPeriod.objects.filter(
        community=demo.alumni_community, kind=LearningPeriod.Kind.SELF_RUN
    ).get()
    carry_over(self_run, demo.coach)
