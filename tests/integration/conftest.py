"""Git repositories and a pre-commit runner for the integration tests.

pre-commit installs hooks from a git commit, never from a working tree: ``try-repo`` on a
path uses that repository's HEAD (plus a shadow commit of modified *tracked* files; new
files are left out). So the tests snapshot the project's files as they are on disk (tracked
and untracked, minus what .gitignore ignores) into a fresh repository and commit them. The
hooks under test are then exactly the code under test, on a fresh clone and in a dirty tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Variables that would change what the hooks print or how pre-commit batches files.
_DROPPED = ("GITHUB_ACTIONS", "PRE_COMMIT_NO_CONCURRENCY", "PRE_COMMIT_COLOR", "NO_COLOR")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env=_git_env(),
    )
    return done.stdout


def _git_env() -> dict[str, str]:
    """No GIT_DIR/GIT_INDEX_FILE from an enclosing hook; a fixed identity for commits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="paperlint tests",
        GIT_AUTHOR_EMAIL="tests@paperlint.invalid",
        GIT_COMMITTER_NAME="paperlint tests",
        GIT_COMMITTER_EMAIL="tests@paperlint.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def make_repo(path: Path, files: Mapping[str, bytes]) -> Path:
    """A git repository at ``path`` holding ``files``, all committed."""
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git(path, "init", "-q")
    git(path, "add", "--all")
    git(path, "commit", "-q", "--no-verify", "-m", "initial")
    return path


@pytest.fixture(scope="session")
def project_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-commit repository holding the project's files as they are on disk now."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    names = [name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    assert ".pre-commit-hooks.yaml" in names
    snapshot = tmp_path_factory.mktemp("project")
    for name in names:
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return make_repo(snapshot, {})


@pytest.fixture(scope="session")
def project_rev(project_repo: Path) -> str:
    """The commit of the snapshot, for a configuration's ``rev``."""
    return git(project_repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store per test session: no clash with the user's, nor between runs."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def precommit(precommit_home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``precommit(cwd, *args)``: run ``python -m pre_commit ARGS --color never`` in ``cwd``."""

    def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in _git_env().items() if k not in _DROPPED}
        env["PRE_COMMIT_HOME"] = str(precommit_home)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    return run


@pytest.fixture(scope="session")
def run_git() -> Callable[..., str]:
    """``run_git(cwd, *args)`` → git's output (no inherited GIT_* variables)."""
    return git


@pytest.fixture
def repo(tmp_path: Path) -> Callable[[Mapping[str, bytes]], Path]:
    """``repo(files)``: a fresh committed git repository holding ``files``."""
    return lambda files: make_repo(tmp_path / "work", files)
