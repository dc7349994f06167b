"""The layers on disk: import-linter's contracts hold, the core imports no Qt, and the README maps every module."""

from __future__ import annotations

import ast
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kiosk
from tests.conftest import ROOT

LAYERS = ("core", "screen", "playback", "export", "run", "setup", "edit")


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


def _kiosk_sources() -> dict[str, ast.Module]:
    return {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "kiosk").rglob("*.py"))}


def test_nothing_patches_a_class_or_sets_attributes_by_name_at_run_time():
    """Fault isolation and every flag are declared in the classes: no setattr, no `Class.method = ...`."""
    found = []
    for name, tree in _kiosk_sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
                found.append(f"{name}:{node.lineno} setattr")
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id[:1].isupper():
                    found.append(f"{name}:{node.lineno} {target.value.id}.{target.attr} =")
    assert found == []


def test_no_code_outside_the_models_looks_a_panel_field_up_by_name():
    """A panel kind answers through its methods (shown_files, expiring_items, playing_at)."""
    found = []
    for name, tree in _kiosk_sources().items():
        if name == "kiosk/core/content/model.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("getattr", "hasattr") and node.args \
                    and "panel" in ast.unparse(node.args[0]).lower():
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_test_names_say_what_they_check_not_which_issue_asked_for_it():
    pattern = re.compile(r"def (test_\w*(?:issue|point|bug|ticket)_?\d\w*)")
    names = [match for path in (ROOT / "tests").rglob("test_*.py")
             for match in pattern.findall(path.read_text(encoding="utf-8"))]
    assert names == []
