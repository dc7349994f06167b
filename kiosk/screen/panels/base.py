"""What every panel widget offers the player and the renderer."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QRegion
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.localize import Translatable, resolved
from kiosk.core.content.model import Link, PanelBase
from kiosk.screen.images import Decoded, Fit, image_result
from kiosk.screen.qr import QrCode
from kiosk.screen.style import Style
from kiosk.screen.text import elide_long_words, elide_to_lines, line_starts, text_height_for, text_label

Loc = tuple[str | int, ...]


@dataclass
class TextField:
    """A label showing one content field, so fitting can name the field it changed."""

    label: QLabel
    loc: Loc
    text: str
    size: float  # the theme's size for it, as a fraction of the unit


class PanelUnavailable(Exception):  # noqa: N818 (not an error: the panel has nothing to show)
    """Raised while building when the panel has nothing to show (its image can't be read):
    the rotation leaves it out calmly, and ``check --size`` reports ``message`` at ``loc``."""

    def __init__(self, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.loc, self.message = loc, message


class PanelWidget(QWidget):
    """One panel's body, laid out for a known area (everything between header and footer)."""

    max_scale = 1.0  # how far text may grow beyond the theme's sizes when there is room
    live = False  # its picture changes by itself (a video): a grab of it is never kept
    moves_in = False  # it animates on arriving (a count-up): a grab taken on screen is not how it comes back

    def __init__(self, panel: PanelBase, style: Style, area: QSize) -> None:
        super().__init__()
        self.panel = panel
        self.style_ = style
        self.area = area
        self.texts: list[TextField] = []
        self.fit_notes: list[tuple[Loc, str]] = []  # what fitting did, for `kiosk check --size`
        self.incomplete = False  # an image is still being decoded: the player redraws once it is
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.build()

    def build(self) -> None:
        """Create the child widgets. Subclasses lay out their content here."""
        raise NotImplementedError

    def start(self) -> None:
        """The panel came on screen: begin its entry animation, if it has one."""

    def finish(self) -> None:
        """Jump every animation to its end state (for render and reduced motion)."""

    def rewind(self) -> None:
        """Look again as before ``start`` (the slide left the screen and waits for its next turn)."""

    @property
    def animating(self) -> bool:
        """True while its entry animation runs: idle work waits, so as not to hitch it."""
        return False

    def moving_region(self) -> QRegion:
        """Where it may look different from a grab taken while it was on screen (a count-up's
        numbers): what the player paints again over the grab as the slide leaves."""
        return QRegion()

    def page_count(self) -> int:
        """How many pages the panel splits its content into; most panels have one."""
        return 1

    def seconds(self, scheduled: float) -> float:
        """How long the panel stays on screen, all pages together, given its scheduled time
        (a slide deck's follows its page count, known only once the deck is open)."""
        return self.panel.time_on_screen(scheduled, self.page_count())

    def set_page(self, page: int) -> None:
        """Show one page of a panel that splits its content into pages."""

    def overflows(self) -> bool:
        """True when the content needs more room than the area gives it."""
        layout = self.layout()
        if layout is None:
            return False
        need = layout.totalMinimumSize()
        return need.height() > self.area.height() or need.width() > self.area.width()

    def needed_height(self) -> int:
        """The height the content needs now, after any label changed (layouts cache sizes)."""
        layout = self.layout()
        if layout is None:
            return 0
        invalidate(layout)
        return layout.totalMinimumSize().height()

    def settle(self) -> None:
        """Make the panel fit at the legibility floor: cut the last lines of the latest fields."""
        for field in reversed(self.texts):
            excess = self.needed_height() - self.area.height()
            if excess <= 0:
                return
            self.elide(field, excess)

    def elide(self, field: TextField, excess: int) -> None:
        """Cut ``field`` by enough lines to free ``excess`` pixels (it keeps at least one line)."""
        label = field.label
        lines = len(line_starts(label.text(), label.font(), label.width()))
        keep = max(1, lines - math.ceil(excess / label.fontMetrics().lineSpacing()))
        if keep >= lines:
            return
        label.setText(elide_to_lines(label.text(), label.font(), label.width(), keep))
        label.setMinimumHeight(text_height_for(label, label.width()))
        self.fit_notes.append((field.loc, f"cut to {keep} line{'s' * (keep > 1)} ending in \"…\" "
                                          f"({lines - keep} of {lines} lines do not fit); shorten it"))

    def column(self, spacing: int) -> QVBoxLayout:
        """The body's top-level column, flush with the panel's area (the slide owns the margins)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        return layout

    def image(self, name: str, box: QSize, loc: Loc, instead: str, fit: Fit = "contain") -> Decoded | None:
        """Image ``name`` decoded for this panel (kiosk/screen/images.py), or None with a fit note."""
        decoded, why = image_result(self.style_.folder, name, box, fit)
        if decoded is None and not why:
            self.incomplete = True  # decoding on the worker; the placeholder shows meanwhile
        elif decoded is None:
            budget = f" ({why})" if "budget" in why else ""  # check already warned about the rest
            self.fit_notes.append((loc, f"image cannot be read{budget}; {instead}"))
        return decoded

    def label(self, text: Translatable, size: float, *, color: str = "text",
              weight: QFont.Weight = QFont.Weight.Normal, italic: bool = False,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, wrap: bool = True,
              width: int | None = None, field: Loc | None = None) -> QLabel:
        """A plain-text label in the theme's font at ``size`` (fraction of screen height).

        With ``width`` the label is fixed to it and reserves the height its wrapped text
        needs: Qt's height-for-width does not carry through nested box layouts, and a
        guessed height would cut the last line off. ``field`` names the content field
        (e.g. ``("body",)``) so fitting can report what it shrank or cut.
        """
        text = resolved(text)
        font = self.style_.font(size, weight, italic)
        shown = elide_long_words(text, font, width) if width is not None and wrap else text
        label = text_label(shown, font, self.style_.color(color), wrap=wrap, align=align)
        if shown != text and field is not None:
            self.fit_notes.append((field, 'a word is too long for one line and is cut with "…"; '
                                          "break it with a space or a hyphen"))
        if width is not None:
            label.setFixedWidth(width)
            label.setMinimumHeight(text_height_for(label, width))
        if field is not None and width is not None:
            self.texts.append(TextField(label, field, text, size))
        return label

    def note_shrink(self) -> None:
        """Tell staff the text was made smaller to fit, naming the shrunk field with the most text."""
        s = self.style_
        shrunk = []
        for field in self.texts:
            ratio = field.label.font().pixelSize() / (s.unit * field.size * s.settings.font_scale)
            if ratio < 0.98:
                shrunk.append((len(field.text), ratio, field))
        if not shrunk:
            return
        _, ratio, field = max(shrunk, key=lambda item: item[0])
        floor = " (body text is at the 2.2 % floor)" if s.scale <= theme.SCALE_STEPS[-1] else ""
        self.fit_notes.insert(0, (field.loc, f"text shrunk to {ratio:.0%} of its size to fit{floor}; "
                                             "shorten this or other fields of the panel"))


def invalidate(layout: QLayout) -> None:
    """Drop the cached sizes of ``layout`` and every layout nested in it."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        child = item.layout() if item is not None else None
        if child is not None:
            invalidate(child)
    layout.invalidate()


def qr_side(style: Style) -> int:
    """The QR code's side: the theme's size, never under 12 % of the real screen height."""
    return max(style.px(theme.QR), math.ceil(theme.QR_MIN * style.screen_height))


LABEL_ONLY_MAX = 0.4  # share of the area a link shown only as its label may take


def link_width(widget: PanelWidget, link: Link | None = None) -> int:
    """Width a link block takes: its QR code, or (``qr: false``) its label, up to a share of the area."""
    width = qr_side(widget.style_) * 3 // 2
    if link is not None and not link.qr:
        font = widget.style_.font(theme.SUBTITLE, QFont.Weight.DemiBold)
        natural = QFontMetrics(font).horizontalAdvance(resolved(link.label)) + 1
        width = max(width, min(natural, round(widget.area.width() * LABEL_ONLY_MAX)))
    return width


def link_block(widget: PanelWidget, link: Link, field: Loc, *, width: int | None = None,
               beside: bool = False) -> QWidget:
    """A link as a kiosk can offer it: a QR code to scan, with its label under (or beside) it.

    ``qr: false`` leaves only the label. ``beside`` puts the label to the right of the
    code, for narrow portrait screens.
    """
    s = widget.style_
    width = width or link_width(widget, link)
    code = QrCode(link.url, qr_side(s), QColor(theme.QR_DARK), QColor(theme.QR_LIGHT)) if link.qr else None
    if code is not None and not beside:
        width = max(width, code.width())  # whole modules round the code up a little
    block = QWidget()
    block.setFixedWidth(width)
    box: QBoxLayout = QHBoxLayout(block) if beside else QVBoxLayout(block)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(s.px(theme.GAP) if beside else s.px(0.01))
    caption_width = width
    center = Qt.AlignmentFlag.AlignHCenter
    if code is not None:
        box.addWidget(code, 0, Qt.AlignmentFlag.AlignVCenter if beside else center)
        if beside:
            caption_width = width - code.width() - box.spacing()
    align = Qt.AlignmentFlag.AlignLeft if beside or not link.qr else center
    caption = widget.label(link.label, theme.FINE_PRINT if link.qr else theme.SUBTITLE, color="accent",
                           weight=QFont.Weight.DemiBold, align=align, width=caption_width,
                           field=(*field, "label"))
    box.addWidget(caption, 1 if beside else 0, Qt.AlignmentFlag.AlignVCenter if beside else center)
    return block
