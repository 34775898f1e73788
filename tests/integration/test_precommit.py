"""The pre-commit hooks, run for real: pre-commit builds the hook environment from a commit of
this project (pip installs paperlint and its dependencies from the package registry) and runs
it on a temporary git repository.

``try-repo`` builds a new environment on every call (about half a minute); the other tests
run ``pre-commit run`` with a configuration naming the same commit, so they share one
environment in the session's PRE_COMMIT_HOME.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, REFERENCE, lint
from paperlint import __version__

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
FIXED_REFERENCE = FIXTURES / "fix" / "reference.expected.md"
UNSAFE_REFERENCE = FIXTURES / "fix" / "reference.unsafe.expected.md"

Repo = Callable[[Mapping[str, bytes]], Path]
Runner = Callable[..., subprocess.CompletedProcess[str]]
Git = Callable[..., str]

# "paperlint fix....................Failed" starts the report of one hook.
HOOK_LINE = re.compile(r"^(?P<name>\S.*?)\.{2,}(?P<status>Passed|Failed|.*Skipped)$")
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>PL\d{3}) ")


def hook_reports(output: str) -> dict[str, tuple[str, str]]:
    """Hook name → (status, what the hook printed, with pre-commit's '- key: value' lines)."""
    reports: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        match = HOOK_LINE.match(line)
        if match:
            current = []
            reports[match["name"]] = (match["status"], current)
        elif current is not None:
            current.append(line)
    return {name: (status, "\n".join(body)) for name, (status, body) in reports.items()}


def problems(text: str) -> set[tuple[str, int, int, str]]:
    """(path, line, column, code) of every problem line in paperlint's text output."""
    found = set()
    for line in text.splitlines():
        match = PROBLEM_LINE.match(line)
        if match:
            found.add((match["path"], int(match["line"]), int(match["col"]), match["code"]))
    return found


def manifest() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text("utf-8"))}


def write_config(path: Path, project: Path, rev: str, hooks: list[dict[str, object]]) -> Path:
    """A .pre-commit-config.yaml using this project's hooks at the snapshot's commit."""
    config = {"repos": [{"repo": str(project), "rev": rev, "hooks": hooks}]}
    path.write_text(json.dumps(config, indent=2), "utf-8")  # JSON is YAML
    return path


# --- the manifest and the README snippet (no hook environment needed) ---------------------


def test_manifest_is_valid_and_declares_both_hooks(precommit: Runner) -> None:
    done = precommit(ROOT, "validate-manifest", str(MANIFEST))
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = manifest()
    assert sorted(hooks) == ["paperlint", "paperlint-fix"]
    assert hooks["paperlint"]["entry"] == "paperlint check"
    assert hooks["paperlint-fix"]["entry"] == "paperlint fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        # One process sees every file, so PL508 compares across all of them.
        assert hook["require_serial"] is True
        assert hook.get("pass_filenames", True) is True


