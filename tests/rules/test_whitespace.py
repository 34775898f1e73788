"""Whitespace rules PL601–PL605: exact positions, messages and fixed text."""

from __future__ import annotations

import pytest

from growth import RULE_FLOOR, RULE_MAX_LENGTH, cpu_alarm, growth, needs_cpu_alarm
from helpers import CORPUS, FIXTURES, REFERENCE, lint, parse_text, positions, splice
from paperlint.model import Document
from paperlint.rules import get, whitespace
from paperlint.rules.base import Context
from paperlint.source import decode

WHITESPACE = FIXTURES / "rules" / "whitespace"
VIDEO = CORPUS / "topic" / "VideoGeneration.md__2024-09-12__2404c4acda.md"
MULTIVIEW = CORPUS / "topic" / "MultiView.md__2024-08-29__028bec48f5.md"
MONTHLY_0404 = CORPUS / "monthly-h3" / "PaperList_202404.md__2024-06-04__a10822882a.md"

LINE_RULES = ("PL601", "PL602", "PL603", "PL604")
ENTRY = "#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


def fixed(data: str | bytes, *codes: str) -> str:
    """``data`` with the fixes of each rule applied in turn, re-linting between rules (on
    the text written back in the file's own newlines and BOM, as the engine would)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    source = decode(raw, "test.md")
    text = source.text
    for code in codes:
        problems = lint(source.encode(text), select=(code,))
        text = splice(text, [e for p in problems if p.fix for e in p.fix.edits])
    return text


@pytest.mark.parametrize("code", ["PL601", "PL602", "PL603", "PL604", "PL605"])
def test_doc_examples(code: str) -> None:
    failing, passing = get(code).examples()
    assert failing is not None and passing is not None
    assert positions(failing, code)
    assert positions(passing, code) == []


# -- one fixture with every defect ----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("PL601", [(1, 10), (4, 1), (7, 20), (9, 14)]),  # not 8 (hard break) nor 13 (code)
        ("PL602", [(4, 1), (19, 1)]),  # not 15 (code)
        ("PL603", [(6, 7)]),  # not 10 (code span) nor 16 (code)
        ("PL604", [(22, 17)]),
        ("PL605", []),
    ],
)
def test_mixed_fixture_positions(code: str, expected: list[tuple[int, int]]) -> None:
    assert positions((WHITESPACE / "mixed.md").read_bytes(), code) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_mixed_fixture_fixed(newline: str) -> None:
    data = (WHITESPACE / "mixed.md").read_bytes().replace(b"\n", newline.encode())
    result = fixed(data, "PL601", "PL602", "PL603", "PL604")
    assert result == (WHITESPACE / "mixed.fixed.md").read_text("utf-8")
    for code in ("PL601", "PL602", "PL603", "PL604"):
        assert positions(result, code) == []  # idempotent: nothing left to fix


# -- PL601 trailing-whitespace --------------------------------------------------------------


def test_trailing_whitespace_corpus() -> None:
    data = REFERENCE.read_bytes()
    problems = lint(data, select=("PL601",))
    assert [(p.line, p.column) for p in problems][:3] == [(16, 16), (21, 1), (29, 16)]
    assert problems[0].message == "trailing whitespace (1 character); remove it"
    assert problems[1].message == "whitespace-only line (4 characters); remove it"
    lines = fixed(data, "PL601").split("\n")
    assert lines[15] == "    - `Method:`"
    assert lines[20] == ""
    assert len(lines) == len(decode(data, "x").lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  \nb\n", []),  # hard break inside a paragraph
        ("- a  \n  b\n", []),  # hard break inside a list item
        ("a \nb\n", [(1, 2)]),  # one space is no hard break
        ("a\t\t\nb\n", [(1, 2)]),  # tabs are no hard break
        ("a  \n\nb\n", [(1, 2)]),  # nothing of the paragraph follows
        ("a  \n- b\n", [(1, 2)]),  # a bullet starts a new block
        ("# Title  \ntext\n", [(1, 8)]),  # headings have no hard breaks
        ("a  \n", [(1, 2)]),  # last line
        ("Title  \n=====\n", [(1, 6)]),  # setext heading
        ("    code  \n", []),  # indented code
        ("   \n", [(1, 1)]),  # whitespace-only
    ],
)
def test_trailing_whitespace_cases(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL601") == expected


def test_trailing_whitespace_crlf() -> None:
    data = b"#### A Paper \r\n- `Keypoints:` a; b\r\n- `Objective:` c\t\r\n"
    assert positions(data, "PL601") == [(1, 13), (3, 17)]
    assert fixed(data, "PL601") == ENTRY


# -- PL602 blank-lines ----------------------------------------------------------------------


def test_blank_lines_corpus() -> None:
    data = REFERENCE.read_bytes()
    problems = lint(data, select=("PL602",))
    assert [(p.line, p.column) for p in problems] == [(3, 1), (22, 1), (49, 1)]
    assert problems[0].message == "3 blank lines in a row; keep one (delete lines 3-4)"
    assert problems[1].message == "2 blank lines in a row; keep one (delete this line)"
    lines = fixed(data, "PL602").split("\n")
    assert lines[:4] == ["# Introduction", "", "# PaperList", ""]
    assert len(lines) == len(decode(data, "x").lines) - 5


@pytest.mark.parametrize(
    ("text", "expected", "result"),
    [
        ("a\n\n\nb\n", [(3, 1)], "a\n\nb\n"),
        ("a\n \n\t\n\nb\n", [(3, 1)], "a\n \nb\n"),  # whitespace-only lines count
        ("\n\na\n", [(2, 1)], "\na\n"),  # at the start of the file
        ("a\n\nb\n\nc\n", [], "a\n\nb\n\nc\n"),
        ("a\n\n\n", [], "a\n\n\n"),  # at the end: PL604's
        ("```\n\n\n\n```\n", [], "```\n\n\n\n```\n"),  # code
        ("<pre>\n\n\n</pre>\n", [], "<pre>\n\n\n</pre>\n"),  # HTML keeps its blank lines
    ],
)
def test_blank_lines_cases(text: str, expected: list[tuple[int, int]], result: str) -> None:
    assert positions(text, "PL602") == expected
    assert fixed(text, "PL602") == result


def test_blank_lines_crlf() -> None:
    data = (ENTRY + "\n\n\n" + ENTRY).replace("\n", "\r\n").encode()
    assert positions(data, "PL602") == [(5, 1)]
    assert fixed(data, "PL602") == ENTRY + "\n" + ENTRY


# -- PL603 invisible-character --------------------------------------------------------------


def test_invisible_character_corpus() -> None:
    data = REFERENCE.read_bytes()
    problems = lint(data, select=("PL603",))
    assert [(p.line, p.column) for p in problems] == [(51, 17), (94, 19), (109, 16)]
    assert problems[0].message == (
        "invisible character U+00A0 (no-break space) (and 5 more on this line); "
        "replace it with a plain space"
    )
    original = decode(data, "x").text.split("\n")
    lines = fixed(data, "PL603").split("\n")
    assert lines[50] == "#### Customizing Text-to-Image Diffusion with Camera Viewpoint Control"
    assert [i for i, (a, b) in enumerate(zip(original, lines, strict=True)) if a != b] == [
        50,
        93,
        108,
    ]


def test_zero_width_space_corpus() -> None:
    data = VIDEO.read_bytes()
    problems = lint(data, select=("PL603",))
    assert [(p.line, p.column) for p in problems] == [(148, 58), (151, 162), (179, 150)]
    zero = [p for p in problems if "U+200B" in p.message]
    assert zero and zero[0].message.endswith("delete it")
    assert "\u200b" not in fixed(data, "PL603")


@pytest.mark.parametrize(
    ("data", "expected", "result"),
    [
        ("\ufeff" + ENTRY, [], ENTRY),  # a BOM that starts the file is no character
        ("\ufeff\ufeff" + ENTRY, [(1, 1)], ENTRY),  # a second one is
        ("a\u2060b\u200ec\u00a0\u202fd\n", [(1, 2)], "abc  d\n"),
        ("`a\u00a0b` c\n", [], "`a\u00a0b` c\n"),  # code span
        ("```\na\u00a0b\n```\n", [], "```\na\u00a0b\n```\n"),  # code block
    ],
)
def test_invisible_character_cases(data: str, expected: list[tuple[int, int]], result: str) -> None:
    raw = data.encode("utf-8")
    assert positions(raw, "PL603") == expected
    assert fixed(raw, "PL603") == result


def test_invisible_character_crlf() -> None:
    data = "#### A\u00a0Paper\r\n- `Keypoints:` a;\u200b b\r\n".encode()
    assert positions(data, "PL603") == [(1, 7), (2, 18)]
    assert fixed(data, "PL603") == "#### A Paper\n- `Keypoints:` a; b\n"


# -- PL604 final-newline --------------------------------------------------------------------


def test_final_newline_corpus() -> None:
    data = REFERENCE.read_bytes()
    problems = lint(data, select=("PL604",))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (120, 15, "no newline at end of file; add one")
    ]
    assert fixed(data, "PL604") == decode(data, "x").text + "\n"


def test_extra_final_newlines_corpus() -> None:
    data = MULTIVIEW.read_bytes()  # CRLF, ends in three newlines
    text = decode(data, "x").text
    assert positions(data, "PL604") == [(len(text.split("\n")) - 1, 1)]
    assert fixed(data, "PL604") == text.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("text", "expected", "result"),
    [
        ("", [], ""),
        ("\n", [], "\n"),
        ("a\n", [], "a\n"),
        ("a", [(1, 2)], "a\n"),
        ("a\n\n", [(2, 1)], "a\n"),
        ("a\n\n\n\n", [(4, 1)], "a\n"),
        ("\n\n\n", [(3, 1)], "\n"),
        ("a\n \n", [], "a\n \n"),  # the whitespace line is PL601's
    ],
)
def test_final_newline_cases(text: str, expected: list[tuple[int, int]], result: str) -> None:
    assert positions(text, "PL604") == expected
    assert fixed(text, "PL604") == result


def test_final_newline_crlf() -> None:
    assert positions(b"a\r\nb\r\n\r\n", "PL604") == [(3, 1)]
    assert fixed(b"a\r\nb\r\n\r\n", "PL604") == "a\nb\n"
    assert positions(b"a\r\nb", "PL604") == [(2, 2)]


# -- PL605 line-endings ---------------------------------------------------------------------


def test_line_endings_corpus_file_with_two_lf_lines() -> None:
    data = MONTHLY_0404.read_bytes()  # CRLF throughout
    assert positions(data, "PL605") == []
    lines = data.split(b"\r\n")
    lines[4] += b"\n" + lines.pop(5)  # line 5 ends in LF
    lines[9] += b"\n" + lines.pop(10)  # and line 10
    problems = lint(b"\r\n".join(lines), select=("PL605",))
    assert [(p.line, p.column) for p in problems] == [(5, len(lines[4].split(b"\n")[0]) + 1)]
    assert problems[0].message == (
        "2 lines (first: this one) end differently from the file's CRLF majority; "
        "`paperlint fix` writes them as CRLF"
    )
    fix = problems[0].fix
    assert fix is not None and fix.edits == () and fix.safe


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\nb\nc\n", []),
        (b"a\r\nb\r\nc", []),
        (b"a\r\nb\nc\n", [(1, 2)]),  # LF majority: line 1 is odd
        (b"a\r\nb\nc\r\n", [(2, 2)]),  # CRLF majority
        (b"a\rb\nc\n", [(1, 2)]),  # a lone CR
    ],
)
def test_line_endings_cases(data: bytes, expected: list[tuple[int, int]]) -> None:
    assert positions(data, "PL605") == expected


# -- one pass, fast ------------------------------------------------------------------------


def test_line_rules_find_every_problem_of_a_large_file() -> None:
    """2,000 entries: the four line rules (one shared pass) find each problem once."""
    text = (ENTRY.replace("c\n", "c \n") + "\n\n") * 2_000
    document = parse_text(text)
    whitespace._cache = None
    checks = [get(code).check for code in LINE_RULES]
    found = [list(check(Context(document))) for check in checks if check is not None]
    assert [len(problems) for problems in found] == [2_000, 1_999, 0, 1]


@needs_cpu_alarm
def test_line_rules_grow_linearly_with_the_file() -> None:
    """A per-line rescan of the text would grow quadratically; one shared pass is linear."""
    documents: dict[str, Document] = {}

    def build(n: int) -> str:
        text = (ENTRY.replace("c\n", "c \n") + "\n\n") * n
        if text not in documents:
            documents[text] = parse_text(text)
        return text

    def run(text: str) -> None:
        whitespace._cache = None
        for code in LINE_RULES:
            check = get(code).check
            assert check is not None
            list(check(Context(documents[text])))

    with cpu_alarm():
        assert growth(run, build, floor=RULE_FLOOR, max_length=RULE_MAX_LENGTH) is None


def test_invisible_character_in_a_link_target_is_reported_without_a_fix() -> None:
    text = ENTRY + "see [code](https://example.org/a\u00a0b) and\u00a0more\n"
    problems = lint(text, select=("PL603",))
    assert [(p.line, p.column) for p in problems] == [(4, 33)]
    assert fixed(text, "PL603") == ENTRY + "see [code](https://example.org/a\u00a0b) and more\n"
    only_url = ENTRY + "see [code](https://example.org/a\u00a0b)\n"
    assert [p.fix for p in lint(only_url, select=("PL603",))] == [None]
