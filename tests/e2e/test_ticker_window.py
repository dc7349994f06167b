"""A layout in a real X window: the ticker band moves on its own, the main panel stays whole above it."""

from __future__ import annotations

from kiosk.core.layout import regions
from tests.e2e.xdisplay import HEIGHT, WIDTH

PAINTED = "painted at monotonic"
LAYOUT = """\
settings:
  title: Booth
  transition: none
  ticker: {items: [Registration is open at the front desk, Coffee is served in hall B], speed: 90}  # 1 px a frame
panels:
  - {id: welcome, kind: text, title: Welcome, body: Ask us about the program., duration: 600}
"""


def band_rows(shot, band) -> list[list[tuple[int, int, int]]]:
    middle = band.y + band.height // 2
    return [[shot.rgb(x, y) for x in range(WIDTH)] for y in range(middle - 8, middle + 8, 4)]


def shift_between(before, after) -> int | None:
    """How far left the band's pixels moved from one shot to the next (None: no shift matches)."""
    for shift in range(1, WIDTH // 2):
        if all(row_after[x] == row_before[x + shift] for row_before, row_after in zip(before, after)
               for x in range(0, WIDTH - shift, 3)):
            return shift
    return None


def test_the_ticker_moves_left_and_the_panel_above_it_is_whole(start_kiosk, tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(LAYOUT, encoding="utf-8")
    kiosk = start_kiosk(str(content), time_scale=1.0)
    kiosk.read_until(PAINTED)
    found = regions(WIDTH, HEIGHT, band="bottom")
    band = found.band
    assert band is not None
    first = kiosk.wait_until(lambda: len((s := kiosk.shot()).colors()) > 4 and s, 10, "the kiosk to paint")
    before = band_rows(first, band)
    kiosk.wait_until(lambda: band_rows(kiosk.shot(), band) != before, 10, "the band to move")
    second = kiosk.shot()
    shift = shift_between(before, band_rows(second, band))
    assert shift is not None and shift > 0, "the band's pixels did not move left as a whole"
    # Above the band, the panel's area ends in its footer: its last rows are the plain background.
    background = first.rgb(WIDTH // 2, found.main.height - 2)
    assert all(first.rgb(x, found.main.height - 2) == background for x in range(0, WIDTH, 4))
    assert second.rgb(WIDTH // 2, 5) == first.rgb(WIDTH // 2, 5)  # the header did not move
    # The panel's text is drawn above the band and stays exactly as it was while the band moves.
    main = [(x, y) for x in range(0, WIDTH, 6) for y in range(0, found.main.height, 6)]
    assert sum(first.rgb(x, y) != background for x, y in main) > 100  # the title and body are there
    assert all(first.rgb(x, y) == second.rgb(x, y) for x, y in main)
