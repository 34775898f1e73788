"""Suppression comments (docs/configuration.md) and PL902 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from growth import RULE_FLOOR, RULE_MAX_LENGTH, cpu_alarm, growth, needs_cpu_alarm
from helpers import REFERENCE, lint, parse_text, splice
from paperlint import rules
from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.problem import Problem, Violation
from paperlint.rules.base import FileSummary
from paperlint.settings import Settings
from paperlint.suppress import scan

HEAD = "# 202404\n\n## LLM\n\n#### A Paper\n\n"
# Line 7 and line 8 each have a PL401 problem (two spaces after the label).
BODY = "- `Keypoints:`  a; b\n- `Objective:`  To test.\n"


def found(text: str, *codes: str) -> list[tuple[str, int, int]]:
    problems = lint(text, select=codes or None)
    return [(p.code, p.line, p.column) for p in problems]


def apply(text: str, problem: Problem) -> str:
    assert problem.fix is not None
    return splice(text, problem.fix.edits)


def test_without_comments_both_lines_are_reported() -> None:
    assert found(HEAD + BODY, "PL401", "PL902") == [("PL401", 7, 15), ("PL401", 8, 15)]


def test_disable_next_line_silences_that_line_only() -> None:
    text = HEAD + "<!-- paperlint-disable-next-line PL401 -->\n" + BODY
    assert found(text, "PL401", "PL902") == [("PL401", 9, 15)]


def test_unused_disable_next_line_is_pl902_and_its_fix_deletes_the_line() -> None:
    text = HEAD + BODY + "<!-- paperlint-disable-next-line PL401 -->\n- `Method:` fine.\n"
    problems = lint(text, select=("PL401", "PL902"))
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("PL401", 7, 15),
        ("PL401", 8, 15),
        ("PL902", 9, 1),
    ]
    unused = problems[-1]
    assert unused.message == (
        "`<!-- paperlint-disable-next-line PL401 -->` suppresses nothing on line 10; remove it"
    )
    assert (unused.end_line, unused.end_column) == (9, 43)
    assert unused.fix is not None and unused.fix.safe
    assert apply(text, unused) == HEAD + BODY + "- `Method:` fine.\n"


@pytest.mark.parametrize(
    "codes",
    ["PL401", "label-spacing", "PL4", "PL601, PL401", "PL601 label-spacing", "PL601,PL401", ""],
)
def test_codes_names_prefixes_and_none_for_all(codes: str) -> None:
    comment = f"<!-- paperlint-disable-next-line {codes} -->\n".replace("  ", " ")
    assert found(HEAD + comment + BODY, "PL401") == [("PL401", 9, 15)]


def test_disable_enable_range() -> None:
    text = HEAD + "<!-- paperlint-disable PL401 -->\n" + BODY + "<!-- paperlint-enable -->\n"
    text += "- `Method:`  after.\n"
    assert found(text, "PL401", "PL902") == [("PL401", 11, 12)]


def test_unclosed_disable_runs_to_the_end_of_the_file() -> None:
    text = "<!-- paperlint-disable label-spacing -->\n" + HEAD + BODY
    assert found(text, "PL401", "PL902") == []


def test_enable_one_code_inside_disable_all() -> None:
    text = (
        HEAD
        + "<!-- paperlint-disable -->\n"
        + "- `Keypoints:`  a; b \n"  # PL401 and PL601: both silenced
        + "<!-- paperlint-enable PL401 -->\n"
        + "- `Objective:`  To test. \n"  # PL401 reported again, PL601 still silenced
    )
    assert found(text, "PL401", "PL601", "PL902") == [("PL401", 10, 15)]


def test_enable_of_other_codes_keeps_the_range_open() -> None:
    text = (
        HEAD
        + "<!-- paperlint-disable PL401 PL601 -->\n"
        + "- `Keypoints:`  a; b \n"
        + "<!-- paperlint-enable PL601 -->\n"
        + "- `Objective:`  To test. \n"
    )
    assert found(text, "PL401", "PL601") == [("PL601", 10, 25)]


def test_disable_file_anywhere_in_the_file() -> None:
    text = HEAD + BODY + "\n<!-- paperlint-disable-file PL401 -->\n"
    assert found(text, "PL401", "PL902") == []


def test_comments_inside_code_are_not_directives() -> None:
    text = (
        HEAD
        + "`<!-- paperlint-disable-file -->`\n\n"
        + "```markdown\n<!-- paperlint-disable-file -->\n```\n\n"
        + BODY
    )
    assert found(text, "PL401", "PL902") == [("PL401", 13, 15), ("PL401", 14, 15)]


def test_partly_used_comment_reports_the_unused_code_and_its_fix_keeps_the_rest() -> None:
    text = HEAD + "<!-- paperlint-disable-next-line PL401, PL601 -->\n" + BODY
    problems = lint(text, select=("PL401", "PL601", "PL902"))
    assert [(p.code, p.line, p.column) for p in problems] == [("PL902", 7, 1), ("PL401", 9, 15)]
    unused = problems[0]
    assert unused.message == (
        "PL601 in `paperlint-disable-next-line` suppresses nothing on line 8; "
        "remove it from the comment"
    )
    assert apply(text, unused) == HEAD + "<!-- paperlint-disable-next-line PL401 -->\n" + BODY


def test_trailing_comment_fix_removes_only_the_comment() -> None:
    text = HEAD + "- `Keypoints:` a; b <!-- paperlint-disable-next-line PL401 -->\n"
    text += "- `Objective:` fine.\n"
    (unused,) = lint(text, select=("PL401", "PL902"))
    assert (unused.code, unused.line, unused.column) == ("PL902", 7, 21)
    assert apply(text, unused) == HEAD + "- `Keypoints:` a; b\n- `Objective:` fine.\n"


def test_last_line_comment_fix_takes_the_newline_before_it() -> None:
    text = HEAD + "- `Keypoints:` a; b\n- `Objective:` fine.\n<!-- paperlint-disable PL4 -->"
    (unused,) = lint(text, select=("PL401", "PL902"))
    assert apply(text, unused) == HEAD + "- `Keypoints:` a; b\n- `Objective:` fine."


def test_enable_without_a_disable_is_unused() -> None:
    text = HEAD + BODY + "<!-- paperlint-enable PL401 -->\n"
    problems = lint(text, select=("PL902",))
    assert [(p.line, p.message) for p in problems] == [
        (
            9,
            "`<!-- paperlint-enable PL401 -->` closes no `paperlint-disable` comment above it; "
            "remove it",
        )
    ]


def test_codes_of_rules_not_run_are_not_reported() -> None:
    text = HEAD + "<!-- paperlint-disable-next-line PL401 -->\n" + BODY
    assert found(text, "PL902") == []


def test_unknown_code_is_reported_as_such() -> None:
    text = HEAD + "<!-- paperlint-disable-next-line lable-spacing -->\n" + BODY
    problems = lint(text, select=("PL401", "PL902"))
    assert [(p.code, p.line) for p in problems] == [("PL902", 7), ("PL401", 8), ("PL401", 9)]
    assert problems[0].message.startswith("`<!-- paperlint-disable-next-line lable-spacing -->`")


def test_pl902_itself_can_be_suppressed() -> None:
    text = (
        "<!-- paperlint-disable-file unused-suppression -->\n"
        + HEAD
        + "<!-- paperlint-disable-next-line PL401 -->\n"
        + "- `Keypoints:` a; b\n- `Objective:` fine.\n"
    )
    assert found(text, "PL401", "PL902") == []


def test_per_file_ignores_apply_first_so_a_comment_they_make_redundant_is_unused() -> None:
    text = HEAD + "<!-- paperlint-disable-next-line PL401 -->\n" + BODY
    settings = Settings(select=("PL401", "PL902"), per_file_ignores={"*.md": ("PL401",)})
    assert [(p.code, p.line) for p in lint(text, settings=settings)] == [("PL902", 7)]


def test_covers_for_the_fix_engine() -> None:
    text = (
        "<!-- paperlint-disable-file PL603 -->\n"
        + HEAD
        + "<!-- paperlint-disable-next-line PL401 -->\n"
        + BODY
        + "<!-- paperlint-disable PL601 -->\nx\n<!-- paperlint-enable PL601 -->\ny\n"
    )
    suppressions = scan(parse_text(text))
    assert suppressions.covers("PL401", 9)
    assert not suppressions.covers("PL401", 10)
    assert not suppressions.covers("PL601", 9)
    assert suppressions.covers("PL603", 1) and suppressions.covers("PL603", 15)
    assert [line for line in range(1, 16) if suppressions.covers("PL601", line)] == [11, 12]
    # covers() keeps no account: the comments still count as unused afterwards.
    assert not any(d.used for d in suppressions.directives)


def test_reference_file_disable_file_and_range() -> None:
    text = REFERENCE.read_text("utf-8")
    plain = lint(text)
    assert sum(p.code == "PL601" for p in plain) == 12
    lines = text.split("\n")
    # PL401 at line 12 and PL601 at lines 16 and 21: wrap lines 12-22 in a disable/enable pair.
    lines = [
        "<!-- paperlint-disable-file PL603 -->",
        *lines[:11],
        "<!-- paperlint-disable PL401 PL601 -->",
        *lines[11:22],
        "<!-- paperlint-enable -->",
        *lines[22:],
    ]
    problems = lint("\n".join(lines))

    def shifted(p: Problem) -> tuple[str, int]:
        return (p.code, p.line + 1 + (p.line >= 12) + (p.line >= 23))

    expected = {
        shifted(p)
        for p in plain
        if not (p.code == "PL603" or (p.code in ("PL401", "PL601") and 12 <= p.line <= 22))
    }
    assert {(p.code, p.line) for p in problems} == expected
    assert ("PL401", 12) in {(p.code, p.line) for p in plain}  # the range did silence something


@needs_cpu_alarm
def test_hostile_line_scans_in_linear_time() -> None:
    documents: dict[str, Document] = {}

    def build(n: int) -> str:
        text = HEAD + "<!-- paperlint-disable " * (30 * n) + "\n" + BODY
        if text not in documents:
            documents[text] = parse_text(text)
        return text

    with cpu_alarm():
        assert (
            growth(
                lambda text: scan(documents[text]),
                build,
                floor=RULE_FLOOR,
                max_length=RULE_MAX_LENGTH,
            )
            is None
        )


def test_cross_file_problems_are_suppressed_and_use_their_comment(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(HEAD + "<!-- paperlint-disable-next-line PL601 -->\n" + BODY, "utf-8")

    def finish(files: Sequence[FileSummary]) -> Iterator[tuple[str, Violation]]:
        yield files[0].path, Violation(8, 1, "a stand-in cross-file problem")

    settings = Settings(select=("PL601", "PL902"))
    alone = Checker(settings, rules=[]).run([str(path)])
    assert [(p.code, p.line) for p in alone[0].problems] == [("PL902", 7)]
    stand_in = replace(rules.get("PL601"), check=None, summarize=lambda ctx: 1, finish=finish)
    (result,) = Checker(settings, rules=[stand_in]).run([str(path)])
    assert result.problems == []
