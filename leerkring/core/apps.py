from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "leerkring.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import audit

        audit.connect_auth_signals()
