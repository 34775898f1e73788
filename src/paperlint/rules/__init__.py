"""The rule registry: every rule (docs/rules.md), by code, name or prefix.

An explicit list, the way yamllint keeps it: importing a rule module registers nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from paperlint.problem import FixAvailability
from paperlint.rules.base import Option, Rule
from paperlint.rules.details import (
    content_escapes_list,
    details_close_indent,
    details_stray_close,
    details_summary_blank_line,
    details_summary_missing,
    details_unclosed,
    html_swallows_markdown,
)
from paperlint.rules.fields import (
    duplicate_field,
    entry_empty,
    field_alias,
    field_empty,
    required_field_missing,
    schema_violation,
    unknown_field,
)
from paperlint.rules.labels import (
    keypoints_separator,
    label_colon,
    label_spacing,
    label_style,
)
from paperlint.rules.links import (
    arxiv_link_style,
    arxiv_month_mismatch,
    duplicate_paper,
    link_empty,
    link_malformed,
    relative_link_missing,
    toc_anchor_unresolved,
    toc_missing_entry,
)
from paperlint.rules.meta import (
    file_unreadable,
    unused_suppression,
)
from paperlint.rules.structure import (
    broken_heading,
    duplicate_section,
    empty_section,
    heading_level_skip,
    layout_break,
    month_heading_invalid,
    months_out_of_order,
)
from paperlint.rules.whitespace import (
    blank_lines,
    final_newline,
    invisible_character,
    line_endings,
    trailing_whitespace,
)

# Every rule, by code: adding a rule is adding its module and its line here.
RULES: tuple[Rule, ...] = (
    heading_level_skip.RULE,
    month_heading_invalid.RULE,
    months_out_of_order.RULE,
    duplicate_section.RULE,
    empty_section.RULE,
    layout_break.RULE,
    broken_heading.RULE,
    required_field_missing.RULE,
    field_empty.RULE,
    unknown_field.RULE,
    duplicate_field.RULE,
    field_alias.RULE,
    schema_violation.RULE,
    entry_empty.RULE,
    details_unclosed.RULE,
    details_summary_missing.RULE,
    details_summary_blank_line.RULE,
    details_close_indent.RULE,
    details_stray_close.RULE,
    html_swallows_markdown.RULE,
    content_escapes_list.RULE,
    label_spacing.RULE,
    label_colon.RULE,
    label_style.RULE,
    keypoints_separator.RULE,
    toc_anchor_unresolved.RULE,
    toc_missing_entry.RULE,
    link_empty.RULE,
    link_malformed.RULE,
    relative_link_missing.RULE,
    arxiv_link_style.RULE,
    arxiv_month_mismatch.RULE,
    duplicate_paper.RULE,
    trailing_whitespace.RULE,
    blank_lines.RULE,
    invisible_character.RULE,
    final_newline.RULE,
    line_endings.RULE,
    file_unreadable.RULE,
    unused_suppression.RULE,
)


def _by_code(rules: Iterable[Rule]) -> dict[str, Rule]:
    by_code: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise ValueError(f"rule {rule.code} listed twice")
        by_code[rule.code] = rule
    return by_code


_BY_CODE = _by_code(RULES)


def registered() -> dict[str, Rule]:
    return _BY_CODE


class UnknownRuleError(ValueError):
    """A code, name or prefix that matches no rule."""


def all_rules() -> list[Rule]:
    """Every rule, ordered by code."""
    return sorted(registered().values(), key=lambda rule: rule.code)


def registered_codes() -> set[str]:
    return set(registered())


def get(token: str) -> Rule:
    """The rule with this code or name (case-insensitive)."""
    wanted = token.strip()
    for rule in registered().values():
        if rule.code.lower() == wanted.lower() or rule.name == wanted.lower():
            return rule
    raise UnknownRuleError(f"unknown rule '{token}'")


def expand(tokens: Iterable[str]) -> set[str]:
    """Codes matched by codes, names, prefixes such as ``PL3``, or ``ALL``."""
    codes: set[str] = set()
    for token in tokens:
        wanted = token.strip()
        if not wanted:
            continue
        upper = wanted.upper()
        if upper == "ALL":
            codes.update(registered())
            continue
        matched = {
            code
            for code, rule in registered().items()
            if code.startswith(upper) or rule.name == wanted.lower()
        }
        if not matched:
            raise UnknownRuleError(f"unknown rule '{token}'{_suggestion(wanted)}")
        codes.update(matched)
    return codes


def _suggestion(wanted: str) -> str:
    """ "(did you mean 'label-spacing'?)" for a near miss; else how rules are named."""
    import difflib

    names = [r.name for r in registered().values()] + list(registered())
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.75)
    if not close and wanted.upper() != wanted.lower():
        close = difflib.get_close_matches(wanted.upper(), list(registered()), n=1, cutoff=0.75)
    if close:
        return f" (did you mean '{close[0]}'? `paperlint rules` lists them)"
    return (
        " (use a code such as PL401, a prefix such as PL4, or a name such as label-spacing;"
        " `paperlint rules` lists them)"
    )


def enabled(
    select: Iterable[str] | None, ignore: Iterable[str], extend_select: Iterable[str]
) -> set[str]:
    """The codes to report: ``select`` (default all) plus ``extend_select`` minus ``ignore``."""
    chosen = expand(select) if select is not None else set(registered())
    return (chosen | expand(extend_select)) - expand(ignore)


def table() -> str:
    """The rule table printed by ``paperlint rules`` (and kept in the README)."""
    rows = [("code", "name", "severity", "fix", "checks")]
    rows += [
        (r.code, r.name, r.severity.value, r.fix_availability.value, r.summary) for r in all_rules()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4] + "\n"
        for row in rows
    )


_FIX_MARKS = {
    FixAvailability.ALWAYS: "always",
    FixAvailability.SOMETIMES: "sometimes",
    FixAvailability.NEVER: "–",
}


def markdown_table() -> str:
    """The README's rule table (between its ``rules:start``/``rules:end`` markers).

    Generated from the registry so the README cannot drift: a test compares the two.
    """
    rows = [
        "| Code | Name | Severity | Fix | What it checks |",
        "|---|---|---|---|---|",
    ]
    for r in all_rules():
        checks = r.summary.replace("|", "\\|")  # a bare pipe would split the cell
        rows.append(
            f"| {r.code} | `{r.name}` | {r.severity.value} | {_FIX_MARKS[r.fix_availability]} "
            f"| {checks} |"
        )
    legend = (
        "Fix: whether the problems come with a fix (always, sometimes, – never). Each fix is "
        "safe (applied by `paperlint fix`) or unsafe (`--unsafe-fixes`): the rule's Fix safety "
        "section tells which."
    )
    return "\n".join(rows) + "\n\n" + legend + "\n"


def options_table() -> str:
    """Every rule option in one table (README and docs/configuration.md, between their
    ``options:start``/``options:end`` markers), generated from the registry like the rules'."""
    rows = [
        "| Rule | Option | Type | Default | Description |",
        "|---|---|---|---|---|",
    ]
    for r in all_rules():
        for name, option in r.options.items():
            rows.append(
                f"| {r.code} `{r.name}` | `{name}` | {_option_type(option)} "
                f"| `{_toml_value(option.default)}` | {option.help} |"
            )
    return "\n".join(rows) + "\n"


