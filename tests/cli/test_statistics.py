"""`paperlint check --statistics` (a count per rule) and `--strict` (warnings fail)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import REFERENCE
from paperlint.cli import cli

# Only a warning: PL404 (mixed Keypoints separators), whose fix is unsafe.
WARNING_ONLY = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b, c\n- `Objective:` c\n"
WARNING_LINE = (
    "warn.md:4:20: PL404 [keypoints-separator] warning: Keypoints mix separators: "
    "`;` ×1 and `,` ×1; use `;` throughout, the separator this file's Keypoints use most (×1)"
)
WARNING_SUMMARY = "Found 1 problem (1 fixable with `paperlint fix --unsafe-fixes`)."
# Errors and warnings: PL401, PL601 ×2, PL201, PL404, and the same title as WARNING_ONLY.
MIXED = (
    "## 202404\n### LLM\n#### A Paper\n- `Keypoints:`  a; b \n- `Objective:` c\n"
    "#### Another Paper\n- `Keypoints:` x; y\n- `Objective:` z \n"
    "#### Third\n- `Keypoints:` a、b; c\n"
)
CLEAN = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-color", *args])
    return result.exit_code, result.stdout


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """warn.md, mixed.md and clean.md in the working folder, so paths print relative."""
    for name, text in (("warn.md", WARNING_ONLY), ("mixed.md", MIXED), ("clean.md", CLEAN)):
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_statistics_on_the_reference_file() -> None:
    """Counts descending, ties by code; `[*]` marks rules with safe fixes (not PL301, PL404)."""
    code, out = run("--statistics", str(REFERENCE))
    assert code == 1
    assert out == (
        "   12\tPL601\t[*] trailing-whitespace\n"
        "    5\tPL401\t[*] label-spacing\n"
        "    3\tPL602\t[*] blank-lines\n"
        "    3\tPL603\t[*] invisible-character\n"
        "    2\tPL304\t[*] details-close-indent\n"
        "    2\tPL402\t[*] label-colon\n"
        "    1\tPL301\tdetails-unclosed\n"
        "    1\tPL404\tkeypoints-separator\n"
        "    1\tPL604\t[*] final-newline\n"
        "Found 30 problems (28 fixable with `paperlint fix`; "
        "2 more fixable with `paperlint fix --unsafe-fixes`).\n"
    )


def test_statistics_add_up_over_files_including_cross_file_duplicates(lists: Path) -> None:
    code, out = run("--statistics", "mixed.md", "warn.md")
    assert code == 1
    assert out == (
        "    2\tPL404\tkeypoints-separator\n"
        "    2\tPL508\tduplicate-paper\n"
        "    2\tPL601\t[*] trailing-whitespace\n"
        "    1\tPL201\trequired-field-missing\n"
        "    1\tPL401\t[*] label-spacing\n"
        "Found 8 problems (3 fixable with `paperlint fix`; "
        "2 more fixable with `paperlint fix --unsafe-fixes`).\n"
    )


def test_statistics_respect_the_selection(lists: Path) -> None:
    code, out = run("--statistics", "--select", "PL6,PL201", "mixed.md")
    assert (code, out) == (
        1,
        "    2\tPL601\t[*] trailing-whitespace\n"
        "    1\tPL201\trequired-field-missing\n"
        "Found 3 problems (2 fixable with `paperlint fix`).\n",
    )


def test_statistics_of_a_clean_file(lists: Path) -> None:
    assert run("--statistics", "clean.md") == (0, "All checks passed.\n")


@pytest.mark.parametrize(
    ("options", "exit_code"),
    [((), 0), (("--strict",), 1), (("--strict", "--exit-zero"), 0)],
)
def test_a_file_with_only_warnings_fails_only_under_strict(
    lists: Path, options: tuple[str, ...], exit_code: int
) -> None:
    code, out = run(*options, "warn.md")
    assert (code, out) == (exit_code, f"{WARNING_LINE}\n{WARNING_SUMMARY}\n")


@pytest.mark.parametrize(("options", "exit_code"), [((), 0), (("--strict",), 1)])
def test_strict_with_statistics(lists: Path, options: tuple[str, ...], exit_code: int) -> None:
    code, out = run("--statistics", *options, "warn.md")
    assert (code, out) == (exit_code, f"    1\tPL404\tkeypoints-separator\n{WARNING_SUMMARY}\n")


@pytest.mark.parametrize("options", [(), ("--strict",)])
def test_errors_fail_and_clean_files_pass_with_or_without_strict(
    lists: Path, options: tuple[str, ...]
) -> None:
    assert run(*options, "--select", "PL201", "mixed.md")[0] == 1
    assert run(*options, "clean.md") == (0, "All checks passed.\n")


def test_ignoring_the_warning_makes_strict_pass(lists: Path) -> None:
    assert run("--strict", "--ignore", "keypoints-separator", "warn.md") == (
        0,
        "All checks passed.\n",
    )


@pytest.mark.parametrize(("options", "exit_code"), [((), 0), (("--strict",), 1)])
def test_fix_strict_fails_on_a_remaining_warning(
    lists: Path, options: tuple[str, ...], exit_code: int
) -> None:
    """Without --unsafe-fixes the PL404 fix is not applied, so the warning remains."""
    result = CliRunner().invoke(cli, ["fix", *options, "warn.md"])
    assert result.exit_code == exit_code
    assert (lists / "warn.md").read_text("utf-8") == WARNING_ONLY
    assert WARNING_LINE in result.stdout
