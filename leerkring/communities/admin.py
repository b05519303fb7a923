from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Community,
    LearningPeriod,
    Membership,
    Organisation,
    OrganisationRole,
    RoleChange,
)


class MembershipInline(admin.TabularInline[Membership, Community]):
    """Only the person's acceptance makes a membership active, and a coaching
    role goes through a role change: the admin shows both, it does not set them."""

    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["status", "approved_by", "joined_on"]


class PeriodInline(admin.TabularInline[LearningPeriod, Community]):
    model = LearningPeriod
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    search_fields = ["name"]


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin[OrganisationRole]):
    list_display = ["user", "organisation", "role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin[Community]):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    inlines = [MembershipInline, PeriodInline]


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin[RoleChange]):
    """Read-only: role changes are decided by the people concerned."""

    list_display = ["user", "role", "community", "status", "created_at"]
    list_filter = ["status", "role"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: RoleChange | None = None
    ) -> bool:
        return False
