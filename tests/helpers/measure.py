"""Measure a built slide the way a viewer would see it: every text whole, nothing overlapping.

Each label's required rectangle comes straight from font metrics for its (wrapped)
text, and is compared with the rectangle the layout gave it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.screen.icons import IconLabel
from kiosk.screen.images import Picture
from kiosk.screen.panels.spotlight import Avatar
from kiosk.screen.qr import QrCode

BIG = 1_000_000


def required_size(label: QLabel) -> tuple[int, int]:
    """Width and height the label's text needs, wrapped at its width when it wraps."""
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        rect = metrics.boundingRect(QRect(0, 0, label.width(), BIG),
                                    int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), label.text())
        return rect.width(), rect.height()
    return metrics.horizontalAdvance(label.text()), metrics.height()


def on_slide(widget: QWidget, slide: QWidget) -> QRect:
    return QRect(widget.mapTo(slide, QPoint(0, 0)), widget.size())


def visible_rect(widget: QWidget, slide: QWidget) -> QRect:
    """The part of ``widget`` that its ancestors (up to the slide) actually show."""
    rect = on_slide(widget, slide)
    parent = widget.parentWidget()
    while parent is not None and parent is not slide:
        rect = rect.intersected(on_slide(parent, slide))
        parent = parent.parentWidget()
    return rect.intersected(slide.rect())


def leaves(slide: QWidget) -> list[QWidget]:
    """What carries content: labels with text, QR codes, photos and pictures that are shown."""
    kinds = (QLabel, QrCode, Avatar, Picture, IconLabel)
    found = [w for w in slide.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(slide)]
    return [w for w in found if carries_content(w)]


def carries_content(widget: QWidget) -> bool:
    """A label with text, an icon with a picture; QR codes, photos and pictures always."""
    if isinstance(widget, QLabel):  # the kiosk's labels hold text only (icons are IconLabels)
        return bool(widget.text())
    if isinstance(widget, IconLabel):
        return not widget.pixmap().isNull()
    return True


def layout_faults(slide: QWidget) -> list[str]:
    """Every way the slide fails a viewer: text cut, content clipped, off-screen or overlapping."""
    QApplication.processEvents()  # let nested layouts settle their geometry
    faults = []
    shown = leaves(slide)
    for widget in shown:
        rect, seen = on_slide(widget, slide), visible_rect(widget, slide)
        name = widget.text()[:40] if isinstance(widget, QLabel) else type(widget).__name__
        if seen != rect:
            faults.append(f"{name!r} clipped or off-screen: {rect.getRect()} shows only {seen.getRect()}")
        if isinstance(widget, QLabel) and widget.text():
            need_w, need_h = required_size(widget)
            if need_w > widget.width() + 1 or need_h > widget.height():
                faults.append(f"{name!r} needs {need_w}x{need_h}, got {widget.width()}x{widget.height()}")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if on_slide(a, slide).intersects(on_slide(b, slide)) and not (a.isAncestorOf(b) or b.isAncestorOf(a)):
                faults.append(f"{type(a).__name__} and {type(b).__name__} overlap: "
                              f"{on_slide(a, slide).getRect()} / {on_slide(b, slide).getRect()}")
    return faults
