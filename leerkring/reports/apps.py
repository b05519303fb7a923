from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "leerkring.reports"
    verbose_name = _("Reports, calendars and reminders")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Documents"),
                "reports:documents",
                order=80,
                visible=navigation.may("reports.documents"),
            )
        )
        navigation.register(
            navigation.Tab(
                _("Export"),
                "reports:export",
                order=85,
                visible=navigation.may("reports.export"),
            )
        )
