"""An admin moves accounts to new identifiers when an institution changes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.management import CommandError, call_command

from leerkring.accounts.tests.factories import UserFactory
from leerkring.core import personal_data
from leerkring.core.models import AuditAction, AuditEvent

from .conftest import sign_in_oidc

pytestmark = pytest.mark.django_db


def test_relinking_moves_subjects_and_keeps_accounts(
    client: Any, oidc_connection: Any, oidc_provider: Any, tmp_path: Path
) -> None:
    sign_in_oidc(client, oidc_connection)
    user = SocialAccount.objects.get().user
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("pairwise-7f3a,new-pairwise-7f3a\nunknown-old,unknown-new\n")
    call_command("relink_sso_subjects", "hogeschool", str(mapping))
    assert SocialAccount.objects.get().uid == "new-pairwise-7f3a"
    assert AuditEvent.objects.get(action=AuditAction.SSO_RELINKED).detail == {
        "moved": 1
    }
    # The institution now sends the new identifier: the same account signs in.
    client.logout()
    oidc_provider.person.sub = "new-pairwise-7f3a"
    sign_in_oidc(client, oidc_connection)
    assert int(client.session["_auth_user_id"]) == user.pk


def test_relinking_onto_a_subject_in_use_moves_nothing(
    oidc_connection: Any, tmp_path: Path
) -> None:
    provider = oidc_connection.app.provider_id
    SocialAccount.objects.create(user=UserFactory(), provider=provider, uid="a")
    SocialAccount.objects.create(user=UserFactory(), provider=provider, uid="b")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("a,b\n")
    with pytest.raises(CommandError, match="nothing moved"):
        call_command("relink_sso_subjects", provider, str(mapping))
    assert set(SocialAccount.objects.values_list("uid", flat=True)) == {"a", "b"}


def test_the_sign_in_is_in_the_export_and_goes_with_the_account(
    client: Any, oidc_connection: Any
) -> None:
    sign_in_oidc(client, oidc_connection)
    user = SocialAccount.objects.get().user
    exported = personal_data.export(user)["identity"]["sign_ins"]
    assert exported[0]["subject"] == "pairwise-7f3a"
    assert exported[0]["affiliation"] == ["employee", "member"]
    personal_data.erase(user)
    assert not SocialAccount.objects.exists()


def test_connect_sso_creates_a_connection_and_names_the_redirect_uri(
    db: None, capsys: Any
) -> None:
    from leerkring.communities.tests.factories import OrganisationFactory
    from leerkring.identity.models import Connection

    OrganisationFactory(name="Hogeschool Oostland")
    call_command(
        "connect_sso",
        "oidc",
        "Hogeschool Oostland",
        "oostland",
        "Oostland.nl",
        "--server-url",
        "https://connect.test.surfconext.nl",
        "--client-id",
        "leerkring",
        "--secret",
        "s",
        "--sso-only",
    )
    connection = Connection.objects.get()
    assert (connection.domain, connection.sso_only) == ("oostland.nl", True)
    assert connection.app.settings["oauth_pkce_enabled"] is True
    assert "/accounts/sso/oidc/oostland/login/callback/" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--metadata-url"):
        call_command("connect_sso", "saml", "Hogeschool Oostland", "o2", "o2.nl")


def test_someone_without_a_password_deletes_their_account_by_typing_the_address(
    client: Any, oidc_connection: Any
) -> None:
    """Signing in only through the institution: no password to ask, so the
    address confirms the deletion."""
    from django.urls import reverse

    from leerkring.accounts.models import User

    sign_in_oidc(client, oidc_connection)
    url = reverse("accounts:account-delete")
    wrong = client.post(url, {"password": "someone@else.nl"})
    assert wrong.status_code == 200
    assert User.objects.filter(email="sanne@hogeschool.nl").exists()
    assert client.post(url, {"password": "Sanne@Hogeschool.nl"}).status_code == 302
    assert not SocialAccount.objects.exists()
    assert not User.objects.filter(email="sanne@hogeschool.nl").exists()
