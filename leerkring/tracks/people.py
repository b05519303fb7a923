"""How shared history names the people who wrote it.

Active members are named. Someone who left (or deleted their account) is named only
if they agreed (``PersonSetting.keep_name_in_shared_history``); otherwise the
history says "a former member". The agreement is a per-person setting, not part of a
``Membership``, so it travels with the person across communities.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from leerkring.communities.models import Membership

from .models import PersonSetting


class NameBook:
    """Names for authors in one community's shared history, in two queries."""

    def __init__(self, community_id: int, users: Iterable[Any]) -> None:
        ids = {user.pk for user in users if user is not None}
        self.active = set(
            Membership.objects.active()
            .filter(community_id=community_id, user_id__in=ids)
            .values_list("user_id", flat=True)
        )
        self.consenting = set(
            PersonSetting.objects.filter(
                user_id__in=ids - self.active, keep_name_in_shared_history=True
            ).values_list("user_id", flat=True)
        )

    def name(self, user: Any, kept_name: str = "") -> str:
        """``kept_name``: the name stored with the row when it was written.

        It is cleared when an author who did not agree erases their data.
        """
        if user is not None and user.pk in self.active:
            return str(user.display_name)
        if user is None or user.pk in self.consenting:
            return kept_name or _("a former member")
        return _("a former member")


def keeps_name(user: Any) -> bool:
    return PersonSetting.objects.filter(
        user=user, keep_name_in_shared_history=True
    ).exists()
