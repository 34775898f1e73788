"""Wiring one run: read each file, parse it once, validate it, run the rules, filter.

Nothing here prints or exits: the CLI turns results into output and an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from paperlint import rules, schema
from paperlint.files import STDIN, excluded
from paperlint.model import Document
from paperlint.parse import ParseOptions, Vocabulary, parse
from paperlint.problem import Problem, Severity, Violation
from paperlint.rules.base import Context, Rule
from paperlint.settings import Settings
from paperlint.source import InputError, Source, decode, read_source

UNREADABLE = "PL901"


class InternalError(Exception):
    """A bug in paperlint while handling one file; the CLI asks the user to report it."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(f"{path}: {type(error).__name__}: {error}")
        self.path = path
        self.error = error


@dataclass
class FileResult:
    path: str
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = None
    document: Document | None = None

    @property
    def unreadable(self) -> bool:
        return any(p.code == UNREADABLE for p in self.problems)


# Hooks that later stages plug in: cross-file checks over all results of a run, and a
# filter for suppression comments. Each is a plain function so the core stays small.
CrossFileCheck = Callable[[list[FileResult]], Iterable[tuple[str, str, Violation]]]
cross_file_checks: list[CrossFileCheck] = []


class Checker:
    """Holds what is built once per run: schema, validator, vocabulary, rule selection."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.schema = schema.load(self.settings.schema)
        aliases = {**self.schema.aliases, **self.settings.aliases}
        self.vocabulary = Vocabulary(self.schema.labels, aliases)
        self.parse_options = ParseOptions(self.vocabulary, self.settings.layout)
        self.enabled = rules.enabled(
            self.settings.select, self.settings.ignore, self.settings.extend_select
        )
        self.rules = [
            r for r in rules.all_rules() if r.check is not None and r.code in self.enabled
        ]
        self._ignored_literal = set(self.settings.ignore)

    # -- one file ---------------------------------------------------------------------

    def parse(self, source: Source) -> Document:
        return parse(source, self.parse_options)

    def read(self, path: str, display: str | None = None) -> Source:
        if path == STDIN:
            return decode(sys.stdin.buffer.read(), display or "-")
        return read_source(path, display)

    def check_path(self, path: str, display: str | None = None) -> FileResult:
        name = display or path
        try:
            source = self.read(path, display)
        except InputError as error:
            return FileResult(name, [self.unreadable(name, str(error))])
        return self.check_source(source)

    def check_source(self, source: Source) -> FileResult:
        try:
            document = self.parse(source)
            problems = self.problems(document)
        except Exception as error:  # reported as an internal error by the CLI
            raise InternalError(source.path, error) from error
        return FileResult(source.path, problems, source, document)

    def problems(self, document: Document) -> list[Problem]:
        """Every enabled problem of one document, deduplicated and sorted."""
        path = document.path
        found: dict[tuple[str, int, int], Problem] = {}
        instance, smap = document.to_json()
        for error in self.schema.validate(instance, smap):
            self._keep(found, self.stamp(path, error.code, error.line, error.column, error.message))
        for rule in self.rules:
            context = Context(document, self.options_for(rule), self.settings)
            assert rule.check is not None
            for violation in rule.check(context):
                self._keep(found, self.stamp_violation(path, rule, violation))
        problems = [p for p in found.values() if self.wanted(p)]
        return sorted(problems, key=Problem.sort_key)

    @staticmethod
    def _keep(found: dict[tuple[str, int, int], Problem], problem: Problem) -> None:
        """One problem per code and position; the one that carries a fix wins."""
        key = (problem.code, problem.line, problem.column)
        if key not in found or (found[key].fix is None and problem.fix is not None):
            found[key] = problem

    def options_for(self, rule: Rule) -> dict[str, Any]:
        configured = self.settings.rule_options.get(rule.code, {})
        return {name: configured.get(name, option.default) for name, option in rule.options.items()}

    def wanted(self, problem: Problem) -> bool:
        """Selected, not ignored, and not ignored for this file by ``per-file-ignores``."""
        known = problem.code in rules.registered_codes()
        if known and problem.code not in self.enabled:
            return False
        if not known and problem.code in self._ignored_literal:
            return False
        for glob, codes in self.settings.per_file_ignores.items():
            if excluded(problem.path, (glob,)) and problem.code in rules.expand(codes):
                return False
        return True

    # -- stamping -----------------------------------------------------------------------

    def stamp(self, path: str, code: str, line: int, column: int, message: str) -> Problem:
        try:
            rule = rules.get(code)
        except rules.UnknownRuleError:
            # A code that only a user's schema defines: an error under its own name.
            return Problem(path, line, column, code, code.lower(), message, Severity.ERROR)
        return Problem(path, line, column, rule.code, rule.name, message, rule.severity)

    def stamp_violation(self, path: str, rule: Rule, violation: Violation) -> Problem:
        return Problem(
            path,
            violation.line,
            violation.column,
            rule.code,
            rule.name,
            violation.message,
            rule.severity,
            violation.fix,
            violation.end_line,
            violation.end_column,
        )

    def unreadable(self, path: str, reason: str) -> Problem:
        return self.stamp(path, UNREADABLE, 1, 1, reason)

    # -- many files ---------------------------------------------------------------------

    def run(self, paths: list[str], stdin_filename: str | None = None) -> list[FileResult]:
        results = [
            self.check_path(path, stdin_filename if path == STDIN else None) for path in paths
        ]
        return self.finish(results)

    def finish(self, results: list[FileResult]) -> list[FileResult]:
        """Add the problems only a view of all files can find (cross-file duplicates)."""
        by_path = {result.path: result for result in results}
        for check in cross_file_checks:
            for path, code, violation in check(results):
                rule = rules.get(code)
                problem = self.stamp_violation(path, rule, violation)
                if path in by_path and self.wanted(problem):
                    by_path[path].problems.append(problem)
        for result in results:
            result.problems.sort(key=Problem.sort_key)
        return results
