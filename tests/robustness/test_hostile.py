"""Hostile files through `check`, `export` and `fix` as real processes (issue 8, part 1).

Each case pins the exit code of every command, allows at most one ``paperlint:`` line on
stderr (a refused fix adds the document diff after its line), never a traceback, and uses
a timeout only as a hang guard: the measured times are in tests/robustness/README.md.
The regular expressions are audited in test_regex_growth.py.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers import REFERENCE

MB = 1024 * 1024
ENTRY = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"
EMOJI_AND_NBSP_HEADINGS = (
    "## 202404\n### 🚀🔥\n#### \u00a0\u00a0\n- `Keypoints:` a\n#### 😀\n####\u00a0\n"
)
PROSE = "The authors compare long-context methods on the same data and report every run. "


def _entry(body: str) -> bytes:
    """A valid entry, then ``body`` (ending in exactly one newline)."""
    return (ENTRY + body.rstrip("\n") + "\n").encode("utf-8")


def _five_mb_line() -> bytes:
    """One 5 MB field value: prose with a link and a code span about every kilobyte."""
    unit = PROSE * 12 + "see [paper](https://arxiv.org/abs/2404.07143) and `code`; "
    return _entry("- `Method:` " + (unit * (5 * MB // len(unit))).rstrip())


def _fifty_mb_file() -> bytes:
    """A clean list, then 10 MB of prose notes and a 40 MB fenced log dump (50 MB in all)."""
    notes = ((PROSE * 4).rstrip() + "\n\n") * (10 * MB // (len(PROSE) * 4 + 1))
    log = "2024-04-01 12:00:00 INFO step=1 loss=0.123 lr=3e-4 tokens=4096 plain log line\n"
    dump = "```text\n" + log * (40 * MB // len(log)) + "```\n"
    return _entry("\n" + notes + dump)


def _nested_lists() -> bytes:
    return _entry("\n".join("  " * depth + "- x" for depth in range(3000)))


def _backticks() -> bytes:
    runs = " ".join("`" * n for n in range(1, 245))  # every run length once: no span closes
    return _entry("`" * 30_000 + "\n- `Method:` " + "` " * 15_000 + "\n" + runs)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    exits: tuple[int, int, int]  # check, fix, export
    reason: str | None = None  # the one-line refusal of an unreadable file
    slow: bool = False


CASES = [
    Case(
        "binary data",
        lambda: bytes(range(256)) * 64,
        (2, 2, 2),
        "binary file (NUL byte at offset 0); expected UTF-8 Markdown",
    ),
    Case(
        "NUL byte in text",
        lambda: b"# A\n\x00\n",
        (2, 2, 2),
        "binary file (NUL byte at offset 4); expected UTF-8 Markdown",
    ),
    Case(
        "UTF-16 with BOM",
        lambda: codecs.BOM_UTF16_LE + ENTRY.encode("utf-16-le"),
        (2, 2, 2),
        "UTF-16 encoded; paperlint reads UTF-8 (re-save the file as UTF-8)",
    ),
    Case(
        "Latin-1",
        lambda: "## 202404\n### LLM\n#### Café\n".encode("latin-1"),
        (2, 2, 2),
        "not valid UTF-8 (byte 0xe9 at line 3, column 9); re-save the file as UTF-8",
    ),
    Case("UTF-8 with BOM", lambda: codecs.BOM_UTF8 + REFERENCE.read_bytes(), (1, 1, 0)),
    Case("CR-only line endings", lambda: REFERENCE.read_bytes().replace(b"\n", b"\r"), (1, 1, 0)),
    Case(
        "mixed CRLF/CR/LF, 30,000 lines",
        lambda: b"".join(
            b"- line\r\n" if i % 3 == 0 else b"- line\r" if i % 3 == 1 else b"- line\n"
            for i in range(30_000)
        ),
        (1, 0, 0),
    ),
    Case("empty file", lambda: b"", (0, 0, 0)),
    Case("5 MB line", _five_mb_line, (0, 0, 0)),
    Case("5 MB line of one letter", lambda: b"a" * (5 * MB), (1, 0, 0)),
    Case("1,000,000 blank lines", lambda: _entry("\n" * 1_000_000 + "- `Method:` m"), (1, 0, 0)),
    Case("3,000 nested lists (indented)", _nested_lists, (0, 0, 0), slow=True),
    Case("3,000 nested lists (one line)", lambda: _entry("- " * 3000 + "x"), (0, 0, 0)),
    Case("3,000 nested block quotes", lambda: _entry("> " * 3000 + "x"), (0, 0, 0)),
    Case(
        "20,000 unbalanced [",
        lambda: _entry("#### " + "[" * 20_000 + "\n- `Method:` " + "[" * 20_000),
        (1, 1, 0),
    ),
    Case(
        "20,000 unbalanced ](",
        lambda: _entry("#### t\n" + "](" * 20_000 + "\n- `Keypoints:` " + "[a](" * 20_000),
        (1, 1, 0),
    ),
    Case("30,000 backticks", _backticks, (0, 0, 0)),
    Case(
        "<details> in code fences and spans",
        lambda: _entry(
            "```\n<details>\n<summary>x</summary>\n```\n"
            "- `Method:` `<details>` and `</details>`\n    <details>\n"
        ),
        (1, 1, 0),
    ),
    Case(
        "unclosed <details> at end of file",
        lambda: _entry("-   <details>\n    <summary>Details</summary>\n\n    - `Method:` m"),
        (1, 1, 0),
    ),
    Case(
        "unclosed <!-- at end of file",
        lambda: _entry("<!-- paperlint-disable PL201\n- `Method:` m"),
        (0, 0, 0),
    ),
    # `####` + NBSP is a paragraph; PL603's fix (NBSP → space) makes it an empty heading,
    # a new entry. The fix declares a structure change, the guard finds every title and
    # field still there, and the file is fixed; problems remain (exit 1).
    Case(
        "headings of only emoji or NBSP",
        lambda: EMOJI_AND_NBSP_HEADINGS.encode(),
        (1, 1, 0),
    ),
    Case("50 MB file", _fifty_mb_file, (0, 0, 0), slow=True),
]


def _params() -> list[object]:
    marks = {True: [pytest.mark.slow], False: []}
    return [pytest.param(case, id=case.name, marks=marks[case.slow]) for case in CASES]


def _markdown_it_seconds(data: bytes) -> float | None:
    """How long markdown-it-py alone takes on the text: the yardstick for paperlint's time."""
    from markdown_it import MarkdownIt

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    start = time.perf_counter()
    MarkdownIt("commonmark").parse(text.replace("\r\n", "\n").replace("\r", "\n"))
    return time.perf_counter() - start


