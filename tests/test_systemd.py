"""The systemd notify protocol: READY=1 once, WATCHDOG=1 at half the period, nothing without systemd."""

from __future__ import annotations

import logging
import os
import signal
import socket
import uuid

import pytest

from kiosk.run.process.systemd import SystemdNotifier, notify_address, watchdog_interval_ms
from tests.conftest import ROOT


@pytest.fixture
def systemd_socket():
    """A datagram socket in Linux's abstract namespace, as NOTIFY_SOCKET names it: '@name'."""
    name = f"kiosk-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.setblocking(False)
    yield "@" + name, sock
    sock.close()


def received(sock: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_ready_is_sent_once(qapp, systemd_socket):
    address, sock = systemd_socket
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": address})
    notifier.ready("impact", 0)
    notifier.ready("goal", 0)
    messages = received(sock)
    assert len(messages) == 1 and messages[0].splitlines()[0] == "READY=1"
    assert notifier.watchdog_ms == -1  # no WatchdogSec: no pings


def test_watchdog_pings_from_the_event_loop(qtbot, systemd_socket):
    address, sock = systemd_socket
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "60000"})
    assert notifier.watchdog_ms == 30
    pings: list[str] = []
    qtbot.waitUntil(lambda: pings.extend(received(sock)) or pings.count("WATCHDOG=1") >= 3, timeout=3000)
    notifier.deleteLater()


def test_a_path_socket_works_too(qapp, tmp_path):
    path = f"/tmp/kiosk-notify-{uuid.uuid4().hex}.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        try:
            SystemdNotifier(environ={"NOTIFY_SOCKET": path}).ready()
            assert sock.recv(4096).decode().startswith("READY=1")
        finally:
            os.unlink(path)


def test_without_systemd_nothing_is_sent(qapp, caplog):
    notifier = SystemdNotifier(environ={})
    notifier.ready()
    assert notifier.address is None and caplog.text == ""


def test_a_dead_socket_is_logged_once(qapp, caplog):
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": f"@kiosk-nobody-{uuid.uuid4().hex}"})
    with caplog.at_level(logging.WARNING, logger="kiosk.run.process.systemd"):
        for _ in range(3):
            notifier.send("WATCHDOG=1")
    assert caplog.text.count("cannot reach systemd") == 1


@pytest.mark.parametrize(("environ", "expected"), [
    ({"WATCHDOG_USEC": "30000000"}, 15000),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15000),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}, 15000),  # the kiosk as cage's child
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "999999999"}, None),  # meant for another process
    ({"WATCHDOG_USEC": "0"}, None),
    ({"WATCHDOG_USEC": "soon"}, None),
    ({}, None),
])
def test_the_watchdog_pings_at_half_its_period_and_only_for_this_process(environ, expected):
    assert watchdog_interval_ms(environ) == expected


def test_the_notify_socket_is_a_path_or_an_abstract_name():
    assert notify_address({"NOTIFY_SOCKET": "/run/user/1000/systemd/notify"}) == "/run/user/1000/systemd/notify"
    assert notify_address({"NOTIFY_SOCKET": "@abc"}) == "\0abc"
    assert notify_address({"NOTIFY_SOCKET": "vsock:2:1"}) is None


def test_sigterm_ends_the_event_loop_cleanly_even_before_it_runs():
    """systemctl stop: the loop ends (so the play log's last line is written), not a hard kill."""
    import subprocess
    import sys
    import textwrap

    from tests.conftest import ROOT

    code = textwrap.dedent("""
        import os, signal
        from PySide6.QtCore import QCoreApplication
        from kiosk.run.process.signals import quit_on_terminate
        app = QCoreApplication([])
        quit_on_terminate(app)
        os.kill(os.getpid(), signal.SIGTERM)  # before exec(), as a fast `systemctl stop` may
        print("exec returned", app.exec(), flush=True)
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "exec returned 0"


def test_ready_waits_until_the_window_is_on_screen(qtbot, systemd_socket):
    from PySide6.QtWidgets import QWidget

    address, sock = systemd_socket
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": address})
    window = QWidget()
    qtbot.addWidget(window)
    notifier.ready_when_painted(window)  # content set before the window is up, as at start
    assert received(sock) == []
    window.show()
    messages: list[str] = []
    qtbot.waitUntil(lambda: messages.extend(received(sock)) or bool(messages), timeout=3000)
    assert window.windowHandle().isExposed() and messages[0].startswith("READY=1")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_the_real_kiosk_stops_cleanly_on_each_stop_signal(kiosk_process, tmp_path, signum):
    """A hang-up (a closed session) is a stop like `systemctl stop`: exit 0, the last play-log line written."""
    import json

    play_log = tmp_path / "play.jsonl"
    kiosk = kiosk_process(str(ROOT / "content.yaml"), "--play-log", str(play_log), env={"HOME": str(tmp_path)})
    kiosk.read_until(" painted at monotonic=")
    kiosk.process.send_signal(signum)
    assert kiosk.exit_code(timeout=10) == 0
    assert f"stopping on {signum.name}" in kiosk.log
    assert json.loads(play_log.read_text().splitlines()[-1])["panel"] == "impact"


def test_the_stop_signal_handlers_are_handed_back_once_the_kiosk_stops(kiosk_app):
    """An in-process caller's own handlers (and Python's Ctrl+C) come back after a run."""
    from kiosk.run.process.signals import STOP_SIGNALS, quit_on_terminate

    def callers_own(signum, frame):
        raise AssertionError("not called here")

    before = {signum: signal.signal(signum, callers_own) for signum in STOP_SIGNALS}
    try:
        wakeup = quit_on_terminate(kiosk_app)
        assert all(signal.getsignal(signum) is not callers_own for signum in STOP_SIGNALS)
        wakeup.restore()
        assert {signum: signal.getsignal(signum) for signum in STOP_SIGNALS} == dict.fromkeys(STOP_SIGNALS, callers_own)
        assert signal.set_wakeup_fd(-1) == -1  # the wakeup fd is back to none
        wakeup.deleteLater()
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
