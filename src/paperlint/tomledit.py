"""Replacing one ``[tool.NAME]`` configuration in a pyproject.toml, and nothing else.

The file is edited as TOML (tomlkit keeps everything it does not touch byte for byte), so
a header-like line inside a multi-line string, a dotted key such as ``paperlint.select``
under ``[tool]``, or an array of tables is handled as what it is. The new table is appended
as written, comments included. The result is loaded again with the parser configuration
loading uses and compared with what was meant: a file that would not load, or would say
anything else than before, is never returned.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from paperlint.config import TOML_ERRORS, parse_toml


class TomlEditError(Exception):
    """The edit cannot be made; the message is one line for the user."""


def replace_tool_table(text: str, name: str, table: str) -> str:
    """``text`` with its ``tool.NAME`` settings (in whatever form) replaced by ``table``.

    ``table`` is TOML whose only key is ``tool.NAME``. Line endings follow ``text``.
    """
    try:
        document = tomlkit.parse(text)
        before = parse_toml(text)
    except (TOMLKitError, *TOML_ERRORS) as error:
        raise TomlEditError(f"invalid TOML: {_one_line(error)}") from None
    tool = document.get("tool")
    if isinstance(tool, dict) and name in tool:
        del tool[name]
    # Blank lines the removed table leaves at the end go, so that repeated edits are stable.
    kept = tomlkit.dumps(document).rstrip(" \t\r\n")
    newline = "\r\n" if "\r\n" in text else "\n"
    if kept:
        kept += newline * 2
    result = kept + table.replace("\r\n", "\n").replace("\n", newline)

    meant = dict(before)
    meant["tool"] = {**_table(before, "tool"), name: parse_toml(table)["tool"][name]}
    try:
        after = parse_toml(result)
    except TOML_ERRORS as error:
        raise TomlEditError(
            f"cannot add [tool.{name}] to this file (the result would not load: {_one_line(error)})"
        ) from None
    if after != meant:
        raise TomlEditError(f"cannot add [tool.{name}] to this file without changing other keys")
    return result


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return dict(value) if isinstance(value, dict) else {}


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
