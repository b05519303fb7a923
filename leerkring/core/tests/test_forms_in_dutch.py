"""Forms in Dutch: one empty-choice label ("— kies —") everywhere, radio buttons
that start with nothing checked instead of a checked blank choice the form then
refuses, and Django's own password rules with "je"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.contrib.auth import password_validation
from django.urls import reverse
from django.utils import translation

from leerkring.accounts.models import User
from leerkring.assignments.models import IntegrationAssignment
from leerkring.core.widgets import RadioSelect
from leerkring.home.demo import DEMO_LOGINS

pytestmark = pytest.mark.django_db


class Choice(forms.Form):
    answer = forms.ChoiceField(
        choices=[("", "blank"), ("yes", "Ja"), ("no", "Nee")], widget=RadioSelect
    )


def test_radio_buttons_leave_out_the_blank_choice() -> None:
    html = str(Choice()["answer"])
    assert 'value=""' not in html
    assert "checked" not in html
    assert html.count('type="radio"') == 2
    assert not Choice({"answer": ""}).is_valid()


def test_the_report_form_checks_no_status_for_you(
    client: Any, demo_community: Any
) -> None:
    user = User.objects.get(email=DEMO_LOGINS["participant"])
    assignment = IntegrationAssignment.objects.open_for(user).first()
    assert assignment is not None
    client.force_login(user)
    page = client.get(reverse("assignments:report", args=[assignment.pk]))
    html = page.content.decode()
    statuses = re.findall(r'<input type="radio" name="status"[^>]*>', html)
    assert len(statuses) == 3
    assert not any('value=""' in s or "checked" in s for s in statuses)
    assert "Select an option" not in html


def test_selects_say_kies(client: Any, demo_community: Any) -> None:
    client.force_login(demo_community.coach)
    membership = demo_community.community.memberships.first()
    page = client.get(reverse("communities:membership-edit", args=[membership.pk]))
    assert re.search(r'<option value=""( selected)?>— kies —</option>', page.text)
    assert "Select an option" not in page.text


def test_djangos_password_rules_say_je() -> None:
    with translation.override("nl"):
        texts = password_validation.password_validators_help_texts()
    assert texts
    assert all(text.startswith("Je wachtwoord") for text in texts), texts
