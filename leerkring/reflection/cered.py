"""The CEReD file: real reflective diary sentences annotated by people (training and
bench only).

Štefánik & Nehyba (2021), Czech-English Reflective Dataset, English part, a subset
(Apache-2.0); see ``/work/shared/data/cered/README.md`` or `CERED_PATH`. Each row is a
sentence from a student teacher's diary with its surrounding `context` (a few
sentences of the same diary), the category two annotators agreed on (Ullmann 2019)
and `cluster`, which approximates the writer: cross-validation splits by it, never by
sentence, because neighbouring sentences of one diary would leak."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .corpus import REPO_ROOT


def _default_path() -> Path:
    """``$LEERKRING_CERED``, else ``shared/data/cered/cered_en.jsonl`` beside the
    checkout (``../shared`` from the main checkout, ``../../shared`` from a worktree
    under ``wt/``)."""
    if "LEERKRING_CERED" in os.environ:
        return Path(os.environ["LEERKRING_CERED"])
    candidates = [
        base / "shared" / "data" / "cered" / "cered_en.jsonl"
        for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent)
    ]
    return next((c for c in candidates if c.exists()), candidates[0])


CERED_PATH = _default_path()

# Ullmann's categories as the mirror's evidence kinds ("other": no evidence).
CATEGORY_KIND = {
    "Other": "other",
    "Experience": "description",
    "Feeling": "feeling",
    "Difficulty": "difficulty",
    "Belief": "belief",
    "Reflection": "reason",
    "Perspective": "perspective",
    "Learning": "learning",
    "Intention": "future_action",
}
# Passages whose annotated sentence reflects, against passages that only describe.
REFLECTIVE_CATEGORIES = ("Reflection", "Perspective", "Learning")
DESCRIPTIVE_CATEGORY = "Experience"


@dataclass(frozen=True, slots=True)
class Row:
    """One annotated sentence with its passage."""

    sentence: str
    context: str
    category: str
    cluster: str

    @property
    def kind(self) -> str:
        """The mirror's evidence kind for the annotated category."""
        return CATEGORY_KIND[self.category]


def load(path: Path = CERED_PATH) -> list[Row]:
    """All rows of the file, in file order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        rows.append(
            Row(
                sentence=str(raw["sentence"]).strip(),
                context=str(raw["context"]).strip().strip('"').replace('""', '"'),
                category=str(raw["y"]),
                cluster=str(raw["cluster"]),
            )
        )
    return rows


def available(path: Path = CERED_PATH) -> bool:
    """Whether the CEReD file is present on this machine."""
    return path.exists()
