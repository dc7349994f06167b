"""Frames of a GL crossfade beside the software path's, on a real X display with Mesa's OpenGL.

Run by tests/e2e/test_gl_transition.py as ``python -m tests.helpers.gl_frames`` under Xvfb (the
test process itself is offscreen, where there is no OpenGL). Two seed slides are built and
grabbed; the GL overlay (kiosk.playback.gl_transition) fades between them in a real window; at
the start, middle and end of the fade, after a resize and after its GL context is lost (the
overlay is moved to another window, which makes Qt destroy its context and create a new one),
its framebuffer is compared with the software path's frame for the same moment. Prints one
JSON object: for each moment, the largest and mean channel difference and whether it is black.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from harness.contentfiles import SEED
from kiosk.core.content import load_content
from kiosk.core.playlist import playlist_at
from kiosk.playback.gl_transition import GlTransition
from kiosk.playback.transition import paint_frame
from kiosk.screen.fonts import load_fonts
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for

SIZE = QSize(640, 360)


def seed_screens() -> tuple[QPixmap, QPixmap]:
    """The seed's first two slides at SIZE, as the player grabs them before a fade."""
    loaded = load_content(SEED)
    entries = playlist_at(loaded.content, datetime(2026, 12, 1, 10, 0))
    screens = []
    for index in (0, 1):
        style = style_for(loaded.content.settings, SIZE, loaded.folder, lang=entries[index].lang)
        slide = Slide(entries[index].panel, style, (index, len(entries)))
        slide.body.finish()
        screens.append(slide.grab())
    return screens[0], screens[1]


def software_frame(outgoing: QPixmap, incoming: QPixmap, t: float, size: QSize) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(0)
    paint_frame(image, outgoing, incoming, "fade", t, 1)
    return image


def compare(gl: QImage, software: QImage) -> dict[str, float | bool]:
    """Largest and mean difference of any colour channel, and whether the GL frame is all black."""
    a = gl.convertToFormat(QImage.Format.Format_RGB32)
    b = software.convertToFormat(QImage.Format.Format_RGB32)
    if a.size() != b.size():
        return {"max": 255, "mean": 255.0, "black": False, "size": [a.width(), a.height()]}
    pa, pb = bytes(a.constBits()), bytes(b.constBits())
    channels = [i for i in range(len(pa)) if i % 4 != 3]  # B, G, R; not the padding byte
    step = max(1, len(channels) // 200_000)  # a sample of ~200k channels is plenty for a tolerance
    diffs = [abs(pa[i] - pb[i]) for i in channels[::step]]
    return {"max": max(diffs), "mean": sum(diffs) / len(diffs), "black": not any(pa[i] for i in channels[::step])}


def frame_at(overlay: GlTransition, app: QApplication, t: float) -> QImage:
    overlay._t = t  # the frame for this moment, as the animation would set it
    overlay.update()
    app.processEvents()
    return overlay.grabFramebuffer()


def main() -> int:
    app = QApplication(sys.argv)
    load_fonts()
    outgoing, incoming = seed_screens()
    window = QWidget()
    window.resize(SIZE)
    window.show()
    overlay = GlTransition(window)
    overlay.run(outgoing, incoming, "fade")
    overlay._animation.pause()  # the test sets each moment itself
    results: dict[str, object] = {}
    for name, t in (("start", 0.0), ("middle", 0.5), ("end", 1.0)):
        results[name] = compare(frame_at(overlay, app, t), software_frame(outgoing, incoming, t, overlay.size()))
    window.resize(SIZE * 1.5)  # the screen changes mode mid-fade
    overlay.setGeometry(window.rect())
    app.processEvents()
    results["resized"] = compare(frame_at(overlay, app, 0.5),
                                 software_frame(outgoing, incoming, 0.5, overlay.size()))
    lost: list[bool] = []
    overlay.context().aboutToBeDestroyed.connect(lambda: lost.append(True))
    other = QWidget()
    other.resize(overlay.size())
    other.show()
    overlay.setParent(other)  # another window: Qt destroys the GL context and makes a new one
    overlay.show()
    app.processEvents()
    results["context_lost"] = compare(frame_at(overlay, app, 0.5),
                                      software_frame(outgoing, incoming, 0.5, overlay.size()))
    results["context_was_lost"] = lost == [True]
    finished: list[bool] = []
    overlay.finished.connect(lambda: finished.append(True))
    overlay._animation.resume()
    overlay.complete()  # a key pressed mid-fade
    results["finished"] = finished == [True] and not overlay.isVisible()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
