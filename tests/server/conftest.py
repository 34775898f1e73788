"""A real LSP client (pytest-lsp) talking to ``paperlint server`` over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp", reason="needs the test extra (pytest-lsp)")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = Path(__file__).parent
SERVER = [sys.executable, "-m", "paperlint", "server"]
# A server that fails inside every documentSymbol request (the robustness test).
FAULTY = [sys.executable, str(HERE / "faulty_server.py")]
# Hang guard only: every wait here ends in well under a second when things work.
WAIT = 60.0

LIST = """\
# PaperList
## 202404
### LLM
#### TransformerFAM: Feedback attention
- `Keypoints:`feedback attention; working memory
- `Objective:` Let transformers attend to their own latent memory.
"""


def capabilities() -> types.ClientCapabilities:
    """VS Code's, but without dynamic registration, which pytest-lsp's client lacks."""
    found = client_capabilities("visual-studio-code")
    assert found.workspace is not None and found.workspace.did_change_watched_files is not None
    found.workspace.did_change_watched_files.dynamic_registration = False
    return found


async def initialize(client: LanguageClient, root: Path) -> None:
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        )
    )
    await indexed(client)


async def indexed(client: LanguageClient) -> None:
    """Wait until the server says the workspace index is built."""
    while not any("indexed" in m.message for m in client.log_messages):
        await asyncio.wait_for(client.wait_for_notification("window/logMessage"), WAIT)


async def published(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """The next diagnostics the server publishes for ``uri`` (call right after sending)."""
    while True:
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), WAIT
        )
        if params.uri == uri:
            return params  # type: ignore[no-any-return]


def open_document(
    client: LanguageClient, path: Path, text: str | None = None, language: str = "markdown"
) -> str:
    uri = path.as_uri()
    body = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, body))
    )
    return uri


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "lists").mkdir()
    await initialize(lsp_client, tmp_path / "lists")
    yield
    await lsp_client.shutdown_session()
