"""Details-block rules PL301–PL306: exact positions, messages and fixed text."""

from __future__ import annotations

import pytest

import helpers
from helpers import CORPUS, FIXTURES, REFERENCE, lint, positions
from paperlint.checker import Checker
from paperlint.fix import fix_source
from paperlint.problem import Problem
from paperlint.render import Rendering, details_elements, dom
from paperlint.rules import get
from paperlint.settings import Settings
from paperlint.source import decode

DETAILS = FIXTURES / "rules" / "details"
MONTHLY_0405 = CORPUS / "monthly-h3" / "PaperList_202405.md__2024-07-19__b0ca1c2240.md"
VIDEO = CORPUS / "topic" / "VideoGeneration.md__2024-09-12__2404c4acda.md"

ENTRY = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


def fixed(data: str | bytes, code: str) -> str:
    """``data`` with every fix of ``code`` applied, unsafe ones included."""
    return helpers.fixed(data, code, unsafe=True)


def only(text: str | bytes, code: str) -> Problem:
    problems = lint(text, select=(code,))
    assert len(problems) == 1, problems
    return problems[0]


# -- fixture pairs: input, positions, fixed text ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "code", "expected"),
    [
        ("unclosed", "PL301", [(6, 5)]),
        ("summary-missing", "PL302", [(6, 5)]),
        ("summary-blank-line", "PL303", [(7, 21)]),
        ("close-indent", "PL304", [(10, 3), (19, 1)]),
        ("html-swallows", "PL306", [(10, 1), (21, 1)]),
    ],
)
def test_fixture_pairs(name: str, code: str, expected: list[tuple[int, int]]) -> None:
    text = (DETAILS / f"{name}.md").read_text("utf-8")
    assert positions(text, code) == expected
    assert fixed(text, code) == (DETAILS / f"{name}.fixed.md").read_text("utf-8")
    assert positions((DETAILS / f"{name}.fixed.md").read_bytes(), code) == []


@pytest.mark.parametrize("code", ["PL301", "PL302", "PL303", "PL304", "PL305", "PL306"])
def test_details_in_code_fences_and_code_spans_are_ignored(code: str) -> None:
    assert positions((DETAILS / "in-code.md").read_bytes(), code) == []


@pytest.mark.parametrize("code", ["PL301", "PL302", "PL303", "PL304", "PL305", "PL306"])
def test_doc_examples(code: str) -> None:
    failing, passing = get(code).examples()
    assert failing is not None and passing is not None
    assert positions(failing, code)
    assert positions(passing, code) == []


# -- PL301 details-unclosed -----------------------------------------------------------------


def test_unclosed_reference_block_is_closed_before_the_next_heading() -> None:
    data = REFERENCE.read_bytes()
    problem = only(data, "PL301")
    assert (problem.line, problem.column) == (43, 5)
    assert problem.message == (
        "`<details>` is never closed; the list item closes it at line 47, so GitHub shows "
        "the block up to there; add `</details>` after line 47"
    )
    assert problem.fix is not None and not problem.fix.safe
    lines = fixed(data, "PL301").split("\n")
    assert lines[46].startswith("    - `Discussion:`")
    assert lines[47:52] == ["    </details>", "", "", "", lines[51]]
    assert lines[51].startswith("#### Customizing")


def test_unclosed_wins_over_the_schema_error_at_the_same_position() -> None:
    """The schema reports PL301 too; the checker keeps one problem, the one with the fix."""
    problems = lint(REFERENCE.read_bytes(), select=("PL301",))
    assert [(p.line, p.column, p.fix is not None) for p in problems] == [(43, 5, True)]


def test_unclosed_tag_goes_where_no_list_item_takes_it_in() -> None:
    """VideoGeneration line 76 is a bullet at indent 2: `</details>` at the summary's
    column 5 would become text of that bullet, so it goes at the bullet's marker."""
    data = VIDEO.read_bytes()
    assert positions(data, "PL301") == [(74, 5), (84, 5), (98, 5), (111, 5)]
    lines = fixed(data, "PL301").split("\n")
    assert lines[77] == "  </details>"  # after line 77 (the image of line 76's bullet)
    assert lines[94] == "    </details>"  # after line 93 (moved down by the first insert)


def test_unclosed_at_end_of_file() -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n"
    problem = only(text, "PL301")
    assert (problem.line, problem.column) == (6, 5)
    assert "the list item closes it at line 9, so GitHub shows the block up to there" in (
        problem.message
    )
    assert fixed(text, "PL301") == text + "    </details>\n"


