"""The commit-msg hook keeps subjects under 72 characters, with the detail in the body."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT

HOOK = ROOT / ".githooks" / "commit-msg"


def run_hook(tmp_path, message: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "COMMIT_EDITMSG"
    path.write_text(message, encoding="utf-8")
    return subprocess.run([str(HOOK), str(path)], capture_output=True, text=True, timeout=10)


@pytest.mark.parametrize("length", [10, 71])
def test_a_short_subject_with_a_long_body_is_accepted(tmp_path, length):
    assert run_hook(tmp_path, "s" * length + "\n\n" + "body " * 100).returncode == 0


@pytest.mark.parametrize("length", [72, 133])
def test_a_long_subject_is_refused_with_its_length(tmp_path, length):
    result = run_hook(tmp_path, "s" * length + "\n")
    assert result.returncode == 1 and f"is {length} characters" in result.stderr


def test_git_comment_lines_are_not_the_subject(tmp_path):
    assert run_hook(tmp_path, "# " + "c" * 100 + "\nShort subject\n").returncode == 0


def test_accented_letters_count_once(tmp_path):
    assert run_hook(tmp_path, "é" * 71 + "\n").returncode == 0
