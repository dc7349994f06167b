"""Where transitions are drawn: on the GPU when there is one, else in software (``--render``).

``auto`` takes OpenGL only when it is done by hardware. Mesa's llvmpipe (Xvfb, a VM, VNC) blends
on the CPU, slower than the raster path, and the framebuffer and offscreen platforms have no
OpenGL at all. A machine with no GPU device is known without asking OpenGL, which keeps Mesa's
software driver (tens of MB) out of the process; otherwise a context is made once to read its
GL_RENDERER.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

log = logging.getLogger(__name__)

RENDERS = ("auto", "gl", "software")
GL_RENDERER = 0x1F01
# GL_RENDERER names of OpenGL done by the CPU: a blend there costs more than the raster path's.
SOFTWARE_GL = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "microsoft basic render")
GPU_DEVICES = ("/dev/dri", "/dev/nvidia0")


def has_gpu_device(devices: tuple[str, ...] = GPU_DEVICES) -> bool:
    """True when a GPU device node exists (a DRM card or render node, or NVIDIA's own)."""
    for device in map(Path, devices):
        if device.is_dir() and any(device.iterdir()) or device.exists() and not device.is_dir():
            return True
    return False


def gl_renderer() -> str | None:
    """The GL_RENDERER string of this display's OpenGL, or None when no context can be made."""
    context = QOpenGLContext()
    if not context.create():
        return None
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid() or not context.makeCurrent(surface):
            return None
        return str(context.functions().glGetString(GL_RENDERER) or "") or None
    finally:
        context.doneCurrent()
        surface.destroy()


def choose_render(asked: str, *, gpu: bool | None = None, renderer: str | None = None) -> tuple[str, str]:
    """("gl" or "software", why) for ``--render asked``. ``gpu`` and ``renderer`` are probed when None."""
    if asked == "software":
        return "software", "--render software"
    if asked == "auto" and not (has_gpu_device() if gpu is None else gpu):
        return "software", "no GPU device (" + " or ".join(GPU_DEVICES) + ")"
    renderer = renderer or gl_renderer()
    if renderer is None:
        why = f"no OpenGL context on the {QGuiApplication.platformName()} platform"
        if asked == "gl":
            log.warning("transitions: --render gl asked for, but there is %s; drawing them in software", why)
        return "software", why
    if asked == "gl":
        return "gl", f"--render gl (GL_RENDERER is {renderer})"
    if any(name in renderer.lower() for name in SOFTWARE_GL):
        return "software", f"GL_RENDERER is {renderer}, which draws on the CPU"
    return "gl", f"GL_RENDERER is {renderer}"
