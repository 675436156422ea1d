"""`reviewtools user`: the workbench's accounts from the command line."""

from __future__ import annotations

from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.registry import Registry
from reviewtools.registry.accounts import Accounts


def run(*args, stdin: str | None = None):
    return CliRunner().invoke(main, ["user", *args], input=stdin)


def test_accounts_are_added_listed_changed_and_disabled(tmp_path):
    db = str(tmp_path / "r.sqlite")
    added = run("add", "zhang", "--role", "负责人", "--name", "张科长", "--password-stdin", "--db", db,
                stdin="很长的一个密码啊啊\n")
    assert added.exit_code == 0 and added.stdout == "已建立账号 张科长（zhang）（负责人）\n"
    assert run("add", "li", "--password-stdin", "--db", db, stdin="另一个长密码哦哦哦\n").exit_code == 0
    listed = run("list", "--db", db).stdout.splitlines()
    assert [line.split("\t")[:4] for line in listed] == [["zhang", "张科长", "负责人", "启用"], ["li", "li", "审查员", "启用"]]
    alone = run("role", "zhang", "审查员", "--db", db)
    assert alone.exit_code == 2 and "zhang 是唯一的负责人，不能降为审查员或停用" in alone.stderr
    assert run("passwd", "li", "--password-stdin", "--db", db, stdin="新的长密码呀呀呀\n").exit_code == 0
    assert run("disable", "li", "--db", db).exit_code == 0
    with Registry(db) as reg:
        accounts = Accounts(reg)
        assert accounts.verify("zhang", "很长的一个密码啊啊").name == "张科长"
        assert accounts.verify("li", "新的长密码呀呀呀") is None  # disabled
        assert accounts.get("li").active is False
        assert [(e.who, e.action) for e in reversed(accounts.trail())] == [
            ("命令行", "新建账号"), ("命令行", "新建账号"), ("命令行", "重设密码"), ("命令行", "停用账号")]
        stored = reg.one("SELECT password_hash FROM accounts WHERE username = 'zhang'")[0]
    assert stored.startswith("scrypt:") and "很长的一个密码啊啊" not in stored


def test_bad_accounts_are_refused_in_one_chinese_line(tmp_path):
    db = str(tmp_path / "r.sqlite")
    short = run("add", "wang", "--password-stdin", "--db", db, stdin="短\n")
    assert short.exit_code == 2 and short.stderr == "错误：密码至少 8 个字符\n"
    run("add", "wang", "--password-stdin", "--db", db, stdin="足够长的密码就是这样\n")
    again = run("add", "wang", "--password-stdin", "--db", db, stdin="足够长的密码就是这样\n")
    assert again.exit_code == 2 and again.stderr == "错误：用户名已存在：wang\n"
    assert run("passwd", "nobody", "--password-stdin", "--db", db, stdin="足够长的密码就是这样\n").stderr == \
        "错误：账号不存在：nobody\n"
