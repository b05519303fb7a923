"""Reflection mirror: formative feedback on the depth of reflection in a journal entry.

A framework-free package (it imports nothing from Django). Levels follow Kember,
McKay, Sinclair & Wong (2008): 1 habitual action / non-reflection, 2 understanding, 3
reflection, 4 critical reflection. See docs/reflection.md and docs/reflection-
protocol.md.

    >>> from leerkring.reflection import assess
    >>> result = assess("Vandaag merkte ik dat ik ...")  # doctest: +SKIP
"""

from .mirror import (
    MAX_CHARS,
    MIN_WORDS,
    Assessment,
    AssessmentError,
    Evidence,
    assess,
    model_version,
)

__all__ = [
    "MAX_CHARS",
    "MIN_WORDS",
    "Assessment",
    "AssessmentError",
    "Evidence",
    "assess",
    "model_version",
]
