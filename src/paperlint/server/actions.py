"""Code actions: a quick fix per fixable problem, fix-all, and a suppression comment.

Edits come from the fix engine: a quick fix applies the problem's ``Fix`` with
``apply_fixes`` and must pass the same nothing-is-lost guard (``lost_content``) as
``paperlint fix``; "fix all" runs ``fix_source`` itself. A fix that touches a line a
suppression comment covers is not offered, as ``paperlint fix`` does not apply it.
"""

from __future__ import annotations

from lsprotocol import types

from paperlint.checker import Checker
from paperlint.fix import apply_fixes, fix_source, lost_content
from paperlint.parse import Revision
from paperlint.problem import Edit, Fix, Problem, applicable
from paperlint.result import FileResult
from paperlint.server.diagnostics import SOURCE, diagnostic, problem_range
from paperlint.server.linting import changed_span
from paperlint.server.positions import to_units
from paperlint.source import Source
from paperlint.suppress import directives

FIX_ALL = "source.fixAll.paperlint"


def _position(source: Source, offset: int, encoding: str) -> types.Position:
    line, column = source.position(offset)
    return types.Position(line - 1, to_units(source.lines[line - 1], column - 1, encoding))


def text_edit(source: Source, start: int, end: int, text: str, encoding: str) -> types.TextEdit:
    """Replace ``source.text[start:end]`` (LF-normalised offsets) by ``text``, written in
    the document's own line ending."""
    if source.newline != "\n":
        text = text.replace("\n", source.newline)
    return types.TextEdit(
        types.Range(_position(source, start, encoding), _position(source, end, encoding)), text
    )


def replace_text(source: Source, new: str, encoding: str) -> list[types.TextEdit]:
    """The smallest single edit turning ``source.text`` into ``new``."""
    start, end, length = changed_span(source.text, new)
    return [text_edit(source, start, end, new[start : start + length], encoding)]


def _touches_suppressed(fix: Fix, code: str, source: Source, result: FileResult) -> bool:
    suppressions = result.suppressions
    if suppressions is None or not suppressions.directives:
        return False
    for edit in fix.edits:
        first = source.position(edit.start)[0]
        last = source.position(max(edit.start, edit.end - 1))[0]
        if any(suppressions.covers(code, line) for line in range(first, last + 1)):
            return True
    return False


def guarded(checker: Checker, result: FileResult, fixes: list[Fix]) -> str | None:
    """The text after applying ``fixes``, or None when none applies or the guard refuses."""
    source, before = result.source, result.document
    if source is None or before is None:
        return None
    text, chosen = apply_fixes(source.text, fixes)
    if not chosen or text == source.text:
        return None
    spans = [(e.start, e.end, len(e.replacement)) for i in chosen for e in fixes[i].edits]
    after = checker.parse(
        Source(source.path, text, source.newline, source.bom), Revision(before, spans)
    )
    changes = frozenset().union(*(fixes[i].changes for i in chosen))
    return text if lost_content(before, after, changes) is None else None


def _workspace_edit(uri: str, version: int, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(identifier, edits)])


def _wanted(kind: str, only: list[str] | None) -> bool:
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def code_actions(
    uri: str,
    version: int,
    checker: Checker,
    result: FileResult,
    problems: list[Problem],
    request: types.Range,
    only: list[str] | None,
    encoding: str,
) -> list[types.CodeAction]:
    """The actions for the problems whose range meets ``request``, then fix-all."""
    source = result.source
    if source is None:
        return []
    actions: list[types.CodeAction] = []
    here = [p for p in problems if _meets(problem_range(p, source, encoding), request)]
    if _wanted(types.CodeActionKind.QuickFix, only):
        for problem in here:
            fix = problem.fix
            if (
                fix is None
                or not fix.edits
                or _touches_suppressed(fix, problem.code, source, result)
            ):
                continue
            if guarded(checker, result, [fix]) is None:
                continue
            what = fix.description or problem.message
            title = f"Fix {problem.code}: {what}" + ("" if fix.safe else " (unsafe fix)")
            edits = [text_edit(source, e.start, e.end, e.replacement, encoding) for e in fix.edits]
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic(problem, source, encoding)],
                    is_preferred=fix.safe,
                    edit=_workspace_edit(uri, version, edits),
                )
            )
        for problem in here:
            disable = _disable_action(uri, version, checker, result, problem, encoding)
            if disable is not None:
                actions.append(disable)
    if _wanted(FIX_ALL, only) and any(applicable(p.fix, unsafe_fixes=False) for p in problems):
        outcome = fix_source(checker, source)
        if outcome.changed and outcome.fixed.text != source.text:
            actions.append(
                types.CodeAction(
                    title=f"Fix all safe {SOURCE} problems",
                    kind=FIX_ALL,
                    edit=_workspace_edit(
                        uri, version, replace_text(source, outcome.fixed.text, encoding)
                    ),
                )
            )
    return actions


def _meets(span: types.Range, request: types.Range) -> bool:
    """Whether the problem is on a line of the request (editors ask for the cursor's)."""
    return span.start.line <= request.end.line and request.start.line <= span.end.line


def _disable_action(
    uri: str,
    version: int,
    checker: Checker,
    result: FileResult,
    problem: Problem,
    encoding: str,
) -> types.CodeAction | None:
    """Insert ``<!-- paperlint-disable-next-line CODE -->`` above the problem's line,
    indented like it, when that keeps the document's content (the guard again)."""
    source = result.source
    if source is None or not 1 <= problem.line <= len(source.lines):
        return None
    line = source.lines[problem.line - 1]
    offset = source.line_starts[problem.line - 1]
    edit = Edit(offset, offset, _indent(line) + _comment(problem.code, ()) + "\n")
    if problem.line > 1:
        # A comment already above for other codes: add this code to it (a second comment
        # would come between that one and the line it is for).
        above = problem.line - 1
        found = list(directives([source.lines[above - 1]], set()))
        if len(found) == 1 and found[0].kind == "disable-next-line" and found[0].tokens:
            directive = found[0]
            start = source.offset(above, directive.column)
            end = source.offset(above, directive.end_column)
            codes = tuple(t.text for t in directive.tokens)
            edit = Edit(start, end, _comment(problem.code, codes))
    if guarded(checker, result, [Fix((edit,))]) is None:
        return None
    return types.CodeAction(
        title=f"Disable {problem.code} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(problem, source, encoding)],
        edit=_workspace_edit(
            uri, version, [text_edit(source, edit.start, edit.end, edit.replacement, encoding)]
        ),
    )


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _comment(code: str, codes: tuple[str, ...]) -> str:
    return f"<!-- paperlint-disable-next-line {' '.join((*codes, code))} -->"
