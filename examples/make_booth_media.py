"""Make the sample media of examples/booth.yaml: a poster (PNG), a slide deck (PDF) and a loop (MP4).

    QT_QPA_PLATFORM=offscreen python examples/make_booth_media.py

Drawn here (the loop by ffmpeg), so the repository holds no media it cannot remake; each
file stays well under 1 MB.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

HERE = Path(__file__).resolve().parent / "media"
SLIDES = [
    ("Migrant Education Program", "Helping migrant children reach high standards since 1966"),
    ("213,569 students", "served in 2021-22, from birth to age 21"),
    ("Summer programs", "Classes in June and July, close to where families work"),
    ("Visit results.ed.gov", "Profiles, resources and the national PASS program"),
]


def font(pixels: int, bold: bool = False) -> QFont:
    face = QFont("Source Sans Pro")
    face.setPixelSize(pixels)
    face.setBold(bold)
    return face


def poster(path: Path) -> None:
    """A 1920 x 1080 conference poster: a warm gradient, a headline and the booth number."""
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(1.2, 1.2)  # drawn on a 1600 x 900 grid
    gradient = QLinearGradient(0, 0, 1600, 900)
    gradient.setColorAt(0, QColor("#f2a541"))
    gradient.setColorAt(1, QColor("#c2452d"))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(font(150, bold=True))
    painter.drawText(QRectF(100, 140, 1400, 360), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                     "Every student, every move")
    painter.setFont(font(64))
    painter.drawText(QRectF(100, 560, 1400, 100), Qt.AlignmentFlag.AlignLeft, "NASDME 2026 · Hall B")
    painter.setBrush(QColor("#0b2545"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(1220, 540, 280, 280))
    painter.setPen(QColor("#ffffff"))
    painter.setFont(font(44, bold=True))
    painter.drawText(QRectF(1220, 600, 280, 60), Qt.AlignmentFlag.AlignCenter, "Booth")
    painter.setFont(font(110, bold=True))
    painter.drawText(QRectF(1220, 640, 280, 140), Qt.AlignmentFlag.AlignCenter, "14")
    painter.end()
    image.save(str(path), "PNG")


def deck(path: Path) -> None:
    """A four-page 16:9 deck with real text, as PowerPoint or Keynote export one."""
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(405, 720), QPageSize.Unit.Point, "slide"),
                                     QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    for number, (title, line) in enumerate(SLIDES):
        if number:
            writer.newPage()
        page = QRectF(0, 0, writer.width(), writer.height())
        painter.fillRect(page, QColor("#ffffff"))
        painter.fillRect(QRectF(0, 0, 24, page.height()), QColor("#f2a541"))
        painter.setPen(QColor("#0b2545"))
        painter.setFont(font(44, bold=True))
        painter.drawText(QRectF(70, 120, 600, 120), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, title)
        painter.setPen(QColor("#3d4f66"))
        painter.setFont(font(24))
        painter.drawText(QRectF(70, 250, 580, 100), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, line)
    painter.end()


def loop(path: Path) -> None:
    """Six seconds of slowly moving gradients in the theme's colours, H.264 in MP4."""
    colours = "c0=0x0b2545:c1=0xf2a541:c2=0xc2452d:c3=0x13315c:nb_colors=4"
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"gradients=size=1280x720:rate=25:duration=6:speed=0.03:{colours}", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", "-crf", "28", "-movflags", "+faststart", str(path)], check=True)


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    sys.path.insert(0, str(HERE.parent.parent))
    from kiosk.screen.fonts import load_fonts  # the kiosk's own typeface, so the samples match it

    load_fonts()
    HERE.mkdir(exist_ok=True)
    poster(HERE / "poster.png")
    deck(HERE / "deck.pdf")
    loop(HERE / "loop.mp4")
