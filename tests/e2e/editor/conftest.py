"""The editor's browser tests: `kiosk edit` as a process, the system's Chromium, screenshots."""

from tests.e2e.editor.browser import chromium, editor_server, page, shots  # noqa: F401  (fixtures)
