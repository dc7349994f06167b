"""pydantic without its plugin discovery: the kiosk uses no pydantic plugins.

Each model class pydantic builds asks ``pydantic.plugin._loader.get_plugins()`` for plugins, and
that module imports ``importlib.metadata`` (and with it email, zipfile, csv: 58 modules, ~2.7 MB
of PSS and ~19 ms of the start, measured in a bare interpreter) to scan every installed package's
entry points. A stand-in that finds none takes its place for the life of the process: what
``PYDANTIC_DISABLE_PLUGINS=__all__`` does, without the import.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from types import ModuleType

LOADER = "pydantic.plugin._loader"


def no_plugins() -> Iterable[object]:
    return ()


def turn_plugins_off() -> None:
    """Before the first model class is built; does nothing if pydantic's loader is already in."""
    if LOADER not in sys.modules:
        stand_in = ModuleType(LOADER, "stands in for pydantic's plugin loader (kiosk/core/content/plugins_off.py)")
        stand_in.get_plugins = no_plugins  # type: ignore[attr-defined]
        sys.modules[LOADER] = stand_in
