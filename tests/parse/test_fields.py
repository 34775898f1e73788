"""Field bullets in every label variant of docs/format.md, details blocks, metadata and links."""

from __future__ import annotations

import pytest

from helpers import parse_text
from paperlint.text import split_keypoints

HEAD = "## 202404\n### LLM\n#### A Paper\n"


def only_entry(text: str):
    (entry,) = parse_text(HEAD + text).entries()
    return entry


@pytest.mark.parametrize(
    ("bullet", "style", "colon", "spacing", "value"),
    [
        ("- `Objective:` aims", "code", ":", " ", "aims"),
        ("- `Objective:`aims", "code", ":", "", "aims"),
        ("- `Objective:`   aims", "code", ":", "   ", "aims"),
        ("- `Objective：` aims", "code", "：", " ", "aims"),
        ("- `Objective`: aims", "code-colon-outside", ":", " ", "aims"),
        ("- `Objective`： aims", "code-colon-outside", "：", " ", "aims"),
        ("- **Objective:** aims", "bold", ":", " ", "aims"),
        ("- **Objective：**aims", "bold", "：", "", "aims"),
        ("- **Objective**: aims", "bold", ":", " ", "aims"),
        ("- Objective: aims", "plain", ":", " ", "aims"),
        ("- `Objective` aims", "code", "", " ", "aims"),
        ("- `Objective:`\n  aims on the next line", "code", ":", None, "aims on the next line"),
        ("- `Objective:` \n  - one\n  - two", "code", ":", None, "one\ntwo"),
        ("* `Objective:` star bullet", "code", ":", " ", "star bullet"),
        ("- `Objective:`\taims", "code", ":", "\t", "aims"),
    ],
)
def test_label_variants(
    bullet: str, style: str, colon: str, spacing: str | None, value: str
) -> None:
    entry = only_entry(bullet + "\n")
    (field,) = entry.fields
    assert (field.label, field.style, field.colon, field.spacing, field.value) == (
        "Objective",
        style,
        colon,
        spacing,
        value,
    )
    assert (field.line, field.column) == (4, 3)


@pytest.mark.parametrize(
    "bullet",
    [
        "- Finding 1. For a fixed number of parameters",
        "- `[SD]` a tag in code",
        "- Note that: plain prose with an unknown label",
        "- **Video Generation**",
        "- `x = 1` some code",
    ],
)
def test_prose_bullets_are_not_fields(bullet: str) -> None:
    entry = only_entry("- `Keypoints:` a\n" + bullet + "\n")
    assert [f.label for f in entry.fields] == ["Keypoints"]


def test_aliases_resolve_to_canonical_labels() -> None:
    entry = only_entry("- `Methods:` a\n- `Summay`: b\n- `keypoints:` c\n")
    assert [(f.written, f.label) for f in entry.fields] == [
        ("Methods", "Method"),
        ("Summay", "Summary"),
        ("keypoints", "Keypoints"),
    ]


def test_unknown_code_label_with_colon_is_kept_as_written() -> None:
    entry = only_entry("- `Main PipeLine:` a\n")
    assert [f.label for f in entry.fields] == ["Main PipeLine"]


@pytest.mark.parametrize(
    ("value", "keypoints"),
    [
        ("a; b; c", ["a", "b", "c"]),
        ("a、 b、c", ["a", "b", "c"]),
        ("a，b； c, d", ["a", "b", "c", "d"]),
        ("CFG; Dynamic weight;", ["CFG", "Dynamic weight"]),
        ("", []),
    ],
)
def test_keypoints_split_on_every_separator(value: str, keypoints: list[str]) -> None:
    assert split_keypoints(value) == keypoints


def test_details_fields_are_separate_from_entry_fields() -> None:
    entry = only_entry(
        "- `Keypoints:` a\n- `Objective:` b\n-   <details>\n    <summary>Notes</summary>\n\n"
        "    - `Method:` m\n    </details>\n"
    )
    assert [f.label for f in entry.fields] == ["Keypoints", "Objective"]
    (details,) = entry.details
    assert (details.summary, details.closed, details.line, details.end_line) == (
        "Notes",
        True,
        6,
        10,
    )
    assert [f.label for f in details.fields] == ["Method"]


