"""allauth's OIDC and SAML endpoints, made stricter where Leerkring needs it.

* OIDC: allauth skips the ID token's signature check when the token came
  straight from the token endpoint (allowed by OIDC Core §3.1.3.7 over TLS).
  Leerkring always checks it, and refuses user info that names another subject
  than the signed ID token.
* Both: an identity provider that cannot be reached gives a clear page.
* SAML: a single-logout request without a Host header is a 400, not a crash;
  a subject python3-saml cannot read (an empty NameID) and a response to a
  request that was already answered (a replay) get the same clear page as every
  other failure, not an error 500 or a bare 403.
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2CallbackView,
    OAuth2LoginView,
)
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from allauth.socialaccount.providers.saml import views as saml_views
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError

from . import failures
from .failures import SubjectMismatch


class VerifyingOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def complete_login(
        self, request: HttpRequest, app: Any, token: Any, **kwargs: Any
    ) -> Any:
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise SubjectMismatch("The token response has no ID token.")
        # allauth would skip the signature check after fetching the token itself.
        self.did_fetch_access_token = False
        claims = self._decode_id_token(app, id_token)
        userinfo = self._fetch_user_info(token.token)
        if not claims.get("sub") or userinfo.get("sub") != claims["sub"]:
            raise SubjectMismatch("The user info and the ID token name other subjects.")
        return self.get_provider().sociallogin_from_response(
            request, {"userinfo": userinfo, "id_token": claims}
        )


def oidc_login(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _reachable(lambda: _oidc(OAuth2LoginView, request, provider_id), request)


def oidc_callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _oidc(OAuth2CallbackView, request, provider_id)


def _oidc(view: Any, request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        adapter = VerifyingOIDCAdapter(request, provider_id)
        return view.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


def saml_login(request: HttpRequest, organization_slug: str) -> HttpResponse:
    return _reachable(
        lambda: saml_views.login(request, organization_slug=organization_slug), request
    )


def _reachable(start: Any, request: HttpRequest) -> HttpResponse:
    """Start a sign-in; an identity provider whose discovery document or
    metadata cannot be fetched gets a clear page, not an error 500."""
    try:
        response: HttpResponse = start()
    except OSError:  # requests' and urllib's connection errors
        failures.record(request, None, failures.Reason.UNREACHABLE)
        return failures.refuse(request, failures.Reason.UNREACHABLE)
    return response


def saml_finish_acs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    try:
        return saml_views.finish_acs(request, organization_slug=organization_slug)
    except (
        PermissionDenied,
        OneLogin_Saml2_Error,
        OneLogin_Saml2_ValidationError,
    ) as error:
        # PermissionDenied: the request this answers was already answered (replay);
        # python3-saml's errors from reading the subject (e.g. an empty NameID).
        app = saml_views.get_app_or_404(request, organization_slug)
        return render_authentication_error(
            request,
            app.get_provider(request),
            exception=error,
            extra_context={"saml_last_error_reason": str(error)},
        )


def saml_sls(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's single-logout endpoint, refusing a request without a Host
    header (python3-saml needs it to check the destination) with a 400."""
    if "HTTP_HOST" not in request.META:
        return HttpResponseBadRequest(
            "Host header required.", content_type="text/plain"
        )
    return saml_views.sls(request, organization_slug=organization_slug)
