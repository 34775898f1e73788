"""A real editor: Neovim's built-in LSP client, configured with the README's snippet,
receives paperlint's diagnostic, applies the quick fix, and the saved buffer is fixed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LIST

HERE = Path(__file__).parent
README = HERE.parent.parent / "README.md"


def readme_snippet() -> str:
    """The Lua block of the README's Neovim section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Neovim") :]
    match = re.search(r"```lua\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_neovim_applies_the_quick_fix(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nvim is not installed (apt-get install neovim); CI must run this test")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    init = tmp_path / "init.lua"
    init.write_text(readme_snippet(), encoding="utf-8")
    lists = tmp_path / "lists"
    lists.mkdir()
    path = lists / "PaperList.md"
    path.write_text(LIST, encoding="utf-8")
    out = tmp_path / "out.txt"
    env = {
        **os.environ,
        "PAPERLINT_LIST": str(path),
        "PAPERLINT_OUT": str(out),
        # The snippet runs `paperlint server`: the one installed beside this Python.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [nvim, "--headless", "--clean", "-u", str(init), "-c", f"luafile {HERE / 'nvim_fix.lua'}"],
        cwd=lists,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.exists(), done.stderr
    assert out.read_text(encoding="utf-8").split("\n") == [
        "diagnostic PL401 line 4",
        "applied Fix PL401: separate the value from the label by one space",
        "cleared",
        "",
    ], done.stderr
    assert path.read_text(encoding="utf-8") == LIST.replace(":`f", ":` f")
