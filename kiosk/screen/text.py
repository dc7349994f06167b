"""Plain-text labels, and where their lines break and end, for fitting."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy


def text_label(text: str, font: QFont, color: QColor, *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    """A label that always shows its text literally (never as rich text)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
    palette = label.palette()  # a palette, not a style sheet: style sheets re-polish fonts
    palette.setColor(label.foregroundRole(), color)
    label.setPalette(palette)
    policy = QSizePolicy.Policy
    label.setSizePolicy(policy.Preferred, policy.Minimum if wrap else policy.Fixed)
    return label


def text_height_for(label: QLabel, width: int) -> int:
    """The height a word-wrapped label's text needs at ``width``, straight from font metrics."""
    bounds = QRect(0, 0, max(1, width), 1_000_000)
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    return QFontMetrics(label.font()).boundingRect(bounds, flags, label.text()).height()


def line_starts(text: str, font: QFont, width: int) -> list[int]:
    """Where each line of ``text`` starts when word-wrapped at ``width`` (as QLabel wraps it)."""
    return [start for start, _, _ in wrapped_lines(text, font, width)]


def wrapped_lines(text: str, font: QFont, width: int) -> list[tuple[int, int, float]]:
    """Each line of ``text`` word-wrapped at ``width``: its start, length and natural width."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        lines.append((line.textStart(), line.textLength(), line.naturalTextWidth()))
    layout.endLayout()
    return lines


def elide_to_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """``text`` cut to ``lines`` wrapped lines, the last one ending in "…" when anything was cut."""
    starts = line_starts(text, font, width)
    if len(starts) <= lines:
        return text
    start = starts[max(1, lines) - 1]
    rest = " ".join(text[start:].split())
    last = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return text[:start] + last



def elide_long_words(text: str, font: QFont, width: int) -> str:
    """``text`` with every word too wide for a line of ``width`` cut to fit, ending in "…".

    A word with no break in it (a German compound, a long address) would otherwise run past
    the label's edge and be clipped mid-letter with nothing to show it was cut.
    """
    lines = [(start, length, natural > width + 0.5) for start, length, natural in wrapped_lines(text, font, width)]
    if not any(over for *_, over in lines):
        return text
    metrics = QFontMetrics(font)
    pieces = []
    for start, length, over in lines:
        segment = text[start:start + length]
        if over:
            word = segment.rstrip()
            segment = metrics.elidedText(word, Qt.TextElideMode.ElideRight, width) + segment[len(word):]
        pieces.append(segment)
    return "".join(pieces)
