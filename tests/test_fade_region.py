"""A crossfade repaints only where the two screens differ, and everywhere they do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap

from kiosk.core import theme
from kiosk.playback.slide_cache import SlideCache
from kiosk.playback.transition import TILES_PER_HEIGHT, Transition, changed_region


def screen(size: QSize, marks: list[QRect]) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#0b2545"))
    painter = QPainter(pixmap)
    for rect in marks:
        painter.fillRect(rect, QColor("#f2a541"))
    painter.end()
    return pixmap


def test_the_region_holds_every_changed_pixel_and_little_else(kiosk_app):
    size = QSize(640, 360)
    mark = QRect(300, 200, 3, 3)  # a few pixels, not aligned to tiles
    before, after = screen(size, []), screen(size, [mark])
    region = changed_region(before, after)
    assert region.contains(mark)
    assert not region.contains(QPoint(0, 0)) and not region.contains(QPoint(600, 20))
    area = sum(rect.width() * rect.height() for rect in region)
    assert area < size.width() * size.height() / 20


def test_pixels_outside_the_region_are_the_same_on_both_screens(kiosk_app):
    size = QSize(640, 360)
    before = screen(size, [QRect(10, 10, 100, 20), QRect(500, 300, 40, 40)])
    after = screen(size, [QRect(10, 10, 100, 20), QRect(200, 100, 30, 200)])
    region = changed_region(before, after)
    masked = []
    for pixmap in (before, after):
        image = pixmap.toImage()
        painter = QPainter(image)
        painter.setClipRegion(region)
        painter.fillRect(image.rect(), QColor("#ff00ff"))
        painter.end()
        masked.append(image)
    assert masked[0] == masked[1]
    assert region.contains(QRect(500, 300, 40, 40)) and region.contains(QRect(200, 100, 30, 200))


def test_screens_of_different_sizes_change_everywhere(kiosk_app):
    region = changed_region(screen(QSize(640, 360), []), screen(QSize(320, 180), []))
    assert region.boundingRect() == QRect(0, 0, 640, 360)


def test_compared_a_band_at_a_time_screens_of_different_sizes_change_everywhere(kiosk_app):
    """The idle-time comparison (a band per slice) agrees with the whole one after a screen turns."""
    cache, before, after = SlideCache(), screen(QSize(640, 360), []), screen(QSize(360, 640), [])
    while cache.compare_band(before, after):
        pass
    assert cache.known_region(before.cacheKey(), after).boundingRect() == QRect(0, 0, 640, 640)


class OverlayPaints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.regions = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, Transition):
            self.regions.append(event.region().boundingRect())
        return False


def test_a_fade_of_the_seed_leaves_the_header_alone(qtbot, make_player, seed):
    player = make_player(seed, size=(960, 540))
    player.toggle_pause()
    with qtbot.waitSignal(player.prefetched, timeout=10000):
        pass  # the region is found in idle time: a fade started before that blends the whole screen
    paints = OverlayPaints()
    player._transition.installEventFilter(paints)
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    assert len(paints.regions) > 3
    # The header shows the same title on every panel; only the tile it ends in may repaint.
    header_tiles_end = int(theme.HEADER_HEIGHT * 540) - 540 // TILES_PER_HEIGHT - 1
    frames = paints.regions[1:]  # the first paint, on show, covers the whole overlay
    assert all(rect.top() >= header_tiles_end for rect in frames)
    assert all(rect.height() < 540 for rect in frames)


def test_a_single_changed_pixel_repaints_exactly_its_tile_either_way_round(kiosk_app):
    size = QSize(650, 361)  # neither side a whole number of tiles
    tile = -(-size.height() // TILES_PER_HEIGHT)
    for corner in (QPoint(0, 0), QPoint(649, 360), QPoint(tile - 1, tile), QPoint(3 * tile, 2 * tile - 1)):
        before, after = screen(size, []), screen(size, [QRect(corner, QSize(1, 1))])
        left, top = corner.x() // tile * tile, corner.y() // tile * tile
        expected = QRect(left, top, min(tile, size.width() - left), min(tile, size.height() - top))
        assert list(changed_region(before, after)) == [expected]
        assert list(changed_region(after, before)) == [expected]
