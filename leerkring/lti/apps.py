from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "leerkring.lti"
    verbose_name = _("LTI (launch from the LMS)")

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers the rules)
