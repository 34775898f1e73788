"""Every rule's documentation: ruff's four sections, and examples that really behave as shown.

The failing example of each rule must trigger that rule and the passing one ("Use instead:")
must not, so the documentation cannot drift from the behaviour (pycodestyle's idea).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import checker, lint
from paperlint import rules
from paperlint.cli import cli
from paperlint.problem import FixAvailability
from paperlint.rules.base import DOC_SECTIONS, Rule

ALL = rules.all_rules()
RULE_IDS = [rule.code for rule in ALL]
# Rules whose examples cannot be run as a string named test.md in the working folder.
SPECIAL = {"PL901", "PL505"}
FENCE = re.compile(r"^```markdown\n.*?^```$", re.MULTILINE | re.DOTALL)


def doc_defects(rule: Rule) -> list[str]:
    """What is wrong with a rule's documentation, as messages naming the rule."""
    sections = rule.sections()
    defects = [
        f"{rule.code}: no '## {title}' section" for title in DOC_SECTIONS if not sections.get(title)
    ]
    present = [title for title in sections if title in DOC_SECTIONS]
    if not defects and present != list(DOC_SECTIONS):
        defects.append(f"{rule.code}: sections in the order {present}, not {list(DOC_SECTIONS)}")
    blocks = list(FENCE.finditer(sections.get("Example", "")))
    failing, passing = rule.examples()
    if failing is None or passing is None or len(blocks) != 2:
        defects.append(f"{rule.code}: Example needs a failing and a passing ```markdown block")
    elif "Use instead" not in sections["Example"][blocks[0].end() : blocks[1].start()]:
        defects.append(f"{rule.code}: no 'Use instead:' between the two examples")
    return defects


def fenced_headings(text: str) -> list[str]:
    """The ``## `` lines of a printed doc, outside code fences (examples hold headings too)."""
    found, fenced = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append(line)
    return found


@pytest.mark.parametrize("rule", ALL, ids=RULE_IDS)
def test_doc_has_the_four_sections_and_two_examples(rule: Rule) -> None:
    assert doc_defects(rule) == []


def _without_section(doc: str, title: str) -> str:
    start = doc.index(f"## {title}")
    following = doc.find("\n## ", start + 1)
    return doc[:start] + (doc[following + 1 :] if following != -1 else "")


@pytest.mark.parametrize("title", DOC_SECTIONS)
def test_a_missing_section_is_reported(title: str) -> None:
    rule = rules.get("PL601")
    broken = Rule(
        rule.code,
        rule.name,
        rule.severity,
        rule.fix_availability,
        rule.summary,
        _without_section(rule.doc, title),
    )
    assert f"PL601: no '## {title}' section" in doc_defects(broken)


def test_an_example_without_use_instead_is_reported() -> None:
    rule = rules.get("PL601")
    broken = Rule(
        rule.code,
        rule.name,
        rule.severity,
        rule.fix_availability,
        rule.summary,
        rule.doc.replace("Use instead", "Or"),
    )
    assert doc_defects(broken) == ["PL601: no 'Use instead:' between the two examples"]


def codes(text: str | bytes, code: str, path: str = "test.md") -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in lint(text, select=(code,), path=path) if p.code == code]


@pytest.mark.parametrize("rule", [r for r in ALL if r.code not in SPECIAL], ids=str)
def test_failing_example_triggers_the_rule(rule: Rule) -> None:
    failing, _ = rule.examples()
    assert failing is not None
    assert codes(failing, rule.code), f"{rule.code}'s failing example does not trigger it"


@pytest.mark.parametrize("rule", [r for r in ALL if r.code not in SPECIAL], ids=str)
def test_passing_example_is_clean(rule: Rule) -> None:
    """Not only this rule: "Use instead" must be a list that passes every rule."""
    _, passing = rule.examples()
    assert passing is not None
    assert [(p.code, p.line, p.column) for p in lint(passing)] == []


