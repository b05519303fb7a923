"""Leerkring as an LTI 1.3 tool: the LMS platforms an organisation connected,
their courses (each bound to one community by its coach), who is who on which
platform, and the nonces already used (a launch is accepted once)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community, Organisation


class ToolKey(models.Model):
    """Leerkring's own signing key (deep-linking answers, service tokens); the
    public half is served at the JWKS URL."""

    kid = models.CharField(max_length=64, unique=True)
    private_jwk = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.kid


class Platform(models.Model):
    """One LMS registration (issuer + client id) of one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="lti_platforms"
    )
    name = models.CharField(_("name"), max_length=200)
    issuer = models.URLField(_("issuer"), max_length=500)
    client_id = models.CharField(_("client ID"), max_length=200)
    login_url = models.URLField(_("OIDC authorisation URL"), max_length=500)
    token_url = models.URLField(_("access token URL"), max_length=500)
    jwks_url = models.URLField(_("JWKS URL"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "client_id"], name="unique_lti_platform_client"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Deployment(models.Model):
    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="deployments"
    )
    deployment_id = models.CharField(_("deployment ID"), max_length=200)

    class Meta:
        verbose_name = _("LTI deployment")
        verbose_name_plural = _("LTI deployments")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id"], name="unique_lti_deployment"
            )
        ]

    def __str__(self) -> str:
        return self.deployment_id


class Course(models.Model):
    """A course (LTI context) of a platform; its coach binds it to a community."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="courses"
    )
    context_id = models.CharField(max_length=255)
    title = models.CharField(_("title"), max_length=255, blank=True)
    memberships_url = models.URLField(max_length=500, blank=True)
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lti_courses",
    )
    bound_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("LMS course")
        verbose_name_plural = _("LMS courses")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "context_id"], name="unique_lti_course"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.context_id


class Identity(models.Model):
    """A person of a platform (its stable ``sub``) and their Leerkring account."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lti_identities",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LMS identity")
        verbose_name_plural = _("LMS identities")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "subject"], name="unique_lti_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform}: {self.subject}"


class UsedNonce(models.Model):
    """A launch's nonce, kept until its token expires: a replay is refused."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "nonce"], name="unique_lti_nonce"
            )
        ]

    def __str__(self) -> str:
        return self.nonce
