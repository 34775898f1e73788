"""Fixing files: the passes over one file's text, and ``paperlint fix`` over many files.

A pass collects the fixes of all of a file's problems (safe ones; unsafe ones too with
``--unsafe-fixes``) in problem order and applies every one that does not overlap an earlier
one; a fix's edits go in all together or not at all. The text is then parsed again, once,
for the guards and the remaining problems: most files are done after that one pass. Only a
fix that waited (it overlapped another) or that a fix enabled (a ``<details>`` body starts
rendering, and its labels' problems appear) takes another pass, until nothing applicable
remains or ``MAX_PASSES`` is hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from paperlint.checker import Checker
from paperlint.fix.apply import apply_fixes
from paperlint.fix.guard import lost_content
from paperlint.fix.rendering import breaks_rendering
from paperlint.parse import Revision
from paperlint.problem import Change, Problem, applicable
from paperlint.result import FileResult, InternalError
from paperlint.source import Source

# Each pass re-parses what it edited; real files settle in one or two. Hitting the bound
# means two fixes undo each other, which is a bug worth reporting, not a reason to hang.
MAX_PASSES = 10


@dataclass(frozen=True)
class Applied:
    """One fix that was applied, for ``--show-fixes``; line/column in the original text."""

    code: str
    name: str
    line: int
    column: int
    description: str
    changes: frozenset[Change]
    safe: bool
    reason: str = ""


@dataclass
class FixOutcome:
    """What fixing one file produced; ``result`` holds the problems that remain."""

    original: Source
    fixed: Source
    initial: FileResult  # the problems before any fix (what stays when nothing is written)
    result: FileResult
    applied: list[Applied] = field(default_factory=list)
    passes: int = 0
    exhausted: bool = False  # MAX_PASSES reached with fixes still applicable
    marked: bool = False  # a fix without edits (line endings) asked for a rewrite
    lost: str | None = None  # unified diff of the JSON documents when the guard refused
    # Fixes not applied because GitHub would show the file differently ("PL306 fix at 71
    # not applied: it would turn lines 71–73 into a code block").
    withheld: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether writing the fixed text would change the file."""
        return not self.refused and (self.fixed.text != self.original.text or self.marked)

    @property
    def refused(self) -> bool:
        """Nothing may be written: content would be lost, or a fix never settled (a fix
        that re-applies every pass would leave its edit ``MAX_PASSES`` times)."""
        return self.lost is not None or self.exhausted

    def output(self) -> bytes:
        """The bytes to write: the file's own line endings (majority) and BOM."""
        return self.fixed.encode()


# -- suppressions -------------------------------------------------------------------------


def _touches_suppressed(problem: Problem, source: Source, result: FileResult) -> bool:
    """Whether an edit of this problem's fix lies on a line suppressed for its code.

    The problem itself is not suppressed (the checker dropped those), but its fix may
    reach into a suppressed region: a blank-line run ending inside one, say.
    """
    suppressions = result.suppressions
    if suppressions is None or not suppressions.directives or problem.fix is None:
        return False
    for edit in problem.fix.edits:
        first = source.position(edit.start)[0]
        last = source.position(max(edit.start, edit.end - 1))[0]
        if any(suppressions.covers(problem.code, line) for line in range(first, last + 1)):
            return True
    return False


# -- the passes ---------------------------------------------------------------------------


def _key(problem: Problem, source: Source) -> tuple[str, str, str]:
    """A fix's identity across passes (its offsets move): rule, line text, what it does."""
    line = source.lines[problem.line - 1] if 0 < problem.line <= len(source.lines) else ""
    description = problem.fix.description if problem.fix is not None else ""
    return problem.code, line, description or problem.message


