"""Golden findings: the full `paperlint check` output on every corpus file, kept for review.

Each corpus file ``tests/fixtures/corpus/<kind>/<name>`` has
``tests/fixtures/golden/<name>.expected``: exactly what ``paperlint check --no-color
<kind>/<name>`` prints when run from ``tests/fixtures/corpus`` with the default
configuration. Any change in findings fails here, so it is reviewed in the diff of the
golden file. After an intended change, regenerate with
    PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS, CORPUS_FILES, FIXTURES
from paperlint.cli import cli

GOLDEN = FIXTURES / "golden"
UPDATE = os.environ.get("PAPERLINT_UPDATE_GOLDEN") == "1"


def golden_path(corpus_file: Path) -> Path:
    return GOLDEN / f"{corpus_file.name}.expected"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_findings_match_the_golden_file(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / ".paperlint.toml"  # the defaults, whatever config lies above the repo
    config.write_text("", "utf-8")
    monkeypatch.chdir(CORPUS)
    relative = path.relative_to(CORPUS).as_posix()
    result = CliRunner().invoke(cli, ["check", "--no-color", "--config", str(config), relative])
    assert result.stderr == ""
    # 0 when only warnings (or nothing) are found, 1 when an error is; never 2 (a crash).
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.endswith(".\n")  # the summary line is always last
    expected_file = golden_path(path)
    if UPDATE:
        expected_file.write_text(result.stdout, "utf-8")
    assert expected_file.is_file(), (
        f"no golden file for {relative}; create it with PAPERLINT_UPDATE_GOLDEN=1"
    )
    expected = expected_file.read_text("utf-8")
    assert result.stdout == expected, (
        f"findings on {relative} changed; if intended, regenerate with "
        "PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py and review the diff"
    )
    # One line per finding, each at the path as given (relative), then the summary.
    assert all(line.startswith(f"{relative}:") for line in expected.splitlines()[:-1])


def test_every_golden_file_belongs_to_a_corpus_file() -> None:
    expected = {golden_path(path).name for path in CORPUS_FILES}
    assert len(expected) == len(CORPUS_FILES) == 14  # names are unique across the kinds
    assert {path.name for path in GOLDEN.glob("*.expected")} == expected
