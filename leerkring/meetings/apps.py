from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "leerkring.meetings"
    verbose_name = _("Sessions")

    def ready(self) -> None:
        from leerkring.communities.signals import language_changed
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)
        from .language import follow_language

        language_changed.connect(follow_language, dispatch_uid="meetings-language")
        from .intervision import access as _intervision  # noqa: F401  (its rules)

        navigation.register(
            navigation.Tab(_("Sessions"), "meetings:period-overview", order=20)
        )
