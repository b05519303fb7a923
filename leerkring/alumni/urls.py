from django.urls import path

from . import views

app_name = "alumni"
urlpatterns = [
    path("communities/<int:community_id>/coaching/", views.coaching, name="coaching"),
    path(
        "organisations/<int:organisation_id>/alumni/",
        views.organisation_alumni,
        name="organisation-alumni",
    ),
]
