"""What every panel widget offers the player and the renderer."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content.model import Link, PanelBase
from kiosk.style import Style
from kiosk.widgets import QrCode, text_height_for, text_label


class PanelWidget(QWidget):
    """One panel's body, laid out for a known area (everything between header and footer)."""

    max_scale = 1.0  # how far text may grow beyond the theme's sizes when there is room

    def __init__(self, panel: PanelBase, style: Style, area: QSize) -> None:
        super().__init__()
        self.panel = panel
        self.style_ = style
        self.area = area
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.build()

    def build(self) -> None:
        """Create the child widgets. Subclasses lay out their content here."""
        raise NotImplementedError

    def start(self) -> None:
        """The panel came on screen: begin its entry animation, if it has one."""

    def finish(self) -> None:
        """Jump every animation to its end state (for render and reduced motion)."""

    def page_count(self) -> int:
        return 1

    def set_page(self, page: int) -> None:
        """Show one page of a panel that splits its content into pages."""

    def overflows(self) -> bool:
        """True when the content needs more height than the area gives it."""
        layout = self.layout()
        if layout is None:
            return False
        return layout.totalMinimumSize().height() > self.area.height()

    def label(self, text: str, size: float, *, color: str = "text",
              weight: QFont.Weight = QFont.Weight.Normal, italic: bool = False,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, wrap: bool = True,
              width: int | None = None) -> QLabel:
        """A plain-text label in the theme's font at ``size`` (fraction of screen height).

        With ``width`` the label is fixed to it and reserves the height its wrapped text
        needs: Qt's height-for-width does not carry through nested box layouts, and a
        guessed height would cut the last line off.
        """
        font = self.style_.font(size, weight, italic)
        label = text_label(text, font, self.style_.color(color), wrap=wrap, align=align)
        if width is not None:
            label.setFixedWidth(width)
            label.setMinimumHeight(text_height_for(label, width))
        return label


def link_width(widget: PanelWidget) -> int:
    """Width a link block takes: its QR code, or its label if that is wider."""
    return widget.style_.px(theme.QR) + widget.style_.px(theme.QR) // 2


def link_block(widget: PanelWidget, link: Link) -> QWidget:
    """A link as a kiosk can offer it: a QR code to scan, with its label under it."""
    s = widget.style_
    block = QWidget()
    block.setFixedWidth(link_width(widget))
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(s.px(0.01))
    code = QrCode(link.url, s.px(theme.QR), QColor(theme.QR_DARK), QColor(theme.QR_LIGHT))
    column.addWidget(code, 0, Qt.AlignmentFlag.AlignHCenter)
    caption = widget.label(link.label, theme.FINE_PRINT, color="accent", weight=QFont.Weight.DemiBold,
                           align=Qt.AlignmentFlag.AlignHCenter, width=link_width(widget))
    column.addWidget(caption, 0, Qt.AlignmentFlag.AlignHCenter)
    return block
