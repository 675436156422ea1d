"""corpora/plans.csv: periods in every written form, successors that exist."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.data.laws import find_law
from reviewtools.data.plans import Plan, plans


def plan(title: str) -> Plan:
    return next(p for p in plans() if p.title == title)


@pytest.mark.parametrize("text", [
    "法治政府建设实施纲要（2015-2020年）", "法治政府建设实施纲要(2015—2020年)", "法治政府建设实施纲要（2015年－2020年）",
    "法治政府建设实施纲要（2015–2020）", "法治政府建设实施纲要（2015~2020年）", "法治政府建设实施纲要（2015至2020年）",
    "法治政府建设实施纲要（2015——2020年）",
])
def test_plan_period_variants(text: str):
    p = plan("法治政府建设实施纲要（2015—2020年）")
    assert p.pattern.search(text)
    assert not plan("法治政府建设实施纲要（2021—2025年）").pattern.search(text)
    assert (p.start, p.end, p.successor) == (2015, 2020, "法治政府建设实施纲要（2021—2025年）")
    assert p.expired_on(date(2026, 1, 1)) and not p.expired_on(date(2020, 12, 31))


def test_plan_series():
    assert [p for p in plans() if p.pattern.search("“十三五”时期")][0].end == 2020
    assert [p for p in plans() if p.pattern.search("七五普法")][0].successor.startswith("中央宣传部、司法部")
    gb = [p for p in plans() if p.pattern.search("GB/T 9704-1999")]
    assert gb and gb[0].successor == "党政机关公文格式（GB/T 9704-2012）"
    fcr = [p for p in plans() if p.pattern.search("国发〔2016〕34号")]
    assert fcr and fcr[0].successor == "公平竞争审查条例" and find_law(fcr[0].successor) is not None

