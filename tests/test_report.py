"""Output formats (README): golden files on the reference list, and each format's contract.

Regenerate the golden files after an intended change of wording with
``PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from helpers import FIXTURES, REFERENCE
from paperlint import __version__
from paperlint.checker import Checker
from paperlint.cli import cli
from paperlint.problem import Edit, Fix, Problem, Severity
from paperlint.report import FORMAT_NAMES, ReportOptions, formats, relative_path
from paperlint.report.github import command, escape_data, escape_property
from paperlint.result import FileResult
from paperlint.settings import Settings
from paperlint.source import decode

GOLDEN = FIXTURES / "report"
# The reference file's rules whose lines test_reference.py pins, and PL404 (warnings) and PL902.
SELECTION = ("PL3", "PL4", "PL6", "PL9")
REFERENCE_PATH = "corpus/reference/README.md__2024-06-04__4534197355.md"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def reference_results(monkeypatch: pytest.MonkeyPatch) -> list[FileResult]:
    monkeypatch.chdir(FIXTURES)  # paths relative and the same on every machine
    return Checker(Settings(select=SELECTION)).run([REFERENCE_PATH])


def stable(fmt: str, output: str) -> str:
    """The output with the one part that changes on every release (the version) fixed."""
    if fmt == "sarif":
        document = json.loads(output)
        document["runs"][0]["tool"]["driver"]["version"] = "VERSION"
        document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///ROOT/"
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "junit":
        return re.sub(r' time="[0-9.]+"', ' time="T"', output)
    return output


def test_every_format_has_a_renderer() -> None:
    assert tuple(formats()) == FORMAT_NAMES


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_golden_output_on_the_reference_file(fmt: str, reference_results: list[FileResult]) -> None:
    output = stable(fmt, formats()[fmt](reference_results, ReportOptions()))
    golden = GOLDEN / f"reference.{fmt}"
    if os.environ.get("PAPERLINT_UPDATE_GOLDEN"):
        golden.write_text(output, "utf-8")
    assert output == golden.read_text("utf-8")


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_cli_format_option_prints_the_renderer_output(
    fmt: str, reference_results: list[FileResult]
) -> None:
    select = ",".join(SELECTION)
    result = CliRunner().invoke(cli, ["check", "--select", select, "--format", fmt, REFERENCE_PATH])
    assert result.exit_code == 1
    # The CLI adds what only a run knows: its exit status (SARIF) and the time it took (JUnit).
    expected = formats()[fmt](reference_results, ReportOptions(exit_code=1))
    assert stable(fmt, result.stdout) == stable(fmt, expected)


# -- json ----------------------------------------------------------------------------------------


def test_json_objects_have_the_documented_keys(reference_results: list[FileResult]) -> None:
    objects = json.loads(formats()["json"](reference_results, ReportOptions()))
    assert len(objects) == 30
    assert all(
        list(o)
        == [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "name",
            "severity",
            "message",
            "fixable",
            "fix",
        ]
        for o in objects
    )
    assert all(
        list(o["fix"]) == ["description", "applicability", "safety", "edits"]
        for o in objects
        if o["fix"] is not None
    )
    final = next(o for o in objects if o["code"] == "PL604")
    assert final["path"] == REFERENCE_PATH
    assert (final["line"], final["column"], final["severity"]) == (120, 15, "error")
    assert final["fixable"] is True
    assert final["fix"]["applicability"] == final["fix"]["safety"] == "safe"
    assert final["fix"]["edits"] == [
        {
            "start": {"line": 120, "column": 15},
            "end": {"line": 120, "column": 15},
            "replacement": "\n",
        }
    ]
    warnings = {o["code"] for o in objects if o["severity"] == "warning"}
    assert warnings == {"PL404"}
    # An unsafe fix is still a fix: fixable, and its applicability says it needs --unsafe-fixes.
    unsafe = next(o for o in objects if o["code"] == "PL404")
    assert (unsafe["fixable"], unsafe["fix"]["applicability"]) == (True, "unsafe")


def test_json_without_problems_is_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text("# 202404\n\n## LLM\n\n### T\n\n- `Keypoints:` a\n- `Objective:` b\n")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert (result.exit_code, result.stdout) == (0, "[]\n")


# -- sarif ---------------------------------------------------------------------------------------


def test_sarif_is_structurally_valid(reference_results: list[FileResult]) -> None:
    document: dict[str, Any] = json.loads(formats()["sarif"](reference_results, ReportOptions()))
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("paperlint", __version__)
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({r["id"] for r in rules})
    for rule in rules:
        assert set(rule) >= {"id", "name", "shortDescription", "fullDescription", "help"}
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
        assert "## Fix safety" in rule["help"]["markdown"]
    assert len(run["results"]) == 30
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == REFERENCE_PATH
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert (levels["PL401"], levels["PL404"]) == ("error", "warning")


# The official SARIF 2.1.0 schema (OASIS), vendored: see tests/fixtures/sarif/SOURCE.txt.
SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"


def test_sarif_validates_against_the_official_schema(reference_results: list[FileResult]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    validator = jsonschema.Draft4Validator(schema)
    validator.check_schema(schema)
    for options in (ReportOptions(), ReportOptions(exit_code=1)):
        document = json.loads(formats()["sarif"](reference_results, options))
        assert list(validator.iter_errors(document)) == []
    # The schema is strict enough to catch what a renderer could get wrong.
    document["runs"][0]["results"][0]["level"] = "fatal"
    del document["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(document))) == 2


def test_sarif_describes_codes_only_a_user_schema_defines() -> None:
    problem = Problem("a.md", 3, 1, "MY001", "my001", "custom", Severity.ERROR)
    result = FileResult("a.md", [problem])
    document = json.loads(formats()["sarif"]([result], ReportOptions()))
    (rule,) = document["runs"][0]["tool"]["driver"]["rules"]
    assert (rule["id"], rule["defaultConfiguration"]["level"]) == ("MY001", "error")


def test_relative_path_uses_forward_slashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_path(str(tmp_path / "docs" / "list.md")) == "docs/list.md"
    assert relative_path("./list.md") == "list.md"
    outside = str(tmp_path.parent / "x.md")
    assert relative_path(outside) == outside.replace(os.sep, "/")


# -- github --------------------------------------------------------------------------------------


def test_github_actions_environment_chooses_annotations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(cli, ["check", "--select", "PL401,PL404", REFERENCE_PATH])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file={REFERENCE_PATH},line=12,col=15,endLine=12,endColumn=16,"
        "title=PL401 label-spacing::no space between `` `Objective:` `` and its value; "
        "put exactly one space"
    )
    kinds = sorted(line.split(" ", 1)[0] for line in lines[:-1])
    assert kinds == ["::error"] * 5 + ["::warning"] * 1
    # GitHub shows ten annotations of each kind: the total follows them.
    assert (
        lines[-1] == "Found 6 problems (5 fixable with `paperlint fix`; 1 more fixable with "
        "`paperlint fix --unsafe-fixes`)."
    )


def test_explicit_format_wins_over_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(
        cli, ["check", "--select", "PL604", "--format", "text", REFERENCE_PATH]
    )
    assert result.stdout.startswith(f"{REFERENCE_PATH}:120:15: PL604 [final-newline]")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100% done", "100%25 done", "100%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("%3A", "%253A", "%253A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_github_command_escapes_path_and_message() -> None:
    problem = Problem("dir,x/a:b.md", 2, 3, "PL601", "trailing-whitespace", "50%\nof it")
    assert command(problem) == (
        "::error file=dir%2Cx/a%3Ab.md,line=2,col=3,title=PL601 trailing-whitespace::50%25%0Aof it"
    )


# -- junit ---------------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_one_failure_per_problem(tmp_path: Path) -> None:
    clean = decode(b"# 202404\n\n## LLM\n\n#### T\n\n- `Keypoints:` a\n- `Objective:` b\n", "a.md")
    checker = Checker(Settings(select=SELECTION))
    results = [
        checker.check_source(clean),
        checker.check_source(decode(REFERENCE.read_bytes(), "b.md")),
    ]
    root = ET.fromstring(formats()["junit"](results, ReportOptions()))
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.md", "b.md"]
    assert cases[0].findall("failure") == []
    failures = cases[1].findall("failure")
    assert len(failures) == 29  # the 30th problem is a warning: it does not fail the file
    assert cases[1].findtext("system-out", "").startswith("b.md:78:37: PL404 ")
    assert (failures[0].get("type"), failures[0].get("message")) == (
        "PL602",
        "3:1: PL602 [blank-lines] 3 blank lines in a row; keep one (delete lines 3-4)",
    )
    assert all((f.text or "").startswith("b.md:") for f in failures)


def test_junit_drops_characters_xml_cannot_carry() -> None:
    problem = Problem("a.md", 1, 1, "PL603", "invisible-character", "bad \x0b char")
    output = formats()["junit"]([FileResult("a.md", [problem])], ReportOptions())
    failure = ET.fromstring(output).find("testsuite/testcase/failure")
    assert failure is not None and "bad \ufffd char" in (failure.text or "")


# -- text ----------------------------------------------------------------------------------------


def test_text_colour_only_when_asked() -> None:
    fix = Fix((Edit(0, 1, ""),))
    problem = Problem("a.md", 1, 1, "PL601", "trailing-whitespace", "m", Severity.ERROR, fix)
    results = [FileResult("a.md", [problem])]
    plain = formats()["text"](results, ReportOptions())
    coloured = formats()["text"](results, ReportOptions(color=True))
    assert "\x1b[" not in plain and "\x1b[31m" in coloured
    assert plain.splitlines()[0] == "a.md:1:1: PL601 [trailing-whitespace] [*] m"
