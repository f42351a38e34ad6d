"""`pmlint lsp`: a language server (LSP over stdio) built on pygls.

server: the features; linting: config discovery, bad input and the background pipeline;
positions: pmlint spans <-> LSP positions in the negotiated encoding; convert: diagnostics
and hovers; actions: quick fixes, fix-all and suppressions.
"""

from __future__ import annotations

__all__ = ["serve"]


def serve() -> None:
    """Run the server over stdin/stdout until the client says exit."""
    from pmlint.lsp.server import create_server

    create_server().start_io()
