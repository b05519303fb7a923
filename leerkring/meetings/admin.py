from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["__str__", "period", "date", "part_of_day"]
    list_filter = ["part_of_day"]
