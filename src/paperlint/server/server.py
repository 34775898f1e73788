"""The language server: pygls wiring of documents, checks, and the features.

Checks run on one worker thread, so the event loop keeps reading the editor's messages
while a large list is checked. A document has at most one check running; edits that
arrive meanwhile are coalesced into the next one, and a result whose version is no longer
the document's is dropped, never published.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from paperlint import __version__
from paperlint.checker import Checker
from paperlint.report.base import INFORMATION_URI
from paperlint.result import FileResult
from paperlint.server import actions, completion, diagnostics, hover, memory, outline
from paperlint.server.documents import OpenDocument, Position
from paperlint.server.index import WorkspaceIndex, lists_in
from paperlint.server.linting import (
    Configurations,
    InputError,
    Lint,
    SetupError,
    check_text,
)
from paperlint.server.positions import from_units
from paperlint.source import Source

logger = logging.getLogger("paperlint.server")

# Edits closer together than this are checked together (one check, one publication).
DEBOUNCE_SECONDS = 0.02
MARKDOWN_SUFFIXES = (".md", ".markdown")
T = TypeVar("T")


class _Protocol(LanguageServerProtocol):
    """pygls's protocol without its own copy of each document: the server keeps the text
    (pygls re-joins every line of the document on each edit, and splits lines at form
    feeds and U+2028, where the protocol does not)."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


@dataclass
class _State:
    """What the server knows of one open document."""

    document: OpenDocument
    lint: Lint | None = None
    task: asyncio.Task[None] | None = None
    problem: str | None = None  # the configuration error last shown for it
    dirty: bool = False  # check again even if the version is the same (saved, index changed)

    def current(self) -> Lint | None:
        lint = self.lint
        if lint is None or self.dirty or lint.version != self.document.version:
            return None
        return lint


@dataclass
class PaperlintServer:
    """Open documents, their latest checks, the workspace index; the pygls server."""

    ls: LanguageServer
    states: dict[str, _State] = field(default_factory=dict)
    configurations: Configurations = field(default_factory=Configurations)
    index: WorkspaceIndex = field(default_factory=WorkspaceIndex)
    worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="paperlint-check")
    )
    roots: list[str] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)  # messages already shown once
    idle: asyncio.TimerHandle | None = None  # the collection due when the editor is quiet

    # -- helpers ---------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        encoding = self.ls.server_capabilities.position_encoding
        return str(encoding) if encoding is not None else "utf-16"

    def display(self, path: str) -> str:
        """A path as ``check`` run from the workspace root would print it."""
        for root in self.roots:
            relative = os.path.relpath(path, root)
            if not relative.startswith(".." + os.sep) and relative != "..":
                return relative.replace(os.sep, "/")
        return path

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        logger.info(message)
        self.ls.window_log_message(types.LogMessageParams(kind, message))

    def show(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.log(message, kind)
        self.ls.window_show_message(types.ShowMessageParams(kind, message))

    def internal_error(self, what: str, error: BaseException) -> None:
        logger.error("%s failed:\n%s", what, "".join(traceback.format_exception(error)))
        self.ls.window_log_message(
            types.LogMessageParams(
                types.MessageType.Error, "".join(traceback.format_exception(error))
            )
        )
        self.ls.window_show_message(
            types.ShowMessageParams(
                types.MessageType.Error,
                f"paperlint: internal error in {what}: {type(error).__name__}: {error}. "
                f"The server keeps running; please report it at {INFORMATION_URI}/issues",
            )
        )

    async def in_worker(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, functools.partial(function, *args))

    # -- checking ----------------------------------------------------------------------

    def schedule(self, uri: str) -> None:
        state = self.states.get(uri)
        if state is None:
            return
        if state.task is None or state.task.done():
            state.task = asyncio.ensure_future(self._check_until_current(uri))

    async def _check_until_current(self, uri: str) -> None:
        """Check the document until a check's version is still its version, then publish."""
        while True:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            state = self.states.get(uri)
            if state is None:
                return
            document = state.document
            version, text = document.version, document.text
            if state.current() is not None:
                return
            state.dirty = False
            try:
                lint = await self.in_worker(self._lint, document.path, version, text, state.lint)
            except SetupError as error:
                if state.problem != str(error):
                    state.problem = str(error)
                    self.show(f"paperlint: {error}; no diagnostics until it is fixed")
                self.ls.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri, [], version)
                )
                return
            except Exception as error:
                state.problem = f"{type(error).__name__}: {error}"
                self.internal_error(f"checking {document.path}", error)
                return
            state.problem = None
            if self.states.get(uri) is not state or state.document.version != version:
                continue  # stale: the document changed during the check; check it again
            state.lint = lint
            self.publish(uri, lint)
            changed = self.index.update(
                document.path, lint.result.path, lint.own.summaries, lint.checker
            )
            if changed:
                self.recheck_sharing(changed, except_uri=uri)
            self.collect_when_idle()
            return

    def _lint(self, path: str, version: int, text: str, previous: Lint | None) -> Lint:
        """Runs on the worker thread."""
        checker = self.configurations.checker_for(path)
        shown = self.display(path)
        try:
            with memory.checking():
                source, own = check_text(checker, shown, text, previous)
        except InputError as error:
            unreadable = FileResult(shown, [checker.unreadable(shown, str(error))])
            return Lint(version, Source(shown, ""), unreadable, checker, unreadable)
        return Lint(version, source, self._finish(checker, path, own), checker, own)

    def _finish(self, checker: Checker, path: str, own: FileResult) -> FileResult:
        """Cross-file problems against the workspace index, as ``check`` adds them."""
        import copy

        result = copy.copy(own)
        result.problems = list(own.problems)
        result.suppressions = copy.deepcopy(own.suppressions)
        others = self.index.sharing(path, own.summaries, checker)
        if others:
            checker.finish(sorted([result, *others], key=lambda r: r.path))
        return result

    def collect_when_idle(self) -> None:
        """Collect cycles (``memory.collect``) once no check has run for a while."""
        if self.idle is not None:
            self.idle.cancel()
        self.idle = asyncio.get_running_loop().call_later(memory.IDLE_SECONDS, self._collect)

    def _collect(self) -> None:
        self.idle = None
        if any(s.task is not None and not s.task.done() for s in self.states.values()):
            self.collect_when_idle()  # a check is running: later
            return
        future = asyncio.ensure_future(self.in_worker(memory.collect))  # never during a check
        future.add_done_callback(self._collected)

    def _collected(self, future: asyncio.Future[int]) -> None:
        if not future.cancelled() and (error := future.exception()) is not None:
            self.internal_error("collecting memory", error)

    def publish(self, uri: str, lint: Lint) -> None:
        found = diagnostics.diagnostics(lint.result.problems, lint.source, self.encoding)
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, found, lint.version)
        )

    def recheck_sharing(self, keys: set[str], except_uri: str | None = None) -> None:
        """Check again the open documents with a paper whose match key changed elsewhere."""
        for uri, state in self.states.items():
            if uri == except_uri or state.lint is None:
                continue
            if not keys.isdisjoint(self.index.keys(state.document.path)):
                state.dirty = True
                self.schedule(uri)

    # -- the workspace index -----------------------------------------------------------

    def build_index(self) -> None:
        """Runs on the worker thread, before any check."""
        started = time.perf_counter()
        for root in self.roots:
            try:
                checker = self.configurations.checker_in(root)
            except SetupError as error:
                self.show(f"paperlint: {error}; lists under {root} are not indexed")
                continue
            for path in lists_in(root, checker.settings.exclude):
                self.reindex(path)
        self.log(
            f"paperlint: indexed {len(self.index)} lists for duplicates across files "
            f"in {time.perf_counter() - started:.1f} s"
        )

    def reindex(self, path: str) -> set[str]:
        """Index the file on disk (runs on the worker thread)."""
        try:
            checker = self.configurations.checker_for(path)
        except SetupError:
            return self.index.remove(path)
        return self.index.read(path, self.display(path), checker)


