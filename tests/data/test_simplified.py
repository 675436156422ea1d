"""corpora/t2s.csv: traditional characters read one for one as simplified; bad rows reported."""

from __future__ import annotations

import copy

from reviewtools.data.simplified import table, validate
from reviewtools.data.tables import read_rows


def test_traditional_characters_of_official_writing_are_read_as_simplified():
    assert "懷政辦發〔2023〕9號關於規範行政執法的決定".translate(table()) == "怀政办发〔2023〕9号关于规范行政执法的决定"


def test_simplified_text_is_left_as_it_is():
    text = "某县人民政府办公室关于印发促进民营经济发展若干措施的通知（某政办发〔2024〕3号）"
    assert text.translate(table()) == text


def test_the_shipped_table_is_valid_and_one_for_one():
    assert validate(read_rows("t2s.csv")) == []
    assert all(len(s) == 1 for s in table().values())


def test_bad_rows_are_reported():
    rows = copy.deepcopy(read_rows("t2s.csv"))
    first = dict(rows[0])
    rows += [dict(first), {**first, "traditional": "發號"}, {**first, "traditional": "号", "simplified": "号"},
             {**first, "traditional": "发", "simplified": "癹"}]
    problems = "\n".join(validate(rows))
    assert "traditional 重复" in problems
    assert "须各为一个字符" in problems
    assert "simplified 与 traditional 相同" in problems
    assert "（发）：traditional 又是另一行的 simplified" in problems
