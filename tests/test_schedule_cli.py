"""`kiosk playlist` and `kiosk render --at`: previewing a schedule before it goes on screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main
from tests.conftest import ROOT, SEED
from tests.helpers.screen import distinct_colors

WEEK = """\
settings:
  title: Front Office
  fallback: closed
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello}
  - id: office-hours
    kind: text
    title: The desk is open
    body: Ask us
    show: {days: [mon, tue, wed, thu, fri], hours: "08:00-17:30"}
  - id: news
    kind: updates
    title: News
    items:
      - {title: Webinar, date: 2026-12-04, until: "2026-12-04T12:00"}
      - {title: Policy letters}
  - {id: closed, kind: text, title: We are closed, body: Back Monday, enabled: false}
  - id: night
    kind: text
    title: Night
    body: Only at night
    show: {days: [sat, sun], hours: "22:00-02:00"}
"""


def test_playlist_prints_what_plays_when(write_content, capsys):
    path = write_content(WEEK)
    assert main(["playlist", str(path), "--at", "2026-12-04T07:00", "--hours", "20"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "From Fri 2026-12-04 07:00 to Sat 2026-12-05 03:00 (20 h):",
        "  Fri 2026-12-04 07:00 – 08:00                 welcome, news",
        "  Fri 2026-12-04 08:00 – 12:00                 welcome, office-hours, news",
        "  Fri 2026-12-04 12:00 – 17:30                 welcome, office-hours, news (1 of 2 items)",
        "  Fri 2026-12-04 17:30 – Sat 2026-12-05 03:00  welcome, news (1 of 2 items)",
    ]


def test_playlist_names_the_fallback_when_nothing_plays(write_content, capsys):
    only_weekdays = WEEK.replace("  - {id: welcome, kind: text, title: Welcome, body: Hello}\n", "").replace(
        "      - {title: Policy letters}\n", "")
    path = write_content(only_weekdays)
    assert main(["playlist", str(path), "--at", "2026-12-05 21:00", "--hours", "6"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  Sat 2026-12-05 21:00 – 22:00                 nothing scheduled: the fallback panel closed",
        "  Sat 2026-12-05 22:00 – Sun 2026-12-06 02:00  night",
        "  Sun 2026-12-06 02:00 – 03:00                 nothing scheduled: the fallback panel closed",
    ]


def test_playlist_defaults_to_now_for_a_day(capsys):
    assert main(["playlist", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("(24 h):") and len(lines) == 2
    assert lines[1].endswith("impact, goal, student-of-the-year, pass, updates")


@pytest.mark.parametrize("argv", [
    ["playlist", str(SEED), "--at", "tomorrow"],
    ["playlist", str(SEED), "--at", "2026-13-01T09:00"],
    ["playlist", str(SEED), "--hours", "0"],
    ["playlist", str(SEED), "--hours", "lots"],
    ["render", str(SEED), "--out", "unused", "--at", "9am"],
])
def test_unreadable_at_or_hours_is_a_usage_error(argv, capsys):
    assert main(argv) == 2
    assert "error: argument --" in capsys.readouterr().err


def test_render_at_renders_what_plays_then(kiosk_app, write_content, tmp_path, capsys):
    path = write_content(WEEK)
    assert main(["render", str(path), "--out", str(tmp_path / "fri"), "--size", "640x360",
                 "--at", "2026-12-04T09:00"]) == 0
    assert sorted(p.name for p in (tmp_path / "fri").iterdir()) == [
        "01-welcome.png", "02-office-hours.png", "03-news.png"]
    assert main(["render", str(path), "--out", str(tmp_path / "sat"), "--size", "640x360",
                 "--at", "2026-12-05T09:00"]) == 0
    assert sorted(p.name for p in (tmp_path / "sat").iterdir()) == ["01-welcome.png", "02-news.png"]


def test_render_at_a_quiet_moment_shows_the_clock(kiosk_app, write_content, tmp_path, capsys):
    path = write_content("settings: {title: Front Office}\npanels:\n  - {id: a, kind: text, title: A, "
                         "body: B, show: {days: [mon]}}\n")
    assert main(["render", str(path), "--out", str(tmp_path), "--size", "640x360",
                 "--at", "2026-12-05T09:00"]) == 0
    image = QImage(str(tmp_path / "00-fallback.png"))
    assert (image.width(), image.height()) == (640, 360)
    assert distinct_colors(image) > 5


def test_the_scheduling_examples_print_the_timeline_the_docs_show(write_content, capsys):
    """docs/day.md's two YAML examples, in one file, print the timeline the page shows."""
    section = (ROOT / "docs" / "day.md").read_text(encoding="utf-8").split("\n## Scheduling\n")[1].split("\n## ")[0]
    blocks = [block.split("```")[0] for block in section.split("```yaml\n")[1:]]
    shown = section.split("$ kiosk playlist content.yaml ")[1].split("```")[0].splitlines()
    path = write_content("".join(blocks))
    assert main(["playlist", str(path), *shown[0].split()]) == 0
    assert capsys.readouterr().out.splitlines() == shown[1:]


