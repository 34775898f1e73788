"""A bug inside paperlint is one line and a request to report it (issue 8, part 5).

The parser, a rule, the fix guard or a report is made to raise; every command then prints
``paperlint: internal error while checking FILE: Type: message`` (without a file when no
single file was being handled) and the request to report it, exits 2, prints no
traceback, and `fix` leaves every file it did not finish byte-identical. With
``--jobs 2`` the error happens in a worker process and must come back as the same line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import paperlint.checker
import paperlint.cli
import paperlint.fix.run
import paperlint.report
import paperlint.rules
from paperlint.checker import Checker
from paperlint.cli import REPORT_URL, cli
from paperlint.rules.base import Context

REQUEST = f"This is a bug in paperlint; please report it at {REPORT_URL}"
BROKEN = b"## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b  \n- `Objective:` c\n"
FIXED = b"## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


class Boom(RuntimeError):
    pass


class TwoArguments(Exception):
    """An exception that pickle cannot rebuild: its __init__ wants two arguments."""

    def __init__(self, what: str, where: int) -> None:
        super().__init__(f"{what} at {where}")


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def internal(path: Path | str, error: str) -> list[str]:
    return [f"paperlint: internal error while checking {path}: {error}", REQUEST]


def failing_rule(monkeypatch: pytest.MonkeyPatch, error: BaseException, after: int = 0) -> None:
    """Give the CLI's checker a PL601 whose check raises ``error`` from its ``after``-th
    call on (the other rules as registered)."""
    calls = [0]
    real = paperlint.rules.get("PL601")
    assert real.check is not None
    check = real.check

    def broken(ctx: Context) -> Iterator[Any]:
        calls[0] += 1
        if calls[0] > after:
            raise error
        return check(ctx)

    patched = dataclasses.replace(real, check=broken)
    chosen = [patched if rule.code == "PL601" else rule for rule in paperlint.rules.all_rules()]
    build = paperlint.cli.build_checker

    def build_checker(*args: Any) -> Checker:
        return Checker(build(*args).settings, rules=chosen)

    monkeypatch.setattr(paperlint.cli, "build_checker", build_checker)


@pytest.fixture
def lists(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / f"{name}.md" for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(BROKEN)
    return paths


@pytest.mark.parametrize("command", ["check", "fix", "export"])
def test_parser_error(lists: list[Path], monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    def parse(*args: Any, **kwargs: Any) -> Any:
        raise Boom("the parser fell over")

    monkeypatch.setattr(paperlint.checker, "parse", parse)
    result = invoke(command, str(lists[0]))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(lists[0], "Boom: the parser fell over")
    assert result.stdout == ""
    assert lists[0].read_bytes() == BROKEN


@pytest.mark.parametrize("command", ["check", "fix"])
def test_rule_error(lists: list[Path], monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    failing_rule(monkeypatch, KeyError("line"))
    result = invoke(command, str(lists[0]))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(lists[0], "KeyError: 'line'")
    assert lists[0].read_bytes() == BROKEN


def test_export_does_not_run_rules(lists: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    failing_rule(monkeypatch, KeyError("line"))
    assert invoke("export", str(lists[0])).exit_code == 0


def test_rule_error_in_a_later_fix_pass_writes_nothing(
    lists: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass fixed the text in memory; the re-check raises; the file stays."""
    failing_rule(monkeypatch, Boom("second pass"), after=1)
    result = invoke("fix", str(lists[0]))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(lists[0], "Boom: second pass")
    assert lists[0].read_bytes() == BROKEN
    assert sorted(p.name for p in lists[0].parent.iterdir()) == ["a.md", "b.md", "c.md"]


def test_guard_error_writes_nothing(lists: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the nothing-is-lost guard is reported against the file being fixed."""

    def lost_content(*args: Any) -> Any:
        raise ValueError("zip() argument 2 is shorter than argument 1")

    monkeypatch.setattr(paperlint.fix.run, "lost_content", lost_content)
    result = invoke("fix", str(lists[0]))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(
        lists[0], "ValueError: zip() argument 2 is shorter than argument 1"
    )
    assert lists[0].read_bytes() == BROKEN


def test_fix_stops_at_the_failing_file_and_leaves_the_rest_whole(
    lists: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """a.md is fixed and written whole; b.md raises; c.md is never touched."""
    real = paperlint.fix.run.fix_source

    def fix_source(checker: Any, source: Any, **kwargs: Any) -> Any:
        if source.path.endswith("b.md"):
            raise Boom("b only")
        return real(checker, source, **kwargs)

    monkeypatch.setattr(paperlint.fix.run, "fix_source", fix_source)
    result = invoke("fix", *map(str, lists))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(lists[1], "Boom: b only")
    assert [p.read_bytes() for p in lists] == [FIXED, BROKEN, BROKEN]


def test_long_multi_line_message_is_cut_to_one_line(
    lists: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_rule(monkeypatch, Boom("first\nsecond\n" + "x" * 1000))
    lines = invoke("check", str(lists[0])).stderr.splitlines()
    assert lines[1:] == [REQUEST]
    assert lines[0].startswith(
        f"paperlint: internal error while checking {lists[0]}: Boom: first second xxx"
    )
    assert lines[0].endswith("x…")
    assert len(lines[0].split(": ", 2)[2]) == 300  # "Boom: first second xx…x…"


def test_error_outside_any_file(lists: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A report that raises: no file to name, still one line and exit 2."""

    def formats() -> dict[str, Any]:
        def render(*args: Any) -> str:
            raise Boom("the report fell over")

        return {"text": render}

    monkeypatch.setattr(paperlint.report, "formats", formats)
    result = invoke("check", str(lists[0]))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "paperlint: internal error: Boom: the report fell over",
        REQUEST,
    ]


# -- worker processes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (KeyError("line"), "KeyError: 'line'"),
        (Boom("in a worker"), "Boom: in a worker"),
        (TwoArguments("cannot pickle me", 3), "TwoArguments: cannot pickle me at 3"),
    ],
    ids=["builtin", "own-class", "unpicklable"],
)
def test_rule_error_in_a_worker_process(
    lists: list[Path], monkeypatch: pytest.MonkeyPatch, error: BaseException, shown: str
) -> None:
    """Workers are forked after the patch, so they raise too; the first file is named."""
    failing_rule(monkeypatch, error)
    result = invoke("check", "--jobs", "2", *map(str, lists))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == internal(lists[0], shown)
    assert result.stdout == ""
