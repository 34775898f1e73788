"""``--format junit``: JUnit XML for CI test reports — one testsuite, one testcase per file.

A file that fails (an error, or a warning under ``--strict``) has one ``<failure>`` per
failing problem; warnings that do not fail the run go to the test case's ``<system-out>``;
a file that could not be read is an ``<error>`` (counted in ``errors``, not ``failures``).
Each test case names its ``file`` and the ``time`` its check took.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from paperlint.problem import Problem
from paperlint.report.base import ReportOptions, clean, display_path, fails
from paperlint.result import UNREADABLE, FileResult

# Characters XML 1.0 cannot carry even escaped; a message quoting pasted text may hold them,
# and a file name that is not UTF-8 holds surrogates.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("\ufffd", clean(text))


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _describe(p: Problem) -> tuple[str, str]:
    what = f"{p.code} [{p.name}]"
    short = f"{p.line}:{p.column}: {what} {p.message}"
    full = f"{display_path(p.path)}:{p.line}:{p.column}: {what} {p.severity.value}: {p.message}"
    return _clean(short), _clean(full)


def render(results: list[FileResult], options: ReportOptions) -> str:
    ordered = sorted(results, key=lambda r: r.path)
    errors = sum(1 for r in ordered if r.unreadable)
    failing = sum(
        1 for r in ordered if not r.unreadable and any(fails(p, options) for p in r.problems)
    )
    counts = {
        "tests": str(len(ordered)),
        "failures": str(failing),
        "errors": str(errors),
        "time": _seconds(options.seconds),
    }
    root = ET.Element("testsuites", {"name": "paperlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "paperlint", **counts, "skipped": "0"})
    for file_result in ordered:
        path = _clean(display_path(file_result.path))
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "name": path,
                "classname": "paperlint",
                "file": path,
                "time": _seconds(file_result.seconds),
            },
        )
        passing: list[str] = []
        for p in sorted(file_result.problems, key=lambda p: p.sort_key()):
            message, text = _describe(p)
            if p.code == UNREADABLE:
                kind = "error"
            elif fails(p, options):
                kind = "failure"
            else:
                passing.append(text)
                continue
            element = ET.SubElement(case, kind, {"type": p.code, "message": message})
            element.text = text
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(passing)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
