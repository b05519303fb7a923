from __future__ import annotations

from typing import Any

import pytest

from leerkring.communities.tests.factories import (
    OrganisationFactory,
    ProgrammeLeadFactory,
)


@pytest.fixture
def lead_role(db: None) -> Any:
    """A programme lead of an organisation (role row with .user and .organisation)."""
    return ProgrammeLeadFactory(
        organisation=OrganisationFactory(name="Hogeschool Test"),
        # Not one of the uploaded "persoonN@…" addresses: nobody invites themself.
        user__email="programmaleider@example.nl",
    )


@pytest.fixture
def lead_client(client: Any, lead_role: Any) -> Any:
    client.force_login(lead_role.user)
    return client
