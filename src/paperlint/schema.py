"""Loading the JSON Schema, checking it, and turning its errors into located problems.

The schema is the single statement of what a valid entry is; ``x-rule`` annotations give
its errors rule codes (and ``x-message`` their wording), so a user's own schema can
introduce codes of its own without any Python.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urldefrag, urljoin

from paperlint.model import Json, SourceMap
from paperlint.source import InputError, read_bytes

BUILTIN_NAME = "paperlist.schema.json"
DEFAULT_RULE = "PL206"


class SchemaLoadError(Exception):
    """A schema that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class SchemaError:
    """One schema violation, located and coded, before the core stamps it as a Problem."""

    code: str
    pointer: str
    line: int
    column: int
    message: str


@dataclass
class Schema:
    document: Json
    origin: str  # "built-in" or the file it came from
    # The last ``validate_again``'s jsonschema errors of each entry, by the entry's JSON.
    _entry_errors: dict[str, list[Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # ... and by the entry's JSON object (its id; the object is kept so the id stays its).
    _entry_object_errors: dict[int, tuple[Json, list[Any]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def labels(self) -> frozenset[str]:
        """Known field labels: the properties of ``$defs/fields`` (empty when absent)."""
        fields = self.document.get("$defs", {}).get("fields", {})
        properties = fields.get("properties", {}) if isinstance(fields, dict) else {}
        return frozenset(properties) if isinstance(properties, dict) else frozenset()

    @property
    def aliases(self) -> dict[str, str]:
        """``x-aliases``: alternative spelling → canonical label."""
        aliases = self.document.get("x-aliases", {})
        if not isinstance(aliases, dict):
            return {}
        return {str(k): str(v) for k, v in aliases.items()}

    @functools.cached_property
    def validator(self) -> Any:
        """Built once per schema: compiling a validator costs more than one validation."""
        from jsonschema.validators import validator_for
        from referencing import Registry, Resource

        def refuse(uri: str) -> Resource[Any]:
            raise SchemaLoadError(f"{self.origin}: remote $ref '{uri}' is not allowed")

        cls = validator_for(self.document)
        registry: Registry[Any] = Registry(retrieve=refuse)  # type: ignore[call-arg]
        return cls(inline_refs(self.document) or self.document, registry=registry)

    @functools.cached_property
    def _proof(self) -> Accepts | None:
        inlined = inline_refs(self.document)
        return proof(inlined) if inlined is not None else None

    @functools.cached_property
    def _entry_proof(self) -> Accepts | None:
        split = self._split if self._proof is not None else None
        return proof(split[1].schema) if split is not None else None

    def validate(self, instance: Json, smap: SourceMap) -> list[SchemaError]:
        """Located errors of ``instance``. A document proved valid costs no jsonschema at all;
        otherwise, where the schema allows (``_split``), jsonschema sees only the entries
        not proved valid, which is as if it saw all of them (see ``validate_again``)."""
        if self._proof is not None and self._proof(instance):
            return []
        accepts = self._entry_proof
        if accepts is None:
            return list(_located_errors(self.validator.iter_errors(instance), smap))
        assert self._split is not None
        outline, entry_validator = self._split
        errors = list(_located_errors(outline.iter_errors(instance), smap))
        for mi, month in enumerate(instance["months"]):
            for ci, category in enumerate(month["categories"]):
                for ei, entry in enumerate(category["entries"]):
                    if not accepts(entry):
                        prefix = ("months", mi, "categories", ci, "entries", ei)
                        found = entry_validator.iter_errors(entry)
                        errors += _located_errors(found, smap, prefix)
        return errors

    def validate_again(self, instance: Json, smap: SourceMap) -> list[SchemaError]:
        """``validate``, for a document checked again and again (the language server): each
        entry is validated on its own, and an entry whose JSON is that of an entry of the
        previous call reuses its errors. Falls back to ``validate`` when the schema is not
        entry-local (see ``_split``). The errors are the same, in a possibly different order
        where they lie on different lines."""
        split = self._split
        if split is None:
            return self.validate(instance, smap)
        outline, entry_validator = split
        accepts = self._outline_proof
        errors = []
        if accepts is None or not accepts(instance):
            errors = list(_located_errors(outline.iter_errors(instance), smap))
        previous, previous_objects = self._entry_errors, self._entry_object_errors
        seen: dict[str, list[Any]] = {}
        # An entry's JSON that is the very object of the previous call (the language
        # server reuses unchanged entries' JSON) is known without serializing it.
        seen_objects: dict[int, tuple[Json, list[Any]]] = {}
        for mi, month in enumerate(instance["months"]):
            for ci, category in enumerate(month["categories"]):
                for ei, entry in enumerate(category["entries"]):
                    same = previous_objects.get(id(entry))
                    found: list[Any] | None = same[1] if same and same[0] is entry else None
                    if found is None:
                        key = json.dumps(entry)
                        found = seen.get(key)
                        if found is None:
                            found = previous.get(key)
                            if found is None:
                                found = list(entry_validator.iter_errors(entry))
                            seen[key] = found
                    seen_objects[id(entry)] = (entry, found)
                    if found:
                        prefix = ("months", mi, "categories", ci, "entries", ei)
                        errors += _located_errors(iter(found), smap, prefix)
        self._entry_errors, self._entry_object_errors = seen, seen_objects
        return errors

    @functools.cached_property
    def _outline_proof(self) -> Accepts | None:
        """A fast test that the document but its entries is valid (``proof``), for
        ``validate_again``: it walks the months and categories, not every entry."""
        split = self._split
        return proof(split[0].schema) if split is not None else None

    @functools.cached_property
    def _split(self) -> tuple[Any, Any] | None:
        """(a validator of the document that accepts any entry, a validator of one entry),
        or None when validating the entries apart could change the result.

        Safe when the schema, its ``$ref``s inlined, reaches the entries only along
        ``properties/months/items/properties/categories/items/properties/entries/items``
        and every schema on that path uses only keywords that look at one value at a time
        (type, required, properties, additionalProperties, items, min/max counts,
        annotations): then no keyword compares entries with each other or with the
        document, and an entry's errors are those of the ``items`` subschema alone."""
        from jsonschema.validators import validator_for

        inlined = inline_refs(self.document)
        if inlined is None:
            return None
        outline = copy.deepcopy(inlined)
        node: Any = outline
        entry: Any = None
        for depth, key in enumerate(("months", "categories", "entries")):
            if not _one_value_at_a_time(node):
                return None
            array = node.get("properties", {}).get(key)
            if not _one_value_at_a_time(array) or "items" not in array:
                return None
            if depth < 2:
                node = array["items"]
            else:
                entry = array.pop("items")
        if not isinstance(entry, dict | bool):
            return None
        cls = validator_for(self.document)
        return cls(outline), cls(entry)


def overlay(schema: Schema, required: tuple[str, ...] | None, known: tuple[str, ...]) -> Schema:
    """The schema with the configuration's required and known field labels laid over it.

    A list's conventions are configuration: ``[fields] required`` replaces the labels an
    entry must have (and an empty list lets an entry have none), ``known`` adds labels.
    A user schema gets the same treatment where it has the built-in one's shape.
    """
    if required is None and not known:
        return schema
    document = json.loads(json.dumps(schema.document))
    defs = document.get("$defs", {})
    entry_fields = defs.get("entry", {}).get("properties", {}).get("fields")
    if required is not None and isinstance(entry_fields, dict):
        entry_fields["required"] = list(required)
        if not required:
            entry_fields.pop("minProperties", None)
    properties = defs.get("fields", {}).get("properties")
    if known and isinstance(properties, dict):
        value = {"$ref": "#/$defs/value"} if "value" in defs else {}
        for label in (*known, *(required or ())):
            properties.setdefault(label, value)
    return Schema(document, schema.origin)


def builtin_text() -> str:
    """The shipped schema, as bytes on disk (what ``paperlint schema`` prints)."""
    return resources.files("paperlint").joinpath("data").joinpath(BUILTIN_NAME).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def builtin() -> Schema:
    return Schema(json.loads(builtin_text()), "built-in schema")


def load(path: str | None) -> Schema:
    """The built-in schema, or a user's file checked against its metaschema first."""
    if path is None:
        return builtin()
    try:
        text = read_bytes(path).decode("utf-8")
    except InputError as error:
        raise SchemaLoadError(f"schema {path}: {error}") from None
    except UnicodeDecodeError as error:
        raise SchemaLoadError(f"schema {path}: not UTF-8 ({error.reason})") from None
    deep = f"schema {path}: nested too deeply to check; move subschemas into $defs"
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise SchemaLoadError(f"schema {path}: not valid JSON ({where}: {error.msg})") from None
    except RecursionError:
        raise SchemaLoadError(deep) from None
    if not isinstance(document, dict):
        raise SchemaLoadError(f"schema {path}: must be a JSON object")
    try:
        check(document, path)
    except RecursionError:
        raise SchemaLoadError(deep) from None
    return Schema(document, path)


def check(document: Json, origin: str) -> None:
    """Refuse, naming the place, every fault of a user's schema that validation would meet:
    an unknown metaschema, an invalid schema, a remote or dangling ``$ref``, a ``$ref``
    loop, and ``x-rule``/``x-message`` annotations paperlint cannot use."""
    from jsonschema.exceptions import SchemaError as MetaError
    from jsonschema.validators import validator_for
    from referencing.jsonschema import UnknownDialect, specification_with

    meta = document.get("$schema")
    if meta is not None:
        try:
            specification_with(str(meta))  # the drafts jsonschema validates by
        except UnknownDialect:
            raise SchemaLoadError(
                f"schema {origin}: unknown $schema {json.dumps(meta)} at /$schema; use "
                "https://json-schema.org/draft/2020-12/schema or another published draft"
            ) from None
    try:
        validator_for(document).check_schema(document)
    except MetaError as error:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise SchemaLoadError(
            f"schema {origin}: not a valid JSON Schema at {where}: {error.message}"
        ) from None
    base = str(document.get("$id", ""))
    local = {urldefrag(base)[0]} | set(_ids(document, base))
    for pointer, ref in _refs(document, ""):
        if ref.startswith("#"):
            continue
        target = urldefrag(urljoin(base, ref))[0]
        if target not in local:
            raise SchemaLoadError(
                f"schema {origin}: $ref '{ref}' at {pointer or '/'} points outside the schema; "
                "paperlint never fetches remote schemas"
            )
    # Caught here, a broken reference or annotation is the schema's fault; met while
    # validating a file, it would look like a bug in paperlint.
    targets = _ref_targets(document, origin)
    loop = _ref_loop(document, targets)
    if loop is not None:
        raise SchemaLoadError(
            f"schema {origin}: $ref '{loop[1]}' at {loop[0]} leads back to itself without "
            "checking anything; validation would never end"
        )
    for pointer, node in _schema_nodes(document):
        problem = _annotation_problem(node)
        if problem is not None:
            where, what = problem
            raise SchemaLoadError(
                f"schema {origin}: {where.split('/')[0]} at {pointer}/{where}: {what}"
            )


def _ref_targets(document: Json, origin: str) -> dict[int, Any]:
    """The subschema each ``$ref`` points to, by the id() of the schema holding it, as the
    validator will resolve them (``$id`` scopes, JSON pointers, ``$anchor``s); a
    ``$ref``/``$dynamicRef`` that points to nothing is refused."""
    from referencing import Registry, Resource
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012, specification_with

    def refuse(uri: str) -> Resource[Any]:
        raise LookupError(uri)  # never fetched: remote references were refused above

    specification = specification_with(str(document.get("$schema", "")), default=DRAFT202012)
    root = urldefrag(specification.id_of(document) or "")[0]
    resource = specification.create_resource(document)
    registry: Registry[Any] = Registry(retrieve=refuse)  # type: ignore[call-arg]
    registry = registry.with_resource(root, resource).crawl()
    targets: dict[int, Any] = {}
    todo: list[tuple[Any, str, str]] = [(document, "", root)]
    while todo:
        node, pointer, base = todo.pop()
        if isinstance(node, list):
            todo.extend((v, f"{pointer}/{i}", base) for i, v in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        own = specification.id_of(node)  # "$id", or "id" in draft 4
        if isinstance(own, str):
            base = urldefrag(urljoin(base, own))[0]
        for key in ("$ref", "$dynamicRef"):
            ref = node.get(key)
            if not isinstance(ref, str):
                continue
            try:
                found = registry.resolver(base_uri=base).lookup(ref)
            except (Unresolvable, LookupError):
                raise SchemaLoadError(
                    f"schema {origin}: {key} '{ref}' at {pointer}/{key} points to nothing in "
                    "the schema"
                ) from None
            if key == "$ref":
                targets[id(node)] = found.contents
        todo.extend((v, f"{pointer}/{k}", base) for k, v in node.items())
    return targets


# What an x-message may say: {value}, {key}, {path} and {message}, nothing else (no
# attribute or index access, no conversion or format): the schema is the user's.
PLACEHOLDERS = ("value", "key", "path", "message")
# A rule code as written in x-rule: letters, then digits (PL201, LAB001).
_RULE_CODE_RE = re.compile(r"[A-Z]+[0-9]+")


def _schema_nodes(document: Json) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, object) for every JSON object in the schema. Iterative: no recursion."""
    todo: list[tuple[Any, str]] = [(document, "")]
    while todo:
        node, pointer = todo.pop()
        if isinstance(node, dict):
            yield pointer, node
            todo.extend((v, f"{pointer}/{_pointer([k])[1:]}") for k, v in node.items())
        elif isinstance(node, list):
            todo.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))


def _annotation_problem(node: dict[str, Any]) -> tuple[str, str] | None:
    """(where under ``node``, what is wrong) for an unusable x-rule or x-message, or None."""
    for name in ("x-rule", "x-message"):
        if name not in node:
            continue
        value = node[name]
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for keyword, item in items:
            where = name if keyword is None else f"{name}/{_pointer([keyword])[1:]}"
            problem = _rule_problem(item) if name == "x-rule" else _template_problem(item)
            if problem is not None:
                return where, f"{json.dumps(item)} {problem}"
    return None


def _rule_problem(code: Any) -> str | None:
    if isinstance(code, str) and _RULE_CODE_RE.fullmatch(code):
        return None
    return "is not a rule code (capital letters, then digits, such as LAB001)"


def _template_problem(template: Any) -> str | None:
    if not isinstance(template, str):
        return "is not a string"
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"cannot be read: {error} (write {{{{ and }}}} for literal braces)"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            return f"has the unknown placeholder {shown}; use {allowed}"
    return None


def _render(template: str, **values: object) -> str:
    """An x-message with its placeholders filled in (checked when the schema loaded)."""
    return "".join(
        literal + ("" if name is None else str(values.get(name, "")))
        for literal, name, _, _ in string.Formatter().parse(template)
    )


def _resolve(document: Json, ref: str) -> Any:
    """The node a local JSON-pointer ``$ref`` (``#/a/b``) points to; LookupError if none."""
    node: Any = document
    for raw in ref[2:].split("/") if ref != "#" else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise LookupError(ref)
    return node


# Keywords that apply a subschema to the same instance: a cycle through them and ``$ref``
# never moves into the instance, so validating would recurse until the stack runs out.
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")


def _ref_loop(document: Json, targets: dict[int, Any]) -> tuple[str, str] | None:
    """(pointer, value) of a ``$ref`` on an in-place cycle, or None. Iterative: no recursion.

    ``targets``: what each ``$ref`` points to, by the id() of the schema holding it."""
    pointers: dict[int, str] = {}
    nodes: list[dict[str, Any]] = []
    todo: list[tuple[Any, str]] = [(document, "")]
    while todo:
        node, pointer = todo.pop()
        if isinstance(node, dict):
            pointers[id(node)] = pointer
            nodes.append(node)
            todo.extend((value, f"{pointer}/{key}") for key, value in node.items())
        elif isinstance(node, list):
            todo.extend((value, f"{pointer}/{index}") for index, value in enumerate(node))

    def successors(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        target = targets.get(id(node))
        if isinstance(target, dict):
            yield target
        for key in _IN_PLACE:
            value = node.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield item

    state: dict[int, bool] = {}  # True: on the current path; False: finished
    for start in nodes:
        if id(start) in state:
            continue
        state[id(start)] = True
        path = [(start, successors(start))]
        while path:
            node, pending = path[-1]
            following = next(pending, None)
            if following is None:
                state[id(node)] = False
                path.pop()
            elif state.get(id(following)) is True:
                cycle = [n for n, _ in path]
                cycle = cycle[next(i for i, n in enumerate(cycle) if n is following) :]
                holder = next(n for n in reversed(cycle) if "$ref" in n)
                return f"{pointers[id(holder)]}/$ref", str(holder["$ref"])
            elif id(following) not in state:
                state[id(following)] = True
                path.append((following, successors(following)))
    return None


def _ids(node: Any, base: str) -> Iterator[str]:
    if isinstance(node, dict):
        own = node.get("$id")
        if isinstance(own, str):
            base = urljoin(base, own)
            yield urldefrag(base)[0]
        for value in node.values():
            yield from _ids(value, base)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value, base)


def _refs(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield f"{pointer}/{key}", value
            else:
                yield from _refs(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, f"{pointer}/{index}")


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _locate(pointer: str, smap: SourceMap) -> tuple[int, int]:
    """The source position of the deepest mapped pointer that contains ``pointer``."""
    while pointer not in smap:
        pointer = pointer.rsplit("/", 1)[0] if pointer else ""
        if pointer == "" and "" not in smap:
            return 1, 1
    return smap[pointer]


def _annotation(schema: Any, name: str, keyword: str) -> str | None:
    if not isinstance(schema, dict):
        return None
    value = schema.get(name)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        picked = value.get(keyword)
        return picked if isinstance(picked, str) else None
    return None


_QUOTED_RE = re.compile(r"^'(.*)' is a required property$")


# Keywords of a schema on the path to the entries that look at one value at a time.
_LOCAL_KEYWORDS = frozenset(
    (
        "type",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "title",
        "description",
        "$comment",
        "$schema",
        "$id",
        "$defs",
        "default",
        "examples",
    )
)


def _one_value_at_a_time(node: Any) -> bool:
    return isinstance(node, dict) and all(
        key in _LOCAL_KEYWORDS or key.startswith("x-") for key in node
    )


def _located_errors(
    errors: Iterator[Any], smap: SourceMap, prefix: tuple[str | int, ...] = ()
) -> Iterator[SchemaError]:
    """Coded, located errors; ``prefix`` is where the validated instance sits in the
    document (an entry validated on its own)."""
    from jsonschema.exceptions import best_match

    for error in errors:
        keyword = str(error.validator)
        code = _annotation(error.schema, "x-rule", keyword) or DEFAULT_RULE
        template = _annotation(error.schema, "x-message", keyword)
        path = (*prefix, *error.absolute_path)
        pointer = _pointer(path)
        instance = error.instance
        if keyword == "additionalProperties" and isinstance(instance, dict):
            known = list(error.schema.get("properties", {}))
            patterns = list(error.schema.get("patternProperties", {}))
            for key in instance:
                if key in known or any(re.search(p, key) for p in patterns):
                    continue
                line, column = _locate(f"{pointer}/{_pointer([key])[1:]}", smap)
                yield SchemaError(code, pointer, line, column, _unknown_field(key, known, template))
            continue
        if keyword == "uniqueItems" and isinstance(instance, list):
            seen: set[str] = set()
            for index, item in enumerate(instance):
                key = json.dumps(item, sort_keys=True)
                if key in seen:
                    line, column = _locate(f"{pointer}/{index}", smap)
                    message = (
                        _render(template, value=item, key=item, path=pointer, message=error.message)
                        if template
                        else f"field `{item}` appears more than once; merge the two bullets"
                        if code == "PL204"
                        else f"{error.message} (at {pointer or '/'})"
                    )
                    yield SchemaError(code, pointer, line, column, message)
                seen.add(key)
            continue
        line, column = _locate(pointer, smap)
        key = str(path[-1]) if path else ""
        if keyword == "required" and instance == {} and "minProperties" in error.schema:
            continue  # an empty object is reported once, by its minProperties rule
        if keyword == "required":
            match = _QUOTED_RE.match(error.message)
            missing = match.group(1) if match else error.message
            message = (
                _render(template, value=missing, key=missing, path=pointer, message=error.message)
                if template
                else f"required field `{missing}` is missing; add a '- `{missing}:` …' bullet"
            )
        elif template:
            value = instance if isinstance(instance, str | int | float) else json.dumps(instance)
            message = _render(template, value=value, key=key, path=pointer, message=error.message)
        else:
            detail = best_match([error]) if error.context else error
            message = f"{detail.message} (at {pointer or '/'})"
        yield SchemaError(code, pointer, line, column, message)


def _unknown_field(key: str, known: list[str], template: str | None) -> str:
    if template:
        return _render(template, value=key, key=key, path="", message="")
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown field `{key}`; did you mean `{close[0]}`?"
    return f"unknown field `{key}`; use one of the schema's fields or add it to your schema"


# Keywords whose meaning depends on where a subschema sits or on dynamic scope: a schema
# using any of them is validated as written, without inlining.
_SCOPE_KEYWORDS = frozenset(
    (
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "$anchor",
        "unevaluatedProperties",
        "unevaluatedItems",
    )
)
_MAX_INLINED_NODES = 20_000


def inline_refs(document: Json) -> Json | None:
    """The schema with its local ``$ref``s replaced by the subschemas they point to.

    Resolving a ``$ref`` costs more than checking most keywords, and it happens for every
    entry of every file; inlining makes validation about twice as fast. ``{"$ref": X,
    ...rest}`` means ``{"allOf": [X], ...rest}`` in draft 2020-12, so siblings (and their
    ``x-rule`` annotations) stay where they are. Returns None — validate the schema as
    written — when inlining could change the meaning: remote or recursive references,
    dynamic scope keywords, nested ``$id``s, or a result that would grow too large.
    """
    if document.get("$schema") not in (None, "https://json-schema.org/draft/2020-12/schema"):
        return None
    budget = [_MAX_INLINED_NODES]

    def walk(node: Any, active: tuple[str, ...], top: bool) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise LookupError("too large")
        if isinstance(node, list):
            return [walk(item, active, False) for item in node]
        if not isinstance(node, dict):
            return node
        if _SCOPE_KEYWORDS.intersection(node) or (not top and "$id" in node):
            raise LookupError("scope")
        out = {k: walk(v, active, False) for k, v in node.items() if k not in ("$ref", "$defs")}
        if "$defs" in node:
            out["$defs"] = node["$defs"]  # kept for readers; no longer referenced
        ref = node.get("$ref")
        if ref is None:
            return out
        if not isinstance(ref, str) or not ref.startswith("#") or ref in active:
            raise LookupError(str(ref))
        target = walk(_resolve(document, ref), (*active, ref), False)
        if len(node) == 1:
            return target
        out["allOf"] = [target, *out.get("allOf", [])]
        return out

    try:
        inlined = walk(document, (), True)
    except (LookupError, RecursionError):
        return None
    return inlined if isinstance(inlined, dict) else None


# -- proving an instance valid without jsonschema --------------------------------------------

Accepts = Callable[[Any], bool]

# Keywords that never make an instance invalid.
_ANNOTATIONS = frozenset(
    (
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
    )
)
_TYPES: dict[str, Accepts] = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    # An integral float is an integer too; left to jsonschema rather than proved here.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


def _all(checks: list[Accepts]) -> Accepts:
    if len(checks) == 1:
        return checks[0]

    return lambda value: all(check(value) for check in checks)


def _any(checks: list[Accepts]) -> Accepts:
    return lambda value: any(check(value) for check in checks)


def _when(kind: type, checks: list[Accepts]) -> Accepts:
    """``checks`` for values of ``kind``; other values pass (keywords apply to one type)."""
    inner = _all(checks)
    return lambda value: not isinstance(value, kind) or inner(value)


def _same(expected: Any) -> Accepts:
    """Proves ``const``/``enum`` only for a scalar of the very same type (1 is not true)."""
    if isinstance(expected, list | dict | float):
        return lambda value: False
    return lambda value: type(value) is type(expected) and value == expected


def _object_checks(node: dict[str, Any]) -> list[Accepts] | None:
    checks: list[Accepts] = []
    required = node.get("required")
    if required is not None:
        if not isinstance(required, list):
            return None
        names = tuple(required)
        checks.append(lambda value: all(name in value for name in names))
    checks += _length_checks(node.get("minProperties"), node.get("maxProperties"))
    properties = node.get("properties", {})
    if not isinstance(properties, dict):
        return None
    compiled: dict[str, Accepts] = {}
    for name, subschema in properties.items():
        accepts = proof(subschema)
        if accepts is None:
            return None
        compiled[name] = accepts
    extra = proof(node.get("additionalProperties", True))
    if extra is None:
        return None

    def each_property(value: dict[str, Any]) -> bool:
        return all(compiled.get(key, extra)(item) for key, item in value.items())

    if compiled or "additionalProperties" in node:
        checks.append(each_property)
    return checks


def _length_checks(low: int | None, high: int | None) -> list[Accepts]:
    """``min``/``max`` ``Items``, ``Length`` or ``Properties``: bounds on ``len``."""
    checks: list[Accepts] = []
    if low is not None:
        checks.append(lambda value: len(value) >= low)
    if high is not None:
        checks.append(lambda value: len(value) <= high)
    return checks


def _array_checks(node: dict[str, Any]) -> list[Accepts] | None:
    checks = _length_checks(node.get("minItems"), node.get("maxItems"))
    if node.get("uniqueItems") is True:
        # Proved for strings only: jsonschema's equality tells 1 from true and 1 from 1.0.
        checks.append(
            lambda value: all(isinstance(v, str) for v in value) and len(set(value)) == len(value)
        )
    if "items" in node:
        each = proof(node["items"])
        if each is None:
            return None
        checks.append(lambda value: all(each(item) for item in value))
    return checks


def _string_checks(node: dict[str, Any]) -> list[Accepts] | None:
    checks = _length_checks(node.get("minLength"), node.get("maxLength"))
    if "pattern" in node:
        try:
            search = re.compile(node["pattern"]).search
        except (re.error, TypeError):
            return None
        checks.append(lambda value: search(value) is not None)
    return checks


_OBJECT = ("required", "properties", "additionalProperties", "minProperties", "maxProperties")
_ARRAY = ("items", "minItems", "maxItems", "uniqueItems")
_STRING = ("minLength", "maxLength", "pattern")
_PROVABLE = frozenset(("type", "const", "enum", "anyOf", "allOf", *_OBJECT, *_ARRAY, *_STRING))


def proof(node: Any) -> Accepts | None:
    """A fast test that the schema ``node`` (its ``$ref``s inlined, draft 2020-12) accepts
    a value, or None when ``node`` uses a keyword this does not know.

    True proves that jsonschema reports nothing; False proves nothing, jsonschema then
    finds the errors. Importing jsonschema and walking every entry through it costs more
    than parsing a large list; most lists are valid, and a test is all they need.
    """
    if node is True or node == {}:
        return lambda value: True
    if node is False:
        return lambda value: False
    if not isinstance(node, dict):
        return None
    if any(k not in _PROVABLE and k not in _ANNOTATIONS and not k.startswith("x-") for k in node):
        return None
    checks: list[Accepts] = []
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not all(isinstance(name, str) and name in _TYPES for name in names):
            return None
        kinds = [_TYPES[name] for name in names]
        checks.append(lambda value: any(kind(value) for kind in kinds))
    if "const" in node:
        checks.append(_same(node["const"]))
    if "enum" in node:
        if not isinstance(node["enum"], list):
            return None
        options = [_same(option) for option in node["enum"]]
        checks.append(lambda value: any(option(value) for option in options))
    for keyword in ("anyOf", "allOf"):
        if keyword in node:
            branches = node[keyword]
            if not isinstance(branches, list):
                return None
            proofs = [proof(branch) for branch in branches]
            found = [p for p in proofs if p is not None]
            if len(found) < len(proofs):
                return None
            checks.append(_all(found) if keyword == "allOf" else _any(found))
    for kind, build in ((dict, _object_checks), (list, _array_checks), (str, _string_checks)):
        typed = build(node)
        if typed is None:
            return None
        if typed:
            checks.append(_when(kind, typed))
    return _all(checks) if checks else lambda value: True
