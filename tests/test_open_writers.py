"""The close-event tracker on real files: who still has a file open for writing, with no Qt.

The kernel queues each event as the call returns, so a test reads the tracker right after
the write it is about: no waiting at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.platform import open_writers
from kiosk.platform.open_writers import IGNORED, MODIFY, Q_OVERFLOW, Event, OpenWriters


@pytest.fixture
def tracker(tmp_path):
    opened = OpenWriters.open()
    assert opened is not None, "this Linux machine offers inotify"
    opened.watch([tmp_path])
    yield opened
    opened.close()


def test_a_file_half_written_is_being_written_until_its_writer_closes(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    handle = path.open("wb", buffering=0)
    handle.write(b"settings: {title: T}\n")
    assert tracker.read() == set()
    assert tracker.writing(path) and tracker.sees(path)
    handle.write(b"panels: []\n")
    handle.close()
    assert tracker.read() == {path}
    assert not tracker.writing(path)


def test_a_file_made_but_not_yet_written_is_its_makers(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    handle = path.open("wb", buffering=0)
    tracker.read()
    assert tracker.writing(path)  # empty, but its writer has not said it is done
    handle.close()
    assert tracker.read() == {path} and not tracker.writing(path)


def test_a_file_renamed_in_whole_is_at_rest(tracker, tmp_path):
    path, temp = tmp_path / "content.yaml", tmp_path / ".content.yaml.swp"
    temp.write_text("panels: []\n", encoding="utf-8")
    os.replace(temp, path)
    assert path in tracker.read()
    assert not tracker.writing(path)


def test_vims_backup_and_write_is_at_rest_once_the_new_file_is_closed(tracker, tmp_path):
    path, backup = tmp_path / "content.yaml", tmp_path / "content.yaml~"
    path.write_text("old\n", encoding="utf-8")
    tracker.read()
    os.rename(path, backup)
    handle = path.open("wb", buffering=0)
    handle.write(b"new, and not all of it\n")
    tracker.read()
    assert tracker.writing(path)
    handle.close()
    backup.unlink()
    assert path in tracker.read() and not tracker.writing(path)


def test_a_writer_that_starts_again_after_closing_is_writing_again(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text("first\n", encoding="utf-8")
    with path.open("ab", buffering=0) as handle:
        handle.write(b"more\n")
        assert tracker.read() == set()  # the close and the new write came in one batch: still open
        assert tracker.writing(path)


def test_other_files_in_the_folder_are_their_own(tracker, tmp_path):
    with (tmp_path / "notes.txt").open("wb", buffering=0) as handle:
        handle.write(b"draft")
        tracker.read()
        assert not tracker.writing(tmp_path / "content.yaml")


def test_a_folder_through_a_symlink_and_its_target_share_one_watch(tmp_path):
    (tmp_path / "target").mkdir()
    (tmp_path / "link").symlink_to("target")
    tracker = OpenWriters.open()
    tracker.watch([tmp_path / "link", tmp_path / "target"])
    (tmp_path / "target" / "content.yaml").write_text("x\n", encoding="utf-8")
    assert tracker.read() == {tmp_path / "link" / "content.yaml", tmp_path / "target" / "content.yaml"}
    tracker.watch([tmp_path / "target"])  # the link's name is no longer wanted: the watch stays
    (tmp_path / "target" / "content.yaml").write_text("y\n", encoding="utf-8")
    assert tracker.read() == {tmp_path / "target" / "content.yaml"}
    tracker.close()


def test_a_swapped_release_link_is_watched_anew(tmp_path):
    """``ln -sfn releases/2 current.new && mv -T current.new current``: same path, new folder."""
    for release in ("1", "2"):
        (tmp_path / "releases" / release).mkdir(parents=True)
    (tmp_path / "current").symlink_to("releases/1")
    tracker = OpenWriters.open()
    tracker.watch([tmp_path / "current"])
    (tmp_path / "current.new").symlink_to("releases/2")
    os.replace(tmp_path / "current.new", tmp_path / "current")
    tracker.watch([tmp_path / "current"])
    with (tmp_path / "releases" / "2" / "content.yaml").open("wb", buffering=0) as handle:
        handle.write(b"half")
        tracker.read()
        assert tracker.writing(tmp_path / "current" / "content.yaml")
    tracker.close()


def test_a_folder_deleted_is_no_longer_seen_and_is_watched_again_once_back(tracker, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    tracker.watch([folder])
    path = folder / "content.yaml"
    handle = path.open("wb", buffering=0)
    handle.write(b"half")
    tracker.read()
    handle.close()
    path.unlink()
    folder.rmdir()
    tracker.read()
    assert not tracker.sees(path)  # its saves take the quiet period until it is watched again
    folder.mkdir()
    tracker.watch([folder])
    assert tracker.sees(path)
    with path.open("wb", buffering=0) as handle:
        handle.write(b"half")
        tracker.read()
        assert tracker.writing(path)


def test_after_lost_events_a_file_is_unseen_until_its_next_close(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    tracker.take([Event(-1, Q_OVERFLOW, 0, "")])
    assert not tracker.sees(path) and not tracker.writing(path)
    path.write_text("whole\n", encoding="utf-8")
    assert tracker.read() == {path}
    assert tracker.sees(path)
    assert not tracker.sees(tmp_path / "other.yaml")


def test_an_ignored_watch_forgets_its_writers(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    handle = path.open("wb", buffering=0)
    handle.write(b"half")
    tracker.read()
    wd = next(iter(tracker._folders.values()))[0]
    tracker.take([Event(wd, MODIFY, 0, "content.yaml"), Event(wd, IGNORED, 0, "")])
    assert not tracker.writing(path) and not tracker.sees(path)
    handle.close()


def test_without_inotify_there_is_no_tracker(monkeypatch):
    monkeypatch.setattr(open_writers, "inotify_simple", None)
    assert OpenWriters.open() is None


@pytest.mark.parametrize("refusal", [OSError(24, "Too many open files"),  # max_user_instances reached
                                     AttributeError("inotify_init1")],  # a C library without inotify
                         ids=["limit", "no inotify in libc"])
def test_when_the_kernel_refuses_an_instance_there_is_no_tracker(monkeypatch, refusal):
    class Refusing:
        @staticmethod
        def INotify(**_options):  # noqa: N802 - inotify_simple's name
            raise refusal

    monkeypatch.setattr(open_writers, "inotify_simple", Refusing)
    assert OpenWriters.open() is None


def test_a_watch_the_kernel_refuses_leaves_that_folder_unseen(tracker, tmp_path, monkeypatch):
    folder = tmp_path / "sub"
    folder.mkdir()

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tracker._inotify, "add_watch", refuse)
    tracker.watch([tmp_path, folder])
    assert tracker.sees(tmp_path / "content.yaml") and not tracker.sees(folder / "content.yaml")


def test_unwatching_a_folder_drops_its_writers(tracker, tmp_path):
    path = tmp_path / "content.yaml"
    with path.open("wb", buffering=0) as handle:
        handle.write(b"half")
        tracker.read()
        tracker.watch([])
        assert not tracker.writing(path) and not tracker.sees(Path(path))
