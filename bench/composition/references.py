"""Best-known objectives for the production benchmark instances.

``python -m bench.composition.references`` regenerates
``bench/composition/references.json`` with long runs of the engine (40 s per
instance, engine seed 1, on the instance seeds below, which were never used
while developing the engine). They are labelled "best known", not optimal:
nothing proves them optimal, they are only the best this machine found.
"""

from __future__ import annotations

import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from leerkring.composition import compose, parse_problem

from .cohort import make_problem

PATH = Path(__file__).with_name("references.json")
INSTANCE_SEEDS = tuple(range(9101, 9121))
N, MAX_GROUP_SIZE = 600, 12
LONG_BUDGET_S = 40.0


def fingerprint(raw: dict[str, Any]) -> str:
    """A hash of the generated people, to notice when the generator changes."""
    text = json.dumps(raw["people"], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def instance(seed: int, budget_s: float = 0.5, engine_seed: int = 0) -> dict[str, Any]:
    raw = make_problem(N, seed, max_group_size=MAX_GROUP_SIZE, time_budget_s=budget_s)
    raw["seed"] = engine_seed
    return raw


def _long_run(seed: int) -> dict[str, Any]:
    raw = instance(seed, LONG_BUDGET_S, engine_seed=1)
    solution = compose(parse_problem(raw))
    return {
        "instance_seed": seed,
        "objective": solution.objective,
        "label": "best known",
        "budget_s": LONG_BUDGET_S,
        "engine_seed": 1,
        "seconds": round(solution.seconds, 1),
        "fingerprint": fingerprint(raw),
    }


def load() -> dict[int, dict[str, Any]]:
    data = json.loads(PATH.read_text())
    return {int(entry["instance_seed"]): entry for entry in data["instances"]}


def main() -> None:
    seeds = [int(x) for x in sys.argv[1:]] or list(INSTANCE_SEEDS)
    existing = load() if PATH.exists() else {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for entry in pool.map(_long_run, seeds):
            old = existing.get(entry["instance_seed"])
            if old is None or entry["objective"] > old["objective"]:
                existing[entry["instance_seed"]] = entry
            print(entry, flush=True)
    PATH.write_text(
        json.dumps(
            {
                "note": "Best known objectives (not proven optimal) for "
                f"N={N}, max group size {MAX_GROUP_SIZE}: the engine with a "
                f"{LONG_BUDGET_S:.0f} s budget and engine seed 1 (see 'seconds' for "
                "the wall time). Regenerate: python -m bench.composition.references",
                "instances": [existing[s] for s in sorted(existing)],
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
