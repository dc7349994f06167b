"""Saving from the page: the same messages as `kiosk check`, nothing written when wrong, versions kept."""

from __future__ import annotations

import shutil

import pytest

from kiosk.core.content import ContentError, load_bytes, load_content
from tests.conftest import SEED
from tests.editor.pageform import editor_client, page_form, replaced, submit, text_of


@pytest.fixture
def content(tmp_path):
    path = tmp_path / "content.yaml"
    shutil.copy(SEED, path)
    return path


def check_message(path, old: str, new: str, field: str) -> str:
    """What `kiosk check` says about ``field`` once ``old`` is written as ``new`` in the file."""
    raw = path.read_text(encoding="utf-8").replace(old, new, 1).encode("utf-8")
    with pytest.raises(ContentError) as caught:
        load_bytes(raw, path)
    return next(problem.message for problem in caught.value.problems if problem.field == field)


@pytest.mark.parametrize(("field", "old", "typed", "element"), [
    ("panels[0].counters[1].value", "value: 16029", "-5", "f-panels-0-counters-1-value"),
    ("panels[3].duration", "duration: 18", "0", "f-panels-3-duration"),
    ("settings.theme.accent", 'accent: "#f2a541"', "orange", "f-settings-theme-accent"),
    ("panels[1].link.url", 'url: "https://results.ed.gov/"', "results.ed.gov", "f-panels-1-link-url"),
])
def test_an_invalid_value_shows_kiosk_checks_message_beside_its_field_and_writes_nothing(
        content, field, old, typed, element):
    """The message is the loader's own for the same value written in the file."""
    before = content.read_bytes()
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    page = submit(client, replaced(fields, field, typed))
    assert page.status_code == 422
    expected = check_message(content, old, f"{old.split(':')[0]}: {typed}", field)
    assert text_of(page.text, f"{element}-problems") == f"Problem: {expected}"
    assert f"{field}: {expected}" in text_of(page.text, "problems")
    assert content.read_bytes() == before
    again = page_form(page.text).fields  # the draft is still on the page, as typed
    assert (field, typed) in again


def test_a_save_is_checked_again_on_disk_and_the_replaced_file_kept_as_a_version(content):
    client, editor = editor_client(content)
    before = content.read_bytes()
    fields = page_form(client.get("/").text).fields
    page = submit(client, replaced(fields, "settings.title", "Open Day"))
    assert "Saved content.yaml" in text_of(page.text, "main")
    assert load_content(content).content.settings.title == "Open Day"
    versions = editor.versions.all()
    assert [version.path.read_bytes() for version in versions] == [before]
    assert text_of(page.text, "versions").count("Restore") == 1


def test_restore_puts_an_earlier_version_back_and_keeps_the_one_it_replaces(content):
    client, editor = editor_client(content)
    original = content.read_bytes()
    fields = page_form(client.get("/").text).fields
    page = submit(client, replaced(fields, "settings.title", "Open Day"))
    changed = content.read_bytes()
    restore = page_form(page.text)
    base = dict(restore.fields)["base"]
    version = editor.versions.all()[0].name
    page = client.post("/restore", data={"csrf": dict(restore.fields)["csrf"], "base": base, "version": version},
                       follow_redirects=True)
    assert "Restored the earlier version" in page.text
    assert content.read_bytes() == original
    assert [v.path.read_bytes() for v in editor.versions.all()] == [changed, original]


def test_only_the_last_twenty_versions_are_kept(content):
    client, editor = editor_client(content)
    for number in range(23):
        fields = page_form(client.get("/").text).fields
        assert "Saved" in submit(client, replaced(fields, "settings.title", f"Title {number}")).text
    kept = editor.versions.all()
    assert len(kept) == 20
    assert "Title 21" in kept[0].path.read_text(encoding="utf-8")


def test_a_text_editor_save_after_the_page_was_loaded_is_caught_and_both_are_shown(content):
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    theirs = content.read_text(encoding="utf-8").replace("title: Our Goal", "title: Our Mission")
    content.write_text(theirs, encoding="utf-8")  # nano, in place, while the page was open
    page = submit(client, replaced(fields, "panels[0].title", "Our Reach"))
    assert page.status_code == 409
    assert content.read_text(encoding="utf-8") == theirs
    conflict = text_of(page.text, "conflict")
    assert "someone else changed content.yaml" in conflict
    assert "- title: Our Impact + title: Our Reach" in conflict  # lines only on disk, only in the page
    assert "- title: Our Mission + title: Our Goal" in conflict
    assert "title: Our Mission" in conflict  # the file on disk, shown whole
    assert ("panels[0].title", "Our Reach") in page_form(page.text).fields  # nothing of the draft lost
    overwrite = next(b["value"] for b in page_form(page.text).buttons if b.get("value", "").startswith("overwrite"))
    page = submit(client, page_form(page.text).fields, overwrite)
    assert "Saved" in page.text
    assert load_content(content).content.panels[0].title == "Our Reach"


def test_draft_buttons_change_only_the_page_until_save(content):
    before = content.read_bytes()
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    page = submit(client, fields, "down panels[0]")
    assert "Moved panel “impact” down. Press Save to keep it." in page.text
    page = submit(client, page_form(page.text).fields, "add panels[1].counters")
    page = submit(client, page_form(page.text).fields, "remove panels[4]")
    assert content.read_bytes() == before
    fields = page_form(page.text).fields
    fields = replaced(fields, "panels[1].counters[5].value", "12")
    fields = replaced(fields, "panels[1].counters[5].label", "Teachers")
    page = submit(client, fields)
    assert "Saved" in page.text
    saved = load_content(content).content
    assert [panel.id for panel in saved.panels] == ["goal", "impact", "student-of-the-year", "pass"]
    assert (saved.panels[1].counters[5].value, saved.panels[1].counters[5].label) == (12, "Teachers")


def test_a_new_panel_of_any_kind_gets_a_form_with_its_required_fields(content):
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    page = submit(client, [*fields, ("new_kind", "updates"), ("new_id", "news")], "add-panel")
    form = page_form(page.text)
    assert "panels[5].items[0].title" in dict(form.fields)
    fields = replaced(form.fields, "panels[5].title", "News")
    page = submit(client, replaced(fields, "panels[5].items[0].title", "Open day on Friday"))
    assert "Saved" in page.text
    assert load_content(content).content.panels[5].items[0].title == "Open day on Friday"
    assert content.read_text(encoding="utf-8").endswith(
        "  - id: news\n    kind: updates\n    title: News\n    items:\n      - title: Open day on Friday\n")
