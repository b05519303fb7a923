"""Reminders are visible to admins: filter by status to see what failed and why."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import FAILED_STATUSES as FAILED
from .models import DeliveryStatus, ReminderDelivery


class FailedFilter(admin.SimpleListFilter):
    title = _("failed")
    parameter_name = "failed"

    def lookups(
        self, request: HttpRequest, model_admin: object
    ) -> list[tuple[str, str]]:
        return [("yes", str(_("Failed (retrying or given up)")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[ReminderDelivery]
    ) -> QuerySet[ReminderDelivery]:
        if self.value() == "yes":
            return queryset.filter(status__in=FAILED)
        return queryset


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin[ReminderDelivery]):
    list_display = [
        "kind",
        "recipient",
        "community",
        "scheduled_for",
        "send_after",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = [FailedFilter, "status", "kind"]
    search_fields = ["recipient__email", "subject"]
    date_hierarchy = "send_after"
    list_select_related = ["recipient", "community"]
    readonly_fields = [field.name for field in ReminderDelivery._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Retry the selected failed reminders now"))
    def retry_now(
        self, request: HttpRequest, queryset: QuerySet[ReminderDelivery]
    ) -> None:
        queryset.filter(status__in=FAILED).update(
            status=DeliveryStatus.FAILED, attempts=0, send_after=timezone.now()
        )
