"""`paperlint init`: infer the layout from real lists, write the config, refuse to clobber."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from paperlint import config
from paperlint.cli import cli
from paperlint.model import Layout

MONTHLY_H3 = sorted((CORPUS / "monthly-h3").glob("*.md"))
TOPIC = CORPUS / "topic" / "Control.md__2024-09-11__467b2f58be.md"
# Clean under an inferred layout (months h2 … entries h4), but not under months at h1.
H2_LIST = "## 202406\n\n### LLM\n\n#### A Paper\n\n- `Keypoints:` a; b\n- `Objective:` c\n"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def monthly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in MONTHLY_H3:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_count(*args: str) -> int:
    _, out, _ = invoke("check", "--format", "json", *args)
    return len(json.loads(out))


def test_months_at_h1_are_written_and_used_by_check(monthly: Path) -> None:
    code, out, err = invoke("init")
    assert (code, err) == (0, "")
    written = (monthly / ".paperlint.toml").read_text("utf-8")
    assert '[layout]\nmonth = 1\ncategory = 2\nentry = 3\nmonth-order = "desc"\n' in written
    assert out.startswith("convention ")  # the table of what was found comes first
    assert "\nWrote .paperlint.toml:\n\n" + written in out
    assert config.load(None).layout == Layout(month=1, category=2, entry=3)
    # The count printed is what `paperlint check` then finds.
    count = re.search(r"Under this configuration: (\d+) problems in 3 files", out)
    assert count is not None
    assert int(count.group(1)) == check_count() > 0
    # A later check uses the pinned layout: a list with months at h2 now breaks it.
    (monthly / "extra.md").write_text(H2_LIST, "utf-8")
    _, problems, _ = invoke("check", "--format", "json", "extra.md")
    assert [(p["code"], p["line"]) for p in json.loads(problems)] == [("PL106", 5)]


def test_pinned_layout_differs_from_auto(monthly: Path) -> None:
    (monthly / "extra.md").write_text(H2_LIST, "utf-8")
    assert check_count("extra.md") == 0  # auto: months h2, categories h3, entries h4
    invoke("init")
    assert check_count("extra.md") == 1


def test_aliases_seen_and_labels_in_use_are_written(monthly: Path) -> None:
    invoke("init")
    written = (monthly / ".paperlint.toml").read_text("utf-8")
    assert '[fields.aliases]\n"Methods" = "Method"\n' in written
    assert written.startswith(
        "# paperlint configuration inferred by `paperlint init` from 3 files (37 entries).\n"
        "# Field labels in use: Keypoints, Objective, Method,"
    )


def test_refuses_to_overwrite_without_force(monthly: Path) -> None:
    assert invoke("init")[0] == 0
    (monthly / ".paperlint.toml").write_text('ignore = ["PL601"]\n', "utf-8")
    code, out, err = invoke("init")
    assert (code, out) == (2, "")
    assert err == (
        f"paperlint: {monthly / '.paperlint.toml'} already configures paperlint; "
        "use `paperlint init --force` to replace it\n"
    )
    assert (monthly / ".paperlint.toml").read_text("utf-8") == 'ignore = ["PL601"]\n'
    assert invoke("init", "--force")[0] == 0
    assert "month = 1" in (monthly / ".paperlint.toml").read_text("utf-8")


def test_appends_to_an_existing_pyproject_without_touching_it(monthly: Path) -> None:
    original = (
        b'[project]\r\nname = "reading-list"  # keep me\r\n\r\n[tool.ruff]\r\nline-length = 99'
    )
    (monthly / "pyproject.toml").write_bytes(original)
    assert invoke("init")[0] == 0
    assert not (monthly / ".paperlint.toml").exists()
    data = (monthly / "pyproject.toml").read_bytes()
    assert data.startswith(original + b"\r\n\r\n# paperlint configuration")
    assert b"\n" not in data.replace(b"\r\n", b"")  # the file's CRLF kept throughout
    assert b"[tool.paperlint]\r\n\r\n[tool.paperlint.layout]\r\nmonth = 1\r\n" in data
    settings = config.load(None)
    assert settings.layout == Layout(1, 2, 3)
    assert settings.origin == str(monthly / "pyproject.toml")


def test_force_replaces_only_the_paperlint_tables_of_pyproject(monthly: Path) -> None:
    (monthly / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.paperlint]\nignore = ["PL601"]\n\n'
        "[tool.paperlint.layout]\nmonth = 2\n\n[tool.ruff]\nline-length = 99\n",
        "utf-8",
    )
    assert invoke("init")[0] == 2
    assert invoke("init", "--force")[0] == 0
    text = (monthly / "pyproject.toml").read_text("utf-8")
    assert text.startswith('[project]\nname = "x"\n\n[tool.ruff]\nline-length = 99\n\n# paperlint')
    assert text.count("[tool.paperlint]") == 1 and "PL601" not in text
    assert config.load(None).layout == Layout(1, 2, 3)


def test_topic_list_without_months(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init", str(TOPIC))[0] == 0
    written = (tmp_path / ".paperlint.toml").read_text("utf-8")
    assert '[layout]\nmonth = "none"\ncategory = 1\nentry = 3\n' in written
    assert config.load(None).layout == Layout(None, 1, 3)


@pytest.mark.parametrize(
    ("months", "order"),
    [
        (["202406", "202405", "202404"], "desc"),
        (["202404", "202405"], "asc"),
        (["202405", "202404", "202406"], "any"),
        (["202404"], "desc"),
    ],
)
def test_month_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, months: list[str], order: str
) -> None:
    text = "".join(
        f"# {m}\n\n## LLM\n\n### Paper {m}\n\n- `Keypoints:` a\n- `Objective:` b\n\n"
        for m in months
    )
    (tmp_path / "list.md").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("init")[0] == 0
    assert f'month-order = "{order}"\n' in (tmp_path / ".paperlint.toml").read_text("utf-8")


def test_nothing_to_infer_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\nJust prose.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("init")
    assert code == 2
    assert err == (
        "paperlint: no paper-list entries found in . (1 Markdown file): "
        "nothing to infer a layout from\n"
    )
    assert not (tmp_path / ".paperlint.toml").exists()


def test_missing_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("init", "nope.md")
    assert code == 2 and "nope.md" in err
