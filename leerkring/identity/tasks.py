"""Background work for sign-in: asking an account's owner to confirm a link."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from leerkring.core.background import RUN_AGAIN, if_worker_dies

from .actions import link_token
from .models import LinkRequest


@if_worker_dies(RUN_AGAIN)
@task()
def send_link_request(link_id: int) -> None:
    """E-mail the confirmation link to the address of the existing account."""
    link = (
        LinkRequest.objects.select_related("user", "app__connection")
        .filter(pk=link_id, confirmed_at__isnull=True)
        .first()
    )
    if link is None:
        return
    path = reverse("identity:link-confirm", args=[link_token(link)])
    context = {
        "link": link,
        "provider_name": _provider_name(link),
        "confirm_url": settings.SITE_URL.rstrip("/") + path,
        "max_age_hours": settings.SSO_LINK_MAX_AGE_HOURS,
    }
    with translation.override(link.user.preferred_language):
        subject = render_to_string("identity/email/link_subject.txt", context)
        text = render_to_string("identity/email/link.txt", context)
    send_mail(" ".join(subject.split()), text, None, [link.user.email])


def _provider_name(link: LinkRequest) -> str:
    connection = getattr(link.app, "connection", None)
    return str(connection) if connection else link.app.name
