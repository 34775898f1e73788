"""Wiring one run: read each file, parse it once, validate it, run the rules, filter.

Nothing here prints or exits: the CLI turns results into output and an exit code.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from paperlint import rules, schema
from paperlint.files import STDIN, excluded
from paperlint.model import Document
from paperlint.parse import ParseOptions, Revision, Vocabulary, parse
from paperlint.parse.dates import MonthFormats
from paperlint.problem import FixAvailability, Problem, Severity, Violation
from paperlint.result import UNREADABLE, FileResult, InternalError
from paperlint.rules.base import Context, FileSummary, Rule
from paperlint.settings import ListSettings, Settings
from paperlint.source import InputError, Source, decode, read_source, read_stream
from paperlint.suppress import UNUSED, Suppressions, scan

# The rules that only make sense in a paper list: its sections and layout (PL102-PL106),
# fields (PL2) and labels (PL4). A file in which no entry is found is ordinary Markdown (a
# README, notes): it gets neither these nor the schema, only the rules any Markdown file can
# break (heading levels and broken headings, details, links, whitespace).
LIST_ONLY_PREFIXES = ("PL102", "PL103", "PL104", "PL105", "PL106", "PL2", "PL4")


def _list_options(base: ParseOptions, item: ListSettings) -> ParseOptions:
    return replace(
        base,
        layout=item.layout if item.layout is not None else base.layout,
        infer=item.layout_auto if item.layout is not None else base.infer,
        entry_kind=item.entry_kind or base.entry_kind,
        months=MonthFormats(item.month_headings) if item.month_headings else base.months,
    )


class Checker:
    """Holds what is built once per run: schema, validator, vocabulary, rule selection.

    ``rules`` are the rules to run (default: the registry's); select and ignore still apply.
    """

    def __init__(
        self, settings: Settings | None = None, rules: Iterable[Rule] | None = None
    ) -> None:
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
        self._ignored_literal = set(self.settings.ignore)
        # The rules given (None: the registry's), for worker processes to build the same.
        self.given_rules = tuple(rules) if rules is not None else None
        self.enabled, chosen = self._select(self.given_rules)
        self.rules = [r for r in chosen if r.check is not None]
        # The rules that look across files: summaries per file, then ``finish`` per run.
        self.cross_file = [r for r in chosen if r.summarize is not None or r.finish is not None]
        # Set by a caller that checks new versions of the same documents over and over (the
        # language server): keep per-entry schema results between checks.
        self.incremental = False

    def _select(self, given: Iterable[Rule] | None) -> tuple[set[str], list[Rule]]:
        """The enabled codes and the enabled rules. A rule the registry does not know (a
        test's) runs unless its code is ignored by name, as unknown codes are reported."""
        enabled = rules.enabled(
            self.settings.select, self.settings.ignore, self.settings.extend_select
        )
        if given is None:
            return enabled, [r for r in rules.all_rules() if r.code in enabled]
        known = rules.registered_codes()
        chosen = [
            r
            for r in given
            if r.code in enabled or (r.code not in known and r.code not in self._ignored_literal)
        ]
        return enabled | {r.code for r in chosen}, chosen

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
            summaries = self.summarize(document)
        except Exception as error:  # reported as an internal error by the CLI
            raise InternalError(document.path, error) from error
        return FileResult(
            document.path,
            problems,
            document.source,
            document,
            suppressions,
            summaries,
            entries=len(document.entries()),
        )

    def summarize(self, document: Document) -> dict[str, Any]:
        """What each cross-file rule keeps of one document for its ``finish``, by code."""
        summaries: dict[str, Any] = {}
        for rule in self.cross_file:
            if rule.summarize is None or not self.applies(rule, document):
                continue
            summary = self.summary(rule, document)
            if summary is not None:
                summaries[rule.code] = summary
        return summaries

    def summary(self, rule: Rule, document: Document) -> Any:
        """What ``rule`` keeps of ``document`` (the language server reuses earlier ones)."""
        assert rule.summarize is not None
        return rule.summarize(Context(document, self.options_for(rule), self.settings))

    def summary_parts(self, summaries: dict[str, Any]) -> dict[str, Any]:
        """The summaries split by what they can match on (the rules' ``keys``), as
        ``"CODE key"`` -> part; a rule without ``keys`` keeps its summary whole, under its code."""
        parts: dict[str, Any] = {}
        for rule in self.cross_file:
            if rule.code not in summaries:
                continue
            summary = summaries[rule.code]
            if rule.keys is None:
                parts[rule.code] = summary
                continue
            for key, part in rule.keys(summary).items():
                parts[f"{rule.code} {key}"] = part
        return parts

    def applies(self, rule: Rule, document: Document) -> bool:
        """Whether ``rule`` reads this document: the list-only rules skip ordinary Markdown."""
        return document.is_paper_list or not rule.code.startswith(LIST_ONLY_PREFIXES)

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
            if not self.applies(rule, document):
                continue
            for violation in self.violations(rule, document):
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
        return sorted((ended(p, document.source) for p in kept), key=Problem.sort_key)

    def violations(self, rule: Rule, document: Document) -> Iterable[Violation]:
        """What ``rule`` finds in ``document`` (the language server reuses earlier findings)."""
        assert rule.check is not None
        return rule.check(Context(document, self.options_for(rule), self.settings))

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
        known = problem.code in rules.registered()  # no set built per problem
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
        """Add the problems only a view of all files can find: each cross-file rule's
        ``finish`` over the summaries of the files, in run order. Selection, per-file
        ignores and suppression comments apply to them as to any problem."""
        by_path = {result.path: result for result in results}
        stale: set[str] = set()
        for rule in self.cross_file:
            if rule.finish is None:
                continue
            files = [
                FileSummary(r.path, r.summaries[rule.code])
                for r in results
                if rule.code in r.summaries
            ]
            for path, violation in rule.finish(files):
                problem = self.stamp_violation(path, rule, violation)
                if path not in by_path or not self.wanted(problem):
                    continue
                result = by_path[path]
                if problem.end_line is None or problem.end_column is None:
                    # The text is gone by now (summaries are all that is kept): a rule that
                    # gives no end gets a point, not a guess.
                    problem = replace(problem, end_line=problem.line, end_column=problem.column)
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


def ended(problem: Problem, source: Source) -> Problem:
    """The problem, with an end where it has none (a schema error): the end of its line's
    content, since the source map places a value by its line."""
    if problem.end_line is not None and problem.end_column is not None:
        return problem
    lines = source.lines
    text = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    end = max(len(text.rstrip()) + 1, problem.column)
    return replace(problem, end_line=problem.line, end_column=end)
