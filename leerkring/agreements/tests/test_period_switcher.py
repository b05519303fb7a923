"""Earlier periods stay readable, read-only, on the harvest, hours, agreements and
arc pages (issue 15); the current period is the default."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from leerkring.agreements.models import TimeEntry, TimeKind
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(db: None) -> dict[str, Any]:
    community = CommunityFactory()
    earlier = LearningPeriodFactory(
        community=community,
        title="Leergang van toen",
        start_date=date.today() - timedelta(days=400),
        end_date=date.today() - timedelta(days=200),
    )
    current = LearningPeriodFactory(community=community, title="Op eigen kracht")
    member = MembershipFactory(community=community).user
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    TimeEntry.objects.create(
        period=earlier,
        user=member,
        date=earlier.start_date,
        minutes=95,
        kind=TimeKind.PREPARATION,
        note="ZQtoenX",
    )
    return {
        "community": community,
        "earlier": earlier,
        "current": current,
        "member": member,
        "coach": coach,
    }


def _url(name: str, periods: dict[str, Any]) -> str:
    return reverse(name, args=[periods["community"].pk])


def test_hours_of_an_earlier_period_are_read_only(
    client: Any, periods: dict[str, Any]
) -> None:
    client.force_login(periods["member"])
    url = _url("agreements:hours", periods)
    now = client.get(url).content.decode()
    assert "ZQtoenX" not in now
    assert 'name="minutes"' in now
    then = client.get(url, {"period": periods["earlier"].pk}).content.decode()
    assert "ZQtoenX" in then
    assert "Leergang van toen" in then
    assert 'name="minutes"' not in then
    assert "hours/" not in then.split("ZQtoenX")[1].split("</tr>")[0]


def test_a_write_always_goes_to_the_current_period(
    client: Any, periods: dict[str, Any]
) -> None:
    client.force_login(periods["member"])
    url = _url("agreements:hours", periods) + f"?period={periods['earlier'].pk}"
    data = {"date": date.today().isoformat(), "minutes": "30", "kind": "preparation"}
    client.post(url, data)
    entry = TimeEntry.objects.get(minutes=30)
    assert entry.period == periods["current"]


@pytest.mark.parametrize(
    "name",
    [
        "agreements:harvest",
        "agreements:agreement-detail",
        "pulses:arc",
        "tracks:overview",
    ],
)
def test_each_page_switches_to_an_earlier_period(
    client: Any, periods: dict[str, Any], name: str
) -> None:
    client.force_login(periods["coach"])
    url = _url(name, periods)
    now = client.get(url).content.decode()
    assert 'id="period-switch"' in now
    assert "een eerdere periode" not in now
    then = client.get(url, {"period": periods["earlier"].pk})
    assert then.status_code == 200
    assert "een eerdere periode" in then.content.decode()
    other = LearningPeriodFactory()
    assert client.get(url, {"period": other.pk}).status_code == 404


def test_the_earlier_arc_chart_is_drawn_for_that_period(
    client: Any, periods: dict[str, Any]
) -> None:
    client.force_login(periods["coach"])
    page = client.get(
        _url("pulses:arc", periods), {"period": periods["earlier"].pk}
    ).content.decode()
    assert f"?period={periods['earlier'].pk}" in page
    svg = client.get(_url("pulses:arc-svg", periods), {"period": periods["earlier"].pk})
    assert svg.status_code == 200


def test_the_earlier_agreements_cannot_be_changed_or_confirmed(
    client: Any, periods: dict[str, Any]
) -> None:
    client.force_login(periods["member"])
    then = client.get(
        _url("agreements:agreement-detail", periods), {"period": periods["earlier"].pk}
    ).content.decode()
    assert _url("agreements:agreement-edit", periods) not in then
    assert _url("agreements:agreement-confirm", periods) not in then
