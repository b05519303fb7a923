"""Personal API tokens: a person's key for automating what they may do anyway.

A token never adds a right: it authenticates its owner, and narrows what the
owner may do through it (read or write, all or some of their communities).
Only a hash is stored; the token itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community

PREFIX = "lk_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, now: datetime | None = None) -> ApiTokenQuerySet:
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """One personal token with its scope, expiry and rate-limit window."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope)
    communities = models.ManyToManyField(
        Community,
        blank=True,
        related_name="+",
        verbose_name=_("communities"),
        help_text=_("None chosen: all your communities."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_count = models.PositiveIntegerField(default=0)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def new_key() -> str:
        return PREFIX + secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def take_request(self, *, limit: int, window: timedelta) -> bool:
        """Count one request in the current window; False when over ``limit``.

        One conditional UPDATE per request, so two app servers count together.
        """
        now = timezone.now()
        rows = ApiToken.objects.filter(pk=self.pk)
        if rows.filter(
            Q(window_start__isnull=True) | Q(window_start__lte=now - window)
        ).update(window_start=now, window_count=1, last_used_at=now):
            return True
        return bool(
            rows.filter(window_count__lt=limit).update(
                window_count=F("window_count") + 1, last_used_at=now
            )
        )
