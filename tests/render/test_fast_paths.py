"""The rendering guard's shortcuts compute what the plain forms they replaced computed.

Each property holds the shortcut against the plain form, kept here as the reference: the
same answer on random input made to hit the edge cases, and on mutated corpus files
rendered by cmark-gfm.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from helpers import checker
from paperlint.fix.apply import apply_fixes
from paperlint.fix.rendering import _groups, _Sections, _shifted, shown_changes
from paperlint.problem import applicable
from paperlint.render import (
    _BLOCK_RE,
    _COMMENT_RE,
    _HREF_RE,
    _PRE_RE,
    _TAG_RE,
    BULLET_RE,
    Rendering,
    _blocks_re,
    to_html,
)
from paperlint.source import decode
from strategies import CONTENT_NASTY, mutated_corpus

# -- reference forms ------------------------------------------------------------------------

REFERENCE_HREF_RE = re.compile(r'\bhref="([^"<>]*)"')
REFERENCE_HEADING_START_RE = re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE)


def reference_section(text: str, start: int, end: int) -> tuple[int, int]:
    """Sections as the guard found them per fix, walking the text from the edit."""
    first = text.rfind("\n", 0, start) + 1
    while first > 0 and not reference_is_boundary(text, first):
        first = text.rfind("\n#", 0, first - 1) + 1
    position = text.find("\n", end)
    while position >= 0:
        after = REFERENCE_HEADING_START_RE.search(text, position + 1)
        if after is None:
            break
        if reference_is_boundary(text, after.start()):
            return first, after.start()
        position = after.start()
    return first, len(text)


def reference_is_boundary(text: str, offset: int) -> bool:
    if not REFERENCE_HEADING_START_RE.match(text, offset):
        return False
    above = text.rfind("\n", 0, max(offset - 1, 0)) + 1
    return offset == 0 or not text[above : offset - 1].strip()


def reference_shown_words(rendering: Rendering) -> Counter[str]:
    outside = _PRE_RE.sub(" ", rendering.html)
    targets = " ".join(REFERENCE_HREF_RE.findall(outside))
    text = html.unescape(_TAG_RE.sub(" ", outside) + " " + targets)
    return Counter(text.split())


def reference_stray_bullets(rendering: Rendering) -> dict[int, str]:
    """Every line of the text tried against ``BULLET_RE``, from the full block list."""
    blocks = rendering.blocks
    starts = {b.line for b in blocks if b.tag == "li"}
    code_blocks = rendering.code_blocks()
    code = {n for first, last, _ in code_blocks for n in range(first, last + 1)}
    fenced = {n for first, last, f in code_blocks if f for n in range(first, last + 1)}
    comments = "".join(_COMMENT_RE.findall(rendering.html))
    found: dict[int, str] = {}
    for index, text in enumerate(rendering.markdown.split("\n")):
        number = index + rendering.first
        if number in starts or number in fenced or not BULLET_RE.match(text):
            continue
        if comments and text.strip() in comments:
            continue
        found[number] = "code" if number in code else "text"
    return found


# -- inputs -----------------------------------------------------------------------------------

# Pieces of HTML where the regexes could part ways: tags that only start like ``pre`` or
# ``li``, ``href`` after a word character or inside another match, long attribute runs.
HTML_PIECES = [
    "<pre", "<li", "<lix", "<prefix", "<p", "<ul", "<PRE", " data-sourcepos=\"1:2-3:4\"",
    ' data-sourcepos="7:1-8:0"', ' lang="py"', " " + "x" * 95, ">", "<", "</pre>", "</li>",
    'href="', "xhref=\"", "_href=\"", "éhref=\"", "-href=\"", "hhref=\"", '"', "a", " ", "\n",
    "h", "ref", "=", "<code>", "&amp;", "<!--", "-->",
]  # fmt: skip
html_like = st.lists(st.sampled_from(HTML_PIECES), max_size=40).map("".join)

# Markdown whose rendering holds the above as raw HTML, next to lists and code blocks.
MARKDOWN_PIECES = [
    *HTML_PIECES, "- item\n", "    code\n", "```\nfenced\n```\n", "\n\n", "# H\n", "1. one\n",
    "```\n", "- in a fence?\n", "[link](https://x.org/a)", "<a href=\"u\">t</a>", "`span`",
    "> - quoted\n",
]  # fmt: skip
markdown_like = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join)

SECTION_LINES = ["# A", "## B", "###### C", "####### D", "#x", "#", "text", "", "   ", "<div>"]
section_text = st.lists(st.sampled_from(SECTION_LINES), max_size=25).map("\n".join)


def assert_renderings_agree(markdown: str) -> None:
    full, fast = Rendering(markdown, 3), Rendering(markdown, 3)
    blocks = full.blocks  # built: ``full`` then filters it, ``fast`` never builds it
    assert fast._blocks_of("pre", "li") == [b for b in blocks if b.tag in ("pre", "li")]
    assert fast.item_starts() == full.item_starts() == {b.line for b in blocks if b.tag == "li"}
    assert fast.code_blocks() == full.code_blocks()
    assert fast.stray_bullets() == full.stray_bullets() == reference_stray_bullets(full)
    assert "blocks" not in vars(fast)
    assert fast.shown_words() == reference_shown_words(fast)


# -- properties -------------------------------------------------------------------------------


@given(html_like)
@example('xhref="a href="b"')
@example('éhref="z" href="y"')
def test_href_pattern_is_the_word_boundary_one(text: str) -> None:
    assert _HREF_RE.findall(text) == REFERENCE_HREF_RE.findall(text)


@given(html_like)
@example('<prefix data-sourcepos="1:1-1:1"><pre data-sourcepos="2:1-3:0">')
def test_blocks_of_some_tags_are_all_blocks_filtered(text: str) -> None:
    for tags in [("pre",), ("li",), ("pre", "li")]:
        fast = [m.groups() for m in _blocks_re(tags).finditer(text)]
        assert fast == [m.groups() for m in _BLOCK_RE.finditer(text) if m.group(1) in tags]


@given(markdown_like)
def test_renderings_agree_on_random_markdown(markdown: str) -> None:
    assert_renderings_agree(markdown)


@given(mutated_corpus())
def test_renderings_agree_on_mutated_corpus(text: str) -> None:
    assert_renderings_agree(text)
    rendered = to_html(text)
    assert _HREF_RE.findall(rendered) == REFERENCE_HREF_RE.findall(rendered)


# Words, and blanks of every kind ``str.split`` parts at (NBSP and EM SPACE too).
shown_text = st.lists(
    st.sampled_from(["ab", "a", "b", "c", " ", "\n", "\xa0", "\u2003"]), max_size=30
).map("".join)


@given(shown_text, shown_text, shown_text, shown_text)
@example("x ab y", "x a y", "", "")
@example("a", "ab", "b ", " b")
def test_shown_changes_are_the_counter_differences(
    old: str, new: str, head: str, tail: str
) -> None:
    old, new = head + old + tail, head + new + tail
    was, now = Counter(old.split()), Counter(new.split())
    assert shown_changes(old, new) == (was - now, now - was)


@given(section_text, st.integers(0, 400), st.integers(0, 400))
@example("# A\ntext\n\n# B\ntext", 5, 6)
@example("text\n# A\n\n#x\n\n## B\n", 10, 10)
@example("a\n\n# B", 2, 0)
def test_sections_are_found_as_before(text: str, start: int, length: int) -> None:
    start = start % (len(text) + 1)
    end = min(start + length % 40, len(text))
    assert _Sections(text).around(start, end) == reference_section(text, start, end)


RUN = checker()


@given(mutated_corpus(fragments=[*CONTENT_NASTY, "    ", "</details>", ""]))
@example("# A\n\n- x  ")  # the final newline goes in at the end of the last section
@example("# A\n\n- x\n\n\n# B\n\n- y  \n")
def test_a_group_after_its_fixes_is_its_part_of_the_fixed_text(text: str) -> None:
    source = decode(text.encode("utf-8"), "prop.md")
    for unsafe in (False, True):
        problems = RUN.check_source(source, fixes_only=True).problems
        candidates = [p for p in problems if applicable(p.fix, unsafe)]
        fixed, chosen = apply_fixes(source.text, [p.fix for p in candidates if p.fix])
        for group in _groups(source, candidates, chosen, fixed):
            # As the guard made it before: the group's fixes applied to its sections.
            fixes = [_shifted(candidates[i].fix, group.first) for i in group.members]
            after, applied = apply_fixes(group.before, fixes)
            assert group.after == after
            assert len(applied) == len(fixes)
            assert group.edits == sorted({e for fix in fixes for e in fix.edits})
            assert group.before == source.text[group.first : group.first + len(group.before)]
