from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_summary(user: Any, community: Any) -> bool:
    from leerkring.core.access import allowed

    return allowed(user, "agreements.summary", community)


def _is_member(user: Any, community: Any) -> bool:
    from leerkring.core.access import allowed

    return allowed(user, "agreements.member", community)


class AgreementsConfig(AppConfig):
    name = "leerkring.agreements"
    verbose_name = _("Agreements and harvest")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Agreements"), "agreements:agreement-detail", 15, _sees_summary
            )
        )
        navigation.register(
            navigation.Tab(_("Harvest"), "agreements:harvest", 70, _sees_summary)
        )
        navigation.register(
            navigation.Tab(_("Hours"), "agreements:hours", 80, _is_member)
        )
