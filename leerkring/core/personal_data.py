"""Everything a person may take with them, and forgetting them (DESIGN.md §5).

Each app that stores something about a person has ``<app>/personal_data.py`` with
``export(user) -> dict`` and ``erase(user) -> None``. Erasing removes or anonymises
the person's own records; collective records (the community's track, agreements,
progress) stay, under an anonymous name.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditAction


def _modules() -> list[tuple[str, ModuleType]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("leerkring.") or config.name == __package__:
            continue
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.personal_data":
                raise
            continue
        found.append((config.label, module))
    return found


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
