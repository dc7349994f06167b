"""The layers on disk: import-linter's contracts hold, the core imports no Qt, the code map is whole."""

from __future__ import annotations

import ast
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ("platform", "core", "diagnostics", "screen", "playback", "export", "run", "setup", "edit")


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_every_core_module_imports_without_qt():
    core = [name for _, name, _ in pkgutil.walk_packages([str(ROOT / "kiosk" / "core")], "kiosk.core.")]
    code = (f"import sys, importlib; [importlib.import_module(m) for m in {core!r}]; "
            "assert not any(m.startswith(('PySide6', 'shiboken6', 'qtawesome')) for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    assert "kiosk.core.content.model" in core and "kiosk.core.playlist" in core


def test_kiosk_holds_only_layers_and_entry_points():
    top = {path.name for path in (ROOT / "kiosk").iterdir() if not path.name.startswith(("__pycache__", "."))}
    assert top == {"__init__.py", "__main__.py", "cli.py", "app.py", *LAYERS}


def code_map(text: str) -> set[str]:
    """The module paths a code map names: a folder line opens a folder, indented lines are inside it."""
    block = text[text.index("## Layout of the code"):].split("```")[1]
    folders: list[str] = []
    named = set()
    for line in block.splitlines():
        match = re.match(r"( *)(\S+)", line)
        if not match:
            continue
        indent, name = len(match[1]) // 2, match[2]
        folders = folders[:indent] if indent else []
        if name.endswith("/"):
            folders.append(name)
        elif name.endswith(".py"):
            named.add("".join(folders) + name)
    return {path for path in named if path.startswith("kiosk/")}


def test_the_code_map_names_every_module_where_it_is():
    named = code_map((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "kiosk").rglob("*.py") if path.name != "__init__.py"}
    assert modules - named == set(), "docs/architecture.md's 'Layout of the code' misses these modules"
    assert named - modules == set(), "docs/architecture.md's 'Layout of the code' names modules that aren't there"


def test_the_code_map_reads_folders_from_indentation():
    text = "## Layout of the code\n```\nkiosk/app.py   x\nkiosk/run/   y\n  live/   z\n    watcher.py  w\n" \
           "  operation.py  v\ntools/t.py  u\n```\n"
    assert code_map(text) == {"kiosk/app.py", "kiosk/run/live/watcher.py", "kiosk/run/operation.py"}


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


def import_graph(package: Path) -> dict[str, set[str]]:
    """Every module of ``package`` and the kiosk modules it imports: at run time, under TYPE_CHECKING
    or inside a function alike (``from kiosk.a import b`` counts as kiosk.a.b where b is a module)."""
    modules = {".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__"): path
               for path in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported |= {f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
                             else node.module for alias in node.names}
        graph[name] = {target for target in imported if target in modules and target != name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_circle_anywhere_in_kiosk_type_checking_imports_included():
    graph = import_graph(ROOT / "kiosk")
    assert "kiosk.run.input.keys" in graph["kiosk.run.operation"]  # the graph reads the imports at all
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_circle_hidden_behind_type_checking(tmp_path):
    package = tmp_path / "kiosk"
    package.mkdir()
    (package / "__init__.py").write_text("")
    hidden = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kiosk.lock import Lock\n"
    (package / "keys.py").write_text(hidden)
    (package / "lock.py").write_text("from kiosk import window\n")
    (package / "window.py").write_text("def make():\n    from kiosk.keys import Handler\n")
    (package / "alone.py").write_text("import kiosk.window\n")
    assert import_cycles(import_graph(package)) == [["kiosk.keys", "kiosk.lock", "kiosk.window"]]


def test_no_object_reaches_through_another_to_set_an_attribute():
    """``window.keys.gate = self`` wired objects from outside; collaborators are handed over at construction.

    (A module's own globals, like a library's hook, are not objects of the kiosk: not counted here.)"""
    found = []
    for name, tree in _kiosk_sources().items():
        modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                   for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            for target in targets:
                root = target
                while isinstance(root, ast.Attribute):
                    root = root.value
                reaches = isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute) \
                    and not (isinstance(root, ast.Name) and root.id in {"self", *modules})
                hands_self = isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) \
                    and node.value.id == "self" and isinstance(target, ast.Attribute)
                if reaches or hands_self:
                    found.append(f"{name}:{node.lineno} {ast.unparse(target)} =")
    assert found == []


MAX_MODULE_LINES = 400
MAX_CLASS_METHODS = 30


def test_no_module_is_too_long_to_hold_in_your_head():
    long = {str(path.relative_to(ROOT)): count for path in sorted((ROOT / "kiosk").rglob("*.py"))
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: split them by what they do"


def test_no_class_does_more_than_one_job():
    crowded = {}
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = [item for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]
                if len(methods) > MAX_CLASS_METHODS:
                    crowded[f"{path.relative_to(ROOT)}:{node.name}"] = len(methods)
    assert crowded == {}, f"classes with more than {MAX_CLASS_METHODS} methods (properties count)"


def _imported_packages(tree: ast.Module) -> set[str]:
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0}
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("folder", ["benchmarks", "harness"])
def test_the_benchmarks_and_their_harness_never_import_the_tests(folder):
    """The benchmarks run from a checkout without tests/ on the path; what they share with the tests is harness/."""
    reaching = [str(path.relative_to(ROOT)) for path in sorted((ROOT / folder).rglob("*.py"))
                if "tests" in _imported_packages(ast.parse(path.read_text(encoding="utf-8")))]
    assert reaching == []
    assert folder != "benchmarks" or any("harness" in _imported_packages(ast.parse(path.read_text(encoding="utf-8")))
                                         for path in (ROOT / folder).rglob("*.py"))  # the scan sees imports at all
