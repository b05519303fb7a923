"""Template tags shared by every app."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from leerkring.core.navigation import tabs_for

register = template.Library()


@register.inclusion_tag("communities/includes/tabs.html", takes_context=True)
def community_tabs(context: dict[str, Any], community: Any) -> dict[str, Any]:
    """The community's navigation; the current page is marked for screen readers."""
    request = context["request"]
    links = []
    for tab in tabs_for(request.user, community):
        url = reverse(tab.url_name, args=[community.pk])
        links.append({"label": tab.label, "url": url, "current": request.path == url})
    return {"links": links, "community": community}
