"""The fix engine: edits, passes, suppressions and the nothing-is-lost guard.

The engine is tested against synthetic rules (a Checker whose ``problems`` is replaced)
so that it does not depend on any real rule; the real rules' fixes are tested with the
input/expected pairs in ``tests/fixtures/fix`` (test_fix_fixtures.py section below).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from helpers import CORPUS_FILES, REFERENCE, checker
from paperlint import rules
from paperlint.checker import Checker
from paperlint.cli import cli
from paperlint.fix import MAX_PASSES, FixOutcome, apply_fixes, fix_source
from paperlint.fix import run as fix_module
from paperlint.fix.guard import _content, _document_json
from paperlint.model import Document
from paperlint.parse import Revision
from paperlint.problem import Change, Edit, Fix, FixAvailability, Violation, applicable
from paperlint.report import relative_path
from paperlint.rules.base import Context, Rule, rule
from paperlint.settings import Settings
from paperlint.source import Source, decode, read_source
from strategies import mutated_corpus

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


def stub_checker(*stubs: Rule) -> Checker:
    """A Checker that runs only ``stubs``: their registered codes are the only ones selected
    (so no schema problem is reported), and codes the registry does not know always run."""
    selected = tuple(s.code for s in stubs if s.code in rules.registered_codes())
    return Checker(Settings(select=selected), rules=stubs)


def stub(code: str, check: Callable[[Context], Iterable[Violation]]) -> Rule:
    """A fixable rule under ``code``: what it finds is ``check``'s, whatever the registry's is."""
    return rule(check, code, code.lower(), "a stub", fix=FixAvailability.ALWAYS, doc="A stub.")


def regex_rule(
    code: str, pattern: str, replacement: str, *, safe: bool = True, changes: tuple[str, ...] = ()
) -> Rule:
    """Every match of ``pattern`` is a problem whose fix replaces it by ``replacement``."""
    compiled = re.compile(pattern, re.MULTILINE)

    def check(ctx: Context) -> Iterator[Violation]:
        source = ctx.source
        for match in compiled.finditer(source.text):
            line, column = source.position(match.start())
            edit = Edit(match.start(), match.end(), match.expand(replacement))
            yield Violation(
                line,
                column,
                f"{code} here",
                fix=Fix((edit,), safe, f"fix {code}", frozenset(changes)),
            )

    return stub(code, check)


ENTRY = """\
## 202404
### LLM
#### A Paper
- `Keypoints:` a; b
- `Objective:` see [paper](http://arxiv.org/pdf/2404.09173)
"""


def run(text: str, *rules: Rule, unsafe: bool = False) -> FixOutcome:
    checker = stub_checker(*rules)
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
    assert outcome.refused and not outcome.changed  # nothing is written


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
    def check(ctx: Context) -> Iterator[Violation]:
        source = ctx.source
        edits = (
            Edit(source.offset(3), source.offset(3), "x"),
            Edit(source.offset(5), source.offset(5), "y"),
        )
        yield Violation(5, 1, "m", fix=Fix(edits))

    reaching = stub("PL601", check)
    text = "<!-- paperlint-disable-next-line PL601 -->\n" + ENTRY
    assert not run(text, reaching).changed
    assert run(text.replace("PL601", "PL602"), reaching).applied


def test_mixed_line_endings_are_fixed_by_writing_alone() -> None:
    def check(ctx: Context) -> Iterator[Violation]:
        return (Violation(n, 1, "mixed", fix=Fix(())) for n in ctx.source.odd_newlines)

    data = ENTRY.replace("\n", "\r\n").replace("LLM\r\n", "LLM\n").encode()
    outcome = fix_source(stub_checker(stub("PL605", check)), decode(data, "t.md"))
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
        (r"a; b", "a; c", ("details",), '"a; b"'),
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


def without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in ("line", "end_line")}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


@pytest.mark.parametrize(
    "text",
    [
        *(p.read_text("utf-8") for p in CORPUS_FILES),
        ENTRY,
        ENTRY.replace("`Keypoints:`", "`line:` x\n- `line:` y\n- `Keypoints:`"),
    ],
)
def test_guard_compares_the_model_json_without_lines(text: str) -> None:
    """The guard builds its document from the model: it is the schema's JSON without
    ``line``/``end_line`` keys, plus every field in order (``all_fields``)."""
    document = checker().parse(Source("t.md", text))
    expected = without_lines(document.to_json()[0])
    entries = [e for m in expected["months"] for c in m["categories"] for e in c["entries"]]
    for entry, item in zip(document.entries(), entries, strict=True):
        item["all_fields"] = [[f.label, f.value] for f in entry.fields]
        for block, block_item in zip(entry.details, item["details"], strict=True):
            block_item["all_fields"] = [[f.label, f.value] for f in block.fields]
    assert _document_json(document) == expected


@pytest.mark.parametrize(
    ("edited", "same"),
    [
        (ENTRY.replace("### LLM", "### LLM\n"), True),  # lines move: the content is the same
        (ENTRY.replace("`Keypoints:`", "**Keypoints:**"), True),  # markup is no content
        (ENTRY.replace("a; b", "a, b"), False),
        (ENTRY + "- `Objective:` again\n", False),  # a repeated label: only all_fields has it
        (ENTRY.replace("[paper]", "[code]"), False),
        (ENTRY.replace("#### A Paper\n", "#### A Paper\n`[RL]`\n\n"), False),  # a tag
        (ENTRY.replace("#### A Paper", "#### B Paper"), False),
        (ENTRY.replace("### LLM", "### VLM"), False),
        (ENTRY.replace("## 202404", "## 202405"), False),
    ],
)
def test_guard_shortcut_agrees_with_the_json(edited: str, same: bool) -> None:
    """The guard compares the documents' content as tuples first: equal exactly when the
    JSON documents it would compare are."""
    before, after = (checker().parse(Source("t.md", text)) for text in (ENTRY, edited))
    assert (_content(before) == _content(after)) is same
    assert (_document_json(before) == _document_json(after)) is same


@given(
    mutated_corpus(),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(["\n", "  ", "x", ";", "**", "`", "`[T]` ", "- ", "：", "\u200b", "#"]),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_guard_shortcut_agrees_with_the_json_on_edited_lists(
    text: str, edits: list[tuple[int, str]]
) -> None:
    """Whatever an edit changes (lines only, markup only, content), the tuples and the
    JSON documents agree on whether the content is the same."""
    edited = text
    for where, fragment in edits:
        at = where % (len(edited) + 1)
        edited = edited[:at] + fragment + edited[at:]
    before, after = (checker().parse(Source("t.md", t)) for t in (text, edited))
    assert (_content(before) == _content(after)) == (
        _document_json(before) == _document_json(after)
    )


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
    assert all(isinstance(c, Change) for a in outcome.applied for c in a.changes)
    # Idempotent, and nothing the run could fix is left.
    again, second = fixed_bytes(checker, fixed, unsafe)
    assert again == fixed and not second.applied
    left = checker.check_source(decode(fixed, "t.md")).problems
    assert not [p for p in left if applicable(p.fix, unsafe)]


def test_every_fixable_rule_has_a_fixture_pair() -> None:
    from paperlint.rules import all_rules

    covered = {code for name in PAIRS if name.startswith("PL") for code in [name[:5]]}
    never = FixAvailability.NEVER
    fixable = {r.code for r in all_rules() if r.fix_availability is not never and r.check}
    assert fixable - covered == set()


# -- the reference file (its pinned findings) -------------------------------------------------


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


# -- paperlint fix (CLI) -----------------------------------------------------------------------


def fix_cli(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["fix", *args], input=stdin)


def copy_pair(tmp_path: Path, name: str, target: str = "list.md") -> Path:
    path = tmp_path / target
    path.write_bytes((FIX_FIXTURES / f"{name}.input.md").read_bytes())
    return path


def test_cli_fixes_the_reference_in_place(tmp_path: Path) -> None:
    path = copy_pair(tmp_path, "reference", "README.md")
    result = fix_cli(str(path))
    assert result.exit_code == 1  # PL301 (unsafe) remains
    assert path.read_bytes() == expected_for("reference", unsafe=False)
    assert f"{path}:40:5: PL301 [details-unclosed] [*]" not in result.stdout  # unsafe: no mark
    assert f"{path}:40:5: PL301 [details-unclosed] " in result.stdout
    assert result.stdout.rstrip("\n").split("\n")[-1] == (
        "Fixed 28 problems, 2 remaining (2 fixable with `paperlint fix --unsafe-fixes`)."
    )
    again = fix_cli("--unsafe-fixes", str(path))
    assert again.exit_code == 0, again.output
    assert path.read_bytes() == expected_for("reference", unsafe=True)
    assert again.stdout.endswith("Fixed 2 problems, 0 remaining.\n")


def test_cli_show_fixes_lists_code_line_and_description(tmp_path: Path) -> None:
    path = copy_pair(tmp_path, "PL401-label-spacing")
    result = fix_cli("--show-fixes", "--select", "PL401", str(path))
    assert result.exit_code == 0
    assert result.stdout.split("\n")[:3] == [
        f"Fixed in {path}:",
        "  4:15: PL401 [label-spacing] separate the value from the label by one space",
        "  5:15: PL401 [label-spacing] separate the value from the label by one space",
    ]


def test_cli_show_fixes_tells_why_an_applied_fix_is_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(
        "# PaperList\n\n## 202401\n\n#### A Paper\n"
        "\\[[paper](https://arxiv.org/pdf/2401.00001.pdf)\\]\n\n- `Keypoints:` a\n"
    )
    result = fix_cli("--show-fixes", "--unsafe-fixes", "--select", "PL506", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[:2] == [
        f"Fixed in {path}:",
        "  6:11: PL506 [arxiv-link-style] link to `https://arxiv.org/abs/2401.00001` (unsafe: "
        "the link opens the abstract, not the PDF the author may have chosen)",
    ]


def test_cli_diff_writes_nothing(tmp_path: Path) -> None:
    path = copy_pair(tmp_path, "PL601-trailing-whitespace")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = fix_cli("--diff", "--select", "PL601", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    label = str(path).lstrip("/")  # an absolute path: a/tmp/…, as git spells it, not a//tmp/…
    assert result.stdout.startswith(
        f"--- a/{label}\n+++ b/{label}\n@@ -1,8 +1,8 @@\n-## 202404  \n"
    )
    assert "Would fix 4 problems." in result.stderr
    clean = fix_cli("--diff", "--select", "PL601", str(tmp_path / "list.md"))
    assert clean.exit_code == 1  # still the same diff: nothing was written
    path.write_bytes(expected_for("PL601-trailing-whitespace", unsafe=False))
    assert fix_cli("--diff", "--select", "PL601", str(path)).exit_code == 0


def test_cli_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(expected_for("PL601-trailing-whitespace", unsafe=False))
    path.chmod(0o444)  # a write would fail loudly
    result = fix_cli("--select", "PL601", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Fixed 0 problems, 0 remaining.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"## 202404  \r\n### LLM\r\n#### A\r\n", b"## 202404\r\n### LLM\r\n#### A\r\n"),
        (b"\xef\xbb\xbf## 202404  \n### LLM\n", b"\xef\xbb\xbf## 202404\n### LLM\n"),
        (b"\xef\xbb\xbf## 202404 \r\n### LLM", b"\xef\xbb\xbf## 202404\r\n### LLM\r\n"),
    ],
    ids=["crlf", "bom", "bom-crlf"],
)
def test_cli_keeps_line_endings_and_bom(tmp_path: Path, data: bytes, expected: bytes) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(data)
    path.chmod(0o640)
    result = fix_cli("--select", "PL6", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == expected
    assert path.stat().st_mode & 0o777 == 0o640


def test_cli_stdin_writes_fixed_text_to_stdout() -> None:
    data = (FIX_FIXTURES / "PL601-trailing-whitespace.input.md").read_bytes()
    result = fix_cli("--select", "PL601", "--stdin-filename", "README.md", "-", stdin=data)
    assert result.exit_code == 0
    assert result.stdout_bytes == expected_for("PL601-trailing-whitespace", unsafe=False)
    assert result.stderr == "Fixed 4 problems, 0 remaining.\n"


def test_cli_failing_replace_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_pair(tmp_path, "PL601-trailing-whitespace")
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = fix_cli("--select", "PL601", str(path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"paperlint: {path}: cannot write: No space left on device; nothing written\n"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.md"]


@pytest.mark.parametrize("trouble", ["read-only", "vanished"])
def test_cli_unwritable_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    path = copy_pair(tmp_path, "PL601-trailing-whitespace")
    before = path.read_bytes()
    if trouble == "read-only":
        path.chmod(0o444)
        message = "the file is read-only; nothing written"
    else:
        real = fix_source

        def vanish(*args: object, **kwargs: object) -> FixOutcome:
            outcome = real(*args, **kwargs)  # type: ignore[arg-type]
            path.unlink()
            return outcome

        monkeypatch.setattr("paperlint.fix.run.fix_source", vanish)
        message = "the file vanished before it could be written; nothing written"
    result = fix_cli("--select", "PL601", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"paperlint: {path}: {message}\n"
    if trouble == "read-only":
        assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == (["list.md"] if trouble == "read-only" else [])


def test_cli_refuses_a_file_whose_document_would_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_pair(tmp_path, "PL601-trailing-whitespace")
    other = copy_pair(tmp_path, "PL601-trailing-whitespace", "other.md")
    before = path.read_bytes()
    real = fix_module.lost_content

    def lose_in_list(before_doc: Document, after: Document, changes: frozenset[str]) -> str | None:
        return (
            "--- before fixes\n+++ after fixes\n-x\n+y\n"
            if before_doc.path == str(path)
            else real(before_doc, after, changes)
        )

    monkeypatch.setattr(fix_module, "lost_content", lose_in_list)
    result = fix_cli("--select", "PL601", str(path), str(other))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"paperlint: {path}: not fixed: the fixes would change the document beyond what they "
        "declare (fixes applied: PL601 at 1, PL601 at 2, PL601 at 4, PL601 at 7); nothing "
        "written. Document before and after:\n--- before fixes\n"
    )
    assert path.read_bytes() == before
    assert other.read_bytes() == expected_for("PL601-trailing-whitespace", unsafe=False)


def test_check_marks_fixable_problems_and_counts_them() -> None:
    path = FIX_FIXTURES / "PL601-trailing-whitespace.input.md"
    result = CliRunner().invoke(cli, ["check", "--select", "PL601,PL404", str(path)])
    assert f"{relative_path(str(path))}:1:10: PL601 [trailing-whitespace] [*] " in result.stdout
    assert result.stdout.endswith("Found 4 problems (4 fixable with `paperlint fix`).\n")


# -- known defects the property tests found in rules and the parser (owners to fix) ---------

PAPER = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # PL603 must not turn an NBSP inside a link target into a space (the link would stop
        # being one): the problem is reported, without a fix.
        (PAPER + "- `Objective:` see [code](https://example.org/a\u00a0b)\n", "PL603"),
        # An inline `<details>` in a field value: a `<summary>` line would join the value.
        (PAPER + "- `Objective:` c <details>\n", "PL302"),
    ],
    ids=["PL603-nbsp-in-url", "PL302-inline-details"],
)
def test_fixes_found_to_lose_content_are_not_offered(text: str, code: str) -> None:
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"), unsafe=True)
    assert outcome.lost is None, outcome.lost
    assert code in {p.code for p in outcome.result.problems}
    assert code not in {a.code for a in outcome.applied}


@pytest.mark.parametrize(
    "text",
    [
        # Found by the properties: `-    <details>` puts the tag at column 6; PL301 inserted
        # `     </details>`, the details scan did not count it as a close, and PL301 fired
        # again every pass.
        PAPER + "-    <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n\n#### B\n",
        # Two `<details>` on one line: PL302 inserted a `<summary>` every pass.
        PAPER + "-<details>   <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n"
        "    </details>\n",
    ],
    ids=["PL301-close-not-seen", "PL302-two-details-on-a-line"],
)
def test_fixes_that_once_never_settled_now_do(text: str) -> None:
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"), unsafe=True)
    assert not outcome.exhausted


def test_unclosed_details_ending_in_an_unclosed_fence_gets_no_fix() -> None:
    # Found by the properties: the `</details>` PL301 inserted at the end of the entry was
    # inside the unclosed fence, closed nothing, and PL301 fired again every pass.
    text = PAPER + "-   <details>\n```math\nx\n"
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"), unsafe=True)
    assert not outcome.exhausted and outcome.lost is None
    (problem,) = [p for p in outcome.result.problems if p.code == "PL301"]
    assert problem.fix is None
    assert problem.message.endswith("(after closing its code fence)")


def test_reindenting_an_over_indented_close_keeps_the_field_value() -> None:
    # Found by the properties: the parser used to put an over-indented `</details>` into
    # the last details field's value ("h\n</details>"), so the guard refused PL304's fix.
    text = (
        PAPER + "- `Objective:` c\n-   <details>\n    <summary>Details</summary>\n\n"
        "    - `Method:` h\n        </details>\n"
    )
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"))
    assert outcome.lost is None
    assert outcome.fixed.text == text.replace("        </details>", "    </details>")


def test_nbsp_after_heading_hashes_is_fixed_as_a_structure_change() -> None:
    # `####<NBSP>Paper Two` is a paragraph; the NBSP -> space fix makes it an entry heading.
    # (Right after a bullet it would be part of that bullet's value: then the guard refuses.)
    text = PAPER + "- `Objective:` b\n\n####\u00a0Paper Two\n- `Keypoints:` c\n- `Objective:` d\n"
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"))
    assert outcome.lost is None
    assert outcome.fixed.text == text.replace("####\u00a0", "#### ")
    assert [e.title for e in Checker(Settings()).parse(outcome.fixed).entries()] == [
        "A Paper",
        "Paper Two",
    ]


def test_a_suppression_used_only_by_a_schema_problem_survives_fix() -> None:
    # The first look at a file skips the schema; PL902 must not then call this comment
    # unused and delete it.
    text = (
        "## 202404\n### LLM\n<!-- paperlint-disable-next-line PL201 -->\n#### A Paper\n"
        "- `Keypoints:` a; b   \n"
    )
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"))
    assert outcome.fixed.text == text.replace("b   \n", "b\n")
    assert [p.code for p in outcome.result.problems] == []


def test_a_refused_file_reports_every_problem_it_had(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b   \n"
    monkeypatch.setattr(fix_module, "lost_content", lambda *_: "--- before\n+++ after\n")
    outcome = fix_source(Checker(Settings()), decode(text.encode(), "t.md"))
    assert outcome.refused
    assert [(p.line, p.code) for p in outcome.initial.problems] == [(3, "PL201"), (4, "PL601")]


def _declared_availability_texts() -> list[tuple[str, bytes]]:
    """Texts on which rules report: the corpus, the fix fixtures and every rule's examples."""
    texts = [(p.parent.name + "/" + p.name[:30], p.read_bytes()) for p in CORPUS_FILES]
    texts += [(p.name, p.read_bytes()) for p in sorted(FIX_FIXTURES.glob("*.input.md"))]
    for registered in rules.all_rules():
        failing, _ = registered.examples()
        if failing is not None:
            texts.append((f"{registered.code}-example", failing.encode()))
    return texts


@pytest.mark.parametrize(("name", "data"), _declared_availability_texts(), ids=lambda v: v)
def test_fixes_agree_with_each_rules_declared_availability(name: str, data: bytes) -> None:
    """A rule declared "never" yields no fix (the fix engine's first look skips it), one
    declared "always" a fix with every problem; every fix that is unsafe says why."""
    problems = checker().check_source(decode(data, "t.md")).problems
    for problem in problems:
        declared = rules.get(problem.code).fix_availability
        if declared is FixAvailability.NEVER:
            assert problem.fix is None, f"{problem.code} is declared never to fix"
        elif declared is FixAvailability.ALWAYS:
            assert problem.fix is not None, f"{problem.code}:{problem.line} has no fix"
        if problem.fix is not None and not problem.fix.safe:
            assert problem.fix.reason, f"{problem.code}: an unsafe fix without its reason"


def test_a_rule_declared_sometimes_really_omits_a_fix_or_mixes_safety() -> None:
    """PL107 is declared "sometimes": `#Title` gets a safe fix, metadata in a heading an
    unsafe one, and metadata in a heading with closing hashes none."""
    text = "# PaperList\n\n## 202401\n\n#### A `[SD]`\n- `Keypoints:` a\n\n#B\n"
    found = [p for p in checker().check_source(decode(text.encode(), "t.md")).problems]
    fixes = {p.line: p.fix for p in found if p.code == "PL107"}
    assert rules.get("PL107").fix_availability is FixAvailability.SOMETIMES
    assert fixes[5] is not None and not fixes[5].safe and fixes[5].reason
    assert fixes[8] is not None and fixes[8].safe


def test_each_recheck_reparses_what_the_previous_pass_edited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = checker()
    seen: list[tuple[Revision | None, str]] = []
    parse = run.parse

    def recording(source: Source, since: Revision | None = None) -> Document:
        seen.append((since, source.text))
        return parse(source, since)

    monkeypatch.setattr(run, "parse", recording)
    outcome = fix_source(run, read_source(str(REFERENCE)))
    assert outcome.passes == 2 and len(seen) == 3
    assert seen[0][0] is None
    for (_, before), (since, after) in itertools.pairwise(seen):
        assert since is not None and since.document.source.text == before
        # The spans describe the change exactly: outside them the texts are the same.
        rebuilt, position, delta = [], 0, 0
        for start, end, length in sorted(since.edits):
            rebuilt += [before[position:start], after[start + delta : start + delta + length]]
            position, delta = end, delta + length - (end - start)
        assert since.edits and "".join([*rebuilt, before[position:]]) == after
    assert outcome.result.problems == run.check_source(outcome.fixed).problems


# -- what GitHub shows is kept (issue 14) ------------------------------------------------------

# The shape of the issue: the `<p>` at column 1 ends the list item, and a blank line after
# it (PL306's fix) would leave the `Method` line as a four-space-indented code block.
IMAGE_ENDS_ITEM = (
    "#### A Paper\n"
    "- `Keypoints:` a; b  \n"
    "- `Objective:` c\n"
    "-   <details>\n"
    "    <summary>Details</summary>\n"
    "\n"
    '<p align="center"><img src="fig.png" width="450" /></p>\n'
    "    - `Method:` d\n"
    "</details>\n"
)


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_that_would_make_a_code_block_is_withheld_and_others_applied(unsafe: bool) -> None:
    source = decode(IMAGE_ENDS_ITEM.encode(), "list.md")
    outcome = fix_source(checker(), source, unsafe=unsafe)
    assert outcome.withheld == [
        "PL306 fix at 8 not applied: it would turn line 8 into a code block"
    ]
    assert not outcome.refused
    assert "PL601" in {a.code for a in outcome.applied}  # the trailing spaces still go
    assert "PL306" not in {a.code for a in outcome.applied}
    fixed = outcome.fixed.text
    assert "- `Keypoints:` a; b\n" in fixed
    assert '<p align="center"><img src="fig.png" width="450" /></p>\n    - `Method:` d\n' in fixed
    # Idempotent: a second run changes nothing and withholds the same fix again.
    again = fix_source(checker(), decode(outcome.output(), "list.md"), unsafe=unsafe)
    assert again.applied == [] and again.fixed.text == fixed
    # Now `</details>` is indented too (PL304), and would be code as well.
    assert again.withheld == [
        "PL306 fix at 8 not applied: it would turn lines 8–9 into a code block"
    ]


def test_cli_names_the_withheld_fix_by_rule_and_line(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(IMAGE_ENDS_ITEM, "utf-8")
    result = fix_cli("--select", "PL306", str(path))
    assert result.exit_code == 1  # the problem remains; nothing was refused
    assert result.stderr == (
        f"paperlint: {path}: PL306 fix at 8 not applied: it would turn line 8 into a code block\n"
    )
    assert path.read_text("utf-8") == IMAGE_ENDS_ITEM


def test_fix_that_would_show_a_bullet_as_text_is_withheld() -> None:
    """Removing the blank line after an HTML block would swallow the bullet below it."""
    text = (
        "#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n\n<p>figure</p>\n\n\n- `Method:` d\n"
    )
    source = decode(text.encode(), "list.md")
    outcome = fix_source(checker(), source)
    # PL602 removes one of the two blank lines; one blank line still ends the HTML block.
    assert outcome.withheld == []
    assert "<p>figure</p>\n\n- `Method:` d\n" in outcome.fixed.text
