from django.urls import path

from . import views

app_name = "communities"
urlpatterns = [
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation-detail",
    ),
    path(
        "organisations/<int:organisation_id>/communities/new/",
        views.community_create,
        name="community-create",
    ),
    path(
        "organisations/<int:organisation_id>/variants/",
        views.variant_list,
        name="variant-list",
    ),
    path(
        "communities/<int:community_id>/",
        views.community_detail,
        name="community-detail",
    ),
    path(
        "communities/<int:community_id>/edit/",
        views.community_edit,
        name="community-edit",
    ),
    path(
        "communities/<int:community_id>/invite/",
        views.member_invite,
        name="member-invite",
    ),
    path(
        "memberships/<int:membership_id>/edit/",
        views.membership_edit,
        name="membership-edit",
    ),
    path(
        "communities/<int:community_id>/ask-to-coach/",
        views.community_ask_to_coach,
        name="community-ask-to-coach",
    ),
    path(
        "role-changes/<int:role_change_id>/",
        views.role_change_detail,
        name="role-change-detail",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
