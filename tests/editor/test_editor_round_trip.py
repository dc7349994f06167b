"""The editor writes only what changed: comments, key order, quoting and folding stay as staff wrote them."""

from __future__ import annotations

import shutil

import pytest

from kiosk.core.content import load_content
from kiosk.edit.document import RoundTrip, draft_of
from tests.conftest import ROOT, SEED
from tests.editor.pageform import editor_client, page_form, replaced, submit

EXAMPLES = [SEED, ROOT / "examples" / "bilingual.yaml", ROOT / "examples" / "booth.yaml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_a_draft_written_back_unchanged_is_the_same_bytes(path):
    raw = path.read_bytes()
    assert RoundTrip(raw).apply(draft_of(raw)) == raw.decode("utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_saving_the_page_as_it_came_leaves_every_byte_of_the_file(tmp_path, path):
    """Every control of every kind reads back to the value it showed (defaults stay unwritten)."""
    shutil.copytree(path.parent, tmp_path / "c", ignore=shutil.ignore_patterns("*.py"))
    content = tmp_path / "c" / path.name
    before = content.read_bytes()
    client, _ = editor_client(content)
    form = page_form(client.get("/").text)
    page = submit(client, form.fields)
    assert page.status_code == 200, page.text[:2000]
    assert content.read_bytes() == before


def test_a_changed_counter_and_a_reordered_item_keep_every_comment(tmp_path):
    content = tmp_path / "content.yaml"
    shutil.copy(SEED, content)
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    fields = replaced(fields, "panels[0].counters[0].value", "3000")
    submit(client, fields, "up panels[4].items[2]")  # a draft change first: the page keeps the draft
    page = submit(client, page_form(submit(client, fields, "up panels[4].items[2]").text).fields)
    assert "Saved content.yaml" in page.text
    text = content.read_text(encoding="utf-8")
    old = SEED.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if "#" in line] == [line for line in old.splitlines() if "#" in line]
    assert "      - {value: 3000, label: Birth to 2 Years Old, icon: fa5s.baby}\n" in text
    panel = load_content(content).content.panels[4]
    assert [item.title for item in panel.items][1:3] == ["Protecting Student Privacy", old_title(1)]
    moved = text.index("      - title: Protecting Student Privacy\n        # The site's")
    assert moved < text.index("      - title: 2023 National Association")


def old_title(index: int) -> str:
    return load_content(SEED).content.panels[4].items[index].title


def test_new_long_text_is_folded_as_staff_write_it(tmp_path):
    content = tmp_path / "content.yaml"
    shutil.copy(SEED, content)
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    long_text = " ".join(["Enrollment for the summer programme opens on Monday at the front desk."] * 4)
    page = submit(client, replaced(fields, "panels[3].body", long_text))
    assert "Saved" in page.text
    text = content.read_text(encoding="utf-8")
    assert "    body: >-\n      Enrollment for the summer" in text
    assert max(len(line) for line in text.splitlines() if "Enrollment" in line) <= 100
    assert load_content(content).content.panels[3].body == long_text
