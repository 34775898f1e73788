"""The reference file's findings for the details and whitespace rules, pinned:
exactly these lines and nothing else."""

from __future__ import annotations

import pytest

from helpers import REFERENCE, lines_of

EXPECTED = {
    "PL301": [43],
    "PL302": [],
    "PL303": [],
    "PL304": [90, 107],
    "PL305": [],
    "PL306": [],
    "PL601": [16, 21, 29, 34, 64, 65, 69, 71, 76, 78, 96, 101],
    "PL602": [3, 22, 49],
    "PL603": [51, 94, 109],
    "PL604": [120],
    "PL605": [],
}


@pytest.mark.parametrize(("code", "lines"), EXPECTED.items(), ids=list(EXPECTED))
def test_reference_lines(code: str, lines: list[int]) -> None:
    assert lines_of(REFERENCE.read_bytes(), code) == lines