def fix_source(
    checker: Checker, source: Source, *, unsafe: bool = False, max_passes: int = MAX_PASSES
) -> FixOutcome:
    """Fix one file's text; never touches the disk.

    The first look at the file skips the schema (its problems carry no fixes; a tenth of
    the time of ``fix`` on a large list): the result is completed, without parsing again,
    when no fix is left to apply or the file is refused.
    """
    result = checker.check_source(source, fixes_only=True)
    complete = False
    before = result.document
    outcome = FixOutcome(source, source, result, result)
    current = source
    history: list[list[tuple[int, int, int]]] = []  # each pass's edits, for original positions
    refused: set[tuple[str, str, str]] = set()  # fixes withheld: never offered again
    while True:
        candidates = [
            p
            for p in result.problems
            if applicable(p.fix, unsafe)
            and not _touches_suppressed(p, current, result)
            and _key(p, current) not in refused
        ]
        if not candidates and not complete and result.document is not None:
            result = checker.check_document(result.document)
            complete = True
            if outcome.passes == 0:
                outcome.initial = result
            continue
        if not candidates:
            break
        if outcome.passes == max_passes:
            outcome.exhausted = True
            break
        outcome.passes += 1
        candidates = [p for p in candidates if _key(p, current) not in refused]
        fixes = [p.fix for p in candidates if p.fix is not None]
        text, chosen = apply_fixes(current.text, fixes)
        while chosen and (broken := breaks_rendering(current, candidates, chosen, text)):
            for index, reason in broken.items():
                problem = candidates[index]
                refused.add(_key(problem, current))
                offset = _original_offset(current.offset(problem.line, problem.column), history)
                line = source.position(offset)[0]  # named as in the file the user has
                outcome.withheld.append(
                    f"{problem.code} fix at {line} not applied: it would {reason}"
                )
            candidates = [p for i, p in enumerate(candidates) if i not in broken]
            fixes = [p.fix for p in candidates if p.fix is not None]
            text, chosen = apply_fixes(current.text, fixes)
        marked = any(not fixes[i].edits for i in chosen)
        if not chosen or (text == current.text and not (marked and current.odd_newlines)):
            break
        outcome.marked = outcome.marked or marked
        for i in chosen:
            problem = candidates[i]
            fix = fixes[i]
            offset = _original_offset(current.offset(problem.line, problem.column), history)
            line, column = source.position(offset)
            outcome.applied.append(
                Applied(
                    problem.code,
                    problem.name,
                    line,
                    column,
                    fix.description or problem.message,
                    fix.changes,
                    fix.safe,
                    fix.reason,
                )
            )
        # The file is written in its majority line ending, so the new text has no odd
        # newlines (PL605 is fixed by writing at all).
        previous = result.document
        current = Source(current.path, text, current.newline, current.bom)
        since = None
        edited = {e for i in chosen for e in fixes[i].edits}  # a shared edit once
        spans = sorted((e.start, e.end, len(e.replacement)) for e in edited)
        history.append(spans)
        if previous is not None:
            since = Revision(previous, spans)
        result = checker.check_source(current, since=since)
        complete = True
    if not complete and result.document is not None:  # the loop ended before a re-check
        result = checker.check_document(result.document)
    outcome.fixed = current
    outcome.result = result
    if outcome.applied and before is not None and result.document is not None:
        changes = frozenset().union(*(a.changes for a in outcome.applied))
        outcome.lost = lost_content(before, result.document, changes)
    # The file stays as it was: report all of its problems, the schema's included (the
    # first look, kept as `initial`, skipped the schema).
    initial_is_first_look = outcome.initial.document is before and outcome.passes > 0
    if outcome.refused and before is not None and initial_is_first_look:
        outcome.initial = checker.check_document(before)
    return outcome


def _original_offset(offset: int, history: list[list[tuple[int, int, int]]]) -> int:
    """Where an offset of the text after these passes was before all of them (an offset
    inside a replacement maps to the start of the text it replaced)."""
    for spans in reversed(history):
        delta = 0
        for start, end, length in spans:
            if offset < start + delta:
                break
            if offset < start + delta + length:
                offset = start + delta
                break
            delta += length - (end - start)
        offset -= delta
    return offset


