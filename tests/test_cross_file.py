"""The cross-file rule contract: a rule's ``summarize`` runs per file (in worker processes
with ``--jobs``), its ``finish`` once per run over every file's summary, and the findings
are filtered like any problem. A toy rule passed to ``Checker(settings, rules=...)`` shows it
without touching the registry."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from paperlint.checker import Checker
from paperlint.problem import FixAvailability, Severity, Violation
from paperlint.rules.base import Context, FileSummary, Rule
from paperlint.settings import Settings

# What ``finish`` was given, in the main process (``summarize`` may run in workers).
FINISHED: list[list[FileSummary]] = []


def summarize(ctx: Context) -> tuple[tuple[int, str], ...] | None:
    """The file's headings as (line, text); None for a file without any."""
    headings = tuple((h.line, h.text) for h in ctx.document.headings)
    return headings or None


def finish(files: Sequence[FileSummary]) -> Iterator[tuple[str, Violation]]:
    """Each heading some other file has too, named after the first such file."""
    FINISHED.append(list(files))
    for file in files:
        for line, text in file.summary:
            other = next(
                (o.path for o in files if o is not file and any(t == text for _, t in o.summary)),
                None,
            )
            if other is not None:
                yield file.path, Violation(line, 1, f"heading `{text}` is also in {other}")


SHARED = Rule(
    "PL990",
    "shared-heading",
    Severity.WARNING,
    FixAvailability.NEVER,
    "a heading another file has too",
    "A toy cross-file rule.",
    summarize=summarize,
    finish=finish,
)


@pytest.fixture(autouse=True)
def _forget() -> None:
    FINISHED.clear()


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, "utf-8")
    return str(path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_summaries_and_finish_of_a_rule_passed_in(tmp_path: Path, jobs: int) -> None:
    first = write(tmp_path, "a.md", "# Notes\n\ntext\n\n## Shared\n")
    second = write(tmp_path, "b.md", "plain text, no heading\n")
    third = write(tmp_path, "c.md", "# Other\n\n## Shared\n")
    results = Checker(Settings(select=()), rules=[SHARED]).run([first, second, third], jobs=jobs)
    assert [r.summaries for r in results] == [
        {"PL990": ((1, "Notes"), (5, "Shared"))},
        {},  # summarize said None: the file takes no part
        {"PL990": ((1, "Other"), (3, "Shared"))},
    ]
    assert [[f.path for f in files] for files in FINISHED] == [[first, third]]
    found = [
        (p.path, p.line, p.code, p.name, p.severity, p.message) for r in results for p in r.problems
    ]
    assert found == [
        (
            first,
            5,
            "PL990",
            "shared-heading",
            Severity.WARNING,
            f"heading `Shared` is also in {third}",
        ),
        (
            third,
            3,
            "PL990",
            "shared-heading",
            Severity.WARNING,
            f"heading `Shared` is also in {first}",
        ),
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cross_file_finding_without_an_end_gets_a_point(tmp_path: Path, jobs: int) -> None:
    """Every problem has an end (the editor and SARIF need a range); a cross-file rule that
    gives none gets its start, since only the summaries are left when ``finish`` runs."""
    first = write(tmp_path, "a.md", "# Notes\n\n## Shared  \n")
    second = write(tmp_path, "b.md", "# Other\n\n## Shared\n")
    results = Checker(Settings(select=()), rules=[SHARED]).run([first, second], jobs=jobs)
    ends = [(p.line, p.column, p.end_line, p.end_column) for r in results for p in r.problems]
    assert ends == [(3, 1, 3, 1), (3, 1, 3, 1)]


def test_summaries_pickle_with_the_result(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "# Notes\n")
    result = Checker(Settings(select=()), rules=[SHARED]).check_path(path).compact()
    assert pickle.loads(pickle.dumps(result)).summaries == {"PL990": ((1, "Notes"),)}


def test_suppression_comment_silences_a_cross_file_finding(tmp_path: Path) -> None:
    first = write(tmp_path, "a.md", "<!-- paperlint-disable-next-line PL990 -->\n# Shared\n")
    second = write(tmp_path, "b.md", "# Shared\n")
    results = Checker(Settings(select=()), rules=[SHARED]).run([first, second])
    assert [[(p.line, p.code) for p in r.problems] for r in results] == [[], [(1, "PL990")]]


def test_the_comment_it_used_is_not_reported_unused(tmp_path: Path) -> None:
    """PL902 is decided after ``finish``: a comment only a cross-file finding used is used."""
    first = write(tmp_path, "a.md", "<!-- paperlint-disable-next-line PL990 -->\n# Shared\n")
    second = write(tmp_path, "b.md", "# Shared\n")
    checker = Checker(Settings(select=("PL902",)), rules=[SHARED])
    results = checker.run([first, second])
    assert [[p.code for p in r.problems] for r in results] == [[], ["PL990"]]
    alone = checker.run([first])
    assert [p.code for p in alone[0].problems] == ["PL902"]


def test_without_the_rule_nothing_is_summarized(tmp_path: Path) -> None:
    first = write(tmp_path, "a.md", "# Shared\n")
    second = write(tmp_path, "b.md", "# Shared\n")
    results = Checker(Settings(select=()), rules=[]).run([first, second])
    assert [(r.summaries, r.problems) for r in results] == [({}, []), ({}, [])]
    assert FINISHED == []
