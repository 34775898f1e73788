"""Each entry kind, date source and label style: a minimal list, its exact export and findings."""

from __future__ import annotations

from typing import Any

import pytest

from paperlint.checker import Checker
from paperlint.export import entries
from paperlint.settings import Settings
from paperlint.source import decode

BULLETS = """# Papers
## Video
- **Make-A-Video: Text-to-Video Generation** (Sep., 2022) [[pdf]](https://arxiv.org/abs/2209.14792)
  - `Keypoints:` video; diffusion
- [Tune-A-Video](https://arxiv.org/abs/2212.11565) `[2022/12]`
- [Contents](#video)
"""
PARAGRAPHS = """# Papers
## Agents

**Generative Agents: Interactive Simulacra** \\
J. Park et al. \\
[paper](https://arxiv.org/abs/2304.03442) \\
7 Apr 2023

**We need your help!**
"""
TABLE = """# Papers
## Editing
| Title | arXiv | Pub. & Date |
|---|---|---|
| [FateZero](https://arxiv.org/abs/2303.09535) | - | Mar., 2023 |
| [Pix2Video](https://arxiv.org/abs/2303.12688) |[abs](https://arxiv.org/abs/2303.12688)|ICCV, 2023
"""
HEADINGS = """# Papers
## 202404
### 1. [TransformerFAM: Feedback attention](https://arxiv.org/abs/2404.09173)
### 2. Another Paper
### [3] Third Paper
"""
DAY_HEADINGS = """# Log
#### 22th of December 2023
[Pangu-Agent: A Generalist Agent](https://arxiv.org/abs/2312.14878)

- Pangu-Agent: an RL objective.

---
#### 3rd of November 2023
[Old Link](https://arxiv.org/abs/2309.00001)
"""
MONTH_NAMES = """# Latest Update: April 2024
## LLM
### A Paper
- `Keypoints:` a; b
- `Objective:` c
"""


def export(text: str, path: str = "list.md", **settings: Any) -> list[dict[str, Any]]:
    checker = Checker(Settings(**settings))
    instance, _ = checker.parse(decode(text.encode(), path)).to_json()
    keys = ("title", "line", "month", "category", "fields", "tags", "arxiv")
    return [{key: row[key] for key in keys} for row in entries(instance)]


def findings(text: str, path: str = "list.md", **settings: Any) -> list[tuple[int, str]]:
    result = Checker(Settings(**settings)).check_source(decode(text.encode(), path))
    return [(p.line, p.code) for p in result.problems]


def test_bullet_entries() -> None:
    assert export(BULLETS) == [
        {
            "title": "Make-A-Video: Text-to-Video Generation",
            "line": 3,
            "month": "202209",
            "category": "Video",
            "fields": {"Keypoints": "video; diffusion"},
            "tags": ["Sep., 2022"],
            "arxiv": ["2209.14792"],
        },
        {
            "title": "Tune-A-Video",
            "line": 5,
            "month": "202212",
            "category": "Video",
            "fields": {},
            "tags": ["2022/12"],
            "arxiv": ["2212.11565"],
        },
    ]
    assert findings(BULLETS, required=()) == []


def test_paragraph_entries_with_a_date_line() -> None:
    assert export(PARAGRAPHS) == [
        {
            "title": "Generative Agents: Interactive Simulacra",
            "line": 4,
            "month": "202304",
            "category": "Agents",
            "fields": {},
            "tags": [],
            "arxiv": ["2304.03442"],
        }
    ]
    assert findings(PARAGRAPHS, required=()) == []


def test_table_rows() -> None:
    rows = export(TABLE)
    assert [(r["title"], r["line"], r["month"]) for r in rows] == [
        ("FateZero", 5, "202303"),
        ("Pix2Video", 6, None),
    ]
    assert rows[1]["fields"] == {
        "arXiv": "[abs](https://arxiv.org/abs/2303.12688)",
        "Pub. & Date": "ICCV, 2023",
    }
    # Table columns are not label markup: unknown to the schema (PL203) until configured.
    assert findings(TABLE, required=(), known=("arXiv", "Pub. & Date")) == []


def test_numbered_and_linked_heading_entries() -> None:
    rows = export(HEADINGS)
    assert [(r["title"], r["month"]) for r in rows] == [
        ("TransformerFAM: Feedback attention", "202404"),
        ("Another Paper", "202404"),
        ("Third Paper", "202404"),
    ]
    assert rows[0]["arxiv"] == ["2404.09173"]


