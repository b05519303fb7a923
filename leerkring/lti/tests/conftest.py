from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from leerkring.lti.protocol import tool_jwks

from .platform import LocalPlatform


@pytest.fixture
def lms(demo_community: Any) -> Iterator[LocalPlatform]:
    """A running local platform, registered for the demo organisation."""
    platform = LocalPlatform().start()
    platform.register(demo_community.organisation)
    platform.tool_jwks = tool_jwks()
    yield platform
    platform.stop()


@pytest.fixture(autouse=True)
def plain_http_to_the_local_platform(settings: Any) -> None:
    """The local platform speaks plain HTTP on 127.0.0.1 (production: HTTPS)."""
    settings.LTI_ALLOW_HTTP = True
