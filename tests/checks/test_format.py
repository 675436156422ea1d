"""发文字号: the own number wherever a document or a portal writes it, and cited numbers anywhere."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.extract.docnumber import find_all, parse_line
from reviewtools.review import review_text
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22))


def _format(text: str) -> list[tuple[str, str, str | None, int | None]]:
    r = review_text(text, SETTINGS)
    return [(f.rule, f.severity, f.quote, f.start) for f in r.findings if f.category == "format"]


@pytest.mark.parametrize(("text", "quote", "start"), [
    ("关于加强某项工作的通知\n（某政发[2024]3号）\n各区人民政府：", "某政发[2024]3号", 13),
    ("关于印发某项工作实施办法的通知（某政规(2023)2号）\n各区人民政府：", "某政规(2023)2号", 16),
])
def test_own_number_in_brackets_is_a_warning(text, quote, start):
    assert _format(text) == [("format.doc_number", "warning", quote, start)]


def test_own_number_from_the_portal_table_is_quoted_as_written_with_no_place_in_the_text():
    # Portals retype 〔〕 in their tables: brackets alone are a 提示 there; other faults stay a 警告.
    r = review_text("索引号：000000000/2024-00012　文号：某政办发【2024】5号\n关于加强某项工作的通知\n各区人民政府：", SETTINGS)
    (f,) = [f for f in r.findings if f.category == "format"]
    assert (f.rule, f.severity, f.quote, f.start) == ("format.doc_number", "info", "某政办发【2024】5号", None)
    assert "“某政办发【2024】5号”" in f.note and "改为“某政办发〔2024〕5号”" in f.suggestion
    r = review_text("发布时间：2024-03-01 来源：区政府办 文号：某政办发〔2024〕第5号\n关于加强某项工作的通知\n各区人民政府：",
                    SETTINGS)
    (f,) = [f for f in r.findings if f.category == "format"]
    assert (f.severity, f.quote, f.start) == ("warning", "某政办发〔2024〕第5号", None)


def test_portal_table_without_a_number_is_not_checked():
    r = review_text("索引号：000000000/2024-00012　文号：无\n关于召开某项会议的通知\n各区人民政府：", SETTINGS)
    assert [f for f in r.findings if f.category == "format"] == []


@pytest.mark.parametrize(("text", "quote", "problem"), [
    ("根据某政办[2018]69号文，申报补助的企业应当提交材料。", "某政办[2018]69号", "六角括号"),
    ("根据《某市专项资金管理规定的通知》（某政文〔2018137号），制定本细则。", "某政文〔2018137号", "缺少右括号"),
    ("按照《关于做好某项工作的通知》（某办发〔2019〕第12号）要求执行。", "某办发〔2019〕第12号", "不加“第”字"),
    ("按照《关于做好某项工作的通知》（某办发〔19〕12号）要求执行。", "某办发〔19〕12号", "标全称"),
])
def test_malformed_cited_number_is_a_warning(text, quote, problem):
    r = review_text(text, SETTINGS)
    (f,) = [f for f in r.findings if f.category == "format"]
    assert (f.rule, f.severity, f.quote) == ("format.cited_doc_number", "warning", quote)
    assert text[f.start:f.end] == quote and problem in f.message


def test_a_number_whose_closing_bracket_was_lost_is_read_with_its_year():
    (n,) = find_all("（泉政文〔20177号）")
    assert (n.written, n.normalized, n.year, n.serial) == ("泉政文〔20177号", "泉政文〔2017〕7号", 2017, 7)


def test_a_hidden_year_is_kept_as_written():
    (n,) = find_all("（国税发[20XX]111号）")
    assert (n.normalized, n.year) == ("国税发〔20XX〕111号", 0)


def test_a_bracketed_line_is_an_own_number_and_a_broken_one_still_reads():
    assert parse_line("（劳社厅函[2007]120号）", 10).start == 11
    assert parse_line("大政办发〔201641", 0).normalized == "大政办发〔2016〕41号"


@pytest.mark.parametrize("text", ["详见附件2（2019）所列项目。", "本案经（2019）某01民终123号判决确认。",
                                  "根据《关于做好某项工作的通知》（某办发〔2019〕12号）执行。"])
def test_no_number_or_a_good_one_is_quiet(text):
    assert _format(text) == []


@pytest.mark.parametrize(("text", "quote"), [
    ("依照《某某管理规定》（某某[2019]5号）执行。", "某某[2019]5号"),
    ("执行某人社规[2019]3号的标准。", "某人社规[2019]3号"),
    ("按照某某[2019]5号文件的安排开展工作。", "某某[2019]5号"),
    # alone in running text, with a code that ends in no usual agency character: still a 发文字号
    ("按照市里[2019]5号的安排开展工作。", "市里[2019]5号"),
    ("依据国经贸贸易[2003]67号精神办理。", "国经贸贸易[2003]67号"),
    ("按照某农明字【2007】第65号要求执行。", "某农明字【2007】第65号"),
])
def test_a_malformed_cited_number_is_a_warning_wherever_it_stands(text, quote):
    (f,) = [f for f in review_text(text, SETTINGS).findings if f.rule == "format.cited_doc_number"]
    assert (f.quote, f.severity, f.note) == (quote, "warning", "")


@pytest.mark.parametrize("text", ["合同编号（2023）15号已归档。", "本批次[2024]3号产品已检验。"])
def test_numbers_that_are_no_document_numbers_are_quiet(text):
    assert [f for f in review_text(text, SETTINGS).findings if f.rule == "format.cited_doc_number"] == []



@pytest.mark.parametrize("head", ["某市人民政府关于加强某项工作的通知\n【某政发[2024]3号】",
                                  "某市人民政府关于加强某项工作的通知\n〔某政发[2024]3号〕",
                                  "某市人民政府关于加强某项工作的通知\n[某政发[2024]3号]",
                                  "索引号 11111/2024-001 发布机构 某市人民政府 文号 某政发[2024]3号\n某市人民政府关于加强某项工作的通知"])
def test_the_own_number_in_any_bracket_or_an_unlabelled_portal_row_is_the_own(head):
    r = review_text(head + "\n各区人民政府：\n现将有关事项通知如下。", SETTINGS)
    assert r.analysis.meta.doc_number.value == "某政发〔2024〕3号"
    assert [(f.rule, f.quote, f.severity) for f in r.findings if f.category == "format"] == [
        ("format.doc_number", "某政发[2024]3号", "warning")]


@pytest.mark.parametrize(("text", "quote", "problem"), [
    ("关于加强某项工作的通知\n某政发〈2024〉3号\n各区人民政府：", "某政发〈2024〉3号", "此处为“〈〉”"),
    ("关于加强某项工作的通知\n某政发（2024年）3号\n各区人民政府：", "某政发（2024年）3号", "括入的年份后不加“年”字"),
])
def test_own_number_in_angle_brackets_or_with_a_year_word_is_malformed(text, quote, problem):
    r = review_text(text, SETTINGS)
    (f,) = [f for f in r.findings if f.category == "format"]
    assert (f.rule, f.severity, f.quote) == ("format.doc_number", "warning", quote) and problem in f.message


# Portal layouts seen on real pages, rebuilt here with made-up numbers: the own number behind a bullet list's label,
# in a table cell after |, and opening the title line is the document's own; a good one there is quiet.
_BODY = "\n关于加强某项工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。"


@pytest.mark.parametrize(("head", "quote"), [
    ("  • 索引号:\n  • 001008003013001/2013-01144\n  • 文号:\n  • 某政函[2013]3号\n  • 发布机构:\n  • 市政府办公室",
     "某政函[2013]3号"),
    ("  • 发文字号:\n\n    某政发[2024]7号\n  • 发文日期:\n\n    2024年04月06日", "某政发[2024]7号"),
    ("索 引 号: | WA0000001-2024-002 | 主题分类: | 区政府 |\n文 号: | 某府办发[2024]23号 | 公开类型: | 主动公开 |",
     "某府办发[2024]23号"),
    ("颁布单位:某市人民政府 | 文号: 某政发[2012]17号 |\n颁布日期:2012-05-21 | 失效日期: |", "某政发[2012]17号"),
    ("某府发[2014]7号《某市人民政府关于印发某项管理暂行办法的通知》", "某府发[2014]7号"),
    ("【法规类别】机关工作综合规定\n【发文字号】某政发[2010]29号\n【发布部门】某市政府", "某政发[2010]29号"),
    ("某县人民政府关于做好某项工作的通知 某政发[2019]3号", "某政发[2019]3号"),
    ("某府办发[2021]6号 某区人民政府办公室关于印发某项行动实施方案的通知", "某府办发[2021]6号"),
])
def test_the_own_number_is_found_wherever_a_portal_puts_it(head, quote):
    # (the reader drops the layout's indentation, so the place is not the input's index)
    assert [f[:3] for f in _format(head + _BODY)] == [("format.doc_number", "warning", quote)]
    good = head.replace(quote, quote.replace("[", "〔").replace("]", "〕"))
    assert _format(good + _BODY) == []


@pytest.mark.parametrize(("head", "quote"), [
    ("  • 文号:\n  • 某政函[2013]3号\n  • 发布机构:\n  • 市政府办公室", "某政函[2013]3号"),
    ("【发文字号】某政发[2010]29号\n【发布部门】某市政府", "某政发[2010]29号"),
    ("某县人民政府关于做好某项工作的通知 某政发[2019]3号", "某政发[2019]3号"),
    ("某府办发[2021]6号 某区人民政府办公室关于印发某项行动实施方案的通知", "某府办发[2021]6号"),
    ("某区人民政府关于做好某项工作的通知\n（某府办发[2021]6号）", "某府办发[2021]6号"),
])
def test_an_own_number_with_its_year_in_chinese_numerals_is_read_and_malformed(head, quote):
    # GB/T 9704-2012 7.2.5: 年份用阿拉伯数字标注; the year is read all the same (二〇一九, its zero typed 0 too).
    for year, cn in (("2013", "二〇一三"), ("2010", "二0一0"), ("2019", "二〇一九"), ("2021", "二○二一")):
        head = head.replace(f"[{year}]", f"〔{cn}〕")
        quote = quote.replace(f"[{year}]", f"〔{cn}〕")
    r = review_text(head + _BODY, SETTINGS)
    (f,) = [f for f in r.findings if f.category == "format"]
    assert (f.rule, f.severity, f.quote) == ("format.doc_number", "warning", quote)
    assert "年份应用阿拉伯数字标注" in f.message
    assert r.analysis.meta.doc_number.value.split("〔")[1][:4].isdigit()


def test_a_cited_number_with_its_year_in_chinese_numerals_is_malformed():
    (n,) = find_all("（某政发〔二〇一八〕7号）")
    assert (n.normalized, n.year) == ("某政发〔2018〕7号", 2018)
    (n,) = find_all("（某政发〔2018〕十二号）")  # the serial too, read before its 号
    assert (n.normalized, n.serial) == ("某政发〔2018〕12号", 12)
    assert find_all("某政发〔2018〕三处") == []
    assert _format("根据《关于加强管理的通知》（某政发〔二〇一八〕7号），制定本办法。") == [
        ("format.cited_doc_number", "warning", "某政发〔二〇一八〕7号", 14)]
    (f,) = [f for f in review_text("根据《关于加强管理的通知》（某政发〔2018〕十二号），制定本办法。", SETTINGS).findings
            if f.category == "format"]
    assert f.quote == "某政发〔2018〕十二号" and "发文顺序号应用阿拉伯数字标注" in f.message


def test_brackets_a_converter_made_of_the_hexagonal_ones_are_read():
    text = "根据《某省人民政府办公厅关于加强某项工作的通知》（某办发„2009‟3号）精神，制定本方案。"
    assert _format(text) == [("format.cited_doc_number", "warning", "某办发„2009‟3号", text.index("某办发"))]


def test_a_cited_number_whose_opening_bracket_was_lost_is_a_warning():
    text = "为贯彻落实《国务院关于实施某项行动的意见》（国发2019〕13号）精神，制定本方案。"
    assert [f[:3] for f in _format(text)] == [("format.cited_doc_number", "warning", "国发2019〕13号")]
    assert _format(text.replace("国发2019〕", "国发〔2019〕")) == []


@pytest.mark.parametrize(("text", "found"), [
    ("某市人民政府令\n某政令〔2010〕第15号\n某市城市管理办法\n各区人民政府：", []),
    ("按照《某市城市管理办法》（某政令〔2010〕第15号）执行。", []),
    ("按照《某市城市管理办法》（某政令[2010]第15号）执行。", ["format.cited_doc_number"]),  # brackets still count
])
def test_an_order_is_numbered_with_第(text, found):
    assert [f.rule for f in review_text(text, SETTINGS).findings if f.category == "format"] == found


def test_traditional_characters_are_read_as_the_same_number():
    # A portal's traditional-character page writes 號: a well-formed number stays quiet, a bracket error is told.
    assert _format("某市人民政府辦公室關于加強某項工作的通知\n某政辦發〔2024〕5號\n各區人民政府：") == []
    (f,) = _format("某市人民政府辦公室關于加強某項工作的通知\n某政辦發[2024]5號\n各區人民政府：")
    assert f[:3] == ("format.doc_number", "warning", "某政辦發[2024]5號")


def test_full_width_digits_are_a_hint_and_a_doubled_hao_a_warning():
    r = review_text("关于加强某项工作的通知\n某政发〔２０２４〕３号\n各区人民政府：根据某政办发〔2018〕12号号文件。", SETTINGS)
    found = {f.quote: (f.severity, f.suggestion) for f in r.findings if f.category == "format"}
    assert found["某政发〔２０２４〕３号"] == ("info", "改为“某政发〔2024〕3号”。")
    assert found["某政办发〔2018〕12号号"] == ("warning", "改为“某政办发〔2018〕12号”。")


def test_a_database_label_is_read_and_its_retyped_brackets_beside_a_well_formed_copy_are_a_hint():
    text = "【发布文号】穗府办[1998]52号\n【发布日期】1998-10-29\n某市人民政府办公厅印发某办法的通知\n（穗府办〔1998〕52号）\n各区人民政府："
    assert _format(text) == [("format.doc_number", "info", "穗府办[1998]52号", 6)]
    assert _format("【发布文号】穗府办[1998]52号\n某市人民政府办公厅印发某办法的通知\n各区人民政府：") == \
        [("format.doc_number", "warning", "穗府办[1998]52号", 6)]
