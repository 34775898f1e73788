"""``paperlint server`` without its extra: one line saying how to install it, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from paperlint.cli import cli


def test_missing_extra_says_how_to_install(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from paperlint import server

    monkeypatch.setattr(server, "missing", lambda: ["pygls"])
    result = CliRunner().invoke(cli, ["server"])
    assert result.exit_code == 2
    assert result.output == (
        "paperlint: `paperlint server` needs pygls: pip install 'paperlint[server]'\n"
    )


def test_missing_extra_for_real(tmp_path: Path) -> None:
    # A Python that cannot import pygls: shadow it with a module that fails to import.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('no')\n")
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import importlib.util, sys\n"
        "_find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == 'pygls' else _find(name, *a)\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "paperlint", "server"],
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == "paperlint: `paperlint server` needs pygls: pip install 'paperlint[server]'\n"
    )
    assert done.stdout == ""
