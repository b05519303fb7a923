from django.urls import path

from . import views

app_name = "cohorts"
urlpatterns = [
    path(
        "organisations/<int:organisation_id>/cohorts/",
        views.cohort_list,
        name="cohort-list",
    ),
    path(
        "organisations/<int:organisation_id>/cohorts/upload/",
        views.cohort_upload,
        name="cohort-upload",
    ),
    path(
        "organisations/<int:organisation_id>/cohorts/template.<str:fmt>",
        views.cohort_template,
        name="cohort-template",
    ),
    path(
        "organisations/<int:organisation_id>/cohorts/roles/",
        views.role_list,
        name="role-list",
    ),
    path(
        "organisations/<int:organisation_id>/cohorts/roles/<int:role_id>/delete/",
        views.role_delete,
        name="role-delete",
    ),
    path("cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort-detail"),
    path("cohorts/<int:cohort_id>/erase/", views.cohort_erase, name="cohort-erase"),
    path("cohorts/<int:cohort_id>/delete/", views.cohort_delete, name="cohort-delete"),
    path(
        "cohorts/<int:cohort_id>/members/<int:member_id>/erase/",
        views.member_erase,
        name="member-erase",
    ),
    path("cohorts/<int:cohort_id>/rules/", views.rule_create, name="rule-create"),
    path(
        "cohorts/<int:cohort_id>/rules/<int:rule_id>/delete/",
        views.rule_delete,
        name="rule-delete",
    ),
    path("cohorts/<int:cohort_id>/coaches/", views.coach_create, name="coach-create"),
    path(
        "cohorts/<int:cohort_id>/coaches/<int:coach_id>/delete/",
        views.coach_delete,
        name="coach-delete",
    ),
    path("cohorts/<int:cohort_id>/compose/", views.compose, name="compose"),
    path(
        "cohorts/proposals/<int:proposal_id>/",
        views.proposal_detail,
        name="proposal-detail",
    ),
    path(
        "cohorts/proposals/<int:proposal_id>/move/",
        views.proposal_move,
        name="proposal-move",
    ),
    path(
        "cohorts/proposals/<int:proposal_id>/rerun/",
        views.proposal_rerun,
        name="proposal-rerun",
    ),
    path(
        "cohorts/proposals/<int:proposal_id>/accept/",
        views.proposal_accept,
        name="proposal-accept",
    ),
]
