"""Integration assignments of "Samen beter beoordelen" from sessions 1–3.

Those from sessions 1 and 2 are reported (done, partly, not); Pieter's unfinished
one from session 2 was carried over in session 3. Of those due today (session 4)
some are reported already. A few are shared with the community; one from session 1
was the group's.
"""

from __future__ import annotations

from datetime import timedelta

from leerkring.communities.models import Sharing
from leerkring.home.demo import Demo
from leerkring.tracks.demo import at
from leerkring.tracks.models import LearningQuestion

from .models import AssignmentReport, IntegrationAssignment

C, S = Sharing.COACHES, Sharing.COMMUNITY
DONE, PARTLY, NOT = (
    AssignmentReport.Status.DONE,
    AssignmentReport.Status.PARTLY,
    AssignmentReport.Status.NOT,
)

# (session formulated, participant index, what, situation, linked to the question,
# sharing, report as (status, did, happened, learned) or None)
ASSIGNMENTS = [
    (
        1,
        0,
        "Vraag twee stagiairs na elk stagebezoek op welke feedback ze zitten te "
        "wachten.",
        "Stagebezoeken jaar 2, week 2 en 3.",
        True,
        S,
        (
            DONE,
            "Na vier bezoeken telkens gevraagd: ‘Waar wil je feedback op?’",
            "Ze vroegen vooral om voorbeelden van hoe het beter kan.",
            "Ik gaf te veel algemene tips; één concreet voorbeeld werkt beter dan vijf "
            "adviezen.",
        ),
    ),
    (
        1,
        3,
        "Laat studenten bij één opdracht eerst elkaars uitwerking becommentariëren.",
        "Werkcollege analyse, klas 1B.",
        True,
        C,
        (
            PARTLY,
            "Peer-feedback gedaan bij opdracht 2, alleen in de helft van de groep.",
            "De tijd was op voordat iedereen aan de beurt was.",
            "Ik moet de peer-feedback inplannen, niet ‘als er tijd over is’.",
        ),
    ),
    (
        1,
        6,
        "Bespreek de pilot in het MT en vraag om steun en uren.",
        "MT-overleg van 14 oktober.",
        False,
        C,
        (
            DONE,
            "De pilot in tien minuten toegelicht met de ambitie als kapstok.",
            "Steun, maar de vraag ‘wat levert het op?’ kwam meteen.",
            "Ik wilde alles al afgedekt hebben; de open vraag gaf juist ruimte.",
        ),
    ),
    (
        1,
        9,
        "Interview drie docenten over hoe zij creatief werk beoordelen.",
        "Docenten van de minor Creative Media.",
        True,
        S,
        (
            DONE,
            "Drie interviews van een half uur.",
            "Iedere docent gebruikt een eigen, impliciete maatstaf.",
            "Samen ontwerpen begint met die maatstaven zichtbaar maken.",
        ),
    ),
    (
        2,
        0,
        "Begin elk stagegesprek met de vraag ‘Waar wil je vandaag feedback op?’",
        "Stagegesprekken jaar 2.",
        True,
        S,
        (
            DONE,
            "Bij zes gesprekken zo begonnen.",
            "Twee studenten hadden meteen een vraag, vier keken me afwachtend aan.",
            "Studenten moeten leren om feedback te vragen; ik kan dat voordoen "
            "in plaats "
            "van het over te nemen.",
        ),
    ),
    (
        2,
        3,
        "Herschrijf opdracht 3 tot een leermoment met een feedbackronde.",
        "Tentamenvoorbereiding analyse, blok 3.",
        True,
        C,
        (
            NOT,
            "Niet aan toegekomen.",
            "De examencommissie vroeg eerst een onderbouwing.",
            "Ik heb de onderbouwing onderschat; die is zelf al een stap.",
        ),
    ),
    (
        2,
        8,
        "Geef bij twee pleitnota's alleen feedforward: wat moet de volgende "
        "versie anders?",
        "Vaardighedenonderwijs procesrecht.",
        True,
        C,
        (
            PARTLY,
            "Bij één pleitnota gedaan.",
            "De student vroeg om de ‘gewone’ correcties erbij.",
            "Feedforward vraagt uitleg vooraf; anders voelt het als minder.",
        ),
    ),
    (
        2,
        2,
        "Zet de gedeelde rubric-template klaar en test hem met twee docenten.",
        "Teams-omgeving van de community.",
        False,
        S,
        (
            DONE,
            "Template gemaakt en met Pieter en Fatima getest.",
            "Beide pasten hem meteen aan hun vak aan.",
            "Een template moet ruimte laten; ik wilde hem eerst dichttimmeren.",
        ),
    ),
    (
        2,
        4,
        "Begin drie studievoortgangsgesprekken met ‘Wat wil je bereiken?’",
        "Spreekuur studieadvies.",
        True,
        C,
        (
            DONE,
            "Drie gesprekken zo geopend.",
            "De gesprekken duurden korter en eindigden met een eigen plan.",
            "Minder helpen levert meer op.",
        ),
    ),
    (
        3,
        0,
        "Laat studenten in de stage zelf een feedbackvraag formuleren voordat ik "
        "langskom.",
        "Stagebezoeken jaar 2, blok 3.",
        True,
        S,
        (
            PARTLY,
            "Vier studenten gevraagd; drie stuurden een vraag.",
            "De vragen waren nog algemeen (‘hoe doe ik het?’).",
            "Ik ga een voorbeeldvraag meegeven, zonder hem voor ze in te vullen.",
        ),
    ),
    (
        3,
        7,
        "Schrijf met Youssef een voorstel voor meetbare criteria voor "
        "‘aantoonbaar gebruikt’.",
        "Werkgroep evaluatie.",
        False,
        S,
        (
            DONE,
            "Voorstel van één pagina met drie criteria.",
            "Youssef bracht de studentkant in, ik de onderzoekskant.",
            "Samen schrijven ging sneller dan ik dacht als we eerst de vraag scherp "
            "hadden.",
        ),
    ),
    (
        3,
        5,
        "Presenteer de enquêteresultaten in het docententeam social work.",
        "Teamoverleg social work.",
        True,
        C,
        None,
    ),
    (
        3,
        6,
        "Delegeer de planning van de evaluatie aan twee docenten.",
        "Opleidingsteam verpleegkunde.",
        True,
        C,
        (
            DONE,
            "Planning overgedragen aan Sanne en een collega.",
            "Het ging goed; ik moest me inhouden om niet mee te plannen.",
            "Loslaten is een handeling, geen gebrek aan betrokkenheid.",
        ),
    ),
    (
        3,
        1,
        "Verzamel drie voorbeelden van goede feedback bij medestudenten van TBK.",
        "Projectgroep jaar 3.",
        True,
        C,
        None,
    ),
]
GROUP = (
    1,
    "Vraag drie studenten buiten de community hoe zij feedback ervaren en neem hun "
    "antwoorden mee naar sessie 2.",
    "Je eigen opleiding of team.",
)
# (participant index, status, did, happened, learned, sharing)
GROUP_REPORTS = [
    (
        5,
        DONE,
        "Drie medestudenten gesproken.",
        "Alle drie: ‘feedback komt pas als het cijfer er al is’.",
        "Het moment is belangrijker dan de vorm.",
        S,
    ),
    (
        1,
        DONE,
        "Drie korte interviews in de kantine.",
        "Ze wilden vooral weten wat ze de volgende keer anders moeten doen.",
        "Feedforward is wat studenten eigenlijk vragen.",
        S,
    ),
    (
        4,
        PARTLY,
        "Twee studenten gesproken.",
        "Een student vond feedback vooral spannend.",
        "Veiligheid gaat vooraf aan feedback.",
        C,
    ),
]


