"""The content core: the format, loading and validation. No Qt here (import-linter enforces it)."""

from kiosk.core.content.loader import Loaded, load_bytes, load_content
from kiosk.core.content.model import Content, paragraphs
from kiosk.core.content.problems import ContentError, Problem, Severity

__all__ = ["Content", "ContentError", "Loaded", "Problem", "Severity", "load_bytes",
           "load_content", "paragraphs"]
