"""Fail a test in which a ``kiosk.*`` logger warns, unless the test said it would.

Like qutebrowser's tests/helpers/logfail.py. A warning nobody expected is a problem the
test walked past: a missing font, a panel that failed to paint, a refused file. A test
declares what it expects in one of two ways:

- it captures the kiosk's log with ``caplog`` at WARNING or above (``caplog.at_level(logging.WARNING)``,
  ``caplog.set_level(logging.ERROR)``): records at or above that level are the test's to check;
  capturing INFO to read the info lines excuses no warning;
- ``@pytest.mark.expect_log("text", ...)``, or the ``expect_log`` fixture called with the texts
  (for a parametrized test whose warning depends on the case): records whose message holds
  one of the texts are expected, and the test fails if one of the texts never came (a stale
  declaration is found, not kept).

The check runs after the test body (setup included), so a failure is the test's; a warning
logged while fixtures tear down fails the teardown.
"""

from __future__ import annotations

import logging
import threading

import pytest

LOGGER = "kiosk"


class LogFailHandler(logging.Handler):
    """Collects the WARNING-or-worse records of the test that runs now."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.item: pytest.Item | None = None
        self.records: list[logging.LogRecord] = []
        self.matched: set[str] = set()  # expect_log texts that some record held
        self.declared: list[str] = []  # texts the expect_log fixture was called with
        self._lock_records = threading.Lock()  # the kiosk logs from worker threads too

    def emit(self, record: logging.LogRecord) -> None:
        item = self.item
        if item is None:
            return
        message = record.getMessage()
        texts = [text for text in expected_texts(item) if text in message]
        with self._lock_records:
            self.matched.update(texts)
            if not texts and not captured_by_caplog(item, record):
                self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        with self._lock_records:
            records, self.records = self.records, []
        return records


def expected_texts(item: pytest.Item) -> list[str]:
    return [text for mark in item.iter_markers("expect_log") for text in mark.args] + HANDLER.declared


def captured_by_caplog(item: pytest.Item, record: logging.LogRecord) -> bool:
    """True while the test's caplog listens at WARNING or above, and at or below this record."""
    caplog = getattr(item, "funcargs", {}).get("caplog")
    return caplog is not None and logging.WARNING <= caplog.handler.level <= record.levelno


def describe(records: list[logging.LogRecord]) -> str:
    return "\n".join(f"  {record.levelname} {record.name}: {record.getMessage()}" for record in records)


HANDLER = LogFailHandler()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_log(text, ...): the test expects a kiosk warning holding each text")
    logging.getLogger(LOGGER).addHandler(HANDLER)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger(LOGGER).removeHandler(HANDLER)


@pytest.fixture
def expect_log():
    """Call with texts: kiosk warnings holding them are expected in this test, and must come."""
    def declare(*texts: str) -> None:
        HANDLER.declared.extend(texts)
    return declare


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    HANDLER.item, HANDLER.records, HANDLER.matched, HANDLER.declared = item, [], set(), []
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    try:
        result = yield
    except BaseException:
        HANDLER.take()  # a test that failed already is not failed again for its warnings
        raise
    unexpected = HANDLER.take()
    if unexpected:
        pytest.fail(f"the kiosk logged warnings the test did not expect (declare them with caplog at that level "
                    f"or @pytest.mark.expect_log):\n{describe(unexpected)}", pytrace=False)
    missing = [text for text in expected_texts(item) if text not in HANDLER.matched]
    if missing:
        pytest.fail(f"expected a kiosk warning holding {missing!r}, but none was logged", pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item):
    try:
        return (yield)
    finally:
        unexpected = HANDLER.take()
        HANDLER.item = None
        if unexpected:
            pytest.fail(f"the kiosk logged warnings while the test's fixtures were torn down:\n{describe(unexpected)}",
                        pytrace=False)