def documentation(rule: Rule) -> str:
    """One rule's documentation as printed by ``paperlint rules CODE``."""
    header = (
        f"# {rule.code} {rule.name}\n\n"
        f"Severity: {rule.severity.value}. Fix: {rule.fix_availability.value}. {rule.summary}.\n\n"
    )
    return header + rule.doc + "\n" + options_section(rule)


# Option types as TOML names them, since options are written in the configuration file.
_TOML_TYPES: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    float: "float",
    str: "string",
    list: "array",
    tuple: "array",
    dict: "table",
}


def options_section(rule: Rule) -> str:
    """The ``## Options`` section of a rule's documentation ("" when it has none)."""
    if not rule.options:
        return ""
    rows = ["| Option | Type | Default | Description |", "|---|---|---|---|"]
    example = [f"[rules.{rule.code}]"]
    for name, option in rule.options.items():
        default = _toml_value(option.default)
        rows.append(f"| `{name}` | {_option_type(option)} | `{default}` | {option.help} |")
        example.append(f"{name} = {default}")
    return (
        "\n## Options\n\n"
        + "\n".join(rows)
        + "\n\nSet them in the configuration, by code or name:\n```toml\n"
        + "\n".join(example)
        + "\n```\n"
    )


def _option_type(option: Option) -> str:
    """The option's TOML type, and the values it allows when they are a fixed few."""
    kind = _TOML_TYPES.get(option.kind, option.kind.__name__)
    if option.choices:
        kind += ": " + ", ".join(f"`{_toml_value(choice)}`" for choice in option.choices)
    return kind


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return str(value)


def reference() -> str:
    """``docs/rules.md``: the rule table, then every rule's documentation, one level down."""
    pages = [
        "# Rules\n",
        "<!-- Generated from the rule registry: do not edit. Regenerate with\n"
        "     PAPERLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_user_docs.py -->\n",
        "Every rule has a stable code, a name, a default severity and a fix availability. "
        "Codes, names and prefixes (`PL4`) are accepted everywhere a rule is named: "
        "`--select`, `--ignore`, the configuration and suppression comments "
        "([configuration.md](configuration.md)). `paperlint rules CODE` prints one rule's "
        "section below.\n",
        markdown_table(),
    ]
    for rule in all_rules():
        pages.append(_demote(documentation(rule)))
    return "\n".join(pages)


def _demote(markdown: str) -> str:
    """Every ATX heading one level deeper, except inside code fences."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)