def test_unclosed_at_the_top_level_hides_the_following_papers() -> None:
    """No list item closes a `<details>` at column 1: the browser keeps it open, and the
    next paper's heading is hidden inside it (the DOM says so too)."""
    text = (
        ENTRY
        + "<details>\n<summary>Details</summary>\n\n- `Method:` d\n\n"
        + ("#### B Paper\n- `Keypoints:` e\n- `Objective:` f\n")
    )
    problem = only(text, "PL301")
    assert problem.message == (
        "`<details>` is never closed; GitHub hides everything after it inside it, up to the "
        "end of the file, the heading on line 11 and all after it included; add `</details>` "
        "after line 9"
    )
    [element] = details_elements(dom(text))
    assert element.headings == [11]


def test_unclosed_at_the_top_level_is_closed_by_a_later_stray_close() -> None:
    text = (
        ENTRY
        + "<details>\n<summary>Details</summary>\n\n- `Method:` d\n\n"
        + ("#### B Paper\n- `Keypoints:` e\n- `Objective:` f\n</details>\n\n#### C\n")
    )
    problem = lint(text, select=("PL301",))[0]
    assert "up to the `</details>` on line 14, the heading on line 11" in problem.message
    [element] = details_elements(dom(text))
    assert element.headings == [11]
    assert element.last_line == 13


def test_eleven_unclosed_blocks_at_one_place_are_closed_in_one_run() -> None:
    """Their closing tags land at one offset: one edit closes them all (issue 12 item 9)."""
    opened = "".join(f"<details><summary>S{i}</summary>\n" for i in range(12))
    text = ENTRY + opened + "\n- x\n\n#### B Paper\n- `Keypoints:` e\n- `Objective:` f\n"
    assert len(lint(text, select=("PL301",))) == 12
    checker = Checker(Settings(select=("PL301",)))
    outcome = fix_source(checker, decode(text.encode(), "t.md"), unsafe=True)
    assert not outcome.refused and len(outcome.applied) == 12 and outcome.passes == 1
    assert outcome.fixed.text.count("</details>") == 12
    assert lint(outcome.fixed.text, select=("PL301",)) == []


def test_closed_block_passes() -> None:
    text = (
        ENTRY
        + "-   <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n    </details>\n"
    )
    assert positions(text, "PL301") == []


# -- PL302 details-summary-missing ----------------------------------------------------------


def test_summary_missing_in_a_corpus_block() -> None:
    """The reference file's first block with its summary line deleted."""
    lines = REFERENCE.read_text("utf-8").split("\n")
    assert lines[13] == "    <summary>Details</summary>"
    text = "\n".join(lines[:13] + lines[14:])
    problem = only(text, "PL302")
    assert (problem.line, problem.column) == (13, 5)
    assert fixed(text, "PL302") == REFERENCE.read_text("utf-8")


def test_summary_missing_top_level_block_keeps_column_one() -> None:
    text = ENTRY + "\n<details>\n\n- `Method:` d\n</details>\n"
    assert positions(text, "PL302") == [(7, 1)]
    assert fixed(text, "PL302") == ENTRY + (
        "\n<details>\n<summary>Details</summary>\n\n- `Method:` d\n</details>\n"
    )


def test_summary_on_the_details_line_passes() -> None:
    text = ENTRY + "- <details><summary>Details</summary>\n\n  - `Method:` d\n  </details>\n"
    assert positions(text, "PL302") == []


# -- PL303 details-summary-blank-line -------------------------------------------------------


def test_summary_blank_line_in_corpus() -> None:
    data = VIDEO.read_bytes()
    problem = only(data, "PL303")
    assert (problem.line, problem.column) == (75, 21)
    lines = fixed(data, "PL303").split("\n")
    assert lines[74:77] == ["    <summary>Details</summary>", "", "  - `Methods:`"]


@pytest.mark.parametrize(
    "after",
    [
        "\n    - `Method:` d\n    </details>\n",  # the blank line is there
        "    </details>\n",  # nothing inside the block
        '    <img src="https://example.org/a.png">\n    </details>\n',  # HTML renders anyway
    ],
)
def test_summary_blank_line_passes(after: str) -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n" + after
    assert positions(text, "PL303") == []


