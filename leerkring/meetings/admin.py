from django.contrib import admin

from .models import AgendaItem, Meeting


class AgendaItemInline(admin.TabularInline[AgendaItem, Meeting]):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["__str__", "period", "date", "part_of_day"]
    list_filter = ["part_of_day"]
    # The coaches' notes and the summary are content; the admin shows the schedule.
    fields = ["period", "number", "date", "part_of_day", "location", "online_url"]
    inlines = [AgendaItemInline]
