from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_coaching_tab(user: Any, community: Any) -> bool:
    from leerkring.core.access import allowed

    from .access import COACHING

    return allowed(user, COACHING, community)


class AlumniConfig(AppConfig):
    name = "leerkring.alumni"
    verbose_name = _("Alumni who coach new communities")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Become a coach"),
                "alumni:coaching",
                order=90,
                visible=_sees_coaching_tab,
            )
        )
