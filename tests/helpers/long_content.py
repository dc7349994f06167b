"""Content as long as staff might type it: 120-character titles, a 1,500-character story,
12 updates and 8 counters with 9-digit values."""

from __future__ import annotations

import json

WORDS = ["migrant", "students", "families", "summer", "school", "program", "credits", "teachers",
         "counselors", "districts", "graduation", "reading", "mathematics", "science", "libraries",
         "transportation"]


def words(length: int, seed: int = 0) -> str:
    """Ordinary words, exactly ``length`` characters long."""
    out, i = [], seed
    while len(" ".join(out)) < length:
        out.append(WORDS[i % len(WORDS)])
        i += 3
    return " ".join(out)[:length].rstrip() + "."


def title(seed: int) -> str:
    return words(120, seed)


def long_content_yaml() -> str:
    """The fixture as YAML text (JSON is valid YAML, and quoting stays trivially right)."""
    counters = [{"value": 900_000_000 + 12_345_678 * i, "label": words(24, i), "icon": "fa5s.child"}
                for i in range(8)]
    items = [{"title": title(i), "text": words(180, i)} for i in range(12)]
    items[1]["link"] = {"label": "Read the whole story", "url": "https://results.ed.gov/news/1"}
    content = {
        "settings": {"title": title(1), "footer": words(300, 2)},
        "panels": [
            {"id": "counters", "kind": "counters", "title": title(3), "intro": words(160, 4),
             "counters": counters, "total": {"value": "auto", "label": words(30, 5)},
             "notes": [words(140, 6), words(140, 7)]},
            {"id": "story", "kind": "text", "title": title(8), "icon": "fa5s.book-open",
             "body": words(1500, 9), "link": {"label": "results.ed.gov", "url": "https://results.ed.gov/"}},
            {"id": "person", "kind": "spotlight", "heading": title(10), "name": words(60, 11),
             "quote": words(400, 12), "body": words(1500, 13),
             "link": {"label": "Continue Reading", "url": "https://results.ed.gov/resources/news_stories"}},
            {"id": "news", "kind": "updates", "title": title(14), "items": items},
        ],
    }
    return json.dumps(content, indent=1)
