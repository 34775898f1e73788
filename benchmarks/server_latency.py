"""Latency of ``paperlint server``: from a ``didChange`` to the ``publishDiagnostics`` of
that version, on a generated list, as an editor sees it (a real client over stdio).

    python benchmarks/server_latency.py benchmarks/data/list-10000.md --edits 15

Each edit types one character into (or deletes it from) an entry's Objective at a
different place of the list, waits for the diagnostics of that version, then waits a
moment as a typist would. Prints one JSON object: the latency of every edit and the
server's CPU time for it (from /proc: what a loaded machine does not inflate), in seconds.
Used by ``run.py`` (target ``server``); needs the ``server`` extra.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

PAUSE_SECONDS = 0.2  # between edits: a typist's pause, so edits are not coalesced


async def measure(path: Path, edits: int, command: list[str]) -> dict[str, object]:
    client = LanguageClient("paperlint-benchmark", "1")
    published: dict[int, float] = {}
    indexed = asyncio.Event()
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            published[params.version] = time.perf_counter()
            arrived.set()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        if "indexed" in params.message:
            indexed.set()

    await client.start_io(*command)
    root = path.parent
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        )
    )
    client.initialized(types.InitializedParams())
    await indexed.wait()
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    uri = path.resolve().as_uri()
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )

    async def until(version: int) -> float:
        while version not in published:
            arrived.clear()
            await arrived.wait()
        return published[version]

    first = await until(1) - started
    targets = [n for n, line in enumerate(lines) if line.startswith("- `Objective:` ")]
    process = getattr(client, "_server", None)
    latencies, cpu = [], []
    for index in range(edits):
        line = targets[(index * 7919) % len(targets)]
        version = index + 2
        column = len("- `Objective:` ")
        if index % 2 == 0:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, column), types.Position(line, column)),
                text="x",
            )
        else:  # delete what the previous edit typed (on that edit's line)
            line = targets[((index - 1) * 7919) % len(targets)]
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, column), types.Position(line, column + 1)),
                text="",
            )
        sent, cpu_before = time.perf_counter(), cpu_seconds(process)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
            )
        )
        latencies.append(await until(version) - sent)
        cpu.append(cpu_seconds(process) - cpu_before)
        await asyncio.sleep(PAUSE_SECONDS)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"open": first, "latencies": latencies, "cpu": cpu}


def cpu_seconds(process: object) -> float:
    """User + system CPU time of the server process so far (Linux /proc; else 0)."""
    pid = getattr(process, "pid", None)
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--server", default=f"{sys.executable} -m paperlint server")
    args = parser.parse_args()
    # A workspace of its own: the other generated lists share papers with this one.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / args.path.name
        shutil.copyfile(args.path, path)
        result = asyncio.run(measure(path, args.edits, args.server.split()))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
