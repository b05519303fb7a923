from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "leerkring.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models import fields

        from . import audit

        audit.connect_auth_signals()
        # One label for "nothing chosen yet" in every select (Django 6.1's hook).
        fields.BLANK_CHOICE_LABEL = _("— choose —")
