"""Real-window tests: the actual program under its own Xvfb at 1280x720, driven with xdotool."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.xdisplay import Kiosk, start_xvfb

TOOLS = ("Xvfb", "xdotool", "xwininfo", "import")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def display():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make sysdeps` "
                    "(apt-get install xvfb xdotool x11-utils imagemagick)")
    server, name = start_xvfb()
    yield name
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def start_kiosk(display):
    """Factory: start the kiosk with ARGS; every kiosk started is killed at the end of the test."""
    started: list[Kiosk] = []

    def start(*args: str, **kwargs) -> Kiosk:
        kiosk = Kiosk(display, list(args), **kwargs)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()
