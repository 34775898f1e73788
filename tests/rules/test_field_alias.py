"""PL205 field-alias: exact positions, messages and fixed text (the schema reports the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers import CORPUS, FIXTURES, lint, parse_text, positions
from paperlint.rules import get
from paperlint.settings import Settings

HEAD = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n"
EXCERPT = FIXTURES / "rules" / "labels" / "aliases_and_colons.md"
VIDEO = CORPUS / "topic" / "VideoGeneration.md__2024-09-12__2404c4acda.md"


def fixed(text: str, code: str = "PL205", settings: Settings | None = None) -> str:
    return helpers.fixed(text, code, settings=settings)


@pytest.mark.parametrize(
    ("bullet", "expected", "after"),
    [
        ("- `Objective:` c", [], None),
        ("- `Methods:` c", [(5, 4)], "- `Method:` c"),
        ("- `Summay`: c", [(5, 4)], "- `Summary`: c"),
        ("- **Metrics:** c", [(5, 5)], "- **Metric:** c"),
        ("- `objective:` c", [(5, 4)], "- `Objective:` c"),
        ("- `Key Points:` c", [(5, 4)], "- `Keypoints:` c"),
        ("- Methods: c", [(5, 3)], "- Method: c"),
        # Unknown labels are PL203's business (no canonical form to rewrite to).
        ("- `Objectve:` c", [], None),
    ],
)
def test_field_alias(bullet: str, expected: list[tuple[int, int]], after: str | None) -> None:
    text = HEAD + bullet + "\n"
    assert positions(text, "PL205") == expected
    assert fixed(text) == HEAD + (after or bullet) + "\n"


@pytest.mark.parametrize(
    ("bullet", "message"),
    [
        ("- `Methods:` c", "label `Methods` is an alias of `Method`; write `Method`"),
        (
            "- `objective:` c",
            "label `objective` differs in case from `Objective`; write `Objective`",
        ),
    ],
)
def test_field_alias_message(bullet: str, message: str) -> None:
    (problem,) = lint(HEAD + bullet + "\n", select=("PL205",))
    assert problem.message == message


def test_field_alias_fix_is_safe_and_changes_nothing_in_the_model() -> None:
    text = HEAD + "- `Objective:` c\n-   <details>\n    <summary>Details</summary>\n\n"
    text += "    - `Methods:` m\n    </details>\n"
    (problem,) = lint(text, select=("PL205",))
    assert (problem.line, problem.column) == (9, 8)
    assert problem.fix is not None
    assert problem.fix.safe
    assert problem.fix.changes == frozenset()
    before, _ = parse_text(text).to_json()
    after, _ = parse_text(fixed(text)).to_json()
    assert before == after


def test_field_alias_configured_alias() -> None:
    settings = Settings(aliases={"Approach": "Method"})
    text = HEAD + "- `Objective:` c\n- `Approach:` m\n"
    assert positions(text, "PL205", settings) == [(6, 4)]
    assert fixed(text, settings=settings) == HEAD + "- `Objective:` c\n- `Method:` m\n"


def test_field_alias_outside_entries_is_left_to_pl106() -> None:
    assert positions("- `Methods:` x\n\n" + HEAD + "- `Objective:` c\n", "PL205") == []


def test_field_alias_corpus_excerpt() -> None:
    text = EXCERPT.read_text(encoding="utf-8")
    assert positions(text, "PL205") == [(8, 8), (11, 8), (13, 6)]
    lines = fixed(text).split("\n")
    assert lines[7] == "    - `Method:`"
    assert lines[10].startswith("    - `Metric:` Consistency (including")
    assert lines[12].startswith("-   `Summary`:This method incorporates")


def test_field_alias_corpus_file() -> None:
    text = Path(VIDEO).read_text(encoding="utf-8")
    found = positions(text, "PL205")
    assert [line for line, _ in found] == [
        50,
        53,
        55,
        63,
        66,
        68,
        76,
        87,
        101,
        114,
        125,
        133,
        138,
        146,
        151,
    ]
    assert positions(fixed(text), "PL205") == []


def test_field_alias_doc_example() -> None:
    rule = get("PL205")
    assert set(rule.sections()) >= {"What it does", "Why is this bad?", "Example", "Fix safety"}
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    assert lint(failing, select=("PL205",))
    assert lint(passing, select=("PL205",)) == []
    assert rule.severity.value == "error"
    assert rule.fix_availability.value == "always"
