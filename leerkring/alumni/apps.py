from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    name = "leerkring.alumni"
    verbose_name = _("Alumni who coach new communities")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access

        navigation.register(
            navigation.Tab(
                _("Become a coach"),
                "alumni:coaching",
                order=90,
                visible=navigation.may(access.COACHING),
            )
        )
