"""Hostile content files: each gets one clear located message, fast, and never a traceback.

The small cases live in tests/fixtures/hostile/; the big ones (50 MB, 5,000 panels,
a 100-megapixel PNG) and the ones git can't hold (a FIFO, a symlink loop) are made
in tmp_path. docs/format.md's "Limits and hostile input" table lists the same cases.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.cli import main
from kiosk.core.content import load_content
from kiosk.screen.images import load_image
from kiosk.screen.panels.spotlight import Avatar, SpotlightWidget
from kiosk.screen.style import style_for
from tests.helpers.hostile import VALID, fifty_megabytes, huge_png, many_panels

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
TIME_LIMIT = 2.0  # seconds; a hang or a runaway parse is the failure, not a slow machine

ERRORS = [  # fixture, line:column, message
    ("alias-bomb.yaml", "7:7", "aliases (*name) here expand to more than 100,000 values"),
    ("alias-count.yaml", "53:34", "more than 100 aliases (*name)"),
    ("binary-garbage.yaml", "1:1", "not valid UTF-8 text (byte 0x89); save the file as UTF-8"),
    ("control-characters.yaml", "2:10", "control character U+0000 is not allowed"),
    ("invalid-utf8.yaml", "2:13", "not valid UTF-8 text (byte 0xe9)"),
    ("nested-10000.yaml", "2:1008", "nested more than 64 levels deep"),
    ("python-object.yaml", "1:11", "unsupported tag '!!python/object:os.system'"),
    ("python-apply.yaml", "2:10", "unsupported tag '!!python/object/apply:os.system'"),
    ("custom-tag.yaml", "2:10", "unsupported tag '!include'"),
    ("counter-negative.yaml", "7:17", "panels[0].counters[0].value: must be at least 0"),
    ("counter-1e30.yaml", "7:17", "panels[0].counters[0].value: must be at most 999,999,999,999"),
    ("counter-float-1e30.yaml", "7:17", "panels[0].counters[0].value: this number is far too large"),
    ("counter-nan.yaml", "7:17", "panels[0].counters[0].value: must be a finite number"),
    ("counter-inf.yaml", "7:17", "panels[0].counters[0].value: must be a finite number"),
    ("duration-zero.yaml", "3:13", "settings.duration: must be at least 1 second"),
    ("duration-negative.yaml", "3:13", "settings.duration: must be at least 1 second"),
    ("duration-year.yaml", "3:13", "settings.duration: must be at most 3600 seconds"),
    ("duration-year-text.yaml", "3:13", "settings.duration: must be at most 3600 seconds"),
    ("panels-none.yaml", "2:9", "panels: needs at least 1 item"),
]


def run_cli(command: str, path: Path, capsys) -> tuple[int, list[str], float]:
    started = time.monotonic()
    code = main([command, str(path), "--windowed"] if command == "run" else [command, str(path)])
    elapsed = time.monotonic() - started
    return code, capsys.readouterr().err.splitlines(), elapsed


def assert_one_clear_error(path: Path, where: str, message: str, capsys, limit: float = TIME_LIMIT) -> None:
    for command in ("check", "run"):  # run refuses before it opens a window
        code, lines, elapsed = run_cli(command, path, capsys)
        assert code == 1, (command, lines)
        assert lines[0].startswith(f"{path}:{where}: error: "), lines
        assert message in lines[0], lines
        assert not any("Traceback" in line for line in lines)
        assert elapsed < limit, f"{command} took {elapsed:.2f} s"


@pytest.mark.parametrize(("name", "where", "message"), ERRORS, ids=[case[0] for case in ERRORS])
def test_hostile_file_gets_one_located_error(name, where, message, capsys):
    assert_one_clear_error(HOSTILE / name, where, message, capsys)


def test_fifty_megabytes_is_refused_by_size_alone(tmp_path, capsys):
    path = fifty_megabytes(tmp_path / "content.yaml")
    assert_one_clear_error(path, "1:1", "file is 52,428,8", capsys)
    assert "the limit is 2,097,152 (2 MiB)" in run_cli("check", path, capsys)[1][0]


def test_five_thousand_panels_are_refused(tmp_path, capsys):
    path = many_panels(tmp_path / "content.yaml", 5000)
    assert_one_clear_error(path, "3:3", "panels: has 5,000 items; at most 200 items allowed", capsys)


def test_a_long_file_without_aliases_is_not_called_an_alias_bomb(tmp_path, capsys):
    """12,000 panels, about 130,000 values and not one alias: refused for its length, in those words."""
    path = many_panels(tmp_path / "content.yaml", 12_000)
    # 100,000 values are read before the count says no: ~1.2 s here alone, twice that beside other work.
    assert_one_clear_error(path, "3:3", "holds more than 100,000 values, far more than a screen shows", capsys,
                           limit=3 * TIME_LIMIT)
    assert "alias" not in run_cli("check", path, capsys)[1][0].split(": error: ")[1]


def test_symlink_loop_is_refused(tmp_path, capsys):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert_one_clear_error(tmp_path / "a.yaml", "1:1", "cannot read the file: Too many levels of symbolic links",
                           capsys)


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_content_path_that_is_not_a_file_is_refused(tmp_path, kind, capsys):
    path = tmp_path / "content.yaml"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    assert_one_clear_error(path, "1:1", "not a regular file", capsys)


def test_utf16_with_a_bom_is_read_as_yaml_allows(capsys):
    loaded = load_content(HOSTILE / "utf16-bom.yaml")
    assert loaded.content.settings.title == "Lobby"
    assert main(["check", str(HOSTILE / "utf16-bom.yaml")]) == 0


# -- images: a warning with line and column, and the initials on screen ---------------------

@pytest.fixture
def photo_case(tmp_path):
    """Copy a photo fixture into tmp_path, beside whatever the case needs (FIFO, huge PNG)."""
    def make(name: str) -> Path:
        path = tmp_path / "content" / name
        path.parent.mkdir()
        shutil.copy(HOSTILE / name, path)
        os.mkfifo(path.parent / "pipe.png")
        huge_png(path.parent / "huge.png")
        return path
    return make


PHOTO_WARNINGS = [
    ("photo-outside.yaml", "image '../../etc/passwd' is outside the content file's folder"),
    ("photo-absolute.yaml", "image '/etc/passwd' is outside the content file's folder"),
    ("photo-folder.yaml", "'.' is a folder, not an image"),
    ("photo-fifo.yaml", "'pipe.png' is not a regular file (a pipe, socket or device)"),
    ("photo-huge.yaml", "image 'huge.png' is 10000x10000 pixels; the limit is 40 megapixels"),
]


@pytest.mark.parametrize(("name", "message"), PHOTO_WARNINGS, ids=[case[0] for case in PHOTO_WARNINGS])
def test_refused_image_is_a_located_warning(photo_case, name, message, capsys):
    path = photo_case(name)
    code, lines, elapsed = run_cli("check", path, capsys)
    assert code == 0
    assert lines == [f"{path}:7:12: warning: panels[0].photo: {message}; showing the initials instead"]
    assert elapsed < TIME_LIMIT


@pytest.mark.parametrize(("name", "message"), PHOTO_WARNINGS, ids=[case[0] for case in PHOTO_WARNINGS])
def test_refused_image_shows_the_initials(qtbot, kiosk_app, photo_case, name, message, expect_log):
    expect_log(message)
    loaded = load_content(photo_case(name))
    widget = SpotlightWidget(loaded.content.panels[0], style_for(loaded.content.settings, QSize(1280, 720),
                                                                 loaded.folder), QSize(1100, 500))
    qtbot.addWidget(widget)
    avatar = widget.findChild(Avatar)
    assert avatar._photo is None and avatar._letters == "AL"


def test_an_image_beside_the_content_is_shown(qtbot, kiosk_app, tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    (tmp_path / "photos").mkdir()
    image.save(str(tmp_path / "photos" / "ada.png"))
    photo = load_image(tmp_path, "photos/ada.png", QSize(120, 120), "cover")
    assert photo is not None and photo.image.pixelColor(60, 60) == QColor("#336699")


@pytest.mark.expect_log("is 10000x10000 pixels; the limit is 40 megapixels")
def test_a_huge_image_is_never_decoded(tmp_path, kiosk_app):
    huge_png(tmp_path / "huge.png")
    started = time.monotonic()
    assert load_image(tmp_path, "huge.png", QSize(400, 400)) is None
    assert time.monotonic() - started < TIME_LIMIT


@pytest.mark.expect_log("'late.png' is not a regular file")
def test_an_image_turned_into_a_fifo_after_the_check_never_blocks(tmp_path, kiosk_app):
    os.mkfifo(tmp_path / "late.png")  # a FIFO open for reading blocks until a writer comes
    assert load_image(tmp_path, "late.png", QSize(400, 400)) is None


# -- while running: a hostile save never replaces what is on screen ----------------------------

@pytest.mark.parametrize(("name", "where", "message"), ERRORS, ids=[case[0] for case in ERRORS])
def test_a_hostile_save_keeps_the_last_good_content_on_screen(qtbot, make_player, tmp_path, name, where, message,
                                                             expect_log):
    from tests.test_reload import Kiosk

    expect_log(f"content.yaml:{where}: error: ")

    path = tmp_path / "content.yaml"
    path.write_text(VALID, encoding="utf-8")
    kiosk = Kiosk(qtbot, make_player, path, windowed=True)
    assert kiosk.player.current_id == "a" and "Hello" in kiosk.texts
    temporary = tmp_path / ".content.yaml.tmp"  # saved the way editors do: write, then rename over
    temporary.write_bytes((HOSTILE / name).read_bytes())
    os.replace(temporary, path)
    kiosk.wait_for(lambda: bool(kiosk.marker))
    assert kiosk.marker.splitlines()[0].startswith("Not updated: content.yaml has")
    assert any(line.startswith(f"content.yaml:{where}: error: ") and message in line
               for line in kiosk.marker.splitlines()[1:]), kiosk.marker
    assert kiosk.player.current_id == "a" and "Hello" in kiosk.texts


def test_text_panel_images_get_the_same_refusals(tmp_path, capsys):
    """Every image field goes through the same rules, not only the spotlight's photo."""
    os.mkfifo(tmp_path / "pipe.png")
    huge_png(tmp_path / "huge.png")
    path = tmp_path / "content.yaml"
    path.write_text("settings: {title: Lobby}\npanels:\n  - id: a\n    kind: text\n    title: A\n    body: B\n"
                    "    images: [../../etc/passwd, /etc/passwd, ., pipe.png, huge.png]\n", encoding="utf-8")
    code, lines, elapsed = run_cli("check", path, capsys)
    assert code == 0 and elapsed < TIME_LIMIT
    assert [line.split(": warning: ")[1].split(":")[0] for line in lines] == [
        f"panels[0].images[{number}]" for number in range(5)]
    assert all(line.startswith(f"{path}:7:") and line.endswith("; the panel shows without it") for line in lines)


