"""`paperlint init`: infer the layout from real lists, write the config, refuse to clobber."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from paperlint import config
from paperlint.cli import cli
from paperlint.model import Layout

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

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
    assert "[layout]\nmonth = 1\ncategory = 2\nentry = 3\n" in written
    assert '[rules.PL103]\n# How the months follow each other.\norder = "desc"\n' in written
    assert "month-order" not in written  # the older spelling of PL103's option
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
    assert data.startswith(original + b"\r\n\r\n[tool.paperlint]\r\n# paperlint configuration")
    assert b"\n" not in data.replace(b"\r\n", b"")  # the file's CRLF kept throughout
    assert b".\r\n\r\n[tool.paperlint.layout]\r\nmonth = 1\r\n" in data
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
    assert text.startswith(
        '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 99\n\n[tool.paperlint]\n# paperlint'
    )
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
    written = (tmp_path / ".paperlint.toml").read_text("utf-8")
    assert f'[rules.PL103]\n# How the months follow each other.\norder = "{order}"\n' in written
    assert config.load(None).rule_options["PL103"] == {"order": order}


def test_label_style_and_separator_are_written_as_rule_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = "### Paper {n}\n\n- **Keypoints:** a, b, c\n- **Objective:** d\n\n"
    text = "# 202406\n\n## LLM\n\n" + "".join(entry.format(n=n) for n in range(3)).rstrip() + "\n"
    (tmp_path / "list.md").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("init")[0] == 0
    written = (tmp_path / ".paperlint.toml").read_text("utf-8")
    assert "[rules.PL403]\n# How most labels are written (PL403 reports the others).\n" in written
    assert 'style = "bold"\n' in written
    assert '[rules.PL404]\n# The Keypoints separator used most.\nseparator = ","\n' in written
    assert "label-style" not in written and "[fields]\nseparator" not in written
    options = config.load(None).rule_options
    assert options["PL403"] == {"style": "bold"} and options["PL404"] == {"separator": ","}
    assert check_count() == 0  # the list is clean under the conventions inferred from it


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


# -- pyproject.toml is edited as TOML (issue 12, item 2) ----------------------------------


def test_force_keeps_a_string_that_looks_like_a_table_header(monthly: Path) -> None:
    """The issue's reproduction: a header-like line inside another table's string."""
    (monthly / "pyproject.toml").write_text(
        '[tool.paperlint]\nselect = ["PL"]\n[tool.other]\nnote = """\n'
        '[tool.paperlint.layout]\n"""\nimportant = "keep me"\n',
        "utf-8",
    )
    code, _, err = invoke("init", "--force")
    assert (code, err) == (0, "")
    data = tomllib.loads((monthly / "pyproject.toml").read_text("utf-8"))
    assert data["tool"]["other"] == {"note": "[tool.paperlint.layout]\n", "important": "keep me"}
    assert "select" not in data["tool"]["paperlint"]
    assert config.load(None).layout == Layout(1, 2, 3)


def test_force_replaces_a_paperlint_table_made_of_dotted_keys(monthly: Path) -> None:
    original = (
        '[project]\nname = "x"\n\n[tool]\npaperlint.select = ["PL1"]\n'
        "ruff.line-length = 99  # kept as written\n\n[tool.black]\nx = 1\n"
    )
    (monthly / "pyproject.toml").write_text(original, "utf-8")
    code, _, err = invoke("init", "--force")
    assert (code, err) == (0, "")
    text = (monthly / "pyproject.toml").read_text("utf-8")
    assert text.startswith(
        '[project]\nname = "x"\n\n[tool]\nruff.line-length = 99  # kept as written\n\n'
        "[tool.black]\nx = 1\n\n[tool.paperlint]\n# paperlint configuration inferred"
    )
    data = tomllib.loads(text)
    assert data["tool"]["ruff"] == {"line-length": 99}
    assert "select" not in data["tool"]["paperlint"]
    assert config.load(None).layout == Layout(1, 2, 3)


def test_repeated_force_gives_the_same_file(monthly: Path) -> None:
    """The comments written with the table are replaced with it, not piled up."""
    (monthly / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert invoke("init")[0] == 0
    first = (monthly / "pyproject.toml").read_bytes()
    assert invoke("init", "--force")[0] == 0
    assert (monthly / "pyproject.toml").read_bytes() == first


def test_pyproject_that_cannot_take_the_table_is_left_as_it_was(monthly: Path) -> None:
    original = b"tool = { ruff = { line-length = 99 } }\n"
    (monthly / "pyproject.toml").write_bytes(original)
    code, out, err = invoke("init")
    assert (code, out) == (2, "")
    assert err.startswith(f"paperlint: {monthly / 'pyproject.toml'}: cannot add [tool.paperlint]")
    assert err.endswith("; nothing written\n") and err.count("\n") == 1
    assert (monthly / "pyproject.toml").read_bytes() == original
    assert sorted(p.name for p in monthly.iterdir() if p.suffix != ".md") == ["pyproject.toml"]


# -- read-only places (issue 12, item 8) --------------------------------------------------

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``chattr +i``: refused even to root (which ignores permission bits)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode:
        pytest.skip(f"chattr +i is not possible here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_pyproject_by_its_mode_bits(monthly: Path) -> None:
    """write.py honours the mode bits itself, so this holds for root as well."""
    pyproject = monthly / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n', "utf-8")
    pyproject.chmod(0o444)
    code, out, err = invoke("init")
    assert (code, out) == (2, "")
    assert err == f"paperlint: {pyproject}: the file is read-only; nothing written\n"
    assert pyproject.read_text("utf-8") == '[project]\nname = "x"\n'


def test_immutable_pyproject(monthly: Path) -> None:
    pyproject = monthly / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n', "utf-8")
    with immutable(pyproject):
        code, out, err = invoke("init")
    assert (code, out) == (2, "")
    assert err == f"paperlint: {pyproject}: the file is read-only; nothing written\n"


def _folder_refused(folder: Path, reason: str) -> None:
    code, out, err = invoke("init")
    assert (code, out) == (2, "")
    assert err == (
        f"paperlint: {folder / '.paperlint.toml'}: cannot create a temporary file in {folder}: "
        f"{reason}; nothing written\n"
    )
    assert not (folder / ".paperlint.toml").exists()


def test_immutable_folder(monthly: Path) -> None:
    with immutable(monthly):
        _folder_refused(monthly, "Operation not permitted")


@pytest.mark.skipif(ROOT, reason="root may create files in a folder without write permission")
def test_read_only_folder_by_its_mode_bits(monthly: Path) -> None:
    monthly.chmod(0o555)
    try:
        _folder_refused(monthly, "Permission denied")
    finally:
        monthly.chmod(0o755)


def test_folder_refusing_new_files(monthly: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same at the system-call boundary, so it runs everywhere (as root too)."""
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and os.path.dirname(os.fspath(path)) == str(monthly):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    _folder_refused(monthly, "Permission denied")
