"""Everything a person may take with them, and forgetting them (DESIGN.md §5).

Each app that stores something about a person has ``<app>/personal_data.py`` with
``export(user) -> dict`` and ``erase(user) -> None``. Erasing removes or anonymises
the person's own records; collective records (the community's track, agreements,
progress) stay, under an anonymous name.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import audit
from .discovery import app_modules
from .models import AuditAction


def _modules() -> list[tuple[str, ModuleType]]:
    return [(config.label, module) for config, module in app_modules("personal_data")]


def export(user: Any) -> dict[str, Any]:
    """All of one person's data, per app, ready for ``json.dumps``."""
    return {
        "exported_at": timezone.now().isoformat(),
        "format": "leerkring-personal-data/1",
        **{label: module.export(user) for label, module in _modules()},
    }


@transaction.atomic
def erase(user: Any) -> None:
    """Forget the person: every app erases its part, then the account is anonymised."""
    # The account itself goes last: the apps may still need to know who it was.
    for _label, module in sorted(_modules(), key=lambda m: m[0] == "accounts"):
        module.erase(user)
    audit.record(AuditAction.ACCOUNT_DELETED, target=f"user:{user.pk}")
