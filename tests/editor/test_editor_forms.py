"""The forms come from the models: every field of every kind gets a labelled control, with no editor change."""

from __future__ import annotations

import re
import shutil

import pytest

from kiosk.core.content.model import PANEL_KINDS, Content
from kiosk.edit.shapes import field_shape, fields_of
from tests.conftest import SEED
from tests.editor.pageform import editor_client, page_form, submit


def panel_models():
    return field_shape(dict(fields_of(Content))["panels"]).item.models


@pytest.fixture
def client(tmp_path):
    shutil.copy(SEED, tmp_path / "content.yaml")
    return editor_client(tmp_path / "content.yaml")[0]


@pytest.mark.parametrize("kind", PANEL_KINDS)
def test_a_new_panel_of_every_kind_has_a_labelled_control_for_every_field(client, kind):
    fields = page_form(client.get("/").text).fields
    page = submit(client, [*fields, ("new_kind", kind), ("new_id", "fresh")], "add-panel")
    form = page_form(page.text)
    prefix = "panels[5]"
    for key, _ in fields_of(panel_models()[kind]):
        element = f"f-{prefix.replace('[', '-').replace(']', '')}-{key}"
        assert element in page.text, f"{kind}.{key} has no control"
    shown = [element for element, name in form.ids.items() if name.startswith(prefix + ".")]
    assert shown and all(element in form.labels for element in shown), "a control without a <label>"


def test_every_control_on_the_page_has_a_label_naming_it(client):
    form = page_form(client.get("/").text)
    visible = {element for element, name in form.ids.items() if not re.search(r"!(default|present|origin)$", name)}
    assert visible - form.labels == set()


def test_every_panel_kind_in_the_models_can_be_added():
    assert set(panel_models()) == set(PANEL_KINDS)
