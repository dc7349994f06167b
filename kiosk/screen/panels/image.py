"""Image: a poster made elsewhere (Canva, PowerPoint), shown whole or filling the screen, with a caption."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.model import ImagePanel
from kiosk.screen.images import Decoded, Poster, image_result
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelUnavailable, PanelWidget, link_block
from kiosk.screen.slide import paint_background

BAND_ALPHA = 225  # the caption band over a full-bleed poster: the picture shows faintly through
LINK_SHARE = 0.55  # of a portrait screen's width: the QR code and its label beside the caption
MAX_CROP = 0.25  # `check --size` warns when cover cuts off more than this share of the image


@register("image")
class ImageWidget(PanelWidget):
    """The image panel: a poster, with its caption and link at the foot or over it (``bleed``)."""

    panel: ImagePanel

    def build(self) -> None:
        """Decode the image for the room the foot leaves (bars until a live decode is done) and lay it out."""
        s, p = self.style_, self.panel
        layout = self.column(s.px(theme.GAP) // 2)
        foot = self._foot()
        room = self.area.height()
        if foot is not None and not p.bleed:
            room -= foot.sizeHint().height() + layout.spacing()
        box = QSize(self.area.width(), room)
        decoded, why = image_result(s.folder, p.file, box, p.fit)
        if decoded is None and why:
            raise PanelUnavailable(("file",), "image cannot be read; the panel is left out of the rotation")
        if decoded is None:  # still decoding on the worker (the running kiosk): bars now, the image soon
            self.incomplete = True
        else:
            self._note_quality(decoded, box)
        bars = QColor(p.background) if p.background else s.color("background")
        self.poster = Poster(decoded.image if decoded else QImage(), box, bars)
        layout.addWidget(self.poster)
        if foot is not None and p.bleed:  # over the foot of the picture, on a band that keeps it readable
            foot.setParent(self.poster)
            height = foot.sizeHint().height()
            foot.setGeometry(0, box.height() - height, box.width(), height)
        elif foot is not None:
            layout.addWidget(foot)

    def _foot(self) -> QWidget | None:
        """The caption, with the link's QR code beside it; None when there is neither."""
        s, p = self.style_, self.panel
        if not p.caption and p.link is None:
            return None
        foot = QWidget()
        row = QHBoxLayout(foot)
        pad = s.px(theme.GAP) // 2 if p.bleed else 0
        row.setContentsMargins(pad * 2, pad, pad * 2, pad)
        row.setSpacing(s.px(theme.GAP))
        link_room = round(self.area.width() * LINK_SHARE) if s.portrait else s.px(theme.QR) * 3
        link = link_block(self, p.link, ("link",), beside=True, width=link_room) if p.link else None
        width = self.area.width() - 4 * pad - (link.width() + row.spacing() if link else 0)
        if p.caption:
            row.addWidget(self.label(p.caption, theme.SUBTITLE, weight=QFont.Weight.DemiBold, width=width,
                                     align=Qt.AlignmentFlag.AlignHCenter, field=("caption",)), 1,
                          Qt.AlignmentFlag.AlignVCenter)
        else:
            row.addStretch(1)
        if link is not None:
            row.addWidget(link, 0, Qt.AlignmentFlag.AlignVCenter)
        if p.bleed:
            band = QColor(s.palette.surface)
            band.setAlpha(BAND_ALPHA)
            paint_background(foot, band)
        return foot

    def _note_quality(self, decoded: Decoded, box: QSize) -> None:
        """For `check --size`: a poster stretched past its pixels, or cropped by more than a quarter."""
        if decoded.blurry:
            need = decoded.image.size() if self.panel.fit == "contain" else box
            self.fit_notes.append((("file",), (
                f"the image is {decoded.source.width()} x {decoded.source.height()} pixels and is shown "
                f"{decoded.scale:.1f} times enlarged, so it looks blurry; export it at least "
                f"{need.width()} x {need.height()} pixels")))
        if decoded.cropped > MAX_CROP:
            self.fit_notes.append((("fit",), (
                f"cover cuts off {decoded.cropped:.0%} of the image (its edges do not show); "
                "use `fit: contain`, or an image shaped like the screen")))
