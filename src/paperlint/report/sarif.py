"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning uploads.

The driver lists the rules the results refer to (id, name, descriptions and the rule's
documentation as help, default level); each result points at its rule by ``ruleId`` and
``ruleIndex`` and at the file by a relative URI with forward slashes.
"""

from __future__ import annotations

import json
from typing import Any

from paperlint import __version__, rules
from paperlint.checker import FileResult
from paperlint.problem import Problem, Severity
from paperlint.report import INFORMATION_URI, ReportOptions, problems_of, relative_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def rule_descriptor(problem: Problem) -> dict[str, Any]:
    try:
        rule = rules.get(problem.code)
    except rules.UnknownRuleError:  # a code that only a user's schema defines
        return {
            "id": problem.code,
            "name": problem.name,
            "shortDescription": {"text": f"{problem.code}, defined by the schema"},
            "defaultConfiguration": {"level": level(problem.severity)},
        }
    what = rule.sections().get("What it does", rule.summary)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": level(rule.severity)},
    }


def result(problem: Problem, index: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": problem.line, "startColumn": problem.column}
    if problem.end_line is not None:
        region["endLine"] = problem.end_line
        if problem.end_column is not None:
            region["endColumn"] = problem.end_column
    return {
        "ruleId": problem.code,
        "ruleIndex": index,
        "level": level(problem.severity),
        "message": {"text": problem.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": relative_path(problem.path)},
                    "region": region,
                }
            }
        ],
    }


def document(results: list[FileResult]) -> dict[str, Any]:
    problems = problems_of(results)
    index: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    for problem in sorted(problems, key=lambda p: p.code):
        if problem.code not in index:
            index[problem.code] = len(descriptors)
            descriptors.append(rule_descriptor(problem))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "paperlint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result(p, index[p.code]) for p in problems],
            }
        ],
    }


def render(results: list[FileResult], options: ReportOptions) -> str:
    return json.dumps(document(results), indent=2, ensure_ascii=False) + "\n"
