"""Properties of ``paperlint fix`` over generated lists and mutated corpus files.

For every input, safe and unsafe: fixing never crashes; either the guard refuses (and
nothing would be written) or the result is idempotent, keeps every title, field value,
details field and link (checked here independently of the guard), leaves no applicable
fix of a rule it fixed, and parses again.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from helpers import checker
from paperlint.fix import FixOutcome, fix_source
from paperlint.model import Document
from paperlint.problem import applicable
from paperlint.source import decode
from strategies import CONTENT_NASTY, mutated_corpus

RUN = checker()
# Each example fixes a whole file twice (safe, unsafe) over several passes: keep it small.
BOUNDED = hypothesis_settings(
    max_examples=min(30, hypothesis_settings.default.max_examples), deadline=None
)


def content(document: Document) -> Counter[str]:
    """What a fix must never lose: titles, field values (entry and details), links.

    Labels are left out (PL205 renames them) and so are in-page ``#`` links (PL501 and
    PL502 rewrite the table of contents).
    """
    atoms: Counter[str] = Counter()
    for entry in document.entries():
        atoms[f"title:{entry.title}"] += 1
        atoms.update(f"field:{item.value}" for item in entry.fields)
        for block in entry.details:
            atoms.update(f"details:{item.value}" for item in block.fields)
        atoms.update(
            f"link:{link.text}->{link.url}" for link in entry.links if not link.url.startswith("#")
        )
    return atoms


def assert_fix_properties(text: str) -> None:
    source = decode(text.encode("utf-8"), "prop.md")
    for unsafe in (False, True):
        outcome = fix_source(RUN, source, unsafe=unsafe)
        if outcome.lost is not None:
            assert not outcome.changed  # refused: the CLI writes nothing
            continue
        check_outcome(outcome, unsafe)


def check_outcome(outcome: FixOutcome, unsafe: bool) -> None:
    assert not outcome.exhausted
    fixed = decode(outcome.output(), "prop.md")  # what would be on disk, read back
    assert fixed.text == outcome.fixed.text
    result = RUN.check_source(fixed)  # the parser does not crash on the output
    assert result.document is not None
    result.document.to_json()
    # What fix reports as remaining (its re-checks re-parse only what the edits touched)
    # is what a fresh check of the fixed text finds.
    assert outcome.result.problems == result.problems
    # Idempotent.
    again = fix_source(RUN, fixed, unsafe=unsafe)
    assert again.applied == [] and again.fixed.text == fixed.text
    # No applicable fix left of a rule that was applied, but for fixes withheld because
    # GitHub would show the file differently (they are reported by rule and line).
    codes = {a.code for a in outcome.applied}
    withheld = {message.split()[0] for message in outcome.withheld}
    left = [p for p in result.problems if p.code in codes and applicable(p.fix, unsafe)]
    assert [p for p in left if p.code not in withheld] == []
    # Nothing lost, checked without the guard. Unsafe fixes may rewrite URLs (PL506) and
    # titles (PL107 moves metadata out of headings), so this holds for safe runs only.
    if not unsafe and outcome.applied:
        before = RUN.parse(outcome.original)
        assert result.document is not None
        assert not content(before) - content(result.document)


# -- generated lists ---------------------------------------------------------------------

LABELS = st.sampled_from(["Keypoints", "Objective", "Method", "Methods", "Results", "Metric"])
LABEL_FORMS = st.sampled_from(["`{}:`", "`{}：`", "`{}`:", "**{}:**", "{}:", "`{}`"])
SPACES = st.sampled_from(["", " ", "   ", "\t"])
WORDS = st.text(alphabet="abcxyz ;,、；，.()", min_size=0, max_size=20)
TRAIL = st.sampled_from(["", "", " ", "  ", "\u00a0", "\t"])


@st.composite
def field_line(draw: st.DrawFn, indent: str = "") -> str:
    label = draw(LABEL_FORMS).format(draw(LABELS))
    return f"{indent}- {label}{draw(SPACES)}{draw(WORDS)}{draw(TRAIL)}"


@st.composite
def details_block(draw: st.DrawFn) -> list[str]:
    lines = ["-   <details>"]
    if draw(st.booleans()):
        lines.append("    <summary>Details</summary>")
    if draw(st.booleans()):
        lines.append("")
    lines += [draw(field_line("    ")) for _ in range(draw(st.integers(0, 3)))]
    close = draw(st.sampled_from(["    </details>", "</details>", "  </details>", None]))
    if close is not None:
        lines.append(close)
    return lines


@st.composite
def paper_list(draw: st.DrawFn) -> str:
    lines = ["# PaperList", ""] if draw(st.booleans()) else []
    for month in draw(st.lists(st.sampled_from(["202404", "202405", "2024"]), max_size=2)):
        lines.append(f"## {month}{draw(TRAIL)}")
        for category in draw(st.lists(st.sampled_from(["LLM", "Diffusion"]), max_size=2)):
            lines.append(draw(st.sampled_from(["### ", "###"])) + category)
            for index in range(draw(st.integers(0, 3))):
                lines.append(draw(st.sampled_from(["#### ", "####"])) + f"Paper {index}")
                lines += [draw(field_line()) for _ in range(draw(st.integers(0, 3)))]
                if draw(st.booleans()):
                    lines += draw(details_block())
                lines += [""] * draw(st.integers(0, 3))
    ending = draw(st.sampled_from(["", "\n", "\n\n"]))
    return "\n".join(lines) + ending


@BOUNDED
@given(paper_list())
# A PL304 fix that the render check withheld while other fixes of its section went in, and
# that a second `fix` then applied: fixes are now judged together per section.
@example(
    "## 202404\n### LLM\n#### Paper 0\n- `Keypoints:`\n- `Keypoints:`\n- `Keypoints:`\n"
    "-   <details>\n</details>\n#### Paper 1\n-   <details>\n    <summary>Details</summary>\n"
    "\n</details>"
)
def test_fix_properties_on_generated_lists(text: str) -> None:
    assert_fix_properties(text)


# -- mutated corpus files ----------------------------------------------------------------


@BOUNDED
@given(mutated_corpus(fragments=[*CONTENT_NASTY, "  ", "\t"]))
def test_fix_properties_on_mutated_corpus(text: str) -> None:
    assert_fix_properties(text)
