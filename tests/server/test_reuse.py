"""Section-local rules run again only where an edit was (``paperlint.server.reuse``): the
window an edit opens, what falls back to a whole check, and that findings kept from the
previous version are moved, lines and fix offsets, exactly where a full check puts them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from paperlint import rules
from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.problem import Problem, Violation
from paperlint.rules.base import Rule
from paperlint.server import reuse
from paperlint.server.linting import Configurations, Lint, changed_span, check_text
from paperlint.source import decode

ENTRY = """\
#### Paper {n}
\\[[paper](https://arxiv.org/abs/2404.0000{n})\\]
- `Keypoints:` a; b
- `Objective:`  two spaces before this value
"""
LIST = "# PaperList\n## 202404\n### LLM\n" + "".join(ENTRY.format(n=n) for n in range(1, 4))


def full_check(text: str) -> list[Problem]:
    return Checker().check_source(decode(text.encode("utf-8"), "list.md")).problems


def checked(text: str, previous: Lint | None = None) -> Lint:
    checker = Configurations().checker_in(str(Path(__file__).parent))
    if previous is not None:
        checker = previous.checker
    source, result = check_text(checker, "list.md", text, previous)
    return Lint(2 if previous else 1, source, result, checker, result)


def window_after(text: str, new: str) -> reuse.Window | None:
    old_lint = checked(text)
    new_lint = checked(new, old_lint)
    assert old_lint.own.document is not None and new_lint.own.document is not None
    span = changed_span(text, new)
    return reuse.window(old_lint.own.document, new_lint.own.document, span)


def test_typing_in_an_entry_opens_a_window_on_that_entry() -> None:
    at = LIST.index("two spaces", LIST.index("Paper 2"))
    where = window_after(LIST, LIST[:at] + "x" + LIST[at:])
    assert where == reuse.Window(first=8, old_last=11, lines=0, chars=1)  # Paper 2's lines


def test_a_new_line_moves_everything_after_the_window() -> None:
    at = LIST.index("- `Keypoints:`", LIST.index("Paper 2"))
    where = window_after(LIST, LIST[:at] + "- `Venue:` X\n" + LIST[at:])
    assert where == reuse.Window(first=8, old_last=11, lines=1, chars=len("- `Venue:` X\n"))
    assert where.last == 12


def test_an_entry_heading_removed_joins_its_lines_to_the_entry_before() -> None:
    where = window_after(LIST, LIST.replace("#### Paper 2", "Paper 2", 1))
    assert where == reuse.Window(first=4, old_last=11, lines=0, chars=-5)


@pytest.mark.parametrize(
    "edit",
    [
        ("## 202404", "## 202405"),  # a month renamed: every entry's month changes
        ("### LLM", "### Agents"),  # a category renamed
        ("#### Paper 2", "## 202403\n#### Paper 2"),  # a new month takes the entries after
        ("#### Paper 2", "#### Paper 2\n\n```"),  # a fence left open swallows what follows
    ],
)
def test_edits_that_change_what_stands_around_are_checked_whole(edit: tuple[str, str]) -> None:
    old, new = edit
    assert window_after(LIST, LIST.replace(old, new, 1)) is None


def test_a_window_not_bounded_by_atx_headings_is_checked_whole() -> None:
    setext = LIST.replace("#### Paper 3\n", "\nPaper 3\n-------\n")
    at = setext.index("two spaces", setext.index("Paper 2"))
    assert window_after(setext, setext[:at] + "x" + setext[at:]) is None


def test_kept_findings_move_with_their_fixes() -> None:
    """A line added in Paper 1 moves the PL401 of Papers 2 and 3 (kept from the previous
    version, not found again) one line down, their fix offsets with them."""
    first = checked(LIST)
    at = LIST.index("- `Keypoints:`")
    text = LIST[:at] + "- `Venue:` X\n" + LIST[at:]
    seen: list[tuple[str, int]] = []
    original = Checker.violations

    def spy(self: Checker, rule: Rule, document: Document) -> Iterable[Violation]:
        seen.append((rule.code, len(document.entries())))
        return original(self, rule, document)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Checker, "violations", spy)
        second = checked(text, first)
    assert ("PL401", 1) in seen  # Paper 1: the window, not all 3
    assert ("PL401", 3) not in seen
    assert second.result.problems == full_check(text)
    moved = [p for p in second.result.problems if p.code == "PL401"]
    assert [p.line for p in moved] == [8, 12, 16]
    for problem in moved:
        assert problem.fix is not None
        edit = problem.fix.edits[0]
        assert text[edit.start : edit.end] == "  "


def test_section_rules_name_no_line_numbers() -> None:
    """What keeps findings movable: no section rule's message names a line (a moved
    finding keeps its message). Their docs' examples are checked whole and in a window."""
    section = [r for r in rules.all_rules() if r.scope == "section"]
    assert {r.code for r in section} >= {"PL401", "PL402", "PL504"}
    for rule in section:
        failing, _ = rule.examples()
        assert failing is not None
        problems = [p for p in full_check(failing) if p.code == rule.code]
        assert problems, rule.code
        assert not any(re.search(r"\blines? \d", p.message) for p in problems), rule.code


def test_a_moved_finding_that_names_a_line_runs_its_rule_whole() -> None:
    """PL602 names the blank lines to delete: moved a line down, its message would be
    wrong, so the rule runs on the whole document and says the new lines."""
    text = LIST.replace("- `Keypoints:` a; b\n", "- `Keypoints:` a; b\n\n\n\n", 3)
    first = checked(text)
    before = [p for p in first.result.problems if p.code == "PL602"]
    assert [p.message for p in before][-1].endswith("(delete lines 22-23)")
    at = text.index("- `Keypoints:`")
    new = text[:at] + "- `Venue:` X\n" + text[at:]
    second = checked(new, first)
    assert second.result.problems == full_check(new)
    assert [p.message for p in second.result.problems if p.code == "PL602"][-1].endswith(
        "(delete lines 23-24)"
    )


def test_merge_keeps_before_moves_after_and_refuses_named_lines() -> None:
    where = reuse.Window(first=10, old_last=12, lines=2, chars=7)
    before = [Violation(3, 1, "a"), Violation(11, 1, "b"), Violation(20, 4, "c", end_line=21)]
    fresh = [Violation(13, 2, "d"), Violation(40, 1, "outside the window: dropped")]
    merged = reuse.merge(before, fresh, where)
    assert merged == [
        Violation(3, 1, "a"),
        Violation(13, 2, "d"),
        Violation(22, 4, "c", end_line=23),
    ]
    assert reuse.merge([Violation(20, 1, "see line 19")], [], where) is None
    assert reuse.merge([Violation(5, 1, "see line 4")], [], where) == [
        Violation(5, 1, "see line 4")
    ]


@pytest.mark.parametrize("ending", ["", "\n\n\n"])
def test_the_file_end_is_judged_in_the_last_section(ending: str) -> None:
    """PL604 (the file's end) is section-local: an edit elsewhere moves its finding, an
    edit in the last section finds it again."""
    text = LIST.rstrip("\n") + ending
    first = checked(text)
    at = LIST.index("- `Keypoints:`")
    for new in (text[:at] + "- `Venue:` X\n" + text[at:], text + "x"):
        second = checked(new, first)
        assert second.result.problems == full_check(new)
        assert [p.line for p in second.result.problems if p.code == "PL604"]
