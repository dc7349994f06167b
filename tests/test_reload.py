"""Live reload with real files: every way editors save, bad edits refused, position kept.

No test sleeps: each waits with qtbot.waitUntil for what a viewer would see.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kiosk.core.content import load_content
from kiosk.platform.open_writers import OpenWriters
from kiosk.run.live.live_reload import LiveContent
from kiosk.run.live.watcher import ContentWatcher
from tests.conftest import SEED
from tests.helpers.screen import shown_texts

DEBOUNCE_MS = 5  # the real 150 ms only slows the suite; the logic is the same
QUIET_MS = 200  # likewise the 1.5 s an in-place save must rest (its own test uses the real one)


def content(*panels: str, title: str = "Lobby") -> str:
    """A small content file; each panel is given as ``id`` or ``id=Title``."""
    lines = [f"settings: {{title: {title}, transition: none}}", "panels:"]
    for spec in panels:
        panel_id, _, heading = spec.partition("=")
        lines.append(f"  - {{id: {panel_id}, kind: text, title: '{heading or panel_id.upper()}', body: Words.}}")
    return "\n".join(lines) + "\n"


# -- the ways editors and sync tools save ------------------------------------------------

def save_in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def save_by_rename(path: Path, text: str) -> None:
    """vim, VS Code, gedit: write a temporary file, then rename it over the original."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def save_by_recreate(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text, encoding="utf-8")


def save_like_sync_tool(path: Path, text: str) -> None:
    """Syncthing and rsync -t: a hidden temporary file, the old mtime kept, renamed over."""
    before = os.stat(path)
    temp = path.with_name(f".syncthing.{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.utime(temp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(temp, path)


def save_like_vim(path: Path, text: str) -> None:
    """vim's backup-and-write: the original renamed to a backup, a new file written, the backup removed."""
    backup = path.with_name(f"{path.name}~")
    os.rename(path, backup)
    path.write_text(text, encoding="utf-8")
    backup.unlink()


SAVES = [save_in_place, save_by_rename, save_by_recreate, save_like_sync_tool, save_like_vim]
AN_HOUR_MS = 3_600_000  # as a quiet period: only a close event lets an in-place save through in time


class Kiosk:
    """A windowed kiosk following a real file in tmp_path, the way run_kiosk wires it."""

    def __init__(self, qtbot, make_player, path: Path, *, windowed: bool = False, time_scale: float = 1.0,
                 start: bool = True, quiet_ms: int = QUIET_MS) -> None:
        self.qtbot, self.path = qtbot, path
        self.player = make_player(time_scale=time_scale, window=True)
        self.window = self.player.window()
        self.live = LiveContent(path, self.player, self.window, windowed=windowed, debounce_ms=DEBOUNCE_MS,
                                quiet_ms=quiet_ms)
        if start:
            self.live.start(load_content(path))

    @property
    def texts(self) -> list[str]:
        return shown_texts(self.player.slide) if self.player.slide else []

    @property
    def marker(self) -> str:
        return self.live.marker.text

    def save(self, text: str, how=save_in_place) -> None:
        how(self.path, text)

    def wait_for(self, condition, timeout: int = 3000) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)


@pytest.fixture
def make_kiosk(qtbot, make_player, write_content):
    def make(text: str, **options) -> Kiosk:
        return Kiosk(qtbot, make_player, write_content(text), **options)
    return make


# -- every way of saving reaches the screen ---------------------------------------------

@pytest.mark.parametrize("how", SAVES, ids=lambda f: f.__name__)
def test_each_save_style_reaches_the_screen(make_kiosk, how):
    kiosk = make_kiosk(content("a=Old title", "b"))
    assert "Old title" in kiosk.texts
    kiosk.save(content("a=New title", "b"), how)
    kiosk.wait_for(lambda: "New title" in kiosk.texts)
    # The watcher still follows the file after the save (a rename drops the path).
    kiosk.save(content("a=Third title", "b"), how)
    kiosk.wait_for(lambda: "Third title" in kiosk.texts)
    assert str(kiosk.path.absolute()) in kiosk.live.watcher.watched()


def test_sync_tool_replace_with_same_size_and_mtime_is_seen(make_kiosk):
    kiosk = make_kiosk(content("a=Value 1111"))
    kiosk.save(content("a=Value 2222"), save_like_sync_tool)
    kiosk.wait_for(lambda: "Value 2222" in kiosk.texts)


