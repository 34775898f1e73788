"""``check --jobs N``: worker processes give the same output, in the same order, as one."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS_FILES, REFERENCE
from paperlint import parallel
from paperlint.checker import Checker
from paperlint.cli import cli
from paperlint.result import FileResult, InternalError
from paperlint.settings import Settings

MONTHLY = sorted(p for p in CORPUS_FILES if p.parent.name in {"reference", "monthly-h3"})
SUPPRESSED = """\
# PaperList

## 202404

### LLM

<!-- paperlint-disable PL508 -->
#### TransformerFAM: Feedback attention is working memory
- `Keypoints:` Feedback Attention Memory
- `Objective:` Long contexts.
<!-- paperlint-enable -->
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Corpus files twice (so PL508 finds papers in other files), an unreadable file,
    and a file whose suppression comment is used only by a cross-file duplicate."""
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        for path in MONTHLY:
            shutil.copy(path, tmp_path / sub / path.name)
    (tmp_path / "a" / "binary.md").write_bytes(b"\x00\xff\xfe binary")
    (tmp_path / "b" / "suppressed.md").write_text(SUPPRESSED, encoding="utf-8")
    return tmp_path


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-color", *args], input=stdin)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_output_identical_with_one_and_two_jobs(folder: Path, fmt: str) -> None:
    one = run("--jobs", "1", "--format", fmt, str(folder))
    two = run("--jobs", "2", "--format", fmt, str(folder))
    default = run("--format", fmt, str(folder))  # 12 files ≥ 8: one process per core
    assert one == two == default
    assert one[0] == 2  # the unreadable file
    assert "PL901" in one[1] and "PL508" in one[1]


def test_cross_file_duplicates_found_across_workers(folder: Path) -> None:
    _, output = run("--jobs", "2", str(folder / "a"), str(folder / "b"))
    reference_b = str(folder / "b" / REFERENCE.name)
    duplicates = [line for line in output.splitlines() if line.startswith(reference_b + ":")]
    assert any("PL508" in line and f"also at {folder / 'a'}/" in line for line in duplicates)


def test_results_equal_problem_for_problem(folder: Path) -> None:
    checker = Checker(Settings())
    paths = sorted(str(p) for p in folder.rglob("*.md"))
    one = checker.run(paths, jobs=1)
    two = checker.run(paths, jobs=2)
    assert [r.path for r in two] == paths
    assert [(r.path, r.problems) for r in one] == [(r.path, r.problems) for r in two]
    assert [r.summaries for r in one] == [r.summaries for r in two]


def test_suppression_used_only_by_cross_file_duplicate(folder: Path) -> None:
    """The comment silences a PL508 found in the main process: it is used, not PL902."""
    silenced = folder / "a" / "suppressed.md"
    silenced.write_text(SUPPRESSED, encoding="utf-8")
    one = run("--jobs", "1", str(silenced), str(folder / "b"))
    two = run("--jobs", "2", str(silenced), str(folder / "b"))
    assert one == two
    assert f"also at {silenced}:8 " in two[1]  # the duplicate exists ...
    assert not [line for line in two[1].splitlines() if line.startswith(f"{silenced}:")]


def test_stdin_is_read_in_the_main_process(folder: Path) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    paths = [str(folder / "a" / REFERENCE.name), "-", str(folder / "b" / REFERENCE.name)]
    one = run("--jobs", "1", "--stdin-filename", "piped.md", *paths, stdin=text)
    two = run("--jobs", "2", "--stdin-filename", "piped.md", *paths, stdin=text)
    assert one == two
    assert "piped.md:43:" in two[1]


@pytest.mark.parametrize(
    ("text", "keeps_source"),
    [
        (
            "# PaperList\n\n## 202404\n\n### LLM\n\n#### T\n- `Keypoints:` a\n- `Objective:` b\n",
            False,
        ),
        (
            "# PaperList\n\n## 202404\n\n### LLM\n\n#### T\n- `Keypoints:` a \n- `Objective:` b\n",
            True,
        ),
        (SUPPRESSED, True),
    ],
    ids=["clean", "fixable", "suppressions"],
)
def test_compact_result(tmp_path: Path, text: str, keeps_source: bool) -> None:
    """The Document never comes back; the Source only when a fix or a comment needs it."""
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    full = Checker(Settings()).check_path(str(path))
    small = full.compact()
    assert full.document is not None and full.source is not None
    assert small.document is None
    assert (small.source is not None) is keeps_source
    assert small.problems == full.problems and small.summaries == full.summaries


@pytest.mark.parametrize(("files", "cores", "expected"), [(1, 4, 1), (7, 4, 1), (8, 4, 4)])
def test_default_jobs(
    monkeypatch: pytest.MonkeyPatch, files: int, cores: int, expected: int
) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: cores)
    assert parallel.default_jobs(files) == expected


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers must inherit the patch"
)
def test_internal_error_in_a_worker_names_the_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(folder / "b" / REFERENCE.name)

    def broken(self: Checker, path: str, display: str | None = None) -> FileResult:
        if path == target:
            raise InternalError(path, ValueError("boom"))
        return FileResult(path)

    monkeypatch.setattr(Checker, "check_path", broken)
    with pytest.raises(InternalError) as raised:
        Checker(Settings()).run([str(folder / "a" / REFERENCE.name), target], jobs=2)
    assert raised.value.path == target
    assert isinstance(raised.value.error, ValueError) and str(raised.value.error) == "boom"
