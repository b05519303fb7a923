from django.contrib import admin

from .models import Course, Deployment, Identity, Platform


class DeploymentInline(admin.TabularInline):
    model = Deployment
    extra = 1


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "issuer", "client_id"]
    list_filter = ["organisation"]
    inlines = [DeploymentInline]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "platform", "community", "bound_by"]
    list_select_related = ["platform", "community", "bound_by"]
    raw_id_fields = ["community", "bound_by"]


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    """Re-linking a platform account to another Leerkring account (when an
    institution changes identifiers) is done here, by an administrator."""

    list_display = ["subject", "platform", "user", "created_at"]
    list_select_related = ["platform", "user"]
    search_fields = ["subject", "user__email"]
    raw_id_fields = ["user"]
