"""Diagnostics over stdio: on open, change and save; cleared on close; UTF-16 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import LIST, open_document, published

pytestmark = pytest.mark.asyncio


def _change(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(*start), types.Position(*end)), text=text
                )
            ],
        )
    )


async def test_open_reports_check_problems_with_code_docs_and_severity(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    params = await published(client, uri)
    assert params.version == 1
    [found] = params.diagnostics
    assert found.code == "PL401"
    assert found.source == "paperlint"
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.range.start == types.Position(4, 14)
    assert found.code_description is not None
    assert found.code_description.href == (
        "https://github.com/paperlint/paperlint/blob/main/docs/rules.md#pl401-label-spacing"
    )
    assert "space" in found.message


async def test_change_uses_unsaved_text_and_close_clears(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "lists" / "a.md"
    path.write_text(LIST, encoding="utf-8")  # the disk keeps the defect
    uri = open_document(client, path)
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["PL401"]
    _change(client, uri, 2, (4, 14), (4, 14), " ")  # "`Keypoints:` feedback"
    params = await published(client, uri)
    assert params.version == 2
    assert params.diagnostics == ()
    end = len(LIST.split("\n")[5])
    _change(client, uri, 3, (5, end), (5, end), "  ")  # trailing whitespace
    params = await published(client, uri)
    assert [(d.code, d.range.start.line) for d in params.diagnostics] == [("PL601", 5)]
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert (await published(client, uri)).diagnostics == ()


async def test_save_checks_again(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "lists" / "a.md"
    uri = open_document(client, path, LIST)
    await published(client, uri)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(uri), text=LIST.replace(":`f", ":` f")
        )
    )
    assert (await published(client, uri)).diagnostics == ()


async def test_columns_are_utf16_code_units(client: LanguageClient, tmp_path: Path) -> None:
    # "𝔸" (U+1D538) is one code point but two UTF-16 units: the trailing spaces after
    # two of them start at code point 62 and UTF-16 unit 64.
    line = "- `Objective:` Let transformers attend to their own 𝔸𝔸 memory.  "
    text = LIST.replace(LIST.split("\n")[5], line)
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    params = await published(client, uri)
    [found] = [d for d in params.diagnostics if d.code == "PL601"]
    units = len(line.rstrip().encode("utf-16-le")) // 2
    assert units == len(line.rstrip()) + 2
    assert found.range.start == types.Position(5, units)
    assert found.range.end == types.Position(5, units + 2)
    # An edit addressed in UTF-16 units after the astral characters lands where meant.
    _change(client, uri, 2, (5, units), (5, units + 2), "")
    params = await published(client, uri)
    assert [d.code for d in params.diagnostics] == ["PL401"]


async def test_suppression_comments_are_honoured(client: LanguageClient, tmp_path: Path) -> None:
    text = LIST.replace(
        "- `Keypoints:`", "<!-- paperlint-disable-next-line PL401 -->\n- `Keypoints:`"
    )
    uri = open_document(client, tmp_path / "lists" / "a.md", text)
    assert (await published(client, uri)).diagnostics == ()


async def test_configuration_from_the_documents_folder(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = tmp_path / "lists" / "sub"
    folder.mkdir()
    (folder / ".paperlint.toml").write_text('ignore = ["PL401"]\n', encoding="utf-8")
    uri = open_document(client, folder / "a.md", LIST)
    assert (await published(client, uri)).diagnostics == ()


async def test_broken_configuration_is_a_message_and_the_server_lives(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = tmp_path / "lists" / "broken"
    folder.mkdir()
    (folder / ".paperlint.toml").write_text("select = [\n", encoding="utf-8")
    uri = open_document(client, folder / "a.md", LIST)
    assert (await published(client, uri)).diagnostics == ()
    [message] = [m for m in client.messages if "invalid TOML" in m.message]
    assert message.type == types.MessageType.Error
    assert ".paperlint.toml:2:1" in message.message
    # Still serving: another document is checked.
    other = open_document(client, tmp_path / "lists" / "b.md", LIST)
    assert [d.code for d in (await published(client, other)).diagnostics] == ["PL401"]


async def test_other_languages_are_not_checked(client: LanguageClient, tmp_path: Path) -> None:
    open_document(client, tmp_path / "lists" / "a.py", "x = 1\n", language="python")
    uri = open_document(client, tmp_path / "lists" / "b.md", LIST)
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["PL401"]
    assert (tmp_path / "lists" / "a.py").as_uri() not in client.diagnostics
    assert any("python, not Markdown" in m.message for m in client.log_messages)


async def test_positions_outside_the_text_are_clamped_and_logged(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    _change(client, uri, 2, (99, 0), (99, 5), "\n#### Another paper\n")
    params = await published(client, uri)
    assert params.version == 2
    assert any("outside the text" in m.message for m in client.log_messages)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 99999))
    )
    assert hover is None or "PL401" in str(hover.contents)


async def test_stale_results_are_never_published(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "lists" / "a.md", LIST)
    await published(client, uri)
    versions = []
    for version in range(2, 12):  # ten edits in a burst: one check for the last
        _change(client, uri, version, (0, 0), (0, 0), "x" if version % 2 else "")
    while True:
        params = await published(client, uri)
        versions.append(params.version)
        if params.version == 11:
            break
    assert versions == sorted(versions)
    assert len(versions) < 10
