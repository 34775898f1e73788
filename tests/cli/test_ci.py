"""The command line and CI formats as ruff and GitHub users expect them (issue 16), and
file names that are not UTF-8 in every machine-readable format (issue 12, item 12)."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from paperlint.checker import Checker
from paperlint.cli import cli, use_color
from paperlint.fix.run import _original_offset
from paperlint.problem import Problem, Severity
from paperlint.report import ReportOptions, formats
from paperlint.report.text import line
from paperlint.result import FileResult

SARIF_SCHEMA = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(
        "utf-8"
    )
)
# RFC 3986: a URI reference holds only these characters, and % only before two hex digits.
URI_RE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")

# PL401 (safe fix) on line 4, PL601 (safe fix) on line 5, PL404 (a warning, unsafe fix) on 6.
LIST = (
    "## 202404\n### LLM\n#### A Paper\n- `Keypoints:`a; b\n- `Objective:` c \n"
    "#### Another Paper\n- `Keypoints:` a; b, c\n- `Objective:` d\n"
)
WARNING_ONLY = "## 202404\n### LLM\n#### A Warned Paper\n- `Keypoints:` a; b, c\n- `Objective:` c\n"
CLEAN = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name in ("CLICOLOR_FORCE", "TERM", "PRE_COMMIT"):
        monkeypatch.delenv(name, raising=False)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def codes(output: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of each problem line of text output."""
    found = re.findall(r"^(\S+?):(\d+):\d+: (\w+) ", output, flags=re.M)
    return [(path, int(number), code) for path, number, code in found]


def sarif_valid(document: Any) -> None:
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    run = document["runs"][0]
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert URI_RE.fullmatch(uri), uri


# -- 1. the command line overrides the configuration file -----------------------------------


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".paperlint.toml").write_text('ignore = ["PL401"]\n', "utf-8")
    (tmp_path / "x.md").write_text(LIST, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_select_reports_a_code_the_config_ignores(configured: Path) -> None:
    assert [c for *_, c in codes(invoke("check", "x.md").stdout)] == ["PL601", "PL404"]
    result = invoke("check", "--select", "PL401", "x.md")
    assert (result.exit_code, codes(result.stdout)) == (1, [("x.md", 4, "PL401")])


def test_cli_extend_select_re_enables_and_cli_ignore_adds(configured: Path) -> None:
    extended = invoke("check", "--extend-select", "label-spacing", "x.md")
    assert [c for *_, c in codes(extended.stdout)] == ["PL401", "PL601", "PL404"]
    ignored = invoke("check", "--ignore", "PL6", "x.md")
    assert [c for *_, c in codes(ignored.stdout)] == ["PL404"]


# -- 2. exclude and per-file-ignores are relative to the configuration file -----------------


def test_exclude_and_per_file_ignores_mean_the_same_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".paperlint.toml").write_text(
        'exclude = ["lists/skip.md"]\n[per-file-ignores]\n"lists/x.md" = ["PL401"]\n', "utf-8"
    )
    (tmp_path / "lists").mkdir()
    for name in ("x.md", "skip.md", "y.md"):
        text = LIST.replace("Paper", f"Paper of {name}")  # no duplicates across files
        (tmp_path / "lists" / name).write_text(text, "utf-8")

    monkeypatch.chdir(tmp_path)
    from_root = invoke("check", "lists/x.md", "lists/skip.md", "lists/y.md").stdout
    monkeypatch.chdir(tmp_path / "lists")
    from_lists = invoke("check", "x.md", "skip.md", "y.md").stdout

    expected = [(4, "PL401"), (5, "PL601"), (7, "PL404")]
    assert codes(from_root) == [("lists/x.md", n, c) for n, c in expected[1:]] + [
        ("lists/y.md", n, c) for n, c in expected
    ]
    assert [(p.removeprefix("lists/"), n, c) for p, n, c in codes(from_root)] == codes(from_lists)


# -- 3. ordinary Markdown is not a paper list ------------------------------------------------

