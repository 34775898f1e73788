"""On every corpus file the server's diagnostics are ``paperlint check --format json``'s."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import SERVER, initialize, open_document, published
from helpers import CORPUS, CORPUS_FILES

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def corpus_client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copytree(CORPUS, tmp_path / "corpus")
    await initialize(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


def code_points(line: str, units: int) -> int:
    """The code-point column of a UTF-16 column."""
    counted = 0
    for index, char in enumerate(line):
        if counted >= units:
            return index
        counted += 2 if ord(char) > 0xFFFF else 1
    return len(line)


async def test_diagnostics_equal_check_json(corpus_client: LanguageClient, tmp_path: Path) -> None:
    client = corpus_client
    done = subprocess.run(
        [sys.executable, "-m", "paperlint", "check", "--format", "json", "corpus"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    expected: dict[str, list[tuple[object, ...]]] = {}
    for item in json.loads(done.stdout):
        expected.setdefault(item["path"], []).append(
            (
                item["line"],
                item["column"],
                item["end_line"],
                item["end_column"],
                item["code"],
                item["severity"],
                item["message"],
            )
        )
    assert len(CORPUS_FILES) == 14
    for original in CORPUS_FILES:
        path = tmp_path / "corpus" / original.parent.name / original.name
        shown = f"corpus/{original.parent.name}/{original.name}"
        uri = open_document(client, path)
        params = await published(client, uri)
        lines = (
            path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        )
        got = []
        for d in params.diagnostics:
            severity = "error" if d.severity == types.DiagnosticSeverity.Error else "warning"
            start = d.range.start
            column = code_points(lines[start.line], start.character) + 1
            item = [start.line + 1, column, None, None, d.code, severity, d.message]
            want = next(
                (
                    e
                    for e in expected.get(shown, [])
                    if e[:2] == (item[0], item[1]) and e[4] == d.code
                ),
                None,
            )
            if want is not None and want[2] is not None:
                end = d.range.end
                item[2], item[3] = end.line + 1, code_points(lines[end.line], end.character) + 1
            got.append(tuple(item))
        assert got == expected.get(shown, []), shown
