"""corpora/abolished.csv: abolished systems in their written forms, successors left alone, bad rows reported."""

from __future__ import annotations

import copy

import pytest

from reviewtools.data.abolished import abolished, validate
from reviewtools.data.tables import read_rows


def matching(text: str) -> list[str]:
    return [a.name for a in abolished() if a.pattern.search(text)]


@pytest.mark.parametrize(("text", "name"), [
    ("解除劳动教养人员", "劳动教养"), ("劳教人员", "劳动教养"), ("征收社会抚养费", "社会抚养费"),
    ("免征农林特产税", "农业税"), ("牧业税", "农业税"), ("缴纳营业税", "营业税"), ("暂住证", "暂住证"),
    ("国有土地使用证", "土地使用证、房屋所有权证"), ("房屋所有权证", "土地使用证、房屋所有权证"), ("排污费", "排污费"),
    ("征收价格调节基金", "价格调节基金"), ("预缴新型墙体材料专项基金", "城市公用事业附加、新型墙体材料专项基金"),
    ("缴纳水资源费", "水资源费"), ("征收计划外生育费", "社会抚养费"),
    ("免征地方所得税", "外商投资企业和外国企业所得税、地方所得税"), ("免征产品税", "1994年工商税制改革前的税种"), ("参加城镇居民医保", "新型农村合作医疗、城镇居民基本医疗保险"),
])
def test_old_systems_are_caught(text: str, name: str):
    assert matching(text) == [name]


@pytest.mark.parametrize("text", ["居住证", "不动产权证书", "增值税", "环境保护税", "营业税改征增值税", "土地使用权出让",
                                  "《排污费征收使用管理条例》", "城镇土地使用税", "劳动教育",
                                  "《取水许可和水资源费征收管理条例》", "水资源税", "新型墙体材料",
                                  "地方所得税收达到50万元", "农产品税收",
                                  # an old certificate beside other proof, which 第三十三条 keeps valid
                                  "持房屋所有权证或者其他合法证明", "提交土地使用证或不动产权证书"])
def test_current_systems_are_left_alone(text: str):
    assert matching(text) == []


def test_every_row_names_the_act_that_ended_it():
    for a in abolished():
        assert a.basis and a.source and 1990 <= a.year <= 2030


@pytest.mark.parametrize(("changes", "expected"), [
    ({"year": "13"}, "不是四位年份"), ({"verified": "maybe"}, "verified 的值"), ({"basis": ""}, "basis 不能为空"),
    ({"counter": "对解除劳动教养人员做好安置帮教。"}, "误匹配 counter"),
])
def test_validator_reports_bad_rows(changes: dict, expected: str):
    rows = copy.deepcopy(read_rows("abolished.csv"))
    rows[0].update(changes)
    problems = validate(rows)
    assert any(expected in p and p.startswith("abolished.csv 第2行") for p in problems), problems
    assert validate(read_rows("abolished.csv")) == []
