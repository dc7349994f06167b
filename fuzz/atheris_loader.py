"""Coverage-guided fuzzing of the content loader with atheris. Run by hand, never in CI.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/atheris_loader.py fuzz/corpus -max_total_time=600

The seed corpus is the shipped content.yaml and the hostile test fixtures; atheris
adds what it finds to fuzz/corpus/ (git-ignored). A crash is any exception other
than ContentError, or a load slower than -timeout seconds (default 2 here); atheris
saves the input as crash-*/timeout-* and prints the traceback.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["kiosk", "yaml", "pydantic"]):
    from kiosk.core.content import ContentError, load_bytes

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path(tempfile.mkdtemp(prefix="kiosk-atheris-"))  # image paths resolve here, never in the repo


def test_one_input(data: bytes) -> None:
    """The property the hypothesis suite checks too: valid content, or ContentError only."""
    with contextlib.suppress(ContentError):
        load_bytes(data, FOLDER / "content.yaml")


def seed_corpus(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content.yaml", corpus / "seed-content.yaml")
    for fixture in (ROOT / "tests" / "fixtures" / "hostile").iterdir():
        shutil.copy(fixture, corpus / f"seed-{fixture.name}")


def main() -> None:
    args = list(sys.argv)
    corpus = next((Path(arg) for arg in args[1:] if not arg.startswith("-")), None)
    if corpus is not None:
        seed_corpus(corpus)
    if not any(arg.startswith("-timeout=") for arg in args):
        args.append("-timeout=2")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
