from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path(
        "communities/<int:community_id>/intake/",
        views.intake_overview,
        name="overview",
    ),
    path(
        "communities/<int:community_id>/intake/my-preparation/",
        views.preparation_edit,
        name="preparation",
    ),
    path(
        "communities/<int:community_id>/welcome/",
        views.welcome,
        name="welcome",
    ),
    path(
        "intakes/participants/<int:membership_id>/",
        views.participant_intake,
        name="participant",
    ),
]
