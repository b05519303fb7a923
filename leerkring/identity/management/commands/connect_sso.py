"""Connect an organisation's identity provider (see README, "Signing in with
SURFconext").

    manage.py connect_sso oidc "Hogeschool Oostland" oostland oostland.nl \\
        --server-url https://connect.surfconext.nl --client-id ... --secret ...
    manage.py connect_sso saml "Hogeschool Oostland" oostland oostland.nl \\
        --metadata-url https://metadata.surfconext.nl/idp-metadata.xml \\
        --idp-entity-id https://engine.surfconext.nl/authentication/idp/metadata

``--sso-only`` makes the identity provider the only way in for the domain.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from leerkring.communities.models import Organisation
from leerkring.identity.connect import connect_oidc, connect_saml


class Command(BaseCommand):
    help = "Connect an organisation's identity provider (OIDC or SAML)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("protocol", choices=["oidc", "saml"])
        parser.add_argument("organisation", help="the organisation's name")
        parser.add_argument("slug", help="short name used in the URLs, e.g. oostland")
        parser.add_argument("domain", help="the organisation's e-mail domain")
        parser.add_argument("--label", default="SURFconext")
        parser.add_argument("--sso-only", action="store_true")
        parser.add_argument("--server-url", help="OIDC: the issuer")
        parser.add_argument("--client-id", help="OIDC: the client id")
        parser.add_argument("--secret", help="OIDC: the client secret")
        parser.add_argument("--metadata-url", help="SAML: the IdP's metadata URL")
        parser.add_argument("--idp-entity-id", help="SAML: the IdP's entity ID")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        common = {
            "organisation": organisation,
            "slug": options["slug"],
            "label": options["label"],
            "domain": options["domain"],
            "sso_only": options["sso_only"],
        }
        if options["protocol"] == "oidc":
            self._require(options, "server_url", "client_id", "secret")
            connect_oidc(
                **common,
                server_url=options["server_url"],
                client_id=options["client_id"],
                secret=options["secret"],
            )
            path = reverse("openid_connect_callback", args=[options["slug"]])
            self.stdout.write(f"Redirect URI to register: <SITE_URL>{path}")
        else:
            self._require(options, "metadata_url", "idp_entity_id")
            connect_saml(
                **common,
                idp_entity_id=options["idp_entity_id"],
                metadata_url=options["metadata_url"],
            )
            path = reverse("saml_metadata", args=[options["slug"]])
            self.stdout.write(f"Entity ID and metadata URL: <SITE_URL>{path}")

    @staticmethod
    def _require(options: dict[str, Any], *names: str) -> None:
        missing = [f"--{n.replace('_', '-')}" for n in names if not options.get(n)]
        if missing:
            raise CommandError(f"Also give {', '.join(missing)}.")
