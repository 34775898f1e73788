"""The registry: one module per rule, its catalogue, `paperlint rules`, the README's rule table.

Regenerate the README table after changing a rule's name, severity, fix or summary:
    PAPERLINT_UPDATE_README=1 python -m pytest tests/rules/test_catalogue.py
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint import rules
from paperlint.cli import cli
from paperlint.rules.base import Rule

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"

# The catalogue, derived from the registry: code, name, default severity, fix availability
# (always, sometimes, – never). docs/rules.md pins it (tests/test_user_docs.py); here it
# checks the tables printed from it.
MARK = {"always": "always", "sometimes": "sometimes", "never": "–"}
CATALOGUE = [
    (r.code, r.name, r.severity.value, MARK[r.fix_availability.value]) for r in rules.all_rules()
]

# Rule families by code prefix: each rule is the module rules/<family>/<name>.py.
FAMILIES = {
    "PL1": "structure",
    "PL2": "fields",
    "PL3": "details",
    "PL4": "labels",
    "PL5": "links",
    "PL6": "whitespace",
    "PL9": "meta",
}


@pytest.mark.parametrize("rule", rules.all_rules(), ids=lambda rule: rule.code)
def test_every_rule_is_its_own_module(rule: Rule) -> None:
    family = FAMILIES[rule.code[:3]]
    module = importlib.import_module(f"paperlint.rules.{family}.{rule.name.replace('-', '_')}")
    assert module.RULE is rule
    assert module.__doc__.startswith(f"{rule.code} {rule.name}: ")
    if rule.check is not None:
        assert rule.check.__module__ == module.__name__


def test_the_registry_lists_every_rule_module_once() -> None:
    """A rule module left out of the registry would never run."""
    root = Path(rules.__file__).parent
    modules = {
        f"{path.parent.name}.{path.stem}"
        for path in root.glob("*/*.py")
        if not path.stem.startswith("_")
    }
    listed = {f"{FAMILIES[r.code[:3]]}.{r.name.replace('-', '_')}" for r in rules.RULES}
    assert modules == listed
    assert len({r.code for r in rules.RULES}) == len(rules.RULES)
    assert [r.code for r in rules.RULES] == sorted(r.code for r in rules.RULES)


def test_names_are_unique_kebab_case_and_resolve_like_codes() -> None:
    for rule in rules.all_rules():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), rule.name
        assert rules.get(rule.name) is rule
        assert rules.get(rule.code.lower()) is rule
    assert len({r.name for r in rules.all_rules()}) == len(CATALOGUE) == 40


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
    fix_word = {"always": "always", "sometimes": "sometimes", "–": "never"}
    assert columns == [(c, n, s, fix_word[f]) for c, n, s, f in CATALOGUE]
    # Aligned columns: every name starts where the header's "name" does.
    name_column = lines[0].index("name")
    assert all(line[name_column - 2 : name_column] == "  " for line in lines[1:])
    assert lines[1] == (
        "PL101  heading-level-skip          error     never      " + rules.get("PL101").summary
    )


def test_markdown_table_rows() -> None:
    table = rules.markdown_table().splitlines()
    assert table[:2] == [
        "| Code | Name | Severity | Fix | What it checks |",
        "|---|---|---|---|---|",
    ]
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:-2]]
    assert [(c, n.strip("`"), s, f) for c, n, s, f, _ in rows] == CATALOGUE
    assert rows[0][4] == rules.get("PL101").summary
    assert table[-2:] == [
        "",
        "Fix: whether the problems come with a fix (always, sometimes, – never). Each fix "
        "is safe (applied by `paperlint fix`) or unsafe (`--unsafe-fixes`): the rule's Fix "
        "safety section tells which.",
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
