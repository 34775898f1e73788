"""Every regular expression of the package, attacked with inputs built from its own parts.

A pattern backtracks catastrophically when one string can be matched in several ways under a
repetition: a string that pumps that repetition and then fails makes the engine try them
all. For every pattern — each compiled ``re.Pattern`` reachable from a module of
``paperlint`` (module attributes, their containers, class attributes) and each literal
pattern given to an ``re`` function in the source — the attack strings come from the
pattern's own parse tree: for each unbounded repetition, sample matches of its body (one
and two at a time) are pumped in place inside a sample match of the whole pattern, followed
by a character the pattern cannot take; each literal fragment and class member of the
pattern is pumped alone too. Each string is run the way the package uses the pattern
(``match``, ``fullmatch``, or scanning with ``finditer`` for ``search``/``sub``/...).

What is asserted is growth, not time: the CPU time of this thread (which other processes on
a loaded machine do not inflate) at n, 2n and 4n pumps, the least of three runs each. Linear
growth is 4x, quadratic 16x, exponential unbounded; more than 10x fails. A run is only
measured once n is large enough to take a couple of milliseconds; a pattern still faster
than that on 16,000 characters cannot be worse than linear there. A run that takes 30 times
longer than the previous size is stopped (a CPU-time alarm interrupts the match) and fails.
``test_the_audit_finds_known_backtracking`` proves the audit fails on patterns that do
backtrack, among them the ``DETAILS_TAGS_RE`` of issue 12.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
import string
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import paperlint
from growth import cpu_alarm as alarm
from growth import growth, needs_cpu_alarm

if sys.version_info >= (3, 11):
    from re import _compiler as sre_compile
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_compile
    import sre_constants
    import sre_parse

pytestmark = needs_cpu_alarm

SOURCE = Path(paperlint.__file__).parent

SAMPLES = 8  # sample matches kept per node of a parse tree

# Characters that samples are made of and that class members are looked for in, the ones
# Markdown gives meaning to first.
ALPHABET = (
    "a <0>\n#[]()*-_.:!/\\\"'=`|,;@+?{}~$%^&\t\r\u00a0：é"
    + string.ascii_letters
    + string.digits
    + "\x00\x0b\x0c\u2028\u3000😀"
)
END = "\x00"  # after the pumped part: taken by almost no pattern, so the match must fail
MARK = "\U0010fffd"  # stands for the pumped repetition inside a sample match

# Methods that try the pattern at one place, and those that scan the whole string.
_MODE = {
    "match": "match",
    "fullmatch": "fullmatch",
    "search": "scan",
    "finditer": "scan",
    "findall": "scan",
    "sub": "scan",
    "subn": "scan",
    "split": "scan",
}
_ALL_MODES = frozenset(("match", "fullmatch", "scan"))


@dataclass(frozen=True)
class Found:
    name: str
    pattern: re.Pattern[str]
    modes: frozenset[str]


# -- finding the patterns -------------------------------------------------------------------


def _usage() -> dict[str, set[str]]:
    """How the source uses each name: the modes of the methods called on it, or all modes
    where the name is passed along (then any method may be called on it)."""
    uses: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                name = node.id
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                name = node.attr
            else:
                continue
            parent = parents.get(node)
            call = parents.get(parent) if parent is not None else None
            if (
                isinstance(parent, ast.Attribute)
                and parent.attr in _MODE
                and isinstance(call, ast.Call)
                and call.func is parent
            ):
                uses[name].add(_MODE[parent.attr])
            else:
                uses[name] |= _ALL_MODES
    return uses


def _reachable(value: object, name: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield name, value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            yield from _reachable(item, f"{name}[{index}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _reachable(item, f"{name}[{key!r}]", depth + 1)


def _flags(node: ast.expr | None) -> int:
    """The value of a flags argument written as ``re.X | re.Y`` (0 if it is anything else)."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
    ):
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


# Where each ``re`` function takes its flags, when given by position.
_FLAGS_AT = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "finditer": 2}
_FLAGS_AT |= {"findall": 2, "split": 3, "sub": 4, "subn": 4}


def _literal_calls() -> Iterator[tuple[str, re.Pattern[str], frozenset[str]]]:
    """``re.compile("...")``, ``re.search("...", s)`` and the like anywhere in the source."""
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _FLAGS_AT
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            function = node.func.attr
            position = _FLAGS_AT[function]
            flags = next((k.value for k in node.keywords if k.arg == "flags"), None)
            if flags is None and len(node.args) > position:
                flags = node.args[position]
            pattern = re.compile(node.args[0].value, _flags(flags))
            modes = _ALL_MODES if function == "compile" else frozenset((_MODE[function],))
            where = f"{path.relative_to(SOURCE.parent)}:{node.lineno}"
            yield where, pattern, modes


