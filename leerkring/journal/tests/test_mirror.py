"""The reflection mirror in the app: a background task after save, stored with
its model version, shown as a path and a question, never a crash on bad input."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from leerkring.journal import actions
from leerkring.journal.models import (
    MAX_BODY_CHARS,
    JournalSetting,
    ReflectionAssessment,
    Visibility,
)
from leerkring.journal.presentation import problem
from leerkring.journal.tasks import assess_reflection
from leerkring.journal.tests.factories import (
    LEVEL_3_TEXT,
    AssessmentFactory,
    ReflectionFactory,
)
from leerkring.reflection import MAX_CHARS, model_version

pytestmark = pytest.mark.django_db


def write(client: Any, body: str, language: str = "nl") -> Any:
    entry = ReflectionFactory()
    entry.author.preferred_language = language
    entry.author.save()
    client.force_login(entry.author)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("journal:reflection-create", args=[entry.community_id]),
            {"title": "Proef", "body": body, "visibility": "private"},
        )
    return response


def saved_and_assessed(
    client: Any, body: str, language: str = "nl"
) -> tuple[Any, ReflectionAssessment]:
    response = write(client, body, language)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response.url)
    return page, ReflectionAssessment.objects.get(reflection=page.context["reflection"])


def test_save_runs_the_mirror_after_commit_and_stores_its_model_version(
    client: Any,
) -> None:
    page, assessment = saved_and_assessed(client, LEVEL_3_TEXT)
    assert assessment.is_ok
    assert assessment.model_version == model_version()
    assert assessment.language == "nl"
    assert assessment.next_prompt
    assert all(
        0 <= e["start"] < e["end"] <= len(LEVEL_3_TEXT) for e in assessment.evidence
    )
    html = page.content.decode()
    assert assessment.next_prompt in html
    assert 'class="evidence' in html
    assert "hx-trigger" not in html.split('id="mirror"')[1].split(">")[0]


def test_the_page_shows_how_sure_the_mirror_is_and_what_carries_the_step(
    client: Any,
) -> None:
    """The mirror's summary (in the entry's language) and the sentences that carry
    the level are shown; the stored evidence says which sentences carry it."""
    page, assessment = saved_and_assessed(client, LEVEL_3_TEXT)
    assert assessment.certainty in {"clear", "mixed", "thin"}
    assert assessment.summary
    carrying = [e for e in assessment.evidence if e["carries"]]
    assert carrying or assessment.level == 1
    html = page.content.decode()
    assert escape(assessment.summary) in html
    if carrying:
        assert "evidence-carries" in html
        assert "draagt deze stap" in html


def test_the_save_itself_does_not_wait_for_the_mirror(client: Any) -> None:
    """Without running the on-commit callbacks no assessment exists yet: the page
    polls for it."""
    entry = ReflectionFactory()
    client.force_login(entry.author)
    client.post(
        reverse("journal:reflection-create", args=[entry.community_id]),
        {"title": "Snel", "body": LEVEL_3_TEXT, "visibility": "private"},
    )
    new = entry.author.reflections.get(title="Snel")
    assert not ReflectionAssessment.objects.filter(reflection=new).exists()
    partial = client.get(
        reverse("journal:reflection-mirror", args=[new.pk]),
        headers={"HX-Request": "true"},
    )
    assert 'hx-trigger="every 2s"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_with_the_mirror_switched_off_nothing_is_assessed_or_shown(client: Any) -> None:
    entry = ReflectionFactory()
    JournalSetting.objects.create(user=entry.author, mirror_enabled=False)
    client.force_login(entry.author)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("journal:reflection-create", args=[entry.community_id]),
            {"title": "Uit", "body": LEVEL_3_TEXT, "visibility": "private"},
        )
    mine = ReflectionAssessment.objects.filter(reflection__author=entry.author)
    assert not mine.exists()
    page = client.get(response.url)
    assert page.context["show_mirror"] is False
    assert 'id="mirror"' not in page.content.decode()
    assess_reflection.call(page.context["reflection"].pk, 1)  # a queued one too
    assert not mine.exists()


def test_an_outdated_task_does_not_assess_a_newer_text() -> None:
    entry = ReflectionFactory(version=2)
    assess_reflection.call(entry.pk, 1)
    assert not ReflectionAssessment.objects.filter(reflection=entry).exists()


def test_rewriting_the_text_asks_the_mirror_again(client: Any) -> None:
    entry = ReflectionFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.edit_reflection(
            reflection=entry,
            author=entry.author,
            version=1,
            title=entry.title,
            body=LEVEL_3_TEXT + " Ik ben benieuwd wat mijn collega's ervan vinden.",
            meeting=None,
            visibility=Visibility.PRIVATE,
        )
    entry.refresh_from_db()
    assert entry.version == 2
    assert ReflectionAssessment.objects.current_for(entry) is not None


@pytest.mark.parametrize(
    ("body", "outcome", "message"),
    [
        ("Reflectie", "too_short", "too short"),
        ("🙂🙂🙂 🎉🎉", "empty", "no text for the mirror"),
        ("<p></p> <br> **  **", "empty", "no text for the mirror"),
        (
            "Heute habe ich mit meinen Kollegen über die Prüfung gesprochen und "
            "wir waren uns nicht einig über die Bewertung der Arbeiten.",
            "unsupported_language",
            "reads Dutch and English",
        ),
    ],
    ids=["one-word", "emoji-only", "markup-only", "german"],
)
def test_bad_input_gets_a_clear_answer_and_never_a_crash(
    client: Any, body: str, outcome: str, message: str
) -> None:
    page, assessment = saved_and_assessed(client, body, language="en")
    assert assessment.outcome == outcome
    assert assessment.level is None
    assert message in page.content.decode().replace("\n", " ")
    assert page.context["reflection"].body == body  # saved in full, as written


def test_empty_text_is_refused_next_to_the_field(client: Any) -> None:
    response = write(client, "   \n  ")
    assert response.status_code == 200
    assert response.context["form"].errors["body"]


def test_fifty_thousand_characters_is_the_most_an_entry_holds(client: Any) -> None:
    response = write(client, "a" * 50_001)
    assert response.status_code == 200
    assert response.context["form"].errors["body"]


def test_the_longest_entry_gets_a_mirror_too(client: Any) -> None:
    """Every entry the journal holds is short enough for the mirror to read."""
    assert MAX_BODY_CHARS <= MAX_CHARS
    body = ((LEVEL_3_TEXT + "\n\n") * (MAX_BODY_CHARS // len(LEVEL_3_TEXT) + 1))[
        :MAX_BODY_CHARS
    ]
    page, assessment = saved_and_assessed(client, body)
    assert assessment.is_ok
    assert assessment.level in {1, 2, 3, 4}
    assert assessment.next_prompt in page.content.decode()


def test_a_text_beyond_the_mirror_is_explained_not_failed() -> None:
    """The package refuses more than MAX_CHARS; the journal says so in the
    author's language should its own limit ever grow past it."""
    with translation.override("nl"):
        assert "(50.000 tekens)" in problem(ReflectionAssessment.Outcome.TOO_LONG)
    with translation.override("en"):
        assert "(50,000 characters)" in problem(ReflectionAssessment.Outcome.TOO_LONG)


