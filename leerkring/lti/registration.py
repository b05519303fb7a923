"""LTI Dynamic Registration (1.0): the platform hands Leerkring its OpenID
configuration and a one-time registration token; Leerkring registers itself
and stores the platform and its deployment for the organisation whose signed
registration link the administrator used."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from leerkring.communities.models import Organisation

from .models import Deployment, Platform
from .protocol import NRPS_SCOPE, LaunchError, fetch_json

SALT = "leerkring.lti.registration"
MAX_AGE = 60 * 60 * 24 * 7  # a registration link works for a week
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"


def registration_token(organisation: Organisation) -> str:
    return signing.dumps(organisation.pk, salt=SALT)


def organisation_for(token: str) -> Organisation | None:
    try:
        pk = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return Organisation.objects.filter(pk=pk).first()


def tool_endpoints(absolute: Any) -> dict[str, str]:
    """Leerkring's URLs as an LMS needs them; ``absolute`` makes a URL name
    absolute (``request.build_absolute_uri(reverse(name))``)."""
    return {
        "login": absolute("lti:login"),
        "launch": absolute("lti:launch"),
        "jwks": absolute("lti:jwks"),
    }


def register(
    *,
    organisation: Organisation,
    openid_configuration: str,
    registration_token: str,
    endpoints: dict[str, str],
    client_name: str,
) -> Platform:
    headers = (
        {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
    )
    config = fetch_json(openid_configuration, headers=headers)
    issuer = str(config.get("issuer", ""))
    where = urllib.parse.urlsplit(openid_configuration)
    if not issuer or urllib.parse.urlsplit(issuer).netloc != where.netloc:
        raise LaunchError(_("The platform's configuration names another issuer."))
    domain = urllib.parse.urlsplit(endpoints["launch"]).netloc
    request = {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": endpoints["login"],
        "redirect_uris": [endpoints["launch"]],
        "client_name": client_name,
        "jwks_uri": endpoints["jwks"],
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": NRPS_SCOPE,
        TOOL_CONFIGURATION: {
            "domain": domain,
            "target_link_uri": endpoints["launch"],
            "claims": ["iss", "sub", "name", "email"],
            "messages": [
                {"type": "LtiResourceLinkRequest"},
                {"type": "LtiDeepLinkingRequest", "label": client_name},
            ],
        },
    }
    answer = fetch_json(
        str(config["registration_endpoint"]),
        data=json.dumps(request).encode(),
        headers={**headers, "Content-Type": "application/json"},
    )
    try:
        client_id = str(answer["client_id"])
        deployment_id = str(answer[TOOL_CONFIGURATION]["deployment_id"])
    except (KeyError, TypeError) as error:
        raise LaunchError(
            _("The platform did not confirm the registration.")
        ) from error
    return _store(organisation, config, client_id, deployment_id)


@transaction.atomic
def _store(
    organisation: Organisation,
    config: dict[str, Any],
    client_id: str,
    deployment_id: str,
) -> Platform:
    platform_name = (config.get(PLATFORM_CONFIGURATION) or {}).get(
        "product_family_code"
    )
    platform, _created = Platform.objects.update_or_create(
        issuer=str(config["issuer"]),
        client_id=client_id,
        defaults={
            "organisation": organisation,
            "name": str(platform_name or config["issuer"])[:200],
            "login_url": str(config["authorization_endpoint"]),
            "token_url": str(config["token_endpoint"]),
            "jwks_url": str(config["jwks_uri"]),
        },
    )
    Deployment.objects.get_or_create(platform=platform, deployment_id=deployment_id)
    return platform
