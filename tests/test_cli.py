"""The command line as staff and scripts use it: exit codes, messages, renders, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main, schema_json
from tests.conftest import ROOT, SEED
from tests.helpers.screen import distinct_colors


def test_check_accepts_the_seed(capsys):
    assert main(["check", str(SEED)]) == 0
    assert capsys.readouterr().err == ""


def test_check_reports_problems_and_exits_1(write_content, capsys):
    path = write_content("settings:\n  title: T\n  colour: red\npanels: []\n")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{path}:3:3: error: settings.colour: unknown key `colour`" in err[0]
    assert any(line.startswith(f"{path}:4:9: error: panels: ") for line in err)
    assert "Traceback" not in "".join(err)


def test_run_on_invalid_content_prints_the_same_and_opens_nothing(write_content, capsys):
    path = write_content("settings: {title: T}\npanels: [{id: a, kind: nope}]\n")
    assert main(["run", str(path), "--windowed"]) == 1
    assert "error: panels[0].kind: unknown kind" in capsys.readouterr().err


def test_missing_file_is_a_content_error(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nothing.yaml")]) == 1
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'nothing.yaml'}:1:1: error: file not found"


@pytest.mark.parametrize("argv", [["run", "--size", "huge"], ["render", str(SEED)], ["frobnicate", "--x"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2


def test_every_command_has_help(capsys):
    for command in ("run", "check", "render", "schema"):
        assert main([command, "--help"]) == 0
        assert "usage: kiosk" in capsys.readouterr().out


def test_committed_schema_is_current():
    committed = (ROOT / "resources" / "content.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "run `make schema` to regenerate resources/content.schema.json"
    urgent = (ROOT / "resources" / "urgent.schema.json").read_text(encoding="utf-8")
    assert urgent == schema_json(urgent=True), "run `make schema` to regenerate resources/urgent.schema.json"
    assert json.loads(urgent)["required"] == ["text"]
    schema = json.loads(committed)
    assert schema["properties"]["panels"]["maxItems"] > 0


def test_render_writes_one_nonblank_image_per_page(tmp_path):
    """Renders in a separate process: the real command, with no display at all."""
    out = tmp_path / "shots"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "render", "--out", str(out),
                             "--size", "1080x1920"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    # Portrait: the six updates no longer fit one screen even at the smallest body text.
    assert names == ["01-impact.png", "02-goal.png", "03-student-of-the-year.png", "04-pass.png",
                     "05-updates-p1.png", "05-updates-p2.png"]
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1080, 1920)
        assert distinct_colors(image) > 20, f"{name} looks blank"


def test_main_py_defaults_to_content_beside_it(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_render_into_a_file_is_one_line_and_exit_3(tmp_path, capsys):
    (tmp_path / "shots").write_text("not a folder")
    assert main(["render", str(SEED), "--out", str(tmp_path / "shots")]) == 3
    assert main(["render", str(SEED), "--out", str(tmp_path / "shots" / "inside")]) == 3
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [
        f"kiosk: --out {tmp_path / 'shots'} is a file, not a folder; name a folder for the images",
        f"kiosk: cannot make the folder {tmp_path / 'shots' / 'inside'}: Not a directory"]


def test_render_onto_a_full_disk_says_so_and_leaves_no_half_image(tmp_path):
    from tests.helpers.disk_full import kiosk_on_a_full_disk

    out = tmp_path / "shots"
    result = kiosk_on_a_full_disk(tmp_path, "render", str(SEED), "--out", str(out), limit=4096)
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.splitlines() == [f"kiosk: cannot write {out / '01-impact.png'}: File too large; "
                                          "free some space or choose another --out folder"]
    assert list(out.iterdir()) == []
