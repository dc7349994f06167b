"""Real-window tests: the actual program under its own Xvfb at 1280x720, driven with xdotool."""

from __future__ import annotations

import pytest

from harness.displays import LAUNCHERS, launch, missing_tools
from tests.e2e.xdisplay import HEIGHT, INSTALL, TOOLS, WIDTH, XKiosk

DISPLAY_KIND = "xvfb"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def display():
    launcher = LAUNCHERS[DISPLAY_KIND]
    missing = missing_tools(launcher.tools + TOOLS)
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make sysdeps` ({launcher.install}; {INSTALL})")
    with launch(DISPLAY_KIND, WIDTH, HEIGHT) as server:
        yield server


@pytest.fixture
def start_kiosk(display, kiosk_process):
    """Factory: start the kiosk with ARGS on the display; every kiosk started is stopped at the end of the test."""
    def start(*args: str, **options) -> XKiosk:
        return kiosk_process(*args, display=display, kind=XKiosk, **options)
    return start
