from django.contrib import admin

from .models import Connection, LinkRequest


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin[Connection]):
    list_display = ["label", "organisation", "domain", "sso_only"]
    list_select_related = ["organisation"]


@admin.register(LinkRequest)
class LinkRequestAdmin(admin.ModelAdmin[LinkRequest]):
    list_display = ["user", "app", "created_at", "confirmed_at"]
    readonly_fields = [
        "user",
        "app",
        "uid",
        "affiliation",
        "created_at",
        "confirmed_at",
    ]
