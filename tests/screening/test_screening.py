"""The fair-competition screening: every standard answered, the exception and its conditions, the form as
.docx and .xlsx, the folder's summary workbook, the reviewer's conclusion kept in the registry.

All documents are synthetic policy texts written for these tests (not quotes from real documents).
"""

from __future__ import annotations

import io
from datetime import date

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from reviewtools.cli import main
from reviewtools.data.rules import all_rules, standards
from reviewtools.report.screening import docx as screening_docx
from reviewtools.report.screening import xlsx as screening_xlsx
from reviewtools.review import review_text
from reviewtools.screening import screen
from reviewtools.screening.conclusions import record_conclusion, recorded_conclusion, registry_at
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22), office="某市市场监督管理局")
COVERED = {r.standard for r in all_rules().values() if r.category == "competition"}

# 第八条、第九条: one clause per standard, each expected to be 涉及.
ENTRY = """某市人民政府关于支持智能制造产业发展的若干措施
某政发〔2025〕12号
各区人民政府，市政府各部门：
为加快智能制造产业集聚发展，制定以下措施。
一、在本市从事工业机器人系统集成业务的企业，须经市工业和信息化局审核同意后方可开展经营。
二、市政府授予市产业投资集团全市工业互联网平台特许经营权，期限三十年。
三、全市各类园区建设项目所需的监控设备，统一由市智造科技有限公司提供。
四、申报本措施扶持资金的企业，须在本市依法登记注册并具有独立法人资格。
五、享受本措施奖励的企业，十年内注册地不得迁出本市，迁出的，收回已兑现的奖励资金。
六、外地企业参与本市政府采购项目的，须在本市设立分公司。
七、政府投资项目评标时，投标人获得过本市科技进步奖项的加2分。
八、对外地生产的机器人产品，不予纳入补贴范围。
九、外地施工企业进入本市承揽工程的，须另行向市住建局备案。
某市人民政府
2025年3月1日
"""
ENTRY_HITS = {"8.1": "须经市工业和信息化局审核同意后方可开展", "8.2": "授予市产业投资集团全市工业互联网平台特许经营权",
              "8.3": "统一由市智造科技有限公司提供", "8.4": "在本市依法登记注册并具有独立法人", "9.1": "不得迁出本市，迁出的，收回",
              "9.2": "须在本市设立分公司", "9.3": "投标人获得过本市科技进步奖项的加2分",
              "9.4": "外地生产的机器人产品，不予纳入补贴", "9.5": "外地施工企业进入本市承揽工程的，须另行向市住建局备案"}

# 第十条、第十一条.
COST = """某区人民政府关于促进总部经济发展的实施意见
某区政发〔2020〕7号
各街道办事处，区政府各部门：
为加快总部经济发展，提出如下意见。
一、对新落户企业，按其缴纳企业所得税地方留成部分的60%给予奖励。
二、对列入培育名单的企业，减半征收房产税和城镇土地使用税。
三、对重点企业减免城市基础设施配套费。
四、入园企业应当缴纳5万元安全押金，退园时无息退还。
五、由区物流行业协会组织会员企业统一产品销售价格。
六、对园区内重点企业执行优惠电价。
七、本区冷链仓储服务收费实行最高限价。
某区人民政府
2020年6月8日
"""
COST_HITS = {"10.1": "减半征收房产税", "10.2": "按其缴纳企业所得税地方留成部分的60%给予奖励", "10.3": "减免城市基础设施配套费",
             "10.4": "缴纳5万元安全押金", "11.1": "协会组织会员企业统一产品销售价", "11.2": "优惠电价", "11.3": "收费实行最高限价"}

# Policies that restrict no one: a scope clause, universal measures, prohibitions restated.
CLEAN = ["""某市市场监督管理局关于优化营商环境促进民营经济发展的若干措施
某市监发〔2021〕6号
各区市场监督管理局，局机关各处室：
为持续优化营商环境，根据《优化营商环境条例》，结合本市实际，制定以下措施。
一、本市行政区域内从事经营活动的市场主体，适用本措施。
二、推行企业登记全程网上办理，申请材料齐全、符合法定形式的，当场予以登记。
三、对符合条件的小微企业，按规定享受国家普惠性税收优惠政策。
四、政府采购应当依法公开招标，对各类经营者一视同仁、平等对待。
五、不得要求经营者在本地设立分支机构，不得限定经营者所有制形式。
六、本措施自2021年6月1日起施行，有效期5年。
某市市场监督管理局
2021年5月20日
""", """某县人民政府办公室关于做好冬季森林防火工作的通知
某政办发〔2025〕21号
各乡镇人民政府，县政府各部门：
为切实做好今冬明春森林防火工作，现将有关事项通知如下。
一、各乡镇要落实防火责任，加强巡山护林和火源管控。
二、县应急管理局要加强值班值守，及时报送火情信息。
三、各有关部门要加强宣传教育，提高群众防火意识。
某县人民政府办公室
2025年10月15日
"""]

