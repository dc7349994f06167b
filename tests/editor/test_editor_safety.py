"""The editor on a LAN: password, cookie, CSRF, login limit, paths, body size, listings, Host (a test each)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kiosk.edit.guard import LOGIN_TRIES
from kiosk.edit.passwords import PasswordHash, config_path, load_password
from tests.conftest import ROOT, SEED
from tests.editor.pageform import editor_client, page_form, replaced, submit

PNG = (ROOT / "examples" / "media" / "poster.png").read_bytes()


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(SEED, folder / "content.yaml")
    return folder / "content.yaml"


def kiosk(*args: str, env: dict[str, str], stdin: str = "", timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, env=env, timeout=timeout)


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    import os

    return {**os.environ, "XDG_CONFIG_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def test_listening_beyond_this_machine_needs_a_password(content, config_home):
    result = kiosk("edit", str(content), "--listen", "0.0.0.0:8080", env=config_home)
    assert result.returncode == 2
    assert "set a password first with `kiosk edit --set-password`" in result.stderr


def test_the_password_is_stored_as_a_scrypt_hash_in_the_users_config_only(content, config_home):
    result = kiosk("edit", "--set-password", env=config_home, stdin="correct horse battery\n")
    assert result.returncode == 0, result.stderr
    stored = config_path()
    text = stored.read_text(encoding="utf-8")
    assert '"scheme": "scrypt"' in text and "correct horse" not in text
    assert stored.stat().st_mode & 0o077 == 0
    assert load_password().matches("correct horse battery") and not load_password().matches("wrong password")
    assert not any("correct horse" in path.read_text(errors="replace") for path in content.parent.rglob("*")
                   if path.is_file())
    short = kiosk("edit", "--set-password", env=config_home, stdin="short\n")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr


def test_the_session_cookie_is_httponly_and_samesite_strict(content):
    client, _ = editor_client(content)
    cookie = client.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def test_a_post_without_the_pages_csrf_token_changes_nothing(content):
    before = content.read_bytes()
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    forged = [(name, value) for name, value in replaced(fields, "settings.title", "Hacked") if name != "csrf"]
    assert submit(client, forged).status_code == 403
    wrong = replaced(replaced(fields, "settings.title", "Hacked"), "csrf", "not-the-token")
    assert submit(client, wrong).status_code == 403
    stranger, _ = editor_client(content)  # another browser: no session cookie at all
    assert submit(stranger, replaced(fields, "settings.title", "Hacked")).status_code == 403
    assert content.read_bytes() == before


@pytest.fixture
def signed(content):
    client, editor = editor_client(content, password=PasswordHash.of("open sesame 42"), loopback_only=False)
    return client, editor


def sign_in(client, password: str):
    csrf = dict(page_form_login(client.get("/login").text))["csrf"]
    return client.post("/login", data={"csrf": csrf, "password": password}, follow_redirects=False)


def page_form_login(html: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r'name="(csrf)" value="([^"]+)"', html)


def test_with_a_password_every_page_asks_to_sign_in_first(signed):
    client, _ = signed
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert client.get("/file/photo.png", follow_redirects=False).status_code == 303
    assert sign_in(client, "open sesame 42").status_code == 303
    assert "Display content" in client.get("/").text


def test_login_attempts_are_rate_limited(signed):
    client, _ = signed
    for _ in range(LOGIN_TRIES):
        assert sign_in(client, "guess").status_code == 401
    limited = sign_in(client, "open sesame 42")  # even the right one waits now
    assert limited.status_code == 429
    assert "Too many wrong passwords" in limited.text


@pytest.mark.parametrize("path", ["/file/../../etc/passwd", "/file/%2e%2e/%2e%2e/etc/passwd", "/file//etc/passwd",
                                  "/file/..%2fsecret.png", "/file/link.png", "/static/../pages.py",
                                  "/static/%2e%2e/pages.py"])
def test_no_path_in_a_request_reaches_outside_the_content_folder(content, path):
    outside = content.parent.parent / "secret.png"
    outside.write_bytes(PNG)
    (content.parent / "link.png").symlink_to(outside)
    client, _ = editor_client(content)
    response = client.get(path)
    assert response.status_code == 404
    assert response.content != PNG and b"root:" not in response.content


def test_a_picture_inside_the_folder_is_shown_but_not_other_files(content):
    (content.parent / "photo.png").write_bytes(PNG)
    client, _ = editor_client(content)
    assert client.get("/file/photo.png").content == PNG
    assert client.get("/file/content.yaml").status_code == 404


def test_a_file_field_naming_a_path_outside_the_folder_is_refused(content):
    before = content.read_bytes()
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    page = submit(client, replaced(fields, "panels[2].photo", "../../etc/hostname.png"))
    assert page.status_code == 422 and "must name a file inside the content folder" in page.text
    assert content.read_bytes() == before


def test_a_body_over_the_limit_is_refused_before_it_is_read(content):
    client, _ = editor_client(content, max_upload=1_000_000)
    fields = page_form(client.get("/").text).fields
    page = submit(client, fields, files={"panels[2].photo!upload": ("big.png", PNG + b"\0" * 3_000_000, "image/png")})
    assert page.status_code == 413
    assert "at most 2 MB" in page.text


@pytest.mark.parametrize("path", ["/static/", "/static", "/file/", "/file/.", "/.versions-for-test/"])
def test_no_folder_is_ever_listed(content, path):
    (content.parent / "photo.png").write_bytes(PNG)
    client, _ = editor_client(content)
    response = client.get(path)
    assert response.status_code == 404
    assert b"editor.css" not in response.content and b"photo.png" not in response.content


def test_without_a_password_only_a_loopback_host_is_answered(content):
    client, _ = editor_client(content)
    assert client.get("/", headers={"host": "attacker.example:8080"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8080"}).status_code == 200


def test_an_upload_must_be_what_its_bytes_say_and_is_stored_beside_the_content_under_a_safe_name(content):
    client, _ = editor_client(content)
    fields = page_form(client.get("/").text).fields
    page = submit(client, fields, files={"panels[2].photo!upload": ("../../Juan Óscar.PNG", b"<html>not</html>",
                                                                    "image/png")})
    assert page.status_code == 422
    assert "upload refused: that file is not a PNG, JPEG, WebP or SVG picture" in page.text
    page = submit(client, fields, files={"panels[2].photo!upload": ("../../Juan Óscar.PNG", PNG, "image/png")})
    assert "Saved" in page.text
    assert (content.parent / "juan-oscar.png").read_bytes() == PNG
    assert "    photo: juan-oscar.png # image path, relative to this file\n" in content.read_text(encoding="utf-8")
    assert not (content.parent.parent / "juan-oscar.png").exists()
