from django.urls import path

from . import views
from .intervision import urls as intervision_urls
from .selfrun import urls as selfrun_urls

app_name = "meetings"
urlpatterns = [
    path(
        "communities/<int:community_id>/sessions/",
        views.period_overview,
        name="period-overview",
    ),
    path(
        "communities/<int:community_id>/sessions/new/",
        views.leergang_create,
        name="leergang-create",
    ),
    path("sessions/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("sessions/<int:meeting_id>/edit/", views.meeting_edit, name="meeting-edit"),
    path("sessions/<int:meeting_id>/agenda/", views.agenda_edit, name="agenda-edit"),
    path(
        "sessions/<int:meeting_id>/agenda/new/",
        views.agenda_item_new,
        name="agenda-item-new",
    ),
    path(
        "sessions/<int:meeting_id>/agenda/reset/",
        views.agenda_reset,
        name="agenda-reset",
    ),
    path(
        "sessions/<int:meeting_id>/agenda/publish/",
        views.agenda_publish,
        name="agenda-publish",
    ),
    path(
        "agenda-items/<int:item_id>/edit/",
        views.agenda_item_edit,
        name="agenda-item-edit",
    ),
    path(
        "agenda-items/<int:item_id>/move/",
        views.agenda_item_move,
        name="agenda-item-move",
    ),
    path(
        "agenda-items/<int:item_id>/delete/",
        views.agenda_item_delete,
        name="agenda-item-delete",
    ),
    path(
        "sessions/<int:meeting_id>/proposals/",
        views.proposal_new,
        name="proposal-new",
    ),
    path(
        "proposals/<int:proposal_id>/accept/",
        views.proposal_accept,
        name="proposal-accept",
    ),
    path("sessions/<int:meeting_id>/room/", views.meeting_run, name="meeting-run"),
    path(
        "sessions/<int:meeting_id>/room/coach/",
        views.coach_panel,
        name="coach-panel",
    ),
    path(
        "sessions/<int:meeting_id>/room/advance/",
        views.meeting_advance,
        name="meeting-advance",
    ),
    path(
        "sessions/<int:meeting_id>/room/attendance/",
        views.attendance_save,
        name="attendance-save",
    ),
    path(
        "sessions/<int:meeting_id>/room/notes/",
        views.notes_save,
        name="notes-save",
    ),
    path(
        "sessions/<int:meeting_id>/summary/",
        views.summary_edit,
        name="summary-edit",
    ),
    path(
        "sessions/<int:meeting_id>/observation/",
        views.observation_edit,
        name="observation-edit",
    ),
    *selfrun_urls.urlpatterns,
    *intervision_urls.urlpatterns,
]
