"""The coded corpus and its split: made once, extended without moving anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leerkring.reflection.corpus import (
    Entry,
    extend_split,
    extension_writers,
    load_corpus,
    load_split,
    write_split,
)


def entries(prefix: str, per_level: int) -> list[Entry]:
    return [
        Entry(f"{prefix}-{level}{i:02d}", prefix[:2], "teacher", level, "tekst")
        for level in (1, 2, 3, 4)
        for i in range(per_level)
    ]


def test_the_split_is_made_once(tmp_path: Path) -> None:
    path = tmp_path / "split.json"
    write_split(entries("nl-a", 10), path)
    with pytest.raises(FileExistsError):
        write_split(entries("nl-a", 10), path)


def test_extending_adds_new_writers_and_moves_no_earlier_entry(tmp_path: Path) -> None:
    path = tmp_path / "split.json"
    first = write_split(entries("nl-a", 10), path)
    added = extend_split(entries("nl-a", 10) + entries("nl-c", 10), path, note="new")
    after = load_split(path)
    for name, ids in first.items():
        assert set(ids) <= set(after[name])
    assert {i.rsplit("-", 1)[0] for ids in added.values() for i in ids} == {"nl-c"}
    assert [len(added[name]) for name in ("train", "dev", "test")] == [24, 8, 8]
    assert extension_writers(path) == ["nl-c"]
    assert json.loads(path.read_text())["extensions"][0]["note"] == "new"
    # Nothing new: nothing changes.
    before = path.read_text()
    assert not any(extend_split(entries("nl-c", 10), path).values())
    assert path.read_text() == before


def test_the_committed_split_covers_the_corpus_without_overlap() -> None:
    split = load_split()
    train, dev, test = (set(split[name]) for name in ("train", "dev", "test"))
    assert not train & dev
    assert not train & test
    assert not dev & test
    assert {entry.id for entry in load_corpus()} == train | dev | test