# Exception wording (第十二条第（二）项) with a period: the designation is kept but lowered.
EXCEPTION = """某省科学技术厅关于支持关键核心技术攻关的实施办法
某科发〔2024〕8号
第一条 为促进科学技术进步、增强国家自主创新能力，制定本办法。
第二条 省级重大科技专项的首台套装备，统一由省科技创新集团负责采购。
第三条 本办法第二条属于例外情形，没有对公平竞争影响更小的替代方案。
第四条 本办法自2024年5月1日起施行，有效期至2026年12月31日。
某省科学技术厅
2024年4月10日
"""


def screened(text: str, name: str = "政策.txt"):
    return screen(review_text(text, SETTINGS, name=name))


def answers(s) -> dict:
    return {a.standard.key: a for a in s.answers}


# ---- the screening ------------------------------------------------------------------------------------------


def test_every_standard_is_answered_in_order():
    s = screened(ENTRY)
    assert [a.standard.key for a in s.answers] == list(standards())
    assert [g for g, _ in s.groups()] == ["市场准入和退出", "商品和要素自由流动", "影响生产经营成本", "影响生产经营行为"]
    assert {a.standard.key for a in s.answers if not a.covered} == set(standards()) - COVERED


@pytest.mark.parametrize("text, expected", [(ENTRY, ENTRY_HITS), (COST, COST_HITS)], ids=["entry", "cost"])
def test_each_standard_is_hit_with_its_quote(text, expected):
    s = screened(text)
    got = answers(s)
    for key, quote in expected.items():
        a = got[key]
        assert a.mark == "涉及", key
        hit = next(h for h in a.hits if h.quote == quote)
        assert hit.quote in text  # exact, as written
        assert hit.where.startswith("第") and hit.where.endswith("段")
        assert hit.title == all_rules()[hit.rule].title and all_rules()[hit.rule].standard == key
    assert s.suggestion == "adjust" and s.suggestion_name == "应当调整"
    assert "待审查人员确认" in s.suggestion_line()


def test_together_the_documents_hit_every_standard_that_has_a_rule():
    involved = {a.standard.key for text in (ENTRY, COST) for a in screened(text).involved}
    assert involved == COVERED
    assert set(ENTRY_HITS) | set(COST_HITS) == COVERED


@pytest.mark.parametrize("text", CLEAN, ids=["business", "fire"])
def test_clean_policies_hit_nothing(text):
    s = screened(text)
    assert not any(a.hits for a in s.answers)
    # 不涉及 only where a rule looked; the standards no rule checks are left to the reviewer, unticked
    assert {a.standard.key for a in s.answers if a.mark == "不涉及"} == COVERED
    assert {a.standard.key for a in s.manual} == set(standards()) - COVERED
    assert s.suggestion_line().endswith(f"另有{len(standards()) - len(COVERED)}项审查标准无自动检测规则，需人工判断），待审查人员确认。")
    assert s.hit_count == 0 and s.exception is None
    assert s.suggestion == "no_effect" and s.suggestion_name == "不具有排除、限制竞争效果"


def test_exception_with_item_and_period_lowers_the_severity():
    s = screened(EXCEPTION)
    c = s.exception
    assert c is not None
    assert c.phrase == "为促进科学技术进步、增强国家自主创新能力"
    assert c.wording.where == "第3段"
    assert [i.key for i in c.items] == ["12.2"] and c.item_numbers == "（二）"
    assert c.period is not None and c.period.text == "有效期至2026年12月31日" and c.period.where == "第6段"
    (hit,) = answers(s)["8.3"].hits
    assert hit.severity == "warning" and all_rules()[hit.rule].severity == "error" and "例外规定" in hit.note
    assert c.lowered == 1
    assert s.suggestion == "exception"


def test_exception_without_a_period_is_no_exception():
    text = EXCEPTION.replace("，有效期至2026年12月31日", "")
    s = screened(text)
    assert s.exception is not None and s.exception.period is None
    assert s.suggestion == "adjust"
    assert "未写明实施期限或者终止条件" in s.suggestion_line()


