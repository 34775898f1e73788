"""Hypothesis strategies shared by the property tests: corpus files mutated as people do."""

from __future__ import annotations

from hypothesis import strategies as st

from helpers import CORPUS_FILES

# Each non-empty corpus file as a list of lines.
CORPUS_LINES = [p.read_text("utf-8").split("\n") for p in CORPUS_FILES if p.stat().st_size]

# Fragments that stress the parser and the rules (docs/format.md's variants and then some).
NASTY = [
    "`", "``", "<details>", "</details>", "<summary>", "：", "\u00a0", "\u200b", "#", "####",
    "<!--", "-->", "[", "](#x)", "- ", "    ", "\t", "**", "`Keypoints:`", "- `Objective:`",
    "<p>", "```", "\r", "\r\n", "|", "> ", "1. ", "](", "\\", "  ",
]  # fmt: skip


# The subset that the fix and CLI properties insert (line-ending fragments excluded: those
# files are about content, and CR/CRLF handling has tests of its own).
CONTENT_NASTY = ["`", "<details>", "</details>", "：", "\u00a0", "#", "<!--", "[", "](#x)"]


@st.composite
def mutated_corpus(
    draw: st.DrawFn, max_mutations: int = 8, fragments: list[str] | None = None
) -> str:
    """A corpus file with lines deleted, duplicated, indented, or with a fragment inserted."""
    lines = list(draw(st.sampled_from(CORPUS_LINES)))
    mutations = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["delete", "duplicate", "indent", "insert"]),
                st.integers(min_value=0, max_value=10_000),
                st.sampled_from(fragments or NASTY),
            ),
            max_size=max_mutations,
        )
    )
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
    return "\n".join(lines)
