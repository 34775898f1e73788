"""The parser never raises: arbitrary text, and corpus files mutated the way people do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers import CORPUS_FILES, checker
from paperlint.source import InputError, decode

RUN = checker()
CORPUS = [p.read_text("utf-8").split("\n") for p in CORPUS_FILES if p.stat().st_size]

# Fragments that stress the parser's special cases.
NASTY = [
    "`",
    "``",
    "<details>",
    "</details>",
    "<summary>",
    "：",
    "\u00a0",
    "\u200b",
    "#",
    "####",
    "<!--",
    "-->",
    "[",
    "](#x)",
    "- ",
    "    ",
    "\t",
    "**",
    "`Keypoints:`",
    "- `Objective:`",
    "<p>",
    "```",
    "\r",
    "\r\n",
    "|",
    "> ",
    "1. ",
    "](",
    "\\",
]


def check_text(text: str) -> None:
    source = decode(text.encode("utf-8", "surrogatepass"), "fuzz.md")
    document = RUN.parse(source)
    instance, smap = document.to_json()
    assert instance["path"] == "fuzz.md"
    for line, column in smap.values():
        assert line >= 1 and column >= 1
    RUN.problems(document)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    try:
        check_text(text)
    except InputError:
        assert "\x00" in text


@given(
    st.sampled_from(CORPUS),
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "indent", "insert"]),
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(NASTY),
        ),
        max_size=12,
    ),
)
def test_mutated_corpus_never_raises(
    lines: list[str], mutations: list[tuple[str, int, str]]
) -> None:
    lines = list(lines)
    for action, where, fragment in mutations:
        if not lines:
            break
        index = where % len(lines)
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "    " + lines[index]
        else:
            column = where % (len(lines[index]) + 1)
            lines[index] = lines[index][:column] + fragment + lines[index][column:]
    check_text("\n".join(lines))
