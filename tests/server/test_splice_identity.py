"""The server's re-check after an edit builds the new version from the previous one: the
decoded text (``_decoded_edit``), the document (``parse._splice``) and its JSON
(``model._splice_json``). Each gives exactly what a fresh ``decode``, parse and
``to_json`` give, and a check finds what ``paperlint check`` finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperlint.checker import Checker
from paperlint.problem import Problem
from paperlint.server.linting import Configurations, Lint, _decoded_edit, changed_span, check_text
from paperlint.source import InputError, decode
from strategies import NASTY

ENTRY = """\
#### Paper {n}
\\[[paper](https://arxiv.org/abs/2404.0000{n})\\] [tag]
- `Keypoints:` a; b
- `Objective:` find things {n}
<details>
<summary>More</summary>

- `Venue:` ICLR

</details>

"""
LIST = "# PaperList\n## 202404\n### LLM\n" + "".join(ENTRY.format(n=n) for n in range(1, 7))


def full_check(text: str) -> list[Problem]:
    return Checker().check_source(decode(text.encode("utf-8"), "list.md")).problems


def edit(text: str, needle: str, replacement: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return text[:start] + replacement + text[start + len(needle) :]


def check_in_turn(texts: list[str]) -> list[Lint]:
    """Each text checked as the next version of the one before, each compared with a
    full check and a fresh parse."""
    checker = Configurations().checker_in(str(Path(__file__).parent))
    versions: list[Lint] = []
    for number, text in enumerate(texts, start=1):
        previous = versions[-1] if versions else None
        source, result = check_text(checker, "list.md", text, previous)
        assert source == decode(text.encode("utf-8"), "list.md")
        assert result.problems == full_check(text)
        assert result.document is not None
        fresh = Checker().parse(decode(text.encode("utf-8"), "list.md"))
        assert result.document == fresh
        assert result.document.to_json() == fresh.to_json()
        versions.append(Lint(number, source, result, checker, result))
    return versions


def entry_json(lint: Lint, index: int) -> object:
    assert lint.result.document is not None
    instance, _ = lint.result.document.to_json()
    return instance["months"][0]["categories"][0]["entries"][index]


def test_typing_then_a_new_line_then_typing() -> None:
    """A spliced version is the base of one built entry by entry (a line added moves the
    entries after it), which is the base of a spliced one again."""
    texts = [LIST]
    texts.append(edit(texts[-1], "find things 3", "find thingsx 3"))  # spliced
    texts.append(edit(texts[-1], "find things 5", "find\nthings 5"))  # a line added
    texts.append(edit(texts[-1], "ICLR", "ICML", occurrence=1))  # spliced again
    texts.append(edit(texts[-1], "\n\n</details>", "\n</details>", occurrence=0))  # line gone
    versions = check_in_turn(texts)
    # Typing in entry 3 kept every other entry's JSON object; so did the new line for the
    # entries before it (those after it moved: their lines changed).
    assert [entry_json(versions[1], i) is entry_json(versions[0], i) for i in range(6)] == [
        True,
        True,
        False,
        True,
        True,
        True,
    ]
    assert [entry_json(versions[2], i) is entry_json(versions[1], i) for i in range(5)] == [
        True,
        True,
        True,
        True,
        False,
    ]
    assert [entry_json(versions[3], i) is entry_json(versions[2], i) for i in range(6)] == [
        True,
        False,
        True,
        True,
        True,
        True,
    ]


def test_a_crlf_list_after_edits() -> None:
    """A CRLF file is decoded whole each time (the editor's text is not the decoded one);
    the document is still spliced from the previous one."""
    crlf = LIST.replace("\n", "\r\n")
    texts = [crlf]
    texts.append(edit(texts[-1], "find things 2", "find thingsx 2"))
    texts.append(edit(texts[-1], "ICLR", "ICML", occurrence=3))
    texts.append(edit(texts[-1], "find things 4", "find\r\nthings 4"))
    texts.append(edit(texts[-1], "find things 5", "find things 5\n"))  # a mixed ending
    versions = check_in_turn(texts)
    assert versions[1].source.newline == "\r\n"
    assert entry_json(versions[1], 0) is entry_json(versions[0], 0)
    assert entry_json(versions[2], 1) is entry_json(versions[1], 1)


def test_an_edit_at_the_start_and_at_the_end() -> None:
    texts = [LIST]
    texts.append("x" + texts[-1])
    texts.append(texts[-1] + "y")
    texts.append(texts[-1][1:-2])
    texts.append("\ufeff" + texts[-1])  # a BOM typed: decode drops it
    check_in_turn(texts)


# What an edit may type: the parser's hostile fragments, what ``decode`` refuses or changes.
TYPED = [*NASTY, "x", "\n", "", "\x00", "\ud800", "\ufeff", "\r\r\n"]


@settings(max_examples=200)
@given(
    st.sampled_from([LIST, LIST.replace("\n", "\r\n"), "\ufeff" + LIST, "a\rb\nc", ""]),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 6), st.sampled_from(TYPED)),
        min_size=1,
        max_size=3,
    ),
)
def test_a_decoded_edit_is_what_decode_gives(
    text: str, edits: list[tuple[float, int, str]]
) -> None:
    try:
        previous = decode(text.encode("utf-8", "surrogatepass"), "list.md")
    except InputError:
        return
    for where, removed, typed in edits:
        start = int(where * len(text))
        text = text[:start] + typed + text[start + removed :]
        try:
            expected = decode(text.encode("utf-8", "surrogatepass"), "list.md")
        except InputError:
            assert _decoded_edit(previous, text) is None
            return
        found = _decoded_edit(previous, text)
        if found is not None:
            source, span = found
            assert source == expected
            assert span == changed_span(previous.text, expected.text)
        else:
            assert (
                previous.newline != "\n"
                or previous.bom
                or previous.odd_newlines
                or any(mark in text for mark in ("\x00", "\r", "\ufeff"))
            )
        previous = expected


@pytest.mark.parametrize("typed", ["\x00", "\ud800"])
def test_what_decode_refuses_is_refused_after_an_edit(typed: str) -> None:
    checker = Configurations().checker_in(str(Path(__file__).parent))
    source, result = check_text(checker, "list.md", LIST)
    with pytest.raises(InputError):
        check_text(checker, "list.md", LIST + typed, Lint(1, source, result, checker, result))
