"""The browser kiosk's page: content.yaml as one static HTML file, as a web signage player shows it.

Same panels, text, icons (Font Awesome 5 from qtawesome's font file), QR codes, typeface
(Source Sans Pro, embedded), sizes as fractions of the viewport height from kiosk.core.theme,
per-panel durations, the counters' 1.5 s count-up and a 700 ms ease-in-out crossfade (none
when the content's transition is ``none``). A slide stays its duration after its fade, as the
kiosk's timer starts when a fade ends. Each slide that leaves logs ``kiosk-bench left N`` on
the console, so the benchmark knows when every slide has shown twice (benchmarks/steady.py).
No network: fonts are data: URLs and the page loads nothing else.
"""

from __future__ import annotations

import base64
import html
import importlib.resources
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import segno

from kiosk.core import theme
from kiosk.core.content import Loaded
from kiosk.core.content.model import CountersPanel, SpotlightPanel, TextPanel, UpdatesPanel, paragraphs
from kiosk.core.playlist import playlist_at

ITEMS_PER_PAGE = 3  # the kiosk pages the seed's six updates in two; the page does the same
FONT_FACES = {"Regular": 400, "Semibold": 600, "Bold": 700}


def vh(fraction: float) -> str:
    return f"{fraction * 100:.3f}vh"


def _font_url(path: Path) -> str:
    return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode()


def _font_faces() -> str:
    files = importlib.resources.files("font_source_sans_pro") / "files"
    faces = [f"@font-face{{font-family:'Source Sans Pro';font-weight:{weight};"
             f"src:url({_font_url(Path(str(files / f'SourceSansPro-{face}.ttf')))})}}"
             for face, weight in FONT_FACES.items()]
    solid = next((importlib.resources.files("qtawesome") / "fonts").glob("fontawesome5-solid-webfont-*.ttf"))
    faces.append(f"@font-face{{font-family:'fa5s';src:url({_font_url(Path(str(solid)))})}}")
    return "\n".join(faces)


def _icon(name: str | None, color: str, size: float) -> str:
    """A Font Awesome 5 solid glyph by its qtawesome name (fa5s.baby)."""
    if not name or not name.startswith("fa5s."):
        return ""
    folder = importlib.resources.files("qtawesome") / "fonts"
    charmap = json.loads(next(folder.glob("fontawesome5-solid-webfont-charmap-*.json")).read_text())
    code = charmap.get(name.split(".", 1)[1])
    if code is None:
        return ""
    return f'<span class="icon" style="color:{color};font-size:{vh(size)}">&#x{code};</span>'


def _qr(link) -> str:
    if link is None:
        return ""
    uri = segno.make(link.url, error="m").svg_data_uri(dark=theme.QR_DARK, light=theme.QR_LIGHT, border=2)
    return (f'<div class="link"><img src="{uri}" style="height:{vh(theme.QR)}"><div class="small">'
            f'{html.escape(link.label)}</div></div>')


def _paras(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))


def _counters(panel: CountersPanel, palette: theme.Palette) -> str:
    tiles = []
    for i, counter in enumerate(panel.counters):
        color = theme.SERIES[i % len(theme.SERIES)]
        tiles.append(f'<div class="tile">{_icon(counter.icon, color, theme.ICON)}'
                     f'<div class="number" data-to="{counter.value}">0</div>'
                     f'<div class="muted label">{html.escape(counter.label)}</div></div>')
    total = sum(c.value for c in panel.counters) or 1
    bar = "".join(f'<div style="flex:{c.value / total:.5f};background:{theme.SERIES[i % len(theme.SERIES)]}"></div>'
                  for i, c in enumerate(panel.counters))
    total_row = ""
    if panel.total is not None:
        total_row = (f'<div class="total">{_icon("fa5s.users", palette.accent, theme.ICON * 1.2)}'
                     f'<span class="number accent" data-to="{panel.total_value}">0</span>'
                     f'<span class="subtitle strong">{html.escape(panel.total.label)}</span></div>')
    notes = "".join(f'<div class="muted small">{html.escape(n)}</div>' for n in panel.notes)
    return (f'<h1>{html.escape(panel.title)}</h1><div class="subtitle muted">{html.escape(panel.intro)}</div>'
            f'<div class="tiles">{"".join(tiles)}</div><div class="bar">{bar}</div>{total_row}'
            f'<div class="grow"></div>{notes}')


