"""成文日期 on a signature line: Arabic or Chinese numerals, glued to what a page break put after it."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.extract.dates import signature_date


@pytest.mark.parametrize(("line", "expected", "span"), [
    ("2024年3月5日", date(2024, 3, 5), (0, 9)),
    ("二〇二三年十二月三十一日", date(2023, 12, 31), (0, 12)),
    ("二○一○年十一月一日", date(2010, 11, 1), (0, 10)),
    ("二OO四年七月二十日", date(2004, 7, 20), (0, 10)),  # Latin O for 〇, as reprints type it
    ("二0二三年五月六日", date(2023, 5, 6), (0, 9)),  # digit 0 for 〇
    ("2012年12月12日抄送：县委办公室。", date(2012, 12, 12), (0, 11)),  # the 版记 glued by a page break
    ("2019年1月9日（此件公开发布）", date(2019, 1, 9), (0, 9)),
    ("201659", date(2016, 5, 9), (0, 6)),  # a damaged copy's digits
])
def test_signature_dates(line, expected, span):
    assert signature_date(line) == (expected, *span)


@pytest.mark.parametrize("line", ["2023年5月8日印发", "2024年3月5日起施行", "二〇二三年十三月一日", "自2024年1月1日起"])
def test_not_a_signature_date(line):
    assert signature_date(line) is None
