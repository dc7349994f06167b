"""Schedule fields as staff write them: what they mean, and what `check` says about them, with lines."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.cli import main
from kiosk.core.content import ContentError, load_content
from kiosk.core.content.model import TextPanel, UpdatesPanel
from kiosk.core.dates import date_span_text

SCHEDULED = """\
settings:
  title: T
  fallback: closed
panels:
  - id: office
    kind: text
    title: Open
    body: Desk
    show:
      from: 2026-12-01
      until: 2026-12-24 12:00
      days: [Mon, tuesday, wed]
      hours: "8:00-12:00, 13:00 - 17:30"
  - id: closed
    kind: text
    title: Closed
    body: Back Monday
    enabled: false
  - id: news
    kind: updates
    title: News
    items:
      - title: Meeting
        date: 2023-03-01 to 2023-03-02
        until: 2099-01-01
      - title: Webinar
        date: 2023-09-14
"""


def test_schedule_fields_read_as_staff_write_them(write_content):
    content = load_content(write_content(SCHEDULED)).content
    office, closed, news = content.panels
    assert isinstance(office, TextPanel) and isinstance(news, UpdatesPanel)
    assert office.show.from_ == date(2026, 12, 1)
    assert office.show.until == datetime(2026, 12, 24, 12, 0)
    assert office.show.days == ["mon", "tue", "wed"]
    assert office.show.hours == ((8 * 60, 12 * 60), (13 * 60, 17 * 60 + 30))
    assert (office.enabled, closed.enabled, content.settings.fallback) == (True, False, "closed")
    assert news.items[0].date == (date(2023, 3, 1), date(2023, 3, 2))
    assert news.items[1].date == (date(2023, 9, 14), date(2023, 9, 14))
    assert news.items[0].until == date(2099, 1, 1)


def test_files_without_schedules_mean_always(seed):
    assert all(panel.enabled and panel.show is None for panel in seed.content.panels)
    assert seed.content.settings.fallback is None


@pytest.mark.parametrize(("field", "value", "column", "message"), [
    ("hours", '"8 to 5"', 14, "cannot read '8 to 5' as hours; write hours like \"08:00-17:30\""),
    ("hours", '"08:00-25:00"', 14, "25:00 in '08:00-25:00' is not a time of day"),
    ("hours", "8:00", 14, "cannot read 480 as hours"),  # YAML reads an unquoted 8:00 as a number
    ("hours", '"09:00-09:00"', 14, "start and end at the same time"),
    ("from", "next week", 13, "cannot read 'next week' as a date or a date and time"),
    ("until", "2026-13-01", 14, "cannot read '2026-13-01' as a date"),
    ("days", "[mon, someday]", 19, "must be one of: mon, tue, wed, thu, fri, sat, sun"),
])
def test_unreadable_schedule_is_an_error_with_its_line(write_content, field, value, column, message):
    path = write_content("settings: {title: T}\npanels:\n  - id: a\n    kind: text\n    title: A\n"
                         f"    body: B\n    show:\n      {field}: {value}\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.is_error) == (8, column, True)
    assert problem.field.startswith(f"panels[0].show.{field}")
    assert message in problem.message


def test_update_date_range_must_run_forwards(write_content):
    path = write_content("settings: {title: T}\npanels:\n  - id: n\n    kind: updates\n    title: N\n"
                         "    items:\n      - title: x\n        date: 2023-03-02 to 2023-03-01\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert str(caught.value).endswith(":8:15: error: panels[0].items[0].date: "
                                      "the range '2023-03-02 to 2023-03-01' ends before it starts")


def test_fallback_must_name_a_panel(write_content):
    path = write_content("settings:\n  title: T\n  fallback: closd\npanels:\n  - {id: closed, kind: text, "
                         "title: C, body: B}\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert str(caught.value) == f"{path}:3:13: error: settings.fallback: no panel has the id 'closd'"


def test_misspelt_from_suggests_from(write_content):
    path = write_content("settings: {title: T}\npanels:\n  - {id: a, kind: text, title: A, body: B, "
                         "show: {form: 2026-12-01}}\n")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert "unknown key `form`; did you mean `from`?" in str(caught.value)


STALE = """\
settings: {title: T}
panels:
  - id: summer
    kind: text
    title: Summer
    body: Gone
    show: {from: 2020-06-01, until: 2020-08-31}
  - id: backwards
    kind: text
    title: Backwards
    body: Never
    show:
      from: 2099-12-24
      until: 2099-12-01
  - id: news
    kind: updates
    title: News
    items:
      - title: Old
        until: 2020-01-31
      - title: Current
        until: "2099-01-01T09:00"
  - id: old-news
    kind: updates
    title: Old news
    items:
      - {title: Gone, until: 2021-05-01}
"""


def test_check_warns_about_windows_and_items_that_are_over(write_content, capsys):
    path = write_content(STALE)
    assert main(["check", str(path)]) == 0  # warnings don't fail the check
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:7:37: warning: panels[0].show.until: this window ended with 2020-08-31, so the panel no "
        "longer shows; delete the panel or move `until`",
        f"{path}:13:13: warning: panels[1].show.from: `from` (2099-12-24) is not before `until` (2099-12-01), "
        "so this panel never shows",
        f"{path}:20:16: warning: panels[2].items[0].until: expired with 2020-01-31; this item no longer "
        "shows, delete it",
        f"{path}:27:30: warning: panels[3].items[0].until: expired with 2021-05-01; this item no longer "
        "shows, delete it",
        f"{path}:27:7: warning: panels[3].items: every item has expired, so this panel no longer shows",
    ]


@pytest.mark.parametrize(("first", "last", "locale", "text"), [
    (date(2023, 3, 1), date(2023, 3, 1), "en_US", "Mar 1, 2023"),
    (date(2023, 3, 1), date(2023, 3, 2), "en_US", "Mar 1\u2009–\u20092, 2023"),
    (date(2023, 3, 30), date(2023, 4, 2), "en_US", "Mar 30\u2009–\u2009Apr 2, 2023"),
    (date(2023, 12, 30), date(2024, 1, 2), "en_US", "Dec 30, 2023\u2009–\u2009Jan 2, 2024"),
    (date(2023, 3, 1), date(2023, 3, 2), "de_DE", "1.–2. März 2023"),
    (date(2023, 3, 1), date(2023, 3, 2), "C", "Mar 1\u2009–\u20092, 2023"),  # an unknown locale: English
])
def test_item_dates_read_like_people_write_them(first, last, locale, text):
    assert date_span_text(first, last, locale) == text
