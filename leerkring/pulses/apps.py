from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_member(user: Any, community: Any) -> bool:
    from leerkring.communities.access import membership_of

    return membership_of(user, community) is not None


def _sees_arc(user: Any, community: Any) -> bool:
    from leerkring.core.access import allowed

    return allowed(user, "pulses.arc", community)


class PulsesConfig(AppConfig):
    name = "leerkring.pulses"
    verbose_name = _("Check-ins and the tension arc")

    def ready(self) -> None:
        from leerkring.core import navigation
        from leerkring.meetings import presence

        from . import access  # noqa: F401  (registers the permission rules)
        from .models import checked_in

        presence.register(checked_in)

        navigation.register(
            navigation.Tab(
                _("Check-in"), "pulses:checkin", order=70, visible=_is_member
            )
        )
        navigation.register(
            navigation.Tab(_("Tension arc"), "pulses:arc", order=71, visible=_sees_arc)
        )
