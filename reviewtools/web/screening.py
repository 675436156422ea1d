"""Fair-competition screening in the workbench (to be built: the form on screen, the conclusion, downloads)."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import login_required

blueprint = Blueprint("screening", __name__, url_prefix="/screening")


@blueprint.get("/")
@login_required
def home():
    return redirect(url_for("drafts.home"))


@blueprint.get("/rounds/<int:round_id>")
@login_required
def show(round_id: int):
    return redirect(url_for("drafts.show", round_id=round_id))
