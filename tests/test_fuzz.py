"""Fuzz the loader: whatever the bytes, it returns valid content or raises ContentError.

Three kinds of input: random YAML documents, near-valid content (the seed and the
bilingual example) with mutated types, keys and values, and random bytes. About 4,000 examples in all by default; set
KIOSK_FUZZ_EXAMPLES to run that many per test instead (e.g. 100000 overnight).
fuzz/atheris_loader.py is the coverage-guided harness to run by hand.
"""

from __future__ import annotations

import codecs
import copy
import math
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content import Content, ContentError, Loaded, load_bytes
from kiosk.core.content.guesses import every_key
from tests.conftest import SEED

TIME_LIMIT = 2.0  # seconds per load; only a hang or a blow-up comes anywhere near it
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PROBLEM = re.compile(r"^.+:[1-9]\d*:[1-9]\d*: (error|warning): .+", re.DOTALL)


def examples(default: int) -> settings:
    count = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", default))
    return settings(max_examples=count, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A content folder with one real image, so photo paths can hit it, miss it, or escape it."""
    path = tmp_path_factory.mktemp("fuzz")
    (path / "photo.png").write_bytes((SEED.parent / "docs" / "01-impact.png").read_bytes()[:4096])
    return path


def assert_loads_or_refuses(raw: bytes, folder: Path) -> None:
    """The property: valid Content, or ContentError with located problems. Nothing else, and fast."""
    started = time.monotonic()
    try:
        loaded = load_bytes(raw, folder / "content.yaml")
    except ContentError as error:
        assert error.problems and any(problem.is_error for problem in error.problems)
        for problem in error.problems:
            assert PROBLEM.match(str(problem)), str(problem)
    else:
        assert isinstance(loaded, Loaded) and isinstance(loaded.content, Content)
        assert 1 <= len(loaded.content.panels) <= 200
        for panel in loaded.content.panels:
            assert 1 <= loaded.content.duration_of(panel) <= 3600
        for warning in loaded.warnings:
            assert PROBLEM.match(str(warning)), str(warning)
    assert time.monotonic() - started < TIME_LIMIT
    assert sorted(p.name for p in folder.iterdir()) == ["photo.png"]  # loading writes nothing


# -- random YAML documents ---------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(["12s", "1m30s", "auto", "#0b2545", "fa5s.baby", "photo.png",
                                           "../../etc/passwd", "/dev/zero", ".", "https://x.org/", ""]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=6), st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(every_key())),
                                                 inner, max_size=6)), max_leaves=30)


@examples(800)
@given(document=values)
def test_any_yaml_document_loads_or_is_refused(document, folder):
    assert_loads_or_refuses(yaml.dump(document, Dumper=DUMPER, allow_unicode=True).encode(), folder)


YAML_TOKENS = ["settings:", "panels:", "- ", "  ", "\n", ":", "[", "]", "{", "}", ",", "&a ", "*a", "&b ",
               "*b", "!!str ", "!!python/object:os.system ", "!x ", "? ", "|", ">", "'", '"', "#", "---",
               "...", "%YAML 1.1\n", "<<: *a", "id: a", "kind: text", "title: T", "body: B", "1e9", ".nan",
               "\t", "\ufeff", "\x00", "é", "0x1F", "~", "null", "yes", "2024-01-01"]


@examples(700)
@given(tokens=st.lists(st.sampled_from(YAML_TOKENS), max_size=60))
def test_yaml_token_soup_loads_or_is_refused(tokens, folder):
    assert_loads_or_refuses("".join(tokens).encode("utf-8", "surrogatepass"), folder)


# -- near-valid content: the seed, mutated ------------------------------------------------------

SEED_DATA = yaml.safe_load(SEED.read_text(encoding="utf-8"))
SEED_DATA["panels"][2]["photo"] = "photo.png"
BILINGUAL_DATA = yaml.safe_load((SEED.parent / "examples" / "bilingual.yaml").read_text(encoding="utf-8"))
ODD_VALUES = st.one_of(
    scalars, st.sampled_from([-1, 0, 10**30, math.nan, math.inf, -math.inf, 2**63, "x" * 6000, [], {},
                              {"value": "auto"}, [{"value": 1, "label": "a"}] * 13]))


def paths(node, prefix=()):
    """Every location in a YAML data tree, e.g. ("panels", 0, "counters", 2, "value")."""
    yield prefix
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield from paths(child, (*prefix, key))


def mutate(document, data) -> None:
    """One change a careless or hostile edit could make at one place in the document."""
    where = data.draw(st.sampled_from(list(paths(document))))
    parent = document
    for part in where[:-1]:
        parent = parent[part]
    operation = data.draw(st.sampled_from(["replace", "delete", "add", "rename", "duplicate"]))
    if not where:
        return
    key = where[-1]
    if operation == "replace":
        parent[key] = copy.deepcopy(data.draw(ODD_VALUES))  # sampled values are shared objects
    elif operation == "delete":
        del parent[key]
    elif operation == "add" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(every_key()) | st.text(max_size=10))] = copy.deepcopy(data.draw(ODD_VALUES))
    elif operation == "rename" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(every_key()))] = parent.pop(key)
    elif operation == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))


@examples(1000)
@given(data=st.data())
def test_a_mutated_seed_loads_or_is_refused(data, folder):
    document = copy.deepcopy(data.draw(st.sampled_from([SEED_DATA, BILINGUAL_DATA])))
    for _ in range(data.draw(st.integers(1, 4))):
        mutate(document, data)
    assert_loads_or_refuses(yaml.dump(document, Dumper=DUMPER, allow_unicode=True, sort_keys=False).encode(), folder)


SEED_TEXT = SEED.read_bytes()


@examples(500)
@given(cut=st.integers(0, len(SEED_TEXT)), length=st.integers(0, 200), insert=st.binary(max_size=20))
def test_the_seed_with_bytes_cut_or_spliced_loads_or_is_refused(cut, length, insert, folder):
    assert_loads_or_refuses(SEED_TEXT[:cut] + insert + SEED_TEXT[cut + length:], folder)


# -- random bytes ----------------------------------------------------------------------------------

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]


@examples(1000)
@given(bom=st.sampled_from(BOMS), body=st.binary(max_size=2000))
def test_any_bytes_load_or_are_refused(bom, body, folder):
    assert_loads_or_refuses(bom + body, folder)


def test_the_seed_itself_passes_the_property(folder):
    """The property is not vacuous: valid content takes the 'returns Content' branch."""
    loaded = load_bytes(SEED_TEXT, folder / "content.yaml")
    assert [panel.id for panel in loaded.content.panels][:2] == ["impact", "goal"]
