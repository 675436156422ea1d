"""Metadata with spans: on the five seeds and on drafts written here."""

from __future__ import annotations

import re

import pytest

from reviewtools.extract.metadata import extract
from reviewtools.ingest import read_bytes, read_file
from tests.conftest import seed


def meta_of(prefix: str):
    doc = read_file(seed(prefix))
    return doc, extract(doc)


def spans_quote(doc, field):
    assert doc.text[field.start:field.end] == field.text


def test_seed_000_transmittal_of_an_implementation_plan():
    doc, m = meta_of("000")
    assert m.title.value == "关于印发大连市文化广播影视局法治政府建设实施方案(2016-2020年)的通知"
    assert (m.doc_number.value, m.doc_number.text) == ("大文广发〔2017〕74号", "大文广发﹝2017﹞74号")
    assert m.issuer.value == "大连市文化广播影视局"
    assert (m.issued_on.value, m.issued_on.text) == ("2017-06-22", "2017年6月22日")
    assert m.kind == "实施方案"
    assert m.body_title.value == "大连市文化广播影视局法治政府建设实施方案(2016-2020年)"
    assert doc.text[m.body[0]:].startswith("大连市文化广播影视局法治政府建设实施方案(2016-2020年)\n为深入推进依法行政")
    assert doc.text[m.transmittal[0]:m.transmittal[1]].endswith("大连市文化广播影视局\n2017年6月22日")
    for f in (m.title, m.doc_number, m.issuer, m.issued_on, m.body_title):
        spans_quote(doc, f)


def test_seed_001_has_no_title_but_a_date_and_a_transmitted_plan():
    doc, m = meta_of("001")
    assert m.title is None and m.doc_number is None and m.issuer is None
    assert m.issued_on.value == "2021-05-28"
    assert m.body_title.value == "漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案"
    assert doc.text[m.body[0]:].startswith("为深入贯彻党的十九届五中全会")
    assert m.kind == "实施方案"


def test_seed_002_report_signed_at_the_end():
    doc, m = meta_of("002")
    assert m.issuer.value == "海曙区文化和广电旅游体育局"
    assert m.issued_on.value == "2020-03-30"
    assert doc.portal["发布机构"] == "区文化和广电旅游体育局"
    spans_quote(doc, m.issuer)


def test_seed_003_damaged_number_and_date_are_still_read():
    doc, m = meta_of("003")
    assert m.title.value.startswith("大连市人民政府办公厅关于印发大连市全面推进依法行政")
    assert (m.doc_number.value, m.doc_number.text) == ("大政办发〔2016〕41号", "大政办发〔201641")
    assert m.issuer.value == "大连市人民政府办公厅"
    assert (m.issued_on.value, m.issued_on.text) == ("2016-05-09", "201659")
    assert m.kind == "规划"
    assert doc.text[m.body[0]:].startswith("大连市全面推进依法行政(法治政府建设)规划(20162020年)\n为全面贯彻落实")


def test_seed_004_title_and_issuer_from_the_portal_table():
    doc, m = meta_of("004")
    assert m.title.value == "上党区文旅局行政执法公示制度执法全过程记录制度重大执法 决策法制审核制度工作实施方案"
    assert m.title.source == "portal" and m.title.start is None
    assert m.issuer.value == "上党区文化和旅游局"
    assert m.issued_on.value == "2020-04-05"
    assert m.kind == "实施方案"


DRAFT = """某市人民政府文件
某政发〔2024〕12号
某市人民政府关于印发《某市电动自行车管理办法》的通知
各区人民政府，市政府各部门：
现将《某市电动自行车管理办法》印发给你们，请认真贯彻执行。
附件：1.某市电动自行车管理办法
2.电动自行车登记表
某市人民政府
二〇二四年三月五日
某市电动自行车管理办法
第一条 为加强电动自行车管理，根据《中华人民共和国道路交通安全法》，制定本办法。
第二十条 本办法自2024年5月1日起施行，有效期5年。
附件2
电动自行车登记表"""


