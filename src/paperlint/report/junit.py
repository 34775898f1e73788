"""``--format junit``: JUnit XML for CI test reports — one testsuite, one testcase per file
(passing when the file is clean), one ``<failure>`` per problem."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from paperlint.checker import FileResult
from paperlint.report import ReportOptions

# Characters XML 1.0 cannot carry even escaped; a message quoting pasted text may hold them.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("\ufffd", text)


def render(results: list[FileResult], options: ReportOptions) -> str:
    ordered = sorted(results, key=lambda r: r.path)
    failing = sum(1 for r in ordered if r.problems)
    counts = {"tests": str(len(ordered)), "failures": str(failing), "errors": "0"}
    root = ET.Element("testsuites", {"name": "paperlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "paperlint", **counts, "skipped": "0"})
    for file_result in ordered:
        case = ET.SubElement(
            suite, "testcase", {"name": _clean(file_result.path), "classname": "paperlint"}
        )
        for p in sorted(file_result.problems, key=lambda p: p.sort_key()):
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "type": p.code,
                    "message": _clean(f"{p.line}:{p.column}: {p.code} [{p.name}] {p.message}"),
                },
            )
            failure.text = _clean(
                f"{p.path}:{p.line}:{p.column}: {p.code} [{p.name}] {p.severity.value}: {p.message}"
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
