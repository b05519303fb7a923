"""The demo's answers: the alumni community ("Feedback in de praktijk") was asked at
the end of its leergang. Bram said yes, Kees no, Naima "maybe later" — and since
the self-run period has begun, she is asked again; Lin said yes two weeks ago;
Sophie and Ruud have not answered yet (it is on their to-do list). The community
mid-leergang is at session 4: nobody there is asked yet."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from leerkring.communities.models import Membership
from leerkring.home.demo import Demo

from .models import Answer, CoachingInterest

# (alumnus's place in ``demo.alumni``, answer, note, answered on the leergang's
# last day (None) or this many days ago)
ANSWERS = [
    (
        0,
        Answer.YES,
        "Ik heb drie jaar een intervisiegroep van docenten begeleid. Op "
        "donderdagmiddag kan ik vrijmaken.",
        None,
    ),
    (1, Answer.MAYBE, "Na de reorganisatie van studentzaken heb ik meer ruimte.", None),
    (2, Answer.NO, "", None),
    (
        5,
        Answer.YES,
        "Graag samen met een ervaren coach; liefst een studentengroep.",
        14,
    ),
]


def populate(demo: Demo) -> None:
    last_day = demo.alumni_leergang.end_date
    for index, answer, note, days_ago in ANSWERS:
        day = last_day if days_ago is None else demo.today - timedelta(days=days_ago)
        membership = Membership.objects.get(
            community=demo.alumni_community, user=demo.alumni[index]
        )
        CoachingInterest.objects.create(
            membership=membership,
            answer=answer,
            note=note,
            answered_at=timezone.make_aware(datetime.combine(day, time(16, 30))),
        )
