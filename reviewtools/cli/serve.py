"""`reviewtools serve`: the officers' workbench, a local web application over the registry."""

from __future__ import annotations

import os
from pathlib import Path

import click

from reviewtools.cli.options import CONTEXT, config_option, db_option, friendly, registry_of, settings_for
from reviewtools.errors import UsageError

MISSING = "工作台组件未安装：pip install 'reviewtools[web]'"


@click.command("serve", context_settings=CONTEXT, short_help="启动审查工作台（本机或内网的网页）。",
               help="启动审查工作台：在浏览器中上传草案、查看问题并作出处理决定、复核修改稿、公平竞争审查、年度清理和发布目录。"
                    "所有页面和资源都在本机，不需要互联网。多人使用时先用 reviewtools user add 建立账号；"
                    "--local 供一名审查人员在本机使用，只监听 127.0.0.1，不需要登录。")
@click.option("--host", default=None, metavar="地址", help="监听地址（默认 127.0.0.1；内网共用时如 0.0.0.0）。")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), metavar="端口", help="端口。")
@click.option("--local", is_flag=True, help="单人本机使用：只监听 127.0.0.1，不需要账号。")
@click.option("--data", type=click.Path(file_okay=False), metavar="文件夹",
              help="工作台文件夹：上传的草案、发布的目录、会话密钥（默认配置 web.data，未配置为 ./reviewtools-web）。")
@click.option("--folder", "folders", multiple=True, type=click.Path(exists=True, file_okay=False), metavar="文件夹",
              help="允许年度清理读取的文件夹，可重复（另见配置 web.folders）；此外的路径一律拒绝。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="年度清理读取文件的进程数（默认为 CPU 核数）。")
@db_option
@config_option
@friendly
def serve(host: str | None, port: int, local: bool, data: str | None, folders: tuple[str, ...], jobs: int | None,
          db: str | None, config: str | None) -> None:
    try:
        import waitress

        from reviewtools.web import Options, create_app
    except ImportError as exc:
        raise UsageError(MISSING) from exc
    from reviewtools.registry import Registry, name_of
    from reviewtools.registry.accounts import Accounts

    settings = settings_for(config)
    db = registry_of(db, settings)
    if local and host not in (None, "127.0.0.1", "localhost"):
        raise UsageError("--local 只监听本机（127.0.0.1），不能与其他 --host 同用")
    host = host or "127.0.0.1"
    if not local:
        with Registry(db) as reg:
            if Accounts(reg).count() == 0:
                raise UsageError(f"登记库 {name_of(db)} 中还没有账号：先运行 reviewtools user add 用户名 --role 负责人，"
                                 "或用 serve --local 单人本机使用")
    options = Options(db, Path(data or settings.web_data), tuple(Path(f) for f in (*settings.web_folders, *folders)),
                      local, settings, jobs or os.cpu_count() or 1)
    app = create_app(options)
    click.echo(f"审查工作台：http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
               f"（登记库 {name_of(db)}；按 Ctrl-C 停止）")
    waitress.serve(app, host=host, port=port, threads=8, ident="reviewtools", _quiet=True)
