"""The demo's check-ins: a believable arc for sessions 1–3 and a live session 4.

Energy is high at the kickstart and sags as the work gets real; tension on both
tracks builds towards sessions 3–4 (the climactic episode); felt safety grows
after session 2 with one dip in session 3 (confrontation), which the coaches'
note picks up. The safety questionnaire was answered after session 2. Session 4
(today) has its check-in open with four answers so far, so the coach's live view
shows something at once. Deterministic: a fixed seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from django.utils import timezone

from leerkring.home.demo import Demo

from .models import Moment, Pulse, PulseWindow, SafetyResponse

# Per session and moment: planned group means (energy, safety, collective, own).
PLAN = {
    (1, Moment.CHECK_IN): (4.4, 3.0, 2.0, 2.4),
    (1, Moment.CHECK_OUT): (4.5, 3.5, 2.3, 2.7),
    (2, Moment.CHECK_IN): (4.0, 3.7, 2.7, 3.0),
    (2, Moment.CHECK_OUT): (4.1, 4.2, 3.0, 3.2),
    (3, Moment.CHECK_IN): (3.6, 3.4, 3.5, 3.6),
    (3, Moment.CHECK_OUT): (3.4, 3.3, 3.8, 3.9),
    (4, Moment.CHECK_IN): (3.7, 3.9, 4.0, 3.8),
}
WORDS = {
    1: ["nieuwsgierig", "benieuwd", "spannend", "open", "energiek", "nieuwsgierig"],
    2: ["vertrouwen", "veilig", "zoekend", "vertrouwen", "gehoord", "open"],
    3: ["confronterend", "schuren", "uitdaging", "spannend", "moe", "schuren"],
    4: ["gedreven", "scherp", "spannend", "benieuwd"],
}
# Who did not answer (participant index), per session and moment.
MISSING = {
    (1, Moment.CHECK_IN): {9},
    (1, Moment.CHECK_OUT): {5, 9},
    (2, Moment.CHECK_IN): {3},
    (2, Moment.CHECK_OUT): {3, 7},
    (3, Moment.CHECK_IN): {1},
    (3, Moment.CHECK_OUT): {8},
}
# Session 4's check-in so far: four participants (not Sanne, Youssef or Anouk).
LIVE_NOW = (4, 5, 6, 7)
SAFETY_ROUND_ANSWERS = [
    (2, 6, 2, 5, 3, 6, 5),
    (3, 5, 2, 5, 2, 6, 6),
    (2, 6, 1, 6, 2, 7, 6),
    (4, 5, 3, 4, 3, 5, 5),
    (2, 6, 2, 5, 2, 6, 6),
    (3, 6, 2, 5, 4, 6, 5),
    (1, 7, 1, 6, 2, 6, 6),
    (3, 5, 3, 5, 3, 5, 5),
]


def _score(rng: random.Random, planned: float, offset: float) -> int:
    return max(1, min(5, round(planned + offset + rng.gauss(0, 0.55))))


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def populate(demo: Demo) -> None:
    rng = random.Random(20260314)
    people = demo.participants
    # Some people run a little hotter or cooler than the group, consistently.
    offsets = [rng.uniform(-0.4, 0.4) for _ in people]
    for (number, moment), plan in PLAN.items():
        meeting = demo.meetings[number - 1]
        is_live = number == 4
        start = 13 if moment == Moment.CHECK_IN else 16
        window = PulseWindow.objects.create(
            meeting=meeting,
            moment=moment,
            opened_at=_at(meeting.date, start, 35),
            closed_at=None if is_live else _at(meeting.date, start, 45),
            opened_by=demo.coach,
        )
        who = (
            LIVE_NOW
            if is_live
            else [i for i in range(len(people)) if i not in MISSING[(number, moment)]]
        )
        words = WORDS[number]
        for position, index in enumerate(who):
            energy, safety, collective, own = plan
            Pulse.objects.create(
                window=window,
                user=people[index],
                energy=_score(rng, energy, offsets[index] / 2),
                safety=_score(rng, safety, offsets[index] / 2),
                collective_tension=_score(rng, collective, offsets[index]),
                personal_tension=_score(rng, own, offsets[index]),
                word=words[position % len(words)],
            )
    after = demo.meetings[1]
    for person, answers in zip(people[1:], SAFETY_ROUND_ANSWERS, strict=False):
        SafetyResponse.objects.create(
            meeting=after,
            user=person,
            **dict(zip(SafetyResponse.ITEM_FIELDS, answers, strict=True)),
        )
