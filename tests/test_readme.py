"""The README's examples are real: its config parses, its sample output is what check prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint import config
from paperlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def test_configuration_example_is_a_valid_config(tmp_path: Path) -> None:
    (block,) = re.findall(r"```toml\n(.*?)```", README, re.S)
    path = tmp_path / ".paperlint.toml"
    path.write_text(block, "utf-8")
    settings = config.load(str(path))
    assert settings.layout is not None and settings.layout.entry == 4
    assert settings.rule_options == {"PL103": {"order": "desc"}, "PL507": {"tolerance": 1}}


def test_sample_output_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"```text\n\$ paperlint check examples/papers.md\n(.*?)```", README, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "examples/papers.md", "--no-color"])
    assert result.exit_code == 1
    assert result.stdout == block.group(1)
