"""Entries that are not headings: bullets, paragraphs that open with a bold title or are a
title link, and table rows. Each becomes the same ``Entry`` a heading entry is.

What counts is decided by evidence a reader would see: a date tag, a year in
parentheses, a link to a paper (arXiv, a PDF, a DOI, a proceedings page), a date line.
A bullet that is only a link to another section (a table of contents) or a web page with
nothing else is no paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperlint.model import Field
from paperlint.parse.dates import date_line_month, tag_month, year_tag
from paperlint.parse.markdown import Blocks, Paragraph, Table
from paperlint.syntax import TITLE_NUMBER_RE
from paperlint.text import fold

ENTRY_KINDS = ("heading", "bullet", "paragraph", "table")

_PAPER_URL_RE = re.compile(
    r"arxiv\.org|openreview\.net|doi\.org|aclanthology|aclweb\.org|\.pdf(?:$|[?#])|/pdf/"
    r"|papers\.nips|proceedings\.|openaccess\.thecvf|ieeexplore|dl\.acm\.org|semanticscholar"
    r"|huggingface\.co/papers|biorxiv|medrxiv|ssrn\.com|springer|sciencedirect|jmlr\.org"
    r"|mlr\.press|nature\.com|science\.org|researchgate",
    re.IGNORECASE,
)
_PAPER_LINK_TEXT_RE = re.compile(r"\W*(?:pdf|paper|arxiv|abs|preprint)\W*", re.IGNORECASE)
_LEAD_BOLD_RE = re.compile(r"[ \t]*(\*\*|__)(?P<title>[^\n]+?)\1")
_LEAD_LINK_RE = re.compile(
    r"[ \t]*\[(?P<title>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
    # The destination, then a title only after white space (as CommonMark has it): the two
    # may not share characters, or a link that never closes backtracks quadratically.
    r"\((?P<url><[^>\n]*>|[^)\s]*)(?:\s[^)\n]*)?\)"
)
# Where the plain-text title of a bullet ends: a code span, a bracket, a dated parenthesis.
_PLAIN_END_RE = re.compile(
    r"`|\\?\[|<|\((?:[^()\n]{0,40}[ ,])?(?:19|20)\d{2}\)|\s[-–—|]\s|\s{2,}|,\s+(?:[A-Z]\.|et al)"
)
_IMAGE_RE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\s]{0,2000}\)")
_TITLE_HEADERS = frozenset(
    {"title", "paper", "papers", "paper title", "name", "method", "methods", "model", "models"}
)
_EMPTY_CELLS = frozenset({"", "-", "–", "—", "n/a", "/"})


@dataclass
class Found:
    """One entry found in the text, before it is placed in the month → category tree."""

    kind: str
    title: str
    line: int
    end_line: int
    lead: str  # what the entry opens with: "bold", "link", "anchor" or "plain"
    evidence: bool  # a date, a year or a paper link: it is a paper, whatever its shape
    month: str | None = None  # from a date tag or date line in the entry itself
    tags: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)  # table columns


def split_title(content: str) -> tuple[str, str, str | None]:
    """(title, lead, url of a leading link) of an entry's first line, as written.

    The title is the bold text, the leading link's text, or the text before the first
    piece of metadata; list numbering (``1.``, ``[3]``) and emphasis are taken off.
    """
    first = TITLE_NUMBER_RE.sub("", content.split("\n", 1)[0], count=1)
    match = _LEAD_BOLD_RE.match(first)
    if match is not None:
        return clean_title(match.group("title")), "bold", None
    match = _LEAD_LINK_RE.match(first)
    if match is not None:
        url = match.group("url").strip("<>")
        title = clean_title(_IMAGE_RE.sub("", match.group("title")))
        return title, "anchor" if url.startswith("#") else "link", url
    end = _PLAIN_END_RE.search(first)
    return clean_title(first[: end.start()] if end else first), "plain", None


def clean_title(text: str) -> str:
    text = TITLE_NUMBER_RE.sub("", text, count=1)
    text = fold(text.replace("**", "").replace("__", "")).strip(" *_~\t")
    return text.rstrip(" ,;:–—-").strip()


def _has_words(title: str) -> bool:
    return sum(1 for ch in title if ch.isalpha()) >= 3


def _evidence(text: str, urls: list[tuple[str, str]]) -> bool:
    if tag_month(text) or year_tag(text) or _PAPER_TEXT_RE.search(text):
        return True
    return any(_PAPER_URL_RE.search(url) or _PAPER_LINK_TEXT_RE.fullmatch(t) for t, url in urls)


def _links_in(text: str) -> list[tuple[str, str]]:
    return [(m.group("title"), m.group("url")) for m in re.finditer(_LINKS_RE, text)]


_LINKS_RE = re.compile(r"\[(?P<title>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?P<url>[^)\s]*)")
# Paper link text even where the link itself is broken: `[[pdf]] (url)`.
_PAPER_TEXT_RE = re.compile(r"\[\[?(?:pdf|paper|arxiv)\]\]?", re.IGNORECASE)


def _tags(text: str) -> list[str]:
    """Date and topic tags of a bullet or paragraph: ``[DiT]``, ``[2024.07]``, ``(2019)``."""
    found: list[str] = []
    for match in re.finditer(r"(?<!\\)\[([^\[\]()\n]{1,40})\](?![(\[])", text.replace("`", "")):
        tag = match.group(1).strip()
        if tag and not tag.startswith("!") and not _PAPER_LINK_TEXT_RE.fullmatch(tag):
            found.append(tag)
    stated = tag_month(text)
    if stated is None:
        year = year_tag(text)
        if year is not None:
            found.append(year[1].strip("()"))
    elif stated[1].startswith("("):
        found.append(stated[1].strip("()"))
    return found


def bullets(blocks: Blocks, field_lines: set[int]) -> list[Found]:
    found: list[Found] = []
    for item in blocks.items:
        if not item.content or item.line in field_lines:
            continue
        entry = _from_text(item.content, item.line, item.end_line, "bullet")
        if entry is not None:
            found.append(entry)
    return found


def paragraphs(blocks: Blocks) -> list[Found]:
    found: list[Found] = []
    for paragraph in blocks.paragraphs:
        entry = _paragraph(paragraph)
        if entry is not None:
            found.append(entry)
    return found


def _paragraph(paragraph: Paragraph) -> Found | None:
    content = paragraph.content.strip()
    lines = content.count("\n") + 1
    end = paragraph.line + lines - 1
    title, lead, url = split_title(content)
    if not _has_words(title):
        return None
    if lead == "bold":
        bold = _LEAD_BOLD_RE.match(TITLE_NUMBER_RE.sub("", content, count=1))
        rest = content[bold.end() :].strip(" \\\n:") if bold else content
        if not rest:
            return None  # a bold line alone is emphasis, not a paper
        entry = _from_text(content, paragraph.line, end, "paragraph")
        if entry is None:
            return None
        for text in content.split("\n")[1:]:
            month = date_line_month(text)
            if month is not None:
                entry.month = entry.month or month
                entry.evidence = True
        return entry if entry.evidence or lines > 1 else None
    if lead == "link" and url is not None:
        # A paragraph that is a title link and nothing else (the next lines are its notes).
        link = _LEAD_LINK_RE.match(content)
        rest = content[link.end() :].strip() if link else content
        if rest and not tag_month(rest) and not year_tag(rest):
            return None
        return _from_text(content, paragraph.line, end, "paragraph")
    return None


def _from_text(content: str, line: int, end_line: int, kind: str) -> Found | None:
    title, lead, _ = split_title(content)
    if not _has_words(title):
        return None
    urls = _links_in(content)
    evidence = _evidence(content, urls)
    has_link = any(not u.startswith("#") for _, u in urls)
    if lead == "bold" and not (evidence or has_link):
        return None
    if lead in ("plain", "anchor") and not evidence:
        return None
    stated = tag_month(content)
    return Found(
        kind,
        title,
        line,
        end_line,
        lead,
        evidence,
        month=stated[0] if stated else None,
        tags=_tags(content),
    )


def rows(blocks: Blocks, lines: list[str]) -> list[Found]:
    found: list[Found] = []
    for table in blocks.tables:
        found.extend(_rows(table, lines))
    return found


def _header_key(cell: str) -> str:
    return re.sub(r"[*_`.:]", "", cell).strip().lower()


def _rows(table: Table, lines: list[str]) -> list[Found]:
    keys = [_header_key(cell) for cell in table.header]
    column = next((i for i, key in enumerate(keys) if key in _TITLE_HEADERS), None)
    if column is None:
        return []
    found: list[Found] = []
    for row in table.rows:
        if column >= len(row.cells):
            continue
        cell = row.cells[column]
        title, lead, _ = split_title(cell)
        if lead == "plain":
            title = clean_title(cell)
        if not _has_words(title):
            continue
        text = " | ".join(row.cells)
        urls = _links_in(text)
        stated = tag_month(text)
        raw = lines[row.line - 1] if row.line - 1 < len(lines) else ""
        entry = Found(
            "table",
            title,
            row.line,
            row.line,
            lead,
            _evidence(text, urls),
            month=stated[0] if stated else None,
        )
        for index, value in enumerate(row.cells):
            label = table.header[index] if index < len(table.header) else ""
            plain = fold(_IMAGE_RE.sub("", value)).strip()
            if index == column or not label or plain.lower() in _EMPTY_CELLS:
                continue
            at = max(1, raw.find(value) + 1)
            entry.fields.append(
                Field(
                    label=label,
                    written=label,
                    value=fold(value),
                    line=row.line,
                    column=at,
                    markup=label,
                    style="table",
                    colon="",
                    spacing=" ",
                    end_line=row.line,
                    markup_end=at + len(value),
                )
            )
        date = _date_cell(row.cells, keys)
        if date is not None and entry.month is None:
            entry.month = date
        found.append(entry)
    return found


def _date_cell(cells: list[str], keys: list[str]) -> str | None:
    for index, key in enumerate(keys):
        if "date" in key and index < len(cells):
            return date_line_month(cells[index].replace(",", " "))
    return None


def accept(found: list[Found]) -> list[Found]:
    """The entries among the candidates: those with evidence, and those shaped like them.

    Link-led bullets and paragraphs (``[Title](url)``) without evidence of their own are
    papers when most of their shape in the file are: a list of repositories or web pages
    has no dates or paper links.
    Table rows count when their table names a title column.
    """
    by_shape: dict[tuple[str, str], list[Found]] = {}
    for entry in found:
        by_shape.setdefault((entry.kind, entry.lead), []).append(entry)
    accepted: list[Found] = []
    for (kind, lead), group in by_shape.items():
        proven = sum(1 for entry in group if entry.evidence)
        shaped = kind == "table" or lead in ("bold", "plain", "anchor")
        if shaped or (proven * 2 >= len(group) and proven >= 2):
            accepted.extend(group)
        else:
            accepted.extend(entry for entry in group if entry.evidence)
    return sorted(accepted, key=lambda entry: entry.line)
