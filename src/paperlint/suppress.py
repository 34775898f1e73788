"""Suppression comments: HTML comments that GitHub does not render (docs/configuration.md).

``<!-- paperlint-disable CODES -->`` … ``<!-- paperlint-enable CODES -->`` silence a range of
lines, ``<!-- paperlint-disable-next-line CODES -->`` the line after the comment, and
``<!-- paperlint-disable-file CODES -->`` the whole file. CODES are rule codes, names or
prefixes, separated by commas or spaces; none means every rule. Like yamllint, the comments
are read once, top to bottom, into line ranges; the core then drops the problems they cover
and reports (PL902) each comment, or each code in one, that covered nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from paperlint import rules
from paperlint.model import Document
from paperlint.problem import Edit, Fix, Problem, Violation
from paperlint.source import Source
from paperlint.text import mask_code_spans

UNUSED = "PL902"
MARKER = "paperlint-"
# The opening of a directive; its end is found with str.find, so a line costs linear time.
_HEAD_RE = re.compile(
    r"<!--[ \t]{0,20}paperlint-(disable-next-line|disable-file|disable|enable)(?![\w-])"
)
_CLOSE = "-->"
MAX_CODES_LENGTH = 500
_SEPARATOR_RE = re.compile(r"[,\s]+")


@dataclass
class Token:
    """One code, name or prefix as written in a comment, and the codes it stands for."""

    text: str
    codes: frozenset[str]
    known: bool  # False: matches no registered rule (maybe a code of a user's schema)
    used: bool = False


@dataclass
class Directive:
    kind: str  # "disable", "enable", "disable-next-line" or "disable-file"
    line: int
    column: int  # of "<!--"
    end_column: int  # just past "-->"
    tokens: list[Token]  # empty: every rule
    text: str = ""  # the comment as written
    used: bool = False

    @property
    def comment(self) -> str:
        codes = " ".join(t.text for t in self.tokens)
        return f"<!-- paperlint-{self.kind}{' ' + codes if codes else ''} -->"

    def matches(self, code: str) -> bool:
        return not self.tokens or any(code in t.codes for t in self.tokens)

    def mark(self, code: str) -> None:
        self.used = True
        for token in self.tokens:
            if code in token.codes:
                token.used = True


@dataclass
class _Range:
    """Lines ``start`` to ``end`` (exclusive) where ``directive`` silences ``codes`` (None: all)."""

    directive: Directive
    start: int
    end: int
    codes: frozenset[str] | None
    allowed: frozenset[str] = frozenset()  # re-enabled inside a disable-all

    def covers(self, code: str, line: int) -> bool:
        if not self.start <= line < self.end or code in self.allowed:
            return False
        return self.codes is None or code in self.codes


@dataclass
class Suppressions:
    """The suppression comments of one file, as ranges of lines."""

    directives: list[Directive] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)
    next_line: dict[int, list[Directive]] = field(default_factory=dict)
    whole_file: list[Directive] = field(default_factory=list)
    closing_nothing: list[Directive] = field(default_factory=list)  # enables with no disable

    def _covering(self, code: str, line: int) -> Iterator[Directive]:
        for directive in self.whole_file:
            if directive.matches(code):
                yield directive
        for directive in self.next_line.get(line, ()):
            if directive.matches(code):
                yield directive
        for span in self.ranges:
            if span.covers(code, line):
                yield span.directive

    def covers(self, code: str, line: int) -> bool:
        """Whether a problem of rule ``code`` on ``line`` is silenced (no bookkeeping)."""
        return next(self._covering(code, line), None) is not None

    def suppress(self, code: str, line: int) -> bool:
        """Like ``covers``, and record that the covering comments were used."""
        found = False
        for directive in self._covering(code, line):
            directive.mark(code)
            found = True
        return found

    def filter(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems no comment silences (the others mark their comments as used)."""
        if not self.directives:
            return list(problems)
        return [p for p in problems if not self.suppress(p.code, p.line)]

    def unused(self, enabled: set[str], source: Source) -> list[Violation]:
        """PL902 for each comment, or code in one, that silenced nothing.

        Codes of rules not enabled in this run are not reported: they could not have been
        used, and a ``--select`` run should not flag comments meant for other rules.
        """
        candidates = [d for d in self.directives if self._unused(d, enabled, source) is not None]
        # A PL902 that another comment silences marks that comment used; so decide only
        # after every such mark is made (a `disable-file unused-suppression` on line 1
        # is used by the PL902s of the lines below it).
        silenced = set()
        for index, directive in enumerate(candidates):
            others = [d for d in self._covering(UNUSED, directive.line) if d is not directive]
            for other in others:
                other.mark(UNUSED)
            if others:
                silenced.add(index)
        found: list[Violation] = []
        for index, directive in enumerate(candidates):
            violation = self._unused(directive, enabled, source)
            if violation is not None and index not in silenced:
                found.append(violation)
        return found

    def _unused(self, directive: Directive, enabled: set[str], source: Source) -> Violation | None:
        if directive.kind == "enable":
            if directive not in self.closing_nothing:
                return None
            return _remove(directive, source, "closes no `paperlint-disable` comment above it")
        if directive.used and all(t.used for t in directive.tokens):
            return None
        relevant = [t for t in directive.tokens if not t.known or t.codes & enabled]
        if not directive.tokens or not directive.used:
            if directive.tokens and not relevant:
                return None
            return _remove(directive, source, f"suppresses nothing{_where(directive)}")
        stale = [t for t in relevant if not t.used]
        if not stale:
            return None
        keep = [t for t in directive.tokens if t.used or t not in relevant]
        names = ", ".join(_token_name(t) for t in stale)
        verb = "suppresses" if len(stale) == 1 else "suppress"
        start = source.offset(directive.line, directive.column)
        end = source.offset(directive.line, directive.end_column)
        rewritten = Directive(directive.kind, directive.line, 0, 0, keep).comment
        return Violation(
            directive.line,
            directive.column,
            f"{names} in `paperlint-{directive.kind}` {verb} nothing{_where(directive)}; "
            "remove it from the comment",
            Fix((Edit(start, end, rewritten),), True, f"remove {names} from the comment"),
            directive.line,
            directive.end_column,
        )


