"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning uploads.

The driver lists the rules the results refer to (id, name, descriptions, a help URI and the
rule's documentation as help, default level); each result points at its rule by ``ruleId``
and ``ruleIndex``, at the file by a percent-encoded URI relative to ``%SRCROOT%`` (the
working folder, given in ``originalUriBaseIds``) or by an absolute ``file://`` URI for a file
outside it, and carries ``partialFingerprints`` so that code scanning matches an alert
across runs instead of opening a duplicate. ``invocations`` records the exit status.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from paperlint import __version__, rules
from paperlint.problem import Problem, Severity
from paperlint.report.base import (
    INFORMATION_URI,
    ReportOptions,
    clean,
    file_uri,
    problems_of,
    relative_path,
    rule_uri,
)
from paperlint.result import FileResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "paperlint/v1"


def level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def rule_descriptor(problem: Problem) -> dict[str, Any]:
    try:
        rule = rules.get(problem.code)
    except rules.UnknownRuleError:  # a code that only a user's schema defines
        text = f"{problem.code}: a rule defined by the schema's x-rule annotations"
        return {
            "id": problem.code,
            "name": problem.name,
            "shortDescription": {"text": text},
            "fullDescription": {"text": text},
            "helpUri": INFORMATION_URI + "#the-schema",
            "defaultConfiguration": {"level": level(problem.severity)},
        }
    what = rule.sections().get("What it does", rule.summary)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what},
        "helpUri": rule_uri(rule.code, rule.name),
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": level(rule.severity)},
    }


def _location(path: str) -> dict[str, str]:
    uri = file_uri(path)
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def result(problem: Problem, index: int, occurrence: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": problem.line, "startColumn": problem.column}
    if problem.end_line is not None:
        region["endLine"] = problem.end_line
        if problem.end_column is not None:
            region["endColumn"] = problem.end_column
    return {
        "ruleId": problem.code,
        "ruleIndex": index,
        "level": level(problem.severity),
        "message": {"text": clean(problem.message)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _location(problem.path), "region": region}}
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint(problem, occurrence)},
    }


def fingerprint(problem: Problem, occurrence: int) -> str:
    """Stable while lines move: the file, the rule, the message and which of the identical
    (file, rule, message) results this is — not the line number."""
    key = "\0".join((relative_path(problem.path), problem.code, problem.message, str(occurrence)))
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
    return digest[:32]


def _root_uri() -> str:
    return Path(os.getcwd()).as_uri().rstrip("/") + "/"


def document(results: list[FileResult], options: ReportOptions | None = None) -> dict[str, Any]:
    problems = problems_of(results)
    index: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    for problem in sorted(problems, key=lambda p: p.code):
        if problem.code not in index:
            index[problem.code] = len(descriptors)
            descriptors.append(rule_descriptor(problem))
    seen: Counter[tuple[str, str, str]] = Counter()
    results_out = []
    for problem in problems:
        key = (problem.path, problem.code, problem.message)
        results_out.append(result(problem, index[problem.code], seen[key]))
        seen[key] += 1
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "paperlint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": _root_uri()}},
        "columnKind": "unicodeCodePoints",
        "results": results_out,
    }
    if options is not None and options.exit_code is not None:
        run["invocations"] = [
            {"executionSuccessful": options.exit_code != 2, "exitCode": options.exit_code}
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], options: ReportOptions) -> str:
    return json.dumps(document(results, options), indent=2, ensure_ascii=False) + "\n"
