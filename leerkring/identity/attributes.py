"""The few attributes Leerkring asks an identity provider for.

Name and e-mail address go on the account; the affiliation (student, employee,
…) is kept only as a hint for the person themselves: it never grants a role —
roles come from invitations that the person accepts (DESIGN.md §5).
"""

from __future__ import annotations

from typing import Any

# SURFconext's OIDC claim and the SAML attribute names (URN and OID forms).
AFFILIATION_KEYS = (
    "eduperson_affiliation",
    "urn:mace:dir:attribute-def:eduPersonAffiliation",
    "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
)
SAML_ATTRIBUTE_MAPPING = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:pairwise-id"],
    "email": ["urn:mace:dir:attribute-def:mail", "urn:oid:0.9.2342.19200300.100.1.3"],
    "first_name": ["urn:mace:dir:attribute-def:givenName", "urn:oid:2.5.4.42"],
    "last_name": ["urn:mace:dir:attribute-def:sn", "urn:oid:2.5.4.4"],
    "name": [
        "urn:mace:dir:attribute-def:displayName",
        "urn:oid:2.16.840.1.113730.3.1.241",
    ],
}


def affiliation_hint(extra_data: Any) -> list[str]:
    """The affiliation values in what the provider sent (OIDC: userinfo or ID
    token claims; SAML: the attribute statement), lower-case, at most five."""
    sources = [extra_data]
    if isinstance(extra_data, dict):
        sources += [extra_data.get("userinfo"), extra_data.get("id_token")]
    for source in sources:
        if not isinstance(source, dict):
            continue
        for key in AFFILIATION_KEYS:
            value = source.get(key)
            if value:
                values = [value] if isinstance(value, str) else list(value)
                return [str(v).lower()[:40] for v in values[:5]]
    return []
