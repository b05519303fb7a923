from django.urls import path

from . import views

app_name = "tracks"
urlpatterns = [
    path(
        "communities/<int:community_id>/track/",
        views.collective,
        name="collective",
    ),
    path(
        "communities/<int:community_id>/track/edit/",
        views.collective_edit,
        name="collective-edit",
    ),
    path(
        "communities/<int:community_id>/track/carry-over-goal/",
        views.carry_over_goal,
        name="carry-over-goal",
    ),
    path(
        "communities/<int:community_id>/track/history/",
        views.collective_history,
        name="collective-history",
    ),
    path(
        "communities/<int:community_id>/track/progress/",
        views.progress_add,
        name="progress-add",
    ),
    path(
        "communities/<int:community_id>/my-track/",
        views.my_track,
        name="my-track",
    ),
    path(
        "communities/<int:community_id>/my-track/question/",
        views.question_edit,
        name="question-edit",
    ),
    path(
        "communities/<int:community_id>/my-track/qualities/",
        views.quality_add,
        name="quality-add",
    ),
    path(
        "communities/<int:community_id>/my-track/mission/",
        views.mission_edit,
        name="mission-edit",
    ),
    path(
        "communities/<int:community_id>/my-track/name/",
        views.name_consent,
        name="name-consent",
    ),
    path(
        "communities/<int:community_id>/tracks/",
        views.overview,
        name="overview",
    ),
    path("tracks/<int:track_id>/", views.person, name="person"),
    path(
        "tracks/qualities/<int:quality_id>/edit/",
        views.quality_edit,
        name="quality-edit",
    ),
    path(
        "tracks/qualities/<int:quality_id>/delete/",
        views.quality_delete,
        name="quality-delete",
    ),
    path(
        "tracks/questions/<int:question_id>/",
        views.question_detail,
        name="question-detail",
    ),
]
