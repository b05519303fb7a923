from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path(
        "calendar/sessions/<int:meeting_id>.ics",
        views.meeting_ics,
        name="meeting-ics",
    ),
    path(
        "communities/<int:community_id>/documents/",
        views.documents,
        name="documents",
    ),
    path(
        "communities/<int:community_id>/documents/<int:period_id>/harvest.pdf",
        views.harvest_pdf,
        name="harvest-pdf",
    ),
    path(
        "communities/<int:community_id>/documents/<int:period_id>/personal.pdf",
        views.personal_pdf,
        name="personal-pdf",
    ),
    path("communities/<int:community_id>/export/", views.export, name="export"),
    path(
        "communities/<int:community_id>/export/<int:period_id>/<slug:dataset>.<slug:fmt>",
        views.export_file,
        name="export-file",
    ),
]
