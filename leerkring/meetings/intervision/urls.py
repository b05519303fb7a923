"""Intervision's URLs, in the ``meetings`` namespace (``meetings/urls.py``
includes them)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "sessions/<int:meeting_id>/intervision/",
        views.meeting_intervision,
        name="intervision",
    ),
    path(
        "sessions/<int:meeting_id>/intervision/format/",
        views.format_choose,
        name="intervision-format",
    ),
    path(
        "sessions/<int:meeting_id>/room/intervision/step/",
        views.step_move,
        name="intervision-step",
    ),
    path("cases/<int:case_id>/", views.case_detail, name="intervision-case"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="intervision-case-edit"),
    path("cases/<int:case_id>/advice/", views.advice_save, name="intervision-advice"),
    path(
        "cases/<int:case_id>/takeaway/",
        views.takeaway_save,
        name="intervision-takeaway",
    ),
]
