"""Structure rules PL101, PL103, PL104, PL106 and PL107: exact positions, messages, fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, CORPUS_FILES, FIXTURES, fixed, lint, positions
from paperlint.rules import get
from paperlint.settings import Settings
from paperlint.source import decode

HERE = FIXTURES / "rules" / "structure"
TOPIC = CORPUS / "topic"
IMAGE_GENERATION = CORPUS / "list-only" / "ImageGeneration.md__2024-12-07__b468a81f12.md"
JULY = CORPUS / "monthly-h3" / "PaperList_202407.md__2024-07-27__020a52ead3.md"
FIELDS = "- `Keypoints:` a; b\n- `Objective:` c\n"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- PL101 heading-level-skip -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# A\n### B\n", [(2, 1)]),
        ("# A\n## B\n### C\n#### D\n", []),
        ("# A\n## B\n### C\n# D\n### E\n", [(5, 1)]),
        ("#### D\n## B\n", []),  # going up any number of levels is fine
        ("# A\n   ### B\n", [(2, 4)]),  # column of the first `#`
        # A topic list: categories h1, entries h3 — the first paper under each skips h2.
        ("# Cat\n### Paper\n" + FIELDS + "# Cat 2\n### Paper 2\n" + FIELDS, [(2, 1), (6, 1)]),
        # A heading outside the layout two levels above the next: a skip.
        ("# Intro\n\n### Notes\n## 202404\n### LLM\n#### P\n" + FIELDS, [(3, 1)]),
        # Month → entry while the file puts categories in between: a real skip.
        (
            "## 202405\n### LLM\n#### P\n" + FIELDS + "## 202404\n#### Q\n" + FIELDS,
            [(7, 1)],
        ),
        # Inside an entry, a sub-heading two levels deeper is a skip.
        ("## 202405\n### LLM\n#### P\n" + FIELDS + "###### Notes\n", [(6, 1)]),
    ],
)
def test_heading_level_skip(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL101") == expected


def test_heading_level_skip_message() -> None:
    (problem,) = lint("# A\n\n### B\n", select=("PL101",))
    assert problem.message == (
        "heading level jumps from h1 (line 1) to h3; write it as `## …` or add the missing level"
    )


def test_heading_level_skip_is_the_same_in_every_layout() -> None:
    # The same h1 → h3 jump, as the list-only file writes it (a title, then categories of
    # bullets) and as the topic files write it (a category, then papers with fields).
    list_only = "# Image Generation\n### 📌Controllable Generation\n- paper one\n"
    topic = "# Controllable Generation\n### Cinemo\n" + FIELDS
    monthly = "# 202404\n### RULER\n" + FIELDS
    for text in (list_only, topic, monthly):
        (problem,) = lint(text, select=("PL101",))
        assert (problem.line, problem.column) == (2, 1)
        assert problem.message.startswith("heading level jumps from h1 (line 1) to h3;")


def test_heading_level_skip_topic_files() -> None:
    # Each category (h1) of the topic lists is followed by its first paper (h3).
    assert positions(read(TOPIC / "Control.md__2024-09-11__467b2f58be.md"), "PL101") == [(19, 1)]
    video = read(TOPIC / "VideoGeneration.md__2024-09-12__2404c4acda.md")
    assert positions(video, "PL101") == [(40, 1), (71, 1), (155, 1), (160, 1), (192, 1)]
    multiview = read(TOPIC / "MultiView.md__2024-08-29__028bec48f5.md")
    assert positions(multiview, "PL101") == []  # `##` then `###`: no skip


def test_heading_level_skip_corpus() -> None:
    """Across the corpus the h1 → h3 jumps of the list-only and topic files are skips."""
    found = {
        (path.parent.name, line)
        for path in CORPUS_FILES
        for line, _ in positions(read(path), "PL101")
    }
    assert found == {
        ("list-only", 3),
        ("topic", 19),
        ("topic", 40),
        ("topic", 71),
        ("topic", 155),
        ("topic", 160),
        ("topic", 192),
    }
    assert positions(read(IMAGE_GENERATION), "PL101") == [(3, 1)]


# -- PL103 months-out-of-order ----------------------------------------------------------


def months(*values: str) -> str:
    return "".join(f"## {value}\n### LLM\n#### P {value}\n{FIELDS}" for value in values)


@pytest.mark.parametrize(
    ("order", "values", "expected"),
    [
        ("desc", ("202406", "202405", "202404"), []),
        ("desc", ("202404", "202405"), [(6, 1)]),
        # One pasted month is reported, not every month after it.
        ("desc", ("202406", "202405", "202401", "202404", "202403"), [(11, 1)]),
        ("asc", ("202404", "202405"), []),
        ("asc", ("202405", "202404"), [(6, 1)]),
        ("any", ("202404", "202406", "202405"), []),
        # Malformed months are PL102's; equal months are PL104's.
        ("desc", ("202404", "2024-6", "202403"), []),
        ("desc", ("202404", "202404"), []),
    ],
)
def test_months_out_of_order(
    order: str, values: tuple[str, ...], expected: list[tuple[int, int]]
) -> None:
    settings = Settings(rule_options={"PL103": {"order": order}})
    assert positions(months(*values), "PL103", settings) == expected


def test_months_out_of_order_message_says_where_to_move() -> None:
    text = months("202406", "202405", "202401", "202404", "202403")
    (problem,) = lint(text, select=("PL103",))
    assert problem.message == (
        'month 202401 is out of order: months go newest first ([rules.PL103] order = "desc"); '
        "move it below 202403 (line 21)"
    )
    (first,) = lint(months("202404", "202405"), select=("PL103",))
    assert first.message.endswith("move it above 202404 (line 1)"), first.message


def test_months_out_of_order_corpus_files_are_in_order() -> None:
    assert [path for path in CORPUS_FILES if positions(read(path), "PL103")] == []


# -- PL104 duplicate-section ------------------------------------------------------------


def test_duplicate_category_from_corpus_excerpt() -> None:
    (problem,) = lint(read(HERE / "duplicate_category.md"), select=("PL104",))
    assert (problem.line, problem.column) == (8, 1)
    assert problem.message == (
        "category 'Diffusion' appears twice in month 202407 (also at line 3); "
        "merge the two sections"
    )


def test_duplicate_category_in_the_corpus_file() -> None:
    (problem,) = lint(read(JULY), select=("PL104",))
    assert (problem.line, problem.column) == (86, 1)
    assert "(also at line 6)" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (months("202405", "202404"), []),
        (months("202405", "202404", "202405"), [(11, 1)]),
        # Same category in different months is how monthly lists work.
        (months("202405", "202404") + "### Diffusion\n#### Q\n" + FIELDS, []),
        # Names compare ignoring case and spacing.
        (
            "## 202405\n### LLM\n#### P\n" + FIELDS + "### llm \n#### Q\n" + FIELDS,
            [(6, 1)],
        ),
        # A topic list (no months) compares its categories across the whole file.
        (
            "# Cat\n### P\n" + FIELDS + "# Other\n### Q\n" + FIELDS + "# Cat\n### R\n" + FIELDS,
            [(9, 1)],
        ),
    ],
)
def test_duplicate_section(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL104") == expected


def test_duplicate_month_message() -> None:
    (problem,) = lint(months("202405", "202405"), select=("PL104",))
    assert problem.message == "month 202405 appears twice (also at line 1); merge the two sections"


# -- PL106 layout-break ----------------------------------------------------------------


HEAD = "## 202404\n### LLM\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "#### P\n" + FIELDS + "#### Q\n" + FIELDS, []),
        # A paper written one level too deep is swallowed by the paper above it.
        (HEAD + "#### P\n" + FIELDS + "##### Q\n" + FIELDS + "#### R\n" + FIELDS, [(6, 1)]),
        # Field bullets right under a category heading.
        (HEAD + "#### P\n" + FIELDS + "### Diffusion\n" + FIELDS + "#### R\n" + FIELDS, [(6, 1)]),
        # Field bullets before the first heading belong to no entry.
        ("- `Keypoints:` x\n\n" + HEAD + "#### P\n" + FIELDS, [(1, 3)]),
        # An entry heading without fields is PL207's business, not a layout break.
        (HEAD + "#### P\n" + FIELDS + "#### Q\n", []),
    ],
)
def test_layout_break(text: str, expected: list[tuple[int, int]]) -> None:
    assert positions(text, "PL106") == expected


def test_layout_break_messages() -> None:
    text = HEAD + "#### P\n" + FIELDS + "##### Q\n" + FIELDS + "#### R\n" + FIELDS
    (problem,) = lint(text, select=("PL106",))
    assert problem.message == (
        "heading 'Q' (h5) has field bullets but this file's entries are h4: write it as "
        "`#### Q` if it is a paper"
    )
    text = HEAD + "#### P\n" + FIELDS + "### Diffusion\n" + FIELDS + "#### R\n" + FIELDS
    (problem,) = lint(text, select=("PL106",))
    assert problem.message == (
        "field bullets right under the category heading 'Diffusion'; this file's entries "
        "are h4 — add the paper's `#### Title` heading above them"
    )


def test_layout_break_corpus_is_clean() -> None:
    assert [path for path in CORPUS_FILES if positions(read(path), "PL106")] == []


# -- PL107 broken-heading -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "after"),
    [
        ("## 202404\n###LLM\n", [(2, 1)], "## 202404\n### LLM\n"),
        ("#202404\n", [(1, 1)], "# 202404\n"),
        ("intro\n\n####📌Paper\n", [(3, 1)], "intro\n\n#### 📌Paper\n"),
        # A paragraph's continuation: adding a space would change the paragraph above.
        ("intro\n#hashtag\n", [], "intro\n#hashtag\n"),
        # Indented: inside a list item (or code); seven hashes: never a heading.
        ("- item\n\n  #tag\n", [], "- item\n\n  #tag\n"),
        ("#######x\n", [], "#######x\n"),
        ("```\n\n#include <x>\n```\n", [], "```\n\n#include <x>\n```\n"),
        ("<!--\n\n#x\n-->\n", [], "<!--\n\n#x\n-->\n"),
        ("# Fine\n## Also fine\n", [], "# Fine\n## Also fine\n"),
    ],
)
def test_broken_heading_glued_hashes(
    text: str, expected: list[tuple[int, int]], after: str
) -> None:
    assert positions(text, "PL107") == expected
    assert fixed(text, "PL107") == after


def test_broken_heading_glued_hashes_fix_is_safe_and_declares_structure() -> None:
    (problem,) = lint("## 202404\n###LLM\n", select=("PL107",))
    assert problem.message == "`###` glued to its text is not a heading; put a space after `###`"
    assert problem.fix is not None
    assert problem.fix.safe
    assert problem.fix.changes == frozenset({"structure"})


def test_broken_heading_metadata_from_corpus_excerpt() -> None:
    text = read(HERE / "metadata_in_heading.md")
    assert positions(text, "PL107") == [(2, 84), (3, 101), (11, 102), (16, 30)]
    problems = lint(text, select=("PL107",))
    assert all(p.fix is not None and not p.fix.safe for p in problems)
    assert problems[0].message == (
        "tags or links inside the entry heading become part of the title; put them on the "
        "line below the heading"
    )
    lines = fixed(text, "PL107", unsafe=True).split("\n")
    at = lines.index("### Phased Consistency Model")
    assert lines[at : at + 3] == [
        "### Phased Consistency Model",
        "`[2024.05]` \\[[paper](https://arxiv.org/abs/2405.18407)\\] "
        "\\[[code](https://github.com/G-U-N/Phased-Consistency-Model/tree/master)\\]",
        "- `Keypoints:`  Consistency model; Guided-Distillation; Adversarial Consistency",
    ]
    assert lines[1] == (
        "### Efficient Video Diffusion Models via Content-Frame Motion-Latent Decomposition"
    )
    # The safe pass leaves metadata alone.
    assert fixed(text, "PL107") == decode(text.encode(), "t").text


@pytest.mark.parametrize(
    ("heading", "expected", "after"),
    [
        ("#### A Paper [DiT][2024.7]", [(3, 14)], "#### A Paper\n[DiT][2024.7]"),
        ("#### A Paper`[SD]`", [(3, 13)], "#### A Paper\n`[SD]`"),
        (
            "#### A Paper [paper](https://x.org/1)",
            [(3, 14)],
            "#### A Paper\n[paper](https://x.org/1)",
        ),
        # A linked title is not metadata; brackets inside the title are not trailing tags.
        ("#### [A Paper](https://x.org/1)", [], None),
        ("#### A [Survey] of Things", [], None),
        # A closed ATX heading is reported without a fix.
        ("#### A Paper [DiT] ####", [(3, 14)], None),
    ],
)
def test_broken_heading_metadata(
    heading: str, expected: list[tuple[int, int]], after: str | None
) -> None:
    text = HEAD + heading + "\n" + FIELDS
    assert positions(text, "PL107") == expected
    result = fixed(text, "PL107", unsafe=True)
    assert result == (HEAD + (after or heading) + "\n" + FIELDS)
    for problem in lint(text, select=("PL107",)):
        assert (problem.fix is None) == (after is None)
        if problem.fix is not None:
            assert problem.fix.changes == frozenset({"title", "tags", "links", "arxiv"})


def test_broken_heading_only_entry_headings_carry_metadata() -> None:
    # Category headings are names, not papers: brackets there are left alone.
    assert positions("## 202404\n### LLM [new]\n#### P\n" + FIELDS, "PL107") == []


def test_broken_heading_corpus() -> None:
    found = {
        (path.name.split("__")[0], line)
        for path in CORPUS_FILES
        for line, _ in positions(read(path), "PL107")
    }
    assert found == {
        ("VideoGeneration.md", line) for line in (155, 160, 161, 169, 174, 183, 185, 187)
    }


# -- docs ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["PL101", "PL103", "PL104", "PL106", "PL107"])
def test_doc_examples(code: str) -> None:
    rule = get(code)
    assert set(rule.sections()) >= {"What it does", "Why is this bad?", "Example", "Fix safety"}
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    assert lint(failing, select=(code,)), "the failing example must trigger the rule"
    assert lint(passing, select=(code,)) == [], "the passing example must not trigger it"


def test_severity_is_error() -> None:
    for code in ("PL101", "PL103", "PL104", "PL106", "PL107"):
        assert get(code).severity.value == "error"