def package_patterns() -> list[Found]:
    uses = _usage()
    found: dict[tuple[str, int], Found] = {}
    for info in pkgutil.walk_packages(paperlint.__path__, "paperlint."):
        module = importlib.import_module(info.name)
        values = list(vars(module).items())
        for attribute, value in list(values):
            if isinstance(value, type) and value.__module__ == info.name:
                values += [(attribute, item) for item in vars(value).values()]
        for attribute, value in values:
            for name, pattern in _reachable(value, f"{info.name}.{attribute}"):
                modes = frozenset(uses.get(attribute) or _ALL_MODES)
                key = (pattern.pattern, pattern.flags)
                if key in found:
                    modes |= found[key].modes
                found[key] = Found(name, pattern, modes)
    for name, pattern, modes in _literal_calls():
        key = (pattern.pattern, pattern.flags)
        if key not in found:
            found[key] = Found(name, pattern, modes)
    return sorted(found.values(), key=lambda f: f.name)


# -- attack strings from a pattern's parse tree --------------------------------------------

Node = tuple[Any, Any]


class Attack:
    """Sample matches of a pattern's parts, and the pumped strings made of them."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.flags = pattern.flags
        self.tree = sre_parse.parse(pattern.pattern, pattern.flags)
        self._members: dict[int, list[str]] = {}

    def members(self, node: Node) -> list[str]:
        """Up to two characters of ALPHABET that the one-character ``node`` matches."""
        key = id(node)
        if key not in self._members:
            alone = sre_compile.compile(sre_parse.SubPattern(self.tree.state, [node]), self.flags)
            self._members[key] = [c for c in ALPHABET if alone.fullmatch(c)][:2]
        return self._members[key]

    def sequence(self, nodes: Any, target: object = None) -> list[str]:
        """Sample matches of a sequence: the first sample of every node, then that with one
        node's sample varied."""
        results = [""]
        for node in nodes:
            options = self.node(node, target)
            if not options:
                return []
            varied = [results[0] + option for option in options[1:]]
            results = _unique([r + options[0] for r in results] + varied)[:SAMPLES]
        return results

    def node(self, node: Node, target: object) -> list[str]:
        op, av = node
        c = sre_constants
        if op is c.LITERAL:
            return [chr(av)]
        if op in (c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            return self.members(node)
        if op is c.BRANCH:
            return _unique(s for branch in av[1] for s in self.sequence(branch, target))[:SAMPLES]
        if op is c.SUBPATTERN:
            return self.sequence(av[-1], target)
        if op in _REPEATS:
            if node is target:
                return [MARK]
            low, high, body = av
            samples = self.sequence(body, target)
            if not samples:
                return [""] if low == 0 else []
            options = [samples[0] * low]
            if high > low:
                options += [samples[0] * low + s for s in samples]
            return _unique(options)[:SAMPLES]
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.sequence(av, target)
        if op is c.GROUPREF_EXISTS:
            return _unique(self.sequence(av[1], target) + self.sequence(av[2] or [], target))
        if op is c.FAILURE:
            return []
        return [""]  # anchors, lookarounds, back references: nothing of their own

    def repetitions(self) -> list[Node]:
        """Every unbounded repetition of the tree, outermost first."""
        found: list[Node] = []
        stack: list[Any] = [self.tree]
        while stack:
            for node in stack.pop():
                op, av = node
                if op in _REPEATS:
                    if av[1] == sre_constants.MAXREPEAT:
                        found.append(node)
                    stack.append(av[2])
                elif op is sre_constants.BRANCH:
                    stack.extend(av[1])
                elif op is sre_constants.SUBPATTERN:
                    stack.append(av[-1])
                elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                    stack.append(av[1])
                elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
                    stack.append(av)
                elif op is sre_constants.GROUPREF_EXISTS:
                    stack.extend(part for part in av[1:] if part)
        return found

    def fragments(self) -> list[str]:
        """The pattern's literal runs and one member of each of its character classes."""
        found: list[str] = []
        stack: list[Any] = [self.tree]
        while stack:
            run = ""
            for node in stack.pop():
                op, av = node
                if op is sre_constants.LITERAL:
                    run += chr(av)
                    continue
                found.append(run)
                run = ""
                if op in (sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY):
                    found += self.members(node)[:1]
                elif op in _REPEATS:
                    stack.append(av[2])
                elif op is sre_constants.BRANCH:
                    stack.extend(av[1])
                elif op is sre_constants.SUBPATTERN:
                    stack.append(av[-1])
                elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                    stack.append(av[1])
            found.append(run)
        return [f for f in _unique(found) if f]

    def strings(self) -> Iterator[tuple[str, Callable[[int], str]]]:
        """(description, pumps -> string) for every attack on this pattern."""
        for target in self.repetitions():
            bodies = [s for s in self.sequence(target[1][2]) if s]
            pumps = _unique(bodies + [a + b for a, b in itertools.permutations(bodies[:4], 2)])
            contexts = [s for s in self.sequence(self.tree, target) if MARK in s][:2]
            for pump, context in itertools.product(pumps, contexts):
                before, _, after = context.partition(MARK)
                yield f"{before!r} + {pump!r}*n + {after!r}", _pumped(before, pump, after + END)
                if after:
                    yield f"{before!r} + {pump!r}*n", _pumped(before, pump, END)
        for fragment in self.fragments():
            yield f"{fragment!r}*n", _pumped("", fragment, END)
            yield f"{fragment!r}*n + newline", _pumped("", fragment, "\n" + END)


_REPEATS = tuple(
    op
    for op in (
        sre_constants.MAX_REPEAT,
        sre_constants.MIN_REPEAT,
        getattr(sre_constants, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _pumped(before: str, pump: str, after: str) -> Callable[[int], str]:
    return lambda n: before + pump * n + after


# -- measuring growth ----------------------------------------------------------------------


@pytest.fixture
def cpu_alarm() -> Iterator[None]:
    with alarm():
        yield


def _runner(pattern: re.Pattern[str], mode: str) -> Callable[[str], object]:
    if mode == "match":
        return pattern.match
    if mode == "fullmatch":
        return pattern.fullmatch
    return lambda text: sum(1 for _ in pattern.finditer(text))


def audit(found: Found) -> str | None:
    """The first attack on ``found`` that grows faster than linearly, described."""
    for description, build in Attack(found.pattern).strings():
        for mode in sorted(found.modes):
            why = growth(_runner(found.pattern, mode), build)
            if why is not None:
                return f"{found.name} {mode} on {description}: {why}"
    return None


PATTERNS = package_patterns()

# Patterns that never see input from a list or a pull request, so their growth is harmless.
TRUSTED_INPUT = {
    "paperlint.rules.base._FENCE_RE": "reads only the examples in the rules' own docstrings",
}


def test_the_patterns_are_found() -> None:
    names = {found.name for found in PATTERNS}
    assert "paperlint.parse.markdown.DETAILS_TAGS_RE" in names
    assert any(name.startswith("paperlint/config.py:") for name in names)  # re.fullmatch("...")
    assert len(PATTERNS) > 50
    details = next(f for f in PATTERNS if f.name.endswith("DETAILS_TAGS_RE"))
    assert details.modes == {"fullmatch"}


@pytest.mark.parametrize("found", PATTERNS, ids=lambda f: f.name)
@pytest.mark.usefixtures("cpu_alarm")
def test_no_regular_expression_grows_faster_than_linearly(found: Found) -> None:
    if found.name in TRUSTED_INPUT:
        pytest.skip(TRUSTED_INPUT[found.name])
    assert audit(found) is None


# Patterns that do backtrack: the audit must find each (the first is issue 12's).
_BACKTRACKING = [
    (
        r"(?:\s*</?(?:details|summary)\b[^<>]{0,200}>(?:[^<>\n]{0,500}</summary\s*>)?)+\s*",
        re.IGNORECASE,
        "fullmatch",
    ),
    (r"(a+)+$", 0, "match"),
    (r"(?:a|b|ab)*c", 0, "match"),
    (r"[ \t]*x", 0, "scan"),  # quadratic when scanned
    (r"<[^>]*>", 0, "scan"),
]


@pytest.mark.parametrize(("source", "flags", "mode"), _BACKTRACKING)
@pytest.mark.usefixtures("cpu_alarm")
def test_the_audit_finds_known_backtracking(source: str, flags: int, mode: str) -> None:
    assert audit(Found("known", re.compile(source, flags), frozenset((mode,)))) is not None


@pytest.mark.usefixtures("cpu_alarm")
def test_the_audit_passes_linear_patterns() -> None:
    for source in (r"[ \t]*x", r"(?:ab|cd)+!", r"<[^>]*>"):
        assert audit(Found("linear", re.compile(source), frozenset(("match",)))) is None
