"""The parser never raises: arbitrary text, and corpus files mutated the way people do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers import checker
from paperlint.source import InputError, decode
from strategies import mutated_corpus

RUN = checker()


def check_text(text: str) -> None:
    source = decode(text.encode("utf-8", "surrogatepass"), "fuzz.md")
    document = RUN.parse(source)
    instance, smap = document.to_json()
    assert instance["path"] == "fuzz.md"
    for line, column in smap.values():
        assert line >= 1 and column >= 1
    RUN.problems(document)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    try:
        check_text(text)
    except InputError:
        assert "\x00" in text


@given(mutated_corpus(max_mutations=12))
def test_mutated_corpus_never_raises(text: str) -> None:
    check_text(text)
