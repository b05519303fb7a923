"""Demo: an honours cohort of 60 students and teachers, not yet composed.

The programme lead of Hogeschool Oostland finds it under "Compose communities",
with consented diversity attributes (a few people consented to part of them,
two to none), a rule "at least one teacher per community" and five coaches with
nine places between them, so one community waits for a second coach.
"""

from __future__ import annotations

import random
from typing import Any

from leerkring.home.demo import DEMO_DOMAIN, Demo

from . import actions
from .models import DIVERSITY_ATTRIBUTES, CohortRule

FIRST = [
    "Anna", "Bram", "Chloë", "Dirk", "Emma", "Finn", "Grace", "Hamza", "Iris",
    "Jesse", "Kim", "Lars", "Maud", "Noah", "Olga", "Priya", "Quinten", "Roos",
    "Sem", "Tess", "Umut", "Vera", "Wessel", "Xander", "Yara", "Zoë", "Aylin",
    "Bas", "Cas", "Demi",
]  # fmt: skip
LAST = [
    "de Boer", "Bos", "Dekker", "van den Berg", "Hoekstra", "Kaya", "Koster",
    "Meijer", "Peeters", "Postma", "Prins", "Sahin", "Schouten", "Verbeek",
    "de Wit", "Willems", "Yıldız", "Zwart", "Brouwer", "van Leeuwen",
]  # fmt: skip
DISCIPLINES = [
    "verpleegkunde", "techniek", "economie", "social work", "ICT",
    "creative media", "rechten", "lerarenopleiding",
]  # fmt: skip
EDUCATION = ["havo", "vwo", "mbo", "hbo", "wo"]
GENDERS = ["vrouw", "man", "vrouw", "man", "non-binair"]
COHORT_NAME = "Honours 2027–2028"
SIZE = 60
TEACHERS = 12


def _rows(
    rng: random.Random, today_year: int, consent_date: str
) -> list[dict[str, Any]]:
    rows = []
    for n in range(SIZE):
        role = (
            "teacher" if n < TEACHERS else ("staff" if n < TEACHERS + 3 else "student")
        )
        age = rng.randint(28, 62) if role != "student" else rng.randint(18, 27)
        experience = (
            float(rng.randint(1, age - 22))
            if role != "student"
            else float(rng.randint(0, 3))
        )
        scope = list(DIVERSITY_ATTRIBUTES)
        if n % 17 == 5:
            scope = ["age", "discipline"]  # partial consent
        if n in (7, 41):
            scope = []  # no consent: composed by role only
        values = {
            "age": today_year - age,
            "gender": rng.choice(GENDERS),
            "education": "wo" if role == "teacher" else rng.choice(EDUCATION),
            "discipline": rng.choice(DISCIPLINES),
            "experience": experience,
        }
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        rows.append(
            {
                "name": name,
                "email": f"honours{n + 1:02d}@{DEMO_DOMAIN}",
                "role": role,
                "birth_year": values["age"] if "age" in scope else None,
                "gender": values["gender"] if "gender" in scope else "",
                "education": values["education"] if "education" in scope else "",
                "discipline": values["discipline"] if "discipline" in scope else "",
                "experience_years": values["experience"]
                if "experience" in scope
                else None,
                "custom": {},
                "consent": bool(scope),
                "consent_date": consent_date if scope else None,
                "consent_scope": scope,
            }
        )
    return rows


def populate(demo: Demo) -> None:
    rng = random.Random(2027)
    consent_date = demo.today.replace(day=1).isoformat()
    cohort = actions.save_cohort(
        organisation=demo.organisation,
        actor=demo.programme_lead,
        name=COHORT_NAME,
        rows=_rows(rng, demo.today.year, consent_date),
    )
    actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.MINIMUM,
        attribute="role",
        value="teacher",
        minimum=1,
    )
    coaches = [
        (demo.coaches[0].display_name, demo.coaches[0].email, True, 2),
        (demo.coaches[1].display_name, demo.coaches[1].email, True, 2),
        ("Eva Peters", f"eva.peters@{DEMO_DOMAIN}", False, 2),
        ("Joost van Dam", f"joost.vandam@{DEMO_DOMAIN}", True, 2),
        ("Lotte Visser", f"lotte.visser@{DEMO_DOMAIN}", False, 1),
    ]
    for name, email, experienced, capacity in coaches:
        actions.add_coach(
            cohort=cohort,
            name=name,
            email=email,
            experienced=experienced,
            capacity=capacity,
        )