def test_day_headings_are_months_when_configured() -> None:
    rows = export(DAY_HEADINGS, month_headings=("day Month YYYY",))
    assert [(r["title"], r["month"], r["category"]) for r in rows] == [
        ("Pangu-Agent: A Generalist Agent", "202312", None),
        ("Old Link", "202311", None),
    ]
    # PL507 compares the arXiv id with the month the heading gives.
    assert findings(DAY_HEADINGS, month_headings=("day Month YYYY",), required=()) == [
        (2, "PL101"),
        (9, "PL507"),
    ]


def test_file_name_dates_entries() -> None:
    text = "# Log\n- A Paper `[x]` [[pdf]](https://arxiv.org/abs/2601.00001)\n"
    assert export(text, "notes/2026-01-17.md")[0]["month"] == "202601"


def test_month_name_heading_is_recognised_or_reported() -> None:
    # Not a configured form: reported (PL102), never a silent month null.
    assert (1, "PL102") in findings(MONTH_NAMES)
    assert export(MONTH_NAMES)[0]["month"] == "Latest Update: April 2024"
    # Configured: recognised.
    assert export(MONTH_NAMES, month_headings=("Month YYYY",))[0]["month"] == "202404"
    assert (1, "PL102") not in findings(MONTH_NAMES, month_headings=("Month YYYY",))


STYLES = "# T\n## 202404\n### LLM\n#### A Paper\n- {k}\n- {o}\n"


@pytest.mark.parametrize(
    ("style", "keypoints", "objective", "reported"),
    [
        ("code", "`Keypoints:` a; b", "**Objective:** c", [6]),
        ("bold", "**Keypoints:** a; b", "`Objective:` c", [6]),
        ("bold", "**Keypoints:** a; b", "**Objective:** c", []),
        ("plain", "Keypoints: a; b", "**Objective:** c", [6]),
        ("plain", "Keypoints: a; b", "Objective: c", []),
    ],
)
def test_label_style_is_configuration(
    style: str, keypoints: str, objective: str, reported: list[int]
) -> None:
    text = STYLES.format(k=keypoints, o=objective)
    settings = Settings(select=("PL403",), rule_options={"PL403": {"style": style}})
    result = Checker(settings).check_source(decode(text.encode(), "list.md"))
    assert [p.line for p in result.problems] == reported
    for problem in result.problems:
        assert f'style = "{style}"' in problem.message or style == "code"


def test_bold_style_fix_writes_bold() -> None:
    text = STYLES.format(k="**Keypoints:** a; b", o="`Objective:` c")
    settings = Settings(select=("PL403",), rule_options={"PL403": {"style": "bold"}})
    result = Checker(settings).check_source(decode(text.encode(), "list.md"))
    (problem,) = result.problems
    assert problem.fix is not None
    (edit,) = problem.fix.edits
    assert edit.replacement == "**Objective:**"


def test_markdown_without_entries_is_not_a_paper_list() -> None:
    checker = Checker(Settings())
    document = checker.parse(decode(b"# Contributing\n\n- [Guide](#guide)\n", "C.md"))
    assert not document.is_paper_list
    assert checker.parse(decode(BULLETS.encode(), "l.md")).is_paper_list


OWN_FIELDS = "# T\n## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Venue:` ICML\n"


@pytest.mark.parametrize("user_schema", [False, True])
def test_required_and_known_fields_overlay_the_schema(user_schema: bool, tmp_path: Any) -> None:
    from paperlint import schema

    settings: dict[str, Any] = {}
    if user_schema:  # a user's own schema gets the same overlay
        path = tmp_path / "own.schema.json"
        path.write_text(schema.builtin_text(), "utf-8")
        settings["schema"] = str(path)
    # The reference convention: Objective is missing (PL201), Venue unknown (PL203).
    assert [code for _, code in findings(OWN_FIELDS, **settings)] == ["PL201", "PL203"]
    assert findings(OWN_FIELDS, required=("Keypoints",), known=("Venue",), **settings) == []


def test_configured_separator_is_the_one_pl404_asks_for() -> None:
    text = "# T\n## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a, b, c; d\n- `Objective:` c\n"
    select = ("PL404",)
    (found,) = Checker(Settings(select=select)).check_source(decode(text.encode(), "l.md")).problems
    assert found.message.endswith(
        "use `,` throughout, the separator this file's Keypoints use most (×2)"
    )
    (found,) = (
        Checker(Settings(select=select, rule_options={"PL404": {"separator": ";"}}))
        .check_source(decode(text.encode(), "l.md"))
        .problems
    )
    assert found.message.endswith(
        "use `;` throughout, the separator the configuration sets ([rules.PL404] separator)"
    )
