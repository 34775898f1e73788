"""Quick fixes, fix-all, suppression, hover, outline, completion, cross-file duplicates,
and a failing request that leaves the server running, all over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FAULTY, LIST, initialize, open_document, published

pytestmark = pytest.mark.asyncio


def apply(text: str, edit: types.WorkspaceEdit) -> str:
    """Apply a one-document workspace edit (code-point columns: the texts here are ASCII)."""
    assert edit.document_changes is not None
    [change] = edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for item in sorted(
        change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        assert isinstance(item, types.TextEdit)
        start = starts[item.range.start.line] + item.range.start.character
        end = starts[item.range.end.line] + item.range.end.character
        text = text[:start] + item.new_text + text[end:]
    return text


async def actions(
    client: LanguageClient, uri: str, line: int, only: list[str] | None = None
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(line, 0), types.Position(line, 0)),
            types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def test_quick_fix_is_the_fix_engines_edit(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    found = await actions(client, uri, 4)
    quick = [a for a in found if a.title.startswith("Fix PL401")]
    assert len(quick) == 1
    assert quick[0].kind == types.CodeActionKind.QuickFix
    assert quick[0].is_preferred is True
    assert quick[0].edit is not None
    assert apply(LIST, quick[0].edit) == LIST.replace(":`f", ":` f")


async def test_disable_for_this_line_inserts_the_comment(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    [disable] = [a for a in await actions(client, uri, 4) if a.title.startswith("Disable")]
    assert disable.title == "Disable PL401 for this line"
    assert disable.edit is not None
    fixed = apply(LIST, disable.edit)
    assert fixed.split("\n")[4] == "<!-- paperlint-disable-next-line PL401 -->"
    # The comment silences the problem (and is not itself unused).
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert (await published(client, uri)).diagnostics == ()


async def test_disable_adds_the_code_to_a_comment_already_above(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = LIST.replace(
        "- `Keypoints:`feedback attention; working memory",
        "<!-- paperlint-disable-next-line PL601 -->\n"
        "- `Keypoints:`feedback attention; working memory  ",
    )
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["PL401"]
    [disable] = [a for a in await actions(client, uri, 5) if a.title.startswith("Disable")]
    assert disable.edit is not None
    fixed = apply(text, disable.edit)
    assert fixed.split("\n")[4] == "<!-- paperlint-disable-next-line PL601 PL401 -->"
    assert fixed.count("paperlint-disable") == 1


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, tmp_path: Path) -> None:
    text = LIST.replace("memory.\n", "memory.   \n")
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    assert len((await published(client, uri)).diagnostics) == 2
    [fix_all] = await actions(client, uri, 0, only=["source.fixAll.paperlint"])
    assert fix_all.kind == "source.fixAll.paperlint"
    assert fix_all.edit is not None
    assert apply(text, fix_all.edit) == LIST.replace(":`f", ":` f")


async def test_unsafe_fixes_are_marked_and_not_preferred(
    client: LanguageClient, tmp_path: Path
) -> None:
    # PL404's fix (one Keypoints separator) is unsafe: it may split a keypoint in two.
    text = LIST.replace(":`feedback attention; working memory", ":` attention; memory, cache")
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["PL404"]
    [fix] = [a for a in await actions(client, uri, 4) if a.title.startswith("Fix")]
    assert fix.title.endswith("(unsafe fix)")
    assert fix.is_preferred is False
    assert await actions(client, uri, 0, only=["source.fixAll.paperlint"]) == []


async def test_hover_shows_the_rule_documentation(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    found = await client.text_document_hover_async(
        # PL401's range: the character glued to `Keypoints:`.
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 14))
    )
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert found.contents.value.startswith("# PL401 label-spacing")
    assert "## What it does" in found.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
    )
    assert nothing is None


async def test_outline_months_categories_entries(client: LanguageClient, tmp_path: Path) -> None:
    text = (
        LIST
        + "### Diffusion\n#### Paper two\n- `Keypoints:` x\n## 202403\n### LLM\n#### Paper three\n"
    )
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    await published(client, uri)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert found is not None

    def tree(symbols: list[types.DocumentSymbol]) -> list[object]:
        return [(s.name, s.range.start.line, tree(list(s.children or []))) for s in symbols]

    assert tree(found) == [  # type: ignore[arg-type]
        (
            "202404",
            1,
            [
                ("LLM", 2, [("TransformerFAM: Feedback attention", 3, [])]),
                ("Diffusion", 6, [("Paper two", 7, [])]),
            ],
        ),
        ("202403", 9, [("LLM", 10, [("Paper three", 11, [])])]),
    ]


async def test_completion_of_field_labels(client: LanguageClient, tmp_path: Path) -> None:
    text = LIST + "- `Obj"
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    await published(client, uri)
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(6, 6))
    )
    assert isinstance(found, types.CompletionList)
    labels = {item.label for item in found.items}
    assert {"Keypoints", "Objective"} <= labels
    [objective] = [item for item in found.items if item.label == "Objective"]
    assert isinstance(objective.text_edit, types.TextEdit)
    assert objective.text_edit.new_text == "Objective:` "
    assert objective.text_edit.range == types.Range(types.Position(6, 3), types.Position(6, 6))
    elsewhere = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(3, 4))
    )
    assert elsewhere is None


OTHER = """\
# PaperList
## 202404
### LLM
#### TransformerFAM: feedback attention
- `Keypoints:` working memory
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[*__import__("conftest").SERVER]))
async def indexed_client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "b.md").write_text(OTHER, encoding="utf-8")
    await initialize(lsp_client, tmp_path / "lists")
    yield
    await lsp_client.shutdown_session()


async def test_duplicates_across_the_workspace(
    indexed_client: LanguageClient, tmp_path: Path
) -> None:
    client = indexed_client
    assert any("indexed 1 lists" in m.message for m in client.log_messages)
    text = LIST.replace(":`f", ":` f")
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    [found] = (await published(client, uri)).diagnostics
    assert found.code == "PL508"
    assert "also at b.md:4" in found.message
    # The other file changes on disk: the duplicate goes.
    other = tmp_path / "lists" / "b.md"
    other.write_text(OTHER.replace("TransformerFAM", "Another paper"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(other.as_uri(), types.FileChangeType.Changed)]
        )
    )
    assert (await published(client, uri)).diagnostics == ()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=FAULTY))
async def faulty_client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "lists").mkdir()
    await initialize(lsp_client, tmp_path / "lists")
    yield
    await lsp_client.shutdown_session()


async def test_a_failing_request_is_reported_and_the_server_lives(
    faulty_client: LanguageClient, tmp_path: Path
) -> None:
    client = faulty_client
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert found == []
    [message] = [m for m in client.messages if "internal error" in m.message]
    assert message.type == types.MessageType.Error
    assert "RuntimeError: planted failure" in message.message
    assert any("Traceback" in m.message for m in client.log_messages)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 14))
    )
    assert hover is not None
