"""Turning PATH arguments into files: one file under two names is one file (issue 12, 11)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.cli import cli
from paperlint.files import collect

# Two entries; each would be PL508 "also listed in another file" if compared with itself.
LIST = (
    "## 202404\n### LLM\n"
    "#### [A Paper](https://arxiv.org/abs/2404.00001)\n- `Keypoints:` a; b\n- `Objective:` c\n"
    "#### [B Paper](https://arxiv.org/abs/2404.00002)\n- `Keypoints:` a; b\n- `Objective:` c\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["README.md", "./README.md"], ["README.md"]),
        ([".", "README.md"], ["./README.md", "./other.md"]),
        (["README.md", "sub/../README.md", "link.md"], ["README.md"]),
        (["link.md", "README.md"], ["link.md"]),
        (["README.md", "hard.md"], ["README.md"]),
        (["README.md", "other.md", "./other.md"], ["README.md", "other.md"]),
        (["gone.md", "./gone.md", "-", "-"], ["gone.md", "-"]),
    ],
)
def test_one_file_under_two_names_is_collected_once(
    folder: Path, paths: list[str], expected: list[str]
) -> None:
    (folder / "sub").mkdir()
    (folder / "link.md").symlink_to("README.md")
    os.link(folder / "README.md", folder / "hard.md")
    (folder / "other.md").write_text(LIST, "utf-8")
    assert collect(paths) == expected


@pytest.mark.parametrize("second", ["./README.md", ".", "link.md"])
def test_check_does_not_compare_a_file_with_itself(folder: Path, second: str) -> None:
    (folder / "link.md").symlink_to("README.md")
    result = CliRunner().invoke(cli, ["check", "README.md", second])
    assert (result.exit_code, result.stdout) == (0, "All checks passed.\n")


def test_two_real_copies_are_still_compared(folder: Path) -> None:
    (folder / "copy.md").write_text(LIST, "utf-8")
    result = CliRunner().invoke(cli, ["check", "README.md", "copy.md"])
    locations = [line.split(": ")[0] for line in result.stdout.splitlines()[:-1]]
    assert locations == ["README.md:3:6", "README.md:6:6", "copy.md:3:6", "copy.md:6:6"]
    assert result.stdout.count("PL508 [duplicate-paper]") == 4