def _where(directive: Directive) -> str:
    if directive.kind == "disable-next-line":
        return f" on line {directive.line + 1}"
    return " in this file" if directive.kind == "disable-file" else ""


def _token_name(token: Token) -> str:
    return token.text if token.known else f"{token.text} (an unknown rule)"


def _remove(directive: Directive, source: Source, what: str) -> Violation:
    """PL902 whose fix deletes the comment, and its line when nothing else is on it."""
    line = source.lines[directive.line - 1]
    start = source.offset(directive.line, directive.column)
    end = source.offset(directive.line, directive.end_column)
    before, after = line[: directive.column - 1], line[directive.end_column - 1 :]
    if not before.strip() and not after.strip():
        start = source.line_starts[directive.line - 1]
        end = source.line_end(directive.line)
        if directive.line < len(source.lines):
            end += 1  # the newline after it
        elif directive.line > 1:
            start -= 1  # the last line: take the newline before it instead
    else:
        while start > source.line_starts[directive.line - 1] and source.text[start - 1] in " \t":
            start -= 1
    return Violation(
        directive.line,
        directive.column,
        f"`{directive.text or directive.comment}` {what}; remove it",
        Fix((Edit(start, end, ""),), True, "remove the unused suppression comment"),
        directive.line,
        directive.end_column,
    )


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    for part in _SEPARATOR_RE.split(text.strip()):
        if not part:
            continue
        try:
            tokens.append(Token(part, frozenset(rules.expand([part])), True))
        except rules.UnknownRuleError:
            tokens.append(Token(part, frozenset({part.upper(), part}), False))
    return tokens


def directives(lines: list[str], code_lines: set[int]) -> Iterator[Directive]:
    """Every suppression comment on lines outside code blocks and code spans."""
    for number, raw in enumerate(lines, start=1):
        if MARKER not in raw or number in code_lines:
            continue
        line = mask_code_spans(raw)
        close = -1
        for match in _HEAD_RE.finditer(line):
            if match.start() < close + len(_CLOSE) and close >= 0:
                continue  # inside the comment found before: it ends at the first -->
            close = line.find(_CLOSE, match.end())
            if close < 0:
                break  # no comment closes on this line (nor will any later opening)
            codes = line[match.end() : close]
            if len(codes) > MAX_CODES_LENGTH:
                continue
            end = close + len(_CLOSE)
            yield Directive(
                match.group(1),
                number,
                match.start() + 1,
                end + 1,
                _tokens(codes),
                raw[match.start() : end],
            )


def scan(document: Document) -> Suppressions:
    """Read the comments top to bottom into ranges (the yamllint state machine)."""
    found = Suppressions()
    lines = document.source.lines
    beyond = len(lines) + 1
    open_ranges: list[_Range] = []
    for directive in directives(lines, document.code_lines()):
        found.directives.append(directive)
        if directive.kind == "disable-file":
            found.whole_file.append(directive)
        elif directive.kind == "disable-next-line":
            found.next_line.setdefault(directive.line + 1, []).append(directive)
        elif directive.kind == "disable":
            codes = _codes(directive.tokens)
            open_ranges.append(_Range(directive, directive.line, beyond, codes))
        else:
            open_ranges = _enable(found, open_ranges, directive)
    found.ranges.extend(open_ranges)
    return found


def _codes(tokens: list[Token]) -> frozenset[str] | None:
    return frozenset().union(*(t.codes for t in tokens)) if tokens else None


def _enable(found: Suppressions, open_ranges: list[_Range], enable: Directive) -> list[_Range]:
    """Close what ``enable`` re-enables; what stays disabled continues in a new range."""
    codes = _codes(enable.tokens)
    still_open: list[_Range] = []
    closed_any = False
    for span in open_ranges:
        if codes is not None and span.codes is not None and not span.codes & codes:
            still_open.append(span)
            continue
        closed_any = True
        until = span.end
        span.end = enable.line
        found.ranges.append(span)
        if codes is None:
            continue
        if span.codes is None:
            rest = _Range(span.directive, enable.line, until, None, span.allowed | codes)
        else:
            rest = _Range(span.directive, enable.line, until, span.codes - codes)
        if rest.codes is None or rest.codes:
            still_open.append(rest)
    if not closed_any:
        found.closing_nothing.append(enable)
    return still_open
