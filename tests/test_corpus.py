"""Every real file of the corpus parses, exports and checks without an internal error."""

from __future__ import annotations

import json

import pytest

from helpers import CORPUS_FILES, checker
from paperlint import export
from paperlint.source import read_source


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_parses_exports_and_checks(path) -> None:
    run = checker()
    source = read_source(str(path))
    document, smap = run.parse(source).to_json()
    for fmt in export.EXPORT_FORMATS:
        assert isinstance(export.render(document, fmt), str)
    assert json.loads(export.render(document, "json")) == document
    assert all(line >= 1 and column >= 1 for line, column in smap.values())
    result = run.check_source(source)
    assert all(1 <= p.line <= max(1, len(source.lines)) for p in result.problems)


def test_corpus_is_complete() -> None:
    assert len(CORPUS_FILES) == 14
