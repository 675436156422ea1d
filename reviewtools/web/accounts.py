"""The office's accounts and the audit trail, for a 负责人: add staff, change roles, reset passwords, deactivate."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from reviewtools.registry.accounts import ROLES, Accounts
from reviewtools.web.app import registry
from reviewtools.web.auth import audit, head_required

blueprint = Blueprint("accounts", __name__, url_prefix="/accounts")


@blueprint.get("/")
@head_required
def home():
    accounts = Accounts(registry())
    return render_template("web/accounts.html", title="账号与审计", accounts=accounts.all(), roles=ROLES,
                           trail=accounts.trail())


@blueprint.post("/")
@head_required
def change():
    """One change: add (username, name, role, password), role, password or active, for `username`."""
    accounts = Accounts(registry())
    form = request.form
    username, action = form.get("username", "").strip(), form.get("action", "")
    if action == "add":
        account = accounts.add(username, form.get("password", ""), form.get("role", "reviewer"), form.get("name", ""))
        audit("新建账号", f"{account.shown}：{account.role_name}")
        flash(f"已建立账号 {account.shown}（{account.role_name}）。", "info")
    elif action == "role":
        accounts.set_role(username, form.get("role", ""))
        audit("改变角色", f"{username}：{ROLES.get(form.get('role', ''), form.get('role', ''))}")
        flash(f"已改变 {username} 的角色。", "info")
    elif action == "password":
        accounts.set_password(username, form.get("password", ""))
        audit("重设密码", username)
        flash(f"已重设 {username} 的密码。", "info")
    elif action in ("disable", "enable"):
        accounts.set_active(username, action == "enable")
        audit("停用账号" if action == "disable" else "启用账号", username)
        flash(f"已{'停用' if action == 'disable' else '启用'} {username}。", "info")
    else:
        flash("操作无效。", "error")
    return redirect(url_for("accounts.home"), 303)
