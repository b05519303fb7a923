"""The demo's intakes: everyone prepared and committed; one "not yet" became "yes"."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from leerkring.communities.models import Membership

from .models import Commitment, Intake, IntakePreparation

if TYPE_CHECKING:
    from leerkring.home.demo import Demo

# (expectations, what I want to learn, concrete outcome, what I bring, constraints)
PREPARATIONS = [
    (
        "Samen met studenten en collega's uitzoeken hoe feedback echt landt.",
        "Feedback geven die studenten gebruiken, in plaats van alleen lezen.",
        "Een feedbackmoment halverwege elke stage-opdracht.",
        "Geduld, ervaring in de zorg, goed luisteren.",
        "Op dinsdag sta ik de hele dag voor de klas.",
    ),
    (
        "Als student meedenken over toetsing, niet alleen ondergaan.",
        "Mijn eigen leerproces beter sturen met feedback van medestudenten.",
        "Studenten maken samen rubrics voor een projectvak.",
        "Ik durf dingen te zeggen en denk praktisch.",
        "Tentamenweken in januari en juni.",
    ),
    (
        "Een leergang waarin we echt iets veranderen, niet alleen praten.",
        "Ruimte geven aan mijn team zonder de regie kwijt te raken.",
        "Een ICT-werkwijze die formatief toetsen makkelijker maakt.",
        "Overzicht, structuur, verbinden.",
        "Werkoverleg op donderdagmiddag.",
    ),
    (
        "Ideeën van andere opleidingen horen.",
        "Wiskundetoetsen die laten zien wat studenten begrijpen, niet alleen "
        "kunnen uitrekenen.",
        "Peerfeedback op uitwerkingen in het eerste jaar.",
        "Analytisch, nieuwsgierig.",
        "Geen.",
    ),
    (
        "Meer zicht op wat studenten nodig hebben om niet uit te vallen.",
        "Studenten helpen hun eigen voortgang te lezen.",
        "Een voortgangsgesprek op basis van feedback in plaats van cijfers.",
        "Empathie en een groot netwerk in de opleiding.",
        "Ik werk drie dagen per week.",
    ),
    (
        "Leren van docenten hoe zij naar beoordelen kijken.",
        "Feedback vragen op tijd, niet pas als het te laat is.",
        "Een korte handleiding 'feedback vragen' voor eerstejaars.",
        "Ervaring met groepswerk, creatief.",
        "Stage op maandag en woensdag.",
    ),
    (
        "Concrete stappen voor het curriculum.",
        "Veranderingen doorvoeren zonder dat het team overvraagd raakt.",
        "Een visie op toetsing die de examencommissie onderschrijft.",
        "Beleidservaring, doorzettingsvermogen.",
        "Drukke agenda; bijeenkomsten ruim vooraf plannen.",
    ),
    (
        "Onderwijskundige kennis praktisch maken.",
        "Minder zenden, meer samen ontwerpen.",
        "Een toetsplan per module met formatieve momenten.",
        "Kennis van toetsing en didactiek.",
        "Geen.",
    ),
    (
        "Juristen zijn gewend aan harde normen; ik wil iets anders proberen.",
        "Feedback geven op schrijfopdrachten die studenten verder helpt.",
        "Feedbackrondes op concept-pleitnota's.",
        "Precisie, humor.",
        "Zittingsdagen in de rechtbank één keer per maand.",
    ),
    (
        "Een plek waar studenten gelijkwaardig meedoen.",
        "Mijn creatieve werk laten beoordelen op groei, niet alleen op het "
        "eindproduct.",
        "Een portfolio-gesprek met medestudenten.",
        "Beeldend denken, energie.",
        "Honoursprogramma op vrijdag.",
    ),
]


def populate(demo: Demo) -> None:
    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(
            community=demo.community, role=Membership.Role.PARTICIPANT
        )
    }
    held_on = demo.period.start_date - timedelta(days=10)
    for index, (user, answers) in enumerate(
        zip(demo.participants, PREPARATIONS, strict=True)
    ):
        membership = memberships[user.pk]
        IntakePreparation.objects.create(
            membership=membership,
            expectations=answers[0],
            learning_wish=answers[1],
            concrete_outcome=answers[2],
            qualities=answers[3],
            constraints=answers[4],
        )
        if index == 6:  # Ingrid: not yet, then yes after a second conversation
            Intake.objects.create(
                membership=membership,
                held_on=held_on - timedelta(days=5),
                expectations_shared=True,
                commitment=Commitment.NOT_YET,
                notes="Twijfelt of ze de tijd kan vrijmaken naast haar rol als "
                "opleidingsmanager. Spreekt ook over gedrag in het collectief: "
                "vindt dat spannend. Over een week opnieuw.",
                recorded_by=demo.coaches[0],
            )
            Intake.objects.create(
                membership=membership,
                held_on=held_on,
                expectations_shared=True,
                commitment=Commitment.YES,
                notes="Heeft de dinsdagmiddagen vrijgemaakt. Wil expliciet "
                "gelijkwaardig meedoen, niet als manager.",
                recorded_by=demo.coaches[1],
            )
            continue
        Intake.objects.create(
            membership=membership,
            held_on=held_on - timedelta(days=index % 4),
            expectations_shared=True,
            commitment=Commitment.YES,
            notes=f"Gemotiveerd; eerste idee: {answers[2].lower()}",
            recorded_by=demo.coaches[index % 2],
        )
    _alumni_intakes(demo)


def _alumni_intakes(demo: Demo) -> None:
    """The alumni had their intakes before their leergang, a year ago."""
    held_on = demo.alumni_leergang.start_date - timedelta(days=10)
    Intake.objects.bulk_create(
        Intake(
            membership=membership,
            held_on=held_on,
            expectations_shared=True,
            commitment=Commitment.YES,
            recorded_by=demo.coach,
        )
        for membership in Membership.objects.filter(
            community=demo.alumni_community, role=Membership.Role.PARTICIPANT
        )
    )
