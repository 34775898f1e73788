"""The built wheel works on its own: installed into a fresh venv, outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import REFERENCE

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("paperlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("paperlint/data/paperlist.schema.json").decode("utf-8")
    assert shipped == (ROOT / "schema" / "paperlist.schema.json").read_text("utf-8")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    # Without PYTHONPATH: pip would find the source tree's paperlint and install no script.
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        env=clean,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "README.md").write_bytes(REFERENCE.read_bytes())

    schema = subprocess.run(
        [str(bin_dir / "paperlint"), "schema"], cwd=work, env=clean, capture_output=True, text=True
    )
    assert schema.returncode == 0
    assert json.loads(schema.stdout)["$defs"]["entry"]["required"] == ["title", "fields"]

    check = subprocess.run(
        [str(bin_dir / "paperlint"), "check", "README.md", "--select", "PL301", "--no-color"],
        cwd=work,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1
    assert check.stdout.startswith("README.md:43:5: PL301 [details-unclosed] ")

    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import paperlint; print(paperlint.__file__)"],
        cwd=work,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout
