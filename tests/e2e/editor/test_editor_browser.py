"""The editor in a real browser (Chromium through Playwright) against the real `kiosk edit` and a running kiosk."""

from __future__ import annotations

import json
import shutil

from playwright.sync_api import expect

from harness.contentfiles import digest
from kiosk.core.content import load_content
from tests.conftest import ROOT, SEED

POSTER = ROOT / "examples" / "media" / "poster.png"
PAINT_TIMEOUT_S = 60


def open_panel(page, number: int):
    """Open panel ``number`` (from 1) by its summary, as a person clicks it; return the panel."""
    panel = page.locator(f"#f-panels-{number - 1}")
    panel.locator("summary").click()
    return panel


def test_staff_change_a_title_a_counter_an_update_and_a_photo_and_the_display_follows(
        editor_server, page, shots, kiosk_process, tmp_path):
    server, content = editor_server(SEED)
    status = tmp_path / "status"
    kiosk = kiosk_process(str(content), "--presentation", "--panel", "impact", "--status-dir", str(status))
    assert kiosk.wait_painted(PAINT_TIMEOUT_S, digest(content.read_bytes()))
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Panels")).to_be_visible()
    page.screenshot(path=str(shots / "overview.png"))

    impact = open_panel(page, 1)
    impact.get_by_label("Title", exact=True).fill("Our Reach")
    impact.locator("#f-panels-0-counters-0").get_by_label("Value").fill("3000")
    updates = open_panel(page, 5)
    updates.locator("#f-panels-4-items-0").get_by_label("Title").fill("Data webinars moved to Thursday")
    spotlight = open_panel(page, 3)
    spotlight.get_by_label("Upload a new picture").set_input_files(POSTER)
    impact.evaluate("panel => panel.scrollIntoView()")  # its id keeps it clear of the Save bar
    page.screenshot(path=str(shots / "panel.png"))
    save = page.get_by_role("button", name="Save", exact=True)
    assert save.evaluate("element => element.tagName") == "BUTTON"
    save.click()

    expect(page.get_by_role("status")).to_contain_text("Saved content.yaml")
    saved = load_content(content).content
    assert saved.panels[0].title == "Our Reach"
    assert saved.panels[0].counters[0].value == 3000
    assert saved.panels[4].items[0].title == "Data webinars moved to Thursday"
    assert saved.panels[2].photo == "poster.png"
    assert (content.parent / "poster.png").read_bytes() == POSTER.read_bytes()
    photo_line = next(line for line in content.read_text(encoding="utf-8").splitlines() if "photo:" in line)
    assert photo_line.split() == ["photo:", "poster.png", "#", "image", "path,", "relative", "to", "this", "file"]

    new = digest(content.read_bytes())
    assert kiosk.wait_painted(PAINT_TIMEOUT_S, new), kiosk.log  # the running display took the save
    shown = kiosk.wait_until(lambda: _status(status).get("content") == new and _status(status), PAINT_TIMEOUT_S,
                             "status.json to name the saved version")
    assert shown["panel"] == "impact" and shown["reload"]["ok"] is True


