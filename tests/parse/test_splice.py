"""An edit that adds no line and leaves every heading as it was gets the previous document
back with only the entries it reached built again (``parse._splice``): the result is the
document a full parse gets, and the other entries are the previous document's very objects."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REFERENCE, checker
from paperlint.model import Document
from paperlint.parse import Revision, parse
from paperlint.parse.incremental import walk_of
from paperlint.source import Source, decode
from strategies import NASTY, mutated_corpus

OPTIONS = checker().parse_options

LIST = """\
Preamble with a [tag] and a <details> that is only text.
# Papers

## 202404

### LLM

#### [Paper A](https://arxiv.org/abs/2404.00001)
[survey] [LLM]
- `Keypoints:` a; b
- `Objective:` find things
<details>
<summary>More</summary>

- `Code:` https://github.com/a/b
- `Venue:` ICLR

</details>

#### 1. Paper B
- `Objective:` other
```text
<details>
```
- `Keypoints:` c
##### A sub-heading inside B
- `Venue:` ACL

### Vision

#### Paper C
- `Objective:` last [paper](https://arxiv.org/abs/2404.00003)"""


def source(text: str) -> Source:
    return decode(text.encode("utf-8"), "splice.md")


def reparse(text: str, start: int, end: int, typed: str) -> tuple[Document, Document, Document]:
    """(the document of ``text``, its re-parse after the edit, a full parse of the edit)."""
    before = parse(source(text), OPTIONS)
    edited = source(text[:start] + typed + text[end:])
    after = parse(edited, OPTIONS, Revision(before, [(start, end, len(typed))]))
    return before, after, parse(edited, OPTIONS)


def spliced(before: Document, after: Document) -> bool:
    """Whether ``after`` was built from ``before`` (the headings are its very objects)."""
    return bool(after.headings) and after.headings[0] is before.headings[0]


def assert_same(after: Document, full: Document) -> None:
    assert after == full
    assert walk_of(after) == walk_of(full)
    assert after.to_json() == full.to_json()


def at(needle: str, replacement: str) -> tuple[int, int, str]:
    start = LIST.index(needle)
    return start, start + len(needle), replacement


@pytest.mark.parametrize(
    ("edit", "splices"),
    [
        (at("find things", "find thingsx"), True),  # inside an entry's field
        (at("ICLR", "ICML"), True),  # a field inside a details block
        (at("<summary>More", "<summary>Less"), True),  # the details summary
        (at("</details>", "</detail>"), True),  # the details block is left unclosed
        (at("- `Objective:` other", "- `Objective:` other <details>"), True),  # opened
        # The fence is gone: its closing line opens one that runs to the end.
        (at("```text\n<details>", "``text\n<details>"), False),
        (at("[survey]", "[surveys]"), True),  # a tag
        (at("- `Venue:` ACL", "- `Venue：` ACL"), True),  # under a sub-heading of the entry
        (at("(https://arxiv.org/abs/2404.00003)", "(https://arxiv.org/abs/2404.00004)"), True),
        ((0, 0, "x"), True),  # at the start of the file, in the preamble
        ((0, 0, "# "), False),  # the preamble's first line becomes a heading
        ((len(LIST), len(LIST), "x"), True),  # at the end of the file
        ((len(LIST) - 1, len(LIST), ""), True),
        (at("#### 1. Paper B", "#### 1. Paper Bx"), False),  # a heading's text
        (at("#### Paper C", "####Paper C"), False),  # a heading that stops being one
        (at("- `Objective:` other", "- `Objective:` other\n"), False),  # a line added
        (at("ICLR\n", "ICLR"), False),  # a line removed
        (at("- `Keypoints:` c", "#### c"), False),  # a heading appears
        (at("- `Keypoints:` a; b", "a; b"), True),  # a field less: the others stay
    ],
)
def test_an_edit_of_one_line(edit: tuple[int, int, str], splices: bool) -> None:
    before, after, full = reparse(LIST, *edit)
    assert_same(after, full)
    assert spliced(before, after) is splices


def test_only_the_entries_an_edit_reaches_are_built_again() -> None:
    before, after, full = reparse(LIST, *at("ICLR", "ICML"))
    assert_same(after, full)
    old, new = before.entries(), after.entries()
    assert [a is b for a, b in zip(old, new, strict=True)] == [False, True, True]
    # The edited entry's details block was scanned again; the others' are shared.
    assert new[0].details[0] is not old[0].details[0]
    assert new[0].details[0].fields[1].value == "ICML"
    assert old[0].details[0].fields[1].value == "ICLR"  # the previous document is intact
    assert after.headings == before.headings
    assert after.source.lines is not before.source.lines


def test_an_edit_outside_every_entry_builds_no_entry_again() -> None:
    before, after, full = reparse(LIST, 0, 0, "x")
    assert_same(after, full)
    assert all(a is b for a, b in zip(before.entries(), after.entries(), strict=True))


def test_an_entry_with_fields_gaining_them_changes_the_layout() -> None:
    """A heading's ``has_fields`` decides the layout: a change there is built whole."""
    text = "# T\n## 202404\n### Cat\n#### A\n- `Objective:` x\n#### B\nplain\n"
    start = text.index("plain")
    before, after, full = reparse(text, start, start + len("plain"), "- `Objective:` y")
    assert_same(after, full)
    assert not spliced(before, after)


def test_a_line_edit_in_the_reference() -> None:
    needle = "`Keypoints:`"
    start = REFERENCE.read_text("utf-8").index(needle, 5000)
    before, after, full = reparse(
        REFERENCE.read_text("utf-8"), start, start + len(needle), "`Keypoints：`"
    )
    assert_same(after, full)
    assert spliced(before, after)
    assert sum(a is not b for a, b in zip(before.entries(), after.entries(), strict=True)) == 1


# What an edit within one line may type: no newline, so the line count stays.
ONE_LINE = [f for f in NASTY if "\r" not in f and "\n" not in f] + ["x", "", "#### "]


@st.composite
def line_edits(draw: st.DrawFn) -> tuple[str, int, int, str]:
    text = source(draw(st.one_of(st.just(LIST), mutated_corpus(max_mutations=3)))).text
    start = draw(st.integers(0, len(text)))
    newline = text.find("\n", start)
    line_end = len(text) if newline < 0 else newline
    end = draw(st.integers(start, min(line_end, start + 12)))
    return text, start, end, draw(st.sampled_from(ONE_LINE))


@settings(max_examples=300)
@given(line_edits())
def test_a_random_edit_of_one_line_equals_a_full_parse(case: tuple[str, int, int, str]) -> None:
    text, start, end, typed = case
    _, after, full = reparse(text, start, end, typed)
    assert_same(after, full)


@settings(max_examples=60)
@given(line_edits(), st.data())
def test_edits_in_a_row_equal_a_full_parse(
    case: tuple[str, int, int, str], data: st.DataObject
) -> None:
    """Each version built from the one before, itself built from its predecessor."""
    text, start, end, typed = case
    document = parse(source(text), OPTIONS)
    for _ in range(3):
        text = text[:start] + typed + text[end:]
        document = parse(source(text), OPTIONS, Revision(document, [(start, end, len(typed))]))
        assert_same(document, parse(source(text), OPTIONS))
        start = data.draw(st.integers(0, len(text)))
        newline = text.find("\n", start)
        end = data.draw(st.integers(start, len(text) if newline < 0 else newline))
        typed = data.draw(st.sampled_from(ONE_LINE))
