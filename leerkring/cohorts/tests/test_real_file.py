"""A programme lead's own spreadsheet is accepted: own columns, the
organisation's roles, consent as a question on the form, good lines saved
after a confirmation, and a template to start from."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from leerkring.cohorts.models import CohortMember, CohortRole
from leerkring.cohorts.tests.helpers import as_csv, as_xlsx
from leerkring.cohorts.tests.test_upload import confirm, upload
from leerkring.core.models import AuditAction, AuditEvent

# The file the issue describes: Dutch headers, "werkveld", no consent column.
HEADER = ["naam", "e-mail", "rol", "vakgebied", "locatie", "gender", "werkervaring"]
PEOPLE = [
    ["Sanne de Vries", "sanne@example.nl", "docent", "zorg", "Enschede", "vrouw", "12"],
    ["Youssef Amrani", "youssef@example.nl", "student", "ICT", "Deventer", "man", "1"],
    ["Joke Bakker", "joke@werkveld.nl", "werkveld", "zorg", "Apeldoorn", "vrouw", "25"],
    ["Kees Smit", "kees@example.nl", "werkveldpartner", "techniek", "Enschede", "", ""],
]


def real_file(fmt: str, rows: list[list[str]] | None = None) -> tuple[str, bytes]:
    records = [dict(zip(HEADER, row, strict=True)) for row in rows or PEOPLE]
    if fmt == "csv":
        return "cohort.csv", as_csv(records, HEADER).replace(b",", b";")
    return "cohort.xlsx", as_xlsx(records, HEADER)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_leads_own_file_is_read_with_own_columns_and_work_field_partners(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    """Was refused three times: unknown column, unknown role, no consent column."""
    response = upload(
        lead_client, lead_role.organisation, *real_file(fmt), consent="everyone"
    )
    checked = response.context["checked"]
    assert checked.is_valid, (checked.errors, [r.errors for r in checked.rows])
    assert checked.custom == ["locatie"]
    assert [row.values["role"] for row in checked.rows] == [
        "teacher",
        "student",
        "work_field",
        "work_field",
    ]
    confirm(lead_client, lead_role.organisation, response)
    joke = CohortMember.objects.get(email="joke@werkveld.nl")
    assert joke.custom == {"locatie": "Apeldoorn"}
    assert joke.discipline == "zorg"
    assert joke.experience_years == 25
    assert joke.consent
    assert "locatie" in joke.consent_scope
    assert joke.role_label in ("Werkveldpartner", "Work-field partner")


def test_own_columns_are_offered_when_composing_but_not_ticked(
    lead_client: Any, lead_role: Any
) -> None:
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv"), consent="everyone"
    )
    confirm(lead_client, lead_role.organisation, response)
    cohort = lead_role.organisation.cohorts.get()
    page = lead_client.get(reverse("cohorts:cohort-detail", args=[cohort.pk]))
    form = page.context["compose_form"]
    assert form["use_locatie"].initial is False
    assert form["use_discipline"].initial is True
    assert "locatie" in page.content.decode()


def test_without_a_consent_answer_nothing_is_read(
    lead_client: Any, lead_role: Any
) -> None:
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv"), consent=""
    )
    assert response.context["form"].errors["consent"]
    assert "checked" not in response.context


def test_a_consent_column_is_needed_when_the_lead_says_per_person(
    lead_client: Any, lead_role: Any
) -> None:
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv"), consent="column"
    )
    errors = response.context["checked"].errors
    assert any("toestemming" in e for e in errors), errors
    assert "Cohort opslaan" not in response.content.decode()


def test_everyone_consented_cannot_overrule_a_consent_column(
    lead_client: Any, lead_role: Any
) -> None:
    content = b"naam,email,rol,leeftijd,toestemming\nAnna,a@example.nl,student,20,nee\n"
    response = upload(
        lead_client, lead_role.organisation, "c.csv", content, consent="everyone"
    )
    assert response.context["checked"].errors


def test_no_consent_keeps_only_name_email_and_role(
    lead_client: Any, lead_role: Any
) -> None:
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv"), consent="none"
    )
    confirm(lead_client, lead_role.organisation, response)
    for member in CohortMember.objects.all():
        assert not member.consent
        assert not member.has_diversity_data


def test_everyone_consented_on_a_given_date(lead_client: Any, lead_role: Any) -> None:
    response = upload(
        lead_client,
        lead_role.organisation,
        *real_file("csv"),
        consent="everyone",
        consent_date="2026-09-01",
    )
    confirm(lead_client, lead_role.organisation, response)
    assert {str(m.consent_date) for m in CohortMember.objects.all()} == {"2026-09-01"}
    event = AuditEvent.objects.get(action=AuditAction.COHORT_UPLOADED)
    assert event.detail["consent_source"] == "everyone"
    assert event.detail["with_consent"] == 4


def test_an_organisations_own_role_is_accepted_under_each_of_its_names(
    lead_client: Any, lead_role: Any
) -> None:
    lead_client.post(
        reverse("cohorts:role-list", args=[lead_role.organisation.pk]),
        {"role-name": "Lector", "role-other_names": "onderzoeker, lectoraat"},
    )
    rows = [
        ["Lies", "lies@example.nl", "onderzoeker", "", "", "", ""],
        ["Ali", "ali@example.nl", "LECTOR", "", "", "", ""],
    ]
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv", rows), consent="none"
    )
    checked = response.context["checked"]
    assert checked.is_valid, [r.errors for r in checked.rows]
    assert [row.values["role"] for row in checked.rows] == ["Lector", "Lector"]


def test_a_standard_role_name_cannot_be_taken_again(
    lead_client: Any, lead_role: Any
) -> None:
    response = lead_client.post(
        reverse("cohorts:role-list", args=[lead_role.organisation.pk]),
        {"role-name": "Docent", "role-other_names": ""},
    )
    assert response.status_code == 422
    assert not CohortRole.objects.exists()


def test_removing_an_own_role_keeps_people_who_have_it(
    lead_client: Any, lead_role: Any
) -> None:
    role = CohortRole.objects.create(organisation=lead_role.organisation, name="Lector")
    rows = [["Lies", "lies@example.nl", "lector", "", "", "", ""]] * 1
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv", rows), consent="none"
    )
    confirm(lead_client, lead_role.organisation, response)
    lead_client.post(
        reverse("cohorts:role-delete", args=[lead_role.organisation.pk, role.pk])
    )
    assert not CohortRole.objects.exists()
    assert CohortMember.objects.get().role_label == "Lector"
    again = upload(
        lead_client,
        lead_role.organisation,
        *real_file("csv", rows),
        consent="none",
        name="Nog een",
    )
    assert again.context["checked"].rows_with_errors


def test_an_unknown_role_says_where_roles_are_added(
    lead_client: Any, lead_role: Any
) -> None:
    rows = [*PEOPLE[:2], ["Piet", "piet@example.nl", "conciërge", "", "", "", ""]]
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv", rows), consent="none"
    )
    (bad,) = response.context["checked"].rows_with_errors
    assert "conciërge" in bad.errors[0]
    assert reverse("cohorts:role-list", args=[lead_role.organisation.pk]) in (
        response.content.decode()
    )


def _with_bad_lines() -> list[list[str]]:
    return [
        *PEOPLE,
        ["", "leeg@example.nl", "student", "", "", "", ""],
        ["Bob", "geen-adres", "student", "", "", "", ""],
    ]


def test_good_lines_are_saved_only_after_the_button_that_names_the_others(
    lead_client: Any, lead_role: Any
) -> None:
    response = upload(
        lead_client,
        lead_role.organisation,
        *real_file("csv", _with_bad_lines()),
        consent="everyone",
    )
    page = response.content.decode()
    assert len(response.context["checked"].rows_with_errors) == 2
    assert 'name="skip_bad"' in page
    assert "4" in re.search(r'name="skip_bad"[^>]*>([^<]*)<', page).group(1)

    refused = confirm(lead_client, lead_role.organisation, response)
    assert refused.status_code == 200
    assert not lead_role.organisation.cohorts.exists()

    saved = confirm(lead_client, lead_role.organisation, response, skip_bad="1")
    assert saved.status_code == 302
    cohort = lead_role.organisation.cohorts.get()
    assert sorted(cohort.members.values_list("email", flat=True)) == sorted(
        row[1] for row in PEOPLE
    )


def test_the_preview_has_no_duplicate_ids(lead_client: Any, lead_role: Any) -> None:
    """The upload form and the save form both have a name field."""
    response = upload(
        lead_client, lead_role.organisation, *real_file("csv"), consent="everyone"
    )
    ids = Counter(re.findall(r'\sid="([^"]+)"', response.content.decode()))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_filled_in_is_accepted(
    lead_client: Any, lead_role: Any, fmt: str, language: str
) -> None:
    lead_role.user.preferred_language = language
    lead_role.user.save()
    with translation.override(language):
        response = lead_client.get(
            reverse("cohorts:cohort-template", args=[lead_role.organisation.pk, fmt])
        )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    person = ["Anna", "anna@example.nl", "student", "21", "vrouw", "hbo", "ICT", "0"]
    if fmt == "csv":
        content = response.content + ";".join([*person, "ja"]).encode() + b"\r\n"
    else:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        book.worksheets[0].append([*person, "ja"])
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    checked = upload(
        lead_client, lead_role.organisation, f"t.{fmt}", content, consent="column"
    ).context["checked"]
    assert checked.is_valid, (checked.errors, [r.errors for r in checked.rows])
    assert checked.custom == []
    assert checked.rows[0].values["discipline"] == "ICT"
    assert checked.rows[0].values["consent"]
