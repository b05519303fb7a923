from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path(
        "communities/<int:community_id>/sessions/<int:meeting_id>/assignments/",
        views.session,
        name="session",
    ),
    path(
        "communities/<int:community_id>/sessions/<int:meeting_id>/assignments/new/",
        views.formulate,
        name="formulate",
    ),
    path(
        "communities/<int:community_id>/sessions/<int:meeting_id>/assignments/overview/",
        views.overview,
        name="overview",
    ),
    path("assignments/<int:assignment_id>/", views.detail, name="detail"),
    path("assignments/<int:assignment_id>/report/", views.report, name="report"),
    path(
        "assignments/<int:assignment_id>/carry-over/",
        views.carry_over,
        name="carry-over",
    ),
]