NEVER_EXPIRES = """\
settings:
  title: Lobby
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello, show: {from: 9999-12-31, until: 9999-12-31}}
  - {id: always, kind: text, title: Always, body: Here, show: {until: 9999-12-31}}
  - id: news
    kind: updates
    title: News
    items:
      - {title: Forever, date: 9999-12-30 to 9999-12-31, until: 9999-12-31}
"""


@pytest.mark.parametrize("at", ["2026-12-01T09:00", "9999-12-31T20:00"])
def test_never_expires_written_as_the_last_date_works_everywhere(write_content, capsys, tmp_path, at):
    """9999-12-31 is how staff write "never expires"; its end must not overflow into year 10000."""
    path = write_content(NEVER_EXPIRES)
    assert main(["check", str(path)]) == 0
    assert main(["playlist", str(path), "--at", at, "--hours", "48"]) == 0
    out = capsys.readouterr().out
    assert "always, news" in out
    assert main(["render", str(path), "--out", str(tmp_path / "shots"), "--at", at]) == 0
    assert sorted(p.name for p in (tmp_path / "shots").iterdir())[-1].endswith("-news.png")


DST = """\
settings: {title: Lobby}
panels:
  - {id: always, kind: text, title: Always, body: Here}
  - {id: early, kind: text, title: Early, body: Until a quarter to two, show: {until: "2026-11-01 01:45"}}
  - {id: night, kind: text, title: Night, body: Two to three, show: {hours: "02:00-03:00"}}
"""


def test_playlist_on_the_autumn_night_never_brings_an_ended_panel_back(write_content, capsys, new_york):
    """01:00-02:00 comes twice; `until: 01:45` is over in the second one too, and the hour is listed twice."""
    assert main(["playlist", str(write_content(DST)), "--at", "2026-11-01T00:00", "--hours", "5"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "From Sun 2026-11-01 00:00 to Sun 2026-11-01 04:00 (5 h):",
        "  Sun 2026-11-01 00:00 – 01:45                 always, early",
        "  Sun 2026-11-01 01:45 – 02:00                 always",
        "  Sun 2026-11-01 02:00 – 03:00                 always, night",
        "  Sun 2026-11-01 03:00 – 04:00                 always",
    ]


def test_playlist_on_the_spring_night_lists_no_hour_that_never_happens(write_content, capsys, new_york):
    assert main(["playlist", str(write_content(DST)), "--at", "2026-03-08T00:00", "--hours", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "From Sun 2026-03-08 00:00 to Sun 2026-03-08 05:00 (4 h):"
    assert not any("02:" in line.split("  ")[1] for line in lines[1:]), lines  # 02:00-03:00 does not exist
    assert "night" not in "\n".join(lines)
