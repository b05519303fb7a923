"""Command line: assess JSON lines from stdin, write JSON lines to stdout.

Input lines: ``{"id": ..., "text": "...", "lang": "nl" | "en" (optional)}``. Output
lines: ``{"id", "level", "language", "evidence", "next_prompt", "model_version",
"confidence", "certainty", "summary"}`` (evidence items ``{"start", "end", "kind",
"carries"}``),
or for a line that cannot be assessed ``{"id", "error": {"code", "message"}}``. Codes
are those of `AssessmentError` plus ``"invalid_json"`` and ``"invalid_input"``. One
bad line never stops the stream. Blank lines are skipped."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any, TextIO

from .mirror import AssessmentError, assess


def _error(entry_id: Any, code: str, message: str) -> dict[str, Any]:
    return {"id": entry_id, "error": {"code": code, "message": message}}


def process_line(line: str) -> dict[str, Any]:
    """The output object for one input line."""
    try:
        request = json.loads(line)
    except ValueError as exc:
        return _error(None, "invalid_json", f"Not valid JSON: {exc}")
    if not isinstance(request, dict):
        return _error(None, "invalid_input", "Each line must be a JSON object.")
    entry_id = request.get("id")
    entry = request.get("text")
    lang = request.get("lang")
    if not isinstance(entry, str):
        return _error(entry_id, "invalid_input", "'text' must be a string.")
    if lang is not None and not isinstance(lang, str):
        return _error(entry_id, "invalid_input", "'lang' must be a string or absent.")
    try:
        result = assess(entry, lang)
    except AssessmentError as exc:
        return _error(entry_id, exc.code, exc.message)
    return {
        "id": entry_id,
        "level": result.level,
        "language": result.language,
        "evidence": [dataclasses.asdict(item) for item in result.evidence],
        "next_prompt": result.next_prompt,
        "model_version": result.model_version,
        "confidence": result.confidence,
        "certainty": result.certainty,
        "summary": result.summary,
    }


def run(source: TextIO, sink: TextIO) -> int:
    """Process every line of `source`; returns the number of error lines written."""
    errors = 0
    for line in source:
        if not line.strip():
            continue
        output = process_line(line)
        errors += "error" in output
        sink.write(json.dumps(output, ensure_ascii=False) + "\n")
        sink.flush()
    return errors


def main() -> None:
    """Entry point of ``python -m leerkring.reflection``."""
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    run(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
