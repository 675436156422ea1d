"""The annual cleanup in the workbench (to be built: jobs, progress, proposals, decisions, publishing)."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import login_required

blueprint = Blueprint("cleanup", __name__, url_prefix="/cleanup")


@blueprint.get("/")
@login_required
def home():
    return redirect(url_for("drafts.home"))


def resume(app) -> None:
    """Take up the cleanups a stopped server left running."""
