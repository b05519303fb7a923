"""A readable, word-level comparison of two texts, for every version history.

No Django here.

``compare("We komen 8 keer", "We komen 9 keer")`` gives the segments
``[("same", "We komen "), ("removed", "8 "), ("added", "9 "), ("same", "keer")]``,
which a template shows with ``<del>`` and ``<ins>``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["same", "removed", "added"]
Segment = tuple[Op, str]

# A word with the white space after it, so that a lone space never counts as
# "the same" between two changed words.
_TOKENS = re.compile(r"\s+|\S+\s*")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


# A run of fewer same words than this between two changes is shown as part of
# the change: "de" matching "de" in two rewritten sentences helps nobody read.
MIN_SAME_RUN = 3


def compare(before: str, after: str) -> list[Segment]:
    """Segments that turn ``before`` into ``after``, word by word."""
    old, new = _tokens(before), _tokens(after)
    runs: list[tuple[bool, str, str]] = []  # (same?, old text, new text)
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        same = tag == "equal"
        between_changes = 0 < index < len(opcodes) - 1
        if same and between_changes and i2 - i1 < MIN_SAME_RUN:
            same = False
        old_text, new_text = "".join(old[i1:i2]), "".join(new[j1:j2])
        if runs and not same and not runs[-1][0]:
            _same, prev_old, prev_new = runs.pop()
            old_text, new_text = prev_old + old_text, prev_new + new_text
        runs.append((same, old_text, new_text))
    segments: list[Segment] = []
    for same, old_text, new_text in runs:
        if same:
            _append(segments, "same", old_text)
        else:
            _append(segments, "removed", old_text)
            _append(segments, "added", new_text)
    return segments


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))
