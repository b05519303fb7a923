from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "leerkring.assignments"
    verbose_name = _("Integration assignments")

    def ready(self) -> None:
        from leerkring.meetings import lookback as meetings_lookback

        from . import access  # noqa: F401  (registers the permission rules)
        from .lookback import reports_due

        meetings_lookback.register(reports_due)
