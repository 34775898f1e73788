"""After any run of edits, the server's incremental re-check finds exactly what a fresh
full check of the same text finds (the section-incremental parse, the per-entry schema
results kept between versions)."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CORPUS_FILES
from paperlint import schema
from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.problem import Problem
from paperlint.server.linting import Configurations, Lint, check_text
from paperlint.source import decode
from strategies import NASTY

GENERATE = Path(__file__).parents[2] / "benchmarks" / "generate.py"
TEXTS = [p.read_text("utf-8") for p in CORPUS_FILES if p.stat().st_size]


@cache
def generated_list() -> str:
    """The benchmark's deterministic 2,000-entry list (stdlib only, seeded)."""
    spec = importlib.util.spec_from_file_location("generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.paper_list(2_000)
    return text


@cache
def server_checker() -> Checker:
    checker = Configurations().checker_in(str(Path(__file__).parent))
    assert checker.incremental
    return checker


def assert_same_json(document: Document | None, text: str) -> None:
    """The JSON and source map built from the previous version's entries are those a fresh
    parse builds (the schema errors alone could miss a wrong line in the source map)."""
    assert document is not None
    fresh = Checker().parse(decode(text.encode("utf-8"), "list.md"))
    assert document.to_json() == fresh.to_json()


def full_check(text: str) -> list[Problem]:
    """What ``paperlint check`` finds: a new Checker, the whole text parsed and validated."""
    return Checker().check_source(decode(text.encode("utf-8"), "list.md")).problems


# One edit: where (a fraction of the text), how many characters it removes, what it types.
edits = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1),
        st.integers(min_value=0, max_value=40),
        st.sampled_from([*NASTY, "x", "\n", "\n\n", "## 202401\n", "#### A title\n", ""]),
    ),
    min_size=1,
    max_size=4,
)


def apply(text: str, edit: tuple[float, int, str]) -> str:
    where, removed, typed = edit
    start = int(where * len(text))
    return text[:start] + typed + text[start + removed :]


def assert_identical_after(text: str, changes: list[tuple[float, int, str]]) -> None:
    checker = server_checker()
    source, result = check_text(checker, "list.md", text)
    assert result.problems == full_check(text)
    previous = Lint(1, source, result, checker, result)
    for version, change in enumerate(changes, start=2):
        text = apply(text, change)
        source, result = check_text(checker, "list.md", text, previous)
        assert result.problems == full_check(text)
        assert_same_json(result.document, text)
        previous = Lint(version, source, result, checker, result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), edits)
def test_corpus_file_after_edits(text: str, changes: list[tuple[float, int, str]]) -> None:
    assert_identical_after(text, changes)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_generated_list_after_edits(changes: list[tuple[float, int, str]]) -> None:
    assert_identical_after(generated_list(), changes)


def test_a_typed_character_revalidates_one_entry() -> None:
    """Proof that the identity above is not trivially a full validation: the other
    entries' schema results are reused (the one edited entry is validated again)."""
    text = generated_list()
    checker = server_checker()
    source, result = check_text(checker, "list.md", text)
    before = dict(checker.schema._entry_object_errors)
    at = text.index("- `Objective:` ", len(text) // 2) + len("- `Objective:` ")
    check_text(
        checker, "list.md", text[:at] + "x" + text[at:], Lint(1, source, result, checker, result)
    )
    after = checker.schema._entry_object_errors
    assert len(after) == len(before) == 2_000
    # The unchanged entries' JSON is the previous check's very object, errors and all.
    reused = [key for key, (entry, errors) in after.items() if key in before]
    assert len(reused) == 1_999
    assert all(before[key][0] is after[key][0] for key in reused)
    assert all(before[key][1] is after[key][1] for key in reused)
    # The edited entry alone was serialized and validated again.
    assert len(checker.schema._entry_errors) == 1


ENTRY_LOCAL = {
    "type": "object",
    "properties": {
        "months": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "categories": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "entries": {
                                    "type": "array",
                                    "maxItems": 2,
                                    "items": {"$ref": "#/$defs/entry"},
                                }
                            },
                        },
                    }
                },
            },
        }
    },
    "$defs": {"entry": {"type": "object", "required": ["fields"], "x-rule": "PL201",
                        "properties": {"fields": {"required": ["Venue"], "x-rule": "PL201"}}}},
}  # fmt: skip


def with_entries_keyword(keyword: str, value: object) -> dict[str, object]:
    """ENTRY_LOCAL with one more keyword on the entries array."""
    document = json.loads(json.dumps(ENTRY_LOCAL))
    document["properties"]["months"]["items"]["properties"]["categories"]["items"]["properties"][
        "entries"
    ][keyword] = value
    return document


def test_entry_local_schema_is_split() -> None:
    assert schema.Schema(ENTRY_LOCAL, "test")._split is not None
    assert schema.builtin()._split is not None


def test_schema_comparing_entries_is_validated_whole() -> None:
    for keyword, value in [
        ("uniqueItems", True),
        ("contains", {"required": ["arxiv"]}),
        ("allOf", [{"maxItems": 5}]),
        ("prefixItems", [{"required": ["x"]}]),
    ]:
        assert schema.Schema(with_entries_keyword(keyword, value), "test")._split is None
    at_root = {**ENTRY_LOCAL, "if": {"required": ["path"]}, "then": {"maxProperties": 1}}
    assert schema.Schema(at_root, "test")._split is None


def test_user_schemas_give_the_same_errors_split_or_whole() -> None:
    document = Checker().parse(decode(generated_list().encode("utf-8"), "list.md"))
    instance, smap = document.to_json()
    for user in [ENTRY_LOCAL, with_entries_keyword("uniqueItems", True)]:
        whole = schema.Schema(user, "test").validate(instance, smap)
        split = schema.Schema(user, "test").validate_again(instance, smap)
        assert sorted(split, key=repr) == sorted(whole, key=repr)
        assert any(e.code == "PL201" for e in whole)
        assert any(e.code == "PL206" for e in whole)  # maxItems, on the categories
