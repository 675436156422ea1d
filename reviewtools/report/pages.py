"""Every HTML page reviewtools writes comes from the Jinja2 templates in report/templates/, rendered here.

One environment: autoescaping on for every template (nothing taken from a document can become markup),
undefined names an error rather than an empty string. The workbench's pages extend the same base.html.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from reviewtools import __version__

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.globals["version"] = __version__
    return env


def render(template: str, **context) -> bytes:
    """The page `template` (a path under report/templates/) filled with `context`, as UTF-8 bytes."""
    return environment().get_template(template).render(**context).encode("utf-8")
