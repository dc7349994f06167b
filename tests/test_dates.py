"""Dates through Babel (kiosk.core.dates): each language's own order, words and punctuation."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.core import dates

# locale: (a two-day span, one day, the header clock's time and date); as the kiosk has always written them
TEXTS = {
    "en_US": ("Mar 1\u2009–\u20092, 2026", "Mar 1, 2026", ("2:05\xa0PM", "Sun, Mar 1")),
    "en_GB": ("1\u2009–\u20092 Mar 2026", "1 Mar 2026", ("14:05", "Sun 1 Mar")),
    "es": ("1–2 mar 2026", "1 mar 2026", ("14:05", "dom, 1 mar")),
    "es_MX": ("1–2 de mar de 2026", "1 mar 2026", ("2:05\xa0p.m.", "dom 1 de mar")),
    "de_CH": ("1.–2. März 2026", "1. März 2026", ("14:05", "So., 1. März")),
    "pt_BR": ("1\u2009–\u20092 de mar. de 2026", "1 de mar. de 2026", ("14:05", "dom., 1 de mar.")),
    "zh_Hant_HK": ("2026年3月1日至2日", "2026年3月1日", ("下午2:05", "3月1日週日")),
    "fr_CA": ("1–2 mars 2026", "1 mars 2026", ("14 h 05", "dim. 1 mars")),
    "nb": ("1.–2. mars 2026", "1. mars 2026", ("14:05", "søn. 1. mars")),
}


@pytest.mark.parametrize("locale", TEXTS)
def test_dates_read_as_each_language_writes_them(locale):
    span, day, clock = TEXTS[locale]
    assert dates.date_span_text(date(2026, 3, 1), date(2026, 3, 2), locale) == span
    assert dates.date_span_text(date(2026, 3, 1), date(2026, 3, 1), locale) == day
    assert dates.clock_texts(datetime(2026, 3, 1, 14, 5), locale) == clock


def test_a_language_babel_does_not_know_reads_as_american_english():
    assert dates.date_span_text(date(2026, 3, 1), date(2026, 3, 1), "xx_YY") == "Mar 1, 2026"
    assert dates.clock_texts(datetime(2026, 3, 1, 14, 5), "xx") == ("2:05\xa0PM", "Sun, Mar 1")
