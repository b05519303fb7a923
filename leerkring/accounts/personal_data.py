"""The account itself: exported as it is, erased by anonymising it.

The row stays (so collective records keep a valid reference) but nothing in it
points to the person any more, and it can never log in again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import User


def export(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.display_name,
        "language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def erase(user: User) -> None:
    user.email = f"deleted-{user.pk}@invalid.leerkring"
    user.display_name = _("Former member")
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
