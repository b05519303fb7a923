"""The self-run period's URLs, in the ``meetings`` namespace (``meetings/urls.py``
includes them)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "communities/<int:community_id>/sessions/self-run/new/",
        views.self_run_create,
        name="self-run-create",
    ),
    path(
        "periods/<int:period_id>/self-run/",
        views.self_run_settings,
        name="self-run-settings",
    ),
    path(
        "periods/<int:period_id>/roles/redistribute/",
        views.roles_redistribute,
        name="roles-redistribute",
    ),
    path("roles/<int:role_id>/swap/", views.role_swap, name="role-swap"),
]
