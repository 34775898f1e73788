"""PL508 duplicate-paper: the same paper (normalized title or arXiv id) twice, in a file or across
files.

Within a file the check compares the file's papers; across files each file's ``summarize``
keeps a compact index of its papers and ``finish`` compares the indexes of the whole run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from paperlint.model import Document
from paperlint.problem import Violation
from paperlint.rules.base import Context, FileSummary, Option, rule
from paperlint.rules.links import (
    arxiv_links,
    links_on_headings,
    plain_title,
    title_column,
    title_key,
)


@dataclass(frozen=True)
class PaperRef:
    """One entry in the compact per-file index that cross-file duplicate checks use."""

    title_key: str
    arxiv: tuple[str, ...]  # ids without version
    line: int
    column: int
    title: str  # as displayed in messages
    end_column: int  # just past the entry's first line (exclusive)

    def match_keys(self) -> list[str]:
        return ([f"t:{self.title_key}"] if self.title_key else []) + [f"a:{a}" for a in self.arxiv]


def paper_index(document: Document) -> list[PaperRef]:
    """The papers of one document, small enough to send between processes."""
    return document.derived(_build_paper_index)


def _build_paper_index(document: Document) -> list[PaperRef]:
    refs = []
    heading_links = links_on_headings(document)
    for entry in document.entries():
        ids = tuple(
            dict.fromkeys(identifier for identifier, _ in arxiv_links(entry, heading_links))
        )
        refs.append(
            PaperRef(
                title_key(entry.title),
                ids,
                entry.line,
                title_column(entry.heading),
                plain_title(entry.title),
                entry.heading.end_column,
            )
        )
    return refs


def duplicate_message(
    ref: PaperRef, other: PaperRef, key: str, where: str, other_file: bool = False
) -> str:
    """Two entries that share an arXiv id under different titles are one wrong link far
    more often than one paper listed twice: say so, and do not advise deleting one."""
    if key.startswith("a:") and not _same_title(ref.title_key, other.title_key):
        return (
            f"entry `{ref.title}` links arXiv {key[2:]}, as does `{other.title}` at {where}, "
            "under another title: one of the two links is probably wrong; check which paper "
            "that id is"
        )
    listed = "is also listed in another file" if other_file else "is listed twice"
    return (
        f"paper `{ref.title}` {listed} ({_reason(key)}): also at {where} "
        f"(`{other.title}`); keep one entry"
    )


def _same_title(one: str, other: str) -> bool:
    """Titles of one paper: equal, one the other without its short name (``CineMaster: A
    3D-Aware …``), or the same words but a few letters (``Self-Similar``/``Self-Similarity``)."""
    if not one or not other or one == other:
        return True
    if one.endswith(other) or other.endswith(one):
        return True
    return difflib.SequenceMatcher(None, one, other).ratio() >= 0.85


def _reason(key: str) -> str:
    return "same title" if key.startswith("t:") else f"same arXiv id {key[2:]}"


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds papers listed twice: the same title once case, spaces, no-break spaces and
    punctuation are ignored, or the same arXiv id whatever its version. Within one file, and
    across all the files of one run (each file then names the other).

    ## Why is this bad?
    Duplicates split the notes on one paper between two places, or hide a copy-pasted link
    that points at the wrong paper.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    #### TransformerFAM: feedback attention
    - `Keypoints:` working memory
    - `Objective:` Attend to latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: merging two entries' notes needs the author.
    """
    first: dict[str, PaperRef] = {}
    for ref in paper_index(ctx.document):
        earlier = next(((key, first[key]) for key in ref.match_keys() if key in first), None)
        for key in ref.match_keys():
            first.setdefault(key, ref)
        if earlier is None:
            continue
        key, other = earlier
        yield Violation(
            ref.line,
            ref.column,
            duplicate_message(ref, other, key, f"line {other.line}"),
            end_line=ref.line,
            end_column=ref.end_column,
        )


def summarize(ctx: Context) -> list[PaperRef] | None:
    """The file's papers, unless the scope option keeps duplicates within each file."""
    return paper_index(ctx.document) if ctx.options["scope"] == "run" else None


def finish(files: Sequence[FileSummary]) -> Iterator[tuple[str, Violation]]:
    """In each file, each paper that another file also lists (files in run order)."""
    papers: list[list[PaperRef]] = [file.summary for file in files]
    # key -> {file index -> first ref in that file}, files in run order.
    where: dict[str, dict[int, PaperRef]] = {}
    for number, refs in enumerate(papers):
        for ref in refs:
            for key in ref.match_keys():
                where.setdefault(key, {}).setdefault(number, ref)
    for number, refs in enumerate(papers):
        seen: set[str] = set()
        for ref in refs:
            keys = ref.match_keys()
            if any(key in seen for key in keys):
                continue  # a duplicate within the file: reported by the per-file check
            seen.update(keys)
            best: tuple[int, int, str, PaperRef] | None = None
            for key in keys:
                for other_number, other in where[key].items():
                    if other_number != number:
                        candidate = (other_number, other.line, key, other)
                        if best is None or candidate[:2] < best[:2]:
                            best = candidate
                        break
            if best is None:
                continue
            other_number, _, key, other = best
            where_else = f"{files[other_number].path}:{other.line}"
            message = duplicate_message(ref, other, key, where_else, True)
            yield (
                files[number].path,
                Violation(
                    ref.line, ref.column, message, end_line=ref.line, end_column=ref.end_column
                ),
            )


def by_key(papers: list[PaperRef]) -> dict[str, tuple[PaperRef, ...]]:
    """The papers by match key: two files share a duplicate only if they share a key."""
    found: dict[str, list[PaperRef]] = {}
    for ref in papers:
        for key in ref.match_keys():
            found.setdefault(key, []).append(ref)
    return {key: tuple(refs) for key, refs in found.items()}


RULE = rule(
    check,
    "PL508",
    "duplicate-paper",
    "the same paper (normalized title or arXiv id) twice, in a file or across files",
    options={
        "scope": Option(
            str,
            "run",
            '"run": duplicates across all the files of a run; "file": within each file only '
            "(for lists that file one paper under several topics on purpose)",
            choices=("run", "file"),
        )
    },
    summarize=summarize,
    finish=finish,
    keys=by_key,
    reads=_build_paper_index,  # the papers, where they stand: all the check and summary read
)
