"""What every editor request needs: the server's state (`Editor`) and the request's form, read once."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from kiosk.edit.controls import Control, singular
from kiosk.edit.editing import ContentFile
from kiosk.edit.guard import LoginLimiter, Sessions
from kiosk.edit.passwords import PasswordHash
from kiosk.edit.shapes import Shape
from kiosk.edit.uploads import MAX_UPLOAD_BYTES
from kiosk.edit.versions import Versions, versions_folder

HERE = Path(__file__).parent
MAX_FIELDS = 20_000  # 200 panels of many fields each
MAX_FILES = 20


@dataclass
class Editor:
    """Everything one editor server serves: the file, its versions, the password, the limits."""

    content: Path
    password: PasswordHash | None = None
    loopback_only: bool = True
    size: tuple[int, int] = (1920, 1080)
    max_upload: int = MAX_UPLOAD_BYTES
    versions: Versions | None = None
    sessions: Sessions = field(default_factory=Sessions)
    limiter: LoginLimiter = field(default_factory=LoginLimiter)

    def __post_init__(self) -> None:
        self.content = self.content.resolve()
        self.versions = self.versions or Versions(versions_folder(self.content))
        self.file = ContentFile(self.content, self.versions)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters.update(hint=hint_markup, anchor=anchor_of, singular=singular)


def hint_markup(text: str) -> Markup:
    """A model's description for the page: escaped, with its `code` spans as <code>."""
    parts = html.escape(text).split("`")
    return Markup("".join(f"<code>{part}</code>" if odd else part for odd, part in
                          ((index % 2 == 1, part) for index, part in enumerate(parts))))


def anchor_of(name: str) -> str:
    """The element id of the control for a problem's field (Control.dom_id)."""
    return Control(name, "", Shape("text")).dom_id



async def read_form(request: Request, editor: Editor) -> FormData:
    """The request's form, read once (the body limit has already capped its size)."""
    return await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS, max_part_size=1_000_000)