def test_new_and_existing_by_since():
    s = screened(EXCEPTION)  # 成文 2024-04-10
    assert s.period(date(2024, 4, 10)) == "增量"
    assert s.period(date(2024, 8, 1)) == "存量"
    assert s.period(None) == ""
    assert screened("关于某事项的通知\n请各单位遵照执行。\n").period(date(2024, 8, 1)) == "日期不详"


# ---- the .docx form -----------------------------------------------------------------------------------------


def docx_form(s):
    return docx.Document(io.BytesIO(screening_docx.render(s)))


def standard_rows(d) -> dict[str, list[str]]:
    """article → [standard, mark, quotes] from the 审查标准 table."""
    table = next(t for t in d.tables if [c.text for c in t.rows[0].cells] == ["审查标准", "是否涉及", "原文及位置"])
    rows = {}
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].startswith("第") and "条第（" in cells[0]:
            rows[cells[0].split("　")[0]] = cells
    return rows


@pytest.mark.parametrize("text", [ENTRY, COST, CLEAN[0], EXCEPTION], ids=["entry", "cost", "clean", "exception"])
def test_docx_form_answers_every_standard(text):
    s = screened(text)
    d = docx_form(s)
    rows = standard_rows(d)
    assert list(rows) == [st.article for st in standards().values()]
    for a in s.answers:
        label, mark, quotes = rows[a.standard.article]
        assert a.standard.text in label
        if a.involved:
            assert "☑涉及" in mark and "☐不涉及" in mark
            for h in a.hits:
                assert f"“{h.quote}”（{h.where}；{h.title}" in quotes
        elif a.covered:
            assert "☐涉及" in mark and "☑不涉及" in mark and quotes == "—"
        else:  # no rule checks it: nothing ticked, the reviewer decides
            assert mark == "☐涉及\n☐不涉及\n需人工判断" and "☑" not in mark
            assert quotes == "无自动检测规则，请审查人员判断"


def test_docx_form_particulars_exception_conclusion_and_layout():
    s = screened(EXCEPTION)
    d = docx_form(s)
    assert d.paragraphs[0].text == "公平竞争审查表"
    fields = {r.cells[0].text: r.cells[1].text for r in d.tables[0].rows}
    assert fields["政策措施名称"] == "某省科学技术厅关于支持关键核心技术攻关的实施办法"
    assert fields["文号"] == "某科发〔2024〕8号" and fields["发文机关"] == "某省科学技术厅"
    assert fields["成文日期"] == "2024年4月10日" and fields["审查机构"] == "某市市场监督管理局"
    assert fields["起草机构"] == "" and fields["涉及行业领域"] == ""  # for the officer
    exception = {r.cells[0].text: r.cells[1].text for r in d.tables[2].rows}
    assert exception["文件是否援引例外规定"].startswith("☑是")
    assert "第十二条第（二）项" in exception["对应情形"]
    assert "有效期至2026年12月31日" in exception["合理的实施期限或者终止条件"]
    assert "待审查人员确认" in exception["没有对公平竞争影响更小的替代方案"]
    conclusion = d.tables[3].rows[0].cells[0].text
    assert conclusion.count("☐") == 3 and "☑" not in conclusion  # nothing ticked until the reviewer decides
    assert "工具建议：适用例外" in conclusion and "尚未记录" in conclusion
    signature = d.tables[4].rows[0].cells[0].text
    assert "审查机构意见：" in signature and "审查机构负责人（签字）" in signature
    section = d.sections[0]
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.top_margin.mm - 37) < 0.1
    assert "PAGE" in section.footer._element.xml
    runs = [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text]
    assert runs and all(r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in runs)


# ---- the .xlsx form and the summary workbook --------------------------------------------------------------


def xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_form_holds_the_same_answers():
    s = screened(ENTRY)
    book = xlsx(screening_xlsx.render(s))
    assert book.sheetnames == ["公平竞争审查表"]
    ws = book.active
    assert ws["A1"].value == "公平竞争审查表"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("第") and "条第（" in r[0]}
    assert list(rows) == [st.article for st in standards().values()]
    for a in s.answers:
        _, text, mark, quotes = rows[a.standard.article]
        assert text == a.standard.text and mark == a.mark
        for h in a.hits:
            assert h.quote in quotes
    values = [r[0] for r in ws.iter_rows(values_only=True)]
    assert "文号" in values and any(str(v).startswith("建议结论：应当调整") for v in values)


