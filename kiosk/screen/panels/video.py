"""Video: a short clip through QtMultimedia, muted unless asked, lasting as long as it plays.

The frames are painted by this widget from a QVideoSink rather than by a QVideoWidget, so
a grab of the slide holds the picture: the crossfade in starts from the clip's first
frame (decoded while the slide is built off screen) and the one out from its last (kept
when the clip ends). QtMultimedia comes with PySide6-Addons, the optional
``kiosk[video]`` extra; without it the panel is left out (`check` says how to install it).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEventLoop, QLoggingCategory, QRect, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QHideEvent, QImage, QPainter

from kiosk.core import theme
from kiosk.core.content.clips import INSTALL_VIDEO, MAX_CLIP_BYTES, video_support
from kiosk.core.content.images import ImageRefusedError, confined_path, read_confined
from kiosk.core.content.model import VideoPanel
from kiosk.screen.faults import PaintedWidget
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelUnavailable, PanelWidget

log = logging.getLogger(__name__)
FIRST_FRAME_MS = 3000  # a clip that shows no frame within this while its slide is built is left out


class Screen(PaintedWidget):
    """The clip's current frame, aspect-fit into the widget, over the background."""

    def __init__(self, box: QSize, background) -> None:
        super().__init__()
        self.setFixedSize(box)
        self.frame = QImage()
        self.frames_shown = 0
        self._background = background

    def show_frame(self, image: QImage) -> None:
        """Show ``image`` as the current frame."""
        self.frame = image
        self.frames_shown += 1
        self.update()

    def paint(self, event: object) -> None:
        """Draw the frame aspect-fit and centred over the background."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        if self.frame.isNull():
            return
        size = self.frame.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.frame)


def prepare_multimedia() -> None:
    """Before QtMultimedia's first frame.

    Frames are turned into images on the CPU: with an OpenGL context at hand Qt converts them
    on the GPU instead, which without a GPU (Mesa's software OpenGL under X) took 80-170 ms a
    frame against 6-14 ms on the CPU, and video fell from 30 to 6 frames a second at 1080p.
    QtMultimedia narrates its start (no PipeWire, no hardware decoder, FFmpeg's version) as
    warnings: noise in every log. Real failures still reach errorOccurred.
    """
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets)  # the kiosk paints in software
    QLoggingCategory.setFilterRules("qt.multimedia*=false\nqt.rhi*=false")


@register("video")
class VideoWidget(PanelWidget):
    """The video panel: a clip that plays while its slide is on screen, its length the slide's time."""

    panel: VideoPanel
    live = True  # frames of its own; opening it runs an event loop, so it is never built ahead

    def build(self) -> None:
        """Check the clip may play here, lay out its screen and caption, and open it (its first frame shown)."""
        s, p = self.style_, self.panel
        if not video_support():
            raise PanelUnavailable(("kind",), f"video support is not installed ({INSTALL_VIDEO})")
        try:
            read_confined(s.folder, p.file, MAX_CLIP_BYTES, "video", head=0)  # where, what and how big
            path = confined_path(s.folder, p.file, "video")
        except ImageRefusedError as refused:
            raise PanelUnavailable(("file",), str(refused)) from None
        layout = self.column(s.px(theme.GAP) // 2)
        caption = None
        if p.caption:
            caption = self.label(p.caption, theme.SUBTITLE, weight=QFont.Weight.DemiBold, width=self.area.width(),
                                 align=Qt.AlignmentFlag.AlignHCenter, field=("caption",))
        room = self.area.height() - (caption.sizeHint().height() + layout.spacing() if caption else 0)
        self.video_screen = Screen(QSize(self.area.width(), room), s.color("background"))
        layout.addWidget(self.video_screen)
        if caption is not None:
            layout.addWidget(caption)
        self._open(path)

    def _open(self, path) -> None:
        """Load the clip and wait (briefly) for its first frame, so the slide never grabs black."""
        prepare_multimedia()
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink

        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.player.setVideoSink(self.sink)
        self.player.setLoops(self.panel.loop)
        if self.panel.sound:  # without an audio output nothing is heard: muted by default
            self.audio = QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
        self._error = ""
        self.sink.videoFrameChanged.connect(self._frame)
        self.player.errorOccurred.connect(self._failed)
        waiting = QEventLoop()
        self.sink.videoFrameChanged.connect(waiting.quit)
        self.player.errorOccurred.connect(waiting.quit)
        QTimer.singleShot(FIRST_FRAME_MS, waiting.quit)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.pause()  # decodes the first frame without playing on
        if self.video_screen.frame.isNull() and not self._error:
            waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if self.video_screen.frame.isNull() or self._error or self.player.duration() <= 0:
            self.player.stop()
            raise PanelUnavailable(("file",), f"the clip cannot be played ({self._error or 'no picture'})")

    def _frame(self, frame) -> None:
        if frame.isValid():  # the end of the clip sends an empty frame: keep the last picture
            self.video_screen.show_frame(frame.toImage())

    def _failed(self, _error, message: str) -> None:
        self._error = message or "unreadable"
        log.warning("video %r: %s", self.panel.file, self._error)

    def start(self) -> None:
        """Play the clip from its start."""
        self.player.setPosition(0)
        self.player.play()

    def finish(self) -> None:
        """Render and reduced motion: the first frame stands for the clip."""
        self.player.pause()

    def seconds(self, scheduled: float) -> float:
        """The clip's length times its loops, once the clip has told its length."""
        duration = self.player.duration()
        return duration * self.panel.loop / 1000 if duration > 0 else scheduled

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Pause as the slide leaves the screen, so a hidden clip stops decoding."""
        self.player.pause()  # a slide that left the screen stops decoding
        super().hideEvent(event)
