"""The kiosk under real Wayland compositors, headless sway and cage, all of it as the user nobody.

No window rule helps it: the kiosk makes itself full screen on the output it was asked for.
"""

from __future__ import annotations

import shlex
import shutil
import site
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import psutil
import pytest

from harness.contentfiles import ROOT
from harness.displays import LAUNCHERS, launch, missing_tools, wayland_socket
from harness.unprivileged import _probe, _staged, as_nobody, private_runtime, public_folder, readable_python
from kiosk.setup.units import KioskCommand, system_unit
from tests.e2e.test_real_window import PAINTED, THREE_PANELS, WHITE
from tests.e2e.wayland import INSTALL, TOOLS, WaylandKiosk, grim_shot

HEADLESS = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1"}


@pytest.fixture
def content():
    folder = public_folder()
    path = folder / "content.yaml"
    path.write_text(THREE_PANELS, encoding="utf-8")
    path.chmod(0o644)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def start(kiosk_process, content):
    """Factory: headless sway ("sway", or "sway-2" for two outputs), then the kiosk in it."""
    missing = missing_tools(LAUNCHERS["sway"].tools + TOOLS)
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make sysdeps` ({INSTALL})")
    with ExitStack() as servers:
        def start(*args: str, kind: str = "sway") -> WaylandKiosk:
            display = servers.enter_context(launch(kind, 1280, 720))
            kiosk = kiosk_process(str(content), *args, display=display, kind=WaylandKiosk)
            kiosk.read_until(PAINTED, timeout=30)
            return kiosk

        yield start


def covers(shot) -> bool:
    return WHITE not in shot.edge() and len(shot.colors()) > 4


def test_full_screen_on_sway_right_changes_the_panel_and_esc_quits(start):
    kiosk = start("--presentation")
    first = kiosk.wait_until(lambda: covers(s := kiosk.shot()) and s, 15, "the kiosk to cover the output")
    # Full screen by its own request (a tiled window would cover a lone output too).
    assert kiosk.windows() == [{"output": "HEADLESS-1", "fullscreen": True, "size": (1280, 720)}]
    assert "display: wayland" in kiosk.log
    warnings = [line for line in kiosk.log.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "in sway (Wayland); on sway only swayidle blanks the screen" in warnings[0], \
        kiosk.log  # the one warning is the advice, and it names sway
    kiosk.key("Right")
    kiosk.wait_until(lambda: kiosk.shot().pixels != first.pixels, 10, "Right to change the panel")
    kiosk.key("Escape")
    assert kiosk.exit_code(timeout=15) == 0, kiosk.log


def test_locked_on_sway_esc_is_refused(start):
    kiosk = start("--lock")
    kiosk.wait_until(lambda: covers(kiosk.shot()), 15, "the kiosk to cover the output")
    kiosk.key("Escape")
    kiosk.read_until("quit refused: the kiosk is locked (Esc pressed)", timeout=10)
    assert kiosk.exit_code(timeout=1) is None, "a locked kiosk quit on Esc"
    assert covers(kiosk.shot())


def test_screen_picks_the_second_of_two_outputs(start):
    kiosk = start("--screen", "HEADLESS-2", kind="sway-2")
    kiosk.wait_until(lambda: covers(kiosk.shot("HEADLESS-2")), 15, "the kiosk to cover HEADLESS-2")
    assert kiosk.shot("HEADLESS-1").colors() == {WHITE}, "the kiosk also showed on the first output"
    assert kiosk.windows() == [{"output": "HEADLESS-2", "fullscreen": True, "size": (1280, 720)}]


def test_the_kiosk_moves_to_its_output_when_that_output_appears(start):
    # A TV switched on after the kiosk started. (sway can't take a headless output away, so the
    # going away half is left to Qt's screen signals, tested under Xvfb and offscreen.)
    kiosk = start("--screen", "HEADLESS-2")
    assert "screen 'HEADLESS-2' is not attached" in kiosk.log
    kiosk.wait_until(lambda: kiosk.windows() == [{"output": "HEADLESS-1", "fullscreen": True, "size": (1280, 720)}],
                     15, "the kiosk to wait on the first output")
    assert kiosk.run("swaymsg", "create_output").returncode == 0
    kiosk.wait_until(lambda: [w["output"] for w in kiosk.windows() if w["fullscreen"]] == ["HEADLESS-2"], 15,
                     "the kiosk to move to HEADLESS-2, full screen")


def cage_covered(shot) -> bool:
    return (0, 0, 0) not in shot.edge() and len(shot.colors()) > 4


def test_cage_runs_the_command_kiosk_setup_writes_and_quits_with_the_kiosk(content):
    folder = content.parent
    python, path = readable_python()
    unit = system_unit(KioskCommand((python, "-m", "kiosk"), str(content)), "kiosk", "cage", ("video",))
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    argv = shlex.split(exec_start.removeprefix("ExecStart=").replace("/var/lib/kiosk", str(folder)))
    assert argv[:3] == ["/usr/bin/cage", "-d", "--"]
    runtime = private_runtime(folder)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "XDG_RUNTIME_DIR": str(runtime)}
    # Two outputs: with one, headless cage 0.1.4 captures a full-screen client all black.
    cage_env = {**env, **HEADLESS, "WLR_HEADLESS_OUTPUTS": "2", "PYTHONPATH": path, "KIOSK_TIME_SCALE": "0.02",
                "XDG_CURRENT_DESKTOP": "cage"}  # as the unit sets it
    log = folder / "cage.log"
    with open(log, "wb") as out:
        cage = subprocess.Popen(as_nobody(*argv, env=cage_env), cwd="/", stdout=out, stderr=subprocess.STDOUT)
    try:
        env["WAYLAND_DISPLAY"] = wayland_socket(runtime, cage, log)
        # The blanking check runs once the window is painted, so its line comes last; wait for all three.
        expected = ("display: wayland", PAINTED, "nothing blanks the screen in cage (Wayland)")
        deadline = time.monotonic() + 30
        said = log.read_text(errors="replace")
        while not all(line in said for line in expected) and time.monotonic() < deadline:
            time.sleep(0.1)  # the kiosk's log is in cage's; poll it as it grows
            said = log.read_text(errors="replace")
        assert all(line in said for line in expected), said[-3000:]
        # cage 0.1.4 lays its outputs side by side and a full-screen client spans them all.
        deadline = time.monotonic() + 15
        while not cage_covered(shot := grim_shot(env)) and time.monotonic() < deadline:
            pass  # each capture is a round trip through cage, which paces the loop
        assert cage_covered(shot), "the kiosk does not cover cage's outputs (cage's own background is black)"
        # The kiosk ending ends cage, so systemd's Restart=always starts both again.
        psutil.Process(cage.pid).children()[0].terminate()
        assert cage.wait(timeout=15) == 0
    finally:
        if cage.poll() is None:
            cage.kill()
            cage.wait(timeout=10)


def test_packages_nobody_cannot_reach_are_staged_where_it_can():
    # Here the venv may be readable already; the staged copy must work wherever it is not.
    path = _staged([p for p in site.getsitepackages() if Path(p).is_dir()])
    assert _probe(readable_python()[0], path)
    assert all(not p.startswith(str(ROOT)) for p in path.split(":"))