@pytest.mark.parametrize(
    "body",
    [
        "Vandaag in de les merkte ik dat I was nervous because the students kept "
        "asking questions. Waarom raakte mij dat zo? Maybe I assume they doubt me.",
        "Vandaag 🙂 ging de les goed 🎉. Ik merkte dat ik rustiger was dan vorige "
        "week, misschien omdat ik beter had voorbereid.",
        "Ik schreef <script>alert('x')</script> in mijn les-evaluatie en merkte "
        "dat de studenten daar vooral om moesten lachen, wat mij verraste.",
    ],
    ids=["mixed-nl-en", "emoji", "html-script"],
)
def test_unusual_but_readable_text_is_assessed(client: Any, body: str) -> None:
    page, assessment = saved_and_assessed(client, body)
    assert assessment.is_ok
    assert assessment.language in {"nl", "en"}
    html = page.content.decode()
    assert "<script>alert" not in html


def test_the_author_can_ask_for_a_new_reading(client: Any) -> None:
    entry = ReflectionFactory()
    AssessmentFactory(reflection=entry, model_version="ordinal-oud")
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert page.context["assessment"].model_version == "ordinal-oud"
    assert page.context["newer_model"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("journal:reflection-reassess", args=[entry.pk]))
    newest = ReflectionAssessment.objects.current_for(entry)
    assert newest is not None
    assert newest.model_version == model_version()
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert not page.context["newer_model"]


def test_the_command_reassesses_entries_of_an_older_model() -> None:
    old = ReflectionFactory()
    AssessmentFactory(reflection=old, model_version="ordinal-oud")
    current = ReflectionFactory()
    AssessmentFactory(reflection=current, model_version=model_version())
    off = ReflectionFactory()
    JournalSetting.objects.create(user=off.author, mirror_enabled=False)
    out = StringIO()
    call_command("reassess_reflections", "--dry-run", stdout=out)
    assert "would queue 1 entries" in out.getvalue()
    call_command("reassess_reflections", stdout=out)
    assert ReflectionAssessment.objects.filter(
        reflection=old, model_version=model_version()
    ).exists()
    assert not ReflectionAssessment.objects.filter(reflection=off).exists()
    assert ReflectionAssessment.objects.filter(reflection=current).count() == 1


def test_the_trend_shows_the_authors_path_over_time(client: Any) -> None:
    first = ReflectionFactory()
    second = ReflectionFactory(author=first.author, community=first.community)
    AssessmentFactory(reflection=first, level=1)
    AssessmentFactory(reflection=second, level=3)
    client.force_login(first.author)
    page = client.get(reverse("journal:journal-list", args=[first.community_id]))
    trend = page.context["trend"]
    assert [p.level for p in trend.points] == [1, 3]
    html = page.content.decode()
    assert "<polyline" in html
    assert " style=" not in html
