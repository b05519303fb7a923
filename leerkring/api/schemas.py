"""What every API operation shares: strict input, the error body, form errors.

Input schemas derive from ``StrictInput``: an unknown field or a value of the
wrong type is refused with 422 before the operation runs. The rules of the
method (an agenda item takes 1–240 minutes, …) are the pages' own forms, run on
the same data; their messages come back as 422 too (``form_or_422``).
"""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from ninja import Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, Field


class StrictInput(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)


def text(max_length: int, *, required: bool = True) -> Any:
    """A text field as the forms take it: at most ``max_length`` characters, and
    (when required) something besides spaces; never a NUL character."""
    pattern = r"^[^\x00]*\S[^\x00]*$" if required else r"^[^\x00]*$"
    return Annotated[str, Field(max_length=max_length, pattern=pattern)]


class Error(Schema):
    """Every refusal: a readable ``detail`` (a list of problems for 422)."""

    detail: Any
    message: str | None = None


class FormRefused(HttpError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(422, "form")
        self.errors = errors


def form_or_422[F: forms.BaseForm](form: F) -> F:
    """The bound form when valid; else 422 with its translated messages."""
    if not form.is_valid():
        raise FormRefused(
            {
                field: [str(m) for m in messages]
                for field, messages in form.errors.items()
            }
        )
    return form


def refuse(message: str, status: int = 422) -> HttpError:
    return HttpError(status, message)


ERROR_RESPONSES: dict[int, str] = {
    400: "The body is not JSON.",
    401: "Not signed in, or the token is unknown, expired or revoked.",
    403: "The token's scope does not allow this (read only, other communities).",
    404: "Does not exist, or is not yours to see (the same answer).",
    409: "Someone changed it since you read it; read it again and retry.",
    422: "The input was refused: unknown fields, wrong types or a rule of the method.",
    429: "Too many requests with this token in the last minute.",
}


def declare_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the shared error answers to every operation of an OpenAPI schema."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = Error.model_json_schema()
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    str(status),
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return schema
