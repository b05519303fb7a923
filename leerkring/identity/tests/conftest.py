from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
import requests

from leerkring.communities.tests.factories import OrganisationFactory
from leerkring.identity.connect import connect_oidc
from leerkring.identity.models import Connection

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider, Person


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
    start = client.post(connection.login_url)
    assert start.status_code == 302, start.content
    at_provider = requests.get(start.url, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")