def test_summary_closed_on_a_later_line() -> None:
    text = ENTRY + "-   <details>\n    <summary>\n    Details</summary>\n    - `Method:` d\n"
    assert positions(text, "PL303") == [(8, 12)]
    assert fixed(text, "PL303") == text.replace("Details</summary>\n", "Details</summary>\n\n")


# -- PL304 details-close-indent -------------------------------------------------------------


def test_close_indent_reference() -> None:
    data = REFERENCE.read_bytes()
    problems = lint(data, select=("PL304",))
    assert [(p.line, p.column) for p in problems] == [(90, 1), (107, 1)]
    assert problems[0].message == (
        "`</details>` at column 1; its `<summary>` is at column 5 — indent it to match"
    )
    lines = fixed(data, "PL304").split("\n")
    assert (lines[89], lines[106]) == ("    </details>", "    </details>")
    original = REFERENCE.read_text("utf-8").split("\n")
    assert [i for i, (a, b) in enumerate(zip(original, lines, strict=True)) if a != b] == [89, 106]


def test_close_indent_without_summary_line_uses_the_details_content() -> None:
    text = ENTRY + "- <details><summary>Details</summary>\n\n  - `Method:` d\n</details>\n"
    problem = only(text, "PL304")
    assert (problem.line, problem.column) == (9, 1)
    assert "its `<details>` content is at column 3" in problem.message
    assert fixed(text, "PL304") == text.replace("\n</details>", "\n  </details>")


@pytest.mark.parametrize(
    "close",
    [
        "    </details>",  # aligned with the summary
        "    - `Results:` e </details>",  # text before the tag: nothing to re-indent
    ],
)
def test_close_indent_passes(close: str) -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n"
    assert positions(text + close + "\n", "PL304") == []


def test_close_indent_accepts_the_marker_of_a_list_item_that_would_take_it_in() -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n  - `Methods:`\n  </details>\n"
    assert positions(text, "PL304") == []


# -- PL305 details-stray-close --------------------------------------------------------------


def test_stray_close_from_corpus_text() -> None:
    """The reference file's first block with its opening line deleted."""
    lines = REFERENCE.read_text("utf-8").split("\n")
    assert lines[12] == "-   <details>"
    text = "\n".join(lines[:12] + lines[13:])
    problem = only(text, "PL305")
    assert (problem.line, problem.column) == (19, 5)
    assert problem.fix is None
    assert problem.message == (
        "`</details>` closes no open `<details>` in this section; remove it or add the "
        "missing `<details>`"
    )


def test_stray_close_is_counted_per_section() -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n\n#### B\n- `Keypoints:` x\n"
    text += "    </details>\n"
    assert positions(text, "PL305") == [(11, 5)]


# -- PL306 html-swallows-markdown ----------------------------------------------------------


def test_html_swallows_markdown_in_corpus() -> None:
    data = MONTHLY_0405.read_bytes()  # CRLF file
    problems = lint(data, select=("PL306",))
    assert [(p.line, p.column) for p in problems] == [(91, 1), (106, 1), (121, 1)]
    assert problems[0].message == (
        "the HTML block that starts on line 88 runs into this line, so GitHub renders it "
        "as HTML text; add an empty line before it"
    )
    lines = fixed(data, "PL306").split("\n")
    assert lines[89:92] == ["</p>", "", "-   <details>"]
    assert len(lines) == len(decode(data, "x").lines) + 3


@pytest.mark.parametrize(
    "html",
    [
        '<p align="center">\n  <img src="a.png" />\n</p>\n\n- `Method:` d\n',  # blank line
        "<details>\n<summary>Details</summary>\n- `Method:` d\n</details>\n",  # PL303's
        '<div>\n  <img src="a.png" />\n  text\n</div>\n',  # HTML only
        "```html\n<p>\n- not Markdown\n</p>\n```\n",  # code
    ],
)
def test_html_swallows_markdown_passes(html: str) -> None:
    assert positions(ENTRY + "\n" + html, "PL306") == []


# -- CRLF ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("unclosed", "PL301"),
        ("summary-missing", "PL302"),
        ("summary-blank-line", "PL303"),
        ("close-indent", "PL304"),
        ("html-swallows", "PL306"),
    ],
)
def test_crlf_input_same_positions_and_fix(name: str, code: str) -> None:
    text = (DETAILS / f"{name}.md").read_text("utf-8")
    crlf = text.replace("\n", "\r\n").encode("utf-8")
    assert positions(crlf, code) == positions(text, code)
    assert positions(crlf, "PL605") == []
    assert fixed(crlf, code) == (DETAILS / f"{name}.fixed.md").read_text("utf-8")


