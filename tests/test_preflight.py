"""Before Qt aborts with "could not load the Qt platform plugin", say what to install."""

from __future__ import annotations

from kiosk.cli import main
from kiosk.run import preflight as system


def test_missing_xcb_libraries_get_the_exact_apt_line(monkeypatch):
    monkeypatch.setattr(system.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    present = {"xcb-icccm", "xkbcommon-x11"}
    monkeypatch.setattr(system.ctypes.util, "find_library", lambda name: name if name in present else None)
    assert system.display_problem() == ("Qt needs system libraries this machine lacks. Install them with:\n"
                                        "  sudo apt-get install libxcb-cursor0 libxcb-keysyms1")


def test_no_display_is_explained(monkeypatch):
    monkeypatch.setattr(system.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "DISPLAY is not set" in system.display_problem()


def test_all_libraries_present_is_fine(monkeypatch):
    monkeypatch.setattr(system.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(system.ctypes.util, "find_library", lambda name: name)
    assert system.display_problem() is None


def test_run_stops_with_the_advice_instead_of_a_qt_abort(monkeypatch, capsys):
    monkeypatch.setattr("kiosk.run.preflight.display_problem", lambda: "Qt needs system libraries: apt-get install x")
    assert main(["run", "--windowed"]) == 2
    assert "apt-get install x" in capsys.readouterr().err
