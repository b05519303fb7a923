from typing import Any

from django import template

from leerkring.identity.models import Connection

register = template.Library()


@register.inclusion_tag("identity/sso_buttons.html", takes_context=True)
def sso_buttons(context: Any) -> dict[str, Any]:
    """The login page's buttons, one per organisation's identity provider."""
    return {
        "connections": Connection.objects.select_related("app", "organisation"),
        "next": context.get("next", ""),
    }
