"""The review end to end: the JSON contract, exit status, memo formats, waivers and the as-of date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as read_docx

from reviewtools.cli import main
from reviewtools.ingest import read_file
from reviewtools.review import review, review_text
from reviewtools.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "示例草案.docx"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_sample_draft_json_contract():
    result = run("review", SAMPLE, "--format", "json", "--as-of", "2026-11-22")
    assert result.exit_code == 1  # error-level findings
    r = json.loads(result.stdout)
    assert list(r) == ["schema", "tool", "as_of", "source", "document", "findings", "waived", "stale_waivers", "summary",
                     "verdict"]
    assert r["schema"] == "reviewtools.review/1" and r["as_of"] == "2026-11-22"
    assert r["source"]["format"] == "docx" and len(r["source"]["sha256"]) == 64
    assert r["document"] == {
        "title": "示例市人民政府办公室关于印发《示例市促进民营经济高质量发展若干措施》的通知",
        "doc_number": "示政办发〔2026〕5号", "issuer": "示例市人民政府办公室", "issued_on": "2026-10-08",
        "effective_on": "2026-11-01", "expires_on": None, "kind": "若干措施", "chars": 292}
    found = [(f["rule"], f["severity"], f["quote"], f["start"], f["end"], f["location"]) for f in r["findings"]]
    assert found == [
        ("format.doc_number", "warning", "示政办发[2026]05号", 38, 51, {"paragraph": 2}),
        ("outdated.repealed_law", "error", "《中华人民共和国合同法》", 168, 180, {"paragraph": 8}),
        ("competition.tax_linked_reward", "error", "按其缴纳增值税地方留成部分的50%给予奖励", 223, 244, {"paragraph": 9}),
        ("competition.local_goods_preference", "error", "优先采购本市企业生产的产品", 277, 290, {"paragraph": 10}),
        ("powers.penalty", "error", "处以五千元以上一万元以下罚款", 321, 335, {"paragraph": 11}),
        ("outdated.renamed_agency", "warning", "市工商行政管理局", 360, 368, {"paragraph": 12}),
        ("validity.missing", "info", "本措施自2026年11月1日起施行", 439, 456, {"paragraph": 14}),
    ]
    text = read_file(SAMPLE).text
    for f in r["findings"]:
        if f["quote"] is not None:
            assert text[f["start"]:f["end"]] == f["quote"]
        assert f["basis"] and f["suggestion"] and f["message"]
    assert r["summary"] == {"error": 4, "warning": 2, "info": 1}
    assert r["verdict"] == "reject"
    repealed = next(f for f in r["findings"] if f["rule"] == "outdated.repealed_law")
    assert repealed["message"] == "引用的《中华人民共和国合同法》自2021年1月1日起已废止，已由《中华人民共和国民法典》取代。"


def test_clean_draft_passes_with_exit_0(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text("某市公园管理办法\n第一条 为加强公园管理，根据《城市绿化条例》，结合本市实际，制定本办法。\n"
                 "第二条 本办法自2026年1月1日起施行，有效期5年。", encoding="utf-8")
    result = run("review", f, "--format", "json", "--as-of", "2026-11-22")
    r = json.loads(result.stdout)
    assert result.exit_code == 0, r["findings"]
    assert r["findings"] == [] and r["verdict"] == "pass"


def test_as_of_decides_what_is_outdated():
    text = "根据《中华人民共和国合同法》第五十二条，合同无效。"
    before = review_text(text, Settings(as_of=__import__("datetime").date(2020, 12, 31)))
    after = review_text(text, Settings(as_of=__import__("datetime").date(2021, 1, 1)))
    assert "outdated.repealed_law" not in [f.rule for f in before.findings]
    assert "outdated.repealed_law" in [f.rule for f in after.findings]


def test_the_issuers_own_area_counts_as_local():
    text = "大连市人民政府\n2024年3月5日\n政府投资项目同等条件下优先采购大连市企业生产的产品。"
    r = review_text(text, Settings())
    hits = [f for f in r.findings if f.category == "competition"]
    assert hits and all(r.doc.text[f.start:f.end] == f.quote for f in hits)
    assert any("大连市企业" in f.quote for f in hits)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_every_memo_format_is_written(tmp_path, fmt):
    out = tmp_path / f"memo.{fmt}"
    result = run("review", SAMPLE, "-o", out, "--as-of", "2026-11-22")
    assert result.exit_code == 1
    assert "建议不予同意" in result.stdout and str(out) in result.stdout
    data = out.read_bytes()
    if fmt == "docx":
        paragraphs = "\n".join(p.text for p in read_docx(out).paragraphs)
        assert "优先采购本市企业生产的产品" in paragraphs and "不予同意" in paragraphs
    else:
        assert "优先采购本市企业生产的产品" in data.decode("utf-8")


def test_docx_to_the_terminal_is_refused():
    result = run("review", SAMPLE, "--format", "docx")
    assert result.exit_code == 2 and "需要用 -o" in result.stderr


def test_waiver_survives_an_edit_elsewhere_in_the_draft(tmp_path):
    draft = tmp_path / "草案.txt"
    body = ("某市促进消费若干措施\n一、全市政府投资项目同等条件下优先采购本市企业生产的产品。\n"
            "二、对未按规定报送数据的企业，处以五千元以上一万元以下罚款。\n")
    draft.write_text(body, encoding="utf-8")
    first = json.loads(run("review", draft, "--format", "json").stdout)
    local = next(f for f in first["findings"] if f["rule"] == "competition.local_goods_preference")
    waived = run("waive", draft, local["rule"], "--quote", local["quote"], "--reason", "应急保供，适用例外规定",
                 "--status", "not_applicable", "--by", "张三")
    assert waived.exit_code == 0 and (tmp_path / "草案.review.toml").is_file()
    draft.write_text("某市促进消费若干措施（修改稿）\n前言：为扩大消费，制定本措施。\n" + body.split("\n", 1)[1], encoding="utf-8")
    second = json.loads(run("review", draft, "--format", "json").stdout)
    assert "competition.local_goods_preference" not in [f["rule"] for f in second["findings"]]
    assert [(w["rule"], w["quote"], w["waiver"]["status"], w["waiver"]["reason"], w["waiver"]["by"])
            for w in second["waived"]] == [(local["rule"], local["quote"], "not_applicable", "应急保供，适用例外规定", "张三")]
    assert "powers.penalty" in [f["rule"] for f in second["findings"]]  # other findings stay
    memo = run("review", draft, "--format", "md").stdout
    assert "## 已豁免的意见" in memo and "应急保供，适用例外规定" in memo


def test_a_waiver_must_match_a_finding_and_goes_stale_when_its_clause_goes(tmp_path):
    draft = tmp_path / "草案.txt"
    clause = "全市政府投资项目同等条件下优先采购本市企业生产的产品。"
    draft.write_text(f"某市促进消费若干措施\n一、{clause}\n", encoding="utf-8")
    rule = "competition.local_goods_preference"
    quote = next(f["quote"] for f in json.loads(run("review", draft, "--format", "json").stdout)["findings"]
                 if f["rule"] == rule)
    miss = run("waive", draft, rule, "--quote", "没有这句话", "--reason", "x")
    assert miss.exit_code == 2 and "没有与之匹配的意见" in miss.stderr and "--force" in miss.stderr
    assert not (tmp_path / "草案.review.toml").exists()
    assert run("waive", draft, "powers.penalty", "--reason", "x").exit_code == 2  # no finding of that rule
    assert run("waive", draft, rule, "--quote", quote, "--reason", "应急保供").exit_code == 0
    forced = run("waive", draft, "powers.penalty", "--reason", "预先豁免：罚款条款依据另文", "--force")
    assert forced.exit_code == 0

    draft.write_text("某市促进消费若干措施（修改稿）\n一、支持各类企业平等参与政府投资项目。\n", encoding="utf-8")
    second = json.loads(run("review", draft, "--format", "json").stdout)
    assert second["waived"] == []
    assert [(w["rule"], w["quote"], w["reason"]) for w in second["stale_waivers"]] == [
        (rule, quote, "应急保供"), ("powers.penalty", None, "预先豁免：罚款条款依据另文")]
    memo = run("review", draft, "--format", "md").stdout
    stale = memo.split("## 失效的豁免记录", 1)[1]
    assert "没有对应的意见" in stale and "应急保供" in stale and "全文" in stale
    assert "失效的豁免记录" in run("review", draft).stdout
    out = tmp_path / "意见书.docx"
    assert run("review", draft, "-o", out).exit_code == 0
    paragraphs = [p.text for p in read_docx(out).paragraphs]
    assert "四、失效的豁免记录" in paragraphs and any("应急保供" in p for p in paragraphs)
    html = run("review", draft, "--format", "html").stdout
    assert "四、失效的豁免记录" in html and "应急保供" in html


def test_waiving_an_unknown_rule_is_refused(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("某市办法", encoding="utf-8")
    result = run("waive", draft, "no.such", "--reason", "x")
    assert result.exit_code == 2 and "规则不存在" in result.stderr


def test_a_folder_gives_one_memo_per_file_and_an_index(tmp_path, seeds):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(seeds.iterdir())[:3]:
        shutil.copy(f, src / f.name)
    (src / "坏文件.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    result = run("review", src, "-o", out, "--format", "html", "--as-of", "2026-11-22")
    assert result.exit_code == 2  # one file could not be read; the others were reviewed
    memos = sorted(p.name for p in out.glob("*.审查意见.html"))
    assert memos == [f"{f.stem}.审查意见.html" for f in sorted(seeds.iterdir())[:3]]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(m in index for m in memos) and "坏文件.pdf" in index and "文件已损坏" in index


def test_review_of_each_seed_quotes_the_text_exactly(seeds):
    for path in sorted(seeds.iterdir()):
        r = review(read_file(path), Settings())
        for f in r.findings:
            if f.quote is not None:
                assert r.doc.text[f.start:f.end] == f.quote
        assert not [f for f in r.findings if f.category in ("competition", "powers")], path.name


def test_seed_000_findings_as_of_2026():
    from datetime import date

    from tests.conftest import seed

    r = review(read_file(seed("000")), Settings(as_of=date(2026, 11, 22)))
    got = {(f.rule, f.quote) for f in r.findings}
    assert ("outdated.renamed_agency", "大连市文化广播影视局") in got
    assert ("format.doc_number", "大文广发﹝2017﹞74号") in got
    assert ("outdated.own_period_ended", "大连市文化广播影视局法治政府建设实施方案(2016-2020年)") in got
    assert ("outdated.expired_plan", "《大连市人民政府关于印发〈大连市法治政府建设实施方案(2016-2020年)〉的通知》") in got
    agency = next(f for f in r.findings if f.rule == "outdated.renamed_agency")
    assert agency.message.endswith("文中出现 3 处。")
    assert r.verdict == "revise"


@pytest.mark.parametrize(("prefix", "expected", "absent"), [
    ("001", {("outdated.expired_plan", "《法治中国建设规划(2020-2025年)》")}, {"length.over_limit"}),
    ("002", {("outdated.renamed_agency", "文化部")}, {"length.over_limit"}),  # a report: the 5000 limit is for issued documents
    ("003", {("outdated.own_period_ended", "大连市全面推进依法行政(法治政府建设)规划(20162020年)"),
             ("outdated.expired_plan", "《法治政府建设实施纲要(2015—2020年)》"),
             ("outdated.renamed_agency", "法制办"), ("format.doc_number", "大政办发〔201641"),
             ("length.over_limit", None)}, set()),
    ("004", {("format.cited_doc_number", "长政办发[2019]2号"),
             ("outdated.expired_plan", "《法治政府建设实施纲要(2015-2020年)》")}, {"length.over_limit"}),
])
def test_seed_findings_as_of_2026(prefix, expected, absent):
    from datetime import date

    from tests.conftest import seed

    r = review(read_file(seed(prefix)), Settings(as_of=date(2026, 11, 22)))
    got = {(f.rule, f.quote) for f in r.findings}
    assert expected <= got
    assert not absent & {f.rule for f in r.findings}
    assert not [f for f in r.findings if f.severity == "error"]  # none of these plans creates powers or barriers


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_every_format_for_every_seed(tmp_path, seeds, fmt):
    out = tmp_path / "memos"
    result = run("review", seeds, "-o", out, "--format", fmt, "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.output  # the seeds have no error-level findings
    for path in sorted(seeds.iterdir()):
        memo = out / f"{path.stem}.审查意见.{fmt}"
        r = review(read_file(path), Settings(as_of=__import__("datetime").date(2026, 11, 22)))
        if fmt == "docx":
            content = "\n".join(p.text for p in read_docx(memo).paragraphs)
        elif fmt == "json":
            assert json.loads(memo.read_text(encoding="utf-8"))["findings"] == [f.to_dict() for f in r.findings]
            continue
        else:
            content = memo.read_text(encoding="utf-8")
        for f in r.findings:
            if f.quote:
                from reviewtools.report.memo.markdown import inline

                shown = {"html": f.quote.replace("&", "&amp;").replace("<", "&lt;"), "md": inline(f.quote)}.get(fmt, f.quote)
                assert shown in content, (path.name, f.rule)


def test_a_notice_in_traditional_characters_is_reviewed_and_quoted_as_written():
    text = ("某縣人民政府關於加強城區市場管理的通告\n為加強城區市場管理，特通告如下：\n"
            "一、對新落戶本縣的企業，按其繳納增值稅地方留成部分的50%給予獎勵。\n"
            "二、對違反本通告規定的，由縣城管局處以五千元罰款。\n某縣人民政府\n2023年3月1日\n")
    r = review_text(text, Settings())
    assert r.document["title"] == "某縣人民政府關於加強城區市場管理的通告"  # shown as written
    found = {(f.rule, f.quote, f.start) for f in r.findings if f.category in ("competition", "powers")}
    assert found == {("competition.tax_linked_reward", "按其繳納增值稅地方留成部分的50%給予獎勵", text.index("按其")),
                     ("powers.penalty", "處以五千元罰款", text.index("處以"))}


def test_a_traditional_notice_has_its_basis_and_its_old_agency_read_too():
    text = ("某縣人民政府關於禁止露天焚燒秸稈的通告\n為保護大氣環境，根據《中華人民共和國大氣污染防治法》，結合本縣實際，特通告如下：\n"
            "一、禁止在本縣行政區域內露天焚燒秸稈。\n二、對違反本通告規定的，由縣環保局依法處罰。\n某縣人民政府\n2023年3月1日\n")
    found = [(f.rule, f.quote) for f in review_text(text, Settings()).findings if f.severity != "info"]
    assert found == [("outdated.renamed_agency", "縣環保局")]