def _assert_clean_output(run: Any) -> None:
    assert "Traceback" not in run.stdout + run.stderr
    said = [line for line in run.stderr.splitlines() if line.startswith("paperlint:")]
    assert len(said) <= 1, run.stderr[:2000]
    if len(run.stderr.splitlines()) > 1:  # only a refused fix explains itself with a diff
        assert "not fixed: the fixes would change the document" in run.stderr.splitlines()[0]


@pytest.mark.parametrize("case", _params())
def test_hostile_file(
    case: Case,
    tmp_path: Path,
    paperlint: Callable[..., Any],
    record: Callable[..., None],
    table_wanted: bool,
) -> None:
    data = case.build()
    path = tmp_path / "hostile.md"
    path.write_bytes(data)
    hang_guard = 60 + 10 * len(data) / MB
    parse = _markdown_it_seconds(data) if table_wanted else None
    runs: dict[str, Any] = {}
    for command in ("check", "export", "fix"):
        run = paperlint(command, str(path), timeout=hang_guard)
        runs[command] = run
        record(case.name, len(data), command, run.code, run.seconds, parse)
        _assert_clean_output(run)
    assert (runs["check"].code, runs["fix"].code, runs["export"].code) == case.exits
    if runs["fix"].code == 2:
        assert path.read_bytes() == data  # refused or unreadable: not one byte written
    if case.reason is not None:
        problem = f"{path}:1:1: PL901 [file-unreadable] {case.reason}"
        assert runs["check"].stdout.splitlines()[0] == problem
        assert problem in runs["fix"].stdout.splitlines()
        assert runs["export"].stderr == f"paperlint: {path}: {case.reason}\n"
        assert runs["export"].stdout == ""
    assert not [p.name for p in tmp_path.iterdir() if p.name != path.name]  # no temp file


def test_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, paperlint: Callable[..., Any], record: Callable[..., None]
) -> None:
    """A sparse 201 MB file: refused from its size alone, in the time of a stat."""
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(201 * MB)
    for command in ("check", "fix"):
        run = paperlint(command, str(path), timeout=60)
        record("201 MB (sparse; over the 200 MB limit)", 201 * MB, command, run.code, run.seconds)
        assert run.code == 2
        assert run.stdout.splitlines()[0] == (
            f"{path}:1:1: PL901 [file-unreadable] file is 201 MB; paperlint reads at most 200 MB"
        )
    run = paperlint("export", str(path), timeout=60)
    record("201 MB (sparse; over the 200 MB limit)", 201 * MB, "export", run.code, run.seconds)
    assert (run.code, run.stderr) == (
        2,
        f"paperlint: {path}: file is 201 MB; paperlint reads at most 200 MB\n",
    )
