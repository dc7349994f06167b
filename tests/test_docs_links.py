"""Every relative link and #anchor between the README, CONTRIBUTING, CHANGELOG and docs/ resolves,
and every file of the repository they name is there."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# A file of the repository named in the text, such as `kiosk/run/input/keys.py` (not /opt/kiosk/…).
REPO_PATH = re.compile(r"(?<![\w/~.-])((?:kiosk|tests|benchmarks|tools|examples|resources|docs)/[\w./-]*"
                       r"\.(?:py|yaml|json|sh|md|png))")
GENERATED = ("benchmarks/out/",)  # written by a run, not kept in the repository


def pages(root: Path) -> list[Path]:
    """The Markdown pages whose links are checked."""
    named = [root / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "SECURITY.md")]
    return [path for path in named if path.exists()] + sorted((root / "docs").glob("**/*.md"))


def prose(text: str) -> str:
    """The text without fenced code blocks, so a `# comment` in a shell block is no heading."""
    return FENCE.sub("", text)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: the rendered text, lowercased, punctuation dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading reads as its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor a page has: one per heading, repeats numbered -1, -2 as GitHub does."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(prose(path.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_links(page: Path, root: Path) -> list[str]:
    """The links of ``page`` that lead nowhere: a missing file, or an anchor its page lacks."""
    text = INLINE_CODE.sub("", prose(page.read_text(encoding="utf-8")))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: — not checked offline
            continue
        name, _, anchor = target.partition("#")
        linked = (page.parent / name).resolve() if name else page
        where = f"{page.relative_to(root)}: ({target})"
        if not linked.exists():
            broken.append(f"{where} no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{where} no heading with that anchor in {linked.name}")
    return broken


def missing_files(page: Path, root: Path) -> list[str]:
    """The repository files ``page`` names, code blocks included, that are not there (moved or renamed)."""
    named = REPO_PATH.findall(page.read_text(encoding="utf-8"))
    return [f"{page.relative_to(root)}: {path} is not there" for path in dict.fromkeys(named)
            if not path.startswith(GENERATED) and not (root / path).exists()]


def test_every_link_between_the_docs_resolves():
    checked = pages(ROOT)
    assert {"README.md", "CONTRIBUTING.md", "CHANGELOG.md", "format.md", "architecture.md"} <= {p.name for p in checked}
    assert [line for page in checked for line in broken_links(page, ROOT)] == []


def test_the_readme_stays_a_page_for_the_people_who_run_a_display():
    """What a developer needs lives in docs/ and CONTRIBUTING.md; the README stays short."""
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_every_file_the_docs_name_is_there():
    assert [line for page in pages(ROOT) for line in missing_files(page, ROOT)] == []


def test_a_file_named_after_it_moved_is_found(tmp_path):
    (tmp_path / "kiosk" / "run").mkdir(parents=True)
    (tmp_path / "kiosk" / "run" / "keys.py").write_text("")
    (tmp_path / "README.md").write_text("`kiosk/run/keys.py` and `kiosk/run/lock.py`, in /opt/kiosk/content.yaml,\n"
                                        "benchmarks/out/results.json\n")
    assert missing_files(tmp_path / "README.md", tmp_path) == ["README.md: kiosk/run/lock.py is not there"]


def test_github_slugs_drop_code_marks_and_punctuation():
    assert slug("The display's day") == "the-displays-day"
    assert slug("`urgent.yaml`") == "urgentyaml"
    assert slug("Posters, slide decks and video") == "posters-slide-decks-and-video"
    assert slug("`kiosk setup` — a lobby box") == "kiosk-setup--a-lobby-box"
    assert slug("snake_case stays") == "snake_case-stays"


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "day.md").write_text("# The day\n\n## Power\n\n## Power\n\n```sh\n# not a heading\n```\n")
    (tmp_path / "README.md").write_text(
        "[ok](docs/day.md#power) [again](docs/day.md#power-1) [code](docs/day.md#not-a-heading)\n"
        "[gone](docs/night.md) [bad anchor](docs/day.md#urgent) ![pic](docs/none.png) [web](https://example.org)\n"
        "[here](#nowhere) `[in code](missing.md)`\n\n```\n[in a block](missing.md)\n```\n")
    found = [line for page in pages(tmp_path) for line in broken_links(page, tmp_path)]
    assert found == [
        "README.md: (docs/day.md#not-a-heading) no heading with that anchor in day.md",
        "README.md: (docs/night.md) no such file",
        "README.md: (docs/day.md#urgent) no heading with that anchor in day.md",
        "README.md: (docs/none.png) no such file",
        "README.md: (#nowhere) no heading with that anchor in README.md",
    ]
