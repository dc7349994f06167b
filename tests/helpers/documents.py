"""PDF decks for the tests, made here rather than shipped: plain, password-protected, and broken."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

PAGE_COLORS = ("#2e86ab", "#a23b72", "#f18f01", "#c73e1d", "#3b7f2b", "#5c4d7d")


def make_deck(path: Path, pages: int, points: tuple[float, float] = (720, 405)) -> Path:
    """A deck of ``pages`` 16:9 pages, page N filled with PAGE_COLORS[N % 6] and saying "Slide N"."""
    writer = QPdfWriter(str(path))
    # Qt keeps page sizes portrait and turns them with the orientation.
    portrait = QSizeF(min(points), max(points))
    landscape = points[0] > points[1]
    writer.setPageLayout(QPageLayout(QPageSize(portrait, QPageSize.Unit.Point, "slide"),
                                     QPageLayout.Orientation.Landscape if landscape
                                     else QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont("Source Sans Pro")
    font.setPixelSize(round(points[1] / 6))
    painter.setFont(font)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        page = QRectF(0, 0, writer.width(), writer.height())
        painter.fillRect(page, QColor(page_color(number)))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(page, Qt.AlignmentFlag.AlignCenter, f"Slide {number}")
    painter.end()
    return path


def page_color(number: int) -> str:
    return PAGE_COLORS[(number - 1) % len(PAGE_COLORS)]


def make_protected_deck(path: Path) -> Path:
    """A PDF whose Standard security handler wants a user password nobody knows.

    /U is 32 bytes that match no password (the empty one included), so a reader must refuse it.
    """
    u_value = "".join(f"{(i * 37 + 11) % 256:02x}" for i in range(32))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 720 405] >>",
        f"<< /Filter /Standard /V 1 /R 2 /O <{u_value}> /U <{u_value}> /P -4 >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
            f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path