# -- one run over many files ----------------------------------------------------------------


class FixRun:
    """``paperlint fix`` over a list of files: fix, write, and collect what to report.

    Nothing here prints: ``errors``, ``stdout`` (the fixed text of ``-``) and the
    ``*_text`` methods are for the CLI to show.
    """

    def __init__(
        self,
        checker: Checker,
        *,
        unsafe: bool = False,
        diff: bool = False,
        stdin_filename: str | None = None,
    ) -> None:
        self.checker = checker
        self.unsafe = unsafe
        self.diff = diff
        self.stdin_filename = stdin_filename
        self.results: list[FileResult] = []
        self.fixed: list[tuple[str, list[Applied]]] = []
        self.diffs: list[tuple[str, FixOutcome]] = []  # with --diff: what would change
        self.errors: list[str] = []
        self.failed = False
        self.stdout: bytes | None = None

    def run(self, paths: Sequence[str]) -> None:
        if not self.diff:  # what a killed earlier run left beside these files
            from paperlint.files import STDIN
            from paperlint.write import remove_stale_temporaries

            remove_stale_temporaries(p for p in paths if p != STDIN)
        for path in paths:
            self.results.append(self._one(path))
        self.checker.finish(self.results)

    def _one(self, path: str) -> FileResult:
        from paperlint.files import STDIN
        from paperlint.source import InputError
        from paperlint.write import Stamp, WriteError, write_atomic

        name = self.stdin_filename if path == STDIN and self.stdin_filename else path
        stamp = None if path == STDIN else Stamp.of(path)
        try:
            source = self.checker.read(path, name)
        except InputError as error:
            return FileResult(name, [self.checker.unreadable(name, str(error))])
        try:
            outcome = fix_source(self.checker, source, unsafe=self.unsafe)
        except InternalError:
            raise
        except Exception as error:  # the guard or a fix itself failed: nothing was written
            raise InternalError(name, error) from error
        if outcome.withheld and not outcome.refused:  # one line a file, as every message
            self.errors.append(f"{name}: " + "; ".join(outcome.withheld))
        if outcome.exhausted:
            codes = ", ".join(sorted({a.code for a in outcome.applied[-5:]}))
            self.errors.append(
                f"{name}: not fixed: fixes ({codes}) were still applicable after "
                f"{MAX_PASSES} passes, so one of them does not fix its problem; nothing "
                "written. This is a bug in paperlint; please report it."
            )
        elif outcome.lost is not None:
            fixes = ", ".join(f"{a.code} at {a.line}" for a in outcome.applied[:10])
            self.errors.append(
                f"{name}: not fixed: the fixes would change the document beyond what they "
                f"declare (fixes applied: {fixes}); nothing written. Document before and "
                "after:\n" + outcome.lost.rstrip("\n")
            )
        if outcome.refused:
            self.failed = True
            if path == STDIN and not self.diff:
                self.stdout = source.encode()
            return outcome.initial
        if self.diff:
            if outcome.changed:
                self.diffs.append((name, outcome))
                self.fixed.append((name, outcome.applied))
            return outcome.result
        if path == STDIN:
            self.stdout = outcome.output()
        elif outcome.changed:
            try:
                write_atomic(path, outcome.output(), stamp)
            except WriteError as error:
                self.failed = True
                self.errors.append(f"{name}: {error}")
                return outcome.initial
        if outcome.applied:
            self.fixed.append((name, outcome.applied))
        return outcome.result

    # -- what the CLI shows (``paperlint.report.fixes`` words it) ------------------------

    @property
    def fixed_count(self) -> int:
        return sum(len(applied) for _, applied in self.fixed)

    def remaining(self) -> list[Problem]:
        return [p for r in sorted(self.results, key=lambda r: r.path) for p in r.problems]