def test_summary_workbook(tmp_path):
    docs = [screened(ENTRY, "entry.txt"), screened(COST, "cost.txt"), screened(CLEAN[0], "clean.txt"),
            screened(EXCEPTION, "exception.txt")]
    from reviewtools.errors import ReadError

    failed = [ReadError("broken.docx", "文件已损坏，无法解析")]
    book = xlsx(screening_xlsx.summary(docs, failed, since=date(2024, 8, 1)))
    assert book.sheetnames == ["逐文件", "按标准", "未发现问题", "无法读取"]
    for ws in book:
        assert ws.freeze_panes == "A2" and ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4

    per_doc = list(book["逐文件"].iter_rows(values_only=True))
    header, body = per_doc[0], per_doc[1:]
    assert len(body) == 4 and body[0][0] == 1  # no blank row under the header
    col = {name: i for i, name in enumerate(header)}
    by_file = {r[col["文件"]]: r for r in body}
    assert by_file["entry.txt"][col["增量/存量"]] == "增量"  # 2025-03-01
    assert by_file["cost.txt"][col["增量/存量"]] == "存量"  # 2020-06-08
    assert by_file["exception.txt"][col["增量/存量"]] == "存量"  # 2024-04-10
    assert by_file["entry.txt"][col["涉及标准数"]] == len(ENTRY_HITS)
    assert "8.3 限定特定经营者的商品或服务" in by_file["entry.txt"][col["涉及的审查标准"]]
    assert by_file["entry.txt"][col["问题数"]] == docs[0].hit_count
    assert by_file["clean.txt"][col["建议结论（待审查人员确认）"]] == "不具有排除、限制竞争效果"
    assert by_file["exception.txt"][col["援引例外规定"]] == "是"
    assert by_file["exception.txt"][col["文号"]] == "某科发〔2024〕8号"

    per_standard = list(book["按标准"].iter_rows(values_only=True))
    head = per_standard[0]
    assert head == ("条款", "条例条款", "组别", "审查标准", "涉及文件数", "其中增量", "其中存量", "问题数")
    counts = {r[0]: r for r in per_standard[1:]}
    assert list(counts) == list(standards())
    for key in standards():
        hit = [d for d in docs if answers(d)[key].involved]
        assert counts[key][4] == (len(hit) if key in COVERED or hit else "需人工判断"), key
        if key in COVERED or hit:
            assert counts[key][7] == sum(len(answers(d)[key].hits) for d in hit), key
    assert counts["8.3"][4:7] == (2, 1, 1)  # ENTRY (增量) and EXCEPTION (存量)
    assert counts["8.5"][4:] == ("需人工判断", None, None, None)  # 其他…: no rule looks, no count claimed

    clean = list(book["未发现问题"].iter_rows(values_only=True))
    assert [r[1] for r in clean[1:]] == ["clean.txt"]
    bad = list(book["无法读取"].iter_rows(values_only=True))
    assert bad[1] == (1, "broken.docx", "文件已损坏，无法解析")


def test_summary_without_since_does_not_split():
    book = xlsx(screening_xlsx.summary([screened(ENTRY)], [], since=None))
    assert "其中增量" not in next(book["按标准"].iter_rows(values_only=True))
    row = list(book["逐文件"].iter_rows(values_only=True))[1]
    assert row[6] == "—"


# ---- the command line and the registry --------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--as-of", "2026-11-22"])


def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in (("entry.txt", ENTRY), ("cost.txt", COST), ("clean.txt", CLEAN[0]),
                       ("exception.txt", EXCEPTION)):
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_screen_folder_writes_forms_and_the_summary(tmp_path):
    src = folder(tmp_path)
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run("screen", str(src), "--since", "2024-08-01", "-o", str(out), "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 2, result.output  # an unreadable file
    assert "登记库不存在" in result.stderr
    result = run("screen", str(src), "--since", "2024-08-01", "-o", str(out))
    assert result.exit_code == 2
    assert "无法读取" in result.stderr and "empty.txt" in result.stderr and "Traceback" not in result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{n}.公平竞争审查表.{x}" for n in ("entry", "cost", "clean", "exception")
                            for x in ("docx", "xlsx")] + ["公平竞争审查汇总.xlsx"])
    book = openpyxl.load_workbook(out / "公平竞争审查汇总.xlsx")
    assert [r[1] for r in list(book["无法读取"].iter_rows(values_only=True))[1:]] == [str(src / "empty.txt")]
    assert len(list(book["逐文件"].iter_rows(values_only=True))) == 5


