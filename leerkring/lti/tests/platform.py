"""A small LTI 1.3 platform (an LMS as far as Leerkring can tell), started by the
tests on 127.0.0.1: its own RSA key and JWKS, an OIDC authorisation endpoint that
answers with a signed id_token in an auto-posting form, an OAuth2 token endpoint
that checks Leerkring's signed client assertion, and Names and Role Provisioning
Services. Real HTTP, real signatures; nothing of Leerkring is mocked."""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from leerkring.lti.models import Deployment, Platform
from leerkring.lti.protocol import (
    CLAIM,
    DEEP_LINKING,
    DL_CLAIM,
    INSTRUCTOR,
    LEARNER,
    NRPS_CLAIM,
    NRPS_MEDIA,
    RESOURCE_LINK,
)
from leerkring.lti.registration import PLATFORM_CONFIGURATION, TOOL_CONFIGURATION


@dataclass
class Person:
    sub: str
    name: str
    email: str
    roles: list[str]


@dataclass
class LocalPlatform:
    client_id: str = "leerkring-tool"
    deployment_id: str = "deployment-1"
    context_id: str = "course-101"
    context_title: str = "Onderwijsinnovatie 101"
    key: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(
            2048, parameters={"kid": "platform-key", "alg": "RS256", "use": "sig"}
        )
    )
    people: dict[str, Person] = field(default_factory=dict)
    launches: dict[str, dict[str, Any]] = field(default_factory=dict)
    tool_jwks: dict[str, Any] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    received: list[dict[str, Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    host: str = "127.0.0.1"  # the name in its URLs (a browser test: localhost)
    registration_token: str = "one-time-registration-token"
    registrations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://{self.host}:{self.server.server_address[1]}"

    def start(self) -> LocalPlatform:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def register(self, organisation: Any) -> Platform:
        """What an administrator enters in Leerkring for this LMS."""
        platform = Platform.objects.create(
            organisation=organisation,
            name="Brightspace (test)",
            issuer=self.url,
            client_id=self.client_id,
            login_url=f"{self.url}/auth",
            token_url=f"{self.url}/token",
            jwks_url=f"{self.url}/jwks",
        )
        Deployment.objects.create(platform=platform, deployment_id=self.deployment_id)
        return platform

    def add(self, sub: str, name: str, email: str, *roles: str) -> Person:
        person = Person(sub, name, email, list(roles) or [LEARNER])
        self.people[sub] = person
        return person

    def id_token(self, person: Person, *, nonce: str, hint: str = "") -> str:
        extra = self.launches.get(hint, {})
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": self.client_id,
            "sub": person.sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": person.name,
            "email": person.email,
            CLAIM + "version": "1.3.0",
            CLAIM + "message_type": extra.get("message_type", RESOURCE_LINK),
            CLAIM + "deployment_id": extra.get("deployment_id", self.deployment_id),
            CLAIM + "roles": extra.get("roles", person.roles),
            CLAIM + "target_link_uri": "http://testserver/lti/launch/",
            CLAIM + "resource_link": {"id": "link-1"},
            CLAIM + "context": {"id": self.context_id, "title": self.context_title},
            CLAIM + "custom": extra.get("custom", {}),
            NRPS_CLAIM: {
                "context_memberships_url": f"{self.url}/nrps/{self.context_id}",
                "service_versions": ["2.0"],
            },
        }
        if claims[CLAIM + "message_type"] == DEEP_LINKING:
            claims[DL_CLAIM + "deep_linking_settings"] = {
                "deep_link_return_url": f"{self.url}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "data": "opaque-data",
            }
        return jwt.encode({"alg": "RS256", "kid": "platform-key"}, claims, self.key)

    def authorize(self, query: dict[str, str]) -> tuple[str, dict[str, str]]:
        """The OIDC authorisation endpoint: the form the browser posts back."""
        assert query["response_type"] == "id_token"
        assert query["client_id"] == self.client_id
        person = self.people[query["login_hint"]]
        token = self.id_token(
            person, nonce=query["nonce"], hint=query.get("lti_message_hint", "")
        )
        return query["redirect_uri"], {"id_token": token, "state": query["state"]}

    def login_params(self, sub: str, hint: str = "") -> dict[str, str]:
        """What the LMS sends to Leerkring's login initiation URL."""
        params = {
            "iss": self.url,
            "login_hint": sub,
            "target_link_uri": "http://testserver/lti/launch/",
            "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id,
        }
        if hint:
            params["lti_message_hint"] = hint
        return params

    def openid_configuration(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/auth",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "registration_endpoint": f"{self.url}/register",
            PLATFORM_CONFIGURATION: {"product_family_code": "desire2learn"},
        }

    def members(self) -> dict[str, Any]:
        return {
            "id": f"{self.url}/nrps/{self.context_id}",
            "context": {"id": self.context_id, "title": self.context_title},
            "members": [
                {
                    "status": "Active",
                    "name": p.name,
                    "email": p.email,
                    "user_id": p.sub,
                    "roles": p.roles,
                }
                for p in self.people.values()
            ],
        }

    def check_assertion(self, assertion: str) -> bool:
        try:
            token = jwt.decode(
                assertion, KeySet.import_key_set(self.tool_jwks), algorithms=["RS256"]
            )
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.client_id},
                aud={"essential": True, "value": f"{self.url}/token"},
                exp={"essential": True},
            ).validate(token.claims)
        except Exception:
            return False
        return True


