from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Leerkring: a worker that rides out faults, lost tasks, backups."""

    name = "leerkring.operations"
    verbose_name = _("Operations")
