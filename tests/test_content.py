"""The seed content, and what staff see when they get the format wrong."""

from __future__ import annotations

import re

import pytest

from kiosk.core.content import ContentError, load_content
from kiosk.core.content.model import CountersPanel, SpotlightPanel, TextPanel, UpdatesPanel

VALID = """\
settings:
  title: T
panels:
  - id: a
    kind: text
    title: A
    body: Hello
"""


def panel(seed, panel_id):
    return next(p for p in seed.content.panels if p.id == panel_id)


def test_seed_counters_are_the_seed_numbers(seed):
    impact = panel(seed, "impact")
    assert isinstance(impact, CountersPanel)
    assert impact.intro == "Migrant youth participating in the Migrant Education Program in 2021-22:"
    assert [(c.value, c.label) for c in impact.counters] == [
        (2923, "Birth to 2 Years Old"), (16029, "Age 3-5*"), (172192, "K-12 and Ungraded"),
        (19011, "Out of School"), (3414, "Grade Not Specified")]
    assert (impact.total.value, impact.total.label) == (213569, "Total Students")
    assert impact.total_value == sum(c.value for c in impact.counters)
    assert impact.notes == ["* Not in Kindergarten", "Source: Migrant Education Program (MEP) "
                            "National Profile for Performance Period 2021-2022"]
    assert seed.warnings == []


def test_seed_text_is_word_for_word(seed):
    goal, pass_ = panel(seed, "goal"), panel(seed, "pass")
    assert isinstance(goal, TextPanel) and isinstance(pass_, TextPanel)
    assert goal.body.startswith("The goal of the Migrant Education Program is to ensure that all migrant "
                                "students reach challenging academic standards")
    assert goal.body.endswith("to promote the interstate coordination of migrant programs.")
    assert pass_.body.endswith("is used in more than 25 states.")
    star = panel(seed, "student-of-the-year")
    assert isinstance(star, SpotlightPanel)
    assert (star.heading, star.name, star.detail) == (
        "2023 National Migrant PASS Student of the Year", "Juan Oscar Leal", "ND")
    assert star.quote.startswith("After graduating from high school, my goals will be to get my bachelor’s")
    assert star.quote.endswith("and I can’t ever thank them enough.")
    assert "Grafton and Manvel" in star.body
    assert (star.link.label, star.link.url) == ("Continue Reading", "https://results.ed.gov/resources/news_stories")


def test_seed_has_all_six_updates_and_the_disclaimer(seed):
    updates = panel(seed, "updates")
    assert isinstance(updates, UpdatesPanel)
    assert [item.title for item in updates.items] == [
        "Data Reporting Webinars for School Year 2022-23",
        "2023 National Association of State Directors of Migrant Education (NASDME) Conference",
        "Protecting Student Privacy", "2023 Annual Directors' Meeting",
        "Webinar Presentations Posted", "MEP Policy Updates"]
    assert all(item.text for item in updates.items)
    footer = seed.content.settings.footer
    assert footer.startswith("Disclaimer: This website was developed by RTI International")
    assert "Contract No. ED-ESE-15-C-0035" in footer
    assert footer.endswith("should be inferred.")


def errors_of(write_content, text):
    path = write_content(text)
    with pytest.raises(ContentError) as caught:
        load_content(path)
    lines = [str(p) for p in caught.value.problems]
    for line in lines:
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: (error|warning): ", line), line
    return lines


@pytest.mark.parametrize(("text", "expected"), [
    (VALID.replace("  title: T", "  title: T\n  durration: 5"),
     ":3:3: error: settings.durration: unknown key `durration`; did you mean `duration`?"),
    (VALID.replace("    body: Hello", "    body: Hello\n    icon: fa5s.no-such-icon"),
     ":8:11: error: panels[0].icon: no icon named 'fa5s.no-such-icon'"),
    (VALID + VALID.split("panels:\n")[1],
     ":8:9: error: panels[1].id: duplicate id 'a'"),
    (VALID.replace("kind: text", "kind: banner"),
     ":5:11: error: panels[0].kind: unknown kind; use one of: counters, text, spotlight, updates, image, "
     "slides, video, agenda, countdown"),
    (VALID.replace("    body: Hello\n", ""),
     ":4:5: error: panels[0].body: this field is required"),
    (VALID.replace("  title: T", "  title: T\n  duration: 0"),
     ":3:13: error: settings.duration: must be at least 1 second"),
    (VALID.replace("  title: T", "  title: T\n  duration: soon"),
     ":3:13: error: settings.duration: cannot read 'soon' as a duration"),
    (VALID.replace("id: a", "id: Big Panel"),
     ":4:9: error: panels[0].id: must use only lowercase letters, digits and dashes"),
    (VALID.replace("  title: T", "  title: T\n  theme: {background: navy}"),
     ":3:23: error: settings.theme.background: must be a colour written as #rrggbb"),
    ("settings:\n  title: [unclosed\npanels: []\n", ":3:7: error: invalid YAML: while parsing a flow sequence"),
    ("settings:\n  title: T\n  title: U\npanels: []\n", ":3:3: error: title: duplicate key (first at line 2)"),
    ("", ":1:1: error: the file must be a mapping"),
])
def test_errors_name_line_column_and_field(write_content, text, expected):
    lines = errors_of(write_content, text)
    assert any(expected in line for line in lines), lines


def test_total_that_is_not_the_sum_warns(write_content):
    text = VALID.replace("panels:\n", """panels:
  - id: n
    kind: counters
    title: N
    counters: [{value: 1, label: one}, {value: 2, label: two}]
    total: {value: 4, label: all}
""")
    loaded = load_content(write_content(text))
    assert [str(w).split(": ", 1)[1] for w in loaded.warnings] == [
        "warning: panels[0].total.value: total 4 is not the sum of the counters (3); "
        "write `value: auto` to show the sum"]
    assert loaded.warnings[0].line == 8


def test_a_total_of_auto_is_the_sum_of_the_counters(write_content):
    text = VALID.replace("panels:\n", """panels:
  - {id: n, kind: counters, title: N, counters: [{value: 1, label: one}, {value: 2, label: two}],
     total: {value: auto, label: all}}
""")
    counters = load_content(write_content(text)).content.panels[0]
    assert counters.total_value == 3


@pytest.mark.parametrize(("written", "seconds"), [("12", 12), ("\"12s\"", 12), ("\"1m\"", 60),
                                                  ("\"1m30s\"", 90), ("7.5", 7.5)])
def test_durations_read_as_people_write_them(write_content, written, seconds):
    text = VALID.replace("  title: T", f"  title: T\n  duration: {written}")
    assert load_content(write_content(text)).content.settings.duration == seconds


def test_low_contrast_theme_warns(write_content):
    text = VALID.replace("  title: T", "  title: T\n  theme: {background: '#777777', text: '#888888'}")
    warnings = [str(w) for w in load_content(write_content(text)).warnings]
    assert any("settings.theme.text: contrast against the background is 1.3:1" in w for w in warnings)
