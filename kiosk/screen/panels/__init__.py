"""The panel kinds. Each module here registers one widget class for one ``kind``."""

from __future__ import annotations

import importlib
import pkgutil

from kiosk.screen.panels.base import PanelUnavailable, PanelWidget

_REGISTRY: dict[str, type[PanelWidget]] = {}
_discovered = False


def register(kind: str):
    """Class decorator: ``@register("counters")`` makes the widget the one for that kind."""
    def decorate(cls: type[PanelWidget]) -> type[PanelWidget]:
        _REGISTRY[kind] = cls
        return cls
    return decorate


def widget_class(kind: str) -> type[PanelWidget]:
    """The widget class for a kind, importing every panel module on first use."""
    _discover()
    return _REGISTRY[kind]


def _discover() -> None:
    """Import every panel module once; importing one directly must not hide the others."""
    global _discovered
    if _discovered:
        return
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
    _discovered = True


__all__ = ["PanelUnavailable", "PanelWidget", "register", "widget_class"]
