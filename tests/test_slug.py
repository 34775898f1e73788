"""GitHub heading anchors: github-slugger's rules, on rendered heading text."""

from __future__ import annotations

import pytest

from helpers import CORPUS, parse_text
from paperlint.rules.links import anchors
from paperlint.slug import Slugger, heading_content, rendered_text, slug, slugs

CONTROL = CORPUS / "topic" / "Control.md__2024-09-11__467b2f58be.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alpha", "alpha"),
        ("bravoCharlieDelta", "bravocharliedelta"),
        ("__proto__", "__proto__"),
        ("heading with a - dash", "heading-with-a---dash"),
        ("heading with an _ underscore", "heading-with-an-_-underscore"),
        ("heading with a period.txt", "heading-with-a-periodtxt"),
        (
            "exchange.bind_headers(exchange, routing [, bindCallback])",
            "exchangebind_headersexchange-routing--bindcallback",
        ),
        (" a ", "-a-"),
        ("apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"),
        ("I ♥ unicode", "i--unicode"),
        ("en–dash", "endash"),
        ("😄 unicode emoji", "-unicode-emoji"),
        ("😄-😄 unicode emoji", "--unicode-emoji"),
        ("😄_😄 unicode emoji", "_-unicode-emoji"),
        (":smile: - a gemoji", "smile---a-gemoji"),
        ("Привет non-latin 你好", "привет-non-latin-你好"),
        ("a‿ ⁀b", "a‿-⁀b"),  # connector punctuation stays
        ("aⒺ 🄺b", "aⓔ-🄺b"),  # alphabetic symbols stay (and lowercase)
        ("a$ ¢ €b", "a--b"),  # currency symbols go
        ("a¹ ½b", "a-b"),  # other numbers go
        ("a\u00a0b", "ab"),  # a no-break space is removed, not turned into "-"
        ("a\u3000b c", "ab-c"),  # so is the ideographic space
        ("a\u200bb", "ab"),  # and a zero-width space (format character)
        ("a  b", "a--b"),  # runs of spaces stay runs of dashes
        ("📌Long Video Genaration", "long-video-genaration"),
        (
            "Cinemo: Consistent and Controllable Image Animation with Motion Diffusion Models",
            "cinemo-consistent-and-controllable-image-animation-with-motion-diffusion-models",
        ),
        (
            "SV3D: Novel Multi-view Synthesis and 3D Generation from a Single Image using "
            "Latent Video Diffusion",
            "sv3d-novel-multi-view-synthesis-and-3d-generation-from-a-single-image-using-"
            "latent-video-diffusion",
        ),
        ("T2V-Turbo: Breaking the Quality Bottleneck", "t2v-turbo-breaking-the-quality-bottleneck"),
        ("No Training, No Problem", "no-training-no-problem"),
        ("MaxFusion: Plug&Play Multi-Modal", "maxfusion-plugplay-multi-modal"),
        ("扩散模型：视频生成（综述）", "扩散模型视频生成综述"),  # CJK punctuation removed
        ("한국어 제목", "한국어-제목"),
        ("Ünïcödé Çase", "ünïcödé-çase"),
        ("", ""),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_repeated_slugs_are_numbered_as_github_does() -> None:
    texts = ["echo", "echo", "echo 1", "echo-1", "echo", "foxtrot-1", "foxtrot", "foxtrot"]
    assert slugs(texts) == [
        "echo",
        "echo-1",
        "echo-1-1",
        "echo-1-2",
        "echo-2",
        "foxtrot-1",
        "foxtrot",
        "foxtrot-2",
    ]


def test_slugger_keeps_state_per_instance() -> None:
    first, second = Slugger(), Slugger()
    assert [first.slug("golf"), first.slug("golf"), first.slug("golf")] == [
        "golf",
        "golf-1",
        "golf-2",
    ]
    assert second.slug("golf") == "golf"


@pytest.mark.parametrize(
    ("raw", "folded", "content"),
    [
        ("#### TransformerFAM: Feedback", "TransformerFAM: Feedback", "TransformerFAM: Feedback"),
        ("## Closed ##", "Closed", "Closed"),
        ("## C# ##", "C#", "C#"),
        ("### a\u00a0b", "a b", "a\u00a0b"),  # the raw line keeps the NBSP the model folded
        ("### a  b", "a b", "a  b"),
        ("  ### Indented", "Indented", "Indented"),
        ("> ### In a quote", "In a quote", "In a quote"),  # not ATX at column 1: fallback
        ("Setext title", "Setext title", "Setext title"),
    ],
)
def test_heading_content(raw: str, folded: str, content: str) -> None:
    assert heading_content(raw, folded) == content


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("Plain title", "Plain title"),
        ("`code` and **bold**", "code and bold"),
        ("[link](https://x.org) text", "link text"),
        ("![image](x.png)Title", "Title"),
        ("<b>Bold</b> &amp; more", "Bold & more"),
        (r"\[escaped\]", "[escaped]"),
    ],
)
def test_rendered_text(content: str, text: str) -> None:
    assert rendered_text(content) == text


def test_heading_anchors_of_a_document() -> None:
    document = parse_text(
        "# Title `[SD]` \\[[paper](https://arxiv.org/abs/2404.1)\\]\n"
        "## 📌 Pinned\n## Pinned\n## Pinned\n### a\u00a0b\n"
    )
    assert anchors(document).slugs == [
        "title-sd-paper",
        "-pinned",
        "pinned",
        "pinned-1",
        "ab",
    ]


def test_every_toc_anchor_of_a_corpus_file_is_a_heading_anchor() -> None:
    document = parse_text(CONTROL.read_text("utf-8"))
    found = anchors(document)
    targets = [link.url[1:] for link in document.links if link.url.startswith("#")]
    assert len(targets) == 12
    assert "cinemo-consistent-and-controllable-image-animation-with-motion-diffusion-models" in (
        targets
    )
    assert all(target in found.exact for target in targets)
