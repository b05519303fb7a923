from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _coaches_only(user: Any, community: Any) -> bool:
    from .access import is_coaching

    return is_coaching(user, community)


class IntakeConfig(AppConfig):
    name = "leerkring.intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Intake"), "intake:overview", order=10, visible=_coaches_only
            )
        )
