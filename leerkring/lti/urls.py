from django.urls import path

from . import views

app_name = "lti"
urlpatterns = [
    path("lti/login/", views.login_initiation, name="login"),
    path("lti/launch/", views.launch, name="launch"),
    path("lti/jwks/", views.jwks, name="jwks"),
    path("lti/", views.landing, name="landing"),
    path("lti/link/", views.link, name="link"),
    path("lti/bind/", views.bind, name="bind"),
    path("lti/join/", views.join, name="join"),
    path("lti/deep-link/", views.deep_link, name="deep-link"),
    path("lti/register/<str:token>/", views.register, name="register"),
    path(
        "organisations/<int:organisation_id>/lms/",
        views.organisation_lms,
        name="organisation-lms",
    ),
    path(
        "communities/<int:community_id>/lms/",
        views.community_courses,
        name="community-courses",
    ),
    path(
        "lti/courses/<int:course_id>/members/",
        views.course_members_page,
        name="course-members",
    ),
]
