"""Link targets come out of our parser exactly as markdown-it normalizes them, though most
skip its URL parser (``parse.markdown._MarkdownIt.normalizeLink``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from helpers import CORPUS_FILES
from paperlint.commonmark import _PLAIN_URL_RE, markdown

PIECES = [
    "http://", "https://", "HTTP://", "ftp://", "//", "a", "Z", "0", "-", ".", "..", "/", "?",
    "#", "%", "%2F", "%zz", "%4", "@", ":", ":80", "[::1]", "_", "+", "~", "'", "(", ")", "é",
    "\u3002", " ", "\\", "|", "^", "`", "{", "}", "<", ">", '"', "x" * 63, "y" * 64, "." * 2,
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_every_url_is_normalized_as_markdown_it_does(url: str) -> None:
    assert markdown().normalizeLink(url) == normalizeLink(url)


@given(
    host=st.lists(st.from_regex(r"[A-Za-z0-9-]{1,70}", fullmatch=True), min_size=1, max_size=6),
    rest=st.from_regex(r"(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]{0,30})?", fullmatch=True),
)
def test_long_hosts_and_labels_are_normalized_as_markdown_it_does(
    host: list[str], rest: str
) -> None:
    url = "https://" + ".".join(host) + rest
    assert markdown().normalizeLink(url) == normalizeLink(url)


def test_the_links_of_the_corpus_mostly_take_the_short_way_and_agree() -> None:
    import re

    urls = {
        url
        for path in CORPUS_FILES
        for url in re.findall(r"\]\(([^)\s]+)", path.read_text("utf-8"))
    }
    plain = [url for url in urls if _PLAIN_URL_RE.fullmatch(url)]
    assert len(plain) > 0.9 * len(urls)
    assert all(normalizeLink(url) == url for url in plain)