def test_a_drafted_transmittal_with_attachments_and_validity():
    doc = read_bytes(DRAFT.encode("gbk"), "draft.txt")
    m = extract(doc)
    assert m.title.value == "某市人民政府关于印发《某市电动自行车管理办法》的通知"
    assert m.doc_number.value == "某政发〔2024〕12号"
    assert m.issuer.value == "某市人民政府"
    assert (m.issued_on.value, m.issued_on.text) == ("2024-03-05", "二〇二四年三月五日")
    assert m.kind == "管理办法"
    assert [a.value for a in m.attachments] == ["某市电动自行车管理办法", "电动自行车登记表"]
    assert m.effective_on.value == "2024-05-01" and m.effective_on.text == "本办法自2024年5月1日起施行"
    assert (m.validity.value, m.validity.text) == ("5年", "有效期5年")
    assert m.expires_on == "2029-04-30"
    assert doc.text[m.body[0]:m.body[1]].startswith("某市电动自行车管理办法\n第一条")
    assert doc.text[m.body[0]:m.body[1]].endswith("有效期5年。")
    assert doc.text[m.attachments_start:].startswith("附件2")
    for f in (m.title, m.doc_number, m.issuer, m.issued_on, m.effective_on, m.validity, *m.attachments):
        spans_quote(doc, f)


@pytest.mark.parametrize(("clause", "effective", "validity", "expires"), [
    ("本规定自发布之日起施行，有效期至2027年12月31日。", "发布之日", "至2027-12-31", "2027-12-31"),
    ("本方案自2025年1月1日起实施，有效期三年。", "2025-01-01", "3年", "2027-12-31"),
    ("本细则自2025年1月1日起施行。", "2025-01-01", None, None),
])
def test_effective_and_validity_clauses(clause, effective, validity, expires):
    m = extract(read_bytes(f"某市某某细则\n第一条 为规范管理，制定本细则。\n{clause}".encode(), "x.txt"))
    assert m.effective_on.value == effective
    assert (m.validity.value if m.validity else None) == validity
    assert m.expires_on == expires


def test_sentence_span_is_bounded_by_the_nearest_marks():
    import random

    from reviewtools.extract.repeals import sentence_span

    def naive(text, start, end, marks):
        s = max(text.rfind(mark, 0, start) for mark in marks) + 1
        e = min((i for i in (text.find(mark, end) for mark in marks) if i >= 0), default=len(text))
        return s, e

    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(["甲", "。", "\n", "；", ";", "ab"]) for _ in range(rng.randint(0, 24)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for marks in (("。", "\n"), ("。", "\n", "；", ";"), ("ab", "。")):
            assert sentence_span(text, start, end, marks) == naive(text, start, end, marks)


@pytest.mark.parametrize(("own", "cited", "itself"), [
    ("关于印发《某市促进就业办法》的通知", "某市促进就业办法", True), ("某市促进就业办法", "某市促进就业办法", True),
    ("关于转发某市促进就业办法的决定", "某市促进就业办法", True), ("关于发布某市促进就业办法的函", "某市促进就业办法", True),
    ("关于修订某市促进就业办法的通知", "某市促进就业办法", False), ("关于印发某市促进就业办法的报告", "某市促进就业办法", False),
    ("关于印发的通知", "", True), ("关于印发某办法的通知", "另一办法", False)])
def test_names_itself(own, cited, itself):
    from reviewtools.extract.metadata import names_itself

    assert names_itself(own, cited) is itself


def test_validity_clauses_are_found_wherever_their_first_word_stands():
    from reviewtools.extract.metadata import _first_term

    for text in ["有效期5年", "定期检查，实施期间，试行期2年", "期限", "期期有效期", "实施", ""]:
        m = re.search("有效期|试行期|实施期", text)
        assert _first_term(text) == (m.start() if m else None)
    doc = read_bytes("某市办法\n第一条 为规范管理，制定本办法。\n本办法自2024年1月1日起施行，定期评估，有效期为5年。".encode(), "办法.txt")
    m = extract(doc)
    assert (m.validity.value, m.expires_on) == ("5年", "2028-12-31")