def _status(folder) -> dict:
    try:
        return json.loads((folder / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def test_an_invalid_value_shows_its_error_beside_the_field_and_the_file_is_unchanged(editor_server, page, shots):
    server, content = editor_server(SEED)
    before = content.read_bytes()
    page.goto(server.url)
    impact = open_panel(page, 1)
    value = impact.locator("#f-panels-0-counters-1").get_by_label("Value")
    value.fill("-5")
    page.get_by_role("button", name="Save", exact=True).click()

    beside = page.locator("#f-panels-0-counters-1-value-problems")
    expect(beside).to_have_text("Problem: must be at least 0")
    expect(page.locator("#f-panels-0-counters-1-value-input")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Not saved: 1 problem to fix")
    page.get_by_role("link", name="panels[0].counters[1].value").click()  # the summary leads to the field
    expect(page.locator("#f-panels-0-counters-1-value-input")).to_have_value("-5")
    page.screenshot(path=str(shots / "error.png"))
    assert content.read_bytes() == before


def test_a_text_editor_save_while_the_page_is_open_is_caught_and_nothing_is_lost(editor_server, page, shots):
    server, content = editor_server(SEED)
    page.goto(server.url)
    open_panel(page, 2).get_by_label("Title", exact=True).fill("Our Mission")
    theirs = content.read_text(encoding="utf-8").replace("title: Migrant Education Program",
                                                         "title: Migrant Education Program (MEP)")
    with content.open("r+", encoding="utf-8") as file:  # in place, as nano saves
        file.write(theirs)
        file.truncate()
    page.get_by_role("button", name="Save", exact=True).click()

    conflict = page.get_by_role("alert").filter(has_text="someone else changed content.yaml")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".diff")).to_contain_text("+    title: Our Mission")
    page.screenshot(path=str(shots / "conflict.png"))
    assert content.read_text(encoding="utf-8") == theirs
    expect(page.locator("#f-panels-1-title-input")).to_have_value("Our Mission")

    page.get_by_role("button", name="Save mine over the other change").click()
    expect(page.get_by_role("status")).to_contain_text("Saved content.yaml")
    assert load_content(content).content.panels[1].title == "Our Mission"


def test_preview_renders_the_unsaved_panel_at_the_displays_size(editor_server, page, shots):
    server, content = editor_server(SEED, "--size", "1280x720")
    before = content.read_bytes()
    page.goto(server.url)
    impact = open_panel(page, 1)
    impact.get_by_label("Title", exact=True).fill("Our Reach")
    impact.get_by_role("button", name="Preview panel 1").click()
    picture = page.locator("#f-panels-0-preview img")
    expect(picture).to_have_count(1, timeout=90_000)
    assert picture.evaluate("image => [image.naturalWidth, image.naturalHeight]") == [1280, 720]
    expect(page.locator("#f-panels-0-title-input")).to_have_value("Our Reach")  # the draft stays
    picture.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "preview.png"))
    assert content.read_bytes() == before
    assert sorted(path.name for path in content.parent.iterdir()) == ["content.yaml"]  # no preview file left


def test_the_page_works_from_the_keyboard_and_every_field_has_a_visible_label(editor_server, page):
    server, content = editor_server(ROOT / "examples" / "booth.yaml")
    page.goto(server.url)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !e.labels.length || ![...e.labels].some(l => l.textContent.trim())).map(e => e.name)""")
    assert unlabelled == []
    summary = page.locator("#f-panels-0 > summary")
    summary.focus()
    page.keyboard.press("Enter")  # opens the panel
    expect(page.locator("#f-panels-0")).to_have_attribute("open", "")
    page.keyboard.press("Tab")  # Preview
    page.keyboard.press("Tab")  # Move down
    page.keyboard.press("Tab")  # Remove
    page.keyboard.press("Tab")  # the panel's id
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused.startswith("panels[0].")
    page.keyboard.press("Control+A")
    page.keyboard.type("Welcome to the booth" if "caption" not in focused else "A caption")
    page.keyboard.press("Enter")  # in a one-line box, Enter presses the form's first button: Save
    expect(page.get_by_role("status")).to_contain_text("Saved booth.yaml")
    assert "Welcome to the booth" in content.read_text(encoding="utf-8") or "A caption" in content.read_text(
        encoding="utf-8")


def test_with_a_password_the_browser_signs_in_and_its_cookie_is_httponly_and_strict(editor_server, page, shots,
                                                                                    tmp_path):
    import subprocess
    import sys

    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "main.py", "edit", "--set-password"], cwd=ROOT, input="front desk 2026\n",
                   text=True, env=env, check=True, capture_output=True, timeout=30)
    server, _ = editor_server(SEED)
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Display content")).to_be_visible()
    page.get_by_label("Password").fill("not it")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("That password is not right. Try again.")
    page.screenshot(path=str(shots / "sign-in.png"))
    page.get_by_label("Password").fill("front desk 2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Panels")).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "kiosk_editor")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert shutil.which is not None
