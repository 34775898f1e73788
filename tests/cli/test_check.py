"""`paperlint check`: output lines, summary, exit codes, stdin, folders and bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import REFERENCE
from paperlint.cli import cli
from paperlint.report import relative_path

GOOD = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"
MISSING = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n"


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_clean_file_exits_0(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    code, out, err = run("check", str(tmp_path / "list.md"))
    assert (code, out, err) == (0, "All checks passed.\n", "")


def test_missing_objective_exits_1_with_located_line(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(MISSING, "utf-8")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert out == (
        f"{path}:3:1: PL201 [required-field-missing] required field `Objective` is missing; "
        "add a '- `Objective:` …' bullet\nFound 1 problem.\n"
    )


def test_stdin_with_stdin_filename() -> None:
    code, out, _ = run("check", "-", "--stdin-filename", "docs/list.md", input=MISSING)
    assert code == 1
    assert out.startswith("docs/list.md:3:1: PL201 ")


def test_output_is_sorted_by_file_then_line(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(MISSING, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(MISSING, "utf-8")
    (tmp_path / "notes.txt").write_text(MISSING, "utf-8")
    code, out, _ = run("check", str(tmp_path), "--select", "PL201")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        str(tmp_path / "b.md"),
        str(tmp_path / "sub" / "a.md"),
    ]
    assert out.splitlines()[-1] == "Found 2 problems."


def test_select_and_ignore_take_codes_names_and_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(MISSING, "utf-8")
    assert run("check", str(path), "--ignore", "PL2")[0] == 0
    assert run("check", str(path), "--ignore", "required-field-missing")[0] == 0
    assert run("check", str(path), "--select", "PL1,PL3")[0] == 0
    code, _, err = run("check", str(path), "--select", "PL999")
    assert code == 2
    assert err.startswith("paperlint: unknown rule 'PL999'")


def test_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(MISSING, "utf-8")
    assert run("check", str(path), "--exit-zero")[0] == 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"## caf\xe9\n",
            "not valid UTF-8 (byte 0xe9 at line 1, column 7); re-save the file as UTF-8",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "binary file (NUL byte at offset 8); expected UTF-8 Markdown",
        ),
        (
            "# hi\n".encode("utf-16"),
            "UTF-16 encoded; paperlint reads UTF-8 (re-save the file as UTF-8)",
        ),
    ],
    ids=["latin-1", "binary", "utf-16"],
)
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    code, out, err = run("check", str(path))
    assert code == 2
    assert out.splitlines()[0] == f"{path}:1:1: PL901 [file-unreadable] {reason}"
    assert "Traceback" not in out + err


def test_missing_file_and_folder_argument(tmp_path: Path) -> None:
    code, out, _ = run("check", str(tmp_path / "nope.md"))
    assert code == 2
    assert (
        out.splitlines()[0] == f"{tmp_path / 'nope.md'}:1:1: PL901 [file-unreadable] no such file"
    )


def test_empty_file_is_clean(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert run("check", str(tmp_path / "empty.md"))[0] == 0


def test_reference_file_reports_pl301() -> None:
    code, out, _ = run("check", str(REFERENCE), "--select", "PL301")
    assert code == 1
    shown = relative_path(str(REFERENCE))  # every format spells paths relative to the cwd
    assert out.splitlines()[0].startswith(f"{shown}:43:5: PL301 [details-unclosed] ")
    assert out.splitlines()[-1].startswith("Found 1 problem")


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "paperlint", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().startswith("paperlint ")


def test_version_and_help_do_not_import_the_parser_or_validator() -> None:
    code = (
        "import sys\n"
        "from paperlint.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='paperlint')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('markdown_it', 'jsonschema') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("[]")


def test_folders_leave_out_what_git_ignores(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("vendor/\nscratch.md\n", "utf-8")
    for name in ("list.md", "scratch.md", "vendor/pkg/README.md", "docs/more.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(MISSING, "utf-8")
    code, out, _ = run("check", str(tmp_path), "--select", "PL201")
    assert code == 1
    assert sorted(line.split(":")[0] for line in out.splitlines()[:-1]) == [
        str(tmp_path / "docs" / "more.md"),
        str(tmp_path / "list.md"),
    ]
    # A file named directly is checked even when Git ignores it; so is every file of a
    # folder named directly that Git ignores as a whole.
    assert run("check", str(tmp_path / "scratch.md"), "--select", "PL201")[0] == 1
    code, out, _ = run("check", str(tmp_path / "vendor"), "--select", "PL201")
    assert code == 1
    assert out.splitlines()[0].startswith(str(tmp_path / "vendor" / "pkg" / "README.md") + ":")
