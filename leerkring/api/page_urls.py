from django.urls import path

from . import views

app_name = "tokens"
urlpatterns = [
    path("accounts/me/api-tokens/", views.token_list, name="token-list"),
    path(
        "accounts/me/api-tokens/<int:token_id>/revoke/",
        views.token_revoke,
        name="token-revoke",
    ),
]
