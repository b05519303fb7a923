from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top layer: the home page and the demo, which gather from every app."""

    name = "leerkring.home"
    verbose_name = _("Home")
