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
from paperlint.fix.rendering import (
    _VISIBLE,
    _WORD_RE,
    _extent,
    _Group,
    _groups,
    _line_offset,
    _rendering_change,
    _Sections,
    _shifted,
    _split_changes,
    _unshared,
    shown_changes,
)
from paperlint.problem import Edit, Fix, Problem, applicable
from paperlint.render import (
    _BLOCK_RE,
    _COMMENT_RE,
    _HREF_RE,
    _ITEM_START_RE,
    _PRE_RE,
    _TAG_RE,
    BULLET_RE,
    EXTENSIONS,
    Rendering,
    _blocks_re,
    to_html,
)
from paperlint.source import Source, decode
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


def reference_html(markdown: str) -> str:
    """cmarkgfm's one-call renderer, which looks the extensions up on every call."""
    import cmarkgfm  # type: ignore[import-untyped]
    from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
    options |= Options.CMARK_OPT_GITHUB_PRE_LANG
    rendered: str = cmarkgfm.markdown_to_html_with_extensions(markdown, options, EXTENSIONS)
    return rendered


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


def reference_groups(
    source: Source, candidates: list[Problem], chosen: list[int], fixed: str
) -> list[_Group]:
    """The groups as ``_groups`` made them with Edit objects sorted, and with the extent of a
    fix taken from its edits sorted by (start, end)."""
    text = source.text

    def edits_of(fix: Fix | None) -> list[Edit]:
        return sorted(fix.edits, key=lambda e: (e.start, e.end)) if fix is not None else []

    def all_of(problem: Problem) -> tuple[Edit, ...]:
        return problem.fix.edits if problem.fix is not None else ()

    ranges: list[tuple[int, int, list[int]]] = []
    for first, last, index in sorted(
        (*reference_section(text, edits[0].start, edits[-1].end), index)
        for index in chosen
        if (edits := edits_of(candidates[index].fix))
    ):
        if ranges and first < ranges[-1][1]:
            start, end, members = ranges[-1]
            ranges[-1] = (start, max(end, last), [*members, index])
        else:
            ranges.append((first, last, [index]))
    spans = sorted(
        {(e.start, e.end, len(e.replacement)) for i in chosen for e in all_of(candidates[i])}
    )
    groups: list[_Group] = []
    next_span = growth = 0
    for first, last, members in ranges:
        while next_span < len(spans) and spans[next_span][0] < first:
            start, end, length = spans[next_span]
            growth += length - (end - start)
            next_span += 1
        after_first = first + growth
        while next_span < len(spans) and (spans[next_span][0] < last or last == len(text)):
            start, end, length = spans[next_span]
            growth += length - (end - start)
            next_span += 1
        edits = sorted(
            {
                Edit(e.start - first, e.end - first, e.replacement)
                for i in members
                for e in all_of(candidates[i])
            }
        )
        after = fixed[after_first : last + growth]
        groups.append(_Group(first, members, text[first:last], after, edits))
    return groups


def reference_words(texts: list[str]) -> Counter[str]:
    return Counter(_WORD_RE.findall(" ".join(texts).translate(_VISIBLE)))


