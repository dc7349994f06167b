"""The log-fail helper (tests/helpers/logfail.py): a kiosk warning fails the test that did not expect it."""

from __future__ import annotations

from tests.conftest import ROOT

CASES = '''
import logging
import threading

import pytest

pytest_plugins = ["tests.helpers.logfail"]
log = logging.getLogger("kiosk.example")


def test_an_unexpected_warning_fails():
    log.warning("the font is missing")


def test_a_warning_from_a_worker_thread_fails():
    worker = threading.Thread(target=lambda: log.error("the bus went away"))
    worker.start()
    worker.join()


def test_info_passes():
    log.info("painted")


def test_other_loggers_are_not_watched():
    logging.getLogger("elsewhere").warning("not ours")


@pytest.mark.expect_log("font is missing")
def test_a_marked_warning_passes():
    log.warning("the font is missing")


@pytest.mark.expect_log("font is missing")
def test_a_marked_warning_that_never_comes_fails():
    pass


@pytest.mark.expect_log("font is missing")
def test_a_marker_excuses_only_its_text():
    log.warning("the font is missing")
    log.warning("the photo is missing")


def test_caplog_at_warning_passes(caplog):
    with caplog.at_level(logging.WARNING):
        log.warning("the font is missing")


def test_caplog_at_info_excuses_no_warning(caplog):
    caplog.set_level(logging.INFO)
    log.warning("the font is missing")


def test_the_fixture_declares_a_warning(expect_log):
    expect_log("font")
    log.error("the font is missing")


@pytest.fixture
def leaves_a_warning():
    yield
    log.warning("left behind")


def test_a_warning_while_tearing_down_is_an_error(leaves_a_warning):
    pass
'''


def test_a_kiosk_warning_fails_the_test_unless_it_was_declared(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makepyfile(test_cases=CASES)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    # -rA's summary: one line per outcome, "PASSED test_cases.py::name" (a teardown error adds an ERROR line)
    rows = [line.split(" ") for line in result.outlines if "::test_" in line]
    outcomes = {(row[1].split("::")[1], row[0]) for row in rows if row[0] in ("PASSED", "FAILED", "ERROR")}
    assert outcomes == {
        ("test_an_unexpected_warning_fails", "FAILED"),
        ("test_a_warning_from_a_worker_thread_fails", "FAILED"),
        ("test_info_passes", "PASSED"),
        ("test_other_loggers_are_not_watched", "PASSED"),
        ("test_a_marked_warning_passes", "PASSED"),
        ("test_a_marked_warning_that_never_comes_fails", "FAILED"),
        ("test_a_marker_excuses_only_its_text", "FAILED"),
        ("test_caplog_at_warning_passes", "PASSED"),
        ("test_caplog_at_info_excuses_no_warning", "FAILED"),
        ("test_the_fixture_declares_a_warning", "PASSED"),
        ("test_a_warning_while_tearing_down_is_an_error", "PASSED"),
        ("test_a_warning_while_tearing_down_is_an_error", "ERROR"),
    }, result.stdout.str()
    result.stdout.fnmatch_lines(["*WARNING kiosk.example: the photo is missing*"])