@pytest.mark.expect_log("file not found")
def test_a_link_into_a_synced_folder_follows_the_replaced_target(qtbot, make_player, tmp_path):
    synced = tmp_path / "sync"
    synced.mkdir()
    target = synced / "content.yaml"
    target.write_text(content("a=Before"), encoding="utf-8")
    (tmp_path / "content.yaml").symlink_to(target)
    kiosk = Kiosk(qtbot, make_player, tmp_path / "content.yaml")
    save_like_sync_tool(target, content("a=After"))
    kiosk.wait_for(lambda: "After" in kiosk.texts)
    target.unlink()  # some sync tools delete first and fetch the new copy later
    kiosk.wait_for(lambda: "file not found" in kiosk.marker)
    target.write_text(content("a=Fetched"), encoding="utf-8")
    kiosk.wait_for(lambda: "Fetched" in kiosk.texts)


@pytest.mark.expect_log("file not found")
def test_delete_then_recreate_later(make_kiosk):
    kiosk = make_kiosk(content("a=Before"))
    kiosk.path.unlink()
    kiosk.wait_for(lambda: "file not found" in kiosk.marker)
    assert "Before" in kiosk.texts
    kiosk.path.write_text(content("a=After"), encoding="utf-8")
    kiosk.wait_for(lambda: "After" in kiosk.texts and not kiosk.marker)


RELOAD_MS = 2000  # what deployments are promised: the new content, or a warning, within 2 s


@pytest.mark.expect_log("file not found")
def test_a_content_folder_deleted_and_made_again_is_followed(qtbot, make_player, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "content.yaml").write_text(content("a=Before"), encoding="utf-8")
    kiosk = Kiosk(qtbot, make_player, folder / "content.yaml")
    shutil.rmtree(folder)
    kiosk.wait_for(lambda: "file not found" in kiosk.marker, RELOAD_MS)
    folder.mkdir()
    (folder / "content.yaml").write_text(content("a=After"), encoding="utf-8")
    kiosk.wait_for(lambda: "After" in kiosk.texts and not kiosk.marker, RELOAD_MS)
    save_by_rename(folder / "content.yaml", content("a=Again"))  # and it is watched again
    kiosk.wait_for(lambda: "Again" in kiosk.texts, RELOAD_MS)


def test_a_release_folder_swapped_by_symlink_is_followed(qtbot, make_player, tmp_path):
    """The usual deploy: ln -sfn releases/2 current.new && mv -T current.new current."""
    for release, title in (("1", "Release one"), ("2", "Release two")):
        (tmp_path / "releases" / release).mkdir(parents=True)
        (tmp_path / "releases" / release / "content.yaml").write_text(content(f"a={title}"), encoding="utf-8")
    (tmp_path / "current").symlink_to("releases/1")
    kiosk = Kiosk(qtbot, make_player, tmp_path / "current" / "content.yaml")
    assert "Release one" in kiosk.texts
    (tmp_path / "current.new").symlink_to("releases/2")
    os.replace(tmp_path / "current.new", tmp_path / "current")
    kiosk.wait_for(lambda: "Release two" in kiosk.texts, RELOAD_MS)


@pytest.mark.expect_log("file not found")
def test_content_on_a_stick_unplugged_and_plugged_in_again(qtbot, make_player, tmp_path):
    """The mount point empties, then the same files come back (same inode, size and time)."""
    stick = tmp_path / "media" / "stick"
    stick.mkdir(parents=True)
    (stick / "content.yaml").write_text(content("a=On the stick"), encoding="utf-8")
    kiosk = Kiosk(qtbot, make_player, stick / "content.yaml")
    os.rename(stick, tmp_path / "unplugged")
    stick.mkdir()  # the empty mount point stays behind
    kiosk.wait_for(lambda: "file not found" in kiosk.marker, RELOAD_MS)
    assert "On the stick" in kiosk.texts  # the last good content plays on
    stick.rmdir()
    os.rename(tmp_path / "unplugged", stick)
    kiosk.wait_for(lambda: not kiosk.marker, RELOAD_MS)
    (stick / "content.yaml").write_text(content("a=Edited on the stick"), encoding="utf-8")
    kiosk.wait_for(lambda: "Edited on the stick" in kiosk.texts, RELOAD_MS + QUIET_MS)


