from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import actions
from .models import LostTask, WorkerHeartbeat


class ResentFilter(admin.SimpleListFilter):
    title = _("sent again")
    parameter_name = "resent"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("no", _("Not yet")), ("yes", _("Yes"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("no", "yes"):
            return queryset.filter(resent_at__isnull=self.value() == "no")
        return queryset


@admin.register(LostTask)
class LostTaskAdmin(admin.ModelAdmin[LostTask]):
    """Tasks lost with their worker that must go at most once: check whether they
    took effect (did the invitation arrive?) and send them again with one action."""

    list_display = ["detected_at", "__str__", "arguments", "worker_id", "resent_at"]
    list_filter = [ResentFilter]
    fields = (
        "result",
        "task_path",
        "arguments",
        "worker_id",
        "detected_at",
        "resent_at",
        "resent_by",
        "resent_as",
    )
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("arguments"))
    def arguments(self, lost: LostTask) -> str:
        return str(lost.result.args_kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[LostTask]:
        return super().get_queryset(request).select_related("result", "resent_by")

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[LostTask]) -> None:
        sent = sum(
            actions.resend_lost_task(lost=lost, actor=request.user) for lost in queryset
        )
        skipped = queryset.count() - sent
        self.message_user(
            request,
            ngettext(
                "%(count)d task is queued again.",
                "%(count)d tasks are queued again.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d task was skipped: already sent again or finished.",
                    "%(count)d tasks were skipped: already sent again or finished.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ["worker_id", "hostname", "pid", "started_at", "seen_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