NOTES = "# Notes\n\n## 202404\n\nPlans for April. \n"
A_LIST = NOTES + "\n## 202403\n\n### LLM\n\n#### A Paper\n\n- `Keypoints:` a; b\n- `Objective:` c\n"


def test_a_file_without_entries_gets_no_list_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "NOTES.md").write_text(NOTES, "utf-8")
    (tmp_path / "list.md").write_text(A_LIST, "utf-8")
    result = invoke("check", "NOTES.md", "list.md")
    # The month heading without entries is PL105 in a list; in notes only whitespace counts.
    assert codes(result.stdout) == [
        ("NOTES.md", 5, "PL601"),
        ("list.md", 3, "PL105"),
        ("list.md", 5, "PL601"),
    ]
    checker = Checker()
    assert not checker.parse(checker.read("NOTES.md")).is_paper_list
    assert checker.parse(checker.read("list.md")).is_paper_list


def test_verbose_says_once_which_files_are_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "NOTES.md").write_text(NOTES, "utf-8")
    (tmp_path / "list.md").write_text(A_LIST, "utf-8")
    result = CliRunner().invoke(cli, ["check", "-v", "-q", "NOTES.md", "list.md"])
    assert result.stderr == (
        "paperlint: paper lists: list.md (1 entries)\n"
        "paperlint: not paper lists (no entries found): NOTES.md\n"
    )
    quiet = CliRunner().invoke(cli, ["check", "-q", "NOTES.md", "list.md"])
    assert quiet.stderr == ""


def test_generic_markdown_rules_still_apply_to_ordinary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "NOTES.md").write_text("# Notes\n\n### Deep\n\n#Glued\n", "utf-8")
    assert [c for *_, c in codes(invoke("check", "NOTES.md").stdout)] == ["PL101", "PL107"]


