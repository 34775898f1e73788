"""Finding and validating configuration (docs/configuration.md).

A configuration is ``.paperlint.toml`` or ``paperlint.toml`` (keys at the top level), or the
``[tool.paperlint]`` table of ``pyproject.toml``. Every key and value is checked here, so a
typo is an error that names the file, the key and the keys allowed there — never a setting
silently ignored.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint.model import Layout
from paperlint.settings import ListSettings, Settings
from paperlint.source import InputError, read_bytes

if TYPE_CHECKING:
    from paperlint.rules.base import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".paperlint.toml", "paperlint.toml", "pyproject.toml")
LEVEL_NAMES = ("month", "category", "entry")
AUTO, NONE = "auto", "none"

TOP_KEYS = (
    "schema",
    "select",
    "ignore",
    "extend-select",
    "exclude",
    "per-file-ignores",
    "layout",
    "fields",
    "dates",
    "lists",
    "rules",
)
LAYOUT_KEYS = (*LEVEL_NAMES, "month-order", "entries")
FIELDS_KEYS = ("aliases", "required", "known", "label-style", "separator")
DATES_KEYS = ("headings",)
LISTS_KEYS = ("include", "entries", *LEVEL_NAMES, "headings")
ENTRY_KINDS = ("auto", "heading", "bullet", "paragraph", "table")
# Keys that predate rule options and still set one: key -> (rule, option). A value given
# under [rules.<rule>] as well must agree with it.
OPTION_ALIASES = {
    "layout.month-order": ("PL103", "order"),
    "fields.label-style": ("PL403", "style"),
    "fields.separator": ("PL404", "separator"),
}

# What parse_toml raises on bad input (tomllib parses nested arrays and tables recursively).
TOML_ERRORS = (tomllib.TOMLDecodeError, RecursionError)
_TOML_POSITION_RE = re.compile(r"\(at (?:line (\d+), column (\d+)|end of document)\)$")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and key."""


def find(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest configuration file, walking up from ``start`` (default: the working folder).

    In one folder ``.paperlint.toml`` wins over ``paperlint.toml``, which wins over a
    ``pyproject.toml`` — and a ``pyproject.toml`` counts only with a ``[tool.paperlint]`` table.
    """
    folder = Path(start if start is not None else os.getcwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _table(candidate, read_toml(candidate)) is not None:
                return candidate
    return None


def load(path: str | None) -> Settings:
    """Settings from ``path``, or from the discovered file, or the defaults when there is none."""
    found = Path(path) if path is not None else find()
    if found is None:
        return Settings()
    if path is not None and not found.exists():
        raise ConfigError(f"{path}: configuration file not found")
    data = read_toml(found)
    table = _table(found, data)
    if table is None:
        raise ConfigError(f"{found}: no [tool.paperlint] table")
    return settings_from(table, found)


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text as configuration loading reads it (tomllib, or tomli before Python 3.11)."""
    return tomllib.loads(text)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors name the file, line and column."""
    try:
        text = read_bytes(path).decode("utf-8")
    except InputError as error:
        raise ConfigError(f"{path}: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 ({error.reason})") from None
    try:
        return parse_toml(text)
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION_RE.search(message)
        if position is None:
            raise ConfigError(f"{path}: invalid TOML: {message}") from None
        reason = message[: position.start()].strip()
        line, column = position.groups()
        if line is None:  # "at end of document": the position just past the last character
            line, column = str(text.count("\n") + 1), str(len(text.rsplit("\n", 1)[-1]) + 1)
        raise ConfigError(f"{path}:{line}:{column}: invalid TOML: {reason}") from None


def _table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The paperlint table of a parsed file: all of it, or ``[tool.paperlint]`` of pyproject."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("paperlint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.paperlint must be a table")
    return table


# -- validation -------------------------------------------------------------------------------


class _Reader:
    """Validates one file's table; every error names the file and the dotted key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.prefix = "tool.paperlint." if path.name == "pyproject.toml" else ""

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.prefix}{key}: {problem}")

    def keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in allowed:
                section = f"[{self.prefix}{where}]" if where else self._top()
                raise ConfigError(
                    f"{self.path}: unknown key '{key}' in {section}{did_you_mean(key, allowed)}; "
                    f"allowed keys: {', '.join(allowed)}"
                )

    def _top(self) -> str:
        return "[tool.paperlint]" if self.prefix else "the top level"

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_kind(value)}")
        return value

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {_kind(value)}")
        return value

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"must be a list of strings, not {_kind(value)}")
        return tuple(value)

    def codes(self, value: Any, key: str) -> tuple[str, ...]:
        from paperlint import rules

        codes = self.strings(value, key)
        try:
            rules.expand(codes)
        except rules.UnknownRuleError as error:
            raise self.fail(key, str(error)) from None
        return codes

    def level(self, value: Any, key: str) -> int | str | None:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
            return value
        if value in (AUTO, NONE):
            return None if value == NONE else AUTO
        raise self.fail(key, f'must be a heading level 1-6, "auto" or "none", not {_show(value)}')


