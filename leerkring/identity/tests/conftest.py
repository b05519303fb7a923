from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from leerkring.communities.tests.factories import OrganisationFactory
from leerkring.identity.connect import connect_oidc, connect_saml
from leerkring.identity.models import Connection

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider, Person
from .saml_idp import SAMLIdP, posted_form


@pytest.fixture
def oidc_provider() -> Iterator[OIDCProvider]:
    provider = OIDCProvider(Person("pairwise-7f3a", "sanne@hogeschool.nl")).start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_connection(db: None, oidc_provider: OIDCProvider) -> Connection:
    return connect_oidc(
        organisation=OrganisationFactory(name="Hogeschool Test"),
        slug="hogeschool",
        label="SURFconext",
        domain="hogeschool.nl",
        server_url=oidc_provider.issuer,
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
    )


def sign_in_oidc(client: Any, connection: Connection) -> Any:
    """A browser's round trip: start at Leerkring, let the provider sign the
    person in, come back with the code. Returns Leerkring's last answer."""
    start = client.get(connection.login_url)
    assert start.status_code == 302, start.content
    at_provider = requests.get(start.url, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


@pytest.fixture
def saml_idp() -> Iterator[SAMLIdP]:
    idp = SAMLIdP(Person("pairwise-saml-42", "joris@hogeschool.nl", "Joris Bakker"))
    yield idp.start()
    idp.stop()


@pytest.fixture
def saml_connection(db: None, saml_idp: SAMLIdP, client: Any) -> Connection:
    # python3-saml refuses single-label hosts such as "testserver".
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    connection = connect_saml(
        organisation=OrganisationFactory(name="Hogeschool SAML"),
        slug="hogeschool-saml",
        label="SURFconext",
        domain="hogeschool.nl",
        idp_entity_id=saml_idp.entity_id,
        metadata_url=f"{saml_idp.base}/metadata",
    )
    metadata = client.get(reverse("saml_metadata", args=["hogeschool-saml"]))
    assert metadata.status_code == 200, metadata.content
    saml_idp.sp_metadata = metadata.content.decode()
    return connection


def sign_in_saml(client: Any, connection: Connection, idp: SAMLIdP) -> Any:
    """Start at Leerkring, let the IdP answer, post its answer back (as the
    browser's auto-submitting form would). Returns Leerkring's last answer and
    the posted fields (to replay them)."""
    start = client.get(connection.login_url)
    assert start.status_code == 302, start.content
    page = requests.get(start.url, timeout=10)
    assert page.status_code == 200, page.text
    action, fields = posted_form(page.text)
    return finish_saml(client, action, fields), (action, fields)


def finish_saml(client: Any, action: str, fields: dict[str, str]) -> Any:
    posted = client.post(urlparse(action).path, fields)
    assert posted.status_code == 302
    return client.get(posted.url)
