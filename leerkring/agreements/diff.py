"""A readable, word-level comparison of two texts (no Django here).

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


def compare(before: str, after: str) -> list[Segment]:
    """Segments that turn ``before`` into ``after``, word by word."""
    old, new = _tokens(before), _tokens(after)
    segments: list[Segment] = []
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "same", "".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _append(segments, "removed", "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _append(segments, "added", "".join(new[j1:j2]))
    return segments


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))