def settings_from(table: dict[str, Any], path: Path) -> Settings:
    """Validate a paperlint table and turn it into Settings (paths relative to ``path``)."""
    read = _Reader(path)
    read.keys(table, TOP_KEYS, "")
    values: dict[str, Any] = {"origin": str(path)}
    if "schema" in table:
        schema = read.string(table["schema"], "schema")
        values["schema"] = str((path.parent / schema).resolve())
    if "select" in table:
        values["select"] = read.codes(table["select"], "select")
    if "ignore" in table:
        values["ignore"] = read.codes(table["ignore"], "ignore")
    if "extend-select" in table:
        values["extend_select"] = read.codes(table["extend-select"], "extend-select")
    if "exclude" in table:
        values["exclude"] = read.strings(table["exclude"], "exclude")
    if "per-file-ignores" in table:
        per_file = read.table(table["per-file-ignores"], "per-file-ignores")
        values["per_file_ignores"] = {
            glob: read.codes(codes, f"per-file-ignores.{_quote(glob)}")
            for glob, codes in per_file.items()
        }
    if "layout" in table:
        values.update(_layout(read, table["layout"]))
    if "dates" in table:
        values.update(_dates(read, table["dates"]))
    if "fields" in table:
        fields = read.table(table["fields"], "fields")
        read.keys(fields, FIELDS_KEYS, "fields")
        if "required" in fields:
            values["required"] = read.strings(fields["required"], "fields.required")
        if "known" in fields:
            values["known"] = read.strings(fields["known"], "fields.known")
        if "aliases" in fields:
            aliases = read.table(fields["aliases"], "fields.aliases")
            values["aliases"] = {
                alias: read.string(label, f"fields.aliases.{_quote(alias)}")
                for alias, label in aliases.items()
            }
    if "lists" in table:
        values["lists"] = _lists(read, table["lists"])
    options: dict[str, dict[str, Any]] = {}
    if "rules" in table:
        options = _rule_options(read, read.table(table["rules"], "rules"))
    _aliased_options(read, table, options)
    if options:
        values["rule_options"] = options
    return Settings(**values)


