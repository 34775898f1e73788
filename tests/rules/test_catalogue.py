"""The registry against its pinned catalogue, `paperlint rules`, the README's rule table.

Regenerate the README table after changing a rule's name, severity, fix or summary:
    PAPERLINT_UPDATE_README=1 python -m pytest tests/rules/test_catalogue.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint import rules
from paperlint.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"

# The catalogue, pinned: code, name, default severity, fix (S safe, U unsafe, – none).
# Severity: structure (PL1xx), schema (PL2xx) and details (PL3xx) rules are errors; PL404,
# PL506, PL507 and PL902 are warnings; the rest are errors too (PL901 exits 2).
SPEC_CATALOGUE = """
PL101 heading-level-skip         error   –
PL102 month-heading-invalid      error   –
PL103 months-out-of-order        error   –
PL104 duplicate-section          error   –
PL105 empty-section              error   –
PL106 layout-break               error   –
PL107 broken-heading             error   S
PL201 required-field-missing     error   –
PL202 field-empty                error   –
PL203 unknown-field              error   –
PL204 duplicate-field            error   –
PL205 field-alias                error   S
PL206 schema-violation           error   –
PL207 entry-empty                error   –
PL301 details-unclosed           error   U
PL302 details-summary-missing    error   S
PL303 details-summary-blank-line error   S
PL304 details-close-indent       error   S
PL305 details-stray-close        error   –
PL306 html-swallows-markdown     error   S
PL307 content-escapes-list       error   –
PL401 label-spacing              error   S
PL402 label-colon                error   S
PL403 label-style                error   S
PL404 keypoints-separator        warning U
PL501 toc-anchor-unresolved      error   S
PL502 toc-missing-entry          error   U
PL503 link-empty                 error   –
PL504 link-malformed             error   –
PL505 relative-link-missing      error   –
PL506 arxiv-link-style           warning U
PL507 arxiv-month-mismatch       warning –
PL508 duplicate-paper            error   –
PL601 trailing-whitespace        error   S
PL602 blank-lines                error   S
PL603 invisible-character        error   S
PL604 final-newline              error   S
PL605 line-endings               error   S
PL901 file-unreadable            error   –
PL902 unused-suppression         warning S
"""
SPEC_ROWS = [tuple(line.split()) for line in SPEC_CATALOGUE.strip().splitlines()]
MARK = {"safe": "S", "unsafe": "U", "none": "–"}


def test_registry_is_exactly_the_spec_catalogue() -> None:
    actual = [
        (r.code, r.name, r.severity.value, MARK[r.fixability.value]) for r in rules.all_rules()
    ]
    assert actual == SPEC_ROWS


def test_names_are_unique_kebab_case_and_resolve_like_codes() -> None:
    for rule in rules.all_rules():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), rule.name
        assert rules.get(rule.name) is rule
        assert rules.get(rule.code.lower()) is rule
    assert len({r.name for r in rules.all_rules()}) == len(SPEC_ROWS)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("PL3", ["PL301", "PL302", "PL303", "PL304", "PL305", "PL306", "PL307"]),
        ("PL50", [f"PL50{i}" for i in range(1, 9)]),
        ("label-colon", ["PL402"]),
        ("PL9", ["PL901", "PL902"]),
    ],
)
def test_prefixes_and_names_expand_to_codes(token: str, expected: list[str]) -> None:
    assert sorted(rules.expand([token])) == expected


def test_rules_command_prints_the_table() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "checks"]
    columns = [tuple(line.split()[:4]) for line in lines[1:]]
    fix_word = {"S": "safe", "U": "unsafe", "–": "none"}
    assert columns == [(c, n, s, fix_word[f]) for c, n, s, f in SPEC_ROWS]
    # Aligned columns: every name starts where the header's "name" does.
    name_column = lines[0].index("name")
    assert all(line[name_column - 2 : name_column] == "  " for line in lines[1:])
    assert lines[1] == (
        "PL101  heading-level-skip          error     none    " + rules.get("PL101").summary
    )


def test_markdown_table_rows() -> None:
    table = rules.markdown_table().splitlines()
    assert table[:2] == [
        "| Code | Name | Severity | Fix | What it checks |",
        "|---|---|---|---|---|",
    ]
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:-2]]
    assert [(c, n.strip("`"), s, f) for c, n, s, f, _ in rows] == SPEC_ROWS
    assert rows[0][4] == rules.get("PL101").summary
    assert table[-2:] == [
        "",
        "Fix: S = safe (`paperlint fix`), U = unsafe (`--unsafe-fixes`), – = none.",
    ]


def readme_block(text: str) -> str:
    assert text.count(START) == 1 and text.count(END) == 1, "README lost its rule-table markers"
    return text.split(START, 1)[1].split(END, 1)[0]


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    text = README.read_text("utf-8")
    expected = "\n" + rules.markdown_table()
    if os.environ.get("PAPERLINT_UPDATE_README") == "1" and readme_block(text) != expected:
        fresh = README.read_text("utf-8")  # others edit the README too: replace only the block
        README.write_text(
            fresh.replace(START + readme_block(fresh) + END, START + expected + END), "utf-8"
        )
        text = README.read_text("utf-8")
    assert readme_block(text) == expected, (
        "README.md's rule table is out of date; regenerate it with\n"
        "    PAPERLINT_UPDATE_README=1 python -m pytest tests/rules/test_catalogue.py"
    )
