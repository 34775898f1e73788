"""A user's JSON Schema is never fetched from, and a broken one is refused (issue 8, part 4).

Every case runs `paperlint check` with the schema given both ways — ``--schema`` and the
``schema`` key of a configuration file — while any attempt to open a socket fails the
test. A schema paperlint cannot use exits 2 with one line naming the file and where.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from paperlint.cli import cli

GOOD = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"paperlint opened a network connection: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)


def nested(depth: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    for _ in range(depth):
        schema = {"properties": {"a": schema}}
    return schema


REMOTE = "points outside the schema; paperlint never fetches remote schemas"

# name → (schema file text, the message after "schema PATH: ")
CASES: dict[str, tuple[str, str]] = {
    "remote $ref": (
        json.dumps({"$ref": "https://example.com/paperlist.json"}),
        f"$ref 'https://example.com/paperlist.json' at /$ref {REMOTE}",
    ),
    "relative $ref (a file next to it)": (
        json.dumps({"properties": {"months": {"$ref": "months.json"}}}),
        f"$ref 'months.json' at /properties/months/$ref {REMOTE}",
    ),
    "relative $ref under a remote $id": (
        json.dumps({"$id": "https://example.com/s/root.json", "items": {"$ref": "item.json"}}),
        f"$ref 'item.json' at /items/$ref {REMOTE}",
    ),
    "remote $dynamicRef": (
        json.dumps({"$dynamicRef": "https://example.com/meta#node"}),
        f"$ref 'https://example.com/meta#node' at /$dynamicRef {REMOTE}",
    ),
    "not JSON": (
        '{\n  "type": "object",\n  "properties": {,}\n}\n',
        "not valid JSON (line 3, column 18: Expecting property name enclosed in double quotes)",
    ),
    "empty file": ("", "not valid JSON (line 1, column 1: Expecting value)"),
    "not an object": ("[1, 2]", "must be a JSON object"),
    "not a valid schema": (
        json.dumps({"properties": {"months": {"type": 12}}}),
        "not a valid JSON Schema at /properties/months/type: "
        "12 is not valid under any of the given schemas",
    ),
    "local $ref to nothing": (
        json.dumps({"properties": {"months": {"$ref": "#/$defs/months"}}}),
        "$ref '#/$defs/months' at /properties/months/$ref points to nothing in the schema",
    ),
    "$ref to nothing by the schema's own $id": (
        json.dumps({"$id": "https://example.com/s.json", "items": {"$ref": "s.json#/nope"}}),
        "$ref 's.json#/nope' at /items/$ref points to nothing in the schema",
    ),
    "$ref loop": (
        json.dumps({"$ref": "#/$defs/a", "$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}}),
        "$ref '#/$defs/a' at /$defs/a/allOf/0/$ref leads back to itself without checking "
        "anything; validation would never end",
    ),
    "$ref loop behind an embedded $id": (
        json.dumps(
            {
                "$defs": {"a": {"$id": "https://x.test/a", "allOf": [{"$ref": "#/allOf/0"}]}},
                "$ref": "https://x.test/a",
            }
        ),
        "$ref '#/allOf/0' at /$defs/a/allOf/0/$ref leads back to itself without checking "
        "anything; validation would never end",
    ),
    "$ref to an anchor that does not exist": (
        json.dumps({"properties": {"months": {"$ref": "#nosuchanchor"}}}),
        "$ref '#nosuchanchor' at /properties/months/$ref points to nothing in the schema",
    ),
    "$ref to nothing behind an embedded $id": (
        json.dumps(
            {
                "$defs": {"a": {"$id": "https://x.test/a", "items": {"$ref": "#/nope"}}},
                "$ref": "https://x.test/a",
            }
        ),
        "$ref '#/nope' at /$defs/a/items/$ref points to nothing in the schema",
    ),
    "$dynamicRef to nothing": (
        json.dumps({"properties": {"months": {"$dynamicRef": "#nope"}}}),
        "$dynamicRef '#nope' at /properties/months/$dynamicRef points to nothing in the schema",
    ),
    "x-message with an unknown placeholder": (
        json.dumps({"properties": {"months": {"minItems": 1, "x-message": "{nosuch}"}}}),
        'x-message at /properties/months/x-message: "{nosuch}" has the unknown placeholder '
        "{nosuch}; use {value}, {key}, {path}, {message}",
    ),
    "x-message with a positional placeholder": (
        json.dumps({"x-message": {"required": "missing {0}"}}),
        'x-message at /x-message/required: "missing {0}" has the unknown placeholder {0}; '
        "use {value}, {key}, {path}, {message}",
    ),
    "x-message with attribute access": (
        json.dumps({"x-message": "{key.__class__.__mro__}"}),
        'x-message at /x-message: "{key.__class__.__mro__}" has the unknown placeholder '
        "{key.__class__.__mro__}; use {value}, {key}, {path}, {message}",
    ),
    "x-message with index access": (
        json.dumps({"x-message": "{key[0]}"}),
        'x-message at /x-message: "{key[0]}" has the unknown placeholder {key[0]}; '
        "use {value}, {key}, {path}, {message}",
    ),
    "x-message with an unmatched brace": (
        json.dumps({"x-message": "oops {"}),
        "x-message at /x-message: \"oops {\" cannot be read: Single '{' encountered in format "
        "string (write {{ and }} for literal braces)",
    ),
    "x-message that is not a string": (
        json.dumps({"x-message": {"type": 7}}),
        "x-message at /x-message/type: 7 is not a string",
    ),
    "x-rule that is not a code": (
        json.dumps({"properties": {"months": {"x-rule": "lowercase"}}}),
        'x-rule at /properties/months/x-rule: "lowercase" is not a rule code '
        "(capital letters, then digits, such as LAB001)",
    ),
    "x-rule object with a number": (
        json.dumps({"x-rule": {"required": 5}}),
        "x-rule at /x-rule/required: 5 is not a rule code (capital letters, then digits, "
        "such as LAB001)",
    ),
    "unknown $schema": (
        json.dumps({"$schema": "https://example.com/unknown-meta", "type": "object"}),
        'unknown $schema "https://example.com/unknown-meta" at /$schema; use '
        "https://json-schema.org/draft/2020-12/schema or another published draft",
    ),
    "nested 100,000 deep (JSON)": (
        "[" * 100_000 + "]" * 100_000,
        "nested too deeply to check; move subschemas into $defs",
    ),
    "nested 300 deep (schema)": (
        json.dumps(nested(300)),
        "nested too deeply to check; move subschemas into $defs",
    ),
}


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("how", ["--schema", "config"])
@pytest.mark.parametrize("case", list(CASES))
def test_unusable_schema_exits_2_naming_file_and_place(tmp_path: Path, case: str, how: str) -> None:
    text, message = CASES[case]
    schema = tmp_path / "custom.schema.json"
    schema.write_text(text, "utf-8")
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    if how == "--schema":
        args = ["--schema", str(schema)]
    else:
        config = tmp_path / ".paperlint.toml"
        config.write_text('schema = "custom.schema.json"\n', "utf-8")
        args = ["--config", str(config)]
    for command in ("check", "fix", "export"):
        result = run(command, str(tmp_path / "list.md"), *args)
        assert result.exit_code == 2
        shown = schema.resolve() if how == "config" else schema
        assert result.stderr == f"paperlint: schema {shown}: {message}\n"
        assert result.stdout == ""
    assert (tmp_path / "list.md").read_text("utf-8") == GOOD


def test_local_references_still_work(tmp_path: Path) -> None:
    """What the refusals above leave alone: $defs, the schema's own $id, embedded $ids,
    recursion that moves into the instance, anchors, and an older draft."""
    schemas = [
        {"$defs": {"obj": {"type": "object"}}, "$ref": "#/$defs/obj"},
        {"$id": "https://example.com/s.json", "$ref": "s.json#/$defs/o", "$defs": {"o": {}}},
        {
            "$id": "https://example.com/a.json",
            "$defs": {"b": {"$id": "https://example.com/b.json", "type": "object"}},
            "$ref": "https://example.com/b.json",
        },
        {"type": "object", "properties": {"months": {"items": {"$ref": "#"}}}},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
        {"$anchor": "top", "properties": {"months": {"items": {"$ref": "#top"}}}},
        {
            "$defs": {"a": {"$id": "https://x.test/a", "$anchor": "it", "type": "object"}},
            "$ref": "https://x.test/a#it",
        },
        {"$dynamicAnchor": "node", "properties": {"months": {"$dynamicRef": "#node"}}},
    ]
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    for index, document in enumerate(schemas):
        schema = tmp_path / f"s{index}.json"
        schema.write_text(json.dumps(document), "utf-8")
        result = run("check", str(tmp_path / "list.md"), "--schema", str(schema))
        assert (result.exit_code, result.stderr) == (0, ""), document


def test_schema_that_is_missing_or_a_folder(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    missing = tmp_path / "nope.json"
    result = run("check", str(tmp_path / "list.md"), "--schema", str(missing))
    assert (result.exit_code, result.stderr) == (
        2,
        f"paperlint: schema {missing}: no such file\n",
    )
    (tmp_path / "folder.json").mkdir()
    config = tmp_path / ".paperlint.toml"
    config.write_text('schema = "folder.json"\n', "utf-8")
    result = run("check", str(tmp_path / "list.md"), "--config", str(config))
    assert (result.exit_code, result.stderr) == (
        2,
        f"paperlint: schema {(tmp_path / 'folder.json').resolve()}: is a folder, not a file\n",
    )


def test_deeply_nested_config_is_one_line(tmp_path: Path) -> None:
    """tomllib recurses on nested arrays: a hostile config must not end in a traceback."""
    config = tmp_path / ".paperlint.toml"
    config.write_text("select = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    result = run("check", str(tmp_path / "list.md"), "--config", str(config))
    assert (result.exit_code, result.stderr) == (
        2,
        f"paperlint: {config}: invalid TOML: nested too deeply\n",
    )


def test_x_message_substitutes_only_its_placeholders(tmp_path: Path) -> None:
    """Literal braces stay, each placeholder is filled in, nothing else is evaluated."""
    schema = tmp_path / "s.json"
    document = {
        "properties": {
            "months": {
                "items": {
                    "properties": {
                        "month": {
                            "pattern": "^x$",
                            "x-message": "{{key}} {key}: '{value}' at {path}",
                        }
                    }
                }
            }
        }
    }
    schema.write_text(json.dumps(document), "utf-8")
    (tmp_path / "list.md").write_text(GOOD, "utf-8")
    result = run("check", "--no-color", str(tmp_path / "list.md"), "--schema", str(schema))
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'list.md'}:1:1: PL206 [schema-violation] "
        "{key} month: '202404' at /months/0/month"
    )
