"""Read what a built widget shows: its label texts and its pixels."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget


def shown_texts(widget: QWidget) -> list[str]:
    """Texts of every label that is visible when ``widget`` is on screen."""
    return [label.text() for label in widget.findChildren(QLabel)
            if label.text() and label.isVisibleTo(widget)]


def all_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def distinct_colors(image: QImage, step: int = 16) -> int:
    """How many different colours a coarse sample of the image holds (1 = blank)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})
