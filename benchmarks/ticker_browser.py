"""Side by side with only a ticker moving: the kiosk, and Chromium showing the same screen as a page.

The screen is one text panel that stays an hour, with a ticker of the same lines along the bottom
at the same speed. In the page the band is a CSS animation (``transform: translateX``, linear,
endless): what a web signage player does. Each runs under its own 1920x1080 Xvfb, one after the
other in the same run; after ``SETTLE_S`` each is measured over the same window: CPU (share of one
core, every process of the program, and the X server's), then PSS.
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.browser import CHROMIUM_FLAGS, _measure, _stop_group, chromium_binary
from harness.displays import launch
from harness.process import KioskProcess
from kiosk.core import theme
from kiosk.core.layout import band_height

SETTLE_S = 8.0  # both have painted and settled: only the band moves
LINES = ["Data Reporting Webinars for School Year 2022-23",
         "2023 National Association of State Directors of Migrant Education (NASDME) Conference",
         "Protecting Student Privacy", "2023 Annual Directors' Meeting", "Webinar Presentations Posted",
         "MEP Policy Updates"]
SPEED = 90  # pixels a second at 1080p
PANEL_TITLE, PANEL_BODY = "Our Goal", ("The goal of the Migrant Education Program is to ensure that all migrant "
                                       "students reach challenging academic standards and graduate.")


def content_yaml() -> str:
    """The kiosk's side: one panel that stays put, and the ticker."""
    items = ", ".join(json.dumps(line) for line in LINES)
    return (f"settings:\n  title: Migrant Education Program\n  ticker: {{items: [{items}], speed: {SPEED}}}\n"
            f"panels:\n  - {{id: goal, kind: text, title: {PANEL_TITLE}, body: {json.dumps(PANEL_BODY)}, "
            "duration: 3600}\n")


def page_html(width: int = 1920, height: int = 1080) -> str:
    """Chromium's side: the same screen, the band a CSS animation at the same speed."""
    palette = theme.Palette("#0b2545", "#ffffff", "#f2a541")
    band = band_height(width, height)
    gap = round(band * theme.TICKER_GAP)
    items = "".join(f'<span class="item">{html.escape(line)}</span><span class="mark"></span>' for line in LINES)
    mark = round(band * theme.TICKER_MARK)
    css = f"""html,body{{margin:0;height:100%;overflow:hidden;background:{palette.background};color:#fff;
  font-family:'Source Sans Pro',sans-serif;cursor:none}}
header{{height:{theme.HEADER_HEIGHT * 100}vh;background:{palette.surface};font-weight:600;padding:0 5vh;
  display:flex;align-items:center;font-size:{theme.HEADER_TEXT * 100}vh}}
main{{padding:5vh 8vh}} h1{{font-size:{theme.TITLE * 100}vh;margin:0}} p{{font-size:{theme.BODY * 100}vh}}
.band{{position:absolute;left:0;right:0;bottom:0;height:{band}px;background:{palette.band};overflow:hidden}}
.strip{{display:flex;align-items:center;height:100%;white-space:nowrap;width:max-content;
  animation:scroll linear infinite;will-change:transform}}
.item{{font-weight:600;font-size:{round(band * theme.TICKER_TEXT)}px}}
.mark{{display:inline-block;width:{mark}px;height:{mark}px;background:{palette.accent};transform:rotate(45deg);
  margin:0 {gap}px}}
@keyframes scroll{{from{{transform:translateX(0)}}to{{transform:translateX(-50%)}}}}"""
    script = f"""const strip = document.querySelector('.strip');
strip.style.animationDuration = (strip.scrollWidth / 2 / {SPEED * height / 1080}) + 's';"""
    return (f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<header>Migrant Education Program</header><main><h1>{PANEL_TITLE}</h1><p>{html.escape(PANEL_BODY)}</p>'
            f'</main><div class="band"><div class="strip">{items}{items}</div></div><script>{script}</script>'
            '</body></html>')


def run_chromium(page: Path, window_s: float) -> dict:
    """Chromium in kiosk mode on ``page``, measured once settled."""
    with launch("xvfb", 1920, 1080) as server, tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as profile:
        command = [chromium_binary() or "chromium", *CHROMIUM_FLAGS, "--kiosk", f"--user-data-dir={profile}",
                   "--window-position=0,0", "--window-size=1920,1080", page.as_uri()]
        env = {"DISPLAY": server.name, "HOME": profile, "PATH": "/usr/bin:/bin"}
        browser = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            time.sleep(SETTLE_S)
            return _measure(browser.pid, server.pid, window_s, lambda: None)
        finally:
            _stop_group(browser)


def run_kiosk(content: Path, window_s: float) -> dict:
    """The kiosk on ``content``, measured once settled."""
    with launch("xvfb", 1920, 1080) as server, KioskProcess([str(content)], display=server) as kiosk:
        if kiosk.wait_painted(60) is None:
            raise RuntimeError("the kiosk did not log its first paint")
        time.sleep(SETTLE_S)
        return _measure(kiosk.pid, server.pid, window_s, lambda: None)


def side_by_side(window_s: float) -> dict:
    """One Chromium run and one kiosk run, one after the other, and the kiosk/Chromium ratios."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-ticker-") as folder:
        page, content = Path(folder) / "ticker.html", Path(folder) / "content.yaml"
        page.write_text(page_html(), encoding="utf-8")
        content.write_text(content_yaml(), encoding="utf-8")
        chromium = run_chromium(page, window_s)
        kiosk = run_kiosk(content, window_s)
    return {"chromium": chromium, "kiosk": kiosk, "window_s": window_s,
            "pss_ratio_pct": 100 * kiosk["pss_mb"] / chromium["pss_mb"],
            "cpu_ratio_pct": 100 * kiosk["cpu_pct"] / chromium["cpu_pct"] if chromium["cpu_pct"] else float("nan")}


def main() -> None:
    """Print one JSON line of the side-by-side figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    print(json.dumps(side_by_side(parser.parse_args().seconds)))


if __name__ == "__main__":
    main()