# -- SVG: drawn only as itself, never a reference out, never a long draw -------------------------

SVG_PHOTO = ("settings: {title: Lobby}\npanels:\n  - id: a\n    kind: spotlight\n    heading: Hi\n"
             "    name: Ada Lovelace\n    quote: Hi\n    photo: photo.svg\n")


def svg(body: str, extra: str = "") -> str:
    return (f'<?xml version="1.0"?>{extra}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">{body}</svg>')


def hostile_svgs(folder: Path) -> dict[str, str]:
    """Each SVG a lobby could be sent, by what it tries; made beside its content file."""
    (folder / "inside.png").write_bytes((HOSTILE.parent.parent.parent / "docs" / "01-impact.png").read_bytes())
    os.mkfifo(folder / "pipe")
    shapes = '<circle cx="50" cy="50" r="40" fill="#f00" fill-opacity="0.3"/>' * 60_000
    return {
        "a file outside": svg('<image href="/etc/hostname" width="100" height="100"/>'),
        "a png outside": svg(f'<image xlink:href="{HOSTILE.parent.parent.parent}/docs/01-impact.png"/>'),
        "a png beside it": svg('<image href="inside.png" width="100" height="100"/>'),
        "a fifo": svg('<image xlink:href="pipe" width="100" height="100"/>'),
        "a data address": svg('<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>'),
        "the network": svg('<image href="https://example.com/x.png" width="9" height="9"/>'),
        "a file in a style": svg('<rect width="9" height="9" style="fill:url(file:///etc/hostname)"/>'),
        "a style sheet import": svg('<style>@import url(https://example.com/a.css);</style>'),
        "an external entity": svg("<text>&x;</text>", '<!DOCTYPE svg [<!ENTITY x SYSTEM "/etc/hostname">]>'),
        "a linked style sheet": svg("", '<?xml-stylesheet href="/etc/a.css"?>'),
        "60,000 translucent shapes": svg(shapes),
        "nesting 1,000 deep": svg("<g>" * 1000 + "</g>" * 1000),
        "not well formed": svg("<rect>"),
    }


