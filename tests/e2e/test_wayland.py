"""The kiosk under real Wayland compositors: headless sway and cage, with the kiosk, grim and wtype as nobody.

No window rule helps it: the kiosk makes itself full screen on the output it was asked for.
"""

from __future__ import annotations

import shlex
import shutil
import time

import psutil
import pytest

from kiosk.setup.units import KioskCommand, system_unit
from tests.e2e.test_real_window import PAINTED, THREE_PANELS, WHITE
from tests.e2e.wayland import TOOLS, Compositor, Sway, WaylandKiosk, public_folder, readable_python


@pytest.fixture(scope="module")
def work():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make sysdeps` (apt-get install sway grim wtype)")
    folder = public_folder()
    yield folder, readable_python(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def start(work):
    """Factory: sway with N outputs, then the kiosk in it; everything started is stopped at the end."""
    folder, python = work
    started: list = []

    def start(*args: str, outputs: int = 1) -> tuple[Sway, WaylandKiosk]:
        content = folder / "content.yaml"
        content.write_text(THREE_PANELS, encoding="utf-8")
        content.chmod(0o644)
        sway = Sway(folder, outputs)
        started.append(sway)
        kiosk = WaylandKiosk(sway, python, [str(content), *args])
        started.append(kiosk)
        kiosk.wait_for_log(PAINTED, timeout=30)
        return sway, kiosk

    yield start
    for thing in reversed(started):
        thing.stop()


def covers(shot) -> bool:
    return WHITE not in shot.edge() and len(shot.colors()) > 4


def test_full_screen_on_sway_right_changes_the_panel_and_esc_quits(start):
    sway, kiosk = start("--presentation")
    first = kiosk.wait_until(lambda: covers(s := sway.shot()) and s, 15, "the kiosk to cover the output")
    # Full screen by its own request (a tiled window would cover a lone output too).
    assert sway.windows() == [{"output": "HEADLESS-1", "fullscreen": True, "size": (1280, 720)}]
    assert "display: wayland" in kiosk.log
    warnings = [line for line in kiosk.log.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "in sway (Wayland); on sway only swayidle blanks the screen" in warnings[0], \
        kiosk.log  # the one warning is the advice, and it names sway
    sway.key("Right")
    kiosk.wait_until(lambda: sway.shot().pixels != first.pixels, 10, "Right to change the panel")
    sway.key("Escape")
    assert kiosk.exit_code(timeout=15) == 0, kiosk.log


def test_locked_on_sway_esc_is_refused(start):
    sway, kiosk = start("--lock")
    kiosk.wait_until(lambda: covers(sway.shot()), 15, "the kiosk to cover the output")
    sway.key("Escape")
    kiosk.wait_for_log("quit refused: the kiosk is locked (Esc pressed)")
    assert kiosk.exit_code(timeout=1) is None, "a locked kiosk quit on Esc"
    assert covers(sway.shot())


def test_screen_picks_the_second_of_two_outputs(start):
    sway, kiosk = start("--screen", "HEADLESS-2", outputs=2)
    kiosk.wait_until(lambda: covers(sway.shot("HEADLESS-2")), 15, "the kiosk to cover HEADLESS-2")
    assert sway.shot("HEADLESS-1").colors() == {WHITE}, "the kiosk also showed on the first output"
    assert sway.windows() == [{"output": "HEADLESS-2", "fullscreen": True, "size": (1280, 720)}]


def test_the_kiosk_moves_to_its_output_when_that_output_appears(start):
    # A TV switched on after the kiosk started. (sway can't take a headless output away, so the
    # going away half is left to Qt's screen signals, tested under Xvfb and offscreen.)
    sway, kiosk = start("--screen", "HEADLESS-2")
    assert "screen 'HEADLESS-2' is not attached" in kiosk.log
    kiosk.wait_until(lambda: sway.windows() == [{"output": "HEADLESS-1", "fullscreen": True, "size": (1280, 720)}],
                     15, "the kiosk to wait on the first output")
    assert sway.run("swaymsg", "create_output").returncode == 0
    kiosk.wait_until(lambda: [w["output"] for w in sway.windows() if w["fullscreen"]] == ["HEADLESS-2"], 15,
                     "the kiosk to move to HEADLESS-2, full screen")


def cage_covered(shot) -> bool:
    return (0, 0, 0) not in shot.edge() and len(shot.colors()) > 4


def test_cage_runs_the_command_kiosk_setup_writes_and_quits_with_the_kiosk(work):
    folder, python = work
    content = folder / "content.yaml"
    content.write_text(THREE_PANELS, encoding="utf-8")
    content.chmod(0o644)
    unit = system_unit(KioskCommand((python[0], "-m", "kiosk"), str(content)), "kiosk", "cage", ("video",))
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    argv = shlex.split(exec_start.removeprefix("ExecStart=").replace("/var/lib/kiosk", str(folder)))
    assert argv[:3] == ["/usr/bin/cage", "-d", "--"]
    # Two outputs: with one, headless cage 0.1.4 captures a full-screen client all black.
    cage = Compositor(folder, argv, outputs=2, env={"PYTHONPATH": python[1], "KIOSK_TIME_SCALE": "0.02",
                                                    "XDG_CURRENT_DESKTOP": "cage"})
    try:
        log = cage.log
        deadline = time.monotonic() + 30
        while PAINTED not in log.read_text(errors="replace") and time.monotonic() < deadline:
            time.sleep(0.1)  # the kiosk's log is in cage's; poll it as it grows
        said = log.read_text(errors="replace")
        assert "display: wayland" in said and "nothing blanks the screen in cage (Wayland)" in said, said[-3000:]
        deadline = time.monotonic() + 15
        # cage 0.1.4 lays its outputs side by side and a full-screen client spans them all.
        while not cage_covered(shot := cage.shot()) and time.monotonic() < deadline:
            pass  # each capture is a round trip through cage, which paces the loop
        assert cage_covered(shot), "the kiosk does not cover cage's outputs (cage's own background is black)"
        # The kiosk ending ends cage, so systemd's Restart=always starts both again.
        kiosk = psutil.Process(cage.process.pid).children()[0]
        kiosk.terminate()
        assert cage.process.wait(timeout=15) == 0
    finally:
        cage.stop()
