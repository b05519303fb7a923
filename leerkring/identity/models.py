"""Which organisation signs its people in through which identity provider.

The protocol settings of an identity provider (OIDC client id and secret, SAML
entity id and metadata URL) are an allauth ``SocialApp`` row; a ``Connection``
ties that row to an organisation, names the e-mail domain it serves and says
whether that domain may still use a password. Accounts are keyed on the
provider's persistent subject (allauth's ``SocialAccount.uid``), never on e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Organisation


class ConnectionQuerySet(models.QuerySet["Connection"]):
    def for_email(self, email: str) -> Connection | None:
        """The connection that serves this address's domain, if any."""
        domain = email.rpartition("@")[2].strip().lower()
        if not domain:
            return None
        return self.select_related("app", "organisation").filter(domain=domain).first()


class Connection(models.Model):
    """An organisation's identity provider (e.g. SURFconext) for its domain."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sso_connections",
    )
    app = models.OneToOneField(
        "socialaccount.SocialApp",
        verbose_name=_("identity provider settings"),
        on_delete=models.CASCADE,
        related_name="connection",
    )
    label = models.CharField(
        _("button text"),
        max_length=80,
        help_text=_('What the sign-in button says, e.g. "SURFconext".'),
    )
    domain = models.CharField(
        _("e-mail domain"),
        max_length=200,
        help_text=_("Addresses ending in @ this domain belong to this organisation."),
    )
    sso_only = models.BooleanField(
        _("only through the identity provider"),
        default=False,
        help_text=_(
            "People with an address in this domain cannot sign in with a password."
        ),
    )

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in connection")
        verbose_name_plural = _("sign-in connections")
        ordering = ["organisation__name", "label"]
        constraints = [
            models.UniqueConstraint(Lower("domain"), name="connection_domain_unique"),
            models.CheckConstraint(
                condition=models.Q(domain=Lower("domain")),
                name="connection_domain_lower_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.organisation})"

    @property
    def login_url(self) -> str:
        """Where a sign-in through this connection starts (POST)."""
        if self.app.provider == "saml":
            return reverse("saml_login", args=[self.app.client_id])
        return reverse("openid_connect_login", args=[self.app.provider_id])


class LinkRequest(models.Model):
    """A first SSO sign-in whose e-mail address already has an account.

    Nothing is linked until the account's owner confirms through the link sent
    to that address, so an identity provider that asserts someone else's
    address cannot take their account over.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    app = models.ForeignKey(
        "socialaccount.SocialApp", on_delete=models.CASCADE, related_name="+"
    )
    uid = models.CharField(_("subject"), max_length=255)
    affiliation = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("request to link a sign-in")
        verbose_name_plural = _("requests to link a sign-in")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.app.provider_id}:{self.uid} → {self.user}"
