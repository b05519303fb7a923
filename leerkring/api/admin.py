from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are seen and revoked here; never made (only their owner makes one)."""

    list_display = ["name", "user", "scope", "expires_at", "revoked_at", "last_used_at"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "key_hash",
        "hint",
        "scope",
        "communities",
        "created_at",
        "expires_at",
        "last_used_at",
        "window_start",
        "window_count",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False
