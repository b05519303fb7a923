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

# Longer than any sentence a journal writer means (the corpus's longest has 154
# words): a run-on without punctuation is read in pieces of this many words, so the
# encoder's memory stays bounded and evidence still points somewhere useful.
MAX_SENTENCE_WORDS = 200


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
            found.extend(_pieces(cleaned, index, end))
        position = end
    rest = cleaned[position:]
    stripped = rest.strip()
    if stripped and _WORD.search(stripped):
        index = cleaned.index(stripped, position)
        found.extend(_pieces(cleaned, index, index + len(stripped)))
    return found


def _pieces(cleaned: str, start: int, end: int) -> list[Sentence]:
    """The sentence ``cleaned[start:end]``, cut after every `MAX_SENTENCE_WORDS`
    words when it runs on longer."""
    ends = [m.end() for m in _WORD.finditer(cleaned, start, end)]
    cuts = ends[MAX_SENTENCE_WORDS - 1 : -1 : MAX_SENTENCE_WORDS]
    pieces = []
    for cut in [*cuts, end]:
        piece = cleaned[start:cut].strip()
        offset = start + len(cleaned[start:cut]) - len(cleaned[start:cut].lstrip())
        pieces.append(Sentence(offset, offset + len(piece), piece))
        start = cut
    return pieces