@pytest.fixture(params=["close events", "no close events"])
def close_events(request, monkeypatch):
    """Each test of half-written files runs with the kernel's close events and, as on a platform
    without them, with the quiet period alone."""
    if request.param == "no close events":
        monkeypatch.setattr(OpenWriters, "open", classmethod(lambda cls: None))
    return request.param == "close events"


def watch_panel_counts(path: Path, **options) -> tuple[ContentWatcher, list[object]]:
    """A started watcher on ``path`` and what it reported: each version's panel count, each failure."""
    watcher = ContentWatcher(path, **options)
    results: list[object] = []
    watcher.loaded.connect(lambda loaded, changed: results.append(len(loaded.content.panels)))
    watcher.failed.connect(lambda error: results.append("failed"))
    watcher.start(load_content(path))
    return watcher, results


def write_in_two_halves(handle, pause_ms: int) -> None:
    """A first half that is valid content by itself (one panel of three), the rest ``pause_ms`` later."""
    from PySide6.QtCore import QTimer

    whole = content("first", "second", "third").encode()
    half = whole.index(b"  - {id: second")
    handle.write(whole[:half])
    QTimer.singleShot(pause_ms, lambda: (handle.write(whole[half:]), handle.close()))


def test_half_a_file_written_in_place_never_reaches_the_screen(qtbot, kiosk_app, write_content, close_events):
    """The field case: a first half that is valid YAML by itself, the rest a second later."""
    path = write_content(content("a=v0"))
    watcher, results = watch_panel_counts(path)  # the real debounce and quiet period
    handle = path.open("r+b", buffering=0)  # in place: the same inode, as `cat >` or nano do
    handle.truncate(0)
    write_in_two_halves(handle, 1000)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert handle.closed and results == [3]  # the whole file, and never the first panel alone


def test_half_a_file_made_again_after_a_delete_never_reaches_the_screen(qtbot, kiosk_app, write_content,
                                                                        close_events):
    """Deleted, then written anew (a new inode) by a writer that pauses a second half-way."""
    path = write_content(content("a=v0"))
    watcher, results = watch_panel_counts(path)  # the real debounce and quiet period
    path.unlink()
    qtbot.waitUntil(lambda: results == ["failed"], timeout=5000)  # file not found
    handle = path.open("wb", buffering=0)
    write_in_two_halves(handle, 1000)
    qtbot.waitUntil(lambda: len(results) > 1, timeout=5000)
    assert handle.closed and results == ["failed", 3]


def test_only_the_whole_file_is_taken_when_its_writer_closes(qtbot, kiosk_app, write_content):
    """No quiet period to lean on (an hour): the half is held because its writer still has it open,
    the whole is taken because it closed it."""
    path = write_content(content("a=v0"))
    watcher, results = watch_panel_counts(path, debounce_ms=DEBOUNCE_MS, quiet_ms=AN_HOUR_MS)
    handle = path.open("r+b", buffering=0)
    handle.truncate(0)
    write_in_two_halves(handle, 400)  # some 80 debounces later
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert handle.closed and results == [3]


@pytest.mark.parametrize("how", SAVES, ids=lambda f: f.__name__)
def test_each_save_is_taken_as_soon_as_it_is_whole(qtbot, kiosk_app, write_content, how):
    """With close events no save waits for a quiet period (here an hour: the watcher would read
    the file only after MAX_SETTLE_SECONDS, past this test's timeout)."""
    path = write_content(content("a=v0"))
    watcher = ContentWatcher(path, debounce_ms=DEBOUNCE_MS, quiet_ms=AN_HOUR_MS)
    titles: list[str] = []
    watcher.loaded.connect(lambda loaded, changed: titles.append(loaded.content.panels[0].title))
    watcher.start(load_content(path))
    how(path, content("a=v1"))
    qtbot.waitUntil(lambda: titles == ["v1"], timeout=5000)
    how(path, content("a=v2"))
    qtbot.waitUntil(lambda: titles == ["v1", "v2"], timeout=5000)


@pytest.mark.expect_log("unknown kind")
def test_a_broken_save_in_place_shows_its_marker_as_soon_as_it_is_closed(make_kiosk):
    kiosk = make_kiosk(content("a=Good title"), quiet_ms=AN_HOUR_MS)
    kiosk.save(content("a").replace("kind: text", "kind: txt"), save_in_place)
    kiosk.wait_for(lambda: "unknown kind" in kiosk.marker, timeout=5000)
    assert "Good title" in kiosk.texts


