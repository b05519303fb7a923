"""A SAML 2.0 identity provider (pysaml2, signing with Debian's xmlsec1) that the
tests start on 127.0.0.1.

It publishes its metadata over HTTP (Leerkring reads it, as it reads
SURFconext's), answers an AuthnRequest sent with the HTTP-Redirect binding with
a signed Response for the HTTP-POST binding, and names the person with a
persistent (pairwise) NameID. ``faults`` makes it sign with a key that is not
in its metadata, address another audience, send an expired assertion, or
leave the subject (NameID) empty.
"""

from __future__ import annotations

import datetime
import html
import re
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from .oidc_provider import Person

OTHER_SP = "https://another-application.example/sp"


def _key_pair(folder: Path, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test idp")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


@dataclass
class SAMLIdP:
    person: Person = field(default_factory=lambda: Person("pairwise-1", "s@x.nl"))
    faults: set[str] = field(default_factory=set)
    sp_metadata: str = ""
    server: ThreadingHTTPServer | None = None
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp()))

    def __post_init__(self) -> None:
        self.keys = _key_pair(self.folder, "idp")
        self.rogue_keys = _key_pair(self.folder, "rogue")

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]:d}"

    @property
    def entity_id(self) -> str:
        return f"{self.base}/metadata"

    def start(self) -> SAMLIdP:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                idp.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def config(self, *, rogue: bool = False) -> IdPConfig:
        key_file, cert_file = self.rogue_keys if rogue else self.keys
        lifetime = -30 if "expired" in self.faults else 15
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base}/sso", BINDING_HTTP_REDIRECT)
                            ]
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": lifetime},
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": key_file,
                "cert_file": cert_file,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "metadata": {"inline": self._known_sps()} if self.sp_metadata else {},
            }
        )
        return config

    def _known_sps(self) -> list[str]:
        """Leerkring, and another application (for the wrong-audience fault)."""
        entity_id = re.search(r'entityID="([^"]+)"', self.sp_metadata).group(1)
        other = self.sp_metadata.replace(entity_id, OTHER_SP)
        return [self.sp_metadata, other]

    def handle(self, http: BaseHTTPRequestHandler) -> None:
        url = urlparse(http.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/metadata":
            body = str(entity_descriptor(self.config())).encode()
            return self._send(http, body, "text/xml")
        if url.path == "/sso":
            return self._send(http, self.sso(query).encode(), "text/html")
        return self._send(http, b"not found", "text/plain", 404)

    def sso(self, query: dict[str, str]) -> str:
        """Signs ``person`` in at once and returns the auto-posting form."""
        server = Server(config=self.config())
        request = server.parse_authn_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT
        ).message
        args = server.response_args(request, [BINDING_HTTP_POST])
        if "audience" in self.faults:
            args["sp_entity_id"] = OTHER_SP
        signer = (
            Server(config=self.config(rogue=True))
            if "signature" in self.faults
            else server
        )
        response = signer.create_authn_response(
            {
                "mail": [self.person.email],
                "givenName": [self.person.name.split()[0]],
                "sn": [self.person.name.split(maxsplit=1)[-1]],
                "eduPersonAffiliation": self.person.affiliation,
            },
            userid=self.person.sub,
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT,
                text="" if "subject" in self.faults else self.person.sub,
            ),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_assertion=True,
            sign_response=True,
            sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
            **args,
        )
        relay = html.escape(query.get("RelayState", ""))
        encoded = signer.apply_binding(
            BINDING_HTTP_POST, str(response), args["destination"], relay, response=True
        )["data"]
        return encoded

    @staticmethod
    def _send(
        http: BaseHTTPRequestHandler, body: bytes, kind: str, status: int = 200
    ) -> None:
        http.send_response(status)
        http.send_header("Content-Type", kind)
        http.send_header("Content-Length", str(len(body)))
        http.end_headers()
        http.wfile.write(body)


def posted_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and fields of the IdP's auto-posting form."""
    action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', page)
    }
    return action, fields
