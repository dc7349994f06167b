"""SVG images, read as data and nothing more: no references out, a bounded size. No Qt here.

An SVG can point at other files (``<image href="/etc/hostname">``, a FIFO that would block
the decoder forever), at ``data:`` or network addresses, and can hold enough shapes to
take minutes to draw. Before Qt sees one, it is scanned with expat (whose entity-expansion
limits stop "billion laughs"): any reference other than to an element of the same file
(``href="#id"``, ``url(#id)``), any entity that names a file, more than
``MAX_SVG_ELEMENTS`` elements or deeper nesting than ``MAX_SVG_DEPTH`` refuse the file.
"""

from __future__ import annotations

import gzip
import re
import zlib
from xml.parsers import expat

MAX_SVG_ELEMENTS = 10_000
MAX_SVG_DEPTH = 32
MAX_SVG_BYTES = 20 * 1024 * 1024  # decompressed, for .svgz
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)  # url(...) not to an own #id
_IMPORT = re.compile(r"@import", re.IGNORECASE)


class SvgRefusedError(Exception):
    """Why an SVG will not be drawn, in words for a check warning."""


def svg_text(data: bytes) -> bytes:
    """The XML of an SVG, decompressed when it is an .svgz (bounded)."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        xml = inflater.decompress(data, MAX_SVG_BYTES + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise SvgRefusedError(f"is a damaged compressed SVG ({exc})") from None
    if len(xml) > MAX_SVG_BYTES:
        raise SvgRefusedError(f"expands to more than {MAX_SVG_BYTES // 2**20} MiB")
    return xml


def check_svg(data: bytes) -> None:
    """Raise SvgRefusedError when the SVG refers outside itself or is too big to draw."""
    _Scan().run(svg_text(data))


class _Scan:
    def __init__(self) -> None:
        self.elements = self.depth = 0
        self.in_style = False
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def run(self, xml: bytes) -> None:
        try:
            self.parser.Parse(xml, True)
        except expat.ExpatError as exc:
            raise SvgRefusedError(f"is not a well-formed SVG (line {exc.lineno}: "
                             f"{expat.ErrorString(exc.code)})") from None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        self.depth += 1
        if self.elements > MAX_SVG_ELEMENTS:
            raise SvgRefusedError(f"has more than {MAX_SVG_ELEMENTS:,} elements, too many to draw in time")
        if self.depth > MAX_SVG_DEPTH:
            raise SvgRefusedError(f"nests elements more than {MAX_SVG_DEPTH} levels deep")
        for key, value in attributes.items():
            if key.rpartition(":")[2] == "href" and not value.strip().startswith("#"):
                raise SvgRefusedError(f"refers to {_short(value)!r} (line {self.parser.CurrentLineNumber}); "
                                 "the kiosk draws SVGs only without references to other files or addresses")
            if _OUTSIDE_URL.search(value) or (key == "style" and _IMPORT.search(value)):
                raise SvgRefusedError(f"refers outside itself in {key}= (line {self.parser.CurrentLineNumber})")
        self.in_style = name.rpartition(":")[2] == "style"

    def end(self, name: str) -> None:
        self.depth -= 1
        self.in_style = False

    def text(self, data: str) -> None:
        if self.in_style and (_OUTSIDE_URL.search(data) or _IMPORT.search(data)):
            line = self.parser.CurrentLineNumber
            raise SvgRefusedError(f"has a style sheet that refers outside itself (line {line})")

    def entity(self, name: str, _is_param: bool, _value: str | None, _base: str | None,
               system_id: str | None, public_id: str | None, _notation: str | None) -> None:
        if system_id is not None or public_id is not None:
            raise SvgRefusedError(f"declares an entity {name!r} that names a file ({_short(system_id or '')!r})")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise SvgRefusedError("links a style sheet from another file")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
