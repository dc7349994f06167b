"""settings.ticker and settings.side in the content: what plays where, and the checks on them."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.content import load_content
from kiosk.core.layout import TickerItem, side_content, ticker_items
from kiosk.core.playlist import playlist_at
from kiosk.core.timeline import timeline_lines
from tests.test_content import errors_of as error_lines

LAYOUT = """\
settings:
  title: Booth
  languages: [en, es]
  ticker: {panel: news}
  side: {panels: [clock, scan], width: 30}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
  - id: news
    kind: updates
    title: News
    items:
      - {title: {en: Grants open, es: Becas abiertas}, date: 2026-12-01}
      - {title: Old news, until: 2026-12-03}
  - {id: clock, kind: clock, duration: 20}
  - {id: scan, kind: text, title: Scan, body: Scan me., link: {label: site, url: "https://example.org"}}
"""
MONDAY = datetime(2026, 12, 2, 10, 0)


def load(write_content, text=LAYOUT):
    return load_content(write_content(text))


def errors_of(write_content, text) -> str:
    return "\n".join(error_lines(write_content, text))


def test_side_and_ticker_panels_leave_the_main_rotation(write_content):
    content = load(write_content).content
    assert [(e.id, e.lang) for e in playlist_at(content, MONDAY)] == [("welcome", "en"), ("welcome", "es")]


def test_the_ticker_scrolls_its_panels_titles_with_dates_in_the_round_language(write_content):
    content = load(write_content).content
    assert ticker_items(content, MONDAY, "en") == [TickerItem("Grants open", "Dec 1, 2026"), TickerItem("Old news")]
    assert ticker_items(content, MONDAY, "es")[0].text == "Becas abiertas"


def test_expired_items_leave_the_ticker_and_with_none_left_it_goes(write_content):
    content = load(write_content).content
    assert [i.text for i in ticker_items(content, datetime(2026, 12, 4), "en")] == ["Grants open"]
    gone = load(write_content, LAYOUT.replace("date: 2026-12-01}", "date: 2026-12-01, until: 2026-12-03}"))
    assert ticker_items(gone.content, datetime(2026, 12, 4), "en") == []


def test_given_items_scroll_as_written(write_content):
    text = LAYOUT.replace("ticker: {panel: news}", "ticker: {items: [Open today, {en: Free coffee, es: Café}]}")
    content = load(write_content, text).content
    assert [i.text for i in ticker_items(content, MONDAY, "es")] == ["Open today", "Café"]
    assert "news" in [e.id for e in playlist_at(content, MONDAY)]  # no longer the ticker's: it rotates


def test_the_side_column_plays_its_panels_in_the_order_listed_in_one_language(write_content):
    side = side_content(load(write_content).content, "es")
    assert side is not None
    assert [(e.id, e.lang, e.seconds) for e in playlist_at(side, MONDAY)] == [("clock", "es", 20), ("scan", "es", 12)]


def test_the_playlist_shows_the_side_columns_timeline_too(write_content):
    lines = timeline_lines(load(write_content).content, MONDAY, 1)
    assert "The side column (settings.side), beside the rotation:" in lines
    assert lines[-1].endswith("clock, scan")


def test_an_unknown_side_panel_gets_a_did_you_mean(write_content):
    said = errors_of(write_content, LAYOUT.replace("panels: [clock, scan]", "panels: [clock, scna]"))
    assert ":5:26: error: settings.side.panels[1]: no panel has the id `scna`; did you mean `scan`?" in said


def test_a_ticker_on_a_panel_that_is_not_updates_is_an_error(write_content):
    said = errors_of(write_content, LAYOUT.replace("ticker: {panel: news}", "ticker: {panel: welcome}"))
    assert "settings.ticker.panel: `welcome` is a text panel; the ticker scrolls the item titles" in said
    said = errors_of(write_content, LAYOUT.replace("ticker: {panel: news}", "ticker: {panel: nwes}"))
    assert "no panel has the id `nwes`; did you mean `news`?" in said


def test_a_panel_in_the_column_and_the_ticker_is_an_error(write_content):
    said = errors_of(write_content, LAYOUT.replace("panels: [clock, scan]", "panels: [clock, news]"))
    assert "`news` is in the side column too" in said


def test_a_width_out_of_range_and_a_ticker_without_a_source_are_errors(write_content):
    said = errors_of(write_content, LAYOUT.replace("width: 30", "width: 60"))
    assert "settings.side.width: must be at most 45 percent" in said
    said = errors_of(write_content, LAYOUT.replace("ticker: {panel: news}", "ticker: {speed: 90}"))
    assert "settings.ticker: give the ticker either `panel:" in said


SCHEDULED_SIDE = LAYOUT.replace("  - {id: clock, kind: clock, duration: 20}",
                                "  - {id: clock, kind: clock, duration: 20, show: {from: 2026-12-05}}")


def test_playlist_at_a_moment_prints_the_side_columns_own_timeline(write_content, capsys):
    from kiosk.cli import main

    path = write_content(SCHEDULED_SIDE)
    assert main(["playlist", str(path), "--at", "2026-12-04T09:00", "--hours", "48"]) == 0
    printed = capsys.readouterr().out.splitlines()
    side = printed[printed.index("The side column (settings.side), beside the rotation:") + 1:]
    assert [line.split("  ")[-1] for line in side] == ["scan", "clock, scan"]  # the clock joins on the 5th
    assert "2026-12-05 00:00" in side[1]
    main_part = printed[:printed.index("The side column (settings.side), beside the rotation:")]
    assert all("clock" not in line and "scan" not in line for line in main_part)


def test_render_at_a_moment_draws_the_side_column_as_it_plays_then(kiosk_app, write_content):
    from PySide6.QtCore import QSize

    from kiosk.export.render import screens
    from kiosk.screen.frame import LayoutFrame
    from tests.helpers.screen import shown_texts

    loaded = load(write_content, SCHEDULED_SIDE)
    for when, first in ((datetime(2026, 12, 4, 9), "Scan me."), (datetime(2026, 12, 6, 9), None)):
        name, slide = next(iter(screens(loaded, QSize(1920, 1080), when)))
        frame = slide.window()
        assert isinstance(frame, LayoutFrame)
        column = frame.side
        assert column is not None
        texts = shown_texts(column)
        assert (first in texts) if first else ("Scan me." not in texts and any(":" in t for t in texts)), texts
