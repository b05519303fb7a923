from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "leerkring.intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Intake"),
                "intake:overview",
                order=10,
                visible=navigation.may("intake.overview"),
            )
        )
