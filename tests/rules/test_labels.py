"""Label rules PL401–PL404: exact positions, messages, fixed text, the reference file."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from helpers import CORPUS_FILES, FIXTURES, REFERENCE, fixed, lint, positions
from paperlint.rules import get
from paperlint.source import decode

HERE = FIXTURES / "rules" / "labels"
HEAD = "## 202404\n### LLM\n#### A Paper\n"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def short(path: Path) -> str:
    return f"{path.parent.name}/{path.name.split('__')[0]}/{path.name.split('__')[-1]}"


# -- PL401 label-spacing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected", "after"),
    [
        ("- `Objective:` aims", [], None),
        ("- `Objective:`aims", [(4, 15)], "- `Objective:` aims"),
        ("- `Objective:`   aims", [(4, 15)], "- `Objective:` aims"),
        ("- `Objective:`\taims", [(4, 15)], "- `Objective:` aims"),
        ("- **Objective:**aims", [(4, 17)], "- **Objective:** aims"),
        ("- `Objective`:aims", [(4, 15)], "- `Objective`: aims"),
        # The value starts on the next line, or there is none: nothing to separate.
        ("- `Objective:`\n  aims on the next line", [], None),
        ("- `Objective:` \n  - one\n  - two", [], None),
        ("- `Objective:`", [], None),
        # NBSP after the label: PL603 replaces it first, then this rule looks again.
        ("- `Objective:`\u00a0aims", [], None),
    ],
)
def test_label_spacing(bullet: str, expected: list[tuple[int, int]], after: str | None) -> None:
    text = HEAD + bullet + "\n"
    assert positions(text, "PL401") == expected
    assert fixed(text, "PL401") == HEAD + (after or bullet) + "\n"


@pytest.mark.parametrize(
    ("bullet", "message"),
    [
        ("- `Objective:`aims", "no space between `` `Objective:` `` and its value"),
        ("- `Objective:`  aims", "2 spaces between `` `Objective:` `` and its value"),
        ("- `Objective:`\taims", "a tab between `` `Objective:` `` and its value"),
        ("- **Objective:**aims", "no space between `**Objective:**` and its value"),
    ],
)
def test_label_spacing_message(bullet: str, message: str) -> None:
    (problem,) = lint(HEAD + bullet + "\n", select=("PL401",))
    assert problem.message == message + "; put exactly one space"


def test_label_spacing_outside_entries_is_left_to_pl106() -> None:
    assert positions("- `Keypoints:`x\n\n" + HEAD + "- `Keypoints:` a\n", "PL401") == []


def test_label_spacing_reference_file() -> None:
    """Exactly these lines of the reference file (as pinned in test_reference.py)."""
    assert positions(read(REFERENCE), "PL401") == [(12, 15), (53, 15), (54, 15), (95, 15), (96, 15)]


def test_label_spacing_reference_fix() -> None:
    lines = fixed(read(REFERENCE), "PL401").split("\n")
    assert lines[11].startswith("- `Objective:` The paper aims")
    assert lines[52] == "- `Keypoints:` Camera control， Text-to-image，NeRF"
    assert lines[53] == "- `Objective:` generate image with accurate camera view"
    assert lines[94] == "- `Keypoints:` Multi-task; ControlNet; Without training;"
    assert lines[95].startswith("- `Objective:` Allow existing controlNet")
    assert positions("\n".join(lines), "PL401") == []


# An independent reading of the raw lines: a bullet starting with a code-span label whose
# value on the same line is not one space away.
_SPACING_ORACLE = re.compile(r"[ \t]*[-*+][ \t]+`[A-Za-z][^`\n]{0,60}`(?:[ \t]*[:：])?([ \t]*)\S")


def _spacing_oracle(path: Path) -> list[int]:
    found = []
    for number, line in enumerate(read(path).replace("\r\n", "\n").split("\n"), 1):
        match = _SPACING_ORACLE.match(line)
        if match and match.group(1) != " ":
            found.append(number)
    return found


@pytest.mark.parametrize("path", CORPUS_FILES, ids=short)
def test_label_spacing_corpus_matches_the_raw_lines(path: Path) -> None:
    """No false positives (or misses) on any corpus file, checked against the raw lines."""
    assert [line for line, _ in positions(read(path), "PL401")] == _spacing_oracle(path)


def test_label_spacing_corpus_totals() -> None:
    """The counts read line by line when the rule was written (guards the oracle itself)."""
    counts = {short(p): len(positions(read(p), "PL401")) for p in CORPUS_FILES}
    assert sum(counts.values()) == 81
    assert counts[short(REFERENCE)] == 5


# -- PL402 label-colon ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected", "after"),
    [
        ("- `Metric:` FID", [], None),
        ("- `Metric：` FID", [(4, 10)], "- `Metric:` FID"),
        ("- `Metric`: FID", [(4, 11)], "- `Metric:` FID"),
        ("- `Metric`： FID", [(4, 11)], "- `Metric:` FID"),
        ("- `Metric` : FID", [(4, 12)], "- `Metric:` FID"),
        ("- `Metric` FID", [(4, 10)], "- `Metric:` FID"),
        ("- **Metric：** FID", [(4, 11)], "- **Metric:** FID"),
        ("- **Metric**: FID", [(4, 13)], "- **Metric:** FID"),
        ("- Metric： FID", [(4, 9)], "- Metric: FID"),
        ("- Metric: FID", [], None),
    ],
)
def test_label_colon(bullet: str, expected: list[tuple[int, int]], after: str | None) -> None:
    text = HEAD + bullet + "\n"
    assert positions(text, "PL402") == expected
    assert fixed(text, "PL402") == HEAD + (after or bullet) + "\n"


@pytest.mark.parametrize(
    ("bullet", "message"),
    [
        ("- `Metric：` FID", "full-width colon `：` in `` `Metric：` ``; write `` `Metric:` ``"),
        (
            "- `Metric`: FID",
            "colon outside the label markup `` `Metric`: ``; write `` `Metric:` ``",
        ),
        ("- `Metric` FID", "no colon in `` `Metric` ``; write `` `Metric:` ``"),
        ("- **Metric：** FID", "full-width colon `：` in `**Metric：**`; write `**Metric:**`"),
    ],
)
def test_label_colon_message(bullet: str, message: str) -> None:
    (problem,) = lint(HEAD + bullet + "\n", select=("PL402",))
    assert problem.message == message


def test_label_colon_reference_file() -> None:
    """Exactly these lines of the reference file (as pinned in test_reference.py)."""
    assert positions(read(REFERENCE), "PL402") == [(73, 14), (87, 14)]
    lines = fixed(read(REFERENCE), "PL402").split("\n")
    assert lines[72] == "    - `Metric:` Q & A task is sota;"
    assert lines[86] == "    - `Metric:` FID is not the best"


_COLON_ORACLE = re.compile(
    r"[ \t]*[-*+][ \t]+(?:`[A-Za-z][^`\n]{0,60}：`|`[A-Za-z][^`\n:：]{0,60}`[ \t]*[:：]"
    r"|\*\*[A-Za-z][^*\n]{0,60}：\*\*|\*\*[A-Za-z][^*\n:：]{0,60}\*\*[ \t]*[:：])"
)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=short)
def test_label_colon_corpus_matches_the_raw_lines(path: Path) -> None:
    text = read(path).replace("\r\n", "\n")
    expected = [n for n, line in enumerate(text.split("\n"), 1) if _COLON_ORACLE.match(line)]
    assert [line for line, _ in positions(text, "PL402")] == expected


def test_label_colon_corpus_excerpt_fix_with_alias_and_spacing() -> None:
    """`Summay`: from a topic file: three rules, three disjoint edits on one label."""
    text = read(HERE / "aliases_and_colons.md")
    assert positions(text, "PL402") == [(13, 13)]
    assert positions(text, "PL401") == [(3, 15), (13, 14)]
    problems = lint(text, select=("PL205", "PL401", "PL402"))
    edits = sorted(
        (e for p in problems if p.line == 13 and p.fix for e in p.fix.edits),
        key=lambda e: (e.start, e.end),
    )
    assert all(a.end <= b.start for a, b in pairwise(edits))
    out = decode(text.encode(), "t").text
    for edit in reversed(edits):
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    assert out.split("\n")[12].startswith("-   `Summary:` This method incorporates")


# -- PL403 label-style ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected", "after"),
    [
        ("- `Objective:` aims", [], None),
        ("- **Objective:** aims", [(4, 3)], "- `Objective:` aims"),
        ("- **Objective**: aims", [(4, 3)], "- `Objective`: aims"),
        ("- Objective: aims", [(4, 3)], "- `Objective:` aims"),
        ("- Objective：aims", [(4, 3)], "- `Objective：`aims"),
        # Plain text is a label only when the schema knows it.
        ("- Remark: aims", [], None),
    ],
)
def test_label_style(bullet: str, expected: list[tuple[int, int]], after: str | None) -> None:
    text = HEAD + bullet + "\n"
    assert positions(text, "PL403") == expected
    assert fixed(text, "PL403") == HEAD + (after or bullet) + "\n"


def test_label_style_message() -> None:
    (problem,) = lint(HEAD + "- **Keypoints:** a\n", select=("PL403",))
    assert problem.message == (
        "label `**Keypoints:**` is written as bold; write it as a code span `` `Keypoints:` ``"
    )


def test_label_style_corpus_excerpt() -> None:
    text = read(HERE / "bold_labels.md")
    assert positions(text, "PL403") == [(3, 3), (5, 3), (7, 3), (9, 3), (11, 3)]
    assert positions(text, "PL402") == [(7, 11), (9, 11)]
    out = fixed(fixed(text, "PL403"), "PL402").split("\n")
    assert out[2] == "- `Keypoints:` Flow based Generation；Diffusion；SDE; ODE "
    assert out[6].startswith("- `Method:` The key idea in NFDM")
    assert out[8] == "- `Metric:` FID is not the best"


def test_label_style_and_colon_edits_are_disjoint() -> None:
    text = HEAD + "- **Metric**： FID\n"
    problems = lint(text, select=("PL402", "PL403"))
    edits = sorted(e for p in problems if p.fix for e in p.fix.edits)
    assert all(a.end <= b.start for a, b in pairwise(edits))
    assert fixed(fixed(text, "PL403"), "PL402") == HEAD + "- `Metric:` FID\n"


# -- PL404 keypoints-separator ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "after"),
    [
        ("a; b; c", [], None),
        ("a、b、c", [], None),
        ("a; b, c; d", [(4, 20)], "a; b; c; d"),
        ("a，b，c; d", [(4, 21)], "a，b，c， d"),
        ("a, b; c", [(4, 20)], "a, b, c"),  # a tie: the first separator used wins
        ("a; b；c；d", [(4, 17)], "a； b；c；d"),
    ],
)
def test_keypoints_separator(
    value: str, expected: list[tuple[int, int]], after: str | None
) -> None:
    text = HEAD + f"- `Keypoints:` {value}\n- `Objective:` o, p; q\n"
    assert positions(text, "PL404") == expected
    assert fixed(text, "PL404") == text  # unsafe: not applied by default
    want = HEAD + f"- `Keypoints:` {after or value}\n- `Objective:` o, p; q\n"
    assert fixed(text, "PL404", unsafe=True) == want


def test_keypoints_separator_message_and_fix_metadata() -> None:
    (problem,) = lint(HEAD + "- `Keypoints:` a; b, c; d\n", select=("PL404",))
    assert problem.message == (
        "Keypoints mix separators: `;` ×2 and `,` ×1; use `;` throughout, the separator this "
        "file's Keypoints use most (×2)"
    )
    assert problem.severity.value == "warning"
    assert problem.fix is not None
    assert not problem.fix.safe
    assert problem.fix.changes == frozenset({"keypoints"})


def paper(title: str, keypoints: str) -> str:
    return f"#### {title}\n- `Keypoints:` {keypoints}\n- `Objective:` o\n"


def test_keypoints_separator_follows_the_file_not_the_value() -> None:
    # As in PaperList_202404 line 215: a value written mostly with `；` in a file whose
    # Keypoints use `;` — the suggestion is the file's `;`, not the value's own majority.
    text = (
        "## 202404\n### LLM\n"
        + paper("RULER", "Long-context LMs; Synthetic Benchmark;")
        + paper("LLM2Vec", "LLM2Vec; Text Embedding; Unsupervised Learning;")
        + paper("Megalodon", "Exponential moving average with gated attention; LLM；Unlimited")
        + paper("NFDM", "Flow based Generation；Diffusion；SDE; ODE")
    )
    problems = lint(text, select=("PL404",))
    assert [(p.line, p.column) for p in problems] == [(10, 68), (13, 37)]
    assert problems[1].message == (
        "Keypoints mix separators: `;` ×1 and `；` ×2; use `;` throughout, the separator this "
        "file's Keypoints use most (×5)"
    )
    lines = fixed(text, "PL404", unsafe=True).split("\n")
    # A full-width separator carries its own spacing: the `;` replacing it gets a space.
    assert lines[9] == (
        "- `Keypoints:` Exponential moving average with gated attention; LLM; Unlimited"
    )
    assert lines[12] == "- `Keypoints:` Flow based Generation; Diffusion; SDE; ODE"


def test_keypoints_separator_tie_in_the_value_goes_to_the_file() -> None:
    # PaperList_202407 line 102: `,` ×1 and `;` ×1 in a file of `;` — once "use `,`" (the
    # first seen), now `;`.
    text = (
        "## 202407\n### Diffusion\n"
        + paper("DisCo-Diff", "Controllable Generation; Discrete Latent")
        + paper("VEnhancer", "Video Generation Model; Super Resolution; ControlNet;")
        + paper("Reward Gradients", "Video Diffusion Models, Reward Models; Pretrained Model;")
    )
    (problem,) = lint(text, select=("PL404",))
    assert (problem.line, problem.column) == (10, 38)
    assert "use `;` throughout" in problem.message
    assert fixed(text, "PL404", unsafe=True).split("\n")[9] == (
        "- `Keypoints:` Video Diffusion Models; Reward Models; Pretrained Model;"
    )


def test_keypoints_separator_value_on_several_lines_has_no_fix() -> None:
    text = HEAD + "- `Keypoints:` a; b\n  c, d\n"
    (problem,) = lint(text, select=("PL404",))
    assert (problem.line, problem.column, problem.fix) == (4, 3, None)


def test_keypoints_separator_reference_file() -> None:
    text = read(REFERENCE)
    # Line 64 (`Image LLMs, Video LLms; `) ends with a terminator, not a second separator.
    # Line 78 mixes `；` ×2 and `;` ×1; the file's Keypoints use `;` most.
    assert positions(text, "PL404") == [(78, 37)]
    lines = fixed(text, "PL404", unsafe=True).split("\n")
    assert lines[63] == "- `Keypoints:` Image LLMs, Video LLms; "
    assert lines[77] == "- `Keypoints:` Flow based Generation; Diffusion; SDE; ODE "


# -- docs ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["PL401", "PL402", "PL403", "PL404"])
def test_doc_examples(code: str) -> None:
    rule = get(code)
    assert set(rule.sections()) >= {"What it does", "Why is this bad?", "Example", "Fix safety"}
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    assert lint(failing, select=(code,)), "the failing example must trigger the rule"
    assert lint(passing, select=(code,)) == [], "the passing example must not trigger it"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a, b;", []),
        ("a; b, c;", [(4, 20)]),
        ("a、b、 ", []),
        ("a, b ;；", []),
        ("a；b, c", [(4, 19)]),
    ],
)
def test_trailing_separators_are_terminators_not_a_mix(
    value: str, expected: list[tuple[int, int]]
) -> None:
    text = f"## 202404\n### L\n#### P\n- `Keypoints:` {value}\n- `Objective:` x\n"
    assert positions(text, "PL404") == expected
