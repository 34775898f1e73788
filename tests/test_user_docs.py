"""The docs/ pages are true: their examples run as shown, and docs/rules.md is generated.

Regenerate docs/rules.md after changing a rule (its docstring, summary, options, ...):
    PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_user_docs.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import lint
from paperlint import config, rules
from paperlint.cli import cli
from paperlint.report.base import INFORMATION_URI, rule_uri
from paperlint.slug import slug
from paperlint.suppress import directives

DOCS = Path(__file__).resolve().parents[1] / "docs"
UPDATE = os.environ.get("PAPERLINT_UPDATE_GOLDEN") == "1"


def blocks(page: str, language: str) -> list[str]:
    """The fenced code blocks of one language on a docs page, in order."""
    text = (DOCS / page).read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


# -- rules.md --------------------------------------------------------------------------------


def test_rules_page_is_generated_from_the_registry() -> None:
    path = DOCS / "rules.md"
    expected = rules.reference().encode("utf-8")  # bytes: examples hold CRLF and NBSP
    if UPDATE and (not path.exists() or path.read_bytes() != expected):
        path.write_bytes(expected)
    assert path.read_bytes() == expected, (
        "docs/rules.md is out of date; regenerate it with\n"
        "    PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_user_docs.py"
    )


def test_each_rules_link_points_at_its_section_of_the_rules_page() -> None:
    """SARIF's helpUri and the editor's codeDescription open the rule's own section: its
    anchor is GitHub's slug of the rule's heading on docs/rules.md."""
    page = (DOCS / "rules.md").read_text("utf-8")
    headings = re.findall(r"^## (PL\d+ [a-z-]+)$", page, re.MULTILINE)
    anchors = {slug(heading) for heading in headings}
    assert len(headings) == len(rules.all_rules())
    for rule in rules.all_rules():
        uri = rule_uri(rule.code, rule.name)
        assert uri.startswith(INFORMATION_URI + "/blob/main/docs/rules.md#")
        assert uri.split("#")[1] in anchors, rule.code


def test_rules_page_has_every_rule_with_its_sections_and_options() -> None:
    text = rules.reference()
    headings = [line for line in text.split("\n") if line.startswith("## PL")]
    assert headings == [f"## {r.code} {r.name}" for r in rules.all_rules()]
    pl507 = text.split("\n## PL507 ", 1)[1].split("\n## PL508 ", 1)[0]
    assert "\n### What it does\n" in pl507 and "\n### Options\n" in pl507
    assert "| `tolerance` | integer | `0` | months the arXiv id may differ" in pl507


def test_rules_command_shows_options_with_type_default_and_help() -> None:
    result = CliRunner().invoke(cli, ["rules", "PL507"])
    assert result.exit_code == 0
    options = result.stdout.split("\n## Options\n", 1)[1]
    assert options == (
        "\n"
        "| Option | Type | Default | Description |\n"
        "|---|---|---|---|\n"
        "| `tolerance` | integer | `0` | months the arXiv id may differ from the entry's month |\n"
        "\n"
        "Set them in the configuration, by code or name:\n"
        "```toml\n"
        "[rules.PL507]\n"
        "tolerance = 0\n"
        "```\n"
    )


def test_options_section_is_a_valid_configuration(tmp_path: Path) -> None:
    """The TOML that `paperlint rules CODE` shows for its options is accepted as written."""
    for rule in rules.all_rules():
        if not rule.options:
            assert "## Options" not in rules.documentation(rule), rule.code
            continue
        (block,) = re.findall(r"```toml\n(.*?)```", rules.options_section(rule), re.S)
        path = tmp_path / ".paperlint.toml"
        path.write_text(block, "utf-8")
        defaults = {name: option.default for name, option in rule.options.items()}
        assert config.load(str(path)).rule_options == {rule.code: defaults}


# -- model.md and format.md ------------------------------------------------------------------


def test_model_example_is_what_export_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (markdown,) = blocks("model.md", "markdown")
    shown, _schema = blocks("model.md", "json")
    (tmp_path / "README.md").write_text(markdown, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "README.md"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(shown)


def test_format_reference_layout_is_the_model_example_and_clean() -> None:
    (markdown,) = blocks("model.md", "markdown")
    assert blocks("format.md", "markdown")[0] == markdown
    assert lint(markdown) == []


def test_model_documents_every_key_of_the_document() -> None:
    text = (DOCS / "model.md").read_text("utf-8")
    document = json.loads(blocks("model.md", "json")[0])
    month = document["months"][0]
    category = month["categories"][0]
    entry = category["entries"][0]
    keys = {*document, *month, *category, *entry, *entry["details"][0], *entry["links"][0]}
    undocumented = [key for key in sorted(keys) if f"| `{key}` |" not in text]
    assert undocumented == []


def test_model_schema_example_reports_its_own_code(tmp_path: Path) -> None:
    _shown, schema = blocks("model.md", "json")
    (tmp_path / "arxiv.schema.json").write_text(schema, "utf-8")
    (tmp_path / "list.md").write_text(
        "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n", "utf-8"
    )
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--no-color",
            "--schema",
            str(tmp_path / "arxiv.schema.json"),
            str(tmp_path / "list.md"),
        ],
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'list.md'}:3:1: LAB001 [lab001] entry has no arXiv link "
        "(/months/0/categories/0/entries/0/arxiv)"
    )


# -- configuration.md ------------------------------------------------------------------------


def test_configuration_example_is_a_valid_config(tmp_path: Path) -> None:
    (block,) = blocks("configuration.md", "toml")
    path = tmp_path / ".paperlint.toml"
    path.write_text(block, "utf-8")
    settings = config.load(str(path))
    assert settings.select == ("PL",)
    assert settings.aliases == {"Main Idea": "Objective"}
    assert settings.rule_options == {"PL103": {"order": "desc"}, "PL507": {"tolerance": 1}}


@pytest.mark.parametrize("path", [DOCS / "configuration.md", DOCS.parent / "README.md"])
def test_option_tables_are_generated_from_the_registry(path: Path) -> None:
    """The rule-option tables of configuration.md and the README are the registry's."""
    start, end = "<!-- options:start -->\n", "<!-- options:end -->"
    text = path.read_text("utf-8")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    expected = before + start + rules.options_table() + end + after
    if UPDATE and text != expected:
        path.write_text(expected, "utf-8")
    assert text == expected, f"{path.name}: regenerate with PAPERLINT_UPDATE_GOLDEN=1"
    assert '| PL103 `months-out-of-order` | `order` | string: `"desc"`, `"asc"`' in text


def test_configuration_documents_every_key() -> None:
    text = (DOCS / "configuration.md").read_text("utf-8")
    keys = [
        *config.TOP_KEYS,
        *(f"layout.{key}" for key in config.LAYOUT_KEYS),
        *(f"fields.{key}" for key in config.FIELDS_KEYS),
    ]
    # A table (`fields`, `rules`) is documented by the rows of its keys.
    undocumented = [key for key in keys if f"| `{key}` |" not in text and f"| `{key}." not in text]
    assert undocumented == []


def test_configuration_shows_every_kind_of_suppression_comment() -> None:
    (block,) = blocks("configuration.md", "markdown")
    kinds = {d.kind for d in directives(block.split("\n"), set())}
    assert kinds == {"disable", "enable", "disable-next-line", "disable-file"}
