"""The workspace index keeps the cross-file rules' summaries split by their keys: a check
reads only the files that share a key, and an edit re-checks only the lists whose key it
changed (PL508: a paper that changed or moved)."""

from __future__ import annotations

from typing import Any

from paperlint.checker import Checker
from paperlint.server.index import WorkspaceIndex
from paperlint.settings import Settings
from paperlint.source import decode

HEAD = "# PaperList\n## 202404\n### LLM\n"
FIELDS = "- `Keypoints:` a; b\n- `Objective:` c\n"
CHECKER = Checker(Settings(select=("PL508",)))


def summaries(*titles: str, before: str = "") -> dict[str, Any]:
    text = HEAD + before + "".join(f"#### {title}\n{FIELDS}" for title in titles)
    return CHECKER.summarize(CHECKER.parse(decode(text.encode(), "x.md")))


def test_sharing_finds_only_files_with_a_common_key() -> None:
    index = WorkspaceIndex()
    assert index.update("/w/a.md", "a.md", summaries("Same", "Only A"), CHECKER) == {
        "PL508 t:same",
        "PL508 t:only a",
    }
    index.update("/w/c.md", "c.md", summaries("Unrelated"), CHECKER)
    [other] = index.sharing("/w/b.md", summaries("Same"), CHECKER)
    assert other.path == "a.md"
    assert other.summaries == summaries("Same", "Only A")


def test_changed_keys_are_those_of_papers_that_changed_or_moved() -> None:
    index = WorkspaceIndex()
    index.update("/w/a.md", "a.md", summaries("One", "Two"), CHECKER)
    assert index.update("/w/a.md", "a.md", summaries("One", "Two"), CHECKER) == set()
    assert index.update("/w/a.md", "a.md", summaries("One", "Three"), CHECKER) == {
        "PL508 t:two",
        "PL508 t:three",
    }
    moved = summaries("One", "Three", before="\n")
    assert index.update("/w/a.md", "a.md", moved, CHECKER) == {"PL508 t:one", "PL508 t:three"}
    assert index.remove("/w/a.md") == {"PL508 t:one", "PL508 t:three"}
    assert index.sharing("/w/b.md", summaries("One"), CHECKER) == []
    assert len(index) == 0


def test_scope_file_indexes_nothing() -> None:
    checker = Checker(Settings(select=("PL508",), rule_options={"PL508": {"scope": "file"}}))
    document = checker.parse(decode((HEAD + f"#### Same\n{FIELDS}").encode(), "x.md"))
    assert checker.summarize(document) == {}
    assert checker.summary_parts(checker.summarize(document)) == {}


class CountingChecker(Checker):
    """Counts how often the index splits summaries into parts (the costly step)."""

    splits = 0

    def summary_parts(self, summaries: dict[str, Any]) -> dict[str, Any]:
        self.splits += 1
        return super().summary_parts(summaries)


def test_the_very_summaries_recorded_are_not_split_again() -> None:
    """A re-check that kept a rule's summary (the server does, when an edit leaves the
    papers alone) hands back the same object: its parts are the recorded ones."""
    checker = CountingChecker(Settings(select=("PL508",)))
    index = WorkspaceIndex()
    kept = summaries("One", "Two")
    index.update("/w/a.md", "a.md", kept, checker)
    index.update("/w/b.md", "b.md", summaries("Two"), checker)
    assert checker.splits == 2
    [other] = index.sharing("/w/a.md", dict(kept), checker)
    assert other.path == "b.md"
    assert index.update("/w/a.md", "a.md", dict(kept), checker) == set()
    assert checker.splits == 2
    equal = summaries("One", "Two")  # equal, not the same: split, and found unchanged
    assert index.update("/w/a.md", "a.md", equal, checker) == set()
    assert checker.splits == 3
    assert index.sharing("/w/c.md", summaries("One"), checker)[0].path == "a.md"