def test_init_infers_only_from_files_with_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperlint import init

    (tmp_path / "papers.md").write_text(
        "# PaperList\n\n## 202404\n\n### LLM\n\n#### A Paper\n\n- `Keypoints:` a\n"
        "- `Objective:` b\n\n#### Another\n\n- `Keypoints:` c\n- `Objective:` d\n",
        "utf-8",
    )
    # Notes whose headings the parser takes for five entries (one with a field): counted,
    # they would outvote the list's two and pin month = none, category = 1, entry = 2.
    (tmp_path / "CONTRIBUTING.md").write_text(
        "# Contributing\n\n## Setup\n\n- Install: `pip install x`\n\n## Style\n\n- Be kind\n\n"
        "## Tests\n\n- `Note:` run them\n\n## Review\n\n- wait\n\n## Release\n\n- tag\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    outcome = init.run(".", str(tmp_path), force=False)
    text = (tmp_path / ".paperlint.toml").read_text("utf-8")
    assert "month = 2\ncategory = 3\nentry = 4\n" in text, text
    assert outcome.files == ["./papers.md"] and outcome.problems == 0


# -- 4. SARIF --------------------------------------------------------------------------------


def test_sarif_uris_fingerprints_rules_and_invocation_validate_against_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / "lists").mkdir(parents=True)
    (work / "lists" / "seed list, v2 #1.md").write_text(LIST, "utf-8")
    (tmp_path / "outside.md").write_text(LIST, "utf-8")
    monkeypatch.chdir(work)

    result = invoke("check", "--format", "sarif", "lists", str(tmp_path / "outside.md"))

    assert result.exit_code == 1
    document = json.loads(result.stdout)
    sarif_valid(document)
    (run,) = document["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.as_uri() + "/"
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in run["results"]
    }
    assert {json.loads(x)["uri"] for x in locations} == {
        "lists/seed%20list%2C%20v2%20%231.md",
        (tmp_path / "outside.md").as_uri(),
    }
    for result_object in run["results"]:
        artifact = result_object["locations"][0]["physicalLocation"]["artifactLocation"]
        assert ("uriBaseId" in artifact) == (not artifact["uri"].startswith("file:"))
        assert set(result_object["partialFingerprints"]) == {"paperlint/v1"}
    for descriptor in run["tool"]["driver"]["rules"]:
        assert descriptor["fullDescription"]["text"]
        assert descriptor["helpUri"].startswith("https://")
    prints = [r["partialFingerprints"]["paperlint/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprints_survive_lines_moving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "x.md"

    def prints() -> list[str]:
        out = invoke("check", "--format", "sarif", "--select", "PL601,PL401", "x.md").stdout
        return [
            r["partialFingerprints"]["paperlint/v1"] for r in json.loads(out)["runs"][0]["results"]
        ]

    path.write_text(LIST, "utf-8")
    before = prints()
    path.write_text("# PaperList\n\n" + LIST, "utf-8")
    assert prints() == before and len(before) == 2


def test_sarif_for_a_failed_run_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not text")
    result = invoke("check", "--format", "sarif", "bad.md")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    sarif_valid(document)
    assert document["runs"][0]["invocations"] == [{"executionSuccessful": False, "exitCode": 2}]


# -- 5. a valid empty document when there is nothing to check --------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_nothing_to_check_is_a_valid_empty_document(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", fmt, ".")
    assert result.exit_code == 0
    assert result.stderr == "paperlint: no Markdown files found\n"
    if fmt == "json":
        assert result.stdout == "[]\n"
    elif fmt == "sarif":
        document = json.loads(result.stdout)
        sarif_valid(document)
        assert document["runs"][0]["results"] == []
    else:
        suite = ET.fromstring(result.stdout).find("testsuite")
        assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("0", "0")


# -- 6. GitHub Actions ---------------------------------------------------------------------


@pytest.fixture
def actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (tmp_path / "x.md").write_text(LIST, "utf-8")
    return tmp_path


def test_actions_environment_does_not_override_statistics_or_quiet(actions: Path) -> None:
    statistics = invoke("check", "--statistics", "x.md").stdout
    assert statistics.splitlines()[0] == "    1\tPL401\t[*] label-spacing"
    quiet = invoke("check", "-q", "x.md").stdout
    assert (
        quiet == "Found 3 problems (2 fixable with `paperlint fix`; 1 more fixable with "
        "`paperlint fix --unsafe-fixes`).\n"
    )


def test_annotations_end_with_a_total_and_write_the_step_summary(
    actions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = actions / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    lines = invoke("check", "x.md").stdout.splitlines()

    assert [x.split(" ", 1)[0] for x in lines[:-1]] == ["::error", "::error", "::warning"]
    assert lines[-1].startswith("Found 3 problems (2 fixable")
    assert summary.read_text("utf-8") == (
        "earlier step\n"
        "## paperlint\n\n"
        "Found 3 problems (2 fixable with `paperlint fix`; 1 more fixable with "
        "`paperlint fix --unsafe-fixes`). 1 file checked.\n\n"
        "| Rule | Name | Severity | Count | Fixable |\n"
        "|---|---|---|---:|---:|\n"
        "| PL401 | `label-spacing` | error | 1 | 1 |\n"
        "| PL404 | `keypoints-separator` | warning | 1 | 0 |\n"
        "| PL601 | `trailing-whitespace` | error | 1 | 1 |\n\n"
        "| File | Problems |\n"
        "|---|---:|\n"
        "| x.md | 3 |\n"
    )


# -- 7. severity visible; colour by the conventions ------------------------------------------


def test_text_marks_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.md").write_text(WARNING_ONLY, "utf-8")
    first = invoke("check", "w.md").stdout.splitlines()[0]
    assert first == (
        "w.md:4:20: PL404 [keypoints-separator] warning: Keypoints mix separators: "
        "`;` ×1 and `,` ×1; use `;` throughout, "
        "the separator this file's Keypoints use most (×1)"
    )


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # set but empty: no effect
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": ""}, False, False),
        ("auto", {"CLICOLOR_FORCE": "1"}, False, True),
        ("auto", {"CLICOLOR_FORCE": "0"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_conventions(
    monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout.isatty", lambda: tty)
    assert use_color(choice, "text") is expected
    assert use_color(choice, "json") is False


def test_color_option_and_no_color_alias(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text(LIST, "utf-8")
    assert "\x1b[" in invoke("check", "--color", "always", "x.md").stdout
    assert "\x1b[" not in invoke("check", "--color", "always", "--no-color", "x.md").stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in invoke("check", "x.md").stdout
    assert "\x1b[" not in invoke("check", "--color", "never", "x.md").stdout


# -- 8. paths spelt the same; one-line messages; --show-fixes in order -----------------------


def test_every_format_spells_the_path_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "x.md").write_text(LIST, "utf-8")
    args = ("check", "--select", "PL401", "./lists/x.md")
    text = invoke(*args).stdout
    assert text.startswith("lists/x.md:4:15: PL401 ")
    assert json.loads(invoke(*args, "--format", "json").stdout)[0]["path"] == "lists/x.md"
    sarif = json.loads(invoke(*args, "--format", "sarif").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "lists/x.md"
    assert invoke(*args, "--format", "github").stdout.startswith("::error file=lists/x.md,")
    junit = ET.fromstring(invoke(*args, "--format", "junit").stdout)
    case = junit.find("testsuite/testcase")
    assert case is not None and case.get("file") == case.get("name") == "lists/x.md"


def test_text_messages_stay_on_one_line() -> None:
    problem = Problem("a.md", 1, 1, "LAB001", "lab001", "value 'a\nb\r\nc' is not allowed")
    assert line(problem, ReportOptions()) == (
        "a.md:1:1: LAB001 [lab001] value 'a\\nb\\r\\nc' is not allowed"
    )


def test_show_fixes_in_line_order_with_original_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.md").write_text(
        "## 202404\n\n\n\n### LLM\n\n#### A Paper\n\n- **Keypoints:**a; b \n- `Objective:`c\n",
        "utf-8",
    )
    result = invoke("fix", "--show-fixes", "m.md")
    # PL401 on line 9 becomes applicable only once PL403 rewrote the label (a second pass,
    # in which PL602 had already removed two lines): it is still reported at 9:17.
    assert result.stdout.splitlines()[:6] == [
        "Fixed in m.md:",
        "  3:1: PL602 [blank-lines] delete 2 blank lines",
        "  9:3: PL403 [label-style] write the label as a code span",
        "  9:17: PL401 [label-spacing] separate the value from the label by one space",
        "  9:21: PL601 [trailing-whitespace] remove trailing whitespace",
        "  10:15: PL401 [label-spacing] separate the value from the label by one space",
    ]


def test_original_offset_walks_back_through_the_passes() -> None:
    # Pass 1 deleted text[2:5]; pass 2 replaced text[0:1] by three characters.
    history = [[(2, 5, 0)], [(0, 1, 3)]]
    # "abcdefgh" → "abfgh" → "XYZbfgh": X and Z were a, b was b, f was f, g was g.
    assert [_original_offset(o, history) for o in (0, 2, 3, 4, 5)] == [0, 0, 1, 5, 6]


def test_diff_header_of_an_absolute_path(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(LIST, "utf-8")
    out = invoke("check", "--diff", "--select", "PL601", str(path)).stdout
    label = str(path).lstrip("/")
    assert out.startswith(f"--- a/{label}\n+++ b/{label}\n@@ ")


# -- 9. JUnit --------------------------------------------------------------------------------


def test_junit_errors_warnings_time_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not text")
    (tmp_path / "warn.md").write_text(WARNING_ONLY, "utf-8")
    (tmp_path / "x.md").write_text(LIST, "utf-8")

    root = ET.fromstring(invoke("check", "--format", "junit", ".").stdout)

    suite = root.find("testsuite")
    assert suite is not None
    assert [suite.get(k) for k in ("tests", "failures", "errors")] == ["3", "1", "1"]
    assert float(suite.get("time", "x")) >= 0
    cases = {c.get("file"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["bad.md", "warn.md", "x.md"]
    assert all(float(c.get("time", "x")) >= 0 for c in cases.values())
    assert [e.get("type") for e in cases["bad.md"].findall("error")] == ["PL901"]
    assert cases["warn.md"].findall("failure") == []
    assert (cases["warn.md"].findtext("system-out") or "").startswith("warn.md:4:20: PL404 ")
    assert [f.get("type") for f in cases["x.md"].findall("failure")] == ["PL401", "PL601"]

    strict = ET.fromstring(invoke("check", "--strict", "--format", "junit", "warn.md").stdout)
    assert strict.get("failures") == "1"


# -- 10. commands and flags -----------------------------------------------------------------


@pytest.fixture
def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text(LIST, "utf-8")
    return tmp_path / "x.md"


def test_check_fix_applies_safe_fixes_and_reports_what_remains(listed: Path) -> None:
    result = invoke("check", "--fix", "x.md")
    assert result.exit_code == 0  # only the PL404 warning remains
    assert listed.read_text("utf-8") == LIST.replace(":`a", ":` a").replace(" c \n", " c\n")
    assert codes(result.stdout) == [("x.md", 7, "PL404")]
    assert result.stdout.endswith(
        "Fixed 2 problems, 1 remaining (1 fixable with `paperlint fix --unsafe-fixes`).\n"
    )


def test_check_unsafe_fixes_marks_and_applies_unsafe_fixes(listed: Path) -> None:
    shown = invoke("check", "--unsafe-fixes", "x.md").stdout
    assert "PL404 [keypoints-separator] [*] warning: " in shown
    assert shown.endswith("Found 3 problems (3 fixable with `paperlint fix`).\n")
    assert listed.read_text("utf-8") == LIST
    fixed = invoke("check", "--fix", "--unsafe-fixes", "x.md")
    assert (fixed.exit_code, fixed.stdout) == (0, "Fixed 3 problems, 0 remaining.\n")


def test_check_diff_writes_nothing(listed: Path) -> None:
    result = invoke("check", "--diff", "--select", "PL601", "x.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/x.md\n+++ b/x.md\n")
    assert listed.read_text("utf-8") == LIST


@pytest.mark.parametrize("command", [("fix",), ("check", "--fix")])
def test_exit_non_zero_on_fix(listed: Path, command: tuple[str, ...]) -> None:
    listed.write_text(CLEAN.replace("a; b\n", "a; b \n"), "utf-8")
    assert invoke(*command, "--exit-non-zero-on-fix", "x.md").exit_code == 1
    assert listed.read_text("utf-8") == CLEAN
    assert invoke(*command, "--exit-non-zero-on-fix", "x.md").exit_code == 0


def test_quiet_still_says_why_an_input_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--quiet", "nonexist.md")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[1] == "Found 1 problem."
    assert lines[0].startswith("nonexist.md:1:1: PL901 [file-unreadable] ")


@pytest.mark.parametrize(
    ("option", "suggestion"),
    [("label-spacng", "label-spacing"), ("PL4011", "PL401"), ("trailing-whitespac", None)],
)
def test_unknown_rule_gets_did_you_mean(listed: Path, option: str, suggestion: str | None) -> None:
    result = invoke("check", "--ignore", option, "x.md")
    assert result.exit_code == 2
    wanted = suggestion or "trailing-whitespace"
    assert f"unknown rule '{option}' (did you mean '{wanted}'?" in result.stderr


def test_rules_lists_a_family() -> None:
    out = invoke("rules", "PL4").stdout.splitlines()
    assert out[0].split() == ["code", "name", "severity", "fix", "checks"]
    assert [row.split()[0] for row in out[1:]] == ["PL401", "PL402", "PL403", "PL404"]


def test_rules_shows_a_code_a_user_schema_defines(tmp_path: Path) -> None:
    schema = json.loads(invoke("schema").stdout)
    schema["x-rule"] = {"required": "LAB001"}
    path = tmp_path / "lab.schema.json"
    path.write_text(json.dumps(schema), "utf-8")
    result = invoke("rules", "--schema", str(path), "LAB001")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"# LAB001\n\nDefined by the schema {path} (x-rule at /). Severity: error. Fix: none.\n"
    )
    listed = json.loads(invoke("rules", "--schema", str(path), "--format", "json").stdout)
    assert listed[-1]["code"] == "LAB001" and listed[-1]["origin"] == str(path)
    assert invoke("rules", "LAB001").exit_code == 2  # not without the schema


def test_rules_format_json() -> None:
    objects = json.loads(invoke("rules", "--format", "json").stdout)
    first = objects[0]
    assert list(first) == ["code", "name", "severity", "fix", "summary", "documentation"]
    assert (first["code"], first["name"]) == ("PL101", "heading-level-skip")
    assert {o["code"] for o in json.loads(invoke("rules", "--format", "json", "PL6").stdout)} == {
        "PL601",
        "PL602",
        "PL603",
        "PL604",
        "PL605",
    }


# -- 12. pre-commit users are told how to apply unsafe fixes ---------------------------------


def test_unsafe_hint_under_pre_commit(listed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT", "1")
    check = invoke("check", "--select", "PL404", "x.md").stdout
    assert check.endswith(
        "Found 1 problem (1 fixable with `--unsafe-fixes` (pre-commit: add "
        "`args: [--unsafe-fixes]` to the hook)).\n"
    )
    fixed = invoke("fix", "--select", "PL404", "x.md").stdout
    assert "add `args: [--unsafe-fixes]` to the hook" in fixed


# -- issue 12, item 12: file names that are not UTF-8 ----------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_a_file_name_that_is_not_utf8_gives_valid_output(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        with open(b"caf\xe9.md", "wb") as handle:
            handle.write(LIST.encode("utf-8"))
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    name = os.fsdecode(b"caf\xe9.md")
    checker = Checker()
    results: list[FileResult] = checker.run([name])
    output = formats()[fmt](results, ReportOptions(exit_code=1))
    data = output.encode("utf-8")  # no lone surrogate survives: this would raise
    assert data.decode("utf-8") == output
    if fmt == "json":
        assert json.loads(output)[0]["path"] == "caf\ufffd.md"
    elif fmt == "sarif":
        document = json.loads(output)
        sarif_valid(document)
        uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert uri["artifactLocation"]["uri"] == "caf%E9.md"
        assert urllib.parse.unquote_to_bytes(uri["artifactLocation"]["uri"]) == b"caf\xe9.md"
    elif fmt == "junit":
        assert ET.fromstring(data).find("testsuite/testcase").get("file") == "caf\ufffd.md"  # type: ignore[union-attr]
    else:
        assert "caf\ufffd.md" in output
    # The CLI prints it too (click writes text; a surrogate would make it fail).
    result = invoke("check", "--format", fmt, ".")
    expected = "caf%E9.md" if fmt == "sarif" else "caf\ufffd.md"
    assert result.exit_code == 1 and expected in result.stdout


def test_the_warning_mark_is_the_problem_severity() -> None:
    problem = Problem("a.md", 1, 1, "PL404", "keypoints-separator", "m", Severity.WARNING)
    assert line(problem, ReportOptions()) == "a.md:1:1: PL404 [keypoints-separator] warning: m"


def test_check_fix_in_actions_annotates_what_remains(
    actions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = actions / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = invoke("check", "--fix", "x.md")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [x.split(" ", 1)[0] for x in lines] == ["::warning", "Found"]
    assert result.stderr.startswith("Fixed 2 problems, 1 remaining")
    assert "| PL404 | `keypoints-separator` | warning | 1 | 0 |" in summary.read_text("utf-8")
