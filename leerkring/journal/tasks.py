"""Background work of the journal: the reflection mirror and feedback notices."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from leerkring.core.background import REPORT, RUN_AGAIN, if_worker_dies
from leerkring.reflection import AssessmentError, assess, model_version

from .models import CoachFeedback, JournalSetting, Reflection, ReflectionAssessment


def mirror(reflection: Reflection) -> ReflectionAssessment:
    """Run the mirror on the entry's present text and store what it saw (unsaved)."""
    stored = ReflectionAssessment(
        reflection=reflection, reflection_version=reflection.version
    )
    try:
        result = assess(reflection.body)
    except AssessmentError as error:
        known = error.code in ReflectionAssessment.Outcome.values
        stored.outcome = (
            error.code if known else ReflectionAssessment.Outcome.UNREADABLE
        )
        stored.model_version = model_version()
        return stored
    stored.level = result.level
    stored.language = result.language
    stored.evidence = [
        {"start": e.start, "end": e.end, "kind": e.kind, "carries": e.carries}
        for e in result.evidence
    ]
    stored.next_prompt = result.next_prompt
    stored.certainty = result.certainty
    stored.summary = result.summary
    stored.model_version = result.model_version
    return stored


@if_worker_dies(RUN_AGAIN)
@task()
def assess_reflection(reflection_id: int, version: int, force: bool = False) -> None:
    """Hold the mirror up to one version of an entry, unless the author switched
    the mirror off or the entry changed again in the meantime."""
    reflection = (
        Reflection.objects.select_related("author").filter(pk=reflection_id).first()
    )
    if reflection is None or reflection.version != version:
        return
    if not JournalSetting.for_user(reflection.author).mirror_enabled:
        return
    stored = mirror(reflection)
    existing = ReflectionAssessment.objects.filter(
        reflection=reflection,
        reflection_version=version,
        model_version=stored.model_version,
    )
    if existing.exists() and not force:
        return
    try:
        with transaction.atomic():
            existing.delete()
            stored.save()
    except IntegrityError:  # another worker stored the same assessment first
        return


@if_worker_dies(REPORT)
@task()
def send_feedback_notice(feedback_id: int) -> None:
    """Tell the author that a coach published feedback — without its content."""
    feedback = (
        CoachFeedback.objects.select_related("reflection__author", "coach")
        .filter(pk=feedback_id, status=CoachFeedback.Status.PUBLISHED)
        .first()
    )
    if feedback is None:
        return
    author = feedback.reflection.author
    path = reverse("journal:reflection-detail", args=[feedback.reflection_id])
    context = {
        "author": author,
        "coach_name": feedback.coach.display_name if feedback.coach else "",
        "entry_url": settings.SITE_URL.rstrip("/") + path,
    }
    with translation.override(author.preferred_language):
        subject = render_to_string("journal/email/feedback_subject.txt", context)
        text = render_to_string("journal/email/feedback.txt", context)
        html = render_to_string("journal/email/feedback.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[author.email])
    message.attach_alternative(html, "text/html")
    message.send()
