"""The command-line contract over generated lists and mutated corpus files (issue 8, part 2).

tests/properties checks the parser and the fix engine as functions; here the same kind of
input goes through the commands a user runs: `check` exits 0 or 1, `export` exits 0 with
JSON, and `fix` either writes a file that `check` then agrees with (same exit code) and that
still holds every word of every entry, or refuses with exit 2 and leaves the file
byte-identical. No command raises.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from paperlint.cli import cli
from strategies import CONTENT_NASTY, CORPUS_LINES, mutated_corpus

# Five commands per example over files of up to 24 KB: keep the whole file under a minute.
BOUNDED = hypothesis_settings(
    max_examples=min(80, hypothesis_settings.default.max_examples), deadline=None
)
_WORD_RE = re.compile(r"\w+")


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    # run_guarded always ends in sys.exit (None for exit 0): anything else escaped it.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def words(document: Any) -> Counter[str]:
    """Every word of every entry: title, field values (details too), tags, links."""
    found: Counter[str] = Counter()
    for month in document["months"]:
        for category in month["categories"]:
            for entry in category["entries"]:
                texts = [entry["title"], *entry["fields"].values(), *entry["tags"]]
                for block in entry["details"]:
                    texts.extend(block["fields"].values())
                for link in entry["links"]:
                    if not link["url"].startswith("#"):  # the TOC fixes rewrite these
                        texts += [link["text"], link["url"]]
                for text in texts:
                    found.update(_WORD_RE.findall(str(text)))
    return found


def assert_cli_contract(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.md"
        data = text.encode("utf-8")
        path.write_bytes(data)
        checked = invoke("check", str(path))
        assert checked.exit_code in (0, 1), checked.stdout + checked.stderr
        exported = invoke("export", str(path))
        assert exported.exit_code == 0, exported.stderr
        before = json.loads(exported.stdout)

        fixed = invoke("fix", str(path))
        if fixed.exit_code == 2:
            assert path.read_bytes() == data  # refused: not one byte written
            first = fixed.stderr.splitlines()[0]
            assert first.startswith(f"paperlint: {path}: not fixed: "), fixed.stderr
            return
        assert fixed.exit_code in (0, 1), fixed.stdout + fixed.stderr
        assert sorted(p.name for p in Path(folder).iterdir()) == ["list.md"]  # no temp file
        again = invoke("check", str(path))
        assert again.exit_code == fixed.exit_code, fixed.stdout + again.stdout
        after = json.loads(invoke("export", str(path)).stdout)
        assert not words(before) - words(after), (text, words(before) - words(after))


LABELS = ["Keypoints", "Objective", "Method", "Results", "Summary", "Key Takeaways", "Note"]
PIECE = st.sampled_from(
    [*CONTENT_NASTY, "a", "b c", ", ", "、", "; ", "**", "\t", "  ", "2404.07143"]
)
PHRASE = st.lists(PIECE, max_size=8).map("".join)


@st.composite
def paper_lists(draw: st.DrawFn) -> str:
    """A month → category → entry list whose text is built from the nasty pieces."""
    lines: list[str] = []
    for month in draw(
        st.lists(st.sampled_from(["202405", "202404", "2024-03", "x"]), min_size=1, max_size=2)
    ):
        lines.append(f"## {month}")
        for category in draw(st.lists(PHRASE, min_size=1, max_size=2)):
            lines.append(f"### {category or 'LLM'}")
            for title in draw(st.lists(PHRASE, min_size=1, max_size=3)):
                lines.append(f"#### {title}")
                for label in draw(st.lists(st.sampled_from(LABELS), max_size=3)):
                    markup = draw(st.sampled_from(["`{}:`", "**{}:**", "`{}`:", "{}:", "`{}：`"]))
                    indent = draw(st.sampled_from(["", "", "    ", "  "]))
                    lines.append(f"{indent}- {markup.format(label)} {draw(PHRASE)}")
                if draw(st.booleans()):
                    lines += ["-   <details>", "    <summary>Details</summary>", ""]
                    lines.append(f"    - `Method:` {draw(PHRASE)}")
                    if draw(st.booleans()):
                        lines.append("    </details>")
    ending = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join(lines) + ending


@BOUNDED
@given(paper_lists())
def test_generated_lists_keep_the_cli_contract(text: str) -> None:
    assert_cli_contract(text)


@BOUNDED
@given(mutated_corpus(fragments=CONTENT_NASTY))
def test_mutated_corpus_files_keep_the_cli_contract(text: str) -> None:
    assert_cli_contract(text)


def test_contract_holds_on_every_corpus_file() -> None:
    """The unmutated files too (and the contract can fail: see the refusal test below)."""
    for lines in CORPUS_LINES:
        assert_cli_contract("\n".join(lines))


def test_a_refused_fix_is_exit_2_and_byte_identical(tmp_path: Path) -> None:
    """`####` + NBSP: PL603's fix would turn the paragraph into a new, empty entry."""
    path = tmp_path / "list.md"
    data = "## 202404\n### LLM\n#### A\n- `Keypoints:` a\n- `Objective:` b\n####\u00a0\n".encode()
    path.write_bytes(data)
    result = invoke("fix", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"paperlint: {path}: not fixed: the fixes would change")
    assert path.read_bytes() == data
