"""Checking the text of an open document exactly as ``paperlint check`` checks a file.

The configuration is the one ``check`` would find from the document's folder; the text is
the editor's, unsaved changes included, decoded by the same ``decode`` as ``check -``, and
checked by the same ``Checker.check_source`` and ``Checker.finish`` (cross-file duplicates
against the workspace index). A new version of a document names the previous one as its
``Revision``, so the parser walks again only the sections the edits touched, and the rules
of scope "section" run only there (``reuse``).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperlint import config
from paperlint.checker import Checker
from paperlint.model import Document, build_json_reusing
from paperlint.parse import Revision
from paperlint.problem import Violation
from paperlint.result import FileResult
from paperlint.rules import UnknownRuleError
from paperlint.rules.base import Rule
from paperlint.schema import SchemaLoadError
from paperlint.server import reuse
from paperlint.settings import Settings
from paperlint.source import InputError, Source, decode, edited


class SetupError(Exception):
    """A configuration or schema that cannot be used; the message is for the user."""


class Configurations:
    """A Checker per configuration file, rebuilt when the file changes on disk."""

    def __init__(self) -> None:
        self._checkers: dict[tuple[str | None, tuple[int, int] | None], Checker] = {}

    def checker_for(self, path: str) -> Checker:
        """The Checker for a file at ``path``."""
        return self.checker_in(os.path.dirname(os.path.abspath(path)))

    def checker_in(self, folder: str) -> Checker:
        """The Checker ``check`` would use in ``folder`` (the nearest configuration)."""
        try:
            found = config.find(folder)
            key = (str(found) if found else None, _stamp(found))
            if key not in self._checkers:
                settings = config.load(str(found)) if found is not None else Settings()
                self._checkers[key] = ServerChecker(settings)
            return self._checkers[key]
        except (config.ConfigError, SchemaLoadError, UnknownRuleError) as error:
            raise SetupError(str(error)) from None


class ServerChecker(Checker):
    """A Checker that checks new versions of the same documents over and over: it keeps
    per-entry schema results, and each rule's findings with the document (``reuse``), so
    that after a one-span edit a rule of scope "section" runs only where the edit was, and
    one of scope "document" that ``reads`` nothing the edit changed keeps its findings.

    Not for concurrent use: the server checks on one worker thread.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.incremental = True
        # The revision the document being checked comes from, and (once computed, by the
        # document's id) where it must be checked again and what rules see there.
        self._since: Revision | None = None
        self._plan: tuple[int, tuple[reuse.Window, Document] | None] | None = None
        # The previous version's part of the window, once needed; the codes of the rules
        # of scope "document" whose findings were kept (``Rule.reads``) in this check.
        self._before: Document | None = None
        self._kept: set[str] = set()

    def check_source(
        self, source: Source, *, fixes_only: bool = False, since: Revision | None = None
    ) -> FileResult:
        self._since, self._plan, self._before, self._kept = since, None, None, set()
        try:
            return super().check_source(source, fixes_only=fixes_only, since=since)
        finally:
            self._since, self._plan, self._before, self._kept = None, None, None, set()

    def check_document(self, document: Document, *, fixes_only: bool = False) -> FileResult:
        if not fixes_only and document.is_paper_list:
            build_json_reusing(document, self._since.document if self._since else None)
        return super().check_document(document, fixes_only=fixes_only)

    def violations(self, rule: Rule, document: Document) -> Iterable[Violation]:
        if rule.scope != "section":
            return self._document_violations(rule, document)
        plan = self._window(document)
        found = None
        if plan is not None and self._since is not None:
            before = reuse.findings(self._since.document).get(rule.code)
            if before is not None:
                where, part = plan
                found = reuse.merge(before, super().violations(rule, part), where)
        if found is None:
            found = list(super().violations(rule, document))
        reuse.findings(document)[rule.code] = found
        return found

    def _document_violations(self, rule: Rule, document: Document) -> Iterable[Violation]:
        """A rule of scope "document": its previous findings when what it ``reads`` where
        the edit was is the same as before (and the edit added no line); else run whole."""
        if rule.reads is None:
            return super().violations(rule, document)
        found = None
        since = self._since
        plan = self._window(document) if since is not None else None
        if since is not None and plan is not None and plan[0].lines == 0:
            before = reuse.findings(since.document).get(rule.code)
            where, part = plan
            if before is not None and rule.reads(self._old_part(where)) == rule.reads(part):
                found = reuse.unchanged(before, since.document, since.edits[0], where)
        if found is None:
            found = list(super().violations(rule, document))
        else:
            self._kept.add(rule.code)
        reuse.findings(document)[rule.code] = found
        return found

    def _old_part(self, where: reuse.Window) -> Document:
        """The previous version's part of the window (the lines the edit replaced)."""
        assert self._since is not None
        if self._before is None:
            self._before = reuse.part(self._since.document, where.first, where.old_last)
        return self._before

    def summary(self, rule: Rule, document: Document) -> Any:
        """The previous version's summary when the rule kept its findings (``reads``)."""
        kept = reuse.summaries(self._since.document) if self._since is not None else {}
        if rule.code in self._kept and rule.code in kept:
            summary = kept[rule.code]
        else:
            summary = super().summary(rule, document)
        reuse.summaries(document)[rule.code] = summary
        return summary

    def _window(self, document: Document) -> tuple[reuse.Window, Document] | None:
        """Where ``document`` must be checked again, and the part of it there; None: whole."""
        since = self._since
        if since is None or len(since.edits) != 1 or since.document.path != document.path:
            return None
        if self._plan is None or self._plan[0] != id(document):
            where = reuse.window(since.document, document, since.edits[0])
            plan = None if where is None else (where, reuse.part(document, where.first, where.last))
            self._plan = (id(document), plan)
        return self._plan[1]


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@dataclass
class Lint:
    """One version of a document, checked: what diagnostics, fixes and hovers are made of."""

    version: int
    source: Source
    result: FileResult
    checker: Checker
    # The per-file check before cross-file problems were added (the next revision's base).
    own: FileResult = field(repr=False)


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """The one span of ``old`` that differs from ``new``: (start, end, new length).

    Found by halving with slice comparisons (memcmp; only ``old``'s side is copied), so a
    25 MB document costs milliseconds; several edits since the last check merge into one span.
    """
    limit = min(len(old), len(new))
    low, high = 0, limit  # the common prefix is at least low, at most high
    while low < high:
        middle = (low + high + 1) // 2
        if new.startswith(old[low:middle], low):
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, limit - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if new.endswith(old[len(old) - middle : len(old) - low], 0, len(new) - low):
            low = middle
        else:
            high = middle - 1
    suffix = low
    return prefix, len(old) - suffix, len(new) - suffix - prefix


