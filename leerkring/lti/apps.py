from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "leerkring.lti"
    verbose_name = _("LTI (launch from the LMS)")

    def ready(self) -> None:
        from leerkring.core import navigation

        from . import access  # noqa: F401  (registers the permission rules)

        navigation.register(
            navigation.Tab(
                _("Course"),
                "lti:community-courses",
                order=95,
                visible=navigation.may("lti.courses"),
            )
        )