def _handler(platform: LocalPlatform) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path, _sep, raw = self.path.partition("?")
            query = dict(urllib.parse.parse_qsl(raw))
            if path == "/jwks":
                keys = {"keys": [platform.key.as_dict(private=False)]}
                return self._send(200, json.dumps(keys), "application/json")
            if path == "/auth":
                action, fields = platform.authorize(query)
                inputs = "".join(
                    f'<input type="hidden" name="{k}" value="{html.escape(v)}">'
                    for k, v in fields.items()
                )
                page = (
                    "<!doctype html><html lang='en'><title>LMS</title><body>"
                    f"<form method='post' action='{html.escape(action)}'>{inputs}"
                    "<button type='submit'>Continue to Leerkring</button></form>"
                    "<script>document.forms[0].submit()</script></body></html>"
                )
                return self._send(200, page, "text/html")
            if path == "/openid-configuration":
                return self._send(
                    200, json.dumps(platform.openid_configuration()), "application/json"
                )
            if path.startswith("/nrps/"):
                bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if bearer not in platform.tokens:
                    return self._send(401, "{}", "application/json")
                if self.headers.get("Accept") != NRPS_MEDIA:
                    return self._send(406, "{}", "application/json")
                return self._send(200, json.dumps(platform.members()), NRPS_MEDIA)
            return self._send(404, "{}", "application/json")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length).decode()
            if self.path == "/register":
                bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if bearer != platform.registration_token:
                    return self._send(401, "{}", "application/json")
                platform.registrations.append(json.loads(raw))
                registered = {
                    "client_id": platform.client_id,
                    TOOL_CONFIGURATION: {"deployment_id": platform.deployment_id},
                }
                return self._send(201, json.dumps(registered), "application/json")
            form = dict(urllib.parse.parse_qsl(raw))
            platform.received.append({"path": self.path, **form})
            if self.path == "/token":
                if form.get("grant_type") != "client_credentials" or not (
                    platform.check_assertion(form.get("client_assertion", ""))
                ):
                    return self._send(
                        400, '{"error": "invalid_client"}', "application/json"
                    )
                token = secrets.token_urlsafe(16)
                platform.tokens.add(token)
                answer = {
                    "access_token": token,
                    "token_type": "Bearer",
                    "expires_in": 3600,
                }
                return self._send(200, json.dumps(answer), "application/json")
            if self.path == "/deep-link-return":
                return self._send(
                    200,
                    "<!doctype html><title>Placed</title><p>Placed</p>",
                    "text/html",
                )
            return self._send(404, "{}", "application/json")

    return Handler


__all__ = ["INSTRUCTOR", "LEARNER", "LocalPlatform", "Person"]
