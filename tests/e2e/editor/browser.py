"""The editor as a user meets it: `kiosk edit` as a process on a free loopback port, and the system's Chromium.

Playwright drives /usr/bin/chromium (never a browser of its own: nothing is downloaded), with
the network features that would call out switched off. Screenshots go to a temporary folder,
or to ``$KIOSK_EDITOR_SHOTS`` (``make editor-shots`` points it at docs/editor/).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from harness.contentfiles import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 30
POLL_S = 0.1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class EditorServer:
    """``python main.py edit CONTENT --listen 127.0.0.1:PORT``, its stderr kept, stopped at the end."""

    def __init__(self, content: Path, home: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
                    "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, "main.py", "edit", str(content), "--listen", f"127.0.0.1:{self.port}", *args],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._stopped = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._wait_until_answering()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"kiosk edit ended with {self.process.returncode}: {self.lines}")
            try:
                with urllib.request.urlopen(self.url + "static/editor.css", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError):
                self._stopped.wait(POLL_S)  # polled until the deadline: uvicorn says nothing when it listens
        raise AssertionError(f"kiosk edit did not answer within {START_TIMEOUT_S} s: {self.lines}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=10)
        if self.process.stderr:
            self.process.stderr.close()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (the system's own)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("no /usr/bin/chromium: run `make sysdeps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser tab (its own cookies) at a laptop's size; closed after the test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: docs/editor/ under `make editor-shots`, else a temporary folder."""
    folder = Path(os.environ.get("KIOSK_EDITOR_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def editor_server(tmp_path):
    """Factory: start `kiosk edit` on a copy of CONTENT's folder; every server is stopped at the end."""
    started: list[EditorServer] = []

    def start(source: Path, *args: str) -> tuple[EditorServer, Path]:
        folder = tmp_path / "display"
        if source.parent == ROOT:  # the seed: its file alone
            folder.mkdir(exist_ok=True)
            shutil.copy(source, folder)
        else:
            shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"),
                            dirs_exist_ok=True)
        server = EditorServer(folder / source.name, tmp_path, *args)
        started.append(server)
        return server, folder / source.name

    yield start
    for server in started:
        server.stop()
