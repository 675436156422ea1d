"""Command line: thin click commands that parse options, call the library and print.

Each command lives in its own module and is added to `main` here, by name. Click's own words are put into
Chinese when the program runs (`Main.main`), never at import: importing this package changes nothing.
"""

from __future__ import annotations

import click

from reviewtools import __version__
from reviewtools.cli import catalogue, cleanup, corpora, init, parse, review, rules, screen, waive, zh
from reviewtools.cli.options import CONTEXT


class Main(click.Group):
    def main(self, *args, **kwargs):
        zh.install()
        zh.localize(self)
        return super().main(*args, **kwargs)


@click.group(cls=Main, context_settings=CONTEXT,
             help="行政规范性文件审查工具：合法性审核、公平竞争审查、年度清理与现行有效目录。")
@click.version_option(__version__, "-V", "--version", message="reviewtools %(version)s", help="显示版本并退出。")
def main() -> None:
    pass


for command in (parse.parse, review.review, screen.screen, screen.screen_conclude, cleanup.cleanup,
                catalogue.catalogue_command, rules.rules, rules.rule, waive.waive, init.init, corpora.corpora):
    main.add_command(command)
