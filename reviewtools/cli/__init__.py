"""Command line: thin click commands that parse options, call the library and print.

Each command lives in its own module, named here with the function that is the command; a module is imported
only when its command runs (or when --help lists every command), so a command pays for no other's imports.
Click's own words are put into Chinese when the program runs (`Main.main`), never at import: importing this
package changes nothing.
"""

from __future__ import annotations

import os
from importlib import import_module

import click

from reviewtools import __version__
from reviewtools.cli import zh
from reviewtools.cli.options import CONTEXT

# Command name → (module of reviewtools.cli, the click command in it).
COMMANDS = {
    "parse": ("parse", "parse"),
    "review": ("review", "review"),
    "screen": ("screen", "screen"),
    "screen-conclude": ("screen", "screen_conclude"),
    "cleanup": ("cleanup", "cleanup"),
    "catalogue": ("catalogue", "catalogue_command"),
    "rules": ("rules", "rules"),
    "rule": ("rules", "rule"),
    "waive": ("waive", "waive"),
    "init": ("init", "init"),
    "corpora": ("corpora", "corpora"),
    "serve": ("serve", "serve"),
    "user": ("user", "user"),
}


class Main(click.Group):
    def main(self, *args, **kwargs):
        # numpy's OpenBLAS starts a thread per core at import, a tenth of a second of CPU for nothing: the
        # tool multiplies no large matrices, and `review DIR` spreads over the cores with processes.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        zh.install()
        zh.localize(self)
        return super().main(*args, **kwargs)

    def list_commands(self, ctx) -> list[str]:
        return sorted(COMMANDS)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand:  # its closest names are taken from the commands loaded: none
            raise click.exceptions.NoSuchCommand(args[0], possibilities=COMMANDS, ctx=ctx) from None

    def get_command(self, ctx, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name]
        command = getattr(import_module(f"{__name__}.{module}"), attr)
        zh.localize(command)
        return command


@click.group(cls=Main, context_settings=CONTEXT,
             help="行政规范性文件审查工具：合法性审核、公平竞争审查、年度清理与现行有效目录。")
@click.version_option(__version__, "-V", "--version", message="reviewtools %(version)s", help="显示版本并退出。")
def main() -> None:
    pass
