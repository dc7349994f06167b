"""A week of the real program, compressed: ``python -m benchmarks.week --changes 50400``.

The kiosk runs as itself (``python main.py run``) under Xvfb, on the seed content, with every
duration shrunk (KIOSK_TIME_SCALE 0.0002: a 12 s panel lasts 2.4 ms, so the kiosk's own work,
building and painting each slide, ~17 ms of CPU, sets the pace). 50,400 panel changes are a
week at 12 s a panel. Every ``--reload-every`` changes (half-way between two censuses) the
content file is replaced (os.replace, as editors save) by a new version: most versions cut
between panels; one in ``FADE_EVERY`` (40) crossfades every change, 13 versions and 1,300
fades in the week, 2.6 % of the changes. A fade keeps its real 700 ms (at a shortened time
there would be no frame to paint) and so takes about half of the run's time: fading one
version in ten, as before, made the week about 100 minutes on a shared 2-core machine, one in
forty about 35. The fade's machinery (grabbing both screens, comparing tiles, the animation,
cleaning up) runs 1,300 times, which is what a leak would grow with. Counters count up on
every showing, and each version brings a panel whose ``show:`` window opens within a second
of the save and closes a second later (``window_showings`` counts its turns). Every
``--sample-every`` changes the kiosk logs its live QObjects (KIOSK_CENSUS_EVERY) and this
takes, from outside, its RSS, PSS, open descriptors, threads (those of Qt's thread pool,
which come and go with the fades, apart: see ``threads_and_fds``), CPU time and X resources
(xrestop). Prints one JSON line: the first and last samples, the growth between them, the
least-squares trend per 10,000 changes, and how many versions were saved, reached the screen,
and how many changes after their save.

What it can't simulate: real time (a week of wall-clock drift, NTP, daylight saving, a
month of log rotation), a GPU driver, a TV going to standby, or the content changing
every 100 panels being rarer in a real lobby.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import psutil

from benchmarks.soak import trend_mb
from harness.contentfiles import SEED
from harness.displays import xvfb
from harness.process import KioskProcess
from kiosk.core.content.loader import content_digest

WEEK = 50_400  # changes: 7 days x 24 h x 3600 s / 12 s a panel
FADE_EVERY = 40  # one content version in this many crossfades; the others cut (see the docstring)
# the line kiosk/diagnostics/census.py logs
CENSUS = re.compile(r"census: changes=(\d+) qobjects=(\d+) widgets=(\d+)"
                    r"(?: heap_used_kb=(-?\d+) heap_free_kb=(-?\d+) heap_mapped_kb=(-?\d+))?")
MB = 2**20
POLL_S = 0.05  # longest wait for a census line before the play log is looked at again (~10 changes)


def fades(number: int, fade_every: int, census_versions: int = 10) -> bool:
    """Whether content version ``number`` crossfades: one in ``fade_every`` (every one for 1, every
    other for 2), but never version 0, nor one that may be on screen when a census is taken (every
    ``census_versions``-th version's stretch), so the census always counts a cut version, like with
    like (a fade in progress holds both screens). A version reaches the screen some changes after
    its save (up to ~80 measured, of 100) and stays until the next one does, so the census may fall
    in its stretch or in the next one's: neither may fade. With a census every version or every other,
    no version fades."""
    if fade_every <= 0 or number == 0 or number % census_versions in (0, census_versions - 1):
        return False
    # Half-way into each run of ``fade_every`` versions, so the first fade comes after a few cuts.
    return number % fade_every == (fade_every // 2 + 1) % fade_every


def content_version(number: int, now: datetime, fade_every: int = FADE_EVERY, census_versions: int = 10) -> bytes:
    """The seed, numbered, with its transition and a panel shown for the second after the next after ``now``."""
    text = SEED.read_text(encoding="utf-8")
    transition = "fade" if fades(number, fade_every, census_versions) else "none"
    text = re.sub(r"^(  title:)(.*)$", lambda m: f"{m.group(1)}{m.group(2)} · v{number}", text, count=1,
                  flags=re.MULTILINE)
    text = re.sub(r"^  transition:.*$", f"  transition: {transition}", text, count=1, flags=re.MULTILINE)
    # Whole seconds (as staff write them): open within a second of the save, for one second, so
    # the window opens and closes inside the version (a version lasts over 2 s: 100 changes).
    opens, closes = (now.replace(microsecond=0) + timedelta(seconds=s) for s in (1, 2))
    window = (f"  - id: window-{number % 2}\n    kind: text\n    title: A window that opens and closes\n"
              f"    body: Version {number}\n"
              f"    show: {{from: \"{opens:%Y-%m-%dT%H:%M:%S}\", until: \"{closes:%Y-%m-%dT%H:%M:%S}\"}}\n")
    return (text.rstrip("\n") + "\n" + window).encode("utf-8")


_CLIENT = re.compile(r"^(\d+) - (.*) \( PID:\s*(\S+)\s*\):$")


def x_resources(display: str, pid: int) -> dict[str, int]:
    """What xrestop says the kiosk's X client holds: windows, pixmaps, pictures, and all its bytes.

    Xvfb often can't tell a client's PID (xrestop shows "?"); the kiosk is then the client with
    the most bytes that is not xrestop itself (it is alone on its Xvfb)."""
    try:
        out = subprocess.run(["xrestop", "-display", display, "-b", "-m", "1"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    clients: list[tuple[str, str, dict[str, int]]] = []
    for line in out.splitlines():
        header = _CLIENT.match(line)
        if header:
            clients.append((header.group(3), header.group(2), {}))
        elif clients and ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            number = value.lstrip("~").split()[0] if value else ""
            if number.isdigit():
                clients[-1][2][key] = int(number)
    by_pid = [fields for client_pid, _, fields in clients if client_pid == str(pid)]
    others = [fields for _, name, fields in clients if "xrestop" not in name and name != "<unknown>"]
    candidates = by_pid or others
    return max(candidates, key=lambda fields: fields.get("total bytes", 0)) if candidates else {}


QT_POOL_THREAD = "Thread (pooled)"  # the name Qt gives its thread pools' workers (QThreadPool)


def thread_names(pid: int) -> list[str]:
    """The name of each of ``pid``'s threads (what ``/proc/PID/task/*/comm`` says)."""
    names = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            names.append((task / "comm").read_text(encoding="utf-8").strip())
        except OSError:  # the thread ended while we looked
            continue
    return names


def threads_and_fds(me: psutil.Process) -> dict[str, int]:
    """Threads and descriptors, and how many of them are Qt's pool workers and their descriptors.

    Qt hands part of its painting to its own thread pool during fades (seen: its workers start
    with the first fade); they start on demand, each with one descriptor (its event dispatcher's
    eventfd), and end when idle (after 30 s, by default). Whether they are up at a sample says how
    long ago the last fade was, not whether anything leaked, so growth is counted outside the pool:
    a leaked thread or descriptor of any other kind still shows. Read twice around the descriptors
    so that a worker starting or ending in between is not counted wrong."""
    for _ in range(5):
        pooled = thread_names(me.pid).count(QT_POOL_THREAD)
        fds = me.num_fds()
        names = thread_names(me.pid)
        if names.count(QT_POOL_THREAD) == pooled:
            break
    return {"fds": fds, "threads": len(names), "pool_threads": pooled,
            "fds_outside_pool": fds - pooled, "threads_outside_pool": len(names) - pooled}


def resident_kinds(pid: int) -> dict[str, float]:
    """RSS split (``/proc/PID/status``): anonymous pages (the heaps: what a leak grows) and file
    pages (the libraries' code and data, paged in the first time a path runs, shared with others)."""
    kinds = {"RssAnon": "rss_anon_mb", "RssFile": "rss_file_mb"}
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        name, _, value = line.partition(":")
        if name in kinds:
            found[kinds[name]] = round(int(value.split()[0]) / 1024, 1)  # kB
    return found


def sample(kiosk: KioskProcess, display: str, census: re.Match[str]) -> dict[str, float]:
    me = psutil.Process(kiosk.pid)
    memory = me.memory_full_info()
    x = x_resources(display, kiosk.pid)
    cpu = me.cpu_times()
    return {"changes": int(census.group(1)), "seconds": round(time.monotonic() - kiosk.started_at, 1),
            "cpu_s": round(cpu.user + cpu.system, 1),
            "qobjects": int(census.group(2)), "widgets": int(census.group(3)),
            # the C heap, from inside: a leak grows what is in use, fragmentation only what is free
            "heap_used_mb": round(int(census.group(4) or -1024) / 1024, 1),
            "heap_free_mb": round(int(census.group(5) or -1024) / 1024, 1),
            "heap_mapped_mb": round(int(census.group(6) or -1024) / 1024, 1),  # of in use: big blocks
            "rss_mb": round(memory.rss / MB, 1), "pss_mb": round(memory.pss / MB, 1), **resident_kinds(kiosk.pid),
            **threads_and_fds(me),
            "x_pixmaps": x.get("pixmaps", -1), "x_windows": x.get("windows", -1),
            "x_pictures": x.get("pictures", -1), "x_bytes": x.get("total bytes", -1)}


class Saver:
    """Saves a new content version every ``every`` changes, half-way between two censuses.

    A version is due when the play log has ``number * every - every // 2`` lines. Saving one version
    per look, as before, fell behind whenever the changes outran the looks; saving two at once
    would not help either (the kiosk reads the file once a burst of saves settles, so it would see
    only the last). So each look saves the version of the current stretch of ``every`` changes
    and counts the stretches it had to skip: none, as long as the loop looks often enough."""

    def __init__(self, path: Path, every: int, fade_every: int, census_versions: int) -> None:
        self.path, self.every, self.fade_every, self.census_versions = path, every, fade_every, census_versions
        self.number, self.skipped = 0, 0
        self.saved: dict[str, tuple[int, int]] = {}  # digest -> (version, play-log lines when saved)
        self.save(0, 0)

    def due(self, changes: int) -> int:
        """The version the stretch holding ``changes`` should show."""
        return (changes + self.every // 2) // self.every

    def look(self, changes: int) -> None:
        due = self.due(changes)
        if due > self.number:
            self.skipped += due - self.number - 1
            self.save(due, changes)

    def save(self, number: int, changes: int) -> None:
        raw = content_version(number, datetime.now(), self.fade_every, self.census_versions)
        temporary = self.path.with_name(".content.yaml.new")
        temporary.write_bytes(raw)
        os.replace(temporary, self.path)  # as editors save: the kiosk never reads half a file
        self.number = number
        self.saved[content_digest(raw)] = (number, changes)

    def lags(self, first_shown: dict[str, int]) -> list[int]:
        """For each version saved after the first, the changes between its save and its first showing."""
        return [first_shown[digest] - changes for digest, (number, changes) in self.saved.items()
                if number > 0 and digest in first_shown]


def week(changes: int, reload_every: int, sample_every: int, scale: float, size: tuple[int, int],
         fade_every: int = FADE_EVERY) -> dict:
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-week-") as folder, xvfb(*size) as display:
        path, play_log = Path(folder) / "content.yaml", Path(folder) / "play.jsonl"
        saver = Saver(path, reload_every, fade_every, census_versions=max(1, sample_every // reload_every))
        env = {"KIOSK_CENSUS_EVERY": str(sample_every), "HOME": folder}
        started = time.monotonic()
        with KioskProcess([str(path), "--play-log", str(play_log)], display=display, time_scale=scale,
                          env=env) as kiosk:
            shown = PlayLog(play_log)
            while not samples or samples[-1]["changes"] < changes:
                saver.look(shown.count())  # first: a sample takes a while, and the changes go on
                census = kiosk.wait_for_line(CENSUS, timeout=POLL_S)
                if census is not None:
                    samples.append(sample(kiosk, display.name, census))
            elapsed = time.monotonic() - started
            errors = [line for line in kiosk.lines if "ERROR" in line or "CRITICAL" in line or "Traceback" in line]
            shown.count()
    return summary(samples, shown.windows, elapsed, errors) | {"reloads": reloads_report(saver, shown)}


def reloads_report(saver: Saver, shown: PlayLog) -> dict[str, int]:
    """How many versions were saved and reached the screen, and how late, in changes."""
    lags = sorted(saver.lags(shown.first_shown))
    return {"saved": len(saver.saved) - 1, "skipped": saver.skipped, "shown": len(lags),
            "lag_median_changes": lags[len(lags) // 2] if lags else -1, "lag_max_changes": lags[-1] if lags else -1}


PLAYED = re.compile(rb'"content": "(\w+)"')
WINDOW = b'"panel": "window-'


class PlayLog:
    """The play log's lines, the window panel's showings and where each content version first
    showed, reading only what was appended since the last look (re-reading the whole log at every
    look grew to megabytes a poll and took a core from the kiosk late in the week)."""

    def __init__(self, path: Path) -> None:
        self.path, self.read_to, self.lines, self.windows = path, 0, 0, 0
        self.first_shown: dict[str, int] = {}  # digest -> lines before the first line showing it
        self.partial = b""  # a line still being written

    def count(self) -> int:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.read_to)
                appended = handle.read()
        except FileNotFoundError:
            return self.lines
        self.read_to += len(appended)
        complete, newline, self.partial = (self.partial + appended).rpartition(b"\n")
        for line in complete.split(b"\n") if newline else ():
            self.read(line)
        return self.lines

    def read(self, line: bytes) -> None:
        played = PLAYED.search(line)
        if played is not None:
            self.first_shown.setdefault(played.group(1).decode(), self.lines)
        self.windows += WINDOW in line
        self.lines += 1


GROWTH_KEYS = ("rss_mb", "rss_anon_mb", "rss_file_mb", "pss_mb",
               "heap_used_mb", "heap_free_mb", "heap_mapped_mb", "qobjects", "widgets",
               "x_pixmaps", "x_windows", "x_pictures", "x_bytes", "fds_outside_pool", "threads_outside_pool")


def summary(samples: list[dict[str, float]], windows: int, elapsed: float, errors: list[str]) -> dict:
    """Growth from the first sample (after the first ``sample_every`` changes: the warm-up) to the last.

    Descriptors and threads are counted outside Qt's thread pool (see ``threads_and_fds``): its
    workers come and go with the fades; the most seen at once is reported beside them."""
    first, last = samples[0], samples[-1]
    every = (last["changes"] - first["changes"]) / max(1, len(samples) - 1)
    growth = {key: round(last[key] - first[key], 1) for key in GROWTH_KEYS}
    # A high-water mark (glibc's heap fragmenting up to a plateau) grows early and stops; a leak
    # keeps growing: RSS over the second half of the run tells them apart.
    middle = samples[len(samples) // 2]
    growth["rss_second_half_mb"] = round(last["rss_mb"] - middle["rss_mb"], 1)
    return {"changes": last["changes"], "window_showings": windows, "seconds": round(elapsed),
            "growth": growth, "pool_threads_max": max(s["pool_threads"] for s in samples),
            "trend_per_10000": {key: round(trend_mb([s[key] for s in samples], every, 10_000), 2)
                                for key in ("rss_mb", "pss_mb", "qobjects", "x_bytes")},
            "first": first, "last": last, "samples": samples, "errors": errors[:10]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=WEEK)
    parser.add_argument("--reload-every", type=int, default=100)
    parser.add_argument("--sample-every", type=int, default=1000)
    parser.add_argument("--scale", type=float, default=0.0002,
                        help="KIOSK_TIME_SCALE: 12 s panels last 2.4 ms; the kiosk's own work sets the pace")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--fade-every", type=int, default=FADE_EVERY,
                        help="one content version in this many crossfades (0: none)")
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    print(json.dumps(week(args.changes, args.reload_every, args.sample_every, args.scale, size, args.fade_every)))


if __name__ == "__main__":
    main()
