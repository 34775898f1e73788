"""Rules of scope "document" that declare what they read (``Rule.reads``) keep their
findings after an edit that leaves that unchanged, and run whole otherwise: after every
kind of edit, the server's re-check finds exactly what a full check of the text finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint import rules
from paperlint.checker import Checker
from paperlint.problem import Problem
from paperlint.rules.base import Rule
from paperlint.server.linting import Configurations, Lint, ServerChecker, check_text
from paperlint.source import decode

# A list with a finding of every rule that keeps its findings: a ToC with an unresolved
# anchor (PL501) and a missing entry (PL502), a duplicate (PL508), an arXiv month mismatch
# (PL507), mixed Keypoints separators (PL404), details blocks unclosed (PL301), without a
# blank line after the summary (PL303), and escaping the list (PL307); trailing whitespace.
LIST = (Path(__file__).parents[1] / "fixtures" / "server" / "rechecks.md").read_text("utf-8")
KEEPING = {rule.code for rule in rules.all_rules() if rule.reads is not None}

# (what, replaced by) once, in LIST.
EDITS = {
    "a character typed into an Objective": ("second objective", "second objectivex"),
    "a character deleted from an Objective": ("first objective", "first objectiv"),
    "a character typed into the last Objective": ("fourth objective", "fourth objectives"),
    # Before PL303's finding (and fix) on line 17, which moves by a character.
    "a Keypoints value typed into": ("- `Keypoints:` a; b; c", "- `Keypoints:` a; b; cd"),
    "trailing whitespace removed": ("second objective \n", "second objective\n"),
    "trailing whitespace added": ("- `Keypoints:` d; e\n", "- `Keypoints:` d; e  \n"),
    "a duplicate made": ("#### Gamma Paper", "#### Beta Paper"),
    "a duplicate removed": ("#### Alpha paper", "#### Delta paper"),
    "a duplicate arXiv id": ("2404.00003", "2404.00001"),
    "a ToC anchor resolved": ("#gamma_paper", "#gamma-paper"),
    "a ToC anchor broken": ("#beta-paper", "#beta-papers"),
    "a ToC item added": ("- [Gamma]", "- [Alpha paper](#alpha-paper-1)\n- [Gamma]"),
    "the Keypoints majority turned": ("- `Keypoints:` d; e", "- `Keypoints:` d, e, f, g, h, i"),
    "a Keypoints separator typed": ("- `Keypoints:` f; g", "- `Keypoints:` f; g, h"),
    "the arXiv month fixed": ("2301.00002", "2404.00002"),
    "the arXiv month broken": ("2404.00004", "2405.00004"),
    "a details field edited": ("method text", "method texts"),
    "a details field edited after the summary": ("method two", "method tw"),
    "a details block closed": (
        "    - `Method:` method two\n",
        "    - `Method:` method two\n    </details>\n",
    ),
    "a blank line after a summary": (
        "<summary>Details</summary>\n    - `Method:` method text",
        "<summary>Details</summary>\n\n    - `Method:` method text",
    ),
    "the escaping line indented": ("\n<p align", "\n    <p align"),
    "a stray bullet": (
        "- `Objective:` third objective\n",
        "- `Objective:` third objective\n   - stray\n",
    ),
    "a field added": (
        "- `Objective:` first objective\n",
        "- `Objective:` first objective\n- `Venue:` X\n",
    ),
    "a line broken in an Objective": ("first objective", "first\nobjective"),
    "a line joined": ("- `Objective:` fourth objective", "- `Objective:` fourth\n objective"),
}


def full_check(text: str) -> list[Problem]:
    return Checker().check_source(decode(text.encode("utf-8"), "list.md")).problems


def checker() -> ServerChecker:
    found = Configurations().checker_in(str(Path(__file__).parent))
    assert isinstance(found, ServerChecker)
    return found


def recheck(previous: Lint, text: str) -> tuple[Lint, set[str]]:
    """``text`` checked as the next version of ``previous``; the codes that kept findings."""
    kept: set[str] = set()
    server = previous.checker
    assert isinstance(server, ServerChecker)
    original = server.summary

    def watched(rule: Rule, document: object) -> object:
        kept.update(server._kept)
        return original(rule, document)  # type: ignore[arg-type]

    server.summary = watched  # type: ignore[method-assign]
    try:
        source, result = check_text(server, "list.md", text, previous)
    finally:
        del server.summary
    return Lint(previous.version + 1, source, result, server, result), kept


def first_check(text: str) -> Lint:
    server = checker()
    source, result = check_text(server, "list.md", text)
    return Lint(1, source, result, server, result)


def test_the_list_has_a_finding_of_every_rule_that_keeps_its_findings() -> None:
    codes = {p.code for p in full_check(LIST)}
    assert {"PL301", "PL303", "PL306", "PL307", "PL404", "PL501", "PL502", "PL507", "PL508"} == (
        KEEPING
    )
    assert KEEPING - {"PL306"} <= codes


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_is_rechecked_as_a_full_check(name: str) -> None:
    old, new = EDITS[name]
    assert LIST.count(old) == 1
    text = LIST.replace(old, new)
    lint, _ = recheck(first_check(LIST), text)
    assert lint.result.problems == full_check(text)
    assert (
        lint.result.summaries == Checker().check_source(decode(text.encode(), "list.md")).summaries
    )


def test_every_edit_in_a_row_is_rechecked_as_a_full_check() -> None:
    text = LIST
    lint = first_check(text)
    for old, new in EDITS.values():
        if old in text:
            text = text.replace(old, new, 1)
            lint, _ = recheck(lint, text)
            assert lint.result.problems == full_check(text)


def test_typing_in_an_objective_keeps_every_finding_that_can_be_kept() -> None:
    """Proof that the identities above are not those of whole runs: an edit that changes
    nothing a rule reads keeps that rule's findings (and the previous version's objects)."""
    before = first_check(LIST)
    old, new = EDITS["a character typed into the last Objective"]
    after, kept = recheck(before, LIST.replace(old, new))
    assert kept == KEEPING
    # The PL508 summary (the paper index) is the previous version's very object.
    assert after.result.summaries["PL508"] is before.result.summaries["PL508"]


DETAILS = {"PL301", "PL303", "PL306"}  # they read every line of a section with an unclosed block


@pytest.mark.parametrize(
    ("name", "rerun"),
    [
        ("a character typed into the last Objective", set()),
        ("a character typed into an Objective", DETAILS),  # in a section with an unclosed block
        ("a character deleted from an Objective", {"PL307"}),  # a bullet in HTML: it renders
        ("a Keypoints separator typed", {"PL404"}),
        ("a Keypoints value typed into", {"PL404", "PL307"}),
        ("the Keypoints majority turned", {*DETAILS, "PL404"}),
        ("a ToC anchor broken", {*DETAILS, "PL307", "PL501", "PL502"}),  # they read the line
        ("a duplicate made", KEEPING - {"PL404"}),  # a heading: all but the Keypoints read it
        ("a details field edited after the summary", DETAILS),
        ("a line broken in an Objective", KEEPING),  # lines move: every rule runs whole
    ],
)
def test_an_edit_to_what_a_rule_reads_runs_it_whole(name: str, rerun: set[str]) -> None:
    old, new = EDITS[name]
    _, kept = recheck(first_check(LIST), LIST.replace(old, new))
    assert kept == KEEPING - rerun
