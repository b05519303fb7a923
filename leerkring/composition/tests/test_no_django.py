"""The composition core stays framework-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_importing_the_package_loads_no_django() -> None:
    code = (
        "import sys, leerkring.composition, leerkring.composition.__main__;"
        "import leerkring.composition.coaches as c;"
        "c.assign_coaches([], [[1, 2]]);"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django');"
        "print(','.join(bad))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == ""
