"""The coded corpus and its one-time train/dev/test split (for training and bench)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "data" / "reflection"
SPLIT_PATH = CORPUS_DIR / "split.json"
SPLIT_SEED = 20080301  # fixed once; never changed after the split was written
FRACTIONS = {"train": 0.6, "dev": 0.2, "test": 0.2}


@dataclass(frozen=True, slots=True)
class Entry:
    """One coded journal entry."""

    id: str
    language: str
    role: str
    level: int
    text: str


def load_corpus(directory: Path = CORPUS_DIR) -> list[Entry]:
    """All entries of `corpus-*.jsonl` in `directory`, sorted by id; bad lines
    skipped."""
    entries: dict[str, Entry] = {}
    for path in sorted(directory.glob("corpus-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                entry = Entry(
                    id=str(raw["id"]),
                    language=str(raw["lang"]),
                    role=str(raw.get("role", "")),
                    level=int(raw["level"]),
                    text=str(raw["text"]),
                )
            except (ValueError, KeyError, TypeError):
                continue
            if entry.level in (1, 2, 3, 4) and entry.language in ("nl", "en"):
                entries[entry.id] = entry
    return [entries[key] for key in sorted(entries)]


def make_split(entries: list[Entry], seed: int = SPLIT_SEED) -> dict[str, list[str]]:
    """Stratified (language × level) random split into train/dev/test id lists."""
    rng = np.random.default_rng(seed)
    split: dict[str, list[str]] = {name: [] for name in FRACTIONS}
    strata: dict[tuple[str, int], list[str]] = {}
    for entry in entries:
        strata.setdefault((entry.language, entry.level), []).append(entry.id)
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        n_test = round(len(ids) * FRACTIONS["test"])
        n_dev = round(len(ids) * FRACTIONS["dev"])
        split["test"] += ids[:n_test]
        split["dev"] += ids[n_test : n_test + n_dev]
        split["train"] += ids[n_test + n_dev :]
    return {name: sorted(ids) for name, ids in split.items()}


def writer(entry_id: str) -> str:
    """The writer of an entry: its id prefix ("nl-a-017" -> "nl-a")."""
    return entry_id.rsplit("-", 1)[0]


def load_split(path: Path = SPLIT_PATH) -> dict[str, list[str]]:
    """The committed split (train/dev/test id lists)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: list(data[name]) for name in FRACTIONS}


def write_split(entries: list[Entry], path: Path = SPLIT_PATH) -> dict[str, list[str]]:
    """Create the split file; refuses to overwrite an existing one."""
    if path.exists():
        raise FileExistsError(f"{path} exists: the split is made once and never redone")
    split = make_split(entries)
    document = {
        "seed": SPLIT_SEED,
        "stratified_by": ["lang", "level"],
        "fractions": FRACTIONS,
        **split,
    }
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return split


def extend_split(
    entries: list[Entry], path: Path = SPLIT_PATH, note: str = ""
) -> dict[str, list[str]]:
    """Assign entries that are not in the split yet, leaving every earlier id where it
    is (an entry once in test stays in test, and nothing moves into train from it).

    The new entries are split by the same procedure and seed, on their own, and the
    extension is recorded with its writers, so the bench can report the new test
    entries (never read before) apart from the old ones. Returns what was added.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    known = {i for name in FRACTIONS for i in document[name]}
    new = [entry for entry in entries if entry.id not in known]
    if not new:
        return {name: [] for name in FRACTIONS}
    added = make_split(new)
    for name in FRACTIONS:
        document[name] = sorted(document[name] + added[name])
    document.setdefault("extensions", []).append(
        {
            "writers": sorted({writer(entry.id) for entry in new}),
            "added": {name: len(ids) for name, ids in added.items()},
            "note": note,
        }
    )
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return added


def extension_writers(path: Path = SPLIT_PATH) -> list[str]:
    """Writers whose entries were added to the split after it was first made."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return sorted({w for ext in document.get("extensions", []) for w in ext["writers"]})
