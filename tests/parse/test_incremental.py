"""The fix engine's re-check re-parses only the sections its edits touched, and gets the
document a full parse gets: the same walk, the same JSON, the same source map."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REFERENCE, checker
from paperlint.model import Document
from paperlint.parse import Revision, parse
from paperlint.parse import incremental as incremental_module
from paperlint.parse import markdown as md
from paperlint.parse.incremental import Span, rewalk, walk_of
from paperlint.source import Source, decode
from strategies import NASTY, mutated_corpus

OPTIONS = checker().parse_options

# What an edit may put in: the parser's hostile fragments (the fix engine's texts are
# LF-only), and whole lines that open or close blocks (heading, fence, HTML, blank line).
REPLACEMENTS = [
    *(fragment for fragment in NASTY if "\r" not in fragment),
    *("", "\n", "\n\n", "#### New\n", "```\n", "<details>\n", "\n## 202501\n"),
]


def source(text: str) -> Source:
    return decode(text.encode("utf-8"), "incremental.md")


def splice(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[Span]]:
    pieces, position = [], 0
    for start, end, replacement in edits:
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), [(s, e, len(r)) for s, e, r in edits]


def assert_same(incremental: Document, full: Document) -> None:
    assert walk_of(incremental) == walk_of(full)
    assert incremental.to_json() == full.to_json()
    assert incremental.details == full.details
    # Everything else too: headings and their kinds, entries with what is attached to them,
    # the line tables (a document built from the previous one shares much of it).
    assert incremental == full


def reparse(text: str, edits: list[tuple[int, int, str]]) -> tuple[Document, Document]:
    """(the re-parse of the edited text since the original's parse, a full parse of it)."""
    before = parse(source(text), OPTIONS)
    new_text, spans = splice(before.source.text, edits)
    after = source(new_text)
    return parse(after, OPTIONS, Revision(before, spans)), parse(after, OPTIONS)


@st.composite
def edited_corpus(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = source(draw(mutated_corpus(max_mutations=4))).text
    count = draw(st.integers(min_value=0, max_value=6))
    points = sorted(draw(st.lists(st.integers(0, len(text)), min_size=count, max_size=count)))
    edits, previous = [], 0
    for point in points:
        if draw(st.booleans()):  # edit a heading line itself, from its first character
            heading = text.find("\n#", point)
            point = heading + 1 if heading >= 0 else point
        start = max(point, previous)
        end = min(len(text), start + draw(st.sampled_from([0, 0, 1, 2, 5, 40])))
        edits.append((start, end, draw(st.sampled_from(REPLACEMENTS))))
        previous = end + 1
    return text, [e for e in edits if e[0] <= len(text)]


@settings(max_examples=300)
@given(edited_corpus())
def test_reparse_equals_full_parse(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    incremental, full = reparse(*case)
    assert_same(incremental, full)


REFERENCE_TEXT = REFERENCE.read_text("utf-8")


def edit_at(needle: str, replacement: str, occurrence: int = 0) -> list[tuple[int, int, str]]:
    start = -1
    for _ in range(occurrence + 1):
        start = REFERENCE_TEXT.index(needle, start + 1)
    return [(start, start + len(needle), replacement)]


# A paragraph right before a heading: if the heading stops being one, the paragraph
# runs on into its line, so the section before must be parsed again with it.
RUN_ON = "# Papers\n\n## 202404\n\n#### A\n[tag] metadata\n#### B\n- `Keypoints:` x\n"


@pytest.mark.parametrize(
    ("replacement", "paragraph"),
    [("####B", "[tag] metadata\n####B"), ("    #### B", "[tag] metadata\n    #### B")],
)
def test_a_heading_that_stops_being_one_joins_the_section_before(
    replacement: str, paragraph: str
) -> None:
    start = RUN_ON.index("#### B")
    incremental, full = reparse(RUN_ON, [(start, start + len("#### B"), replacement)])
    assert_same(incremental, full)
    walk = walk_of(incremental)
    assert walk is not None
    assert [p.content for p in walk.paragraphs] == [paragraph]


@pytest.mark.parametrize(
    ("needle", "replacement"),
    [
        ("`Keypoints:`", "`Keypoints：`"),  # inside one entry
        ("- `Objective:`", "- `Objective:`\n\n\n"),  # lines added: later sections move
        ("#### ", "####"),  # a heading stops being one: the section before is re-parsed
        ("#### ", "    #### "),  # a heading becomes code inside the section before
        ("\n\n#### ", "\n```\n#### "),  # a fence swallows the next heading: full parse
        ("\n\n#### ", "\n<!--\n\n#### "),  # so does an unclosed comment
        ("\n\n#### ", "\n\n[x]: https://example.com\n#### "),  # a reference definition
    ],
)
def test_edits_of_the_reference(needle: str, replacement: str) -> None:
    incremental, full = reparse(REFERENCE_TEXT, edit_at(needle, replacement, occurrence=2))
    assert_same(incremental, full)


def test_only_the_touched_section_is_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    before = parse(source(REFERENCE_TEXT), OPTIONS)
    new_text, spans = splice(REFERENCE_TEXT, edit_at("`Keypoints:`", "`Keypoints：`", 1))
    parsed: list[str] = []
    real = md._tokens
    monkeypatch.setattr(md, "_tokens", lambda piece: parsed.append(piece) or real(piece))
    blocks = rewalk(Revision(before, spans), source(new_text), OPTIONS.vocabulary)
    assert blocks is not None
    # One section: from its entry heading to the next heading (parsed to check it is one).
    assert len(parsed) == 1
    lines = parsed[0].splitlines()
    assert lines[0].startswith("#### TriForce") and lines[-1] == "### Diffusion"
    assert [line for line in lines if line.startswith("#")] == [lines[0], lines[-1]]
    assert "`Keypoints：`" in parsed[0]
    assert blocks == walk_of(parse(source(new_text), OPTIONS))


def test_edits_in_every_section_are_parsed_again_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fix may touch every section; they are parsed again in pieces of the size a whole
    walk takes, not as one piece of the whole text (tokens of 25 MB at once)."""
    before = parse(source(REFERENCE_TEXT), OPTIONS)
    # A space after every heading: every section is touched, and so is the one above it.
    ends = [m.end() for m in re.finditer(r"^#.*$", REFERENCE_TEXT, re.MULTILINE)]
    new_text, spans = splice(REFERENCE_TEXT, [(end, end, " ") for end in ends])
    monkeypatch.setattr(md, "PIECE_SIZE", 2048)
    parsed: list[str] = []
    real = md._tokens
    monkeypatch.setattr(md, "_tokens", lambda piece: parsed.append(piece) or real(piece))
    blocks = rewalk(Revision(before, spans), source(new_text), OPTIONS.vocabulary)
    assert blocks == walk_of(parse(source(new_text), OPTIONS))
    assert len(parsed) > 3
    assert max(len(piece) for piece in parsed) < len(new_text) // 2


@pytest.mark.parametrize(
    ("needle", "replacement"),
    [("\n\n#### ", "\n```\n#### "), ("\n\n#### ", "\n\n[x]: https://example.com\n#### ")],
)
def test_no_reuse_when_a_section_reaches_past_its_end(needle: str, replacement: str) -> None:
    before = parse(source(REFERENCE_TEXT), OPTIONS)
    new_text, spans = splice(REFERENCE_TEXT, edit_at(needle, replacement, occurrence=2))
    assert rewalk(Revision(before, spans), source(new_text), OPTIONS.vocabulary) is None


def test_no_edits_reuse_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    before = parse(source(REFERENCE_TEXT), OPTIONS)
    monkeypatch.setattr(md, "_tokens", lambda piece: pytest.fail("parsed again"))
    after = parse(source(REFERENCE_TEXT), OPTIONS, Revision(before, []))
    assert walk_of(after) == walk_of(before)
    assert walk_of(after) is not walk_of(before)


def test_the_walk_is_kept_beside_the_document_and_dropped_with_it() -> None:
    """The model holds no parser state; the parser's record of a walk lives as long as
    the document it built, so a long-lived server does not pile walks up."""
    import gc

    document = parse(source(REFERENCE_TEXT), OPTIONS)
    assert "blocks" not in vars(document)
    key = id(document)
    assert incremental_module._WALKS[key] is walk_of(document)
    del document
    gc.collect()
    assert key not in incremental_module._WALKS
