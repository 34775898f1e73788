"""Document symbols: the outline months › categories › entries of a paper list."""

from __future__ import annotations

from lsprotocol import types

from paperlint.model import Document, Heading
from paperlint.server.positions import to_units


def _range(document: Document, first: int, last: int, encoding: str) -> types.Range:
    lines = document.source.lines
    last = min(max(last, first), len(lines))
    return types.Range(
        types.Position(first - 1, 0),
        types.Position(last - 1, to_units(lines[last - 1], len(lines[last - 1]), encoding)),
    )


def _symbol(
    document: Document,
    heading: Heading,
    name: str,
    kind: types.SymbolKind,
    encoding: str,
    children: list[types.DocumentSymbol] | None = None,
) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=name or "(untitled)",
        kind=kind,
        range=_range(document, heading.line, heading.end_line, encoding),
        selection_range=_range(document, heading.line, heading.line, encoding),
        children=children,
    )


def symbols(document: Document, encoding: str) -> list[types.DocumentSymbol]:
    """One symbol per month heading, holding its categories, holding their entries.

    A level the list does not have (no months, no categories) is left out of the tree.
    """
    found: list[types.DocumentSymbol] = []
    for month in document.months:
        categories: list[types.DocumentSymbol] = []
        for category in month.categories:
            entries = [
                _symbol(document, e.heading, e.title, types.SymbolKind.String, encoding)
                for e in category.entries
            ]
            if category.heading is None:
                categories += entries
            else:
                categories.append(
                    _symbol(
                        document,
                        category.heading,
                        category.name or "",
                        types.SymbolKind.Class,
                        encoding,
                        entries,
                    )
                )
        if month.heading is None:
            found += categories
        else:
            found.append(
                _symbol(
                    document,
                    month.heading,
                    month.month or "",
                    types.SymbolKind.Namespace,
                    encoding,
                    categories,
                )
            )
    return found
