"""API operations on the journal: exactly what the pages show, to exactly whom.

The list holds the signed-in person's own entries; an entry and its assessment
are reached through the same access rules as the entry page and its mirror.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from leerkring.api.auth import community_filter, require_community

from . import markdown
from .access import access_reflection
from .models import Reflection, ReflectionAssessment

router = Router(tags=["journal"])


class ReflectionOut(Schema):
    id: int
    community_id: int
    title: str
    visibility: str
    session: int | None
    created_at: datetime
    updated_at: datetime
    version: int


class ReflectionDetailOut(ReflectionOut):
    author: str
    body: str
    body_html: str


class EvidenceOut(Schema):
    start: int
    end: int
    kind: str
    carries: bool = False  # the sentence carries the entry's level


class AssessmentOut(Schema):
    status: str  # "pending", "ok" or why the mirror could not read the text
    level: int | None = None
    language: str = ""
    evidence: list[EvidenceOut] = []
    next_prompt: str = ""
    certainty: str = ""  # "clear", "mixed" or "thin"
    summary: str = ""  # the same in words, in the entry's language
    model_version: str = ""
    created_at: datetime | None = None


def _summary(reflection: Reflection) -> dict[str, object]:
    return {
        "id": reflection.pk,
        "community_id": reflection.community_id,
        "title": reflection.title,
        "visibility": reflection.visibility,
        "session": reflection.meeting.number if reflection.meeting else None,
        "created_at": reflection.created_at,
        "updated_at": reflection.updated_at,
        "version": reflection.version,
    }


@router.get("/reflections", response=list[ReflectionOut], url_name="reflection-list")
def reflection_list(request: HttpRequest) -> list[ReflectionOut]:
    entries = Reflection.objects.filter(author_id=request.user.pk).select_related(
        "meeting"
    )
    limited = community_filter(request)
    if limited is not None:
        entries = entries.filter(community__in=limited)
    return [ReflectionOut(**_summary(entry)) for entry in entries]  # type: ignore[arg-type]


@router.get(
    "/reflections/{reflection_id}",
    response=ReflectionDetailOut,
    url_name="reflection-detail",
)
def reflection_detail(request: HttpRequest, reflection_id: int) -> ReflectionDetailOut:
    entry = access_reflection(request.user, reflection_id, need="view")
    require_community(request, entry.community_id)
    return ReflectionDetailOut(
        **_summary(entry),  # type: ignore[arg-type]
        author=entry.author.display_name,
        body=entry.body,
        body_html=str(markdown.render(entry.body)),
    )


@router.get(
    "/reflections/{reflection_id}/assessment",
    response=AssessmentOut,
    url_name="reflection-assessment",
)
def reflection_assessment(request: HttpRequest, reflection_id: int) -> AssessmentOut:
    entry = access_reflection(request.user, reflection_id, need="view_assessment")
    require_community(request, entry.community_id)
    found = ReflectionAssessment.objects.current_for(entry)
    if found is None:
        return AssessmentOut(status="pending")
    return AssessmentOut(
        status=found.outcome,
        level=found.level,
        language=found.language,
        evidence=[EvidenceOut(**item) for item in found.evidence],
        next_prompt=found.next_prompt,
        certainty=found.certainty,
        summary=found.summary,
        model_version=found.model_version,
        created_at=found.created_at,
    )
