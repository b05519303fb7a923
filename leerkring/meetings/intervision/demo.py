"""The demo's intervision in the self-run community: Naima's case at the first
meeting (the group's advice and her take-away, shared with the community), and
Kees's case registered for the coming meeting, which its chair has yet to give
a format."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Membership, Sharing

from ..models import Meeting
from .models import IntervisionCase


def populate(period: LearningPeriod) -> None:
    first, second = Meeting.objects.for_period(period)[:2]
    members = {
        m.user.display_name.split()[0]: m
        for m in Membership.objects.active()
        .participants()
        .filter(community=period.community_id)
        .select_related("user")
    }
    held = timezone.make_aware(datetime.combine(first.date, first.starts_at.time()))
    IntervisionCase.objects.create(
        meeting=first,
        membership=members["Naima"],
        question="Hoe geef ik feedback aan een student die elke opmerking als "
        "afwijzing hoort?",
        context="Een tweedejaars student klapt dicht bij elk feedbackgesprek, ook "
        "als het positief begint. Ik merk dat ik zelf steeds voorzichtiger word.",
        advice="Vraag eerst wat de student zelf al ziet. Benoem wat goed gaat "
        "concreet. Spreek af hoe de student feedback het liefst krijgt: "
        "schriftelijk vooraf, dan pas het gesprek.",
        takeaway="Ik begin het volgende gesprek met de vraag wat zij zelf al ziet, "
        "en ik stuur mijn feedback een dag van tevoren.",
        takeaway_sharing=Sharing.COMMUNITY,
        takeaway_at=held + timedelta(days=1),
    )
    IntervisionCase.objects.create(
        meeting=second,
        membership=members["Kees"],
        question="Hoe krijg ik mijn sectie mee in feedback vóór het cijfer, als "
        "de helft vindt dat het extra werk is?",
        context="We hebben een handreiking geschreven; twee collega's proberen "
        "het, de anderen wachten af.",
    )
