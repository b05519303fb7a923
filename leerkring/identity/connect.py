"""Connecting an organisation's identity provider (used by the management
command ``connect_sso``, the demo and the tests)."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from django.db import transaction

from leerkring.communities.models import Organisation

from .attributes import SAML_ATTRIBUTE_MAPPING
from .models import Connection


@transaction.atomic
def connect_oidc(
    *,
    organisation: Organisation,
    slug: str,
    label: str,
    domain: str,
    server_url: str,
    client_id: str,
    secret: str,
    sso_only: bool = False,
) -> Connection:
    """An OpenID Connect provider (SURFconext: https://connect.surfconext.nl),
    authorization-code flow with PKCE."""
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=slug,
        name=label[:40],
        client_id=client_id,
        secret=secret,
        settings={"server_url": server_url, "oauth_pkce_enabled": True},
    )
    return Connection.objects.create(
        organisation=organisation,
        app=app,
        label=label,
        domain=domain.lower(),
        sso_only=sso_only,
    )


@transaction.atomic
def connect_saml(
    *,
    organisation: Organisation,
    slug: str,
    label: str,
    domain: str,
    idp_entity_id: str,
    metadata_url: str,
    sp_entity_id: str = "",
    sso_only: bool = False,
) -> Connection:
    """A SAML 2.0 identity provider (SURFconext: its metadata URL); assertions
    must be signed, responses must answer a request Leerkring made."""
    app = SocialApp.objects.create(
        provider="saml",
        provider_id=slug,
        name=label[:40],
        client_id=slug,
        settings={
            "idp": {"entity_id": idp_entity_id, "metadata_url": metadata_url},
            "sp": {"entity_id": sp_entity_id} if sp_entity_id else {},
            "attribute_mapping": SAML_ATTRIBUTE_MAPPING,
            "advanced": {
                "want_assertion_signed": True,
                "want_name_id": True,
                "reject_idp_initiated_sso": True,
                "name_id_format": (
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
                ),
            },
        },
    )
    return Connection.objects.create(
        organisation=organisation,
        app=app,
        label=label,
        domain=domain.lower(),
        sso_only=sso_only,
    )
