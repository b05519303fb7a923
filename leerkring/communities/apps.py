from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "leerkring.communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers the permission rules)
