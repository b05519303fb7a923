from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "leerkring.tracks"
    verbose_name = _("Tracks")
