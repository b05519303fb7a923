from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="language"),
    path("me/", views.profile, name="profile"),
    path("me/export/", views.data_export, name="data-export"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("password/reset/", views.password_reset, name="password-reset"),
    path("login/link/", views.login_link_request, name="login-link-request"),
    path("login/link/sent/", views.login_link_sent, name="login-link-sent"),
    path("login/link/<uidb64>/<token>/", views.login_link, name="login-link"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