SVG_CASES = ["a file outside", "a png outside", "a png beside it", "a fifo", "a data address", "the network",
             "a file in a style", "a style sheet import", "an external entity", "a linked style sheet",
             "60,000 translucent shapes", "nesting 1,000 deep", "not well formed"]


@pytest.mark.parametrize("case", SVG_CASES)
@pytest.mark.expect_log("image: SVG image 'photo.svg' ")
def test_svg_that_reaches_out_or_is_too_big_is_a_warning_and_the_initials(tmp_path, qtbot, kiosk_app, capsys,
                                                                            case):
    (tmp_path / "photo.svg").write_text(hostile_svgs(tmp_path)[case], encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(SVG_PHOTO, encoding="utf-8")
    started = time.monotonic()
    code = main(["check", str(path), "--size", "1280x720"])
    lines = capsys.readouterr().err.splitlines()
    assert code == 0 and time.monotonic() - started < TIME_LIMIT * 2
    assert lines[0].startswith(f"{path}:8:12: warning: panels[0].photo: SVG image 'photo.svg' ")
    assert lines[0].endswith("; showing the initials instead")
    started = time.monotonic()
    loaded = load_content(path)
    widget = SpotlightWidget(loaded.content.panels[0], style_for(loaded.content.settings, QSize(1280, 720),
                                                                 loaded.folder), QSize(1100, 500))
    qtbot.addWidget(widget)
    assert widget.findChild(Avatar)._photo is None and time.monotonic() - started < TIME_LIMIT


def test_svg_references_to_its_own_elements_still_draw(tmp_path, kiosk_app):
    from PySide6.QtGui import QColor

    body = ('<defs><linearGradient id="g"><stop offset="0" stop-color="#336699"/>'
            '<stop offset="1" stop-color="#336699"/></linearGradient>'
            '<rect id="r" width="100" height="100" fill="url(#g)"/></defs><use xlink:href="#r"/>')
    (tmp_path / "own.svg").write_text(svg(body), encoding="utf-8")
    photo = load_image(tmp_path, "own.svg", QSize(100, 100), "cover")
    assert photo is not None and photo.image.pixelColor(50, 50) == QColor("#336699")
