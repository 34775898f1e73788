"""Spans: links, fields and headings carry where they end, and every problem has an end.

Columns are 1-based code points; an end column is exclusive (just past the last
character), as SARIF and LSP count it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from helpers import CORPUS_FILES, FIXTURES, checker, lint, parse_text
from paperlint import rules
from paperlint.problem import Problem
from paperlint.rules.base import Context
from paperlint.server.diagnostics import problem_range
from paperlint.source import decode

RULE_FIXTURES = sorted(p for p in (FIXTURES / "rules").glob("*/*.md") if ".fixed." not in p.name)
INPUTS = [*CORPUS_FILES, *RULE_FIXTURES]
EXAMPLES = [
    (rule.code, failing)
    for rule in rules.all_rules()
    for failing in [rule.examples()[0]]
    if failing is not None
]


def _ends_after_start(problem: Problem, lines: list[str]) -> None:
    assert problem.end_line is not None and problem.end_column is not None, problem
    assert (problem.end_line, problem.end_column) >= (problem.line, problem.column), problem
    assert problem.end_line <= len(lines), problem
    assert problem.end_column <= len(lines[problem.end_line - 1]) + 1, problem


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_problem_of_the_corpus_ends_after_it_starts(path: Path) -> None:
    source = decode(path.read_bytes(), path.name)
    problems = checker().check_source(source).problems
    for problem in problems:
        _ends_after_start(problem, source.lines)


@pytest.mark.parametrize(("code", "text"), EXAMPLES, ids=[code for code, _ in EXAMPLES])
def test_every_rule_gives_its_own_end(code: str, text: str) -> None:
    """Rules place their ends themselves; only schema errors end at their line's end."""
    run = checker()
    document = run.parse(decode(text.encode("utf-8"), "example.md"))
    rule = rules.get(code)
    if rule.check is None:
        return
    found = list(rule.check(Context(document, run.options_for(rule), run.settings)))
    for violation in found:
        assert violation.end_line is not None and violation.end_column is not None, violation
    for problem in lint(text, select=(code,)):
        _ends_after_start(problem, document.source.lines)


def test_corpus_violations_all_come_with_ends() -> None:
    run = checker()
    count = 0
    for path in INPUTS:
        document = run.parse(decode(path.read_bytes(), path.name))
        for rule in run.rules:
            assert rule.check is not None
            context = Context(document, run.options_for(rule), run.settings)
            for violation in rule.check(context):
                assert violation.end_column is not None, (path.name, rule.code, violation)
                count += 1
    assert count > 500


LINKS = (
    "# A\n"
    "\n"
    '<https://x.y/z> [[pdf]](https://a.b/c_(d)) [t](<u v> "title (x)") '
    "[`](`](https://e.f/) [![b](i.png)](https://k.l/)\n"
    "[open](https://g.h/\n"
)


def test_links_carry_their_spans() -> None:
    line = LINKS.split("\n")[2]
    spans = [
        (link.url, line[link.column - 1 : link.end_column - 1], link.destination)
        for link in parse_text(LINKS).links
    ]
    assert [(url, text) for url, text, _ in spans] == [
        ("https://x.y/z", "<https://x.y/z>"),
        ("https://a.b/c_(d)", "[[pdf]](https://a.b/c_(d))"),
        ("u%20v", '[t](<u v> "title (x)")'),
        ("https://e.f/", "[`](`](https://e.f/)"),
        ("https://k.l/", "[![b](i.png)](https://k.l/)"),
    ]
    destinations = [line[d[0] - 1 : d[1] - 1] for _, _, d in spans if d is not None]
    assert destinations == [
        "https://x.y/z",
        "https://a.b/c_(d)",
        "u v",
        "https://e.f/",
        "https://k.l/",
    ]


def test_an_unclosed_link_ends_with_its_line() -> None:
    text = "# A\n\n[a](x) [b](https://g.h/ c\n"
    problems = lint(text, select=("PL504",))
    assert [(p.line, p.column, p.end_line, p.end_column) for p in problems] == [(3, 12, 3, 26)]


LIST = """# PaperList
## 202404
### LLM
#### TransformerFAM: Feedback attention
- `Keypoints:`  feedback attention; working memory
- **Objective:** Let transformers attend to their own latent memory.
-   <details>

    - `Method:` x
"""


def _spans(text: str, code: str) -> list[str]:
    """The text of each problem's span (one line) for rule ``code``."""
    lines = text.split("\n")
    found = []
    for p in lint(text, select=(code,)):
        assert p.end_line == p.line
        assert p.end_column is not None
        found.append(lines[p.line - 1][p.column - 1 : p.end_column - 1])
    return found


@pytest.mark.parametrize(
    ("code", "spans"),
    [
        ("PL401", ["  "]),  # the whitespace run
        ("PL403", ["**Objective:**"]),  # the label
        ("PL301", ["<details>"]),  # the tag
        ("PL302", ["<details>"]),
    ],
)
def test_spans_cover_what_is_wrong(code: str, spans: list[str]) -> None:
    assert _spans(LIST, code) == spans


def test_heading_spans() -> None:
    text = "# PaperList\n## 202404\n#### Skips h3   \n"
    assert _spans(text, "PL101") == ["#### Skips h3"]
    heading = parse_text(text).headings[2]
    assert (heading.column, heading.end_column) == (1, 14)


def test_schema_errors_end_with_their_line() -> None:
    text = "# PaperList\n## 202404\n### LLM\n#### A paper\n- `Keypoints:` a; b\n"
    [missing] = lint(text, select=("PL201",))
    assert (missing.line, missing.column, missing.end_line, missing.end_column) == (4, 1, 4, 13)


def test_ranges_in_utf16_units_after_astral_characters() -> None:
    # "𝔸" is one code point and two UTF-16 units: the heading's end moves by two per character.
    text = "# A\n### 𝔸𝔸 B\n"
    source = decode(text.encode("utf-8"), "a.md")
    [problem] = lint(text, select=("PL101",))
    assert (problem.line, problem.column, problem.end_line, problem.end_column) == (2, 1, 2, 9)
    shown = problem_range(problem, source, "utf-16")
    assert shown == types.Range(types.Position(1, 0), types.Position(1, 10))
    shown = problem_range(problem, source, "utf-32")
    assert shown == types.Range(types.Position(1, 0), types.Position(1, 8))
