"""docs/configuration.md: discovery, every key, and exit-2 errors that name the key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, REFERENCE, checker
from paperlint import config
from paperlint.cli import cli
from paperlint.model import Layout
from paperlint.settings import Settings
from paperlint.source import decode

CONFIGS = FIXTURES / "config"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def check_json(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    problems = json.loads(result.stdout) if result.stdout else []
    return result.exit_code, problems, result.stderr


def codes_at(problems: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(p["code"], p["line"], p["column"]) for p in problems}


def test_pyproject_ignore_silences_that_rule_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(REFERENCE, tmp_path / "README.md")
    monkeypatch.chdir(tmp_path)
    _, before, _ = check_json("README.md")
    shutil.copy(CONFIGS / "pyproject-ignore.toml", tmp_path / "pyproject.toml")
    code, after, err = check_json("README.md")
    assert (code, err) == (1, "")
    ignored = {p for p in codes_at(before) if p[0] == "PL601"}
    assert len(ignored) == 12  # PL601 on 12 lines of the reference file (test_reference.py)
    assert codes_at(after) == codes_at(before) - ignored


def test_config_found_walking_up_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".paperlint.toml").write_text('select = ["PL601"]\n', "utf-8")
    (tmp_path / "docs" / "lists").mkdir(parents=True)
    shutil.copy(REFERENCE, tmp_path / "docs" / "lists" / "README.md")
    monkeypatch.chdir(tmp_path / "docs" / "lists")
    _, problems, _ = check_json("README.md")
    assert {p["code"] for p in problems} == {"PL601"}
    assert config.find() == tmp_path / ".paperlint.toml"


@pytest.mark.parametrize(
    ("present", "found"),
    [
        ((".paperlint.toml", "paperlint.toml", "pyproject.toml"), ".paperlint.toml"),
        (("paperlint.toml", "pyproject.toml"), "paperlint.toml"),
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_discovery_order_in_one_folder(
    tmp_path: Path, present: tuple[str, ...], found: str
) -> None:
    for name in present:
        table = "[tool.paperlint]\n" if name == "pyproject.toml" else ""
        (tmp_path / name).write_text(table + 'ignore = ["PL601"]\n', "utf-8")
    assert config.find(tmp_path) == tmp_path / found


def test_pyproject_without_a_paperlint_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".paperlint.toml").write_text('ignore = ["PL601"]\n', "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", "utf-8")
    assert config.find(tmp_path / "sub") == tmp_path / ".paperlint.toml"


def test_no_config_anywhere_gives_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert config.load(None) == Settings()


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".paperlint.toml"
    shutil.copy(CONFIGS / "full.paperlint.toml", path)
    settings = config.load(str(path))
    assert settings == Settings(
        schema=str((tmp_path / "schemas" / "list.schema.json").resolve()),
        select=("PL2", "label-spacing", "PL601"),
        ignore=("PL203",),
        extend_select=("PL902",),
        exclude=("drafts/*.md",),
        per_file_ignores={"archive/*.md": ("PL601", "blank-lines")},
        layout=Layout(month=1, category=2, entry=3),
        entry_kind="heading",
        aliases={"Key Insight": "Keypoints"},
        required=("Keypoints",),
        known=("Code",),
        rule_options={"PL103": {"order": "asc"}, "PL507": {"tolerance": 2}},
        origin=str(path),
    )


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ('[layout]\nmonth-order = "asc"\n', {"PL103": {"order": "asc"}}),
        ('[fields]\nlabel-style = "bold"\n', {"PL403": {"style": "bold"}}),
        ('[fields]\nseparator = "; "\n', {"PL404": {"separator": ";"}}),
        # Given both ways, the two agree.
        (
            '[layout]\nmonth-order = "any"\n[rules.months-out-of-order]\norder = "any"\n',
            {"PL103": {"order": "any"}},
        ),
    ],
)
def test_older_keys_set_their_rule_option(
    tmp_path: Path, text: str, options: dict[str, dict[str, str]]
) -> None:
    path = tmp_path / ".paperlint.toml"
    path.write_text(text, "utf-8")
    assert config.load(str(path)).rule_options == options


def test_an_older_key_that_contradicts_its_rule_option_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run_with(
        tmp_path,
        "paperlint.toml",
        '[layout]\nmonth-order = "asc"\n\n[rules.PL103]\norder = "desc"\n',
    )
    assert code == 2
    assert err == (
        f"paperlint: {tmp_path / 'paperlint.toml'}: layout.month-order: "
        '"asc" contradicts [rules.PL103] order = "desc"; keep one of them\n'
    )


def test_a_bad_option_value_exits_2_naming_rule_option_and_choices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run_with(
        tmp_path, "pyproject.toml", '[tool.paperlint.rules.PL103]\norder = "newest"\n'
    )
    assert code == 2
    assert err == (
        f"paperlint: {tmp_path / 'pyproject.toml'}: tool.paperlint.rules.PL103.order: must be "
        'one of "desc", "asc", "any", not "newest" (option \'order\' of PL103 '
        "months-out-of-order)\n"
    )


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "paperlint.toml"
    path.write_text("[rules.PL507]\ntolerance = 3\n", "utf-8")
    run = checker(config.load(str(path)))
    rule = next(r for r in run.rules if r.code == "PL507")
    assert run.options_for(rule) == {"tolerance": 3}


def test_config_aliases_are_merged_over_the_schema_aliases(tmp_path: Path) -> None:
    path = tmp_path / "paperlint.toml"
    path.write_text('[fields.aliases]\n"Key Insight" = "Keypoints"\n', "utf-8")
    run = checker(config.load(str(path)))
    assert run.vocabulary.resolve("key insight") == "Keypoints"
    assert run.vocabulary.resolve("Methods") == "Method"  # a built-in alias survives


MONTHLY = (CONFIGS / "monthly.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("", Layout(month=1, category=2, entry=3)),  # inferred
        ('layout = "auto"\n', Layout(month=1, category=2, entry=3)),
        ("[layout]\nmonth = 1\ncategory = 2\nentry = 3\n", Layout(1, 2, 3)),
        ('[layout]\nmonth = "none"\ncategory = 1\nentry = 3\n', Layout(None, 1, 3)),
        # Only the entry level pinned: the others are still inferred per file.
        ("[layout]\nentry = 3\n", Layout(month=1, category=2, entry=3)),
        ('[layout]\nmonth = "none"\n', Layout(month=None, category=2, entry=3)),
    ],
)
def test_layout_levels(tmp_path: Path, layout: str, expected: Layout) -> None:
    path = tmp_path / "paperlint.toml"
    path.write_text(layout, "utf-8")
    document = checker(config.load(str(path))).parse(decode(MONTHLY.encode(), "m.md"))
    assert document.layout == expected


def test_command_line_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(REFERENCE, tmp_path / "README.md")
    (tmp_path / ".paperlint.toml").write_text('select = ["PL601"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    _, problems, _ = check_json("README.md", "--select", "PL604")
    assert [(p["code"], p["line"]) for p in problems] == [("PL604", 120)]
    _, problems, _ = check_json("README.md", "--ignore", "PL601")
    assert problems == []


def test_explicit_config_option_wins_over_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(REFERENCE, tmp_path / "README.md")
    (tmp_path / ".paperlint.toml").write_text('select = ["PL601"]\n', "utf-8")
    (tmp_path / "other.toml").write_text('select = ["PL604"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    _, problems, _ = check_json("README.md", "--config", "other.toml")
    assert {p["code"] for p in problems} == {"PL604"}


# -- errors ------------------------------------------------------------------------------------


def run_with(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "list.md").write_text(MONTHLY, "utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "list.md")])
    return result.exit_code, result.stderr


def test_misspelled_key_exits_2_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run_with(tmp_path, "pyproject.toml", '[tool.paperlint]\nignroe = ["PL601"]\n')
    assert code == 2
    assert err == (
        f"paperlint: {tmp_path / 'pyproject.toml'}: unknown key 'ignroe' in [tool.paperlint] "
        "(did you mean 'ignore'?); allowed keys: schema, select, ignore, extend-select, "
        "exclude, per-file-ignores, layout, fields, dates, lists, rules\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = "PL4"\n', 'select: must be a list of strings, not a string ("PL4")'),
        ("ignore = [601]\n", "ignore: must be a list of strings, not a list"),
        ('ignore = ["PL9999"]\n', "ignore: unknown rule 'PL9999'"),
        ('extend-select = ["lable-spacing"]\n', "extend-select: unknown rule 'lable-spacing'"),
        ('exclude = "drafts"\n', 'exclude: must be a list of strings, not a string ("drafts")'),
        ('per-file-ignores = ["a.md"]\n', "per-file-ignores: must be a table, not a list"),
        ('[per-file-ignores]\n"a/*.md" = ["PLX"]\n', 'per-file-ignores."a/*.md": unknown rule'),
        ("schema = 3\n", "schema: must be a string, not an integer (3)"),
        ("[layout]\nmonth = 7\n", 'layout.month: must be a heading level 1-6, "auto" or'),
        ("[layout]\nentry = true\n", "layout.entry: must be a heading level 1-6"),
        (
            '[layout]\nmonth-order = "up"\n',
            'layout.month-order: must be one of "desc", "asc", "any", not "up" '
            "(option 'order' of PL103 months-out-of-order)",
        ),
        ('[fields]\nlabel-style = "italic"\n', 'fields.label-style: must be one of "code", "bold"'),
        ('[fields]\nseparator = "|"\n', 'fields.separator: must be one of "auto", ";", ","'),
        ("[rules.PL404]\nseparator = 1\n", "rules.PL404.separator: must be a string, not an"),
        (
            "[layout]\nmonths = 2\n",
            "unknown key 'months' in [layout] (did you mean 'month'?); "
            "allowed keys: month, category, entry, month-order",
        ),
        ('layout = "manual"\n', "layout: must be a table, not a string"),
        ("[fields]\nalias = {}\n", "unknown key 'alias' in [fields] (did you mean 'aliases'?)"),
        ("[fields.aliases]\nMethods = 1\n", "fields.aliases.Methods: must be a string"),
        ("[rules.PL999]\nx = 1\n", "rules.PL999: unknown rule 'PL999'"),
        (
            "[rules.arxiv-month-mismatch]\ntolerence = 1\n",
            "unknown option 'tolerence' in [rules.arxiv-month-mismatch] "
            "(did you mean 'tolerance'?); allowed options: tolerance",
        ),
        (
            '[rules.PL507]\ntolerance = "2"\n',
            'rules.PL507.tolerance: must be an integer, not a string ("2") '
            "(option 'tolerance' of PL507 arxiv-month-mismatch)",
        ),
        ("[rules.PL601]\nx = 1\n", "PL601 trailing-whitespace has no options"),
        ("[rules]\nPL601 = 1\n", "rules.PL601: must be a table, not an integer (1)"),
    ],
)
def test_bad_values_exit_2_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".paperlint.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(config.ConfigError) as caught:
        config.load(str(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ('select = ["PL4"\nignore = []\n', "2:1", "invalid TOML: Unclosed array"),
        ("[layout]\nmonth = = 1\n", "2:9", "invalid TOML: Invalid value"),
        ('select = ["PL4"', "1:16", "invalid TOML: Unclosed array"),  # at the end of the file
    ],
)
def test_toml_syntax_error_names_file_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, position: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run_with(tmp_path, "paperlint.toml", text)
    assert code == 2
    assert err.startswith(f"paperlint: {tmp_path / 'paperlint.toml'}:{position}: {reason}")


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path / "nope.toml"), "x.md"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.toml'}: configuration file not found" in result.stderr


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.ruff]\nline-length = 99\n", "utf-8")
    with pytest.raises(config.ConfigError, match=r"no \[tool\.paperlint\] table"):
        config.load(str(path))
