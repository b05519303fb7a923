"""Background work for goals: the external assessor's link by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from leerkring.core.background import REPORT, if_worker_dies

from .models import ExternalValidation
from .validation import make_token


@if_worker_dies(REPORT)
@task()
def send_validation_link(validation_id: int, language: str) -> None:
    """E-mail the read-only link, in the inviter's language."""
    validation = (
        ExternalValidation.objects.select_related(
            "goal__period__community__organisation", "invited_by"
        )
        .filter(pk=validation_id, revoked_at__isnull=True)
        .first()
    )
    if validation is None:
        return
    path = reverse("agreements:validation-public", args=[make_token(validation)])
    context = {
        "validation": validation,
        "community": validation.goal.period.community,
        "url": settings.SITE_URL.rstrip("/") + path,
    }
    with translation.override(language):
        subject = render_to_string("agreements/email/validation_subject.txt", context)
        text = render_to_string("agreements/email/validation.txt", context)
        html = render_to_string("agreements/email/validation.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[validation.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
