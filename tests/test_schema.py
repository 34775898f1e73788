"""Schema validation: rule codes from x-rule, positions from the source map, user schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from helpers import CORPUS, REFERENCE, lint, positions
from paperlint.schema import SchemaLoadError, builtin, inline_refs, load, proof
from paperlint.settings import Settings
from paperlint.source import decode
from strategies import mutated_corpus

HEAD = "## 202404\n### LLM\n"


def codes(text: str, settings: Settings | None = None) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in lint(text, settings=settings)]


def test_missing_objective_is_pl201_at_the_heading() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a; b\n"
    (problem,) = lint(text, select=("PL201",))
    assert (problem.line, problem.column, problem.code) == (3, 1, "PL201")
    assert (
        problem.message == "required field `Objective` is missing; add a '- `Objective:` …' bullet"
    )


def test_both_required_fields_missing_are_two_problems() -> None:
    text = HEAD + "#### A Paper\n- `Method:` a\n"
    assert [p.message.split("`")[1] for p in lint(text, select=("PL201",))] == [
        "Keypoints",
        "Objective",
    ]


def test_entry_without_fields_is_pl207_only() -> None:
    text = HEAD + "#### Empty\n#### Full\n- `Keypoints:` a\n- `Objective:` b\n"
    assert codes(text) == [(3, 1, "PL207")]


def test_empty_value_is_pl202_at_the_label() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:`\n"
    assert codes(text) == [(5, 3, "PL202")]


def test_unknown_field_suggests_the_nearest_label() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n- `Limitaton:` c\n"
    (problem,) = lint(text)
    assert (problem.line, problem.column, problem.code) == (6, 3, "PL203")
    assert problem.message == "unknown field `Limitaton`; did you mean `Limitation`?"


def test_unknown_field_inside_details_is_located_there() -> None:
    text = (
        HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n-   <details>\n"
        "    <summary>Details</summary>\n\n    - `Main PipeLine:` c\n    </details>\n"
    )
    assert positions(text, "PL203") == [(9, 7)]


def test_duplicate_field_is_pl204_at_the_second_bullet() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n- `Objective:` c\n"
    (problem,) = lint(text)
    assert (problem.line, problem.column, problem.code) == (6, 3, "PL204")


def test_alias_and_canonical_together_are_a_duplicate() -> None:
    text = (
        HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n- `Method:` c\n- `Methods:` d\n"
    )
    assert positions(text, "PL204") == [(7, 3)]


def test_invalid_month_is_pl102() -> None:
    text = "## 202413\n### LLM\n#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n"
    (problem,) = lint(text, select=("PL102",))
    assert (problem.line, problem.code) == (1, "PL102")
    assert "'202413' is not a valid YYYYMM month" in problem.message


def test_empty_category_is_pl105() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n### Empty\n"
    assert positions(text, "PL105") == [(6, 1)]


def test_unclosed_details_is_pl301_at_the_tag() -> None:
    text = HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n-   <details>\n    x\n"
    assert positions(text, "PL301") == [(6, 5)]


def test_builtin_schema_knows_labels_and_aliases() -> None:
    schema = builtin()
    assert {"Keypoints", "Objective", "Method", "Key Takeaways"} <= schema.labels
    assert schema.aliases["Methods"] == "Method"


# -- user schemas ------------------------------------------------------------------------


def write_schema(tmp_path: Path, document: object) -> str:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(document), "utf-8")
    return str(path)


def test_user_schema_with_its_own_codes(tmp_path: Path) -> None:
    document = json.loads(json.dumps(builtin().document))
    document["$defs"]["entry"]["properties"]["fields"]["required"] = ["Keypoints", "Venue"]
    document["$defs"]["fields"]["properties"]["Venue"] = {
        "type": "string",
        "pattern": "^[A-Z]+ [0-9]{4}$",
        "x-rule": "LAB001",
        "x-message": "venue '{value}' must look like 'CVPR 2024'",
    }
    settings = Settings(schema=write_schema(tmp_path, document))
    text = HEAD + "#### A\n- `Keypoints:` a\n- `Venue:` cvpr\n#### B\n- `Keypoints:` a\n"
    found = [(p.line, p.column, p.code, p.message) for p in lint(text, settings=settings)]
    assert found == [
        (5, 3, "LAB001", "venue 'cvpr' must look like 'CVPR 2024'"),
        (6, 1, "PL201", "required field `Venue` is missing; add a '- `Venue:` …' bullet"),
    ]


def test_schema_that_is_not_json_names_the_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"type": "object",\n  "properties": }\n', "utf-8")
    with pytest.raises(SchemaLoadError, match=r"bad.json: not valid JSON \(line 2, column 17"):
        load(str(path))


def test_schema_invalid_against_metaschema(tmp_path: Path) -> None:
    path = write_schema(tmp_path, {"type": "objekt"})
    with pytest.raises(SchemaLoadError, match=r"not a valid JSON Schema at /type"):
        load(path)


@pytest.mark.parametrize(
    "ref",
    ["https://example.com/schema.json", "http://example.com/s.json#/x", "other.json"],
)
def test_remote_refs_are_refused_without_fetching(tmp_path: Path, ref: str) -> None:
    path = write_schema(tmp_path, {"$id": "https://paperlint.invalid/s.json", "$ref": ref})
    with pytest.raises(SchemaLoadError, match="never fetches remote schemas"):
        load(path)


def test_local_refs_are_fine(tmp_path: Path) -> None:
    path = write_schema(tmp_path, {"$defs": {"a": {"type": "object"}}, "$ref": "#/$defs/a"})
    assert load(path).document["$ref"] == "#/$defs/a"


def test_inlined_refs_report_exactly_what_the_schema_as_written_reports() -> None:
    from jsonschema import Draft202012Validator

    from helpers import parse_text

    text = (
        "## 202413\n### Empty\n### LLM\n#### A\n- `Keypoints:` a\n- `Objectve:` b\n"
        "- `Method:`\n- `Method:` c\n-   <details>\n\n    - `Metric:` d\n#### \n"
    )
    instance, _ = parse_text(text).to_json()
    document = builtin().document
    written = Draft202012Validator(document)
    inlined = builtin().validator
    assert inlined.schema is not document

    def summary(validator: Draft202012Validator) -> list[tuple[str, str, str]]:
        return sorted(
            (e.json_path, str(e.validator), e.message) for e in validator.iter_errors(instance)
        )

    assert summary(inlined) == summary(written)
    assert len(summary(written)) == 12


@pytest.mark.parametrize(
    "document",
    [
        {"$defs": {"n": {"items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"},
        {"$dynamicAnchor": "x", "type": "object"},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
    ],
    ids=["recursive", "dynamic", "draft-07"],
)
def test_schemas_that_cannot_be_inlined_are_used_as_written(document: dict) -> None:
    from paperlint.schema import inline_refs

    assert inline_refs(document) is None


# -- the schema rules on real files -------------------------------------------------------


REFERENCE_TEXT = REFERENCE.read_text("utf-8")


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        ("topic/Control.md__2024-09-11__467b2f58be.md", "PL202", [(48, 3), (49, 3), (53, 7)]),
        ("monthly-h3/PaperList_202407.md__2024-07-27__020a52ead3.md", "PL203", [(12, 3)]),
        (
            "topic/VideoGeneration.md__2024-09-12__2404c4acda.md",
            "PL207",
            [(160, 1), (183, 1), (185, 1), (187, 1), (192, 1)],
        ),
        ("topic/MultiView.md__2024-08-29__028bec48f5.md", "PL201", [(15, 1)]),
    ],
)
def test_schema_rules_on_corpus_files(path: str, code: str, expected: list) -> None:
    assert positions((CORPUS / path).read_text("utf-8"), code) == expected


@pytest.mark.parametrize(
    ("old", "new", "code", "expected"),
    [
        ("## 202404\n", "## 2024-4\n", "PL102", [(7, 1)]),
        ("### Diffusion\n", "### Empty\n### Diffusion\n", "PL105", [(37, 1)]),
        (
            "- `Objective:`The paper aims",
            "- `Objective:` x\n- `Objective:`The paper aims",
            "PL204",
            [(13, 3)],
        ),
        (
            "#### TriForce: Lossless Acceleration of Long Sequence Generation with "
            "Hierarchical Speculative Decoding\n",
            "####\n",
            "PL206",
            [(23, 1)],
        ),
    ],
    ids=["month", "empty-category", "duplicate-field", "empty-title"],
)
def test_schema_rules_on_the_reference_file_with_one_defect_added(
    old: str, new: str, code: str, expected: list
) -> None:
    assert positions(REFERENCE_TEXT, code) == []
    text = REFERENCE_TEXT.replace(old, new, 1)
    assert text != REFERENCE_TEXT
    assert positions(text, code) == expected


# -- proving a document valid without jsonschema ------------------------------------------

BOUNDED = hypothesis_settings(
    max_examples=min(60, hypothesis_settings.default.max_examples), deadline=None
)


def _jsonschema_accepts(document: dict, instance: object) -> bool:
    from jsonschema import Draft202012Validator

    return not list(Draft202012Validator(document).iter_errors(instance))


def _proves(document: dict, instance: object) -> bool:
    inlined = inline_refs(document)
    assert inlined is not None
    accepts = proof(inlined)
    assert accepts is not None
    return accepts(instance)


# The built-in schema, and the same overlaid by a configuration's fields.
BOTH_SCHEMAS = pytest.mark.parametrize(
    "settings",
    [Settings(), Settings(required=(), known=("Venue",))],
    ids=["built-in", "overlaid"],
)


@BOTH_SCHEMAS
@BOUNDED
@given(text=mutated_corpus())
def test_the_proof_agrees_with_jsonschema_on_paper_lists(settings: Settings, text: str) -> None:
    # For the built-in schema the proof is exact: it says valid when jsonschema finds nothing.
    from helpers import checker

    document = checker(settings).schema.document
    instance, _ = checker(settings).parse(decode(text.encode("utf-8"), "t.md")).to_json()
    assert _proves(document, instance) == _jsonschema_accepts(document, instance)


def test_the_proof_agrees_with_jsonschema_on_every_corpus_file() -> None:
    from helpers import CORPUS_FILES, parse_text

    document = builtin().document
    verdicts = []
    for path in CORPUS_FILES:
        instance, _ = parse_text(path.read_text("utf-8")).to_json()
        verdicts.append(_proves(document, instance))
        assert verdicts[-1] == _jsonschema_accepts(document, instance), path.name
    assert True in verdicts and False in verdicts


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-3, 3) | st.text("ab", max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("ab", max_size=2), inner),
    max_leaves=8,
)
KEYWORD_SCHEMAS = [
    {"type": "integer"},
    {"type": ["number", "null"]},
    {"type": "boolean"},
    {"const": True},
    {"const": 1},
    {"enum": [0, "a", None, [1]]},
    {"uniqueItems": True},
    {"items": {"type": "string", "minLength": 1, "maxLength": 2}, "minItems": 1, "maxItems": 3},
    {"pattern": "^a"},
    {"required": ["a"], "minProperties": 1, "maxProperties": 2},
    {"properties": {"a": {"type": "string"}}, "additionalProperties": False},
    {"properties": {"a": False}, "additionalProperties": {"type": "array"}},
    {"anyOf": [{"type": "string"}, {"items": {"const": False}}]},
    {"allOf": [{"type": "object"}, {"required": ["b"]}]},
]


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=lambda s: ",".join(s))
@BOUNDED
@given(value=JSON_VALUES)
def test_what_the_proof_accepts_jsonschema_accepts(schema: dict, value: object) -> None:
    # Sound for every keyword it knows: True is never wrong (False may be; jsonschema decides).
    if _proves(schema, value):
        assert _jsonschema_accepts(schema, value)


@pytest.mark.parametrize(
    ("schema", "value", "proved"),
    [
        ({"type": "integer"}, 2, True),
        ({"type": "integer"}, True, False),
        ({"const": 1}, True, False),
        ({"const": True}, True, True),
        ({"uniqueItems": True}, ["a", "b"], True),
        ({"uniqueItems": True}, [1, True], False),  # unique for jsonschema, not proved here
        ({"properties": {"a": {"minLength": 2}}}, {"a": "x", "b": ""}, False),
        ({"properties": {"a": {"minLength": 2}}}, {"a": "xy", "b": ""}, True),
        ({"required": ["a"]}, ["a"], True),  # keywords apply to their own type only
    ],
)
def test_the_proof_on_single_keywords(schema: dict, value: object, proved: bool) -> None:
    assert _proves(schema, value) is proved


@pytest.mark.parametrize(
    "schema",
    [
        {"oneOf": [{"type": "string"}]},
        {"not": {"type": "string"}},
        {"patternProperties": {"^a": {}}},
        {"format": "date"},
        {"prefixItems": [{}]},
        {"properties": {"a": {"if": {}, "then": {}}}},
        {"minimum": 1},
    ],
    ids=lambda s: ",".join(s),
)
def test_the_proof_leaves_other_keywords_to_jsonschema(schema: dict) -> None:
    assert proof(schema) is None


def test_a_valid_list_is_checked_without_jsonschema_or_a_renderer(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(HEAD + "#### A Paper\n- `Keypoints:` a\n- `Objective:` b\n", "utf-8")
    code = (
        "import sys\n"
        "from paperlint.cli import cli\n"
        f"try:\n    cli(['check', {str(path)!r}], prog_name='paperlint')\n"
        "except SystemExit as exit:\n    print(exit.code)\n"
        "print(sorted(m for m in ('jsonschema', 'html5lib', 'cmarkgfm') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-2:] == ["0", "[]"], result.stdout


@BOTH_SCHEMAS
@BOUNDED
@given(text=mutated_corpus())
def test_validating_the_unproved_entries_alone_finds_what_jsonschema_finds(
    settings: Settings, text: str
) -> None:
    # In the order the checker sorts problems (stably, by line, column and code).
    from helpers import checker
    from paperlint.schema import _located_errors

    schema = checker(settings).schema
    instance, smap = checker(settings).parse(decode(text.encode("utf-8"), "t.md")).to_json()
    whole = list(_located_errors(schema.validator.iter_errors(instance), smap))

    def order(errors: list) -> list:
        return sorted(errors, key=lambda e: (e.line, e.column, e.code))

    assert order(schema.validate(instance, smap)) == order(whole)
