"""The audit log: who did what, when — never what anyone wrote."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    ACCESS_DENIED = "access_denied", _("Access denied")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_INVITED = "member_invited", _("Member invited")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted")
    DATA_EXPORTED = "data_exported", _("Personal data exported")
    SHARING_CHANGED = "sharing_changed", _("Who can read something changed")
    COHORT_UPLOADED = "cohort_uploaded", _("Cohort uploaded")
    DIVERSITY_DATA_ERASED = "diversity_data_erased", _("Diversity data erased")
    COHORT_DELETED = "cohort_deleted", _("Cohort deleted")
    COMMUNITIES_COMPOSED = "communities_composed", _("Communities composed")
    LEERGANG_CREATED = "leergang_created", _("Leergang planned")
    INTAKE_RECORDED = "intake_recorded", _("Intake recorded")
    AGREEMENTS_CONFIRMED = "agreements_confirmed", _("Agreements confirmed")
    COMMUNITY_DATA_EXPORTED = "community_data_exported", _("Community data exported")
    COACHING_INTEREST_ANSWERED = (
        "coaching_interest_answered",
        _("Answered whether to coach a new community"),
    )
    SSO_LINK_REQUESTED = "sso_link_requested", _("Asked to link an SSO sign-in")
    SSO_LINKED = "sso_linked", _("SSO sign-in linked to the account")
    SSO_RELINKED = "sso_relinked", _("SSO identifiers moved by an admin")
    RETENTION_CHANGED = "retention_changed", _("Retention period changed")
    RETENTION_APPLIED = (
        "retention_applied",
        _("Private content removed after retention"),
    )
    PROCESSING_REGISTER_EXPORTED = (
        "processing_register_exported",
        _("Processing register entry exported"),
    )
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    LMS_ACCOUNT_LINKED = "lms_account_linked", _("LMS account linked")
    VALIDATION_INVITED = "validation_invited", _("External assessor invited")
    VALIDATION_REVOKED = "validation_revoked", _("External assessor's link revoked")
    VALIDATION_VIEWED = "validation_viewed", _("External assessor opened the goal")
    VALIDATION_GIVEN = "validation_given", _("External assessor gave a verdict")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One append-only line of the audit log."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=32, choices=AuditAction)
    target = models.CharField(_("on what"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")
