"""Uploading a cohort: a preview with every problem, nothing saved before confirm."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerkring.cohorts.models import Cohort, CohortMember
from leerkring.cohorts.tests.helpers import cohort_rows, make_file, person

FORMATS = ["csv", "xlsx"]


def upload(
    client: Any, organisation: Any, filename: str, content: bytes, **fields: Any
) -> Any:
    return client.post(
        reverse("cohorts:cohort-upload", args=[organisation.pk]),
        {
            "name": "Honours 2027",
            "consent": "column",
            "file": SimpleUploadedFile(filename, content),
            **fields,
        },
    )


def confirm(client: Any, organisation: Any, response: Any, **fields: Any) -> Any:
    form = response.context["confirm"]
    return client.post(
        reverse("cohorts:cohort-upload", args=[organisation.pk]),
        {"name": form.initial["name"], "payload": form.initial["payload"], **fields},
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_good_file_is_previewed_then_saved_on_confirm(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    """The preview stores nothing; confirming stores every person."""
    name, content = make_file(cohort_rows(24), fmt)
    response = upload(lead_client, lead_role.organisation, name, content)
    assert response.status_code == 200
    checked = response.context["checked"]
    assert checked.is_valid
    assert len(checked.rows) == 24
    assert not lead_role.organisation.cohorts.exists()

    response = confirm(lead_client, lead_role.organisation, response)
    cohort = lead_role.organisation.cohorts.get()
    assert response.status_code == 302
    assert response.url == reverse("cohorts:cohort-detail", args=[cohort.pk])
    assert cohort.members.count() == 24
    member = cohort.members.get(email="persoon3@example.nl")
    assert member.role == "teacher"
    assert member.consent
    assert member.age() == person(3)["age"]
    assert member.discipline == person(3)["discipline"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_column_is_refused_with_the_closest_known_name(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    rows = [{**r, "emial": r["email"]} for r in cohort_rows(3)]
    header = ["name", "emial", "role", "consent"]
    response = upload(
        lead_client, lead_role.organisation, *make_file(rows, fmt, header)
    )
    errors = response.context["checked"].errors
    assert any("emial" in e and "email" in e for e in errors), errors
    assert "confirm" in response.context
    assert not response.context["checked"].is_valid
    assert b"Save cohort" not in response.content
    assert b"Cohort opslaan" not in (response.content)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("age", [-3, 0, 7, 150, "oud"])
def test_impossible_ages_are_shown_per_line(
    lead_client: Any, lead_role: Any, fmt: str, age: Any
) -> None:
    rows = cohort_rows(4)
    rows[2]["age"] = age
    response = upload(lead_client, lead_role.organisation, *make_file(rows, fmt))
    checked = response.context["checked"]
    bad = checked.rows_with_errors
    assert [row.number for row in bad] == [4]  # header is line 1
    assert "Leeftijd" in bad[0].errors[0] or "Age" in bad[0].errors[0]
    assert not lead_role.organisation.cohorts.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_duplicate_email_addresses_name_the_first_line(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    rows = cohort_rows(5)
    rows[4]["email"] = rows[1]["email"].upper()
    response = upload(lead_client, lead_role.organisation, *make_file(rows, fmt))
    bad = response.context["checked"].rows_with_errors
    assert [row.number for row in bad] == [6]
    assert "3" in bad[0].errors[0]
    assert "persoon1@example.nl" in bad[0].errors[0]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("field", ["name", "email", "role"])
def test_empty_required_fields_are_errors(
    lead_client: Any, lead_role: Any, fmt: str, field: str
) -> None:
    rows = cohort_rows(3)
    rows[0][field] = ""
    response = upload(lead_client, lead_role.organisation, *make_file(rows, fmt))
    bad = response.context["checked"].rows_with_errors
    assert [row.number for row in bad] == [2]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cohort.pdf", b"%PDF-1.4 not a cohort"),
        ("cohort.docx", b"PK\x03\x04 word"),
        ("cohort.csv", b"\x00\x01\x02binary\x00"),
        ("cohort.xlsx", b"PK\x03\x04 not really excel"),
    ],
)
def test_wrong_file_types_are_refused_next_to_the_field(
    lead_client: Any, lead_role: Any, name: str, content: bytes
) -> None:
    response = upload(lead_client, lead_role.organisation, name, content)
    errors = response.context["form"].errors["file"]
    assert errors
    assert "checked" not in response.context
    assert not lead_role.organisation.cohorts.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_file_is_refused(lead_client: Any, lead_role: Any, fmt: str) -> None:
    name, content = make_file([], fmt, header=[]) if fmt == "xlsx" else ("c.csv", b"")
    response = upload(lead_client, lead_role.organisation, name, content)
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_without_people_is_refused(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    name, content = make_file([], fmt, header=["name", "email", "role"])
    response = upload(lead_client, lead_role.organisation, name, content)
    assert "no people" in str(response.context["form"].errors["file"]) or "geen" in str(
        response.context["form"].errors["file"]
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_10000_row_file_is_refused_with_the_count(
    lead_client: Any, lead_role: Any, fmt: str
) -> None:
    name, content = make_file(cohort_rows(10_000), fmt)
    response = upload(lead_client, lead_role.organisation, name, content)
    error = str(response.context["form"].errors["file"])
    assert "2.000" in error or "2,000" in error
    assert not lead_role.organisation.cohorts.exists()


def test_values_without_consent_are_never_stored(
    lead_client: Any, lead_role: Any
) -> None:
    """No consent: role only; partial consent: only the attributes consented to."""
    rows = cohort_rows(3)
    rows[0]["consent"] = "no"
    rows[1]["consent"] = "age;discipline"
    response = upload(lead_client, lead_role.organisation, *make_file(rows, "csv"))
    checked = response.context["checked"]
    assert set(checked.rows[0].dropped) == {
        "age",
        "gender",
        "education",
        "discipline",
        "experience",
    }
    confirm(lead_client, lead_role.organisation, response)
    none = CohortMember.objects.get(email="persoon0@example.nl")
    partial = CohortMember.objects.get(email="persoon1@example.nl")
    assert not none.consent
    assert none.consent_date is None
    assert not none.has_diversity_data
    assert partial.consent
    assert partial.consent_scope == ["age", "discipline"]
    assert partial.birth_year
    assert partial.discipline
    assert partial.gender == ""
    assert partial.education == ""
    assert partial.experience_years is None


def test_a_tampered_preview_is_refused(lead_client: Any, lead_role: Any) -> None:
    response = upload(
        lead_client, lead_role.organisation, *make_file(cohort_rows(3), "csv")
    )
    payload = response.context["confirm"].initial["payload"]
    lead_client.post(
        reverse("cohorts:cohort-upload", args=[lead_role.organisation.pk]),
        {"name": "Honours 2027", "payload": payload[:-3] + "abc"},
    )
    assert not lead_role.organisation.cohorts.exists()


def test_custom_attributes_and_dutch_columns_are_read(
    lead_client: Any, lead_role: Any
) -> None:
    content = (
        b"naam;e-mailadres;rol;leeftijd;custom:faculteit;toestemming\n"
        b"Sanne;sanne@example.nl;docent;41;Gezondheid;ja\n"
        b"Youssef;youssef@example.nl;student;22;Techniek;ja\n"
    )
    response = upload(lead_client, lead_role.organisation, "cohort.csv", content)
    checked = response.context["checked"]
    assert checked.is_valid, checked.errors
    assert checked.custom == ["faculteit"]
    assert checked.rows[0].values["role"] == "teacher"
    assert checked.rows[0].values["custom"] == {"faculteit": "Gezondheid"}


def test_the_cohort_name_must_be_new(lead_client: Any, lead_role: Any) -> None:
    Cohort.objects.create(organisation=lead_role.organisation, name="Honours 2027")
    response = upload(
        lead_client, lead_role.organisation, *make_file(cohort_rows(3), "csv")
    )
    assert response.context["form"].errors["name"]
