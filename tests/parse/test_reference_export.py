"""Acceptance of the core issue: the reference file's JSON model, and layouts of the corpus."""

from __future__ import annotations

import pytest

from helpers import CORPUS, REFERENCE, parse_text
from paperlint.model import Layout


@pytest.fixture(scope="module")
def reference() -> dict:
    document, _ = parse_text(REFERENCE.read_text("utf-8"), path="README.md").to_json()
    return document


def test_reference_has_eight_entries_in_month_202404(reference: dict) -> None:
    assert [m["month"] for m in reference["months"]] == ["202404"]
    categories = reference["months"][0]["categories"]
    assert [(c["name"], len(c["entries"])) for c in categories] == [
        ("LLM", 2),
        ("Diffusion", 4),
        ("Controllable", 2),
    ]
    assert reference["layout"] == {"month": 2, "category": 3, "entry": 4}


def test_transformer_fam_fields_and_keypoints(reference: dict) -> None:
    entry = reference["months"][0]["categories"][0]["entries"][0]
    assert entry["title"] == "TransformerFAM: Feedback attention is working memory"
    assert entry["line"] == 10
    assert list(entry["fields"]) == ["Keypoints", "Objective"]
    assert entry["keypoints"] == [
        "Feedback Attention Memory (FAM)",
        "Working Memory in Transformers",
        "Long-Context Processing",
        "Efficiency and Integration",
    ]
    assert entry["details"][0] == {
        "summary": "Details",
        "closed": True,
        "line": 13,
        "end_line": 20,
        "fields": {
            "Method": entry["details"][0]["fields"]["Method"],
            "Results": entry["details"][0]["fields"]["Results"],
        },
    }
    assert entry["details"][0]["fields"]["Method"].startswith(
        "The authors propose the TransformerFAM"
    )


def test_details_opened_at_line_43_is_not_closed(reference: dict) -> None:
    entry = reference["months"][0]["categories"][1]["entries"][0]
    assert entry["title"] == "Analysis of Classifier-Free Guidance Weight Schedulers"
    (details,) = entry["details"]
    assert (details["line"], details["closed"], details["end_line"]) == (43, False, 47)
    assert list(details["fields"]) == ["Results", "Discussion"]


def test_nested_bullets_are_joined_with_newlines(reference: dict) -> None:
    triforce = reference["months"][0]["categories"][0]["entries"][1]
    method = triforce["details"][0]["fields"]["Method"]
    assert method.count("\n") == 3
    assert method.split("\n")[0] == (
        "The TriForce system is presented, which employs a hierarchical speculative "
        "decoding approach."
    )


def test_full_width_colon_label_is_still_a_field(reference: dict) -> None:
    entry = reference["months"][0]["categories"][1]["entries"][2]
    assert entry["details"][0]["fields"]["Metric"] == "Q & A task is sota;"


def test_nbsp_in_titles_is_folded(reference: dict) -> None:
    titles = [e["title"] for c in reference["months"][0]["categories"] for e in c["entries"]]
    assert "Customizing Text-to-Image Diffusion with Camera Viewpoint Control" in titles
    assert all("\u00a0" not in t for t in titles)


@pytest.mark.parametrize("path", sorted((CORPUS / "monthly-h3").glob("*.md")), ids=lambda p: p.name)
def test_monthly_h3_layout(path) -> None:
    document = parse_text(path.read_text("utf-8"))
    assert document.layout == Layout(month=1, category=2, entry=3)
    assert all(m.month and m.month.isdigit() for m in document.months)


@pytest.mark.parametrize("path", sorted((CORPUS / "topic").glob("*.md")), ids=lambda p: p.name)
def test_topic_files_have_no_months_and_entries_at_h3(path) -> None:
    document = parse_text(path.read_text("utf-8"))
    assert document.layout.month is None
    assert document.layout.entry == 3
    assert [m.month for m in document.months] == [None]
    assert document.entries()
    assert all(e.heading.level == 3 for e in document.entries())


def test_list_only_file_has_its_26_bullet_papers() -> None:
    (path,) = (CORPUS / "list-only").glob("*.md")
    document = parse_text(path.read_text("utf-8"))
    assert document.layout.entry is None
    entries = document.entries()
    assert len(entries) == 26
    assert all(e.kind == "bullet" for e in entries)
    assert all(e.month is not None and e.month.startswith("2024") for e in entries)
    second = entries[1]
    assert (
        second.title == "ControlNeXt: Powerful and Efficient Control for Image and Video Generation"
    )
    assert second.tags == ["SD", "2024.08"]
    assert second.month == "202408"
    assert [link.url for link in second.links] == [
        "https://arxiv.org/abs/2408.06070",
        "https://github.com/dvlab-research/ControlNeXt",
    ]
    assert second.arxiv == ["2408.06070"]
    assert second.category == "📌Controllable Generation"
