"""The reusable GitHub Action (action.yml): its definition, the inputs the README documents,
and its run script executed with bash as the runner would (with this checkout's paperlint)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from paperlint.cli import check

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
README = (ROOT / "README.md").read_text("utf-8")
LIST = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:`a; b\n- `Objective:` c\n"


def step(name: str) -> dict[str, Any]:
    (found,) = [s for s in ACTION["runs"]["steps"] if s.get("name") == name]
    return found


def test_action_is_a_composite_that_sets_up_python_installs_and_runs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    names = [s["name"] for s in ACTION["runs"]["steps"]]
    assert names == ["Set up Python", "Install paperlint", "Run paperlint"]
    setup = step("Set up Python")
    assert setup["uses"].startswith("actions/setup-python@v")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}
    install = step("Install paperlint")["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install" in install
    for one in ACTION["runs"]["steps"][1:]:
        assert one["shell"] == "bash"
        assert "${{" not in one["run"]  # inputs go through env, never into the script


def test_run_step_uses_only_options_that_exist() -> None:
    script = step("Run paperlint")["run"]
    (command,) = [x for x in script.splitlines() if x.strip().startswith("paperlint ")]
    words = shlex.split(command)
    assert words[:2] == ["paperlint", "check"]
    known = {opt for param in check.params for opt in param.opts}
    options = [w for w in words if w.startswith("--")]
    assert options == ["--format"] and set(options) <= known
    assert words[words.index("--format") + 1] == "github"


def test_every_input_is_documented_with_its_default() -> None:
    inputs = ACTION["inputs"]
    assert sorted(inputs) == ["args", "paths", "python-version", "summary"]
    section = README[README.index("### GitHub Actions") :]
    for name, spec in inputs.items():
        assert spec["description"]
        assert f"`{name}`" in section, name
        default = spec["default"]
        if default:
            assert f"`{default}`" in section, (name, default)
    assert "uses: paperlint/paperlint@v0.1.0" in section
    assert re.search(r"- uses: actions/checkout@v\d", section)


@pytest.fixture
def runner(tmp_path: Path) -> Any:
    """Run the action's script as the runner does: bash, the inputs as environment variables,
    paperlint on PATH (the one under test), GITHUB_ACTIONS and GITHUB_STEP_SUMMARY set."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    script = step("Run paperlint")["run"]
    work = tmp_path / "repo"
    work.mkdir()
    summary = tmp_path / "summary.md"

    def run(**inputs: str) -> subprocess.CompletedProcess[str]:
        defaults = {name: spec["default"] for name, spec in ACTION["inputs"].items()}
        values = {**defaults, **inputs}
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "NO_COLOR"))}
        env.update(
            PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
            GITHUB_ACTIONS="true",
            GITHUB_STEP_SUMMARY=str(summary),
            PAPERLINT_PATHS=values["paths"],
            PAPERLINT_ARGS=values["args"],
            PAPERLINT_SUMMARY=values["summary"],
        )
        return subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    run.work = work  # type: ignore[attr-defined]
    run.summary = summary  # type: ignore[attr-defined]
    return run


def test_action_script_annotates_and_writes_the_summary(runner: Any) -> None:
    if shutil.which("paperlint", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("paperlint is not installed next to this Python")
    (runner.work / "papers.md").write_text(LIST, "utf-8")

    done = runner()

    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "::error file=papers.md,line=4,col=15,endLine=4,endColumn=16,"
        "title=PL401 label-spacing::no space between "
        "`` `Keypoints:` `` and its value; put exactly one space",
        "Found 1 problem (1 fixable with `paperlint fix`).",
    ]
    assert runner.summary.read_text("utf-8").startswith("## paperlint\n\nFound 1 problem")

    runner.summary.unlink()
    quiet = runner(summary="false", args="--select PL6 --strict", paths="papers.md")
    assert (quiet.returncode, quiet.stdout) == (0, "All checks passed.\n"), quiet.stderr
    assert not runner.summary.exists()
    # Inputs are split into words but not expanded: `p*.md` names no file.
    globbed = runner(paths="p*.md")
    assert globbed.returncode == 2
    assert globbed.stdout.startswith("::error file=p*.md,line=1,col=1,title=PL901 ")
