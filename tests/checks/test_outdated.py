"""过时引用: old agency names in every written form, history left alone, plans that ended."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.review import review_text
from reviewtools.settings import Settings


def _outdated(text: str, as_of: date = date(2026, 11, 22)) -> list[tuple[str, str | None, int | None]]:
    r = review_text(text, Settings(as_of=as_of))
    return [(f.rule, f.quote, f.start) for f in r.findings if f.category == "outdated" and f.severity != "info"]


def test_each_written_form_of_one_agency_is_reported_once():
    text = "县工商局负责登记。县工商局负责年报。县工商行政管理局负责查处。"
    assert _outdated(text) == [("outdated.renamed_agency", "县工商局", 0),
                               ("outdated.renamed_agency", "县工商行政管理局", 18)]


@pytest.mark.parametrize(("text", "quote"), [
    ("由公安、工商、交通运输等有关部门依法查处。", "工商"),
    ("报县工商行政管理部门备案。", "县工商行政管理部门"),
    ("按照国土部有关规定执行。", "国土部"),
    ("按照环保部有关规定执行。", "环保部"),
    ("由卫计、人社部门按职责负责。", "卫计"),
    ("由质量技术监督行政部门负责。", "质量技术监督行政部门"),
    ("由工商行政部门负责登记。", "工商行政部门"),
    ("由公安、工商和税务部门配合。", "工商"),
    ("由公安、税务、质检等行政执法部门配合。", "质检"),
    ("由卫生、工商等监督管理部门依据各自的职责实施监督管理。", "工商"),
    ("由公安、税务、食品药品监督等部门配合。", "食品药品监督"),
    ("由发改、财政、乡镇企业等部门配合。", "乡镇企业"),
])
def test_a_department_named_by_its_old_function_is_an_old_name(text, quote):
    assert _outdated(text) == [("outdated.renamed_agency", quote, text.index(quote))]


@pytest.mark.parametrize("text", ["原某市工商局、质监局的人员一并划转。", "将工商局、质监局的职责整合，组建市场监督管理局。",
                                  "原县工商行政管理局的职责划入县市场监督管理局。", "按照原国家工商总局的规定执行。",
                                  "将县林业局的职责，县国土资源局等部门的自然保护区管理职责等整合。"])
def test_reform_history_is_not_an_error(text):
    assert _outdated(text) == []


def test_a_duty_after_the_integration_of_duties_is_no_reform():
    assert _outdated("由县国土资源局负责职责整合后的审批。") == [("outdated.renamed_agency", "县国土资源局", 1)]


def test_ordinal_plans_relied_on_and_not_looked_back_on():
    ahead = "“十三五”期间，各县区要加快补齐养老服务短板。"
    assert _outdated(ahead) == [("outdated.expired_plan", "“十三五”期间", 0)]
    assert _outdated(ahead, date(2019, 1, 1)) == []
    assert _outdated("“十三五”期间，我市养老服务取得明显成效。") == []


def test_a_cited_plan_is_reported_once_and_the_document_itself_not_as_cited():
    text = ("关于印发《某县“十三五”养老服务实施办法》的通知\n为贯彻落实《某省养老服务业“十三五”发展规划》，制定本办法。\n"
            "《某省养老服务业“十三五”发展规划》明确要求加强养老服务。")
    assert _outdated(text) == [("outdated.own_period_ended", "关于印发《某县“十三五”养老服务实施办法》的通知", 0),
                               ("outdated.expired_plan", "《某省养老服务业“十三五”发展规划》", 30)]


def _all_outdated(text: str, as_of: date = date(2026, 11, 22)) -> list[tuple[str, str | None, str]]:
    r = review_text(text, Settings(as_of=as_of))
    return [(f.rule, f.quote, f.severity) for f in r.findings if f.category == "outdated"]


def test_a_passed_target_is_a_warning_in_a_local_document_and_a_hint_in_a_central_one():
    target = "到2022年，养老服务体系基本建成，护理型床位占比不低于55%。"
    local = f"某县关于推进养老服务发展的实施意见\n某政发〔2019〕5号\n{target}\n到2022年，全县建成10个日间照料中心。"
    assert _all_outdated(local) == [("outdated.target_passed", target[:-1], "warning")]
    [passed] = [f for f in review_text(local, Settings(as_of=date(2026, 11, 22))).findings
                if f.rule == "outdated.target_passed"]
    assert "文中 2 处" in passed.message
    central = f"国务院关于推进养老服务发展的意见\n国发〔2019〕5号\n{target}"
    assert _all_outdated(central) == [("outdated.target_passed", target[:-1], "info")]
    assert _all_outdated(local, date(2022, 6, 1)) == []


def test_a_window_of_past_years_that_qualifies_a_record_is_no_target():
    head = "某县园林绿化工程招标公告\n"
    assert _all_outdated(head + "所报业绩为近两年（2021年1月1日至2023年1月1日）在本省内承担完成的园林绿化工程。") == []
    assert _all_outdated(head + "投标人须具有2019年至2023年期间完成的同类项目业绩。") == []
    plan = "2021年至2023年，全县建成5个示范园区。"
    assert _all_outdated(head + plan) == [("outdated.target_passed", "至2023年，全县建成5个示范园区", "warning")]


def test_abolished_systems_once_per_form_with_the_action_and_joined_forms_as_one():
    text = "三年内免征农业税和农业特产税。第四年起减半征收农业税和农业特产税。逾期的，吊销土地使用证。"
    assert _all_outdated(text) == [("outdated.abolished_system", "免征农业税和农业特产税", "warning"),
                                   ("outdated.abolished_system", "吊销土地使用证", "warning")]
    first = next(f for f in review_text(text, Settings(as_of=date(2026, 11, 22))).findings if f.category == "outdated")
    assert "文中出现 2 处" in first.message


@pytest.mark.parametrize(("text", "quote"), [
    ("由公安机关负责核发《暂住证》。", "核发《暂住证》"),
    ("拆迁人是指取得《房屋拆迁许可证》的单位。", "《房屋拆迁许可证》"),
    ("依照《劳动教养试行办法》第十条执行。", "《劳动教养试行办法》"),
    ("对刑释解教人员开展帮教管理工作。", "刑释解教"),
    ("申请人提交《组织机构代码证》和《税务登记证》复印件。", "《组织机构代码证》和《税务登记证》"),
])
def test_an_abolished_system_named_in_book_marks_is_reported_with_them(text, quote):
    # a certificate or a document the catalogue lacks, named in 《》: the quote is the citation
    assert _all_outdated(text) == [("outdated.abolished_system", quote, "warning")]


@pytest.mark.parametrize("text", ["自2006年1月1日起，全面取消农业税。", "原劳动教养场所改为戒毒所。",
                                  "依照《社会抚养费征收管理办法》征收。", "《劳动教养试行办法》已于2013年废止。",
                                  "依照《关于废止〈劳动教养试行办法〉的决定》执行。",
                                  "根据《关于修改〈河南省安置教育刑满释放和解除劳动教养人员的暂行规定〉的决定》执行。",
                                  "根据《关于进一步加强刑满释放解除劳教人员安置帮教工作的意见》，制定本办法。"])
def test_abolished_systems_told_as_history_or_cited_by_title_are_not_this_rule(text):
    assert [f for f in _all_outdated(text) if f[0] == "outdated.abolished_system"] == []


@pytest.mark.parametrize(("text", "quote", "severity"), [
    ("外资项目还应符合《外商投资产业指导目录》。", "《外商投资产业指导目录》", "warning"),
    ("公文格式按照GB/T 9704-1999执行。", "GB/T 9704-1999", "warning"),
    ("深入贯彻党的十九大精神，结合本县实际，制定本办法。", "十九大", "info"),
])
def test_ended_items_of_the_plan_table_where_relied_on(text, quote, severity):
    assert _all_outdated(text) == [("outdated.expired_plan", quote, severity)]


def test_ended_items_looked_back_on_are_left_alone():
    assert _all_outdated("党的十九大以来，我县营商环境明显改善。") == []


@pytest.mark.parametrize(("text", "quote", "successor"), [
    ("由县工商局负责个体工商户登记。", "县工商局", "县市场监督管理局"),
    ("经区环保分局审批同意。", "区环保分局", "区生态环境分局"),
    ("报省环境保护厅备案。", "省环境保护厅", "省生态环境厅"),
    ("由市卫计委负责监督。", "市卫计委", "市卫生健康委员会"),
    ("报省法制办审查。", "省法制办", "省司法厅"),
    ("由乡镇工商所办理。", "工商所", "市场监督管理所"),
    ("由县扶贫办负责建档立卡。", "县扶贫办", "县农业农村局"),
    ("由国土资源主管部门审批。", "国土资源主管部门", "自然资源主管部门"),
    ("由公安、工商、交通运输等有关部门依法查处。", "工商", "市场监督管理"),
    # a county's 环保局 became a 分局 of the city's 生态环境局; 消防 keeps its 总队/支队/大队
    ("由县环保局负责环评审批。", "县环保局", "市生态环境局XX分局"),
    ("由乡镇国土所负责。", "国土所", "自然资源所"),
    ("由乡镇食药监所负责。", "食药监所", "市场监督管理所"),
    ("经市环保局审批同意。", "市环保局", "市生态环境局"),
    ("经县公安消防大队验收合格。", "县公安消防大队", "县消防救援大队"),
    ("经市公安消防支队审核。", "市公安消防支队", "市消防救援支队"),
    ("标价签由价格监督检查机构统一监制。", "价格监督检查机构", "市场监督管理局"),
    ("由现居住地县级人民政府计划生育行政部门作出征收决定。", "计划生育行政部门", "卫生健康部门"),
    ("应当征求同级卫生和计划生育行政部门的意见。", "卫生和计划生育行政部门", "卫生健康部门"),
    ("由公安部门会同畜牧兽医部门确定。", "畜牧兽医部门", "农业农村部门"),
])
def test_one_successor_at_the_level_of_the_name_quoted(text, quote, successor):
    f = next(f for f in review_text(text, Settings(as_of=date(2026, 11, 22))).findings
             if f.rule == "outdated.renamed_agency")
    assert f.quote == quote
    assert f"（现为{successor}）" in f.message
    assert f.suggestion == f"改为现行机构名称（{successor}），或在引用历史文件时加“原”字。"


def test_a_central_agency_split_by_function_names_each_successor():
    f = next(f for f in review_text("经国家质检总局批准。", Settings(as_of=date(2026, 11, 22))).findings
             if f.rule == "outdated.renamed_agency")
    assert "（现为国家市场监督管理总局、海关总署）" in f.message


def test_department_names_are_found_in_a_long_text_as_in_a_short_one():
    filler = "本办法自发布之日起施行，各单位应当认真遵照执行。" * 200
    text = filler + "报县工商行政管理部门备案。" + filler + "由质监部门负责检验。"
    assert [q for _, q, _ in _outdated(text)] == ["县工商行政管理部门", "质监部门"]


def test_an_old_department_last_in_a_list_before_deng():
    assert _outdated("由水利、卫生计生等部门负责。") == [("outdated.renamed_agency", "卫生计生", 4)]


def test_ordinals_found_around_their_literal_are_those_of_a_full_scan():
    from reviewtools.checks.outdated import _ORDINAL, _table_matches

    texts = ["根据“十三五”规划和\"十二五\"时期的目标，十一五末十二五末", "十三五十三五规划", "“十四五”“十四五”目标",
             "十三五" * 30, "没有规划。", "“十三五”", "到“十三五”期末，十九五"]
    for text in texts:
        assert [m.span() for _, m in _table_matches(text)[-1]] == [m.span() for m in _ORDINAL.finditer(text)]


@pytest.mark.parametrize(("text", "quote"), [
    ("依照民法通则第一百零六条处理。", "民法通则"),
    ("根据中华人民共和国物权法，制定本办法。", "中华人民共和国物权法"),
    ("根据城市房屋拆迁管理条例执行。", "城市房屋拆迁管理条例"),
    ("依照国务院城市房屋拆迁管理条例执行。", "城市房屋拆迁管理条例"),
    ("依据公司登记管理条例办理。", "公司登记管理条例"),
])
def test_a_repealed_law_named_without_brackets_is_found(text, quote):
    assert _outdated(text) == [("outdated.repealed_law", quote, text.index(quote))]


@pytest.mark.parametrize("text", [
    "依照劳动合同法的规定。",  # a law in force whose name ends with a repealed one's
    "遵循物权法定原则。",  # the name is part of another word
    "原物权法规定的登记期限已调整。",
    "民法典施行后，物权法同时废止。",
    "根据河南省城市房屋拆迁管理条例执行。",  # a local regulation of its own
    "依照《国务院关于废止〈城市房屋拆迁管理条例〉的决定》办理。",  # the decision that repeals it
])
def test_a_bare_name_that_is_not_the_repealed_law_is_left_alone(text):
    assert [f for f in _outdated(text) if f[0] == "outdated.repealed_law"] == []


@pytest.mark.parametrize(("text", "quote"), [
    # a judicial interpretation the catalogue lists, its inner title written 〈…〉 and not 《…》
    ("依照《最高人民法院关于适用〈中华人民共和国担保法〉若干问题的解释》办理。",
     "《最高人民法院关于适用〈中华人民共和国担保法〉若干问题的解释》"),
    # documents the catalogue lacks that apply or implement a repealed law: the law inside the title
    ("依照《最高人民法院关于适用〈中华人民共和国物权法〉若干问题的解释》处理。", "〈中华人民共和国物权法〉"),
    ("依照《某省实施〈中华人民共和国城市规划法〉办法》办理。", "〈中华人民共和国城市规划法〉"),
])
def test_a_repealed_law_inside_a_cited_title_is_found(text, quote):
    assert _outdated(text) == [("outdated.repealed_law", quote, text.index(quote))]


def test_a_repealed_law_cited_and_named_bare_is_reported_once():
    text = "依据《物权法》制定，物权法第五条另有规定。"
    assert _outdated(text) == [("outdated.repealed_law", "《物权法》", 2)]


def test_an_old_agency_named_as_issuer_of_a_cited_document_is_a_warning():
    r = review_text("划拨用地按照国土资源部《划拨用地目录》执行。", Settings(as_of=date(2026, 11, 22)))
    [f] = [f for f in r.findings if f.rule == "outdated.renamed_agency"]
    assert (f.quote, f.severity) == ("国土资源部", "warning") and "原" in f.note


def test_transfer_of_land_or_assets_is_no_reform_that_makes_an_old_name_history():
    assert _outdated("由县国土资源局负责土地划转手续。") == [("outdated.renamed_agency", "县国土资源局", 1)]
    assert _outdated("将县工商局并入县市场监督管理局。") == []


@pytest.mark.parametrize(("text", "quote"), [
    ("依据2015年修订的《中华人民共和国食品安全法》开展检查。", "2015年修订的《中华人民共和国食品安全法》"),
    ("根据《中华人民共和国行政许可法》（2003修订）执行。", "《中华人民共和国行政许可法》（2003修订）"),
    ("编制依据：《中华人民共和国环境保护法》1989.12.26。", "《中华人民共和国环境保护法》1989.12.26"),
])
def test_an_old_version_named_before_the_title_or_without_its_year_word_is_found(text, quote):
    assert _outdated(text) == [("outdated.old_version", quote, text.index(quote))]


def test_a_date_after_a_title_in_force_since_its_last_revision_is_no_old_version():
    assert _outdated("依据《中华人民共和国环境保护法》（2014.4.24）执行。") == []


@pytest.mark.parametrize(("text", "quote"), [("接受国家煤矿安监局的监察。", "煤矿安监局"), ("报市外经贸委审批。", "市外经贸委"),
                                          ("按照国家工商局的规定。", "国家工商局"), ("按照国家环保局的规定。", "国家环保局"),
                                          ("按照国家安监局的规定。", "国家安监局"), ("按照国家质监局的规定。", "国家质监局"),
                                          ("由县地税稽查局负责。", "县地税稽查局"), ("请报送农牧渔业部研究。", "农牧渔业部")])
def test_a_name_holding_another_old_name_is_reported_once(text, quote):
    assert _outdated(text) == [("outdated.renamed_agency", quote, text.index(quote))]


@pytest.mark.parametrize(("text", "quote"), [("机构改革中，县工商局、质监局不再保留；由县国土局负责审批。", "县国土局"),
                                          ("本办法由县国土资源局负责解释；原《某县土地管理暂行办法》同时废止。", "县国土资源局")])
def test_a_reform_or_repeal_told_in_one_clause_does_not_excuse_an_old_name_in_the_next(text, quote):
    assert _outdated(text) == [("outdated.renamed_agency", quote, text.index(quote))]


def test_an_old_planning_bureau_in_a_list_of_addressees():
    text = "关于加强用地管理的通知\n各县国土资源局、规划局：\n现将有关事项通知如下。"
    assert [q for _, q, _ in _outdated(text)] == ["县国土资源局", "规划局"]


@pytest.mark.parametrize(("text", "quote"), [
    ("落实《关于2018年度全县重点项目建设的实施意见》。", "《关于2018年度全县重点项目建设的实施意见》"),
    ("按照《某县2019年工作安排》，做好有关工作。", "《某县2019年工作安排》"),
    ("依据《建筑设计防火规范》（GB50016-2006）执行。", "GB50016-2006"),
])
def test_one_years_arrangements_and_replaced_standards_are_ended(text, quote):
    assert _outdated(text) == [("outdated.expired_plan", quote, text.index(quote))]


@pytest.mark.parametrize("text", ["按照《关于2018年起调整最低工资标准的实施意见》，做好有关工作。",
                                  "依据《建筑设计防火规范》（GB 50016-2014）执行。"])
def test_a_policy_starting_in_a_year_and_a_current_standard_are_not_ended(text):
    assert _outdated(text) == []


@pytest.mark.parametrize(("text", "quote"), [
    ("将县卫生局的职责划入县卫生和计划生育委员会。", "县卫生和计划生育委员会"),
    ("将县物价局的价格监督检查职责划入县工商行政管理局。", "县工商行政管理局"),
])
def test_the_body_a_past_reform_gave_duties_to_is_an_old_name_when_reformed_away_since(text, quote):
    assert _outdated(text) == [("outdated.renamed_agency", quote, text.index(quote))]


@pytest.mark.parametrize("text", ["组建县市场监督管理局，不再保留县工商局。", "县工商局更名为县市场监督管理局。"])
def test_the_body_a_reform_ends_is_history(text):
    assert _outdated(text) == []


@pytest.mark.parametrize(("text", "quote"), [
    ("企业应按规定缴纳排污费，逾期不缴纳的，取消其评优资格。", "缴纳排污费"),
    ("外来务工人员凭暂住证为子女办理入学，已享受的予以取消。", "凭暂住证"),
])
def test_a_cancel_elsewhere_in_the_sentence_does_not_end_the_system(text, quote):
    assert _outdated(text) == [("outdated.abolished_system", quote, text.index(quote))]


def test_each_ended_five_year_period_relied_on_is_reported_once():
    text = "“十二五”期间，各地要加快发展。“十三五”时期要加大投入。“十三五”期间要继续推进。"
    assert [q for _, q, _ in _outdated(text)] == ["“十二五”期间", "“十三五”时期"]


def test_inside_a_citation_is_told_as_by_a_scan_of_them():
    from reviewtools.checks.outdated import _Spans

    spans = [(10, 20), (0, 5), (12, 14), (30, 31), (3, 8)]
    inside = _Spans(spans)
    assert [at in inside for at in range(35)] == [any(s <= at < e for s, e in spans) for at in range(35)]
    assert 0 not in _Spans([])


def test_departments_named_by_function_in_repeated_lists_are_each_found():
    from reviewtools.extract.agencies import _departments

    clause = "（责任单位：市政府办公厅、市政府法制办、各区市县政府和先导区管委会、市政府有关部门）"
    text = f"一、健全制度。{clause}\n二、加强监督，由工商行政管理部门负责。{clause}"
    found = [(at, text[at:at + account[0]]) for at, account in _departments(text)]
    assert [quote for _, quote in found] == ["先导区管委会、市政府有关部门", "由工商行政管理部门", "先导区管委会、市政府有关部门"]
    assert found[0][0] < found[1][0] < found[2][0]


@pytest.mark.parametrize(("text", "severity"), [
    ("上海市人民政府办公厅关于加强管理的通知\n各区人民政府：\n由市经信委负责认定。", "info"),
    ("由重庆市经信委负责认定。", "info"),
    ("大连市人民政府关于加强管理的通知\n各区人民政府：\n由市经信委负责认定。", "warning"),
])
def test_an_old_name_a_place_kept_is_a_hint_there_and_said_so(text, severity):
    (f,) = [f for f in review_text(text, Settings(as_of=date(2026, 11, 22))).findings
            if f.rule == "outdated.renamed_agency"]
    assert (f.quote, f.severity) == ("市经信委", severity)
    assert ("上海、重庆在机构改革中保留了该机构名称" in f.note) == (severity == "info")
