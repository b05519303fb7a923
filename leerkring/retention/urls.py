from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path(
        "organisations/<int:organisation_id>/privacy/",
        views.privacy,
        name="privacy",
    ),
    path(
        "organisations/<int:organisation_id>/privacy/register.<str:fmt>",
        views.register_export,
        name="register",
    ),
]
