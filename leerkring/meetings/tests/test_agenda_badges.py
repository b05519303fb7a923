"""An agenda item's kind shows as a badge only where its title does not say it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.home.demo import DEMO_LOGINS
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import AgendaItem


def test_a_title_that_names_its_kind_gets_no_badge() -> None:
    assert AgendaItem(title="Check-in", kind=ItemKind.CHECK_IN).kind_badge == ""
    assert AgendaItem(title=" check-in ", kind=ItemKind.CHECK_IN).kind_badge == ""
    assert (
        AgendaItem(title="Ronde: hoe zit je erbij?", kind=ItemKind.CHECK_IN).kind_badge
        == "Check-in"
    )


@pytest.mark.django_db
def test_the_demo_session_page_has_no_doubled_badge(
    client: Any, demo_community: Any
) -> None:
    client.force_login(User.objects.get(email=DEMO_LOGINS["participant"]))
    meeting = demo_community.meetings[3]
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    html = page.content.decode()
    assert '<span class="agenda-title">Check-in</span>' in html
    assert '<span class="badge badge-kind">Check-in</span>' not in html
