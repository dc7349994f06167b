"""Dates through Babel, with its global data kept to the parent exceptions (kiosk.core.dates)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

import babel.core

from kiosk.core import dates

LOCALES = ("en_US", "en_GB", "es", "es_MX", "de_CH", "pt_BR", "zh_Hant_HK", "fr_CA", "nb")

# In a fresh interpreter: each locale's texts with Babel's whole global data, and then lean.
COMPARE = """
import json, sys
from datetime import date, datetime
import babel.core
from kiosk.core import dates
locales = sys.argv[1].split(",")
def texts():
    return [[dates.date_span_text(date(2026, 3, 1), date(2026, 3, 2), locale),
             dates.clock_texts(datetime(2026, 3, 1, 14, 5), locale)] for locale in locales]
lean = texts()
babel.core._global_data = None
babel.core.get_global("parent_exceptions")  # the whole file, as Babel keeps it
import babel.localedata
babel.localedata._cache.clear()
full = texts()
print(json.dumps([lean == full, lean]))
"""


def test_dates_read_the_same_with_only_the_parent_exceptions_kept():
    result = subprocess.run([sys.executable, "-c", COMPARE, ",".join(LOCALES)], capture_output=True, text=True,
                            check=True)
    same, texts = json.loads(result.stdout)
    assert same, texts
    assert texts[0] == ["Mar 1\u2009–\u20092, 2026", ["2:05\u00a0PM", "Sun, Mar 1"]]


def test_anything_else_babel_asks_for_brings_the_whole_global_data_back(monkeypatch):
    monkeypatch.setattr(babel.core, "_global_data", None)
    dates.clock_texts(datetime(2026, 3, 1, 14, 5), "es")
    assert isinstance(babel.core._global_data, dates.ParentExceptionsOnly)
    assert babel.core.get_global("territory_currencies")["DE"]  # loaded again, whole
    assert not isinstance(babel.core._global_data, dates.ParentExceptionsOnly)
    assert dates.date_span_text(date(2026, 3, 1), date(2026, 3, 1), "de") == "1. März 2026"
