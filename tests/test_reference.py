"""docs/format.md's field tables are the models, written out: a change to one shows in the other."""

from __future__ import annotations

from kiosk.core.content import model
from tests.conftest import ROOT
from tools import format_reference as reference

FORMAT_PAGE = ROOT / "docs" / "format.md"


def test_the_format_page_tables_agree_with_the_models():
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    assert all(f"<!-- format: {name} -->" in text for name in reference.TABLES)
    assert reference.rewrite(text) == text, "docs/format.md's tables differ from the models: run `make docs`"


def test_make_docs_fills_emptied_tables_back_from_the_models(tmp_path):
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    emptied = reference.MARKER.sub(lambda m: m[1] + m[4], text)
    assert "| `play_log` |" not in emptied
    copy = tmp_path / "format.md"
    copy.write_text(emptied, encoding="utf-8")
    assert reference.main([str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == text


def test_a_description_changed_in_a_model_changes_the_table(monkeypatch):
    monkeypatch.setattr(model.Settings.model_fields["lock"], "description", "Keeps the kiosk | running.")
    assert "| `lock` | `true` \\| `false` | `false` | Keeps the kiosk \\| running. |" in reference.table("settings")


def test_every_field_of_every_panel_kind_has_a_row():
    for kind in model.PANEL_KINDS:
        table = reference.table(kind) + reference.table("panel")
        cls = reference._kind(kind)
        assert all(f"| `{name}` |" in table for name in cls.model_fields), kind


def test_a_page_without_a_table_marker_is_refused(tmp_path, capsys):
    copy = tmp_path / "format.md"
    copy.write_text("# nothing here\n", encoding="utf-8")
    assert reference.main([str(copy)]) == 1
    assert "no marker for the tables settings" in capsys.readouterr().err
