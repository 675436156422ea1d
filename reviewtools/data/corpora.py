"""All the shipped reference data at once, for `reviewtools corpora`: validate the files together (plans
name successors in laws.csv) and count their rows. Each table has its own module: laws, agencies, plans,
abolished, simplified."""

from __future__ import annotations

from reviewtools.data import abolished, agencies, laws, plans, simplified
from reviewtools.data.tables import Row, read_rows


def validate(law_rows: list[Row] | None = None, agency_rows: list[Row] | None = None,
             plan_rows: list[Row] | None = None, abolished_rows: list[Row] | None = None,
             t2s_rows: list[Row] | None = None) -> list[str]:
    """Every problem in the five files, in Chinese, naming file and line; [] when all is well.

    Rows default to the shipped files; pass rows (from `read_rows`, possibly edited) to check them instead."""
    law_rows = read_rows("laws.csv") if law_rows is None else law_rows
    agency_rows = read_rows("agencies.csv") if agency_rows is None else agency_rows
    plan_rows = read_rows("plans.csv") if plan_rows is None else plan_rows
    abolished_rows = read_rows("abolished.csv") if abolished_rows is None else abolished_rows
    t2s_rows = read_rows("t2s.csv") if t2s_rows is None else t2s_rows
    return (laws.validate(law_rows) + agencies.validate(agency_rows) + plans.validate(plan_rows, law_rows)
            + abolished.validate(abolished_rows) + simplified.validate(t2s_rows))


def summary() -> dict:
    """Row counts per file, and per level / status / verified."""
    return {"laws.csv": laws.summary(), "agencies.csv": agencies.summary(), "plans.csv": plans.summary(),
            "abolished.csv": abolished.summary(), "t2s.csv": simplified.summary()}