def _choice(read: _Reader, value: Any, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise read.fail(key, f"must be one of {', '.join(choices)}, not {_show(value)}")
    return str(value)


def _lists(read: _Reader, value: Any) -> tuple[ListSettings, ...]:
    """``[[lists]]``: per-glob entry kind, heading levels and month-heading forms."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise read.fail("lists", f"must be an array of tables ([[lists]]), not {_kind(value)}")
    found: list[ListSettings] = []
    for number, item in enumerate(value, start=1):
        where = f"lists[{number}]"
        read.keys(item, LISTS_KEYS, where)
        if "include" not in item:
            raise read.fail(where, 'needs include = ["glob", ...]')
        include = read.strings(item["include"], f"{where}.include")
        kind = None
        if "entries" in item:
            kind = _choice(read, item["entries"], f"{where}.entries", (*ENTRY_KINDS, NONE))
        layout_values = _layout(read, {k: item[k] for k in LEVEL_NAMES if k in item})
        headings = None
        if "headings" in item:
            headings = _dates(read, {"headings": item["headings"]}).get("month_headings")
        found.append(
            ListSettings(
                include,
                kind,
                layout_values.get("layout"),
                layout_values.get("layout_auto", ()),
                headings,
            )
        )
    return tuple(found)


def _dates(read: _Reader, value: Any) -> dict[str, Any]:
    """``[dates]``: the forms month headings are written in (names or patterns)."""
    from paperlint.parse.dates import HEADING_FORMATS

    dates = read.table(value, "dates")
    read.keys(dates, DATES_KEYS, "dates")
    if "headings" not in dates:
        return {}
    forms = read.strings(dates["headings"], "dates.headings")
    for form in forms:
        if form in HEADING_FORMATS:
            continue
        try:
            pattern = re.compile(form)
        except re.error as error:
            raise read.fail(
                "dates.headings",
                f"{_show(form)} is neither a form ({', '.join(HEADING_FORMATS)}) "
                f"nor a regular expression ({error})",
            ) from None
        if "year" not in pattern.groupindex:
            raise read.fail("dates.headings", f"pattern {_show(form)} has no (?P<year>...) group")
    return {"month_headings": forms}


def _layout(read: _Reader, value: Any) -> dict[str, Any]:
    """``layout = "auto"`` or a ``[layout]`` table of levels and the entry kind (its
    ``month-order`` is PL103's option, read by ``_aliased_options``)."""
    if value == AUTO:
        return {}
    layout = read.table(value, "layout")
    read.keys(layout, LAYOUT_KEYS, "layout")
    values: dict[str, Any] = {}
    if "entries" in layout:
        values["entry_kind"] = _choice(read, layout["entries"], "layout.entries", ENTRY_KINDS)
    levels = {name: read.level(layout.get(name, AUTO), f"layout.{name}") for name in LEVEL_NAMES}
    auto = tuple(name for name, level in levels.items() if level == AUTO)
    if len(auto) < len(LEVEL_NAMES):
        pinned = {name: level if isinstance(level, int) else None for name, level in levels.items()}
        values["layout"] = Layout(**pinned)
        values["layout_auto"] = auto
    return values


def _rule_options(read: _Reader, table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``[rules.<code-or-name>]`` tables, checked against the options each rule declares."""
    from paperlint import rules

    options: dict[str, dict[str, Any]] = {}
    for token, value in table.items():
        key = f"rules.{_quote(token)}"
        try:
            rule = rules.get(token)
        except rules.UnknownRuleError as error:
            raise read.fail(key, f"{error}; `paperlint rules` lists them") from None
        given = read.table(value, key)
        allowed = tuple(rule.options)
        for name, option_value in given.items():
            if name not in rule.options:
                hint = (
                    f"{did_you_mean(name, allowed)}; allowed options: {', '.join(allowed)}"
                    if allowed
                    else f"; {rule.code} {rule.name} has no options"
                )
                raise ConfigError(
                    f"{read.path}: unknown option '{name}' in [{read.prefix}{key}]{hint}"
                )
            _option_value(read, f"{key}.{name}", rule, name, option_value)
        options.setdefault(rule.code, {}).update(given)
    return options


def _option_value(read: _Reader, key: str, rule: Rule, name: str, value: Any) -> Any:
    """``value`` if it suits ``rule``'s option ``name``; else an error naming both."""
    option = rule.options[name]
    problem = None
    if not _is_kind(value, option.kind):
        problem = f"must be {_kind_name(option.kind)}, not {_kind(value)}"
    elif option.choices and value not in option.choices:
        allowed = ", ".join(_show(choice) for choice in option.choices)
        problem = f"must be one of {allowed}, not {_show(value)}"
    if problem is not None:
        raise read.fail(key, f"{problem} (option '{name}' of {rule.code} {rule.name})")
    return value


def _aliased_options(
    read: _Reader, table: dict[str, Any], options: dict[str, dict[str, Any]]
) -> None:
    """Set the rule options that the older keys of ``OPTION_ALIASES`` give, into ``options``."""
    from paperlint import rules

    for key, (code, name) in OPTION_ALIASES.items():
        section, _, leaf = key.partition(".")
        container = table.get(section)
        if not isinstance(container, dict) or leaf not in container:
            continue
        value = container[leaf]
        if key == "fields.separator" and isinstance(value, str):
            value = value.strip()  # `"; "` has always been accepted for `;`
        rule = rules.get(code)
        _option_value(read, key, rule, name, value)
        configured = options.setdefault(code, {})
        if name in configured and configured[name] != value:
            raise read.fail(
                key,
                f"{_show(value)} contradicts [{read.prefix}rules.{code}] {name} = "
                f"{_show(configured[name])}; keep one of them",
            )
        configured[name] = value


# -- wording ----------------------------------------------------------------------------------


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _is_kind(value: Any, kind: type) -> bool:
    if isinstance(value, bool) and kind is not bool:
        return False
    if kind is float:
        return isinstance(value, (int, float))
    if kind in (list, tuple):
        return isinstance(value, list)
    return isinstance(value, kind)


_KIND_NAMES: dict[type, str] = {
    bool: "true or false",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "a list",
    tuple: "a list",
    dict: "a table",
}


def _kind_name(kind: type) -> str:
    return _KIND_NAMES.get(kind, kind.__name__)


def _kind(value: Any) -> str:
    """How a wrong value is described: its TOML type, and the value when it is short."""
    names: dict[type, str] = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    name = names.get(type(value), type(value).__name__)
    return name if isinstance(value, (list, dict)) else f"{name} ({_show(value)})"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def _quote(key: str) -> str:
    """A TOML key as the user would write it: bare when it can be, quoted otherwise."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'
