"""Wiring one run: read each file, parse it once, validate it, run the rules, filter.

Nothing here prints or exits: the CLI turns results into output and an exit code.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from paperlint import rules, schema
from paperlint.files import STDIN, excluded
from paperlint.model import Document
from paperlint.parse import ParseOptions, Revision, Vocabulary, parse
from paperlint.parse.dates import MonthFormats
from paperlint.problem import FixAvailability, Problem, Severity, Violation
from paperlint.result import UNREADABLE, FileResult, InternalError
from paperlint.rules.base import Context, Rule
from paperlint.rules.links import cross_file_duplicates, paper_index
from paperlint.settings import ListSettings, Settings
from paperlint.source import InputError, Source, decode, read_source, read_stream
from paperlint.suppress import UNUSED, Suppressions, scan

# The rules that only make sense in a paper list: its sections and layout (PL102-PL106),
# fields (PL2) and labels (PL4). A file in which no entry is found is ordinary Markdown (a
# README, notes): it gets neither these nor the schema, only the rules any Markdown file can
# break (heading levels and broken headings, details, links, whitespace).
LIST_ONLY_PREFIXES = ("PL102", "PL103", "PL104", "PL105", "PL106", "PL2", "PL4")


# Checks that need every file of a run (PL508's duplicates across files): plain functions
# over the compact results, so they work the same when workers checked the files.
CrossFileCheck = Callable[[list[FileResult]], Iterable[tuple[str, str, Violation]]]
cross_file_checks: list[CrossFileCheck] = [cross_file_duplicates]


def _list_options(base: ParseOptions, item: ListSettings) -> ParseOptions:
    return replace(
        base,
        layout=item.layout if item.layout is not None else base.layout,
        infer=item.layout_auto if item.layout is not None else base.infer,
        entry_kind=item.entry_kind or base.entry_kind,
        months=MonthFormats(item.month_headings) if item.month_headings else base.months,
    )


class Checker:
    """Holds what is built once per run: schema, validator, vocabulary, rule selection."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.schema = schema.overlay(
            schema.load(self.settings.schema), self.settings.required, self.settings.known
        )
        aliases = {**self.schema.aliases, **self.settings.aliases}
        self.vocabulary = Vocabulary(self.schema.labels, aliases)
        self.parse_options = ParseOptions(
            self.vocabulary,
            self.settings.layout,
            self.settings.layout_auto,
            self.settings.entry_kind,
            MonthFormats(self.settings.month_headings),
        )
        self._list_options = [
            (item, _list_options(self.parse_options, item)) for item in self.settings.lists
        ]
        self.enabled = rules.enabled(
            self.settings.select, self.settings.ignore, self.settings.extend_select
        )
        self.rules = [
            r for r in rules.all_rules() if r.check is not None and r.code in self.enabled
        ]
        self._ignored_literal = set(self.settings.ignore)
        # Set by a caller that checks new versions of the same documents over and over (the
        # language server): keep per-entry schema results between checks.
        self.incremental = False
        # PL508 with scope "file" compares each file only with itself.
        self._duplicates_across_files = (
            "PL508" in self.enabled
            and self.settings.rule_options.get("PL508", {}).get("scope", "run") == "run"
        )

    # -- one file ---------------------------------------------------------------------

    def parse(self, source: Source, since: Revision | None = None) -> Document:
        return parse(source, self.options_for_path(source.path), since)

    def options_for_path(self, path: str) -> ParseOptions:
        """The parse options of the first ``[[lists]]`` table whose globs match ``path``."""
        for item, options in self._list_options:
            if excluded(path, item.include):
                return options
        return self.parse_options

    def read(self, path: str, display: str | None = None) -> Source:
        if path == STDIN:
            return decode(read_stream(sys.stdin.buffer), display or "-")
        return read_source(path, display)

    def check_path(self, path: str, display: str | None = None) -> FileResult:
        name = display or path
        started = time.perf_counter()
        try:
            source = self.read(path, display)
        except InputError as error:
            result = FileResult(name, [self.unreadable(name, str(error))])
        else:
            result = self.check_source(source)
        result.seconds = time.perf_counter() - started
        return result

    def check_source(
        self, source: Source, *, fixes_only: bool = False, since: Revision | None = None
    ) -> FileResult:
        """Parse and check one file. ``fixes_only`` (the fix engine's first look at a file)
        skips what cannot offer a fix yet: the schema and the rules without fixes, whose
        problems carry none, and PL902, which can only tell an unused comment once every
        problem is known.
        ``since`` (the fix engine's re-check) names the document this text is an edit of."""
        try:
            return self.check_document(self.parse(source, since), fixes_only=fixes_only)
        except InternalError:
            raise
        except Exception as error:  # reported as an internal error by the CLI
            raise InternalError(source.path, error) from error

    def check_document(self, document: Document, *, fixes_only: bool = False) -> FileResult:
        """Check a parsed document (see ``check_source``)."""
        try:
            suppressions = scan(document)
            problems = self.problems(document, suppressions, fixes_only=fixes_only)
            papers = paper_index(document) if self._duplicates_across_files else []
        except Exception as error:  # reported as an internal error by the CLI
            raise InternalError(document.path, error) from error
        return FileResult(
            document.path,
            problems,
            document.source,
            document,
            suppressions,
            papers,
            entries=len(document.entries()),
        )

    def problems(
        self,
        document: Document,
        suppressions: Suppressions | None = None,
        *,
        fixes_only: bool = False,
    ) -> list[Problem]:
        """Every enabled problem of one document, sorted.

        A rule and the schema may report the same thing (PL301, PL302): at the same code
        and position the rule's problem replaces the schema's, since it carries the fix.
        """
        path = document.path
        problems: list[Problem] = []
        paper_list = document.is_paper_list
        if not fixes_only and paper_list:
            instance, smap = document.to_json()
            validate = self.schema.validate_again if self.incremental else self.schema.validate
            problems = [
                self.stamp(path, error.code, error.line, error.column, error.message)
                for error in validate(instance, smap)
            ]
        from_schema = {(p.code, p.line, p.column): index for index, p in enumerate(problems)}
        for rule in self.rules:
            if fixes_only and rule.fix_availability is FixAvailability.NEVER:
                continue
            if not paper_list and rule.code.startswith(LIST_ONLY_PREFIXES):
                continue
            context = Context(document, self.options_for(rule), self.settings)
            assert rule.check is not None
            for violation in rule.check(context):
                problem = self.stamp_violation(path, rule, violation)
                index = from_schema.pop((problem.code, problem.line, problem.column), None)
                if index is None:
                    problems.append(problem)
                else:
                    problems[index] = problem
        suppressions = suppressions if suppressions is not None else scan(document)
        kept = suppressions.filter(p for p in problems if self.wanted(p))
        if not fixes_only:
            kept += self.unused_suppressions(document.source, suppressions)
        return sorted(kept, key=Problem.sort_key)

    def unused_suppressions(self, source: Source, suppressions: Suppressions) -> list[Problem]:
        """PL902 for the suppression comments of one file that silenced nothing."""
        if UNUSED not in self.enabled or not suppressions.directives:
            return []
        rule = rules.get(UNUSED)
        found = (
            self.stamp_violation(source.path, rule, v)
            for v in suppressions.unused(self.enabled, source)
        )
        return [p for p in found if self.wanted(p)]

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
        if not self.settings.per_file_ignores:
            return True
        relative = self.settings.relative(problem.path)
        for glob, codes in self.settings.per_file_ignores.items():
            if excluded(relative, (glob,)) and problem.code in rules.expand(codes):
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

    def run(
        self, paths: list[str], stdin_filename: str | None = None, jobs: int = 1
    ) -> list[FileResult]:
        """Check every path (in ``jobs`` worker processes when > 1), then ``finish``."""
        if jobs > 1 and len(paths) > 1:
            from paperlint.parallel import check_paths

            return self.finish(check_paths(self, paths, jobs, stdin_filename))
        results = [
            self.check_path(path, stdin_filename if path == STDIN else None).compact()
            for path in paths
        ]
        return self.finish(results)

    def finish(self, results: list[FileResult]) -> list[FileResult]:
        """Add the problems only a view of all files can find (cross-file duplicates)."""
        by_path = {result.path: result for result in results}
        stale: set[str] = set()
        for check in cross_file_checks:
            for path, code, violation in check(results):
                rule = rules.get(code)
                problem = self.stamp_violation(path, rule, violation)
                if path not in by_path or not self.wanted(problem):
                    continue
                result = by_path[path]
                if result.suppressions is not None and result.suppressions.suppress(
                    problem.code, problem.line
                ):
                    stale.add(path)
                    continue
                result.problems.append(problem)
        for path in stale:  # a comment used only by a cross-file problem is used after all
            result = by_path[path]
            assert result.suppressions is not None and result.source is not None
            result.problems = [p for p in result.problems if p.code != UNUSED]
            result.problems += self.unused_suppressions(result.source, result.suppressions)
        for result in results:
            result.problems.sort(key=Problem.sort_key)
        return results