def test_a_writer_that_never_closes_is_taken_after_the_quiet_period(qtbot, kiosk_app, write_content):
    """A logger-style writer keeps the file open: the quiet period still lets its save through."""
    path = write_content(content("a=v0"))
    watcher = ContentWatcher(path, debounce_ms=DEBOUNCE_MS, quiet_ms=QUIET_MS)
    titles: list[str] = []
    watcher.loaded.connect(lambda loaded, changed: titles.append(loaded.content.panels[0].title))
    watcher.start(load_content(path))
    with path.open("r+b", buffering=0) as handle:
        handle.truncate(0)
        handle.write(content("a=Kept open").encode())
        qtbot.waitUntil(lambda: titles == ["Kept open"], timeout=5000)
        assert not handle.closed


def test_a_burst_of_writes_is_read_once_settled(qtbot, kiosk_app, write_content):
    path = write_content(content("a=v0"))
    watcher = ContentWatcher(path, debounce_ms=30)
    versions: list[str] = []
    watcher.loaded.connect(lambda loaded, changed: versions.append(loaded.content.panels[0].title))
    watcher.start(load_content(path))
    for n in range(1, 6):
        path.write_text(content(f"a=v{n}"), encoding="utf-8")
    qtbot.waitUntil(lambda: versions == ["v5"], timeout=3000)


def test_a_slow_writer_is_read_only_once_the_file_is_complete(qtbot, kiosk_app, write_content):
    """A sync tool writing in chunks, each well inside the quiet period: no half file is read."""
    from PySide6.QtCore import QTimer

    path = write_content(content("a=v0"))
    watcher = ContentWatcher(path, debounce_ms=80)
    results: list[object] = []
    watcher.loaded.connect(lambda loaded, changed: results.append(loaded.content.panels[0].title))
    watcher.failed.connect(results.append)
    watcher.start(load_content(path))
    whole = content("a=Complete", "b", "c").encode()
    chunks = [whole[i:i + 40] for i in range(0, len(whole), 40)]
    with path.open("wb", buffering=0) as handle:  # one open file, written chunk by chunk
        writer = QTimer()
        writer.setInterval(15)
        writer.timeout.connect(lambda: handle.write(chunks.pop(0)) if chunks else writer.stop())
        writer.start()
        qtbot.waitUntil(lambda: not chunks, timeout=3000)
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    assert results == ["Complete"]


def test_unchanged_bytes_are_ignored(qtbot, kiosk_app, write_content):
    path = write_content(content("a"))
    watcher = ContentWatcher(path, debounce_ms=DEBOUNCE_MS)
    events: list[object] = []
    watcher.loaded.connect(lambda *args: events.append(args))
    watcher.failed.connect(events.append)
    watcher.start(load_content(path))
    save_by_rename(path, content("a"))  # same bytes, new inode: editors do this on :w
    path.with_name("notes.txt").write_text("unrelated", encoding="utf-8")  # folder event
    path.write_text(content("b"), encoding="utf-8")
    qtbot.waitUntil(lambda: len(events) == 1, timeout=3000)
    assert events[0][0].content.panels[0].id == "b"


