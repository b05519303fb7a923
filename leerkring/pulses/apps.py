from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulsesConfig(AppConfig):
    name = "leerkring.pulses"
    verbose_name = _("Check-ins and the tension arc")

    def ready(self) -> None:
        from leerkring.core import navigation
        from leerkring.meetings import presence

        from . import access
        from .models import checked_in

        presence.register(checked_in)

        navigation.register(
            navigation.Tab(
                _("Check-in"),
                "pulses:checkin",
                order=70,
                visible=navigation.may(access.CHECKIN),
            )
        )
        navigation.register(
            navigation.Tab(
                _("Tension arc"),
                "pulses:arc",
                order=71,
                visible=navigation.may(access.ARC),
            )
        )
