"""PL504 link-malformed: a link URL with spaces, without a scheme, or with unbalanced brackets."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Generator, Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from paperlint.problem import Violation
from paperlint.rules.base import Context, line_view, rule
from paperlint.rules.links import HOST_RE, code_line_numbers
from paperlint.syntax import ATX_HEADING_RE, LIST_MARKER, destination_span
from paperlint.text import mask_code_spans

# The characters ``_scan_line`` acts on; it skips everything else at once.
_BRACKET_OR_ESCAPE_RE = re.compile(r"[\\\[\]]")


def _scan_line(number: int, line: str) -> Generator[Violation, None, bool]:
    """Destinations with spaces and unclosed destinations. Linear.

    Returns whether the line's own unescaped brackets fail to pair up: only then can a
    bracket on it be unbalanced, which ``_unbalanced_brackets`` then decides.
    """
    opens = 0
    unbalanced = False
    index = 0
    length = len(line)
    while index < length:
        found = _BRACKET_OR_ESCAPE_RE.search(line, index)
        if found is None:
            break
        index = found.start()
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            opens += 1
        elif char == "]":
            if opens:
                opens -= 1
            else:
                unbalanced = True
            if line.startswith("(", index + 1):
                first, end, closed = destination_span(line, index + 2)
                if first < end and not closed:
                    stop = end + 1  # the destination, or through the rest of the line
                    if end < length and line[end] in " \t" and line[end:].strip():
                        stop = len(line.rstrip()) + 1
                        message = (
                            f"link URL `{line[first:end]} …` contains a space, so GitHub "
                            "shows the raw text: write `%20` (or `-` in an anchor), or wrap "
                            "the URL in `<…>`"
                        )
                    else:
                        message = "link URL is not closed by `)`: add the `)`"
                    yield Violation(number, first + 1, message, None, number, stop)
                index = max(end, index + 1)
                continue
        index += 1
    return unbalanced or opens > 0


# Where a paragraph (the unit markdown-it parses inline) cannot continue: a heading is a
# block of its own; a list item or block quote marker starts a new block.
_BLOCK_START_RE = re.compile(rf"[ \t]*(?:>|{LIST_MARKER}(?:[ \t]|$))")


def _paragraph(lines: list[str], number: int, code: set[int]) -> tuple[int, int]:
    """First and last line of the paragraph (or heading) that holds line ``number``.

    From the raw lines, as CommonMark delimits them: blank lines, code, headings and list
    item or block quote markers end a paragraph; its other lines are continuation lines.
    """
    if ATX_HEADING_RE.match(lines[number - 1]):
        return number, number
    first = number
    while (
        not _BLOCK_START_RE.match(lines[first - 1])
        and first > 1
        and first - 1 not in code
        and lines[first - 2].strip()
        and not ATX_HEADING_RE.match(lines[first - 2])
    ):
        first -= 1
    last = number
    while (
        last < len(lines)
        and last + 1 not in code
        and lines[last].strip()
        and not ATX_HEADING_RE.match(lines[last])
        and not _BLOCK_START_RE.match(lines[last])
    ):
        last += 1
    return first, last


def _note_escaped_bracket(state: StateInline, silent: bool) -> bool:
    """Records ``\\[`` and ``\\]``, which GitHub shows as brackets; consumes nothing."""
    src, found = state.env["brackets"]
    if not silent and state.src is src and src.startswith(("\\[", "\\]"), state.pos):
        found.append((state.pos + 1, src[state.pos + 1], True))
    return False


def _note_literal_bracket(state: StateInline, silent: bool) -> bool:
    """Records a ``[`` or ``]`` that no link, image or code span took: shown as written."""
    src, found = state.env["brackets"]
    char = state.src[state.pos]
    if char not in "[]":
        return False
    if not silent:
        if state.src is src:
            found.append((state.pos, char, False))
        state.pending += char
    state.pos += 1
    return True


@functools.lru_cache(maxsize=1)
def _bracket_parser() -> MarkdownIt:
    """markdown-it's inline parser, noting every bracket it leaves in the rendered text."""
    md = MarkdownIt("commonmark")
    md.inline.ruler.before("escape", "note_escaped_bracket", _note_escaped_bracket)
    md.inline.ruler.push("note_literal_bracket", _note_literal_bracket)
    return md


