"""The rotation without Qt: where it stands, where it goes, and what "the same slide" means."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.core.content import Loaded
from kiosk.core.content.model import Content
from kiosk.core.rotation import FALLBACK_ID, Identity, Rotation

NOON = datetime(2026, 12, 1, 12, 0)


def text_panel(panel_id: str, **extra: object) -> dict:
    return {"id": panel_id, "kind": "text", "title": panel_id.upper(), "body": "b", **extra}


def loaded(*panels: dict, languages: tuple[str, ...] = ("en",), title: str = "Lobby") -> Loaded:
    content = Content.model_validate({"settings": {"title": title, "languages": list(languages)},
                                      "panels": list(panels)})
    return Loaded(content, Path("content.yaml"), [], "digest")


ABC = loaded(text_panel("a"), text_panel("b"), text_panel("c"))


def on_screen(rotation: Rotation, page: int = 0) -> Rotation:
    """What the player does once it built the slide the index is on."""
    rotation.landed(rotation.index, page, rotation.current.lang)
    return rotation


def started(content: Loaded = ABC, start_id: str | None = None) -> Rotation:
    rotation = Rotation()
    rotation.start(content, NOON, start_id)
    return on_screen(rotation)


def test_it_starts_on_the_first_entry_or_the_one_asked_for():
    assert started().showing().id == "a"
    assert started(start_id="c").showing().id == "c"
    assert started(start_id="gone").showing().id == "a"


def test_it_goes_through_the_pages_then_the_next_entry_and_wraps():
    rotation = started()
    rotation.advance(NOON, page_count=2)
    assert (rotation.current.id, rotation.page) == ("a", 1)
    rotation.advance(NOON, page_count=2)
    assert (rotation.current.id, rotation.page) == ("b", 0)
    rotation.back()
    assert (rotation.current.id, rotation.page) == ("a", 0)
    rotation.back()
    assert rotation.current.id == "c"  # wraps backwards too


def test_a_jump_says_which_way_it_moved():
    rotation = started()
    assert rotation.jump(2) == 1 and rotation.current.id == "c"
    on_screen(rotation)
    assert rotation.jump(0) == -1
    on_screen(rotation)
    assert rotation.jump(0) == 0  # already there
    assert rotation.jump(7) == 0 and rotation.current.id == "a"


def test_showing_says_what_is_on_screen_and_where():
    rotation = started()
    rotation.advance(NOON, page_count=1)
    on_screen(rotation, page=0)
    showing = rotation.showing()
    assert (showing.id, showing.lang, showing.page, showing.index, showing.count) == ("b", "en", 0, 1, 3)
    assert showing.entry is rotation.current


def test_the_fallback_is_on_screen_when_nothing_plays():
    rotation = Rotation()
    rotation.start(loaded(text_panel("later", show={"from": "2027-01-01"})), NOON)
    rotation.landed(None, 0, "en")
    assert rotation.entries == [] and rotation.showing().id == FALLBACK_ID


def test_the_same_slide_is_the_same_panel_in_the_same_language():
    both = loaded(text_panel("a"), text_panel("b"), languages=("en", "es"))
    rotation = started(both)
    rotation.jump(3)  # b in Spanish
    on_screen(rotation)
    assert rotation.on_screen == Identity("b", "es")
    change = rotation.update(loaded(text_panel("a", title="A2"), text_panel("b"), languages=("en", "es")), NOON)
    assert change.unchanged and rotation.showing().lang == "es" and rotation.index == 3
    rotation.update(loaded(text_panel("b"), languages=("en", "es")), NOON)
    assert rotation.on_screen == Identity("b", "es") and rotation.showing().id == "b" and rotation.index == 1


def test_an_edit_elsewhere_leaves_the_slide_on_screen_as_it_is():
    rotation = started()
    rotation.advance(NOON, page_count=2)  # page 2 of a
    change = rotation.update(loaded(text_panel("a"), text_panel("b", title="New"), text_panel("c")), NOON)
    assert change.unchanged and rotation.page == 1


def test_new_dots_or_settings_change_the_slide_on_screen():
    rotation = started()
    change = rotation.update(loaded(text_panel("a"), text_panel("b"), text_panel("c"), text_panel("d")), NOON)
    assert change.stays and not change.unchanged  # a fourth dot
    change = rotation.update(loaded(text_panel("a"), text_panel("b"), text_panel("c"), text_panel("d"),
                                    title="Front desk"), NOON)
    assert change.stays and not change.unchanged  # the header


def test_a_changed_panel_on_screen_stays_and_starts_over():
    rotation = started()
    rotation.advance(NOON, page_count=2)
    change = rotation.update(loaded(text_panel("a", body="new"), text_panel("b"), text_panel("c")), NOON)
    assert change.stays and not change.unchanged and rotation.page == 0


def test_a_replaced_file_on_screen_means_a_rebuild():
    rotation = started()
    change = rotation.update(ABC, NOON, files_changed=True)
    assert change.stays and not change.unchanged


def test_a_removed_panel_on_screen_gives_way_to_the_next():
    rotation = started(start_id="b")
    change = rotation.update(loaded(text_panel("a"), text_panel("c")), NOON)
    assert not change.stays and rotation.current.id == "c"


def test_a_closed_window_moves_on_in_file_order():
    rotation = started(loaded(text_panel("a"), text_panel("b", show={"until": "2026-12-01T12:30"}),
                              text_panel("c")), start_id="b")
    assert rotation.refresh(datetime(2026, 12, 1, 12, 10))  # still open: stays
    assert rotation.current.id == "b"
    assert not rotation.refresh(datetime(2026, 12, 1, 12, 30))
    assert rotation.current.id == "c"


def test_an_expired_item_makes_its_panel_give_way():
    news = {"id": "news", "kind": "updates", "title": "News", "items": [
        {"title": "Webinar", "until": "2026-12-01T12:30"}, {"title": "Letters"}]}
    rotation = started(loaded(news, text_panel("z")))
    assert not rotation.refresh(datetime(2026, 12, 1, 12, 30))
    assert rotation.current.id == "z"
    assert [item.title for item in rotation.entries[0].panel.items] == ["Letters"]