def populate(demo: Demo) -> None:
    people = demo.participants
    meetings = {m.number: m for m in demo.meetings}
    questions = {
        q.personal_track.owner_id: q
        for q in LearningQuestion.objects.filter(
            personal_track__period=demo.period
        ).select_related("personal_track")
    }
    carried = None
    for session, who, what, situation, linked, sharing, report in ASSIGNMENTS:
        owner = people[who]
        due = meetings[session + 1]
        assignment = IntegrationAssignment.objects.create(
            period=demo.period,
            meeting=meetings[session],
            due_meeting=due,
            due_date=due.date,
            owner=owner,
            created_by=owner,
            what=what,
            practice_situation=situation,
            learning_question=questions.get(owner.pk) if linked else None,
            serves_collective_goal=True,
            sharing=sharing,
            created_at=at(meetings[session].date, 17),
        )
        if report is not None:
            status, did, happened, learned = report
            AssignmentReport.objects.create(
                assignment=assignment,
                author=owner,
                did=did,
                happened=happened,
                learned=learned,
                status=status,
                sharing=sharing,
                created_at=at(due.date - timedelta(days=1), 20),
            )
            if status == NOT and session == 2:
                carried = assignment
    if carried is not None:
        following = meetings[4]
        IntegrationAssignment.objects.create(
            period=demo.period,
            meeting=meetings[3],
            due_meeting=following,
            due_date=following.date,
            owner=carried.owner,
            created_by=demo.coach,
            what=carried.what,
            practice_situation=carried.practice_situation,
            learning_question=carried.learning_question,
            serves_collective_goal=True,
            sharing=carried.sharing,
            carried_from=carried,
            created_at=at(meetings[3].date, 17),
        )
    session, what, situation = GROUP
    group = IntegrationAssignment.objects.create(
        period=demo.period,
        meeting=meetings[session],
        due_meeting=meetings[session + 1],
        due_date=meetings[session + 1].date,
        owner=None,
        created_by=demo.coach,
        what=what,
        practice_situation=situation,
        serves_collective_goal=True,
        sharing=S,
        created_at=at(meetings[session].date, 17),
    )
    for who, status, did, happened, learned, sharing in GROUP_REPORTS:
        AssignmentReport.objects.create(
            assignment=group,
            author=people[who],
            did=did,
            happened=happened,
            learned=learned,
            status=status,
            sharing=sharing,
        )
