"""`pmlint lsp`: the language server for editors."""

from __future__ import annotations

import click


@click.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk LSP over stdin/stdout (the default and only transport; accepted because "
    "many editors pass it).",
)
def lsp(stdio: bool) -> None:
    """Run the pmlint language server (LSP over stdin/stdout).

    An editor starts it and sends each open Markdown file: pmlint reports diagnostics as
    you type (the same rules and config discovery as `pmlint check`), offers quick fixes,
    "Fix all pmlint" (code action kind source.fixAll.pmlint) and "Disable PMxxx for this
    line", and shows `pmlint explain` when you hover over a finding.

    Settings come from the client's initializationOptions: nlpModel (as --nlp-model), select
    and ignore (lists of what --select/--ignore take). See the README's "Editor
    integration" for VS Code, Neovim, Helix and Zed.
    """
    from pmlint.lsp import serve  # pygls loads only when the server runs

    serve()
