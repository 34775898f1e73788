"""The fix engine: edits, passes, suppressions and the nothing-is-lost guard.

The engine is tested against synthetic rules (a Checker whose ``problems`` is replaced)
so that it does not depend on any real rule; the real rules' fixes are tested with the
input/expected pairs in ``tests/fixtures/fix`` (test_fix_fixtures.py section below).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import REFERENCE
from paperlint.checker import Checker
from paperlint.fix import CHANGE_SCOPES, MAX_PASSES, FixOutcome, apply_fixes, fix_source
from paperlint.model import Document
from paperlint.problem import Edit, Fix, Problem
from paperlint.settings import Settings
from paperlint.source import decode
from paperlint.suppress import Suppressions

# -- apply_fixes ---------------------------------------------------------------------------


def fix(*edits: tuple[int, int, str], safe: bool = True) -> Fix:
    return Fix(tuple(Edit(*e) for e in edits), safe)


@pytest.mark.parametrize(
    ("fixes", "expected", "chosen"),
    [
        # Disjoint edits all apply, whatever order they come in.
        ([fix((4, 6, "X")), fix((0, 1, "a"))], "abcdX", [0, 1]),
        # Overlap: the earlier problem wins; the later one waits.
        ([fix((1, 3, "X")), fix((2, 4, "Y"))], "aXdef", [0]),
        ([fix((2, 4, "Y")), fix((1, 3, "X"))], "abYef", [0]),
        # Two insertions at one offset have no agreed order: the second waits.
        ([fix((3, 3, "1")), fix((3, 3, "2"))], "abc1def", [0]),
        # An insertion touching a replacement waits too.
        ([fix((1, 3, "X")), fix((3, 3, "!"))], "aXdef", [0]),
        # A fix's edits go in all together or not at all.
        ([fix((0, 1, "A")), fix((5, 6, "F"), (0, 0, ">"))], "Abcdef", [0]),
        ([fix((5, 6, "F"), (1, 2, "B"))], "aBcdeF", [0]),
        # Edits of one fix that overlap each other, or leave the text, are a rule bug: skipped.
        ([fix((1, 4, "X"), (2, 5, "Y")), fix((0, 1, "A"))], "Abcdef", [1]),
        ([fix((5, 9, "X"))], "abcdef", []),
        # A fix without edits (line endings) is always chosen.
        ([Fix(()), fix((0, 6, ""))], "", [0, 1]),
    ],
)
def test_apply_fixes(fixes: list[Fix], expected: str, chosen: list[int]) -> None:
    assert apply_fixes("abcdef", fixes) == (expected, chosen)


def test_apply_fixes_scales_linearly() -> None:
    text = "x \n" * 100_000
    fixes = [fix((3 * i + 1, 3 * i + 2, "")) for i in range(100_000)]
    fixed, chosen = apply_fixes(text, fixes)
    assert fixed == "x\n" * 100_000
    assert len(chosen) == 100_000


# -- fix_source with synthetic rules -------------------------------------------------------

Rule = Callable[[Document], list[Problem]]


class StubChecker(Checker):
    """A Checker whose problems come from plain functions instead of the rule registry."""

    def __init__(self, *rules: Rule) -> None:
        super().__init__(Settings(select=()))
        self.stub_rules = rules

    def problems(
        self, document: Document, suppressions: Suppressions | None = None
    ) -> list[Problem]:
        found = [p for rule in self.stub_rules for p in rule(document)]
        kept = suppressions.filter(found) if suppressions is not None else found
        return sorted(kept, key=Problem.sort_key)


def regex_rule(
    code: str, pattern: str, replacement: str, *, safe: bool = True, changes: tuple[str, ...] = ()
) -> Rule:
    """Every match of ``pattern`` is a problem whose fix replaces it by ``replacement``."""
    compiled = re.compile(pattern, re.MULTILINE)

    def rule(document: Document) -> list[Problem]:
        source = document.source
        out = []
        for match in compiled.finditer(source.text):
            line, column = source.position(match.start())
            edit = Edit(match.start(), match.end(), match.expand(replacement))
            out.append(
                Problem(
                    source.path,
                    line,
                    column,
                    code,
                    code.lower(),
                    f"{code} here",
                    fix=Fix((edit,), safe, f"fix {code}", frozenset(changes)),
                )
            )
        return out

    return rule


ENTRY = """\
## 202404
### LLM
#### A Paper
- `Keypoints:` a; b
- `Objective:` see [paper](http://arxiv.org/pdf/2404.09173)
"""


def run(text: str, *rules: Rule, unsafe: bool = False) -> FixOutcome:
    checker = StubChecker(*rules)
    return fix_source(checker, decode(text.encode(), "t.md"), unsafe=unsafe)


def test_passes_repeat_until_nothing_applies() -> None:
    # Six newlines: the two matches touch, so the second waits; then one match per pass.
    outcome = run(ENTRY + "\n\n\n\n\n", regex_rule("PL602", r"\n\n\n", "\n\n"))
    assert outcome.fixed.text == ENTRY + "\n"
    assert outcome.passes == 4
    assert len(outcome.applied) == 4
    assert outcome.lost is None and outcome.changed
    assert outcome.result.problems == []


def test_bound_on_passes_is_reported() -> None:
    flip = regex_rule("PL601", r"\bLLM\b", "MLL")
    flop = regex_rule("PL603", r"\bMLL\b", "LLM")
    outcome = run(ENTRY, flip, flop)
    assert outcome.exhausted
    assert outcome.passes == MAX_PASSES


def test_unsafe_fixes_only_when_asked() -> None:
    rule = regex_rule("PL601", r" +$", "", safe=False)
    text = ENTRY.replace("a; b", "a; b  ")
    assert not run(text, rule).changed
    assert run(text, rule, unsafe=True).fixed.text == ENTRY


def test_suppressed_lines_are_never_edited() -> None:
    comment = "<!-- paperlint-disable-next-line PL601 -->\n"
    kept = "- `Keypoints:` a; b  \n"
    text = ENTRY.replace("LLM", "LLM ").replace("- `Keypoints:` a; b\n", comment + kept)
    outcome = run(text, regex_rule("PL601", r" +$", ""))
    assert outcome.fixed.text == text.replace("LLM ", "LLM")
    assert [(a.code, a.line) for a in outcome.applied] == [("PL601", 2)]


def test_fix_reaching_into_a_suppressed_line_is_not_applied() -> None:
    # The problem is on line 5 (not suppressed) but its fix would also edit line 3.
    def reaching(document: Document) -> list[Problem]:
        source = document.source
        edits = (
            Edit(source.offset(3), source.offset(3), "x"),
            Edit(source.offset(5), source.offset(5), "y"),
        )
        return [Problem("t.md", 5, 1, "PL601", "n", "m", fix=Fix(edits))]

    text = "<!-- paperlint-disable-next-line PL601 -->\n" + ENTRY
    assert not run(text, reaching).changed
    assert run(text.replace("PL601", "PL602"), reaching).applied


def test_mixed_line_endings_are_fixed_by_writing_alone() -> None:
    def endings(document: Document) -> list[Problem]:
        return [
            Problem("t.md", n, 1, "PL605", "line-endings", "mixed", fix=Fix(()))
            for n in document.source.odd_newlines
        ]

    data = ENTRY.replace("\n", "\r\n").replace("LLM\r\n", "LLM\n").encode()
    outcome = fix_source(StubChecker(endings), decode(data, "t.md"))
    assert outcome.changed and outcome.passes == 1
    assert outcome.output() == ENTRY.replace("\n", "\r\n").encode()
    assert outcome.result.problems == []


@pytest.mark.parametrize(
    ("pattern", "replacement", "changes"),
    [
        (r"\n\n", "\n", ()),  # deleting a blank line moves lines: not a loss
        (r"http://arxiv.org/pdf/", "https://arxiv.org/abs/", ("url",)),
        (r"a; b", "a, b", ("keypoints",)),
    ],
)
def test_guard_accepts_declared_changes(
    pattern: str, replacement: str, changes: tuple[str, ...]
) -> None:
    outcome = run(
        ENTRY.replace("### LLM", "### LLM\n"),
        regex_rule("PL999", pattern, replacement, changes=changes),
    )
    assert outcome.applied
    assert outcome.lost is None
    assert outcome.changed


@pytest.mark.parametrize(
    ("pattern", "replacement", "changes", "shown"),
    [
        (r"see \[paper\]", "see [code]", ("url",), '"text": "paper"'),
        (r"a; b", "a; c", ("label",), '"a; b"'),
        (r"#### A Paper", "#### A Pape", (), '"title": "A Paper"'),
        (r"http://arxiv.org/pdf/", "https://arxiv.org/abs/", (), "http://arxiv.org/pdf/"),
    ],
)
def test_guard_refuses_undeclared_changes(
    pattern: str, replacement: str, changes: tuple[str, ...], shown: str
) -> None:
    outcome = run(ENTRY, regex_rule("PL999", pattern, replacement, changes=changes))
    assert outcome.lost is not None
    assert outcome.lost.startswith("--- before fixes\n+++ after fixes\n")
    removed = [line for line in outcome.lost.split("\n") if line.startswith("-  ")]
    assert any(shown in line for line in removed)
    assert not outcome.changed


# -- input/expected pairs for every fixable rule -------------------------------------------

FIX_FIXTURES = Path(__file__).parent / "fixtures" / "fix"
PAIRS = sorted(p.name[: -len(".input.md")] for p in FIX_FIXTURES.glob("*.input.md"))


def pair_checker(name: str) -> Checker:
    """``PL601-…`` fixtures run only the rules named before the first dash (``+``-joined);
    ``reference`` runs every rule."""
    if not name.startswith("PL"):
        return Checker(Settings())
    return Checker(Settings(select=tuple(name.split("-")[0].split("+"))))


def expected_for(name: str, unsafe: bool) -> bytes:
    unsafe_file = FIX_FIXTURES / f"{name}.unsafe.expected.md"
    if unsafe and unsafe_file.exists():
        return unsafe_file.read_bytes()
    return (FIX_FIXTURES / f"{name}.expected.md").read_bytes()


def fixed_bytes(checker: Checker, data: bytes, unsafe: bool) -> tuple[bytes, FixOutcome]:
    outcome = fix_source(checker, decode(data, "t.md"), unsafe=unsafe)
    assert outcome.lost is None, outcome.lost
    return (outcome.output() if outcome.changed else data), outcome


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("name", PAIRS)
def test_fixture_pair(name: str, unsafe: bool) -> None:
    checker = pair_checker(name)
    data = (FIX_FIXTURES / f"{name}.input.md").read_bytes()
    before = checker.check_source(decode(data, "t.md")).problems
    if name.startswith("PL"):
        # The input really shows the rule the fixture is named after.
        assert name.split("-")[0].split("+")[0] in {p.code for p in before}
    fixed, outcome = fixed_bytes(checker, data, unsafe)
    assert fixed == expected_for(name, unsafe)
    assert bool(outcome.applied) == (fixed != data)
    assert set().union(*(a.changes for a in outcome.applied)) <= CHANGE_SCOPES
    # Idempotent, and nothing the run could fix is left.
    again, second = fixed_bytes(checker, fixed, unsafe)
    assert again == fixed and not second.applied
    left = checker.check_source(decode(fixed, "t.md")).problems
    assert not [p for p in left if p.fix is not None and (p.fix.safe or unsafe)]


def test_every_fixable_rule_has_a_fixture_pair() -> None:
    from paperlint.problem import Fixability
    from paperlint.rules import all_rules

    covered = {code for name in PAIRS if name.startswith("PL") for code in [name[:5]]}
    fixable = {r.code for r in all_rules() if r.fixability is not Fixability.NONE and r.check}
    assert fixable - covered == set()


# -- the reference file (SPEC §4 acceptance) -------------------------------------------------


def reference_codes(data: bytes) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for problem in Checker(Settings()).check_source(decode(data, "README.md")).problems:
        found.setdefault(problem.code, []).append(problem.line)
    return found


def test_reference_after_safe_fixes() -> None:
    fixed = expected_for("reference", unsafe=False)
    assert fixed == fixed_bytes(Checker(Settings()), REFERENCE.read_bytes(), False)[0]
    codes = reference_codes(fixed)
    assert not {"PL304", "PL401", "PL402", "PL601", "PL602", "PL603", "PL604"} & set(codes)
    # Line 43 of the input; the fixes above it deleted three lines.
    assert codes["PL301"] == [40]


def test_reference_unsafe_closes_details_before_the_heading_of_line_51() -> None:
    original = REFERENCE.read_text(encoding="utf-8").split("\n")
    assert original[50].startswith("#### Customizing")  # line 51
    fixed = expected_for("reference", unsafe=True)
    assert fixed == fixed_bytes(Checker(Settings()), REFERENCE.read_bytes(), True)[0]
    lines = fixed.decode("utf-8").split("\n")
    # Input lines 43-47 (the open block and its fields), then the heading of line 51,
    # with the blank-line run before it shortened to one (PL602).
    assert lines[39:46] == [
        "-   <details>",
        "    <summary>Details</summary>",
        "",
        original[45],
        original[46],
        "    </details>",
        "",
    ]
    assert lines[46] == original[50].replace("\u00a0", " ")
    codes = reference_codes(fixed)
    assert "PL301" not in codes
    assert not {"PL304", "PL401", "PL402", "PL404", "PL601", "PL602", "PL603"} & set(codes)
