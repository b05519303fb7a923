"""Who may use the sign-in URLs. The protocol endpoints are public by nature
(the identity provider's answers arrive without a Leerkring session); what they
accept is decided by signatures, state and audience (tests/test_oidc.py and
tests/test_saml.py), not by roles. An unknown connection is a 404."""

from django.urls import reverse

from leerkring.core.tests.matrix import ACTORS, ANON, LOGIN, Row, World, allow, everyone
from leerkring.identity.actions import link_token
from leerkring.identity.connect import connect_oidc, connect_saml
from leerkring.identity.models import LinkRequest


def extend(world: World) -> None:
    oidc = connect_oidc(
        organisation=world.organisation,
        slug="org-a",
        label="SURFconext",
        domain="org-a.example.nl",
        server_url="http://127.0.0.1:9/unreachable",
        client_id="client",
        secret="secret",
    )
    saml = connect_saml(
        organisation=world.other_organisation,
        slug="org-b",
        label="SURFconext",
        domain="org-b.example.nl",
        idp_entity_id="https://idp.example.nl",
        metadata_url="http://127.0.0.1:9/unreachable",
    )
    # The matrix's client calls itself "testserver" (a single-label host that
    # SAML refuses) and cannot reach an IdP: give the IdP's details inline.
    saml.app.settings["advanced"]["allow_single_label_domains"] = True
    saml.app.settings["idp"] = {
        "entity_id": "https://idp.example.nl",
        "sso_url": "https://idp.example.nl/sso",
        "x509cert": "",
    }
    saml.app.save()
    world.extra["sso_link"] = LinkRequest.objects.create(
        user=world.users["participant"], app=oidc.app, uid="pairwise-x"
    )


def _link(w: World) -> str:
    return reverse("identity:link-confirm", args=[link_token(w.sso_link)])


def _both(name: str, url, get: dict, post: dict) -> list[Row]:
    return [Row(name, url, get), Row(name, url, post, method="post")]


ROWS = [
    *_both("identity:link-confirm", _link, everyone(200), everyone(302)),
    *_both(
        "identity:sign-ins",
        lambda w: reverse("identity:sign-ins"),
        allow(*ACTORS[1:]),
        {**everyone(405), ANON: LOGIN},
    ),
    # The world's providers cannot be reached: a clear page (503), not a 500.
    *_both(
        "openid_connect_login",
        lambda w: reverse("openid_connect_login", args=["org-a"]),
        everyone(503),
        everyone(503),
    ),
    *_both(
        "openid_connect_callback",
        lambda w: reverse("openid_connect_callback", args=["org-a"]),
        everyone(401),
        everyone(401),
    ),
    *_both(
        "saml_login",
        lambda w: reverse("saml_login", args=["no-such-org"]),
        everyone(404),
        everyone(404),
    ),
    *_both(
        "saml_acs",
        lambda w: reverse("saml_acs", args=["org-b"]),
        everyone(302),
        everyone(302),
    ),
    *_both(
        "saml_finish_acs",
        lambda w: reverse("saml_finish_acs", args=["org-b"]),
        everyone(401),
        everyone(401),
    ),
    *_both(
        "saml_metadata",
        lambda w: reverse("saml_metadata", args=["org-b"]),
        everyone(200),
        everyone(200),
    ),
    *_both(
        "saml_sls",
        lambda w: reverse("saml_sls", args=["org-b"]),
        everyone(400),
        everyone(400),
    ),
    *_both(
        "socialaccount_login_cancelled",
        lambda w: reverse("socialaccount_login_cancelled"),
        everyone(200),
        everyone(405),
    ),
]
assert ANON in ACTORS
