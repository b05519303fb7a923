from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "leerkring.cohorts"
    verbose_name = _("Composing communities")

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers the permission rules)
