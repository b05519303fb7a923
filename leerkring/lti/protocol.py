"""The LTI 1.3 protocol on joserfc: verifying a platform's id_token, Leerkring's
own key and JWKS, the deep-linking answer, and the Names and Role Provisioning
Services call (a client-credentials token with a signed assertion).

Why not pylti1p3 / django-lti: see docs/lti.md.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from .models import Platform, ToolKey, UsedNonce

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
NRPS_MEDIA = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
INSTRUCTOR = ROLE + "Instructor"
LEARNER = ROLE + "Learner"
RESOURCE_LINK = "LtiResourceLinkRequest"
DEEP_LINKING = "LtiDeepLinkingRequest"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TIMEOUT = 10


class LaunchError(Exception):
    """The launch is refused; the message (translated) says why."""


@dataclass(frozen=True)
class Launch:
    platform: Platform
    claims: dict[str, Any]

    @property
    def subject(self) -> str:
        return str(self.claims["sub"])

    @property
    def message_type(self) -> str:
        return str(self.claims[CLAIM + "message_type"])

    @property
    def roles(self) -> list[str]:
        return list(self.claims.get(CLAIM + "roles") or [])

    @property
    def is_instructor(self) -> bool:
        return INSTRUCTOR in self.roles

    @property
    def is_learner(self) -> bool:
        return LEARNER in self.roles

    @property
    def context(self) -> dict[str, Any]:
        return dict(self.claims.get(CLAIM + "context") or {})

    @property
    def custom(self) -> dict[str, Any]:
        return dict(self.claims.get(CLAIM + "custom") or {})

    @property
    def memberships_url(self) -> str:
        service = self.claims.get(NRPS_CLAIM) or {}
        return str(service.get("context_memberships_url", ""))

    @property
    def deep_linking(self) -> dict[str, Any]:
        return dict(self.claims.get(DL_CLAIM + "deep_linking_settings") or {})


def fetch_json(
    url: str, *, headers: dict[str, str] | None = None, data: bytes | None = None
) -> Any:
    """GET (or POST ``data``) and read JSON, over HTTPS only (plain HTTP only
    where ``LTI_ALLOW_HTTP`` says so: development and the tests' local
    platform); a platform that does not answer is a LaunchError, never a 500."""
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme != "https" and not (scheme == "http" and settings.LTI_ALLOW_HTTP):
        raise LaunchError(
            _("Leerkring only talks to a learning environment over HTTPS (%(url)s).")
            % {"url": url}
        )
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return json.loads(answer.read(1_000_000))
    except (OSError, ValueError) as error:
        raise LaunchError(
            _("The learning environment could not be reached (%(url)s).") % {"url": url}
        ) from error


def platform_keys(platform: Platform) -> KeySet:
    return KeySet.import_key_set(fetch_json(platform.jwks_url))


def verify_launch(*, id_token: str, nonce: str) -> Launch:
    """The id_token's signature, issuer, audience, expiry, nonce (once only),
    deployment and LTI version; a LaunchError for anything wrong."""
    try:
        payload = id_token.split(".")[1]
        unverified = json.loads(
            base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        )
        issuer, audience = unverified["iss"], unverified["aud"]
    except (IndexError, KeyError, ValueError, TypeError) as error:
        raise LaunchError(
            _("This is not a launch from a learning environment.")
        ) from error
    client_ids = audience if isinstance(audience, list) else [audience]
    platform = Platform.objects.filter(issuer=issuer, client_id__in=client_ids).first()
    if platform is None:
        raise LaunchError(_("This learning environment is not connected to Leerkring."))
    try:
        token = jwt.decode(id_token, platform_keys(platform), algorithms=["RS256"])
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": platform.issuer},
            aud={"essential": True, "value": platform.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise LaunchError(
            _("The launch could not be verified (signature, expiry or audience).")
        ) from error
    claims = token.claims
    if claims.get(CLAIM + "version") != "1.3.0" or claims.get(
        CLAIM + "message_type"
    ) not in (RESOURCE_LINK, DEEP_LINKING):
        raise LaunchError(_("Leerkring does not know this kind of launch."))
    deployment = claims.get(CLAIM + "deployment_id")
    if not platform.deployments.filter(deployment_id=deployment).exists():
        raise LaunchError(_("This deployment of Leerkring is not known."))
    _use_nonce(platform, nonce, int(claims["exp"]))
    return Launch(platform=platform, claims=claims)


def _use_nonce(platform: Platform, nonce: str, exp: int) -> None:
    UsedNonce.objects.filter(expires_at__lt=timezone.now()).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(
                platform=platform,
                nonce=nonce,
                expires_at=datetime.fromtimestamp(exp, tz=UTC),
            )
    except IntegrityError as error:
        raise LaunchError(
            _("This launch was already used; start again from the course.")
        ) from error


def tool_key() -> RSAKey:
    """Leerkring's signing key, made on first use."""
    found = ToolKey.objects.first()
    if found is None:
        kid = secrets.token_urlsafe(12)
        key = RSAKey.generate_key(
            2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"}
        )
        found, _created = ToolKey.objects.get_or_create(
            kid=kid, defaults={"private_jwk": key.as_dict(private=True)}
        )
    return RSAKey.import_key(found.private_jwk)


def tool_jwks() -> dict[str, Any]:
    return {"keys": [tool_key().as_dict(private=False)]}


def sign(claims: dict[str, Any]) -> str:
    key = tool_key()
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def deep_link_response(
    launch: Launch, *, title: str, url: str, custom: dict[str, str]
) -> str:
    """The signed LtiDeepLinkingResponse that places one link in the course."""
    now = int(time.time())
    return sign(
        {
            "iss": launch.platform.client_id,
            "aud": launch.platform.issuer,
            "iat": now,
            "exp": now + 600,
            "nonce": secrets.token_urlsafe(16),
            CLAIM + "deployment_id": launch.claims[CLAIM + "deployment_id"],
            CLAIM + "message_type": "LtiDeepLinkingResponse",
            CLAIM + "version": "1.3.0",
            DL_CLAIM + "data": launch.deep_linking.get("data", ""),
            DL_CLAIM + "content_items": [
                {
                    "type": "ltiResourceLink",
                    "title": title,
                    "url": url,
                    "custom": custom,
                }
            ],
        }
    )


def service_token(platform: Platform, scope: str) -> str:
    """An access token for a platform service (client credentials, RFC 7523)."""
    now = int(time.time())
    assertion = sign(
        {
            "iss": platform.client_id,
            "sub": platform.client_id,
            "aud": platform.token_url,
            "iat": now,
            "exp": now + 300,
            "jti": secrets.token_urlsafe(16),
        }
    )
    body = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": JWT_BEARER,
            "client_assertion": assertion,
            "scope": scope,
        }
    ).encode()
    answer = fetch_json(
        platform.token_url,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    return str(answer["access_token"])


def course_members(platform: Platform, memberships_url: str) -> list[dict[str, Any]]:
    """The course's people from Names and Role Provisioning Services."""
    token = service_token(platform, NRPS_SCOPE)
    answer = fetch_json(
        memberships_url,
        headers={"Authorization": f"Bearer {token}", "Accept": NRPS_MEDIA},
    )
    return [
        m for m in answer.get("members", []) if m.get("status", "Active") == "Active"
    ]
