"""A small OpenID Connect provider that the tests start on 127.0.0.1.

It speaks the real protocol over HTTP: discovery, JWKS, an authorization
endpoint (authorization-code flow, PKCE S256 required), a token endpoint that
returns an RS256-signed ID token, and user info. ``faults`` makes it misbehave
the way a broken or hostile provider would (another signing key, another
audience, an expired token, user info about someone else).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "leerkring-test-client"
CLIENT_SECRET = "test-secret-0123456789"


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Person:
    sub: str
    email: str
    name: str = "Sanne de Vries"
    affiliation: list[str] = field(default_factory=lambda: ["employee", "member"])


@dataclass
class OIDCProvider:
    person: Person = field(default_factory=lambda: Person("pairwise-1", "s@x.nl"))
    faults: set[str] = field(default_factory=set)
    seen: list[dict[str, Any]] = field(default_factory=list)
    key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    other_key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, Person] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]:d}"

    def start(self) -> OIDCProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                provider.handle(self, "GET")

            def do_POST(self) -> None:
                provider.handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # --- the endpoints -------------------------------------------------------

    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        url = urlparse(http.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if method == "POST":
            length = int(http.headers.get("Content-Length") or 0)
            body = http.rfile.read(length).decode()
            query.update({k: v[0] for k, v in parse_qs(body).items()})
        routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/jwks": self.jwks,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
        }
        handler = routes.get(url.path)
        if handler is None:
            return self._send(http, 404, {"error": "not_found"})
        handler(http, query)

    def discovery(self, http: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        self._send(
            http,
            200,
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )

    def jwks(self, http: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update(kid="test-key", use="sig", alg="RS256")
        self._send(http, 200, {"keys": [jwk]})

    def authorize(self, http: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        """Signs ``person`` in at once (a real provider would ask for a password)."""
        self.seen.append(dict(query))
        if (
            query.get("client_id") != CLIENT_ID
            or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
        ):
            return self._send(http, 400, {"error": "invalid_request"})
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**query, "person": self.person}
        target = (
            query["redirect_uri"]
            + "?"
            + urlencode({"code": code, "state": query.get("state", "")})
        )
        http.send_response(302)
        http.send_header("Location", target)
        http.end_headers()

    def token(self, http: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        grant = self.codes.pop(query.get("code", ""), None)  # single use
        verifier = query.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            grant is None
            or query.get("client_id") != CLIENT_ID
            or query.get("client_secret") != CLIENT_SECRET
            or query.get("redirect_uri") != grant["redirect_uri"]
            or challenge != grant["code_challenge"]
        ):
            return self._send(http, 400, {"error": "invalid_grant"})
        person: Person = grant["person"]
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = person
        now = int(time.time())
        expired = "expired" in self.faults
        claims = {
            "iss": self.issuer,
            "sub": person.sub,
            "aud": "someone-else" if "audience" in self.faults else CLIENT_ID,
            "iat": now - 7200 if expired else now,
            "exp": now - 3600 if expired else now + 300,
            "email": person.email,
            "name": person.name,
        }
        key = self.other_key if "signature" in self.faults else self.key
        id_token = jwt.encode(
            claims, key, algorithm="RS256", headers={"kid": "test-key"}
        )
        self._send(
            http,
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def userinfo(self, http: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        bearer = (http.headers.get("Authorization") or "").removeprefix("Bearer ")
        person = self.tokens.get(bearer)
        if person is None:
            return self._send(http, 401, {"error": "invalid_token"})
        sub = "someone-else" if "subject" in self.faults else person.sub
        self._send(
            http,
            200,
            {
                "sub": sub,
                "email": person.email,
                "email_verified": True,
                "name": person.name,
                "eduperson_affiliation": person.affiliation,
                "schac_home_organization": "example.nl",
            },
        )

    @staticmethod
    def _send(http: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        http.send_response(status)
        http.send_header("Content-Type", "application/json")
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        http.wfile.write(data)
