"""Text preparation that never moves a character.

Everything the mirror reports is a character offset into the text the author wrote.
So the cleaning here (HTML tags, scripts, emoji, control characters) *blanks*
characters with spaces instead of deleting them: the cleaned text has exactly the
same length as the original, and a sentence found in the cleaned text has the same
offsets in the original."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from simplemma import split_sentences

_SCRIPT_OR_STYLE = re.compile(
    r"<(script|style)\b[^>]*>.*?(</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<!--.*?(-->|\Z)|</?[A-Za-z][^<>]*>", re.DOTALL)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned text with its offsets into the original text."""

    start: int
    end: int
    text: str


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def clean(text: str) -> str:
    """Return `text` with markup, emoji and control characters replaced by spaces.

    The result always has the same length as `text`.
    """
    out = _SCRIPT_OR_STYLE.sub(_blank, text)
    out = _TAG.sub(_blank, out)
    out = _ENTITY.sub(_blank, out)
    chars = []
    for ch in out:
        category = unicodedata.category(ch)
        if ch in "\n\t":
            chars.append(ch)
        elif category in ("Zl", "Zp"):
            chars.append("\n")  # line and paragraph separators
        elif category[0] in "CS" and category != "Sc":
            chars.append(" ")  # control, format, surrogate, symbols (emoji)
        else:
            chars.append(ch)
    cleaned = "".join(chars)
    assert len(cleaned) == len(text)
    return cleaned


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters only, inner apostrophes and hyphens kept)."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def sentences(cleaned: str, language: str) -> list[Sentence]:
    """Split cleaned text into sentences with offsets, using simplemma's splitter.

    simplemma returns stripped substrings in order, so each is found again from the end
    of the previous one; anything it could not place is kept as one trailing sentence.
    """
    found: list[Sentence] = []
    position = 0
    for piece in split_sentences(cleaned, lang=language):
        if not piece:
            continue
        index = cleaned.find(piece, position)
        if index < 0:
            break
        end = index + len(piece)
        if _WORD.search(piece):
            found.append(Sentence(index, end, piece))
        position = end
    rest = cleaned[position:]
    stripped = rest.strip()
    if stripped and _WORD.search(stripped):
        index = cleaned.index(stripped, position)
        found.append(Sentence(index, index + len(stripped), stripped))
    return found
