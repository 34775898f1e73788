"""Differential test: paperlint's details rules and fixes against what GitHub renders.

The oracle (``paperlint.render``: cmark-gfm, then html5lib's tree building) runs over every
corpus file and over mutants of the real lists aimed at details blocks, indentation, blank
lines, ``$$`` and HTML tags. For each text: every breakage in an entry (an indented code
block, a bullet shown as text) has a PL3xx finding at its lines; no PL3xx message claims a
rendering the DOM contradicts; ``fix`` and ``fix --unsafe-fixes`` never drop a shown word
nor make a code block or a bullet shown as text. Counts are in README.md beside this file.
"""

from __future__ import annotations

import difflib
import random
import re
from collections import Counter

import pytest

from helpers import CORPUS_FILES, FIXTURES, checker
from paperlint.fix import fix_source
from paperlint.model import Document
from paperlint.problem import Problem
from paperlint.render import Rendering, details_elements, dom
from paperlint.source import decode

EXTERNAL = sorted((FIXTURES / "external").glob("*__*.md"))  # the real lists, not their notes
LISTS = [p for p in CORPUS_FILES if p.parent.name in {"reference", "monthly-h3", "topic"}]
MUTANTS = 300
WORD_RE = re.compile(r"\w+")

# What people do to a details block, an indentation, a blank line.
FRAGMENTS = [
    "$$\nx = 1\n$$",
    '<p align="center"><img src="fig.png" width="450" /></p>',
    "</details>",
    "<details>",
    "    <summary>Details</summary>",
    "        - `Method:` d",
    "",
    "<br>",
]


def mutate(lines: list[str], rng: random.Random) -> str:
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(len(lines))
        kind = rng.randrange(6)
        if kind == 0:
            lines.insert(index, rng.choice(FRAGMENTS))
        elif kind == 1:
            lines[index] = "    " + lines[index]
        elif kind == 2:
            lines[index] = lines[index].lstrip(" ")
        elif (kind == 3 and not lines[index].strip()) or (kind == 4 and "details>" in lines[index]):
            del lines[index]
        else:
            lines.insert(index, "")
    return "\n".join(lines)


def texts() -> list[tuple[str, str]]:
    found = [(p.name, p.read_text("utf-8")) for p in [*CORPUS_FILES, *EXTERNAL]]
    rng = random.Random(14)
    bases = [p.read_text("utf-8").replace("\r\n", "\n").split("\n") for p in LISTS]
    for number in range(MUTANTS):
        found.append((f"mutant-{number}", mutate(rng.choice(bases), rng)))
    return found


TEXTS = texts()
RUN = checker()


def pl3(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code.startswith("PL3")]


def breakages(document: Document, rendering: Rendering) -> list[tuple[int, str]]:
    """(line, kind) of each line of an entry GitHub shows as code or as a stray bullet."""
    found: list[tuple[int, str]] = []
    spans = [(e.line, e.end_line) for e in document.entries()]

    def in_entry(line: int) -> bool:
        return any(a < line <= b for a, b in spans)

    for first, _ in rendering.indented_code():
        if in_entry(first):
            found.append((first, "code"))
    for line, kind in rendering.stray_bullets().items():
        if kind == "text" and in_entry(line):
            found.append((line, kind))
    return found


def block_start(lines: list[str], line: int) -> int:
    """First line of the block (run of non-blank lines) that holds ``line``."""
    while line > 1 and lines[line - 2].strip():
        line -= 1
    return line


def shown_words(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(" ".join(Rendering(text).shown_words().elements())))


def check_text(text: str) -> dict[str, int]:
    source = decode(text.encode("utf-8"), "t.md")
    result = RUN.check_source(source)
    document = result.document
    assert document is not None
    lines = source.lines
    rendering = Rendering(source.text)
    problems = pl3(result.problems)
    at = sorted(p.line for p in problems)
    counts = Counter[str]()
    # 1. Every breakage in an entry is reported at its lines.
    for line, kind in breakages(document, rendering):
        counts[f"breakage-{kind}"] += 1
        first = block_start(lines, line)
        assert any(first <= n <= line for n in at), (line, kind, problems)
    # 2. No PL3xx message contradicts the rendering.
    stray = rendering.stray_bullets()
    code_starts = {a for a, _ in rendering.indented_code()}
    elements = None
    for problem in problems:
        counts[problem.code] += 1
        message = problem.message
        if "as a code block" in message:
            assert problem.line in code_starts, problem
        if "appears as plain text" in message:
            assert stray.get(problem.line) == "text", problem
        if problem.code == "PL301":
            elements = elements if elements is not None else details_elements(dom(source.text))
            closes = re.search(r"closes it at line (\d+)", message)
            hides = re.search(r"the heading on line (\d+)", message)
            if closes:
                end = int(closes[1])
                block = rendering.innermost(problem.line, problem.column, frozenset({"li"}))
                assert block is not None and block.end_line >= end, problem
                # The elements that start inside the block end with the item, hiding
                # no heading.
                inside = [e for e in elements if e.lines and problem.line < e.lines[0] <= end]
                assert all(not e.headings and e.lines[-1] <= block.end_line for e in inside)
            if hides:
                assert any(int(hides[1]) in e.headings for e in elements), problem
    # 3. Fixes keep what GitHub shows.
    before_code = Counter(
        lines[n - 1].strip() for a, b in rendering.indented_code() for n in range(a, b + 1)
    )
    before_stray = Counter(lines[n - 1].strip() for n in stray)
    words = shown_words(source.text)
    for unsafe in (False, True):
        outcome = fix_source(RUN, source, unsafe=unsafe)
        if not outcome.changed:
            continue
        counts["fixed-unsafe" if unsafe else "fixed"] += 1
        counts["withheld"] += len(outcome.withheld)
        after = outcome.fixed.text
        new = Rendering(after)
        new_lines = after.split("\n")
        code = Counter(
            new_lines[n - 1].strip() for a, b in new.indented_code() for n in range(a, b + 1)
        )
        assert not code - before_code, (unsafe, code - before_code)
        strays = Counter(new_lines[n - 1].strip() for n in new.stray_bullets())
        assert not strays - before_stray, (unsafe, strays - before_stray)
        changed = [
            line[1:]
            for line in difflib.unified_diff(lines, new_lines, lineterm="", n=0)
            if line.startswith("-") and not line.startswith("---")
        ]
        lost = words - shown_words(after) - Counter(WORD_RE.findall(" ".join(changed)))
        assert not lost, (unsafe, lost)
    return counts


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_rules_and_fixes_agree_with_what_github_renders(name: str, text: str) -> None:
    check_text(text)


def test_there_are_enough_mutants() -> None:
    assert sum(name.startswith("mutant-") for name, _ in TEXTS) >= 300
    assert len(TEXTS) - MUTANTS == len(CORPUS_FILES) + len(EXTERNAL) == 18


if __name__ == "__main__":  # the counts of tests/render/README.md
    total = Counter[str]()
    for _, text in TEXTS:
        total.update(check_text(text))
    for key, value in sorted(total.items()):
        print(f"{key}: {value}")
