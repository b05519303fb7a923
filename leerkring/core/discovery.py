"""Finding what each Leerkring app contributes, by module name.

Apps contribute without editing shared files: ``<app>/demo.py``,
``<app>/personal_data.py``, ``<app>/api.py``, ``<app>/tests/authz.py``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from django.apps import AppConfig, apps


def app_modules(
    name: str, *, include_core: bool = False
) -> list[tuple[AppConfig, ModuleType]]:
    """Each Leerkring app's ``<app>.<name>`` module, in INSTALLED_APPS order.

    ``core`` is left out unless asked for: its own ``personal_data`` is the
    collector. An app without the module is skipped, but an error inside
    an existing module is raised.
    """
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("leerkring."):
            continue
        if config.name == __package__ and not include_core:
            continue
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{name}":
                raise
            continue
        found.append((config, module))
    return found
