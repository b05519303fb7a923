"""``{% eye_links community %}``: the way to the participants' EYE pages.

A coach gets one link per active participant (the room's coach panel, the
harvest, the tracks overview); a participant a link to their own; anyone else
nothing. One query for the names, none for the others.
"""

from __future__ import annotations

from typing import Any

from django import template

from leerkring.communities.models import Community
from leerkring.communities.roles import membership_of

register = template.Library()


@register.inclusion_tag("tracks/includes/eye_links.html", takes_context=True)
def eye_links(context: dict[str, Any], community: Community) -> dict[str, Any]:
    user = context["request"].user
    membership = membership_of(user, community)
    people: list[Any] = []
    if membership is not None and membership.is_coaching:
        people = [
            m.user
            for m in community.memberships.active()
            .participants()
            .select_related("user")
            .order_by("user__display_name")
        ]
    elif membership is not None and membership.is_participant:
        people = [user]
    return {"community": community, "people": people, "user": user}