def test_pl505_examples_resolve_against_the_files_folder(tmp_path: Path) -> None:
    rule = rules.get("PL505")
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    path = str(tmp_path / "README.md")
    assert codes(failing, "PL505", path) == [(2, 27)]
    assert lint(passing, path=path) == []
    # The same link is fine once the file exists next to the list.
    (tmp_path / "no-such-folder").mkdir()
    (tmp_path / "no-such-folder" / "VideoGeneration.md").write_text("# Video\n", "utf-8")
    assert codes(failing, "PL505", path) == []


def test_pl508_passing_example_twice_in_one_run_is_a_cross_file_duplicate(
    tmp_path: Path,
) -> None:
    """The passing example is one file; the same list in a second file of the run is not."""
    _, passing = rules.get("PL508").examples()
    assert passing is not None
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(passing, "utf-8")
    run = checker()
    results = run.run([str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    found = {r.path: [(p.line, p.code) for p in r.problems] for r in results}
    assert found == {str(tmp_path / "a.md"): [(4, "PL508")], str(tmp_path / "b.md"): [(4, "PL508")]}


def test_pl901_examples_as_encodings(tmp_path: Path) -> None:
    """PL901's examples describe a file's bytes: `caf\\xe9` saved as Latin-1, then as UTF-8."""
    failing, passing = rules.get("PL901").examples()
    assert failing is not None and passing is not None
    assert "Latin-1" in failing and "UTF-8" in passing
    text = codecs.decode(failing, "unicode_escape")  # the doc writes the byte as \xe9
    assert "café" in text
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(text.encode("latin-1"))
    utf8 = tmp_path / "utf8.md"
    utf8.write_bytes(text.encode("utf-8"))
    run = checker()
    (unreadable,) = run.check_path(str(latin1)).problems
    assert (unreadable.code, unreadable.line, unreadable.column) == ("PL901", 1, 1)
    assert "PL901" not in {p.code for p in run.check_path(str(utf8)).problems}


@pytest.mark.parametrize("token", ["PL304", "details-close-indent", "pl304"])
def test_rules_command_prints_one_rules_documentation(token: str) -> None:
    result = CliRunner().invoke(cli, ["rules", token])
    assert result.exit_code == 0
    out = result.stdout
    rule = rules.get("PL304")
    assert out.startswith(
        "# PL304 details-close-indent\n\n"
        "Severity: error. Fix: always. `</details>` not at the indentation of its `<summary>`.\n\n"
    )
    assert fenced_headings(out) == [f"## {title}" for title in DOC_SECTIONS]
    failing, passing = rule.examples()
    assert failing is not None and passing is not None
    assert f"```markdown\n{failing}```" in out
    assert f"Use instead:\n```markdown\n{passing}```" in out
    assert codes(failing, "PL304") == [(8, 1)]


def test_rules_command_documents_every_rule() -> None:
    runner = CliRunner()
    for rule in ALL:
        result = runner.invoke(cli, ["rules", rule.name])
        assert result.exit_code == 0, rule.code
        assert result.stdout.startswith(f"# {rule.code} {rule.name}\n"), rule.code
        options = ["Options"] if rule.options else []
        assert fenced_headings(result.stdout) == [f"## {t}" for t in (*DOC_SECTIONS, *options)]


def test_fix_safety_section_agrees_with_the_fix_availability() -> None:
    """A rule that never fixes starts "No fix"; one that fixes says "safe" or "unsafe" (a
    rule may offer both: PL107's `#Title` fix is safe, its metadata fix unsafe)."""
    fixes = re.compile(r"\b(?:un)?safe\b", re.IGNORECASE)
    wrong = [
        f"{rule.code} ({rule.fix_availability.value}): {rule.sections()['Fix safety'][:60]!r}"
        for rule in ALL
        if (rule.fix_availability is FixAvailability.NEVER)
        != bool(re.match(r"No fix\b", rule.sections()["Fix safety"]))
        or (rule.fix_availability is not FixAvailability.NEVER)
        != bool(fixes.search(rule.sections()["Fix safety"]))
    ]
    assert wrong == []