def _text(panel: TextPanel, palette: theme.Palette) -> str:
    return (f'<h1>{_icon(panel.icon, palette.accent, theme.ICON)} {html.escape(panel.title)}</h1>'
            f'<div class="row"><div class="body">{_paras(panel.body)}</div>{_qr(panel.link)}</div>')


def _spotlight(panel: SpotlightPanel, palette: theme.Palette) -> str:
    initials = "".join(word[0] for word in panel.name.split()[:2]).upper()
    quote = f'<blockquote>\u201c{html.escape(panel.quote)}\u201d</blockquote>' if panel.quote else ""
    return (f'<div class="subtitle accent strong">{html.escape(panel.heading)}</div>'
            f'<div class="row"><div class="avatar">{html.escape(initials)}</div><div class="body">'
            f'<div class="name">{html.escape(panel.name)}</div><div class="subtitle muted">'
            f'{html.escape(panel.detail)}</div>{quote}{_paras(panel.body)}</div>{_qr(panel.link)}</div>')


def _update_pages(panel: UpdatesPanel) -> list[str]:
    pages = []
    for start in range(0, len(panel.items), ITEMS_PER_PAGE):
        items = "".join(f'<div class="item"><div class="subtitle strong">{html.escape(item.title)}</div>'
                        f'<div class="body">{html.escape(item.text)}</div></div>'
                        for item in panel.items[start:start + ITEMS_PER_PAGE])
        pages.append(f'<h1>{html.escape(panel.title)}</h1>{items}')
    return pages


def _slides(loaded: Loaded, palette: theme.Palette) -> list[tuple[str, float, int]]:
    """(inner HTML, seconds, panel number) per screen, in play order; pages share their panel's time."""
    slides: list[tuple[str, float, int]] = []
    for number, entry in enumerate(playlist_at(loaded.content, datetime.now())):
        panel = entry.panel
        if isinstance(panel, UpdatesPanel):
            pages = _update_pages(panel)
            slides += [(page, entry.seconds / len(pages), number) for page in pages]
        elif isinstance(panel, CountersPanel):
            slides.append((_counters(panel, palette), entry.seconds, number))
        elif isinstance(panel, SpotlightPanel):
            slides.append((_spotlight(panel, palette), entry.seconds, number))
        elif isinstance(panel, TextPanel):
            slides.append((_text(panel, palette), entry.seconds, number))
    return slides


def _fade_ms(loaded: Loaded) -> int:
    return 0 if loaded.content.settings.transition == "none" else theme.FADE_MS  # a "slide" transition fades here


def rotation_seconds(loaded: Loaded) -> list[float]:
    """Each slide's time in one rotation, its fade included: on either side, the next change
    comes a slide's duration after its fade ended."""
    slides = _slides(loaded, theme.HIGH_CONTRAST)  # any palette: colours don't change the timing
    return [seconds + _fade_ms(loaded) / 1000 for _inner, seconds, _number in slides]


