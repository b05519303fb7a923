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
]
