"""`reviewtools user`: the workbench's accounts (add, list, password, role, deactivate)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from reviewtools.cli.options import CONTEXT, config_option, db_option, friendly, registry_of, settings_for
from reviewtools.errors import UsageError

ROLE_CHOICE = click.Choice(["审查员", "负责人", "reviewer", "head"])


@click.group("user", context_settings=CONTEXT, short_help="管理工作台账号。",
             help="管理审查工作台（reviewtools serve）的账号。角色：审查员（审查、提出建议）、负责人（另可作出决定、发布目录、管理账号）。")
def user() -> None:
    pass


@contextmanager
def _accounts(db: str | None, config: str | None) -> Iterator:
    try:
        from reviewtools.registry.accounts import Accounts
    except ImportError as exc:
        raise UsageError("工作台组件未安装：pip install 'reviewtools[web]'") from exc
    from reviewtools.registry import Registry

    with Registry(registry_of(db, settings_for(config))) as reg:
        yield Accounts(reg)


def _password(given: bool) -> str:
    if given:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")


@user.command("add", context_settings=CONTEXT, help="新建账号（密码在提示时输入，或用 --password-stdin 从标准输入读一行）。")
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, default="审查员", show_default=True, help="角色。")
@click.option("--name", default="", help="姓名（决定和审计记录中显示）。")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）。")
@db_option
@config_option
@friendly
def add(username: str, role: str, name: str, password_stdin: bool, db: str | None, config: str | None) -> None:
    with _accounts(db, config) as accounts:
        account = accounts.add(username, _password(password_stdin), role, name)
        accounts.record("命令行", "新建账号", f"{account.shown}：{account.role_name}")
        click.echo(f"已建立账号 {account.shown}（{account.role_name}）")


@user.command("list", context_settings=CONTEXT, help="列出账号。")
@db_option
@config_option
@friendly
def list_(db: str | None, config: str | None) -> None:
    with _accounts(db, config) as accounts:
        for a in accounts.all():
            click.echo(f"{a.username}\t{a.name}\t{a.role_name}\t{'启用' if a.active else '已停用'}\t{a.created_at[:10]}")


@user.command("passwd", context_settings=CONTEXT, help="重设密码。")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）。")
@db_option
@config_option
@friendly
def passwd(username: str, password_stdin: bool, db: str | None, config: str | None) -> None:
    with _accounts(db, config) as accounts:
        accounts.set_password(username, _password(password_stdin))
        accounts.record("命令行", "重设密码", username)
        click.echo(f"已重设 {username} 的密码")


@user.command("role", context_settings=CONTEXT, help="改变角色。")
@click.argument("username")
@click.argument("role", type=ROLE_CHOICE)
@db_option
@config_option
@friendly
def role(username: str, role: str, db: str | None, config: str | None) -> None:
    with _accounts(db, config) as accounts:
        accounts.set_role(username, role)
        accounts.record("命令行", "改变角色", f"{username}：{role}")
        click.echo(f"{username} 的角色已改为{role}")


@user.command("disable", context_settings=CONTEXT, help="停用账号（记录中仍保留其姓名）。")
@click.argument("username")
@db_option
@config_option
@friendly
def disable(username: str, db: str | None, config: str | None) -> None:
    with _accounts(db, config) as accounts:
        accounts.set_active(username, False)
        accounts.record("命令行", "停用账号", username)
        click.echo(f"已停用 {username}")
