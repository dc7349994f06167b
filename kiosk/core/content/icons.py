"""Which qtawesome icon names exist and how to draw them, read from its charmaps without importing Qt."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

# qtawesome's prefixes and the charmap file each reads (see qtawesome._BUNDLED_FONTS).
_CHARMAPS = {
    "fa5": "fontawesome5-regular-webfont-charmap-*.json",
    "fa5s": "fontawesome5-solid-webfont-charmap-*.json",
    "fa5b": "fontawesome5-brands-webfont-charmap-*.json",
    "fa6": "fontawesome6-regular-webfont-charmap-*.json",
    "fa6s": "fontawesome6-solid-webfont-charmap-*.json",
    "fa6b": "fontawesome6-brands-webfont-charmap-*.json",
    "ei": "elusiveicons-webfont-charmap-*.json",
    "mdi": "materialdesignicons5-webfont-charmap-*.json",
    "mdi6": "materialdesignicons6-webfont-charmap-*.json",
    "ph": "phosphor-charmap-*.json",
    "ri": "remixicon-charmap-*.json",
    "msc": "codicon-charmap-*.json",
}


def _fonts_dir() -> Path:
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("qtawesome is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _codes(prefix: str) -> dict[str, str]:
    pattern = _CHARMAPS.get(prefix)
    for charmap in sorted(_fonts_dir().glob(pattern)) if pattern else ():
        return json.loads(charmap.read_text(encoding="utf-8"))
    return {}


def icon_exists(name: str) -> bool:
    """True when qtawesome has icon ``name`` (``fa5s.baby``): the content's icon check."""
    prefix, _, icon = name.partition(".")
    return bool(icon) and icon in _codes(prefix)


def icon_glyph(name: str) -> tuple[Path, str] | None:
    """The font file and the character that draw icon ``name``, or None if there is no such icon."""
    prefix, _, icon = name.partition(".")
    code = _codes(prefix).get(icon)
    if code is None:
        return None
    font_pattern = _CHARMAPS[prefix].replace("-charmap-", "-").replace(".json", ".ttf")
    return sorted(_fonts_dir().glob(font_pattern))[0], chr(int(code, 16))
