"""Sign-in through an institution. allauth's own URL names are kept (its flows
reverse them), but only the endpoints Leerkring uses are mounted."""

from allauth.socialaccount.providers.saml import views as saml_views
from django.urls import URLPattern, URLResolver, include, path

from . import protocols, views

app_name = "identity"
urlpatterns = [
    path("link/<str:token>/", views.link_confirm, name="link-confirm"),
    path("me/", views.sign_ins, name="sign-ins"),
]

# Not namespaced: allauth reverses these names.
protocol_urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "oidc/<str:provider_id>/login/",
        protocols.oidc_login,
        name="openid_connect_login",
    ),
    path(
        "oidc/<str:provider_id>/login/callback/",
        protocols.oidc_callback,
        name="openid_connect_callback",
    ),
    path(
        "saml/<str:organization_slug>/",
        include(
            [
                path("login/", protocols.saml_login, name="saml_login"),
                path("acs/", saml_views.acs, name="saml_acs"),
                path("acs/finish/", protocols.saml_finish_acs, name="saml_finish_acs"),
                path("metadata/", saml_views.metadata, name="saml_metadata"),
                path("sls/", protocols.saml_sls, name="saml_sls"),
            ]
        ),
    ),
    path(
        "cancelled/",
        views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
]