def test_screen_exit_status_and_terminal_summary(tmp_path):
    clean, hit = tmp_path / "clean.txt", tmp_path / "hit.txt"
    clean.write_text(CLEAN[1], encoding="utf-8")
    hit.write_text(ENTRY, encoding="utf-8")
    result = run("screen", str(clean))
    assert result.exit_code == 0
    assert "涉及 0 项" in result.stdout and "不具有排除、限制竞争效果" in result.stdout
    result = run("screen", str(hit))
    assert result.exit_code == 1
    assert "须经市工业和信息化局审核同意后方可开展" in result.stdout and "应当调整" in result.stdout
    result = run("screen", str(hit), "--since", "2024年")
    assert result.exit_code == 2 and "--since 应为日期" in result.stderr


def test_reviewer_conclusion_is_shown_on_the_next_screening(tmp_path):
    src = folder(tmp_path)
    db = str(tmp_path / "registry.sqlite")
    target = src / "entry.txt"
    result = CliRunner().invoke(main, ["screen-conclude", str(target), "--conclusion", "违反",
                                       "--reason", "第三条指定供应商", "--by", "李四", "--db", db])
    assert result.exit_code == 0, result.output
    assert "已记录" in result.stdout and "违反" in result.stdout
    out = tmp_path / "out"
    result = run("screen", str(src), "-o", str(out), "--db", db)
    assert result.exit_code == 1, result.output
    d = docx.Document(str(out / "entry.公平竞争审查表.docx"))
    conclusion = d.tables[3].rows[0].cells[0].text
    assert "审查人员结论（已记录）：违反。理由：第三条指定供应商（李四" in conclusion
    assert "☑具有排除、限制竞争效果且不符合例外规定，应当调整" in conclusion
    row = next(r for r in openpyxl.load_workbook(out / "公平竞争审查汇总.xlsx")["逐文件"].iter_rows(values_only=True)
               if r[1] == str(target))
    assert row[12:] == ("违反", "第三条指定供应商")
    other = docx.Document(str(out / "cost.公平竞争审查表.docx")).tables[3].rows[0].cells[0].text
    assert "尚未记录" in other


def test_latest_conclusion_wins_and_the_key_is_the_doc_number(tmp_path, monkeypatch):
    db = str(tmp_path / "registry.sqlite")
    s = screened(EXCEPTION, "第一稿.txt")
    with registry_at(db, create=True) as registry:
        record_conclusion(registry, s, "违反", "期限过长", "王五")
        record_conclusion(registry, s, "适用例外", "期限已缩短", "王五")
    renamed = screened(EXCEPTION.replace("第二条", "第二条 （修改）"), "第二稿.txt")  # same 文号, other file
    with registry_at(db, create=False) as registry:
        recorded = recorded_conclusion(registry, renamed)
    assert recorded is not None and (recorded.conclusion, recorded.reason, recorded.by) == ("适用例外", "期限已缩短", "王五")
    assert recorded.ticks == "exception"
    monkeypatch.chdir(tmp_path)
    with registry_at(None, create=False) as registry:  # reading, a default registry not yet made is not made
        assert registry is None and recorded_conclusion(registry, s) is None
    assert not list(tmp_path.glob("reviewtools.sqlite*"))


def test_screen_conclude_refuses_a_bad_conclusion(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ENTRY, encoding="utf-8")
    result = CliRunner().invoke(main, ["screen-conclude", str(f), "--conclusion", "同意", "--reason", "x", "--by", "y",
                                       "--db", str(tmp_path / "r.sqlite")])
    assert result.exit_code == 2 and "不是可选值" in result.output


def test_screen_conclude_refuses_an_exception_the_document_does_not_claim(tmp_path):
    db = tmp_path / "r.sqlite"
    plain, claimed = tmp_path / "entry.txt", tmp_path / "exception.txt"
    plain.write_text(ENTRY, encoding="utf-8")
    claimed.write_text(EXCEPTION, encoding="utf-8")
    args = ["--conclusion", "适用例外", "--reason", "保供", "--by", "王五", "--db", str(db)]
    result = CliRunner().invoke(main, ["screen-conclude", str(plain), *args])
    assert result.exit_code == 2 and "未援引《公平竞争审查条例》第十二条的例外规定" in result.stderr
    assert not db.exists()  # nothing recorded
    result = CliRunner().invoke(main, ["screen-conclude", str(claimed), *args])
    assert result.exit_code == 0 and "适用例外" in result.stdout