def page_html(loaded: Loaded) -> str:
    """The whole page: every slide stacked, one visible, crossfading on a timer."""
    settings = loaded.content.settings
    palette = theme.Palette(settings.theme.background, settings.theme.text, settings.theme.accent)
    slides = _slides(loaded, palette)
    count = slides[-1][2] + 1 if slides else 0
    sections = []
    for inner, _seconds, number in slides:
        dots = "".join(f'<i class="{"on" if i == number else ""}"></i>' for i in range(min(count, 20)))
        sections.append(f'<section><header>{html.escape(settings.title)}</header><main>{inner}</main>'
                        f'<footer><div class="small muted">{html.escape(settings.footer)}</div>'
                        f'<div class="dots">{dots}</div></footer></section>')
    margin_x = vh(theme.MARGIN * 1.6)
    fade_ms = _fade_ms(loaded)
    fade = f"transition:opacity {fade_ms}ms ease-in-out" if fade_ms else "transition:none"
    css = f"""{_font_faces()}
html,body{{margin:0;height:100%;overflow:hidden;background:{palette.background};cursor:none}}
body{{font-family:'{settings.theme.font}',sans-serif;color:{palette.text};font-size:{vh(theme.BODY)}}}
section{{position:absolute;inset:0;display:flex;flex-direction:column;background:{palette.background};
  opacity:0;{fade}}}
section.on{{opacity:1}}
header{{height:{vh(theme.HEADER_HEIGHT)};line-height:{vh(theme.HEADER_HEIGHT)};padding:0 {margin_x};
  background:{palette.surface};font-weight:600;font-size:{vh(theme.HEADER_TEXT)}}}
main{{flex:1;display:flex;flex-direction:column;padding:{vh(theme.MARGIN)} {margin_x};gap:{vh(theme.GAP / 2)}}}
footer{{display:flex;align-items:flex-end;gap:{vh(theme.GAP * 2)};padding:{vh(0.018)} {margin_x}}}
footer .small{{flex:1;font-size:{vh(theme.FOOTER_TEXT)}}}
.dots{{display:flex;gap:{vh(theme.DOT)}}} .dots i{{width:{vh(theme.DOT * 2 / 3)};height:{vh(theme.DOT * 2 / 3)};
  border-radius:50%;background:{palette.muted}}} .dots i.on{{width:{vh(theme.DOT)};height:{vh(theme.DOT)};
  background:{palette.accent}}}
h1{{margin:0;font-size:{vh(theme.TITLE)};font-weight:700}} p{{margin:0 0 {vh(theme.GAP)}}}
.subtitle{{font-size:{vh(theme.SUBTITLE)}}} .strong{{font-weight:600}} .small{{font-size:{vh(theme.FINE_PRINT)}}}
.muted{{color:{palette.muted}}} .accent{{color:{palette.accent}}} .grow{{flex:1}}
.icon{{font-family:'fa5s';font-style:normal}}
.tiles{{display:flex;gap:{vh(theme.GAP)};margin-top:{vh(theme.GAP)};text-align:center}} .tile{{flex:1}}
.number{{font-size:{vh(theme.COUNTER_NUMBER)};font-weight:700}} .label{{font-size:{vh(theme.COUNTER_LABEL)}}}
.bar{{display:flex;gap:{vh(theme.SHARE_BAR * 0.12)};height:{vh(theme.SHARE_BAR)}}}
.total{{display:flex;justify-content:center;align-items:center;gap:{vh(theme.GAP)}}}
.total .number{{font-size:{vh(theme.TOTAL_NUMBER)}}}
.row{{display:flex;gap:{vh(theme.GAP * 2)};align-items:flex-start}} .row .body{{flex:1}}
.link{{text-align:center}} .name{{font-size:{vh(theme.NAME)};font-weight:700}}
blockquote{{margin:{vh(theme.GAP)} 0;font-size:{vh(theme.QUOTE)};font-style:italic}}
.avatar{{width:{vh(theme.AVATAR)};height:{vh(theme.AVATAR)};border-radius:50%;background:{palette.surface};
  color:{palette.accent};font-size:{vh(theme.AVATAR / 2.5)};font-weight:700;display:flex;
  align-items:center;justify-content:center}}
.item{{margin-top:{vh(theme.GAP)}}}"""
    seconds = [round(slide[1], 3) for slide in slides]
    script = f"""
const slides = document.querySelectorAll('section'), seconds = {json.dumps(seconds)};
let index = -1;
function countUp(section) {{
  const numbers = section.querySelectorAll('.number[data-to]'), start = performance.now();
  function frame(now) {{
    const t = Math.min(1, (now - start) / {theme.COUNT_UP_MS}), eased = 1 - Math.pow(1 - t, 3);
    numbers.forEach(n => n.textContent = Math.round(n.dataset.to * eased).toLocaleString('en-US'));
    if (t < 1) requestAnimationFrame(frame);
  }}
  requestAnimationFrame(frame);
}}
function show(next) {{
  if (index >= 0) {{ slides[index].classList.remove('on'); console.log('kiosk-bench left ' + index); }}
  index = next; slides[index].classList.add('on'); countUp(slides[index]);
  setTimeout(() => show((index + 1) % slides.length), seconds[index] * 1000 + {fade_ms});
}}
show(0);"""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(settings.title)}'
            f'</title><style>{css}</style></head><body>{"".join(sections)}<script>{script}</script></body></html>')


def write_page(loaded: Loaded, path: Path) -> Path:
    path.write_text(page_html(loaded), encoding="utf-8")
    return path


def write_page_apart(content: Path, path: Path) -> list[float]:
    """``write_page`` in a process of its own (drawing the icons loads Qt, which must not share its
    pages with the kiosk being measured); the slides' ``rotation_seconds``."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.webpage", str(content), str(path)],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


if __name__ == "__main__":
    from kiosk.core.content import load_content

    loaded_content = load_content(Path(sys.argv[1]))
    write_page(loaded_content, Path(sys.argv[2]))
    print(json.dumps(rotation_seconds(loaded_content)))