def reference_rendering_change(before: str, after: str, line: int, edits: list[Edit]) -> str | None:
    """The guard's verdict on a change as it was made: every bullet line tried, the shown
    words of both renderings counted whole, every removed word counted."""

    def old_line(number: int) -> int:
        offset = _line_offset(after, number - line)
        for edit in sorted(edits, key=lambda e: e.start):
            if offset < edit.start:
                break
            offset -= len(edit.replacement) - (edit.end - edit.start)
        return line + before.count("\n", 0, max(offset, 0))

    removed = [before[e.start : e.end] for e in edits]
    old, new = Rendering(before, line), Rendering(after, line)
    assert old.blocks is not None and new.blocks is not None  # code blocks: all blocks filtered
    new_code = new.indented_code()
    if new_code:
        old_code = Counter(
            old.source_line(n).strip() for a, b in old.indented_code() for n in range(a, b + 1)
        )
        for first, last in new_code:
            texts = Counter(new.source_line(n).strip() for n in range(first, last + 1))
            if texts - old_code:
                first, last = old_line(first), old_line(last)
                span = f"line {first}" if first == last else f"lines {first}–{last}"
                return f"turn {span} into a code block"
    new_stray = reference_stray_bullets(new)
    if new_stray:
        old_text = Counter(old.source_line(n).strip() for n in reference_stray_bullets(old))
        for number, kind in sorted(new_stray.items()):
            shown = new.source_line(number).strip()
            if old_text[shown] > 0:
                old_text[shown] -= 1
                continue
            what = "a code block" if kind == "code" else "plain text"
            return f"show the bullet of line {old_line(number)} as {what}"
    was, now = reference_shown_words(old), reference_shown_words(new)
    hidden, revealed = was - now, now - was
    if not hidden and not revealed:
        return None
    gone = reference_words(list(hidden.elements()))
    gone -= reference_words(list(revealed.elements()))
    gone -= reference_words(removed)
    if gone:
        words = ", ".join(f"`{w}`" for w in sorted(gone)[:3])
        return f"hide words GitHub shows ({words}) or show them as code"
    return None


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
    "> - quoted\n", "- [ ] task\n", "- [x] done", "~~struck~~", "| a | b |\n|---|---|\n| c |",
    "www.example.com", "<script>", "<title>",
]  # fmt: skip
markdown_like = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join)

# A change a fix could make: pieces that hide, reveal, indent or un-indent, set a bullet
# apart or run it into a paragraph, open or close HTML and code.
REPLACEMENTS = [
    "", " ", "    ", "\n", "\n\n", "\n    ", "\n- ", "\n\n- x", "\n\n    - x", "- ", "`",
    "<details>", "</details>", "<!--", "-->", "**", "x", "word", "```", "1. ", "<p>", "&amp;",
    "\u00a0", "[a](u)", "\n<div>\n- x", "<br>\n- x",
]  # fmt: skip


@st.composite
def changed_markdown(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> tuple[str, str, list[Edit]]:
    """A text, that text after some non-overlapping edits, and the edits (sorted)."""
    before = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(before)), max_size=8)))
    edits: list[Edit] = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and start <= edits[-1].end:
            continue
        edits.append(Edit(start, end, draw(st.sampled_from(REPLACEMENTS))))
    parts, position = [], 0
    for edit in edits:
        parts += [before[position : edit.start], edit.replacement]
        position = edit.end
    return before, "".join([*parts, before[position:]]), edits


SECTION_LINES = ["# A", "## B", "###### C", "####### D", "#x", "#", "text", "", "   ", "<div>"]
section_text = st.lists(st.sampled_from(SECTION_LINES), max_size=25).map("\n".join)


def assert_renderings_agree(markdown: str) -> None:
    full, fast = Rendering(markdown, 3), Rendering(markdown, 3)
    assert fast.html == reference_html(markdown)
    blocks = full.blocks  # built: ``full`` then filters it, ``fast`` never builds it
    assert fast._blocks_of("pre", "li") == [b for b in blocks if b.tag in ("pre", "li")]
    assert fast.item_starts() == full.item_starts() == {b.line for b in blocks if b.tag == "li"}
    assert fast.code_blocks() == full.code_blocks()
    assert fast.indented_code() == [(a, b) for a, b, fenced in full.code_blocks() if not fenced]
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


@given(html_like)
@example('<lix data-sourcepos="1:1-1:1"><li data-sourcepos="2:1-3:0"><li data-sourcepos="4:')
@example('<li data-sourcepos="007:1-8:0">')
@example('<li1 data-sourcepos="1:1-1:1"><li-x data-sourcepos="2:1-2:1">')
def test_item_starts_pattern_is_the_li_blocks_first_lines(text: str) -> None:
    blocks = [m.group(2) for m in _blocks_re(("li",)).finditer(text)]
    assert _ITEM_START_RE.findall(text) == blocks


