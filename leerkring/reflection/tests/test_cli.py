"""`python -m leerkring.reflection`: JSON lines in and out, bad lines isolated."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import DUTCH_ENTRY, ENGLISH_ENTRY


def _run(stdin: str) -> list[dict[str, object]]:
    completed = subprocess.run(
        [sys.executable, "-m", "leerkring.reflection"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    return [json.loads(line) for line in completed.stdout.splitlines()]


def test_cli_streams_results_and_errors() -> None:
    """One output line per input line, in order; bad lines yield error objects."""
    lines = [
        json.dumps({"id": "a", "text": DUTCH_ENTRY}),
        "this is not json",
        json.dumps({"id": "b", "text": ENGLISH_ENTRY, "lang": "en"}),
        json.dumps({"id": 3, "text": "kort"}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "e", "text": ENGLISH_ENTRY, "lang": "fr"}),
    ]
    out = _run("\n".join(lines) + "\n")
    assert len(out) == 7
    first, bad_json, second, short, not_text, not_object, french = out
    assert set(first) >= {
        "id",
        "level",
        "language",
        "evidence",
        "next_prompt",
        "confidence",
        "certainty",
        "summary",
    }
    assert first["id"] == "a"
    assert first["language"] == "nl"
    assert second["language"] == "en"
    assert isinstance(first["evidence"], list)
    for item in first["evidence"]:
        assert isinstance(item, dict)
        assert set(item) == {"start", "end", "kind", "carries"}
    assert bad_json["error"]["code"] == "invalid_json"  # type: ignore[index]
    assert short == {
        "id": 3,
        "error": {"code": "too_short", "message": short["error"]["message"]},  # type: ignore[index]
    }
    assert not_text["error"]["code"] == "invalid_input"  # type: ignore[index]
    assert not_object["error"]["code"] == "invalid_input"  # type: ignore[index]
    assert french["error"]["code"] == "unsupported_language"  # type: ignore[index]
