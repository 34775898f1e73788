"""Lists of other conventions: after a bare `paperlint init`, `export` finds their papers.

The four external lists are real, unedited files (tests/fixtures/external/SOURCES.md
gives each one's source, convention and an independent entry count); FINDINGS.md there
records a hand-read sample of the findings on each.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS, FIXTURES
from paperlint.cli import cli

EXTERNAL = FIXTURES / "external"
# The independent counts of SOURCES.md (grep commands there); export must be within 2 %.
COUNTS = {
    "terryum__awesome-deep-learning-papers__README.md": 220,
    "showlab__Awesome-Video-Diffusion__README.md": 794,
    "ChenHsing__Awesome-Video-Diffusion-Models__README.md": 374,
    "tmgthb__Autonomous-Agents__Autonomous_Agents_Research_Papers_2023.md": 187,
}


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("external")
    for name in COUNTS:
        shutil.copy(EXTERNAL / name, folder / name)
    # The corpus folder's README (a table of the files, no title column) is no paper list.
    shutil.copy(EXTERNAL / "SOURCES.md", folder / "README.md")
    return folder


def test_init_then_export_finds_every_list(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(initialised)
    code, out = invoke("init", ".")
    assert code == 0, out
    assert out.startswith("convention ")
    assert "paper lists          4 of 5 files, " in out
    assert invoke("export", "--format", "jsonl", "README.md") == (0, "")
    for name, expected in COUNTS.items():
        code, out = invoke("export", "--format", "jsonl", name)
        assert code == 0, out
        found = len(out.splitlines())
        assert abs(found - expected) <= 0.02 * expected, (name, found, expected)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_each_list_alone(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXTERNAL / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert invoke("init", ".")[0] == 0
    _, out = invoke("export", "--format", "jsonl", name)
    found = len(out.splitlines())
    assert abs(found - COUNTS[name]) <= 0.02 * COUNTS[name], (found, COUNTS[name])


def test_list_only_exports_26_papers_with_tags_links_months(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = (CORPUS / "list-only").glob("*.md")
    shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    assert invoke("init", ".")[0] == 0
    _, out = invoke("export", "--format", "jsonl", path.name)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 26
    assert all(row["tags"] and row["links"] and row["month"] for row in rows)
    assert rows[0]["month"] == "202407" and rows[0]["tags"] == ["DiT", "2024.07"]


def test_topic_lists_follow_their_own_conventions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in (CORPUS / "topic").glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    assert invoke("init", ".")[0] == 0
    _, out = invoke("check", "--format", "json", "--select", "PL201,PL403", ".")
    assert json.loads(out) == []


def test_lists_tables_give_each_file_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = (CORPUS / "list-only").glob("*.md")
    shutil.copy(path, tmp_path / "papers.md")
    (tmp_path / "index.md").write_text("# Index\n\n- Paper `[2024.01]` [[pdf]](x.pdf)\n", "utf-8")
    (tmp_path / ".paperlint.toml").write_text(
        '[[lists]]\ninclude = ["index.md"]\nentries = "none"\n'
        '[[lists]]\ninclude = ["papers*.md"]\nentries = "bullet"\n',
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    _, out = invoke("export", "--format", "jsonl", "index.md")
    assert out == ""  # configured as no paper list
    _, out = invoke("export", "--format", "jsonl", "papers.md")
    assert len(out.splitlines()) == 26


def test_init_writes_a_lists_table_per_file_when_kinds_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "terryum__awesome-deep-learning-papers__README.md",
        "ChenHsing__Awesome-Video-Diffusion-Models__README.md",
    ):
        shutil.copy(EXTERNAL / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert invoke("init", ".")[0] == 0
    written = (tmp_path / ".paperlint.toml").read_text("utf-8")
    assert (
        '[[lists]]\ninclude = ["ChenHsing__Awesome-Video-Diffusion-Models__README.md"]\n'
        'entries = "table"\n'
    ) in written
    assert 'entries = "bullet"' in written
