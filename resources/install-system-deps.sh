#!/bin/sh
# System packages the real-window tests and a real window need on Debian/Ubuntu:
# Xvfb, xdotool and ImageMagick (screenshots) for the end-to-end tests, dbus (a private bus for the
# screen-saver test), and the xcb libraries Qt's window plugin loads.
# xwayland: cage starts Xwayland and quits without it (the cage test).
# libgl1-mesa-dri, libglx-mesa0: Mesa's OpenGL (llvmpipe) under Xvfb, where the GL transition is tested.
# xrestop: the X resources a client holds (the week soak in `make bench`).
# fonts-droid-fallback: a CJK font, so Chinese/Japanese/Korean text is never boxes.
# sway, grim and wtype: the headless Wayland compositor tests (screenshots and keys); python3: a system
# Python the unprivileged compositor user can run; cage and systemd: `kiosk setup`'s units, checked
# with systemd-analyze verify (which wants the programs they start to exist).
# poppler-utils: pdftotext and pdfinfo read back the PDF handout in its tests; ffmpeg makes the
# video tests' clips.
# chromium: the browser the editor's end-to-end tests drive (Playwright, never its own browser download).
set -e
PACKAGES="xvfb xdotool x11-utils imagemagick dbus libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-droid-fallback poppler-utils ffmpeg sway grim wtype cage python3 systemd libwayland-client0 libwayland-cursor0 xwayland xrestop libgl1-mesa-dri libglx-mesa0 chromium"
missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "missing system packages; install them with:"
    echo "  sudo apt-get install$missing"
    exit 1
fi
