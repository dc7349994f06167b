"""The layers on disk: import-linter's contracts hold, the core imports no Qt, and the README maps every module."""

from __future__ import annotations

import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kiosk
from tests.conftest import ROOT

LAYERS = ("core", "screen", "playback", "export", "run", "setup")


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_core_module_imports_without_qt():
    core = [name for _, name, _ in pkgutil.walk_packages([str(ROOT / "kiosk" / "core")], "kiosk.core.")]
    code = (f"import sys, importlib; [importlib.import_module(m) for m in {core!r}]; "
            "assert not any(m.startswith(('PySide6', 'shiboken6', 'qtawesome')) for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    assert "kiosk.core.content.model" in core and "kiosk.core.playlist" in core


def test_kiosk_holds_only_layers_and_entry_points():
    top = {path.name for path in (ROOT / "kiosk").iterdir() if not path.name.startswith(("__pycache__", "."))}
    assert top == {"__init__.py", "__main__.py", "cli.py", "app.py", *LAYERS}


def test_readme_code_map_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout of the code"):]
    named = set(re.findall(r"[\w]+\.py", layout))
    modules = {path.name for path in Path(kiosk.__file__).parent.rglob("*.py") if path.name != "__init__.py"}
    assert modules - named == set(), "README's 'Layout of the code' misses these modules"