def replace_image(path: Path, color: str, size: tuple[int, int] = (64, 64)) -> None:
    """Save a one-colour PNG the way editors do: a temporary file renamed over ``path``."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    temp = path.with_name(f".{path.name}.tmp")
    assert image.save(str(temp), "PNG")
    os.replace(temp, path)


def centre_color(image: QImage) -> str:
    return image.pixelColor(image.width() // 2, image.height() // 2).name()


def test_a_replaced_photo_refreshes_its_panel_and_only_its_panel(make_kiosk, tmp_path):
    def shown_color() -> str:
        from kiosk.screen.panels.spotlight import Avatar  # after the registry has loaded every kind

        return centre_color(kiosk.player.slide.findChild(Avatar)._photo)

    replace_image(tmp_path / "photo.png", "#ff0000")
    kiosk = make_kiosk("settings: {title: T}\npanels:\n  - {id: star, kind: spotlight, heading: H, "
                       "name: Ana Diaz, photo: photo.png}\n  - {id: other, kind: text, title: O, body: B}\n")
    assert shown_color() == "#ff0000"
    replace_image(tmp_path / "photo.png", "#00ff00")
    kiosk.wait_for(lambda: shown_color() == "#00ff00")
    kiosk.player.next()
    kiosk.wait_for(lambda: kiosk.player.current_id == "other")
    slide = kiosk.player.slide
    assert str(tmp_path / "photo.png") in kiosk.live.watcher.watched()
    with kiosk.qtbot.waitSignal(kiosk.live.watcher.loaded, timeout=3000) as reloaded:
        replace_image(tmp_path / "photo.png", "#0000ff")
    assert reloaded.args[1] == {tmp_path / "photo.png"}
    assert kiosk.player.slide is slide  # the photo is not on screen: nothing rebuilt
    kiosk.player.next()
    kiosk.wait_for(lambda: kiosk.player.current_id == "star" and shown_color() == "#0000ff")


def test_a_replaced_image_on_a_text_panel_refreshes_the_screen(make_kiosk, tmp_path):
    def shown_color() -> str:
        from kiosk.screen.panels.text import Picture  # after the registry has loaded every kind

        return centre_color(kiosk.player.slide.findChild(Picture).image)

    replace_image(tmp_path / "notice.png", "#ff0000")
    kiosk = make_kiosk("settings: {title: T}\npanels:\n  - {id: notice, kind: text, title: N, body: B, "
                       "images: [notice.png]}\n  - {id: other, kind: text, title: O, body: B}\n")
    assert shown_color() == "#ff0000"
    assert str(tmp_path / "notice.png") in kiosk.live.watcher.watched()
    with kiosk.qtbot.waitSignal(kiosk.live.watcher.loaded, timeout=3000) as reloaded:
        replace_image(tmp_path / "notice.png", "#00ff00")
    assert reloaded.args[1] == {tmp_path / "notice.png"}
    kiosk.wait_for(lambda: shown_color() == "#00ff00")
    assert kiosk.player.current_id == "notice"


# -- a good save is applied --------------------------------------------------------------

def test_a_good_edit_changes_a_counter_on_screen(make_kiosk):
    seed = SEED.read_text(encoding="utf-8")
    kiosk = make_kiosk(seed)
    numbers = lambda: kiosk.player.slide.body.shown_numbers  # noqa: E731
    assert kiosk.player.current_id == "impact"
    kiosk.save(seed.replace("value: 2923", "value: 3100").replace("value: 213569", "value: auto"),
               save_by_rename)
    # The new slide counts up again; once it stands, the new value and the new sum show.
    kiosk.wait_for(lambda: numbers() == ["3,100", "16,029", "172,192", "19,011", "3,414", "213,746"])


def test_position_is_kept_when_other_panels_change(make_kiosk):
    kiosk = make_kiosk(content("a", "b", "c"))
    kiosk.player.jump(1)
    kiosk.wait_for(lambda: kiosk.player.current_id == "b")
    slide = kiosk.player.slide
    kiosk.save(content("a=Changed", "b", "c=Changed too"))
    kiosk.wait_for(lambda: kiosk.player.entries[0].panel.title == "Changed")
    assert kiosk.player.current_id == "b"
    assert kiosk.player.slide is slide  # nothing on screen changed, so nothing was rebuilt
    kiosk.player.next()
    kiosk.wait_for(lambda: "Changed too" in kiosk.texts)


def test_an_edit_elsewhere_keeps_the_panel_and_restarts_its_timer(make_kiosk):
    kiosk = make_kiosk(content("a", "b", "c"), time_scale=0.05)  # 12 s -> 600 ms
    kiosk.player.jump(1)
    kiosk.wait_for(lambda: kiosk.player.current_id == "b" and kiosk.player.timers.interval_ms > 0)
    kiosk.wait_for(lambda: 0 < kiosk.player.timers.remaining_ms < 400)  # part of its time has run
    slide = kiosk.player.slide
    kiosk.save(content("a=Changed", "b", "c"))
    kiosk.wait_for(lambda: kiosk.player.entries[0].panel.title == "Changed")
    assert kiosk.player.slide is slide
    assert kiosk.player.timers.remaining_ms > 450  # the full 600 ms again


def test_added_panels_show_in_the_dots_at_once(make_kiosk):
    kiosk = make_kiosk(content("a", "b"))
    assert kiosk.player.slide.dots.count == 2
    kiosk.save(content("a", "b", "c"))
    kiosk.wait_for(lambda: kiosk.player.slide.dots.count == 3)
    assert kiosk.player.current_id == "a"


def test_changing_the_panel_on_screen_swaps_at_once_and_restarts_its_timer(make_kiosk):
    kiosk = make_kiosk(content("a", "b=Before"))
    kiosk.player.jump(1)
    kiosk.wait_for(lambda: kiosk.player.current_id == "b")
    kiosk.save(content("zero", "a", "b=After"))
    kiosk.wait_for(lambda: "After" in kiosk.texts)
    assert kiosk.player.current_id == "b" and kiosk.player.index == 2
    assert kiosk.player.timers.interval_ms == 12000 and kiosk.player.timers.remaining_ms > 11000


def test_a_panel_added_joins_in_file_order_and_a_removed_one_leaves(make_kiosk):
    kiosk = make_kiosk(content("a", "b", "c"))
    kiosk.save(content("a", "new", "b", "c"), save_by_rename)
    kiosk.wait_for(lambda: [e.id for e in kiosk.player.entries] == ["a", "new", "b", "c"])
    assert kiosk.player.current_id == "a"
    kiosk.player.next()
    kiosk.wait_for(lambda: kiosk.player.current_id == "new" and "NEW" in kiosk.texts)
    kiosk.save(content("a", "new", "c"), save_by_rename)
    kiosk.wait_for(lambda: [e.id for e in kiosk.player.entries] == ["a", "new", "c"])
    kiosk.player.next()
    kiosk.wait_for(lambda: kiosk.player.current_id == "c")


def test_removing_the_panel_on_screen_moves_on_to_the_next(make_kiosk):
    kiosk = make_kiosk(content("a", "b", "c"))
    kiosk.player.jump(1)
    kiosk.wait_for(lambda: kiosk.player.current_id == "b")
    kiosk.save(content("a", "c"))
    kiosk.wait_for(lambda: kiosk.player.current_id == "c" and "C" in kiosk.texts)


def test_reload_logs_the_first_paint_of_the_new_version(make_kiosk, caplog):
    kiosk = make_kiosk(content("a", "b"))
    caplog.set_level(logging.INFO, logger="kiosk.playback.player")
    kiosk.save(content("a", "b=Elsewhere"))  # not the panel on screen: painted as it stands
    kiosk.wait_for(lambda: any("painted at monotonic=" in r.message for r in caplog.records))
    digest = load_content(kiosk.path).digest
    assert any(r.message.startswith(f"content {digest} painted") for r in caplog.records)


# -- a bad save is refused and the last good content plays on ---------------------------

def unreadable(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)  # a link to itself: the OS refuses to open it (even for root)


def folder_instead(path: Path) -> None:
    path.unlink()
    path.mkdir()


BAD_EDITS = {
    "invalid YAML": lambda path: save_by_rename(path, "settings: {title: Lobby\npanels: ["),
    "failed validation": lambda path: save_by_rename(path, content("a").replace("kind: text", "kind: txt")),
    "empty file": lambda path: save_in_place(path, ""),
    "truncated mid-write": lambda path: save_in_place(path, content("a", "b")[:60]),
    "not UTF-8": lambda path: path.write_bytes(content("a=Caf\xe9").encode("latin-1")),
    "deleted": Path.unlink,
    "unreadable": unreadable,
    "a folder": folder_instead,
}


def replace_with_good(path: Path, text: str) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    elif path.is_symlink():
        path.unlink()
    save_in_place(path, text)


@pytest.mark.parametrize("bad_edit", BAD_EDITS.values(), ids=BAD_EDITS.keys())
def test_a_bad_edit_keeps_the_old_text_and_shows_the_marker(make_kiosk, bad_edit, caplog):
    caplog.set_level(logging.ERROR)
    kiosk = make_kiosk(content("a=Good title"))
    bad_edit(kiosk.path)
    kiosk.wait_for(lambda: kiosk.marker.startswith("Not updated: line "))
    assert "Good title" in kiosk.texts
    assert kiosk.live.marker.isVisible()
    errors = [r.message for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and all(e.startswith(f"{kiosk.path}:") and ": error: " in e for e in errors)
    replace_with_good(kiosk.path, content("a=Fixed title"))
    kiosk.wait_for(lambda: "Fixed title" in kiosk.texts)
    assert not kiosk.marker and not kiosk.live.marker.isVisible()


@pytest.mark.expect_log("cannot read the file")
def test_while_refused_the_last_good_content_keeps_rotating(make_kiosk):
    kiosk = make_kiosk(content("a=First", "b=Second"), time_scale=0.01)  # 12 s -> 120 ms
    unreadable(kiosk.path)
    kiosk.wait_for(lambda: "cannot read the file" in kiosk.marker)
    shown: list[tuple[str, list[str]]] = []
    kiosk.player.shown.connect(lambda showing: shown.append((showing.id, kiosk.texts)))
    kiosk.wait_for(lambda: len(shown) >= 3)
    for panel_id, texts in shown:
        assert {"a": "First", "b": "Second"}[panel_id] in texts
    assert {panel_id for panel_id, _ in shown} == {"a", "b"}


def test_the_log_lines_match_kiosk_check(make_kiosk, caplog, capsys):
    from kiosk.cli import main

    kiosk = make_kiosk(content("a"))
    caplog.set_level(logging.ERROR)
    bad = "settings:\n  title: T\n  colour: red\npanels: []\n"
    kiosk.save(bad)
    kiosk.wait_for(lambda: bool(kiosk.marker))
    assert main(["check", str(kiosk.path)]) == 1
    checked = capsys.readouterr().err.splitlines()
    assert [r.message for r in caplog.records if r.levelno == logging.ERROR] == checked


@pytest.mark.expect_log("unknown key `colour`", "must be at least 1 second", "needs at least 1 item")
def test_the_preview_window_lists_every_error_with_its_line(make_kiosk):
    kiosk = make_kiosk(content("a"), windowed=True)
    kiosk.save("settings:\n  title: T\n  colour: red\n  duration: 0\npanels: []\n")
    kiosk.wait_for(lambda: bool(kiosk.marker))
    lines = kiosk.marker.splitlines()
    assert lines[0] == "Not updated: content.yaml has 3 errors"
    assert lines[1:] == [
        "content.yaml:3:3: error: settings.colour: unknown key `colour`",
        "content.yaml:4:13: error: settings.duration: must be at least 1 second (a duration runs from 1 second "
        "to 1 hour)",
        "content.yaml:5:9: error: panels: needs at least 1 item",
    ]


@pytest.mark.expect_log("unknown kind", "unknown key `dur`")
def test_the_lobby_marker_is_one_short_line_in_the_corner(make_kiosk):
    kiosk = make_kiosk(content("a"))
    kiosk.save(content("a").replace("kind: text", "kind: txt") + "  - {id: b, kind: text, title: B, body: x, dur: 1}\n")
    kiosk.wait_for(lambda: bool(kiosk.marker))
    marker, window = kiosk.live.marker, kiosk.window
    assert kiosk.marker.startswith("Not updated: line 3: panels[0].kind: unknown kind")
    assert marker.summary.text().startswith("Not updated: line 3: panels[0]")
    assert marker.summary.text().endswith("… (+1 more)")  # cut to fit, the count kept
    assert not marker.details.isVisible()
    def in_the_corner() -> bool:
        return (marker.height() < window.height() * 0.08 and marker.width() <= window.width() * 0.4
                and marker.geometry().right() > window.width() * 0.8 and marker.y() < window.height() * 0.07)

    assert in_the_corner()
    small_height = marker.height()
    window.resize(1280, 720)
    kiosk.wait_for(lambda: in_the_corner() and marker.height() > small_height)


# -- the stress test ------------------------------------------------------------------------

def live_objects(window) -> tuple[int, int]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return len(QApplication.allWidgets()), len(window.findChildren(QObject))


@pytest.mark.expect_log("unknown kind")
def test_a_hundred_good_and_bad_saves_in_turn_leave_no_objects_behind(make_kiosk):
    kiosk = make_kiosk(content("a=Version 0", "b"))
    bad = content("a", "b").replace("kind: text", "kind: txt")
    kiosk.save(bad + "#warm-up\n")  # the marker's own widgets exist from here on
    kiosk.wait_for(lambda: bool(kiosk.marker))
    before = live_objects(kiosk.window)
    for n in range(1, 101):
        how = SAVES[n % 2]  # in place and rename-over, alternately
        kiosk.save(content(f"a=Version {n}", "b"), how)
        kiosk.wait_for(lambda n=n: f"Version {n}" in kiosk.texts and not kiosk.marker)
        kiosk.save(bad + f"# {n}\n", how)
        kiosk.wait_for(lambda: bool(kiosk.marker))
    assert "Version 100" in kiosk.texts
    assert live_objects(kiosk.window) == before


# -- starting with broken content ---------------------------------------------------------

@pytest.mark.expect_log("unknown kind")
def test_waiting_screen_shows_the_errors_then_starts_on_the_first_good_save(make_kiosk):
    kiosk = make_kiosk("settings: {title: T}\npanels: [{id: a, kind: nope}]\n", start=False)
    kiosk.live.start(None)
    waiting = kiosk.live.waiting
    assert waiting is not None and kiosk.player.slide is None
    assert "Waiting for content" in waiting.text
    assert "content.yaml:2:24: error: panels[0].kind: unknown kind" in waiting.text
    assert waiting.slide.isVisible() and waiting.slide.size() == kiosk.window.size()
    kiosk.window.resize(800, 450)
    kiosk.wait_for(lambda: waiting.slide.size() == QSize(800, 450) and waiting.slide.isVisible())
    kiosk.save(content("a=Started"), save_by_rename)
    kiosk.wait_for(lambda: "Started" in kiosk.texts)
    assert kiosk.live.waiting is None and not kiosk.marker


@pytest.mark.expect_log("must be a mapping", "needs at least 1 item")
def test_waiting_screen_follows_further_bad_saves(make_kiosk):
    kiosk = make_kiosk("", start=False)
    kiosk.live.start(None)
    kiosk.save("settings: {title: T}\npanels: []\n")
    kiosk.wait_for(lambda: "panels: needs at least 1 item" in kiosk.live.waiting.text)


def test_the_real_command_waits_for_content_then_plays_it(kiosk_process, tmp_path):
    """``kiosk run --wait-for-content`` as an unattended display starts it: stays up, then plays."""
    path = tmp_path / "content.yaml"
    path.write_text("settings: {title: T}\npanels: []\n", encoding="utf-8")
    kiosk = kiosk_process(str(path), "--wait-for-content", env={"HOME": str(tmp_path)})
    waiting = kiosk.read_until("waiting for valid content")
    assert any(f"{path}:2:9: error: panels: needs at least 1 item" in line for line in waiting)
    assert kiosk.process.poll() is None
    save_by_rename(path, content("a=Started"))
    painted = kiosk.read_until(" painted at monotonic=")
    assert f"content {load_content(path).digest} painted" in painted[-1]


def test_the_real_command_logs_a_bad_save_like_kiosk_check_and_plays_the_fix(kiosk_process, tmp_path, capsys):
    from kiosk.cli import main

    path = tmp_path / "content.yaml"
    path.write_text(content("a", "b"), encoding="utf-8")
    kiosk = kiosk_process(str(path), env={"HOME": str(tmp_path)})
    kiosk.read_until(" painted at monotonic=")
    save_by_rename(path, "settings:\n  title: T\n  colour: red\npanels: []\n")
    logged = kiosk.read_until("still showing content")
    assert main(["check", str(path)]) == 1
    for line in capsys.readouterr().err.splitlines():
        assert f"kiosk: ERROR: {line}" in logged
    save_by_rename(path, content("a=Fixed", "b"))
    painted = kiosk.read_until(" painted at monotonic=")
    assert f"content {load_content(path).digest} painted" in painted[-1]


def test_the_real_command_says_when_panel_names_no_panel(kiosk_process, tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(content("a", "b"), encoding="utf-8")
    kiosk = kiosk_process(str(path), "--panel", "nonexistent", env={"HOME": str(tmp_path)})
    lines = kiosk.read_until(" painted at monotonic=")
    assert any("--panel nonexistent: no panel has this id, so the kiosk starts at the first one (a, b)" in line
               for line in lines), lines


def test_a_replaced_poster_refreshes_the_screen(make_kiosk, tmp_path):
    def save_poster(color: str) -> None:
        replace_image(tmp_path / "poster.png", color, (320, 180))

    def shown_color() -> str:
        image = kiosk.player.slide.grab().toImage()
        return image.pixelColor(image.width() // 2, image.height() // 2).name()

    save_poster("#ff0000")
    kiosk = make_kiosk("settings: {title: T}\npanels:\n  - {id: poster, kind: image, file: poster.png, "
                       "fit: cover, bleed: true}\n")
    assert shown_color() == "#ff0000"
    save_poster("#00ff00")
    kiosk.wait_for(lambda: shown_color() == "#00ff00")
