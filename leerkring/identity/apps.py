from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "leerkring.identity"
    verbose_name = _("Sign-in through the institution (SSO)")