def check_text(
    checker: Checker, path: str, text: str, previous: Lint | None = None
) -> tuple[Source, FileResult]:
    """Decode and check ``text`` as ``check`` would check a file holding it.

    Raises ``InputError`` for text ``check`` would refuse (a NUL character).
    """
    with _collector_paused():
        return _check_text(checker, path, text, previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off for one check: a check makes hundreds of thousands of
    objects and drops the previous version's, so with the collector on it walks every
    live object several times per keystroke; once after the check is enough."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_text(
    checker: Checker, path: str, text: str, previous: Lint | None
) -> tuple[Source, FileResult]:
    if (
        previous is None
        or previous.checker is not checker
        or previous.own.document is None
        or previous.source.path != path
    ):
        return _check_whole(checker, path, text)
    found = _decoded_edit(previous.source, text)
    if found is not None:
        source, span = found
    else:
        source = decode(text.encode("utf-8", "surrogatepass"), path)
        span = changed_span(previous.source.text, source.text)
    return source, checker.check_source(source, since=Revision(previous.own.document, [span]))


def _check_whole(checker: Checker, path: str, text: str) -> tuple[Source, FileResult]:
    source = decode(text.encode("utf-8", "surrogatepass"), path)
    return source, checker.check_source(source)


def _decoded_edit(previous: Source, text: str) -> tuple[Source, tuple[int, int, int]] | None:
    """What ``decode`` gives for ``text``, an edit of ``previous``'s text, made from
    ``previous`` and the edited span alone: when ``previous`` was decoded as it came (LF
    line endings, no BOM), ``text`` decodes as it comes too unless the edit typed what
    ``decode`` refuses or changes (NUL, a lone surrogate, a CR, a BOM at the start).
    None: decode it whole."""
    if previous.newline != "\n" or previous.bom or previous.odd_newlines:
        return None
    span = changed_span(previous.text, text)
    start, _, length = span
    typed = text[start : start + length]
    if "\x00" in typed or "\r" in typed or text.startswith("\ufeff"):
        return None
    try:
        typed.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return edited(previous, text, span), span


__all__ = ["Configurations", "InputError", "Lint", "SetupError", "changed_span", "check_text"]
