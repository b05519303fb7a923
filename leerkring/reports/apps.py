from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "leerkring.reports"
    verbose_name = _("Reports, calendars and reminders")

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers the permission rules)
