"""Background work for communities: invitation e-mails, role-change notices."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from leerkring.core.background import REPORT, if_worker_dies

from .models import Invitation, Membership, RoleChange
from .tokens import make_token


@if_worker_dies(REPORT)
@task()
def send_invitation(invitation_id: int) -> None:
    """E-mail the invitation link, in the invitee's language."""
    invitation = (
        Invitation.objects.select_related(
            "membership__user", "membership__community", "invited_by"
        )
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    user = invitation.membership.user
    path = reverse("communities:invitation-accept", args=[make_token(invitation)])
    context = {
        "invitation": invitation,
        "membership": invitation.membership,
        "accept_url": settings.SITE_URL.rstrip("/") + path,
        "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
    }
    with translation.override(user.preferred_language):
        subject = render_to_string("communities/email/invitation_subject.txt", context)
        text = render_to_string("communities/email/invitation.txt", context)
        html = render_to_string("communities/email/invitation.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@if_worker_dies(REPORT)
@task()
def announce_role_change(role_change_id: int) -> None:
    """Tell the community's coaches (and the person) that someone asks for, or
    now holds, a coaching role: nobody gains access to private content unseen."""
    change = (
        RoleChange.objects.select_related(
            "community", "user", "requested_by", "approved_by"
        )
        .filter(pk=role_change_id)
        .first()
    )
    if change is None:
        return
    coaches = [
        m.user
        for m in Membership.objects.active()
        .coaching()
        .filter(community=change.community)
        .select_related("user")
    ]
    recipients = {user.pk: user for user in [*coaches, change.user]}
    path = reverse("communities:community-detail", args=[change.community_id])
    context = {"change": change, "url": settings.SITE_URL.rstrip("/") + path}
    for user in recipients.values():
        with translation.override(user.preferred_language):
            subject = render_to_string(
                "communities/email/role_change_subject.txt", context
            )
            text = render_to_string("communities/email/role_change.txt", context)
        EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email]).send()