@given(markdown_like)
@example("- a bullet first\n- x")
@example("text\n- no item\n  - item?")
@example("    - code\n- item\n<!--\n- hidden\n-->\n- last")
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
@example("a\nb\nc", "b\nc", "", "")  # a line less: paired once the shared ones are out
@example("a b\nb a", "b a\na b", "", "")  # lines swapped
@example("ab\n", "a\nb", "", "")
def test_shown_changes_are_the_counter_differences(
    old: str, new: str, head: str, tail: str
) -> None:
    old, new = head + old + tail, head + new + tail
    was, now = Counter(old.split()), Counter(new.split())
    assert shown_changes(old, new) == (was - now, now - was)


shown_lines = st.lists(st.sampled_from(["ab a", "a", "b ab", " a", "b\xa0", ""]), max_size=8)


@given(shown_lines, shown_lines)
@example(["a", "a", "b"], ["a", "b"])
@example(["a b", "b"], ["b", "a"])
def test_split_changes_are_the_counter_differences(old: list[str], new: list[str]) -> None:
    was, now = Counter(" ".join(old).split()), Counter(" ".join(new).split())
    assert _split_changes(old, new) == (was - now, now - was)
    kept = _unshared(old, new)
    assert Counter(kept) == Counter(old) - Counter(new)
    rest = iter(old)
    assert all(text in rest for text in kept)  # in the order of ``old``


@given(section_text, st.integers(0, 400), st.integers(0, 400))
@example("# A\ntext\n\n# B\ntext", 5, 6)
@example("#\n\n#", 0, 0)  # a bare ``#`` at the end of the text
@example("\n# A\n \t\n## B", 1, 1)
@example("text\n# A\n\n#x\n\n## B\n", 10, 10)
@example("a\n\n# B", 2, 0)
def test_sections_are_found_as_before(text: str, start: int, length: int) -> None:
    start = start % (len(text) + 1)
    end = min(start + length % 40, len(text))
    assert _Sections(text).around(start, end) == reference_section(text, start, end)


edit_lists = st.lists(
    st.builds(Edit, st.integers(0, 9), st.integers(0, 9), st.sampled_from(["", "a"])),
    min_size=1,
    max_size=4,
)


@given(edit_lists)
@example([Edit(0, 9, ""), Edit(5, 6, "")])  # the last edit by start ends before another
def test_the_extent_of_a_fix_is_its_edits_sorted(edits: list[Edit]) -> None:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    assert _extent(edits) == (ordered[0].start, ordered[-1].end)


@given(changed_markdown(markdown_like), st.integers(1, 50))
@example(("- a\n- b\n", "- a\n    - b\n", [Edit(4, 4, "    ")]), 3)
@example(("text\n\n- b\n", "text\n- b\n", [Edit(5, 6, "")]), 1)
@example(("a `b` c\n", "a `b c\n", [Edit(4, 5, "")]), 1)
def test_rendering_change_is_the_plain_verdict_on_random_markdown(
    change: tuple[str, str, list[Edit]], line: int
) -> None:
    before, after, edits = change
    assert _rendering_change(before, after, line, edits) == reference_rendering_change(
        before, after, line, edits
    )


@given(changed_markdown(mutated_corpus(fragments=[*CONTENT_NASTY, "    ", "</details>", ""])))
def test_rendering_change_is_the_plain_verdict_on_mutated_corpus(
    change: tuple[str, str, list[Edit]],
) -> None:
    before, after, edits = change
    assert _rendering_change(before, after, 1, edits) == reference_rendering_change(
        before, after, 1, edits
    )


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
        assert _groups(source, candidates, chosen, fixed) == reference_groups(
            source, candidates, chosen, fixed
        )
        for group in _groups(source, candidates, chosen, fixed):
            # As the guard made it before: the group's fixes applied to its sections.
            fixes = [_shifted(candidates[i].fix, group.first) for i in group.members]
            after, applied = apply_fixes(group.before, fixes)
            assert group.after == after
            assert len(applied) == len(fixes)
            assert group.edits == sorted({e for fix in fixes for e in fix.edits})
            assert group.before == source.text[group.first : group.first + len(group.before)]
