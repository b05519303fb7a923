from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "leerkring.lti"
    verbose_name = _("LTI (launch from the LMS)")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access

        navigation.register(
            navigation.Tab(
                _("Course"),
                "lti:community-courses",
                order=95,
                visible=access.coaches_community,
            )
        )
