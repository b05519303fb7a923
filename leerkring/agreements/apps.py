from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "leerkring.agreements"
    verbose_name = _("Agreements and harvest")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Agreements"),
                "agreements:agreement-detail",
                15,
                navigation.may("agreements.summary"),
            )
        )
        navigation.register(
            navigation.Tab(
                _("Harvest"),
                "agreements:harvest",
                70,
                navigation.may("agreements.summary"),
            )
        )
        navigation.register(
            navigation.Tab(
                _("Hours"), "agreements:hours", 80, navigation.may("agreements.member")
            )
        )
