"""Link rules PL501–PL508: exact positions, messages, fixed text, corpus cases, cross-file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import helpers
from growth import RULE_FLOOR, RULE_MAX_LENGTH, cpu_alarm, growth, needs_cpu_alarm
from helpers import CORPUS, FIXTURES, lint, positions
from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.problem import Problem, Severity
from paperlint.rules import get
from paperlint.rules.base import Context
from paperlint.settings import Settings

LINKS = FIXTURES / "rules" / "links"
CONTROL = CORPUS / "topic" / "Control.md__2024-09-11__467b2f58be.md"
VIDEO = CORPUS / "topic" / "VideoGeneration.md__2024-09-12__2404c4acda.md"
MULTIVIEW = CORPUS / "topic" / "MultiView.md__2024-08-29__028bec48f5.md"
IMAGES = CORPUS / "list-only" / "ImageGeneration.md__2024-12-07__b468a81f12.md"

HEAD = "# PaperList\n## 202404\n### LLM\n"
FIELDS = "- `Keypoints:` a; b\n- `Objective:` c\n"


def entry(title: str, meta: str = "") -> str:
    return f"#### {title}\n" + (meta + "\n" if meta else "") + FIELDS


def fixed(text: str, code: str) -> str:
    """``text`` with every fix of ``code`` applied, unsafe ones included."""
    return helpers.fixed(text, code, unsafe=True)


def only(text: str, code: str) -> Problem:
    problems = lint(text, select=(code,))
    assert len(problems) == 1, problems
    return problems[0]


def corpus(path: Path, code: str) -> list[tuple[int, int]]:
    return positions(path.read_text("utf-8"), code)


# -- the contract: severities, fix availability, docs ---------------------------------------------

CODES = ["PL501", "PL502", "PL503", "PL504", "PL505", "PL506", "PL507", "PL508"]


@pytest.mark.parametrize("code", CODES)
def test_rule_doc_examples(code: str) -> None:
    rule = get(code)
    assert list(rule.sections()) == ["What it does", "Why is this bad?", "Example", "Fix safety"]
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    assert positions(failing, code), f"{code}: failing example does not trigger"
    assert positions(passing, code) == [], f"{code}: passing example triggers"


@pytest.mark.parametrize(
    ("code", "name", "severity", "fix"),
    [
        ("PL501", "toc-anchor-unresolved", Severity.ERROR, "sometimes"),
        ("PL502", "toc-missing-entry", Severity.ERROR, "sometimes"),
        ("PL503", "link-empty", Severity.ERROR, "never"),
        ("PL504", "link-malformed", Severity.ERROR, "never"),
        ("PL505", "relative-link-missing", Severity.ERROR, "never"),
        ("PL506", "arxiv-link-style", Severity.WARNING, "sometimes"),
        ("PL507", "arxiv-month-mismatch", Severity.WARNING, "never"),
        ("PL508", "duplicate-paper", Severity.ERROR, "never"),
    ],
)
def test_rule_metadata(code: str, name: str, severity: Severity, fix: str) -> None:
    rule = get(code)
    assert (rule.name, rule.severity, rule.fix_availability.value) == (name, severity, fix)


# -- PL501 toc-anchor-unresolved ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [A](#transformerfam-feedback)\n" + HEAD + entry("TransformerFAM: Feedback"), []),
        # GitHub lowercases the fragment: a link that differs only in case works.
        ("- [A](#TransformerFAM-Feedback)\n" + HEAD + entry("TransformerFAM: Feedback"), []),
        ("- [A](#TRANSFORMERFAM-FEEDBACK)\n" + HEAD + entry("TransformerFAM: Feedback"), []),
        ("- [A](#TransformerFAM_Feedback)\n" + HEAD + entry("TransformerFAM: Feedback"), [(1, 7)]),
        ('<a id="custom"></a>\n- [A](#Custom)\n' + HEAD + entry("T"), []),
        ('<a name="Custom"></a>\n- [A](#Custom)\n' + HEAD + entry("T"), []),
        ("- [A](#nothing-here)\n" + HEAD + entry("TransformerFAM: Feedback"), [(1, 7)]),
        ("x [top](#) y\n" + HEAD + entry("T"), []),  # a bare "#" is the top of the page
        ("- [A](#llm)\n- [B](#202404)\n" + HEAD + entry("T"), []),  # any heading counts
        ("- [A](#t-1)\n" + HEAD + entry("T") + entry("T"), []),  # numbered repeats
        ('<a id="custom"></a>\n- [A](#custom)\n' + HEAD + entry("T"), []),  # HTML anchors
        ("- [A](#你好-世界)\n" + HEAD + entry("你好 世界"), []),  # percent-encoded by markdown-it
        ("```\n[A](#nope)\n```\n" + HEAD + entry("T"), []),  # code is not a link
    ],
)
def test_toc_anchor_positions(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL501") == expected


def test_toc_anchor_fix_rewrites_the_anchor_when_one_heading_matches_loosely() -> None:
    text = "- [A](#TransformerFAM_Feedback) `[x]`\n" + HEAD + entry("TransformerFAM: Feedback")
    problem = only(text, "PL501")
    assert problem.message == (
        "anchor `#TransformerFAM_Feedback` matches no heading; the heading "
        "`TransformerFAM: Feedback` (line 5) has the anchor `#transformerfam-feedback` "
        "— link to that"
    )
    assert problem.fix is not None and problem.fix.safe
    assert fixed(text, "PL501") == text.replace(
        "#TransformerFAM_Feedback", "#transformerfam-feedback"
    )


def test_toc_anchor_case_only_differences_are_working_links() -> None:
    # As in the real topic lists: `(#LongVideoGenaration)` for `# LongVideoGenaration`.
    # GitHub finds the heading, so nothing is reported and the fix rewrites nothing; a
    # link in the same ToC that is really broken is still reported and fixed.
    text = (
        "- [Long](#LongVideoGenaration)\n"
        "- [Ctrl](#ControllableGeneration)\n"
        "- [Dreamer](#Factorized-Dreamer-Training-A-Video-Generator)\n"
        "# LongVideoGenaration\n"
        "### Factorized-Dreamer: Training A Video Generator\n" + FIELDS + ""
        "# Controllable Generation\n"
        "### Cinemo\n" + FIELDS
    )
    assert positions(text, "PL501") == [(2, 10)]
    assert fixed(text, "PL501") == text.replace(
        "(#ControllableGeneration)", "(#controllable-generation)"
    )


def test_toc_anchor_fix_drops_nbsp_and_punctuation_differences() -> None:
    text = "- [A](#Mamba_Linear)\n" + HEAD + "#### Mamba:\u00a0Linear\n" + FIELDS
    assert fixed(text, "PL501") == text.replace("#Mamba_Linear", "#mambalinear")


def test_toc_anchor_without_fix_when_several_headings_match() -> None:
    text = "- [A](#A_B)\n" + HEAD + entry("A B") + entry("AB")
    problem = only(text, "PL501")
    assert problem.fix is None
    assert "several headings match it loosely" in problem.message


def test_toc_anchor_corpus_video_generation() -> None:
    problems = lint(VIDEO.read_text("utf-8"), select=("PL501",))
    # Links that differ from a heading's anchor only in case (`#LongVideoGenaration`,
    # `#HighFidelty`, `#Efficiency`, `#Controllable-Generation`, `#Factorized-Dreamer-…`)
    # work on GitHub and are not reported.
    assert [(p.line, p.column) for p in problems] == [
        (9, 30),
        (10, 27),
        (11, 78),  # LayerPano3D: its heading carries metadata, so its anchor is longer
    ]
    assert [p.fix is not None for p in problems] == [True, True, False]
    text = VIDEO.read_text("utf-8")
    result = fixed(text, "PL501")
    assert "](#controllable-generation)" in result and "](#multiview-generation)" in result
    for working in ("LongVideoGenaration", "HighFidelty", "Efficiency", "Controllable-Generation"):
        assert f"](#{working})" in result
    pairs = zip(text.splitlines(), result.splitlines(), strict=True)
    assert [number for number, (old, new) in enumerate(pairs, 1) if old != new] == [9, 10]


def test_toc_anchor_corpus_nbsp_heading() -> None:
    # The heading is written with a no-break space, which GitHub drops from the anchor.
    problem = only(MULTIVIEW.read_text("utf-8"), "PL501")
    assert (problem.line, problem.column) == (11, 71)
    assert "no-break spaces are dropped" in problem.message
    assert "#customizingtext-to-imagediffusionwithcameraviewpointcontrol" in problem.message


def test_toc_anchor_corpus_clean() -> None:
    assert corpus(CONTROL, "PL501") == []


# -- PL502 toc-missing-entry ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("toc_missing", [(12, 6), (15, 6), (21, 6)]), ("toc_nested", [(12, 5), (19, 5)])],
)
def test_toc_missing_fixture(name: str, expected: list[tuple[int, int]]) -> None:
    text = (LINKS / f"{name}.md").read_text("utf-8")
    assert positions(text, "PL502") == expected
    assert fixed(text, "PL502") == (LINKS / f"{name}.fixed.md").read_text("utf-8")
    assert positions(fixed(text, "PL502"), "PL502") == []


def test_toc_missing_message_and_one_fix_per_gap() -> None:
    problems = lint((LINKS / "toc_missing.md").read_text("utf-8"), select=("PL502",))
    assert problems[0].message == (
        "entry `Mamba: Linear-time sequence modeling` is not in the table of contents "
        "(line 4); add `- [Mamba: Linear-time sequence modeling]"
        "(#mamba-linear-time-sequence-modeling)`"
    )
    # Mamba and Hyena share one insertion point: one edit inserts both, in entry order.
    assert [p.fix is not None for p in problems] == [True, False, True]
    assert all(p.fix is None or not p.fix.safe for p in problems)


def test_toc_missing_fix_at_the_end_of_the_file() -> None:
    text = HEAD + entry("A") + entry("B") + entry("C") + "- [A](#a)\n- [B](#b)"
    assert fixed(text, "PL502") == text + "\n- [C](#c)"


def test_toc_missing_fix_before_the_first_item() -> None:
    text = "- [B](#b)\n- [C](#c)\n" + HEAD + entry("A") + entry("B") + entry("C")
    assert fixed(text, "PL502") == "- [A](#a)\n" + text


@pytest.mark.parametrize(
    "text",
    [
        HEAD + entry("A") + entry("B"),  # no table of contents at all
        "- [A](#a)\n" + HEAD + entry("A") + entry("B"),  # one link is not a ToC
        "- [A](#a)\n\n- [B](#b)\n" + HEAD + entry("A") + entry("B") + entry("C"),  # two lists
        "- [A](#A)\n- [B](#b)\n" + HEAD + entry("A") + entry("B"),  # loose match counts
        "- [A](#a)\n- [B title](#b-title)\n" + HEAD + entry("A") + entry("B title `[x]`"),
    ],
)
def test_toc_missing_passing(text: str) -> None:
    assert positions(text, "PL502") == []


def test_toc_missing_fix_goes_under_the_entry_category() -> None:
    # VideoGeneration's ToC groups its items under category links. The entries missing from
    # it are inserted in their own category's group, in entry order — none under another
    # category (High Fidelty's first entries once landed under Long Video Genaration).
    text = VIDEO.read_text("utf-8")
    result = fixed(text, "PL502").split("\n")
    assert result[6:20] == [
        "- 📌[Long Video Genaration](#LongVideoGenaration)",
        text.split("\n")[7],  # MovieDreamer
        "  - [xGen-VideoSyn-1: High-fidelity Text-to-Video Synthesis with Compressed "
        "Representations](#xgen-videosyn-1-high-fidelity-text-to-video-synthesis-with-"
        "compressed-representations)",
        "  - [CogVideoX: Text-to-Video Diffusion Models with An Expert Transformer]"
        "(#cogvideox-text-to-video-diffusion-models-with-an-expert-transformer)",
        "- 📌[Controllable Generation](#ControllableGeneration)",
        "- 📌[Multiview Generation](#MultiviewGeneration)",
        text.split("\n")[10],  # LayerPano3D
        "- 📌[High Fidelty](#HighFidelty)",
        "  - [DisCo-Diff: Enhancing Continuous Diffusion Models with Discrete Latents]"
        "(#disco-diff-enhancing-continuous-diffusion-models-with-discrete-latents)",
        "  - [No Training, No Problem: Rethinking Classifier-Free Guidance for Diffusion "
        "Models](#no-training-no-problem-rethinking-classifier-free-guidance-for-diffusion-"
        "models)",
        "  - [VEnhancer: Generative Space-Time Enhancement for Video Generation]"
        "(#venhancer-generative-space-time-enhancement-for-video-generation)",
        "  - [Vista: A Generalizable Driving World Model with High Fidelity and Versatile "
        "Controllability](#vista-a-generalizable-driving-world-model-with-high-fidelity-and-"
        "versatile-controllability)",
        text.split("\n")[12],  # Factorized-Dreamer
        "  - [Generative Inbetweening: Adapting Image-to-Video Models for Keyframe "
        "Interpolation](#generative-inbetweening-adapting-image-to-video-models-for-keyframe-"
        "interpolation)",
    ]
    assert result[20] == "- 📌[Efficiency](#Efficiency)"
    assert positions("\n".join(result), "PL502") == []


GROUPED = (
    "- [Long](#long)\n  - [A](#a)\n- [Fast](#fast)\n  - [C](#c)\n"
    "# Long\n### A\n" + FIELDS + "### B\n" + FIELDS + "# Fast\n### C\n" + FIELDS
)


def test_toc_missing_grouped_fix_keeps_entry_order_in_the_group() -> None:
    assert fixed(GROUPED, "PL502") == GROUPED.replace("  - [A](#a)\n", "  - [A](#a)\n  - [B](#b)\n")
    before = GROUPED.replace("  - [A](#a)\n", "").replace(
        "- [Fast](#fast)\n", "- [Fast](#fast)\n  - [A](#a)\n"
    )
    # A listed under the wrong group does not pull B there: B goes to its own, empty group.
    assert fixed(before, "PL502") == before.replace(
        "- [Long](#long)\n", "- [Long](#long)\n  - [B](#b)\n"
    )


def test_toc_missing_grouped_without_the_category_group_has_no_fix() -> None:
    text = GROUPED + "# Slow\n### D\n" + FIELDS
    problems = lint(text, select=("PL502",))
    # The ToC has no group for `# Slow`: D is reported, but where it belongs is unknown.
    assert [(p.line, p.fix is not None) for p in problems] == [(9, True), (17, False)]
    assert problems[1].message == (
        "entry `D` is not in the table of contents (line 1); add `- [D](#d)`"
    )


def test_toc_missing_corpus() -> None:
    assert corpus(CONTROL, "PL502") == []  # its ToC lists every entry
    found = corpus(VIDEO, "PL502")
    # 7 entries are really missing; 7 more have ToC items with malformed anchors (PL504).
    assert found == [(43, 5), (57, 5), (71, 5), (79, 5), (95, 5), (106, 5), (140, 5)]


# -- PL503 link-empty -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("\\[[paper](https://arxiv.org/abs/2404.1)\\][]", [(5, 42)]),
        ("\\[[code]()\\]", [(5, 3)]),
        ("[text]()", [(5, 1)]),
        ("x [](https://example.org) y", [(5, 3)]),
        ("[]() and []", [(5, 1), (5, 10)]),
        ("![](image.png)", []),  # an image without alt text is another matter
        ("`[]` in code and array[] here", []),
        ("\\[] escaped", []),
        ("[ ] a task box", []),
        ("[text](https://example.org)", []),
    ],
)
def test_link_empty_positions(line: str, expected: list[tuple[int, int]]) -> None:
    assert positions(HEAD + "#### T\n" + line + "\n" + FIELDS, "PL503") == expected


def test_link_empty_messages() -> None:
    assert only(HEAD + "#### T\n\\[[code]()\\]\n" + FIELDS, "PL503").message == (
        "link `[code]()` has no URL: add the URL or remove the link"
    )
    assert only(HEAD + "#### T\nx []\n" + FIELDS, "PL503").message == (
        "empty link `[]`: fill it in or remove it"
    )


def test_link_empty_skips_code_blocks() -> None:
    assert positions(HEAD + "#### T\n```\n[] [x]()\n```\n" + FIELDS, "PL503") == []


def test_link_empty_corpus() -> None:
    assert corpus(CONTROL, "PL503") == [(12, 232), (14, 241), (70, 75), (83, 77)]
    assert corpus(IMAGES, "PL503") == [(21, 179)]


# -- PL504 link-malformed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- [Efficient Video](#Efficient Video Diffusion)", [(5, 21)]),
        ("[x](a b)", [(5, 5)]),
        ("[x](www.example.com)", [(5, 5)]),
        ("[x](arxiv.org/abs/2404.09173)", [(5, 5)]),
        ("[[paper](https://a.org/x)", [(5, 1)]),
        ("[paper](https://a.org/x)]", [(5, 25)]),  # the `]` after the link, not the link's
        ("[paper]](https://a.org/x)", [(5, 8)]),
        ("[a `]` b](https://a.org/x) [", [(5, 28)]),  # a bracket in code is not markup
        ("[x](https://a.org/x", [(5, 5)]),
        ('[x](https://a.org/x "title")', []),
        ("[x](<a b>)", []),
        ("[x](README.md) [y](docs/paper.pdf) [z](#anchor)", []),
        ("[x](https://a.org/f(1)) and [SD][2024.5]", []),
        ("`[x](a b)` in code", []),
        ("not a link: [x] (a b)", []),
    ],
)
def test_link_malformed_positions(line: str, expected: list[tuple[int, int]]) -> None:
    assert positions(HEAD + "#### T\n" + line + "\n" + FIELDS, "PL504") == expected


@pytest.mark.parametrize(
    "text",
    [
        # `\][[code](…)\]`: a link between an escaped `]` and an escaped `]`; GitHub shows
        # `[paper][code]`, as in the real topic lists.
        "\\[[paper](https://a.org/x)\\][[code](https://b.org/y)\\]",
        "[SVD][2024.5][preprint]\\[[paper](https://a.org/x)\\][[code](https://b.org/y)\\]",
        # Link text that wraps onto the next line is one link (CommonMark).
        "\\[[paper](https://a.org/x)\\] \\[[project\npage](https://b.org/y)\\]",
        "- [Long title that the author\n  wrapped](#long-title) `[SD]`",
        "A [first link](https://a.org/x) and a [second\nlink](https://b.org/y) in one paragraph",
        "![figure [1]](fig.png) [x](https://a.org/x)",
        '[x](https://a.org/x "a ] in the title")',
    ],
)
def test_link_malformed_well_formed_links_are_not_unbalanced(text: str) -> None:
    assert positions(HEAD + "#### T\n" + text + "\n" + FIELDS, "PL504") == []


def test_link_malformed_unbalanced_bracket_found_across_a_wrapped_paragraph() -> None:
    # The brackets pair up across the paragraph's lines, as markdown-it parses it; a bracket
    # that nothing pairs with is reported on its own line.
    text = HEAD + "#### T\n[wrapped\ntitle](https://a.org/x) and ] [x](https://b.org/y)\n"
    assert positions(text + FIELDS, "PL504") == [(6, 29)]
    # A heading ends the paragraph: its `[` pairs with nothing below it.
    text = HEAD + "#### T [x](https://a.org/x) [\n] [y](https://b.org/y)\n"
    assert positions(text + FIELDS, "PL504") == [(4, 29), (5, 1)]


def test_link_malformed_corpus_escaped_brackets_around_a_link() -> None:
    # Control.md lines 11 and 64 write `\][[code](…)\]`: no longer reported (it renders as
    # `[code]`), while the real problems of these files are still found.
    control = CONTROL.read_text("utf-8").splitlines()
    assert "\\][[code](https://github.com/MC-E/ReVideo)\\]" in control[10]
    assert "\\][[code](https://github.com/MC-E/ReVideo)\\]" in control[63]
    assert corpus(CONTROL, "PL504") == []


def test_link_malformed_messages() -> None:
    message = only(HEAD + "#### T\n[x](www.example.com)\n" + FIELDS, "PL504").message
    assert message == (
        "link URL `www.example.com` has no scheme, so GitHub treats it as a file path: "
        "write `https://www.example.com`"
    )
    message = only(HEAD + "#### T\n[x](#Two words)\n" + FIELDS, "PL504").message
    assert message.startswith("link URL `#Two …` contains a space")


def test_link_malformed_corpus() -> None:
    found = corpus(VIDEO, "PL504")
    assert found[:2] == [(15, 86), (16, 103)]  # anchors with spaces
    assert (29, 196) not in found and (220, 69) not in found  # `\][[code](…)\]`


# Hostile lines of n units: brackets that never pair, links that never close.
HOSTILE_LINES: list[Callable[[int], str]] = [
    lambda n: "[" * n + "](" * n,
    lambda n: "](" * n,
    lambda n: "[](" * n,
    lambda n: "[x](a " * n,
    lambda n: "\\[" * n,
]


@needs_cpu_alarm
@pytest.mark.parametrize("code", ["PL503", "PL504"])
@pytest.mark.parametrize("line", HOSTILE_LINES)
def test_link_scans_stay_linear_on_hostile_lines(line: Callable[[int], str], code: str) -> None:
    # The rule alone, the parse excluded: PL504 parses a suspect paragraph's inline
    # content again, which on these lines costs about what the document's parse does.
    check = get(code).check
    assert check is not None
    documents: dict[str, Document] = {}

    def build(n: int) -> str:
        text = "# T\n" + line(20 * n) + "\n"
        if text not in documents:
            documents[text] = helpers.parse_text(text)
        return text

    def run(text: str) -> None:
        list(check(Context(documents[text])))

    with cpu_alarm():
        assert growth(run, build, floor=RULE_FLOOR, max_length=RULE_MAX_LENGTH) is None


# -- PL505 relative-link-missing ------------------------------------------------------------


def test_relative_link_missing(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "real file.md").write_text("x\n", "utf-8")
    text = (
        HEAD
        + "#### T\n"
        + "[a](docs/real%20file.md) [b](docs/gone.md#part) [c](docs) [d](https://x.org/y)\n"
        + "[e](mailto:a@b.org) [f](#t) [g](/abs/path.md) [h](docs/real%20file.md?plain=1)\n"
        + FIELDS
    )
    path = str(tmp_path / "list.md")
    problems = lint(text, select=("PL505",), path=path)
    assert [(p.line, p.column) for p in problems] == [(5, 30)]
    assert problems[0].message == (
        f"link to `docs/gone.md`: no such file next to list.md "
        f"(looked for {tmp_path / 'docs' / 'gone.md'}); fix the path or remove the link"
    )


def test_relative_link_missing_skips_stdin() -> None:
    assert lint(HEAD + "#### T\n[b](gone.md)\n" + FIELDS, select=("PL505",), path="-") == []


def test_relative_link_missing_corpus() -> None:
    # The corpus files' relative links (none exist in the copies) are all web links.
    assert corpus(CONTROL, "PL505") == []


# -- PL506 arxiv-link-style -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://arxiv.org/pdf/2404.09173", "https://arxiv.org/abs/2404.09173"),
        ("https://arxiv.org/pdf/2404.09173v2.pdf", "https://arxiv.org/abs/2404.09173v2"),
        ("http://arxiv.org/abs/2404.09173", "https://arxiv.org/abs/2404.09173"),
        ("https://www.arxiv.org/abs/2404.09173v1", "https://arxiv.org/abs/2404.09173v1"),
        ("https://arxiv.org/html/2404.09173v1", "https://arxiv.org/abs/2404.09173v1"),
        ("http://arxiv.org/pdf/hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
    ],
)
def test_arxiv_link_style_fix(url: str, canonical: str) -> None:
    text = HEAD + f"#### T\n\\[[paper]({url})\\]\n" + FIELDS
    problem = only(text, "PL506")
    assert (problem.line, problem.column) == (5, 11)
    assert problem.message == (f"arXiv link `{url}` is not the abstract page: write `{canonical}`")
    assert problem.fix is not None and not problem.fix.safe
    assert problem.fix.changes == frozenset({"url"})
    assert fixed(text, "PL506") == text.replace(url, canonical)


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2404.09173",
        "https://arxiv.org/abs/2404.09173v3",
        "https://arxiv.org/list/cs.CV/recent",
        "https://github.com/arxiv/arxiv-browse",
    ],
)
def test_arxiv_link_style_passing(url: str) -> None:
    assert positions(HEAD + f"#### T\n[paper]({url})\n" + FIELDS, "PL506") == []


def test_arxiv_link_style_corpus() -> None:
    found = corpus(CONTROL, "PL506")
    assert found[:3] == [(5, 213), (6, 202), (7, 170)]
    assert len(found) == 22
    text = CONTROL.read_text("utf-8")
    result = fixed(text, "PL506")
    assert "arxiv.org/pdf" not in result
    assert result.count("https://arxiv.org/abs/2407.07860") == 4


# -- PL507 arxiv-month-mismatch -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + entry("T", "\\[[paper](https://arxiv.org/abs/2404.09173)\\]"), []),
        (HEAD + entry("T", "\\[[paper](https://arxiv.org/abs/2403.09173)\\]"), [(5, 11)]),
        (
            HEAD
            + entry("T", "[p](https://arxiv.org/abs/2312.1v2) [q](https://arxiv.org/abs/2312.1)"),
            [],
        ),
        (
            "# Topic\n### T\n[SD][2024.7]\\[[paper](https://arxiv.org/pdf/2407.07860)\\]\n"
            + FIELDS,
            [],
        ),
        (
            "# Topic\n### T\n[SD][2024.5]\\[[paper](https://arxiv.org/pdf/2404.15789)\\]\n"
            + FIELDS,
            [(3, 23)],
        ),
        (
            "# Topic\n### T `[2024.05]` \\[[paper](https://arxiv.org/abs/2403.14148)\\]\n" + FIELDS,
            [(2, 29)],
        ),
        ("# Topic\n### T\n[SD]\\[[paper](https://arxiv.org/abs/2403.14148)\\]\n" + FIELDS, []),
    ],
)
def test_arxiv_month_positions(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL507") == expected


def test_arxiv_month_message_and_tolerance() -> None:
    text = HEAD + entry("T", "\\[[paper](https://arxiv.org/abs/2402.09173)\\]")
    assert only(text, "PL507").message == (
        "arXiv id 2402.09173 is from 2024-02 but the entry's month `202404` says otherwise: "
        "check the link and the month"
    )
    one = Settings(rule_options={"PL507": {"tolerance": 1}})
    two = Settings(rule_options={"PL507": {"tolerance": 2}})
    assert positions(text, "PL507", one) == [(5, 11)]
    assert positions(text, "PL507", two) == []
    assert get("PL507").options["tolerance"].default == 0


def test_arxiv_month_across_a_year() -> None:
    text = "# L\n## 202401\n### C\n" + entry("T", "[p](https://arxiv.org/abs/2312.00001)")
    assert positions(text, "PL507") == [(5, 5)]
    assert positions(text, "PL507", Settings(rule_options={"PL507": {"tolerance": 1}})) == []


def test_arxiv_month_corpus() -> None:
    assert corpus(CONTROL, "PL507") == [(70, 40)]  # MotionMaster: 2404.15789 under [2024.5]
    assert corpus(VIDEO, "PL507") == [(160, 117), (225, 40)]


# -- PL508 duplicate-paper ------------------------------------------------------------------


def test_duplicate_title_within_a_file() -> None:
    text = HEAD + entry("TransformerFAM: Feedback") + entry("transformerfam —\u00a0feedback")
    problem = only(text, "PL508")
    assert (problem.line, problem.column) == (7, 6)
    assert problem.message == (
        "paper `transformerfam — feedback` is listed twice (same title): also at line 4 "
        "(`TransformerFAM: Feedback`); keep one entry"
    )


def test_duplicate_arxiv_id_within_a_file() -> None:
    text = (
        HEAD
        + entry("A", "[p](https://arxiv.org/abs/2404.09173v1)")
        + entry("B", "[p](https://arxiv.org/pdf/2404.09173v2)")
        + entry("C", "[p](https://arxiv.org/abs/2404.09174)")
    )
    problem = only(text, "PL508")
    assert (problem.line, problem.column) == (8, 6)
    # Same id, other title: one wrong link, not a paper to delete.
    assert problem.message == (
        "entry `B` links arXiv 2404.09173, as does `A` at line 4, under another title: "
        "one of the two links is probably wrong; check which paper that id is"
    )


def test_duplicate_arxiv_id_and_title_is_a_duplicate_paper() -> None:
    text = (
        HEAD
        + entry("1. A paper", "[p](https://arxiv.org/abs/2404.09173v1)")
        + entry("[2] *A paper*", "[p](https://arxiv.org/pdf/2404.09173v2)")
    )
    problem = only(text, "PL508")
    assert problem.message.startswith("paper `")
    assert problem.message.endswith("keep one entry")


def test_duplicate_title_ignores_heading_metadata() -> None:
    text = "# T\n### Phased Consistency Model `[2024.05]`\n" + FIELDS
    text += "### Phased Consistency Model\n" + FIELDS
    assert positions(text, "PL508") == [(5, 5)]


def test_no_duplicates() -> None:
    assert positions(HEAD + entry("A") + entry("B") + entry("A B"), "PL508") == []


def test_duplicate_corpus() -> None:
    # Cinemo and "Controlling Space and Time" link the same arXiv paper.
    assert corpus(CONTROL, "PL508") == [(57, 5)]
    assert corpus(VIDEO, "PL508") == [(214, 5)]


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, "utf-8")
    return str(path)


def test_duplicates_across_files(tmp_path: Path) -> None:
    first = _write(
        tmp_path,
        "a.md",
        HEAD + entry("Shared Paper") + entry("Only A", "[p](https://arxiv.org/abs/2404.00001)"),
    )
    second = _write(
        tmp_path,
        "b.md",
        "# L\n## 202404\n### C\n"
        + entry("Other")
        + entry("Renamed", "[p](https://arxiv.org/pdf/2404.00001v2)")
        + entry("shared  paper!"),
    )
    results = Checker(Settings(select=("PL508",))).run([first, second])
    found = {(Path(p.path).name, p.line, p.column, p.message) for r in results for p in r.problems}
    assert found == {
        (
            "a.md",
            4,
            6,
            f"paper `Shared Paper` is also listed in another file (same title): also at "
            f"{second}:11 (`shared paper!`); keep one entry",
        ),
        (
            "a.md",
            7,
            6,
            f"entry `Only A` links arXiv 2404.00001, as does `Renamed` at {second}:7, under "
            "another title: one of the two links is probably wrong; check which paper that id is",
        ),
        (
            "b.md",
            7,
            6,
            f"entry `Renamed` links arXiv 2404.00001, as does `Only A` at {first}:7, under "
            "another title: one of the two links is probably wrong; check which paper that id is",
        ),
        (
            "b.md",
            11,
            6,
            f"paper `shared paper!` is also listed in another file (same title): also at "
            f"{first}:4 (`Shared Paper`); keep one entry",
        ),
    }


def test_cross_file_duplicates_not_repeated_for_within_file_duplicates(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", HEAD + entry("Same") + entry("Same"))
    second = _write(tmp_path, "b.md", HEAD + entry("Same"))
    results = Checker(Settings(select=("PL508",))).run([first, second])
    found = [
        (Path(p.path).name, p.line, "another file" in p.message)
        for r in results
        for p in r.problems
    ]
    assert sorted(found) == [("a.md", 4, True), ("a.md", 7, False), ("b.md", 4, True)]


def test_cross_file_duplicates_off_when_not_selected(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", HEAD + entry("Same"))
    second = _write(tmp_path, "b.md", HEAD + entry("Same"))
    results = Checker(Settings(select=("PL501",))).run([first, second])
    assert [p for r in results for p in r.problems] == []
    assert all(r.summaries == {} for r in results)


def test_scope_file_keeps_duplicates_within_each_file(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", HEAD + entry("Same") + entry("Same"))
    second = _write(tmp_path, "b.md", HEAD + entry("Same"))
    settings = Settings(select=("PL508",), rule_options={"PL508": {"scope": "file"}})
    results = Checker(settings).run([first, second])
    assert [(Path(p.path).name, p.line, p.message) for r in results for p in r.problems] == [
        (
            "a.md",
            7,
            "paper `Same` is listed twice (same title): also at line 4 (`Same`); keep one entry",
        )
    ]
    assert [r.summaries for r in results] == [{}, {}]


def test_per_file_ignores_apply_to_cross_file_duplicates(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", HEAD + entry("Same"))
    second = _write(tmp_path, "b.md", HEAD + entry("Same"))
    settings = Settings(
        select=("PL508",),
        per_file_ignores={"b.md": ("PL508",)},
        origin=str(tmp_path / "paperlint.toml"),
    )
    results = Checker(settings).run([first, second])
    assert [(Path(p.path).name, p.line) for r in results for p in r.problems] == [("a.md", 4)]


def test_cross_file_duplicates_in_the_corpus() -> None:
    results = Checker(Settings(select=("PL508",))).run([str(CONTROL), str(VIDEO)])
    control, video = results
    cross = [p for p in control.problems if "another file" in p.message]
    assert len(cross) == 11  # every Control.md paper is also in VideoGeneration.md
    assert cross[0].line == 19
    assert f"also at {VIDEO}:194" in cross[0].message
    assert len([p for p in video.problems if "another file" in p.message]) == 11


def test_paper_index_is_small_and_picklable() -> None:
    import pickle

    result = Checker(replace(Settings(), select=("PL508",))).check_path(str(CONTROL))
    papers = result.summaries["PL508"]
    assert len(papers) == 12
    assert papers[0].arxiv == ("2407.07860",)
    assert pickle.loads(pickle.dumps(result.summaries)) == result.summaries


def test_toc_item_with_a_malformed_anchor_still_counts_as_present() -> None:
    """`[Title](#anchor with spaces)` is PL504's problem; the entry is in the ToC (no PL502)."""
    text = (
        "# Papers\n"
        "- [Alpha Paper](#alpha-paper)\n"
        "- [Beta Paper](#beta-paper)\n"
        "- [Gamma Paper](#Gamma Paper)\n"
        "## 202404\n### LLM\n"
        "#### Alpha Paper\n- `Keypoints:` a\n- `Objective:` b\n"
        "#### Beta Paper\n- `Keypoints:` a\n- `Objective:` b\n"
        "#### Gamma Paper\n- `Keypoints:` a\n- `Objective:` b\n"
        "#### Delta Paper\n- `Keypoints:` a\n- `Objective:` b\n"
    )
    assert positions(text, "PL502") == [(16, 6)]
    assert positions(text, "PL504") == [(4, 17)]
