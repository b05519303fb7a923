from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "leerkring.journal"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Reflections"),
                "journal:journal-list",
                order=60,
                visible=navigation.may("journal.keep"),
            )
        )
