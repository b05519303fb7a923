from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulsesConfig(AppConfig):
    name = "leerkring.pulses"
    verbose_name = _("Check-ins and the tension arc")
