"""The README's editor snippets for Helix and VS Code are valid and start `paperlint server`
(the Neovim one is run for real by test_neovim.py)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
EDITORS = README[README.index("## Editors") :]


def test_helix_languages_toml() -> None:
    block = re.search(r"```toml languages.toml\n(.*?)```", EDITORS, re.S)
    assert block is not None
    data = tomllib.loads(block.group(1))
    assert data["language-server"]["paperlint"] == {"command": "paperlint", "args": ["server"]}
    [markdown] = data["language"]
    assert markdown["name"] == "markdown" and "paperlint" in markdown["language-servers"]


def test_vscode_settings() -> None:
    block = re.search(r"```json\n(.*?)```", EDITORS, re.S)
    assert block is not None
    settings = json.loads(block.group(1))
    assert settings["glspc.server.command"] == "paperlint"
    assert settings["glspc.server.commandArguments"] == ["server"]
