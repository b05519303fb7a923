from django.urls import path

from . import validation_views, views

app_name = "agreements"
urlpatterns = [
    path(
        "communities/<int:community_id>/agreements/",
        views.agreement_detail,
        name="agreement-detail",
    ),
    path(
        "communities/<int:community_id>/agreements/edit/",
        views.agreement_edit,
        name="agreement-edit",
    ),
    path(
        "communities/<int:community_id>/agreements/confirm/",
        views.agreement_confirm,
        name="agreement-confirm",
    ),
    path(
        "communities/<int:community_id>/agreements/versions/<int:number>/",
        views.agreement_version,
        name="agreement-version",
    ),
    path(
        "communities/<int:community_id>/harvest/",
        views.harvest,
        name="harvest",
    ),
    path(
        "communities/<int:community_id>/harvest/go-on/",
        views.go_on,
        name="go-on",
    ),
    path(
        "communities/<int:community_id>/goals/personal/edit/",
        views.personal_goal_edit,
        name="personal-goal-edit",
    ),
    path(
        "communities/<int:community_id>/goals/<slug:aspect>/edit/",
        views.goal_edit,
        name="goal-edit",
    ),
    path(
        "communities/<int:community_id>/goals/<slug:aspect>/evaluate/",
        views.goal_evaluate,
        name="goal-evaluate",
    ),
    path(
        "communities/<int:community_id>/goals/<slug:aspect>/validation/",
        validation_views.validation_invite,
        name="validation-invite",
    ),
    path(
        "communities/<int:community_id>/validations/<int:validation_id>/revoke/",
        validation_views.validation_revoke,
        name="validation-revoke",
    ),
    path(
        "validate/<str:token>/",
        validation_views.validation_public,
        name="validation-public",
    ),
    path("communities/<int:community_id>/hours/", views.hours, name="hours"),
    path(
        "communities/<int:community_id>/hours/<int:entry_id>/delete/",
        views.hours_delete,
        name="hours-delete",
    ),
]
