"""A realistic honours cohort generator (students, teachers, managers, staff).

Correlations that matter for diversity: role drives age and work experience,
age drives experience, role drives educational background, discipline and
gender are correlated (engineering/ICT lean male, health/education lean
female). A few percent of every attribute is missing, as in real intake forms.
Deterministic for a seed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

ROLES = ("student", "teacher", "manager", "staff")
ROLE_SHARE = (0.55, 0.27, 0.06, 0.12)
DISCIPLINES = (
    "engineering",
    "ict",
    "health",
    "education",
    "business",
    "social work",
    "creative",
    "law",
)
# Share of women per discipline; the rest men, with ~2% non-binary overall.
FEMALE_SHARE = {
    "engineering": 0.22,
    "ict": 0.18,
    "health": 0.78,
    "education": 0.70,
    "business": 0.45,
    "social work": 0.80,
    "creative": 0.58,
    "law": 0.60,
}
DISCIPLINE_SHARE = (0.17, 0.14, 0.16, 0.12, 0.16, 0.10, 0.08, 0.07)
BACKGROUND_BY_ROLE = {
    "student": (("mbo", 0.30), ("havo", 0.50), ("vwo", 0.17), ("hbo", 0.03)),
    "teacher": (("hbo", 0.35), ("wo", 0.50), ("phd", 0.15)),
    "manager": (("hbo", 0.30), ("wo", 0.55), ("phd", 0.15)),
    "staff": (("mbo", 0.35), ("hbo", 0.45), ("wo", 0.20)),
}

NUMERIC = ["age", "experience_years"]
CATEGORICAL = ["gender", "background", "discipline", "role"]


def _pick(rng: np.random.Generator, options: Any, shares: Any) -> str:
    return str(options[int(rng.choice(len(options), p=np.asarray(shares)))])


def make_people(n: int, seed: int, missing: float = 0.04) -> list[dict[str, Any]]:
    """n people with the attributes of an honours cohort."""
    rng = np.random.default_rng(seed)
    people: list[dict[str, Any]] = []
    for i in range(n):
        role = _pick(rng, ROLES, ROLE_SHARE)
        discipline = _pick(rng, DISCIPLINES, DISCIPLINE_SHARE)
        if role == "student":
            age = float(np.clip(rng.normal(21, 2.2), 17, 40))
            experience = float(np.clip(rng.exponential(1.0), 0, age - 16))
        else:
            start = {"teacher": 30, "manager": 38, "staff": 24}[role]
            age = float(np.clip(rng.normal(start + 12, 9), start - 6, 66))
            experience = float(np.clip(age - 23 - rng.exponential(3), 0, 45))
        draw = rng.random()
        if draw < 0.02:
            gender = "x"
        elif draw < 0.02 + 0.98 * FEMALE_SHARE[discipline]:
            gender = "f"
        else:
            gender = "m"
        labels, shares = zip(*BACKGROUND_BY_ROLE[role], strict=True)
        person: dict[str, Any] = {
            "id": f"s{seed}-{i:04d}",
            "age": round(age),
            "gender": gender,
            "background": _pick(rng, labels, shares),
            "discipline": discipline,
            "experience_years": round(experience, 1),
            "role": role,
        }
        for key in ("age", "gender", "background", "experience_years", "discipline"):
            if rng.random() < missing:
                person[key] = None
        people.append(person)
    return people


def make_problem(
    n: int,
    seed: int,
    max_group_size: int = 12,
    time_budget_s: float = 0.5,
    missing: float = 0.04,
) -> dict[str, Any]:
    """A problem in the CLI contract's form, all six attributes weighted 1."""
    return {
        "people": make_people(n, seed, missing),
        "numeric": list(NUMERIC),
        "categorical": list(CATEGORICAL),
        "max_group_size": max_group_size,
        "time_budget_s": time_budget_s,
        "seed": 0,
    }


def with_rules(
    raw: dict[str, Any],
    seed: int,
    kinds: tuple[str, ...] = ("must_link", "cannot_link", "min_per_group", "fixed"),
) -> dict[str, Any]:
    """Add the benchmark's hard rules: 30 managers apart from 3 team members each
    (90 cannot-link pairs), 25 must-link pairs, at least 1 teacher and 4 students
    per community, 5 fixed placements (needs N >= 600 or so)."""
    rng = np.random.default_rng(seed)
    people = raw["people"]
    ids = [p["id"] for p in people]
    managers = [p["id"] for p in people if p["role"] == "manager"][:30]
    others = [p["id"] for p in people if p["role"] in ("teacher", "staff")]
    team_of = {
        m: [others[int(x)] for x in rng.choice(len(others), 3, replace=False)]
        for m in managers
    }
    taken = set(managers) | {x for team in team_of.values() for x in team}
    free = [pid for pid in ids if pid not in taken]
    order = [free[int(x)] for x in rng.permutation(len(free))]
    rules: dict[str, Any] = {
        "cannot_link": [[m, x] for m, team in team_of.items() for x in team],
        "must_link": [order[2 * i : 2 * i + 2] for i in range(25)],
        "min_per_group": [
            {"attribute": "role", "value": "teacher", "min": 1},
            {"attribute": "role", "value": "student", "min": 4},
        ],
        "fixed": {order[60 + i]: i for i in range(5)},
    }
    return raw | {kind: rules[kind] for kind in kinds}
