"""kiosk: a full-screen, rotating information display read from content.yaml, in Qt."""

import os

# The kiosk uses no pydantic plugins. Without this, the first model class makes pydantic scan every
# installed package's entry points for some. PYDANTIC_DISABLE_PLUGINS is pydantic's documented
# switch, read each time a model class is built, so it is set here, before any kiosk module builds
# one, whichever way the process started (main.py, `kiosk`, python -m kiosk); one set outside wins.
# pydantic's plugin loader still imports importlib.metadata (40 modules: email, zipfile, csv). Loading
# content.yaml in a fresh interpreter, against the stand-in for that private module kiosk used before
# (median of 9 alternating runs, python -X importtime, shared 2-core VM): 224 ms (199-365) against
# 212 ms (192-301), importlib.metadata's import 25 ms, private memory 18.9 against 16.7 MB. No way
# round that import is public, and faking a library's private module breaks silently on an update.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