@pytest.mark.parametrize(
    "text",
    [
        "- `Keypoints:` a\n- `Objective:` b\n\n```html\n<details>\n```\n",
        "- `Keypoints:` a\n- `Objective:` use `<details>` to fold notes\n",
        "- `Keypoints:` a\n- `Objective:` b\n\nText.\n\n    <details>\n",
        "- `Keypoints:` a\n- `Objective:` b ``<details>`` and `` </details> ``\n",
    ],
    ids=["fence", "code-span", "indented-code", "double-backticks"],
)
def test_details_in_code_is_not_a_details_block(text: str) -> None:
    document = parse_text(HEAD + text)
    assert document.details == []
    assert document.stray_closes == []


def test_details_without_summary_and_unclosed() -> None:
    entry = only_entry("- `Keypoints:` a\n- `Objective:` b\n- <details>\n\n  - `Method:` m\n")
    (details,) = entry.details
    assert (details.summary, details.closed, details.end_line) == (None, False, 8)


def test_stray_close_is_recorded() -> None:
    document = parse_text(HEAD + "- `Keypoints:` a\n- `Objective:` b\n</details>\n")
    assert document.stray_closes == [(6, 1)]


def test_metadata_tags_links_and_arxiv_ids() -> None:
    entry = only_entry(
        "[DiT][2024.7][preprint]\\[[paper](https://arxiv.org/pdf/2407.07860v2)\\]"
        "\\[[code](https://example.org/x)\\]\n"
        "`[SD]` `[2024.05]`\n\n"
        "- `Keypoints:` a\n- `Objective:` see [abs](http://arxiv.org/abs/2407.07860)\n"
    )
    assert entry.tags == ["DiT", "2024.7", "preprint", "SD", "2024.05"]
    assert [(link.text, link.url, link.line) for link in entry.links] == [
        ("paper", "https://arxiv.org/pdf/2407.07860v2", 4),
        ("code", "https://example.org/x", 4),
        ("abs", "http://arxiv.org/abs/2407.07860", 8),
    ]
    assert entry.arxiv == ["2407.07860"]


def test_sub_headings_stay_inside_their_entry() -> None:
    document = parse_text(
        HEAD + "- `Keypoints:` a\n- `Objective:` b\n##### Notes\n- `Method:` c\n#### Next\n"
        "- `Keypoints:` d\n- `Objective:` e\n"
    )
    first, second = document.entries()
    assert [f.label for f in first.fields] == ["Keypoints", "Objective", "Method"]
    assert (first.end_line, second.line) == (7, 8)


def test_file_without_months_or_categories_gets_null_month() -> None:
    document, _ = parse_text("### A Paper\n- `Keypoints:` a\n- `Objective:` b\n").to_json()
    assert document["layout"] == {"month": None, "category": None, "entry": 3}
    (month,) = document["months"]
    assert month["month"] is None
    assert month["categories"][0]["name"] is None
    assert month["categories"][0]["entries"][0]["title"] == "A Paper"


def test_crlf_and_bom_parse_like_lf() -> None:
    from paperlint.source import decode

    text = HEAD + "- `Keypoints:` a\n- `Objective:` b\n"
    lf = parse_text(text).to_json()[0]
    source = decode(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "test.md")
    from helpers import checker

    assert checker().parse(source).to_json()[0] == lf
    assert (source.bom, source.newline) == (True, "\r\n")


@pytest.mark.parametrize("indent", ["", "    ", "        "])
def test_closing_details_tag_is_never_part_of_a_field_value(indent: str) -> None:
    entry = only_entry(
        "- `Keypoints:` a\n- `Objective:` b\n-   <details>\n    <summary>Details</summary>\n\n"
        f"    - `Method:` x\n{indent}</details>\n"
    )
    assert entry.details[0].fields[0].value == "x"
    assert entry.details[0].closed


def test_link_text_across_lines_gets_a_valid_column() -> None:
    entry = only_entry("- `Keypoints:` a\n- `Objective:` see [a\nb](https://x.org) c\n")
    (link,) = entry.links
    assert (link.text, link.url, link.line, link.column) == ("a b", "https://x.org", 6, 1)


def test_links_are_found_although_plain_blocks_skip_inline_parsing() -> None:
    entry = only_entry(
        "<https://arxiv.org/abs/2401.00001>\n\n"
        "- `Keypoints:` a\n- `Objective:` b [ref][r] ![i](x.png) `code` **bold**\n\n"
        "[r]: https://arxiv.org/abs/2401.00002\n"
    )
    assert [link.url for link in entry.links] == [
        "https://arxiv.org/abs/2401.00001",
        "https://arxiv.org/abs/2401.00002",
    ]
    assert entry.fields[1].value == "b [ref][r] ![i](x.png) `code` **bold**"
