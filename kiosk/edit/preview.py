"""Preview: one panel of a draft rendered at the display's size by `kiosk render`, in its own process.

The draft is written to a hidden temporary file beside content.yaml (so the panel's images
resolve as they will on the display), with every other panel switched off and this one's
schedule lifted; `kiosk render` draws it offscreen. A file that crashes or hangs the renderer
costs that process only: the editor reports it and carries on.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from kiosk.edit.document import as_plain_yaml

RENDER_TIMEOUT_S = 90
_ONE_AT_A_TIME = threading.Semaphore(1)  # two renders at once would only share two cores


class PreviewError(Exception):
    """The preview could not be made; the message says why in one line."""


def only_panel(draft: dict[str, Any], index: int) -> dict[str, Any]:
    """The draft with panel ``index`` the only one playing, whatever its schedule."""
    shown = copy.deepcopy(draft)
    for number, panel in enumerate(shown.get("panels") or []):
        if isinstance(panel, dict):
            panel["enabled"] = number == index
            if number == index:
                panel.pop("show", None)
    return shown


def render_panel(content: Path, draft: dict[str, Any], index: int, size: tuple[int, int]) -> list[bytes]:
    """The PNGs of panel ``index`` of ``draft`` (one per page and language), made by `kiosk render`."""
    text = as_plain_yaml(only_panel(draft, index))
    with _ONE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="kiosk-preview-") as out:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{content.name}.preview-", suffix=".tmp",
                                                 dir=content.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
            result = _render(Path(temporary), Path(out), size)
        finally:
            Path(temporary).unlink(missing_ok=True)
        pictures = sorted(Path(out).glob("*.png"))
        if result.returncode != 0 or not pictures:
            last = (result.stderr.strip().splitlines() or ["no picture was made"])[-1]
            raise PreviewError(f"the preview could not be made: {last.replace(temporary, content.name)}")
        return [picture.read_bytes() for picture in pictures]


def _render(path: Path, out: Path, size: tuple[int, int]) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kiosk", "render", str(path), "--out", str(out),
               "--size", f"{size[0]}x{size[1]}"]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=RENDER_TIMEOUT_S, env=environment,
                              stdin=subprocess.DEVNULL, cwd=path.parent, check=False)
    except subprocess.TimeoutExpired:
        raise PreviewError(f"the preview took longer than {RENDER_TIMEOUT_S} s and was stopped") from None
