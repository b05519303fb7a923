"""API operations on the coaches' exports: the same datasets as the export
page (collective data only, group figures from three answers), audited alike."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from leerkring.communities.access import access_community

from . import exports
from .views import _audit_export, _period

router = Router(tags=["exports"])

Dataset = Literal[
    "sessions", "collective-track", "progress", "agreements", "yields", "check-ins"
]


class ExportOut(Schema):
    community: str
    period: str
    dataset: str
    rows: list[dict[str, Any]]


@router.get(
    "/communities/{community_id}/periods/{period_id}/exports/{dataset}",
    response=ExportOut,
    url_name="export",
)
def export(
    request: HttpRequest, community_id: int, period_id: int, dataset: Dataset
) -> ExportOut:
    """One dataset of one learning period (the community's coaches)."""
    community, _membership = access_community(
        request.user, community_id, need="reports.export"
    )
    period = _period(community, period_id)
    rows = exports.DATASETS[dataset][1](period, request.user)
    _audit_export(request, period, dataset, "api")  # type: ignore[arg-type]
    return ExportOut(
        community=community.name, period=str(period), dataset=dataset, rows=rows
    )
