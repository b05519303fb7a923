"""Which learning period a community page shows: the period switcher.

Pages about one period of a community (tracks, harvest, arc, hours, agreements)
show the current period by default; ``?period=<id>`` shows an earlier one as it
was, read-only: the page hides its forms (``choice.is_current`` is False) and the
writes always act on the current period. A period of another community, or one
that does not exist, is a 404 like any unknown object.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from .models import Community, LearningPeriod, current_among


@dataclass(frozen=True)
class PeriodChoice:
    period: LearningPeriod | None
    current: LearningPeriod | None
    periods: list[LearningPeriod]

    @property
    def is_current(self) -> bool:
        return self.period == self.current


def choose_period(community: Community, request: HttpRequest) -> PeriodChoice:
    """The period a GET ``request`` asks for (the current one when it asks for
    none); a write always answers with the current period."""
    raw = request.GET.get("period", "") if request.method == "GET" else ""
    choice = current_choice(community)
    if not raw:
        return choice
    chosen = next((p for p in choice.periods if str(p.pk) == raw), None)
    if chosen is None:
        raise Http404
    return PeriodChoice(chosen, choice.current, choice.periods)


def current_choice(community: Community) -> PeriodChoice:
    """The current period, for the pages that answer a write (always on it)."""
    periods = list(LearningPeriod.objects.filter(community=community))
    for period in periods:
        period.community = community  # the pages read it; no query per period
    current = current_among(periods)
    return PeriodChoice(current, current, periods)
