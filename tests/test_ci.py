"""CI runs the suite on the oldest supported PySide6 (Raspberry Pi OS's) as well as the newest."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_ci_runs_the_suite_on_the_pyside6_floor():
    floor = re.search(r'"PySide6-Essentials>=([\d.]+)', (ROOT / "pyproject.toml").read_text())[1]
    assert floor == "6.8.0.2"  # the newest wheel Raspberry Pi OS Bookworm (glibc 2.36) can install
    ci = (ROOT / ".ci" / "run").read_text()
    assert f"make test VENV=.venv-qt6.8 QT={floor}" in ci
    assert ci.index("make test\n") < ci.index(f"QT={floor}")  # the newest release first, then the floor
