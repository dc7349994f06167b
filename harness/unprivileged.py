"""Running as the unprivileged user ``nobody``, as compositors must (cage refuses root).

That user must be able to run a Python and read the kiosk, its packages and the content.
A venv's Python may live under a private home (pyenv in /root): `readable_python()` finds a
system Python of the same version, and links (or copies) the packages into a public folder
when nobody can't read them where they are; it says why when there is no way.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import site
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.contentfiles import ROOT

NOBODY = 65534
AS_NOBODY = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")


def as_nobody(*argv: str, env: dict[str, str]) -> list[str]:
    """``argv`` as the user nobody, with exactly ``env`` (nothing of root's leaks in)."""
    return [*AS_NOBODY, "env", "-i", *(f"{k}={v}" for k, v in env.items()), *argv]


def public_folder(prefix: str = "kiosk-nobody-") -> Path:
    """A folder nobody can read and write (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o777)
    return folder


def private_runtime(folder: Path) -> Path:
    """An XDG_RUNTIME_DIR for nobody: its own, mode 0700, as Wayland wants."""
    runtime = Path(tempfile.mkdtemp(prefix="runtime-", dir=folder))
    os.chown(runtime, NOBODY, NOBODY)
    return runtime


@functools.cache
def readable_python() -> tuple[str, str]:
    """A Python and a PYTHONPATH, with the kiosk and its packages, that nobody can use (found once)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    packages = [p for p in site.getsitepackages() if Path(p).is_dir()]
    pythons = list(dict.fromkeys([sys.executable, str(Path(sys.base_prefix) / "bin" / version),
                                  f"/usr/bin/{version}"]))
    for path in (os.pathsep.join([str(ROOT), *packages]), None):
        path = path or _staged(packages)
        for python in pythons:
            if _probe(python, path):
                return python, path
    raise RuntimeError(f"no {version} that the user nobody can run with the kiosk's packages; install "
                       f"Debian's {version} (apt-get install {version}) or put the venv in a world-readable folder")


def _probe(python: str, path: str) -> bool:
    probe = as_nobody(python, "-c", "import kiosk.cli, PySide6.QtWidgets", env={"PYTHONPATH": path})
    return subprocess.run(probe, cwd="/", capture_output=True, timeout=60).returncode == 0


def _staged(packages: list[str]) -> str:
    """The kiosk and its packages in a public folder: hard links where possible (a file keeps its
    own mode, usually readable by all), copies across file systems; the folders opened to all."""
    stage = public_folder("kiosk-stage-")
    atexit.register(shutil.rmtree, stage, ignore_errors=True)
    for source, name in [(ROOT / "kiosk", "src/kiosk"), *((Path(p), f"site{i}") for i, p in enumerate(packages))]:
        try:
            shutil.copytree(source, stage / name, copy_function=os.link, symlinks=True)
        except OSError:
            shutil.rmtree(stage / name, ignore_errors=True)
            shutil.copytree(source, stage / name, symlinks=True)
    for folder, _, _ in os.walk(stage):
        os.chmod(folder, 0o755)
    return os.pathsep.join([str(stage / "src"), *(str(stage / f"site{i}") for i in range(len(packages)))])
