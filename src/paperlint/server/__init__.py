"""``paperlint server``: a Language Server Protocol server on stdin/stdout.

Editors get the diagnostics of ``paperlint check`` as they type, quick fixes from the fix
engine, the rules' documentation on hover, an outline and field-label completion. It
needs the ``server`` extra (``pip install 'paperlint[server]'``: pygls and lsprotocol).
"""

from __future__ import annotations

import importlib.util

REQUIRED = ("pygls", "lsprotocol")
INSTALL_HINT = "pip install 'paperlint[server]'"


def missing() -> list[str]:
    """The packages the server needs that are not installed."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def serve() -> None:
    """Serve one editor over stdin/stdout until it says exit."""
    import gc
    import logging

    from paperlint.server.server import create

    # The CLI turns the cycle collector off for one short run; a server lives long.
    gc.enable()
    gc.set_threshold(50_000, 20, 20)
    logging.basicConfig(level=logging.WARNING, format="paperlint server: %(message)s")
    create().start_io()
