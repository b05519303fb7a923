"""How shared history names the people who wrote it.

Active members are named. Someone who left (or deleted their account) is named only
if they agreed (``PersonSetting.keep_name_in_shared_history``); otherwise the
history says "a former member". The agreement is a per-person setting, not part of a
``Membership``, so it travels with the person across communities.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Membership

from .models import PersonSetting


class NameBook:
    """Names for authors in one community's shared history, in one query."""

    def __init__(self, community_id: int, users: Iterable[Any]) -> None:
        ids = {user.pk for user in users if user is not None}
        rows = (
            User.objects.filter(pk__in=ids)
            .annotate(
                is_active_member=Exists(
                    Membership.objects.active().filter(
                        community_id=community_id, user=OuterRef("pk")
                    )
                ),
                keeps_name=Exists(
                    PersonSetting.objects.filter(
                        user=OuterRef("pk"), keep_name_in_shared_history=True
                    )
                ),
            )
            .values_list("pk", "is_active_member", "keeps_name")
        )
        self.active: set[int] = set()
        self.consenting: set[int] = set()
        for pk, is_active_member, keeps_name in rows:
            if is_active_member:
                self.active.add(pk)
            elif keeps_name:
                self.consenting.add(pk)

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
