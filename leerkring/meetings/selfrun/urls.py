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
    path("periods/<int:period_id>/roles/", views.roles_page, name="self-run-roles"),
    path(
        "role-definitions/<int:role_id>/",
        views.role_definition_edit,
        name="role-definition-edit",
    ),
    path(
        "role-definitions/<int:role_id>/remove/",
        views.role_definition_remove,
        name="role-definition-remove",
    ),
    path(
        "role-definitions/<int:role_id>/decline/",
        views.role_definition_decline,
        name="role-definition-decline",
    ),
    path(
        "sessions/<int:meeting_id>/equal-space/",
        views.equal_space,
        name="equal-space",
    ),
]
