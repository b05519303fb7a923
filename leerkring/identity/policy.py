"""Which addresses may still sign in with a password."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Connection


def password_refusal(email: str) -> str | None:
    """Why a password sign-in for this address is refused, or None when it may
    go ahead: an organisation made its identity provider the only way in for
    its own domain."""
    connection = Connection.objects.for_email(email or "")
    if connection is None or not connection.sso_only:
        return None
    return _(
        "%(organisation)s signs you in through %(label)s. Use the button "
        '"%(label)s (%(organisation)s)" below; your password is not used.'
    ) % {"organisation": connection.organisation, "label": connection.label}
