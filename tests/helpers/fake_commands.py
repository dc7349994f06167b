"""Fake programs on PATH (xset, wlopm, wlr-randr, cec-ctl) that record how they were called."""

from __future__ import annotations

import os
import stat
from pathlib import Path

RECORDER = """#!/bin/sh
echo "${{0##*/}} $*" >> "{log}"
{body}
"""


class FakeCommands:
    """A folder of fake programs, put first on PATH; ``calls()`` lists each call as one line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = folder / "calls.log"
        folder.mkdir(parents=True, exist_ok=True)
        self.log.touch()

    def add(self, name: str, body: str = "") -> None:
        script = self.folder / name
        script.write_text(RECORDER.format(log=self.log, body=body), encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    def calls(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    def path_with(self, rest: str | None = None) -> str:
        """PATH with the fakes first and, by default, nothing else of the machine's that they stand for."""
        return f"{self.folder}{os.pathsep}{rest if rest is not None else '/usr/bin:/bin'}"


CEC_PLAYBACK = 'case "$*" in *--playback*) echo "\tPhysical Address           : 1.0.0.0";; esac'