def _shown_brackets(text: str) -> list[tuple[int, str, bool]]:
    """(offset, bracket, escaped) of each bracket GitHub shows for the inline ``text``."""
    found: list[tuple[int, str, bool]] = []
    md = _bracket_parser()
    md.inline.parse(text, md, {"brackets": (text, found)}, [])
    return sorted(found)


def _unbalanced_brackets(
    lines: list[str], code: set[int], suspects: list[int]
) -> Iterator[Violation]:
    """Brackets GitHub shows unpaired on the suspect lines, judged by markdown-it's parse.

    A bracket that belongs to a link, even one whose text wraps onto the next line, is
    not shown; an escaped bracket is shown and pairs with a literal one (``\\][[code](…)\\]``
    reads `[code]`). What is left unpaired and was not escaped by the author is reported,
    once per line: the first `[`, else the first `]`.
    """
    suspect = set(suspects)
    done = 0
    for number in suspects:
        if number <= done:
            continue
        first, done = _paragraph(lines, number, code)
        starts = [0]
        for line in lines[first - 1 : done - 1]:
            starts.append(starts[-1] + len(line) + 1)
        shown = _shown_brackets("\n".join(lines[first - 1 : done]))
        opens: list[tuple[int, str, bool]] = []
        unpaired: list[tuple[int, str, bool]] = []
        for bracket in shown:
            if bracket[1] == "[":
                opens.append(bracket)
            elif opens:
                opens.pop()
            else:
                unpaired.append(bracket)
        unpaired.extend(opens)
        reported: set[int] = set()
        for offset, char, escaped in sorted(unpaired, key=lambda b: (b[1] != "[", b[0])):
            index = bisect.bisect_right(starts, offset) - 1
            line_number = first + index
            if escaped or line_number in reported or line_number not in suspect:
                continue
            reported.add(line_number)
            other, verb = ("]", "close") if char == "[" else ("[", "open")
            column = offset - starts[index] + 1
            yield Violation(
                line_number,
                column,
                f"unbalanced `{char}`: {verb} it with `{other}` or write it as `\\{char}` "
                "if it is plain text",
                end_line=line_number,
                end_column=column + 1,
            )


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds links GitHub does not render as intended: a URL with spaces in it
    (`[x](a b)` stays plain text), a web address without a scheme (`[x](www.example.com)`
    becomes a link to a file of that name), and unbalanced `[` or `]` on a line with links:
    a bracket that GitHub shows as text with nothing to pair it with. Brackets are read as
    CommonMark parses them: a link whose text wraps onto the next line is one link, and a
    link between escaped brackets (`\\][[code](…)\\]`, shown as `[code]`) is balanced.

    ## Why is this bad?
    The link silently breaks: the reader sees raw Markdown, or lands on a 404 page.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: the intended URL or bracket is a guess.
    """
    document = ctx.document
    lines = ctx.lines
    code = code_line_numbers(document)
    for link in document.links:
        if link.line in code or not HOST_RE.fullmatch(link.url):
            continue
        span = link.destination
        yield Violation(
            link.line,
            span[0] if span else link.column,
            f"link URL `{link.url}` has no scheme, so GitHub treats it as a file path: "
            f"write `https://{link.url}`",
            end_line=link.line,
            end_column=span[1] if span else link.end_column,
        )
    suspects: list[int] = []
    first, last = line_view(document)
    for number in range(first, last + 1):
        line = lines[number - 1]
        if "](" not in line or number in code:
            continue
        if (yield from _scan_line(number, mask_code_spans(line))):
            suspects.append(number)
    yield from _unbalanced_brackets(lines, code, suspects)


RULE = rule(
    check,
    "PL504",
    "link-malformed",
    "a link URL with spaces, without a scheme, or with unbalanced brackets",
    scope="section",
)