def uri_path(uri: str) -> str:
    """The file system path of a ``file:`` URI (other URIs stay as they are)."""
    return to_fs_path(uri) or uri


def _is_list(document: types.TextDocumentItem) -> bool:
    return document.language_id == "markdown" or document.uri.lower().endswith(MARKDOWN_SUFFIXES)


H = TypeVar("H", bound=Callable[..., Any])


def create() -> LanguageServer:
    """The server, with every feature registered."""
    ls = LanguageServer("paperlint", __version__, protocol_cls=_Protocol)
    server = PaperlintServer(ls)

    def guard(what: str, default: Any = None) -> Callable[[H], H]:
        """A failure in one handler is reported and logged; the server keeps serving."""

        def decorate(handler: H) -> H:
            if asyncio.iscoroutinefunction(handler):

                @functools.wraps(handler)
                async def run_async(*args: Any) -> Any:
                    try:
                        return await handler(*args)
                    except Exception as error:
                        server.internal_error(what, error)
                        return default

                return run_async  # type: ignore[return-value]

            @functools.wraps(handler)
            def run(*args: Any) -> Any:
                try:
                    return handler(*args)
                except Exception as error:
                    server.internal_error(what, error)
                    return default

            return run  # type: ignore[return-value]

        return decorate

    @ls.feature(types.INITIALIZE)
    @guard("initialize")
    def initialize(params: types.InitializeParams) -> None:
        folders = [uri_path(f.uri) for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [uri_path(params.root_uri)]
        elif not folders and params.root_path:
            folders = [params.root_path]
        server.roots = [os.path.abspath(f) for f in folders if os.path.isdir(f)]

    @ls.feature(types.INITIALIZED)
    @guard("initialized")
    async def initialized(params: types.InitializedParams) -> None:
        await server.in_worker(server.build_index)
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [
            types.FileSystemWatcher("**/*.md"),
            types.FileSystemWatcher("**/{.paperlint.toml,paperlint.toml,pyproject.toml}"),
        ]
        registration = types.Registration(
            "paperlint-watch",
            types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            types.DidChangeWatchedFilesRegistrationOptions(watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as error:  # the client said it could, then did not
            server.log(f"paperlint: cannot watch files ({error})", types.MessageType.Warning)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guard("textDocument/didOpen")
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if not _is_list(item):
            server.log(f"paperlint: {item.uri} is {item.language_id}, not Markdown: not checked")
            return
        document = OpenDocument.open(
            item.uri, uri_path(item.uri), item.language_id, item.version, item.text
        )
        server.states[item.uri] = _State(document)
        server.schedule(item.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guard("textDocument/didChange")
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        state = server.states.get(params.text_document.uri)
        if state is None:
            return
        document = state.document
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                document.edit(
                    Position(start.line, start.character),
                    Position(end.line, end.character),
                    change.text,
                    server.encoding,
                )
            else:
                document.replace_all(change.text, params.text_document.version)
        document.version = params.text_document.version
        if document.clamped:
            where = ", ".join(f"{p.line}:{p.character}" for p in document.clamped[:3])
            server.log(
                f"paperlint: {document.uri}: the editor sent positions outside the text "
                f"({where}); clamped to the nearest valid position",
                types.MessageType.Warning,
            )
            document.clamped.clear()
        server.schedule(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guard("textDocument/didSave")
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        state = server.states.get(params.text_document.uri)
        if state is None:
            return
        if params.text is not None:
            state.document.replace_all(params.text, state.document.version)
        state.dirty = True  # the configuration may have changed with it: check again
        server.schedule(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guard("textDocument/didClose")
    async def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = server.states.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        if state is not None:
            if state.task is not None:
                state.task.cancel()
            if os.path.isfile(state.document.path):
                changed = await server.in_worker(server.reindex, state.document.path)
            else:
                changed = server.index.remove(state.document.path)
            server.recheck_sharing(changed)

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guard("workspace/didChangeWatchedFiles")
    async def did_change_watched(params: types.DidChangeWatchedFilesParams) -> None:
        open_paths = {state.document.path for state in server.states.values()}
        changed: set[str] = set()
        for event in params.changes:
            path = uri_path(event.uri)
            if not path.endswith(".md"):
                for state in server.states.values():  # a configuration file: check again
                    state.dirty = True
                    server.schedule(state.document.uri)
                continue
            if path in open_paths:
                continue
            if event.type == types.FileChangeType.Deleted:
                changed |= server.index.remove(path)
            else:
                changed |= await server.in_worker(server.reindex, path)
        server.recheck_sharing(changed)

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]),
    )
    @guard("textDocument/codeAction", default=[])
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        lint = await current(params.text_document.uri)
        if lint is None or lint.own.document is None:
            return []
        return await server.in_worker(
            actions.code_actions,
            params.text_document.uri,
            lint.version,
            lint.checker,
            lint.own,
            lint.result.problems,
            params.range,
            params.context.only,
            server.encoding,
        )

    async def current(uri: str) -> Lint | None:
        """The check of the document's present version (checked now if need be); None
        when it cannot be checked (a configuration error, already shown)."""
        state = server.states.get(uri)
        if state is None:
            return None
        for _ in range(3):  # an edit may arrive while waiting: wait for that check too
            lint = state.current()
            if lint is not None:
                return lint
            server.schedule(uri)
            if state.task is not None:
                await asyncio.shield(state.task)
            if server.states.get(uri) is not state or state.problem is not None:
                return None
        return state.current()

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    @guard("textDocument/hover")
    async def on_hover(params: types.HoverParams) -> types.Hover | None:
        lint = await current(params.text_document.uri)
        if lint is None:
            return None
        return hover.rule_hover(lint.result.problems, lint.source, params.position, server.encoding)

    @ls.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guard("textDocument/documentSymbol", default=[])
    async def document_symbols(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        lint = await current(params.text_document.uri)
        if lint is None or lint.own.document is None:
            return []
        return outline.symbols(lint.own.document, server.encoding)

    @ls.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["`"]))
    @guard("textDocument/completion")
    def complete(params: types.CompletionParams) -> types.CompletionList | None:
        state = server.states.get(params.text_document.uri)
        if state is None:
            return None
        document = state.document
        line_number = params.position.line
        if not 0 <= line_number < len(document.lines):
            return None
        line = document.lines[line_number].rstrip("\r\n")
        column = from_units(line, params.position.character, server.encoding).index
        try:
            checker = server.configurations.checker_for(document.path)
        except SetupError as error:
            server.show(f"paperlint: {error}")
            return None
        labels = checker.schema.labels
        items = completion.label_items(line, column, labels, server.encoding, line_number)
        return types.CompletionList(is_incomplete=False, items=items) if items else None

    @ls.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        if server.idle is not None:
            server.idle.cancel()
        server.worker.shutdown(wait=False, cancel_futures=True)

    ls.paperlint = server  # type: ignore[attr-defined]
    return ls
