"""`paperlint export`, `paperlint schema` and `paperlint rules`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from helpers import REFERENCE
from paperlint.cli import cli
from paperlint.schema import builtin_text


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_export_json_is_the_validated_instance() -> None:
    result = invoke("export", str(REFERENCE))
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["path"] == str(REFERENCE)
    assert sum(len(c["entries"]) for c in document["months"][0]["categories"]) == 8
    from paperlint.schema import builtin

    errors = list(builtin().validator.iter_errors(document))
    assert [e.validator for e in errors] == ["const"]  # the unclosed details block (PL301)


def test_export_jsonl_has_one_entry_per_line_with_context() -> None:
    result = invoke("export", str(REFERENCE), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 8
    assert {(r["path"], r["month"]) for r in rows} == {(str(REFERENCE), "202404")}
    assert [r["category"] for r in rows] == ["LLM"] * 2 + ["Diffusion"] * 4 + ["Controllable"] * 2


def test_export_csv_has_a_column_per_field() -> None:
    result = invoke("export", str(REFERENCE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8
    assert rows[0]["title"] == "TransformerFAM: Feedback attention is working memory"
    assert rows[0]["Objective"].startswith("The paper aims to address")
    assert list(rows[0])[:7] == [
        "path",
        "month",
        "category",
        "title",
        "line",
        "Keypoints",
        "Objective",
    ]


def test_export_of_unreadable_file_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"\xff\xfe\x00x")
    result = invoke("export", str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"paperlint: {path}: ")


def test_export_stdin() -> None:
    result = invoke("export", "-", input="### T\n- `Keypoints:` a\n- `Objective:` b\n")
    assert json.loads(result.stdout)["months"][0]["categories"][0]["entries"][0]["title"] == "T"


def test_schema_prints_the_shipped_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == builtin_text()
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_file_matches_the_source_of_truth() -> None:
    top = Path(__file__).resolve().parents[2] / "schema" / "paperlist.schema.json"
    assert builtin_text() == top.read_text("utf-8")


def test_rules_table_and_one_rule() -> None:
    table = invoke("rules").stdout.splitlines()
    assert table[0].split() == ["code", "name", "severity", "fix", "checks"]
    assert any(line.startswith("PL201  required-field-missing") for line in table)
    doc = invoke("rules", "required-field-missing").stdout
    assert doc.startswith("# PL201 required-field-missing\n")
    assert "## Why is this bad?" in doc
    unknown = invoke("rules", "PL999")
    assert unknown.exit_code == 2
    assert "unknown rule 'PL999'" in unknown.stderr


def test_export_csv_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    """OWASP's CSV injection advice: a cell that a spreadsheet would run gets a leading '."""
    path = tmp_path / "list.md"
    path.write_text(
        '## 202404\n### @LLM\n#### =HYPERLINK("http://evil","A")\n'
        "- `Keypoints:` +cmd|' /C calc'!A0\n- `Objective:` -2+3\n- `Note:` a = b\n",
        "utf-8",
    )
    result = invoke("export", str(path), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][2:4] == ["'@LLM", '\'=HYPERLINK("http://evil","A")']
    assert rows[1][5:8] == ["'+cmd|' /C calc'!A0", "'-2+3", "a = b"]


def test_csv_cells_starting_with_tab_or_carriage_return_are_prefixed_too() -> None:
    from paperlint.export import render

    entry = {
        "month": "=1",
        "category": "\tx",
        "title": "\rx",
        "line": 3,
        "fields": {"=label": "@v", "ok": "x=1"},
        "tags": ["-t"],
        "arxiv": [],
        "links": [{"url": "+u"}],
    }
    document = {"path": "-p.md", "months": [{"categories": [{"entries": [entry]}]}]}
    assert render(document, "csv") == (
        "path,month,category,title,line,'=label,ok,tags,arxiv,links\n"
        "'-p.md,'=1,'\tx,'\rx,3,'@v,x=1,'-t,,'+u\n"
    )


def test_export_help_says_csv_cells_are_defused() -> None:
    assert "formula" in " ".join(invoke("export", "--help").stdout.split())
