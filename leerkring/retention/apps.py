from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "leerkring.retention"
    verbose_name = _("Retention and privacy")
