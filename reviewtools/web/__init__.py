"""The officers' workbench: `reviewtools serve`, a local web application over the registry.

Flask with server-rendered pages from the same Jinja2 templates as every other page reviewtools writes
(report/templates; the workbench's are under web/), a little JavaScript (static/workbench.js), sessions and
login from Flask-Login, CSRF protection from Flask-WTF, served by waitress. Parts, one blueprint each:
drafts (review, decisions, rounds, downloads), screening (fair-competition form and conclusion), cleanup
(annual cleanup jobs, proposals, decisions, publishing), accounts (staff and the audit trail), auth (log in).

    app = create_app(Options(db="reviewtools.sqlite", data=Path("reviewtools-web"), folders=(Path("/srv/docs"),)))
"""

from reviewtools.web.app import Options
from reviewtools.web.factory import create_app

__all__ = ["Options", "create_app"]
