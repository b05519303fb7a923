"""A readable word-level difference between two texts, for version histories."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of text that stayed (``equal``), was added or was removed."""

    op: str  # "equal" | "insert" | "delete"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` with what was removed and what was added."""
    before = _TOKENS.findall(old)
    after = _TOKENS.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(after[j1:j2])))
    return segments