# -- fixes that must settle: the inserted or moved tag stays a tag ------------------------


def test_unclosed_after_code_closes_at_column_one() -> None:
    """`-    <details>` puts the content at column 6: the summary and bullets below are
    indented code, and a `</details>` indented like them would be code too."""
    text = ENTRY + "-    <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n\n#### B\n"
    assert positions(text, "PL301") == [(6, 6)]
    result = fixed(text, "PL301")
    assert result == text.replace("d\n\n#### B", "d\n</details>\n\n#### B")
    assert positions(result, "PL301") == [] and positions(result, "PL304") == []


def test_close_indent_keeps_the_tag_out_of_code_after_a_paragraph() -> None:
    text = ENTRY + "-   <details>\n    <summary>Details</summary>\n\n    - `Method:` d\n\n"
    text += "A paragraph.\n\n</details>\n"
    assert positions(text, "PL304") == []


@pytest.mark.parametrize(
    "text",
    [
        ENTRY + "-<details>   <details>\n    <summary>Details</summary>\n\n    </details>\n",
        ENTRY.replace("c\n", "c <details>\n"),
    ],
    ids=["two-on-a-line", "inline-in-a-field"],
)
def test_summary_missing_without_fix_where_the_summary_would_not_attach(text: str) -> None:
    problem = only(text, "PL302")
    assert problem.fix is None


# -- PL307: what GitHub shows of an entry's notes (the two shapes of issue 14) ---------------

MATH_AT_COLUMN_ONE = (
    ENTRY
    + "-   <details>\n    <summary>Details</summary>\n\n"
    + "    - `Method:` two techniques.\n        - `Guidance:`\n"
    + "The model is trained with conditions.\n\n$$\nx = 1\n$$\n\nBased on that, it works.\n"
    + "        - `Time-step Guidance:` e\n    - `Metric:` f\n    </details>\n"
)

IMAGE_AT_COLUMN_ONE = (
    ENTRY
    + "-   <details>\n    <summary>Details</summary>\n\n"
    + '<p align="center"><img src="fig.png" width="450" /></p>\n\n'
    + "    - `Method:` d\n</details>\n"
)


def test_math_block_at_column_one_turns_the_following_bullets_into_text() -> None:
    """`$$` at column 1 ends the list item; the bullets after the next paragraph join it
    as plain text (the oracle agrees)."""
    found = [(p.line, p.column, p.message) for p in lint(MATH_AT_COLUMN_ONE, select=("PL307",))]
    assert [(line, column) for line, column, _ in found] == [(18, 9), (19, 5)]
    assert found[0][2] == (
        "this bullet appears as plain text: GitHub joins it to the paragraph that starts on "
        "line 17, not as a list item; indent it as the list it belongs to, or end the "
        "paragraph with an empty line"
    )
    assert Rendering(MATH_AT_COLUMN_ONE).stray_bullets() == {18: "text", 19: "text"}


def test_bullet_indented_past_its_block_after_a_blank_line_is_a_code_block() -> None:
    problem = only(IMAGE_AT_COLUMN_ONE, "PL307")
    assert (problem.line, problem.column) == (11, 1)
    assert problem.message == (
        "line 11 renders as a code block: it is indented four or more columns past the text "
        "above, after a blank line; indent it as the list item it belongs to"
    )
    assert Rendering(IMAGE_AT_COLUMN_ONE).indented_code() == [(11, 11)]


def test_code_block_with_a_closing_tag_says_the_tag_is_shown_as_code() -> None:
    text = (
        ENTRY
        + "-   <details>\n    <summary>Details</summary>\n\n<p>x</p>\n\n"
        + ("    - `Method:` d\n    </details>\n")
    )
    problem = only(text, "PL307")
    assert problem.message.startswith(
        "lines 11–12 render as a code block (`</details>` included, as code text): they are"
    )
    assert Rendering(text).indented_code() == [(11, 12)]


def test_nested_bullets_that_render_as_a_list_pass() -> None:
    text = (
        ENTRY
        + "-   <details>\n    <summary>Details</summary>\n\n"
        + ("    - `Method:` d\n        - one\n        - two\n    </details>\n")
    )
    assert lint(text, select=("PL307",)) == []
