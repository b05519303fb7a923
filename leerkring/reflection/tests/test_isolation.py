"""The package stands alone: no Django, nothing fetched from the network."""

from __future__ import annotations

import subprocess
import sys

from .conftest import DUTCH_ENTRY

_PROBE = f"""
import socket, sys

def _no_network(*args, **kwargs):
    raise RuntimeError("network access attempted")

socket.socket.connect = _no_network
socket.create_connection = _no_network
from leerkring.reflection import assess
result = assess({DUTCH_ENTRY!r})
assert 1 <= result.level <= 4
django = sorted(name for name in sys.modules if name.split(".")[0] == "django")
print(",".join(django) or "none")
"""


def test_assessing_imports_nothing_from_django_and_uses_no_network() -> None:
    """Importing and using the package in a fresh interpreter loads no django module."""
    completed = subprocess.run(  # noqa: S603 - fixed argv, our own probe
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.strip() == "none"
