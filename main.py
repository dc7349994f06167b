"""Thin launcher: ``python main.py [ARGS]`` is ``kiosk [ARGS]`` with content.yaml beside this file."""

import sys
from pathlib import Path

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main(default_content=str(Path(__file__).resolve().parent / "content.yaml")))