def readme_section() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("\n## pre-commit and CI\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def readme_snippet() -> str:
    (snippet,) = re.findall(r"```yaml\n(repos:\n.*?)```", readme_section(), flags=re.DOTALL)
    return snippet


def test_readme_snippet_is_a_valid_config_recommending_one_hook(
    tmp_path: Path, precommit: Runner
) -> None:
    section = readme_section()
    snippet = readme_snippet()
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, "utf-8")
    done = precommit(tmp_path, "validate-config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert repo["repo"] == "https://github.com/paperlint/paperlint"
    # Releases are tagged vX.Y.Z: the README pins the tag of this version.
    assert repo["rev"] == f"v{__version__}"
    # One hook at commit time (two would print the same problems twice); unsafe fixes on
    # request, as a manual-stage alias of the fix hook.
    commit, manual = repo["hooks"]
    assert commit == {"id": "paperlint-fix"}
    assert manual == {
        "id": "paperlint-fix",
        "alias": "paperlint-unsafe",
        "args": ["--unsafe-fixes"],
        "stages": ["manual"],
    }
    assert set(manual["stages"]) <= set(manifest()["paperlint-fix"].get("stages", ["manual"]))
    assert "pre-commit run paperlint-unsafe --hook-stage manual --all-files" in section
    assert "use **one** of them" in section
    assert '- run: pip install "git+https://github.com/paperlint/paperlint@v0.1.0"' in section
    assert "- uses: actions/checkout@v4" in section
    assert "- run: paperlint check" in section and "1. `paperlint init`" in section


@pytest.mark.precommit
def test_readme_snippet_runs_as_written_against_a_local_clone(
    tmp_path: Path, project_repo: Path, repo: Repo, precommit: Runner, run_git: Git
) -> None:
    """The README's configuration, with only the repository URL pointing at a local clone of
    this project whose release tag is the snippet's ``rev``."""
    snippet = readme_snippet()
    rev = yaml.safe_load(snippet)["repos"][0]["rev"]
    clone = tmp_path / "clone"
    run_git(tmp_path, "clone", "-q", str(project_repo), str(clone))
    run_git(clone, "tag", rev)
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(
        snippet.replace("https://github.com/paperlint/paperlint", str(clone)), "utf-8"
    )
    work = repo({"README.md": REFERENCE.read_bytes()})

    first = precommit(work, "run", "--config", str(config), "--all-files")

    assert first.returncode == 1, first.stdout + first.stderr
    reports = hook_reports(first.stdout)
    assert list(reports) == ["paperlint fix"]  # the manual-stage hook does not run on commit
    status, report = reports["paperlint fix"]
    assert status == "Failed" and "- files were modified by this hook" in report
    assert "Fixed 28 problems, 2 remaining" in report
    # Inside the hook `paperlint` is not on PATH: the hint says what to do instead.
    assert "add `args: [--unsafe-fixes]` to the hook" in report
    assert (work / "README.md").read_bytes() == FIXED_REFERENCE.read_bytes()

    manual = precommit(
        work,
        "run",
        "--config",
        str(config),
        "paperlint-unsafe",
        "--hook-stage",
        "manual",
        "--all-files",
    )

    assert manual.returncode == 1, manual.stdout + manual.stderr  # it modified the file
    assert "Fixed 2 problems, 0 remaining." in manual.stdout
    assert (work / "README.md").read_bytes() == UNSAFE_REFERENCE.read_bytes()


# --- try-repo on the reference file (the acceptance of issue 6) ----------------------------


@pytest.mark.precommit
def test_try_repo_check_hook_fails_and_reports_pl301(
    project_repo: Path, repo: Repo, precommit: Runner
) -> None:
    original = REFERENCE.read_bytes()
    work = repo({"README.md": original})

    done = precommit(work, "try-repo", str(project_repo), "paperlint", "--all-files")

    assert done.returncode == 1, done.stdout + done.stderr
    status, report = hook_reports(done.stdout)["paperlint"]
    assert status == "Failed"
    assert "- exit code: 1" in report
    assert "README.md:43:5: PL301 [details-unclosed] `<details>` is never closed" in report
    # The hook reports exactly what paperlint reports when run directly.
    expected = {("README.md", p.line, p.column, p.code) for p in lint(original, path="README.md")}
    assert problems(report) == expected
    assert (work / "README.md").read_bytes() == original


@pytest.mark.precommit
def test_try_repo_fix_hook_rewrites_the_file_and_fails(
    project_repo: Path, repo: Repo, precommit: Runner, run_git: Git
) -> None:
    work = repo({"README.md": REFERENCE.read_bytes()})

    done = precommit(work, "try-repo", str(project_repo), "paperlint-fix", "--all-files")

    assert done.returncode == 1, done.stdout + done.stderr
    status, report = hook_reports(done.stdout)["paperlint fix"]
    assert status == "Failed"
    assert "- files were modified by this hook" in report
    assert "- exit code: 1" in report  # PL301 (an error) is left: its fix is unsafe
    assert "README.md:40:5: PL301 [details-unclosed]" in report
    assert "Fixed 28 problems, 2 remaining" in report

    fixed = (work / "README.md").read_bytes()
    assert fixed == FIXED_REFERENCE.read_bytes()
    text = fixed.decode("utf-8")
    assert text.endswith("</details>\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert not [line for line in text.split("\n") if line != line.rstrip(" \t")]
    assert not {"\u00a0", "\u200b", "\ufeff"} & set(text)
    remaining = {p.code for p in lint(fixed, path="README.md")}
    assert remaining == {"PL301", "PL404"}
    assert run_git(work, "status", "--porcelain") == " M README.md\n"


# --- pre-commit run with the project's hooks (one shared environment) ---------------------


def paired_lists(count: int) -> dict[str, bytes]:
    """``count`` lists; list 2k-1 and list 2k both hold paper k, every other title is unique."""
    files = {}
    for number in range(1, count + 1):
        pair = (number + 1) // 2
        text = (
            "# PaperList\n\n## 202404\n\n### LLM\n\n"
            f"#### Shared paper {pair} on sparse attention\n\n"
            "- `Keypoints:` sparse attention; long context\n"
            "- `Objective:` Attend to long inputs cheaply.\n\n"
            f"#### Paper only in list {number}\n\n"
            "- `Keypoints:` one; two\n"
            "- `Objective:` Say something once.\n"
        )
        files[f"lists/list{number:02d}.md"] = text.encode("utf-8")
    return files


def duplicate_reports(report: str) -> set[str]:
    return {path for path, _, _, code in problems(report) if code == "PL508"}


@pytest.mark.precommit
def test_hooks_find_duplicates_across_all_files(
    tmp_path: Path, project_repo: Path, project_rev: str, repo: Repo, precommit: Runner
) -> None:
    files = paired_lists(16)
    work = repo(files)
    config = write_config(
        tmp_path / "config.yaml",
        project_repo,
        project_rev,
        [{"id": "paperlint"}, {"id": "paperlint-fix"}],
    )

    done = precommit(work, "run", "--config", str(config), "--all-files")

    assert done.returncode == 1, done.stdout + done.stderr
    reports = hook_reports(done.stdout)
    assert duplicate_reports(reports["paperlint"][1]) == set(files)
    # The fix hook reports what is left, cross-file problems included, and changes nothing.
    assert duplicate_reports(reports["paperlint fix"][1]) == set(files)
    assert "files were modified" not in reports["paperlint fix"][1]
    assert "list01.md:7:6: PL508 [duplicate-paper]" in reports["paperlint"][1]
    assert "also at lists/list02.md:7" in reports["paperlint"][1]


@pytest.mark.precommit
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="pre-commit batches only with 2+ CPUs")
def test_without_require_serial_pre_commit_would_hide_duplicates(
    tmp_path: Path, project_repo: Path, project_rev: str, repo: Repo, precommit: Runner
) -> None:
    """Why the manifest says require_serial: parallel batches miss cross-batch duplicates."""
    files = paired_lists(16)
    work = repo(files)
    config = write_config(
        tmp_path / "config.yaml",
        project_repo,
        project_rev,
        [{"id": "paperlint", "require_serial": False}],
    )

    done = precommit(work, "run", "--config", str(config), "--all-files")

    found = duplicate_reports(hook_reports(done.stdout)["paperlint"][1])
    assert done.returncode == 1, done.stdout + done.stderr
    assert found and found < set(files), done.stdout


@pytest.mark.precommit
def test_fix_hook_fails_when_it_fixed_everything_then_passes(
    tmp_path: Path, project_repo: Path, project_rev: str, repo: Repo, precommit: Runner
) -> None:
    """paperlint fix exits 0 once nothing is left; pre-commit fails the hook all the same."""
    clean = (ROOT / "examples" / "clean.md").read_text("utf-8")
    damaged = clean.replace("### LLM\n", "### LLM  \n").replace("\n## 202404", "\n\n\n## 202404")
    damaged = damaged.rstrip("\n")
    work = repo({"papers.md": damaged.encode("utf-8")})
    config = write_config(
        tmp_path / "config.yaml",
        project_repo,
        project_rev,
        [{"id": "paperlint-fix"}, {"id": "paperlint"}],
    )

    first = precommit(work, "run", "--config", str(config), "--all-files")

    assert first.returncode == 1, first.stdout + first.stderr
    status, report = hook_reports(first.stdout)["paperlint fix"]
    assert status == "Failed"
    assert "- files were modified by this hook" in report
    assert "- exit code" not in report  # paperlint itself succeeded
    assert "Fixed 3 problems" in report
    assert (work / "papers.md").read_text("utf-8") == clean

    second = precommit(work, "run", "--config", str(config), "--all-files")

    assert second.returncode == 0, second.stdout + second.stderr
    statuses = {name: status for name, (status, _) in hook_reports(second.stdout).items()}
    assert statuses == {"paperlint fix": "Passed", "paperlint": "Passed"}
