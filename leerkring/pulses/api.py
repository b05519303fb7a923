"""API operation on check-in aggregates: the tension arc per session, exactly as
the arc page shows it (group figures from three people; a participant also gets
their own answers; never anyone else's)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from leerkring.communities.access import access_community

from . import charts
from .access import ARC
from .arc import MEASURES

router = Router(tags=["check-ins"])


class StatOut(Schema):
    people: int
    mean: float
    q1: float
    q3: float


class SessionPointOut(Schema):
    session: int
    phase: str | None
    people: int
    group: dict[str, StatOut | None]
    own: dict[str, float] | None


@router.get(
    "/communities/{community_id}/arc",
    response=list[SessionPointOut],
    url_name="arc",
)
def arc(request: HttpRequest, community_id: int) -> list[SessionPointOut]:
    """Per session of the current period: how many answered, and per measure the
    group's mean and quartiles (null below three people)."""
    community, membership = access_community(request.user, community_id, need=ARC)
    period = community.current_period()
    if period is None:
        return []
    viewer = request.user if membership and membership.is_participant else None
    points = charts.period_arc(period, viewer=viewer).points
    return [
        SessionPointOut(
            session=point.number,
            phase=str(point.phase) if point.phase else None,
            people=point.people,
            group={
                measure: (
                    StatOut(people=stat.n, mean=stat.mean, q1=stat.q1, q3=stat.q3)
                    if (stat := point.stats.get(measure))
                    else None
                )
                for measure in MEASURES
            },
            own=point.own,
        )
        for point in points
    ]
