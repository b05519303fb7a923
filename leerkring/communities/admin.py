from django.contrib import admin

from .models import (
    Community,
    LearningPeriod,
    Membership,
    Organisation,
    OrganisationRole,
)


class MembershipInline(admin.TabularInline[Membership, Community]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


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
