"""Review rounds (复核) on real .docx files: a draft, then its revision that fixes one problem, keeps two (one
edited) and adds one; the comparison, the text changes, waivers and decisions carried, the memo and the CLI."""

from __future__ import annotations

import json
from datetime import date

import docx
import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.ingest import read_file
from reviewtools.registry import Registry
from reviewtools.registry.drafts import Drafts, draft_key
from reviewtools.report.memo import render
from reviewtools.review import review, waivers
from reviewtools.review.rounds import Version, compare, load_previous, review_round
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22))
TITLE = "某县人民政府关于促进招商引资的若干意见"
# Synthetic. Round 2 cites 民法典 for 合同法 (fixed), rewords the tax-linked reward (kept, quote edited), keeps the
# penalty word for word, adds a local-goods preference (new) and renumbers the last clause.
ROUND1 = [TITLE,
          "为促进县域经济发展，根据《中华人民共和国合同法》等规定，结合本县实际，制定本意见。",
          "一、对新引进企业，按其缴纳增值税地方留成部分的50%给予奖励。",
          "二、对未按规定报送统计资料的企业，由县统计局处以五千元以上一万元以下罚款。",
          "三、本意见自2026年12月1日起施行，有效期3年。"]
ROUND2 = [TITLE,
          "为促进县域经济发展，根据《中华人民共和国民法典》等规定，结合本县实际，制定本意见。",
          "一、对新引进的企业，按其缴纳增值税地方留成部分的30%给予奖励。",
          "二、对未按规定报送统计资料的企业，由县统计局处以五千元以上一万元以下罚款。",
          "三、全县政府投资项目优先采购本县企业生产的产品。",
          "四、本意见自2026年12月1日起施行，有效期3年。"]
PENALTY = "处以五千元以上一万元以下罚款"


def _docx(path, paragraphs):
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


@pytest.fixture
def drafts(tmp_path):
    return _docx(tmp_path / "草案.docx", ROUND1), _docx(tmp_path / "草案（修改稿）.docx", ROUND2)


def _spans(findings):
    return [(f["rule"], f["quote"], f["start"], f["end"]) for f in findings]


def test_compare_resolved_remaining_new_with_quotes_and_offsets(drafts):
    old, new = (review(read_file(p), SETTINGS) for p in drafts)
    c = compare(Version.of(old), Version.of(new, 2))
    assert c.round == 2
    assert _spans(c.resolved) == [("outdated.repealed_law", "《中华人民共和国合同法》", 32, 44)]
    assert [(_spans([p])[0], _spans([n])[0]) for p, n in c.remaining] == [
        (("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励", 71, 92),
         ("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的30%给予奖励", 72, 93)),
        (("powers.penalty", PENALTY, 116, 130), ("powers.penalty", PENALTY, 117, 131)),
    ]
    assert _spans(c.new) == [("competition.local_goods_preference", "优先采购本县企业生产的产品", 143, 156)]
    for side, found in ((old, c.resolved), (new, c.new)):
        assert all(side.doc.text[f["start"]:f["end"]] == f["quote"] for f in found)
    assert c.pairs() == [(("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励"),
                          ("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的30%给予奖励")),
                         (("powers.penalty", PENALTY), ("powers.penalty", PENALTY))]


def test_text_changes_by_paragraph_then_by_character(drafts):
    old, new = (read_file(p).text for p in drafts)
    c = compare(Version([], old), Version([], new))
    got = [(ch.kind, ch.previous and (ch.previous.start, ch.previous.end), ch.current and (ch.current.start, ch.current.end),
            [(e.kind, e.previous.start, e.previous.text, e.current.start, e.current.text) for e in ch.edits])
           for ch in c.changes]
    assert got == [
        ("changed", (20, 61), (20, 61), [("replace", 40, "合同法", 40, "民法典")]),
        ("changed", (62, 93), (62, 94), [("insert", 68, "", 68, "的"), ("replace", 85, "50%", 86, "30%")]),
        ("inserted", None, (133, 157), []),
        ("changed", (132, 158), (158, 184), [("replace", 132, "三", 158, "四")]),
    ]
    for ch in c.changes:
        for e in ch.edits:
            assert old[e.previous.start:e.previous.end] == e.previous.text
            assert new[e.current.start:e.current.end] == e.current.text
    assert new[133:157] == ROUND2[4]


def test_matching_is_by_rule_and_quote_never_by_offset_alone():
    """A finding moved far (paragraphs inserted before it) is the same finding; another rule at the old offset is not."""
    f = {"rule": "powers.penalty", "quote": PENALTY, "start": 10, "end": 24, "location": {}}
    g = {**f, "start": 500, "end": 514}
    other = {**f, "rule": "powers.license", "quote": "须经县政府批准", "start": 10, "end": 17}
    c = compare(Version([f], None), Version([other, g], None))
    assert [n["start"] for _, n in c.remaining] == [500] and c.new == [other] and c.resolved == []
    dissimilar = {**f, "quote": "吊销营业执照", "start": 10, "end": 16}  # same rule, same place, another clause
    c = compare(Version([f], None), Version([dissimilar], None))
    assert c.remaining == [] and c.resolved == [f] and c.new == [dissimilar]


def test_waiver_of_round_1_carries_to_the_same_finding_in_round_2(drafts):
    first, second = drafts
    waivers.add(first, waivers.Waiver("powers.penalty", PENALTY, "accepted", "上位法已有规定，照录", "张三", "2026-11-20"))
    result = review_round(read_file(second), SETTINGS, load_previous(first, SETTINGS))
    assert [(f.rule, f.quote, w.reason, w.by) for f, w in result.waived] == [
        ("powers.penalty", PENALTY, "上位法已有规定，照录", "张三")]
    assert [f.rule for f in result.findings] == ["competition.tax_linked_reward", "competition.local_goods_preference"]
    assert result.stale == []


def test_decisions_are_audited_and_carried_to_the_next_round(drafts, tmp_path):
    first, second = drafts
    store = Drafts(Registry(tmp_path / "r.sqlite"))
    r1 = review(read_file(first), SETTINGS)
    key = draft_key(r1.to_dict())
    assert key == TITLE
    round1 = store.add_round(key, r1.to_dict(), r1.doc.text, first.name, "张三")
    assert store.add_round(key, r1.to_dict(), r1.doc.text, first.name).id == round1.id  # same content: same round
    reward = "按其缴纳增值税地方留成部分的50%给予奖励"
    with pytest.raises(Exception, match="豁免须写明理由"):
        store.decide(round1.id, "competition.tax_linked_reward", reward, "waived", " ")
    store.decide(round1.id, "competition.tax_linked_reward", reward, "accepted", who="张三")
    store.decide(round1.id, "competition.tax_linked_reward", reward, "waived", "经集体讨论保留", "李四")
    store.decide(round1.id, "powers.penalty", PENALTY, "wrong", "照录上位法", "李四")
    store.decide(round1.id, "outdated.repealed_law", "《中华人民共和国合同法》", "accepted", who="张三")
    history = [(d.rule, d.decision, d.who) for d in store.history(round1.id)]
    assert history == [("competition.tax_linked_reward", "accepted", "张三"),
                       ("competition.tax_linked_reward", "waived", "李四"), ("powers.penalty", "wrong", "李四"),
                       ("outdated.repealed_law", "accepted", "张三")]
    assert [(d.rule, d.decision) for d in store.decisions(round1.id)] == [
        ("competition.tax_linked_reward", "waived"), ("powers.penalty", "wrong"), ("outdated.repealed_law", "accepted")]

    last = store.latest(key)
    previous = Version.from_json(last.review, last.text, last.round)
    result = review_round(read_file(second), SETTINGS, previous, [], waivers.from_decisions(store.decisions(last.id)))
    assert [(f.rule, f.quote, w.status, w.reason) for f, w in result.waived] == [
        ("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的30%给予奖励", "accepted", "经集体讨论保留"),
        ("powers.penalty", PENALTY, "not_applicable", "照录上位法")]
    assert [f.rule for f in result.findings] == ["competition.local_goods_preference"]
    round2 = store.add_round(key, result.to_dict(), result.doc.text, second.name, "张三")
    assert (round2.round, round2.review["rounds"]["round"]) == (2, 2)
    assert store.carry(last.id, round2.id, result.rounds.pairs()) == 2
    carried = store.decisions(round2.id)
    assert [(d.rule, d.quote, d.decision, d.reason, d.who, d.carried_from) for d in carried] == [
        ("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的30%给予奖励", "waived", "经集体讨论保留", "李四", 2),
        ("powers.penalty", PENALTY, "wrong", "照录上位法", "李四", 3)]
    assert store.carry(last.id, round2.id, result.rounds.pairs()) == 0  # carried once
    store.decide(round2.id, "powers.penalty", PENALTY, "open", who="王五")  # withdrawn in round 2
    assert [d.rule for d in store.decisions(round2.id)] == ["competition.tax_linked_reward"]
    assert len(store.history(round2.id)) == 3
    assert [r.round for r in store.rounds(key)] == [1, 2] and store.drafts() == [(TITLE, 2, store.latest(key))]


def test_round_2_memo_and_json_say_so(drafts, tmp_path):
    first, second = drafts
    result = review_round(read_file(second), SETTINGS, load_previous(first, SETTINGS))
    md = render(result, "md").decode("utf-8")
    assert "第二轮审查（复核）" in md and "## 复核情况" in md
    assert "已解决：引用已废止的法律法规（outdated\\.repealed\\_law）：“《中华人民共和国合同法》”，第2段" in md
    assert md.count("- 仍存在：") == 2 and md.count("- 新发现：") == 1 and md.count("- 文字修改：") == 4
    assert "“合同法”改为“民法典”" in md
    text = "\n".join(p.text for p in docx.Document(__import__("io").BytesIO(render(result, "docx"))).paragraphs)
    assert "进行第二轮审查（复核），现提出如下意见" in text and "经第二轮审查（复核），共提出意见3条" in text
    assert "四、复核情况" in text and "五、已豁免的意见" not in text
    assert "已解决：引用已废止的法律法规（outdated.repealed_law）：“《中华人民共和国合同法》”，第2段" in text
    html = render(result, "html").decode("utf-8")
    assert "复核情况" in html and "第二轮审查（复核）" in html
    rounds = json.loads(render(result, "json"))["rounds"]
    assert rounds["summary"] == {"resolved": 1, "remaining": 2, "new": 1, "changes": 4}
    assert rounds["previous"]["path"] == str(first) and rounds["remaining"][0]["previous"]["start"] == 71


def test_cli_previous_draft_or_its_json(drafts, tmp_path):
    first, second = drafts
    old_json = tmp_path / "一.json"
    runner = CliRunner()
    out = runner.invoke(main, ["review", str(first), "--format", "json", "--as-of", "2026-11-22"])
    old_json.write_text(out.stdout, encoding="utf-8")
    for previous in (first, old_json):
        memo = tmp_path / "复核.json"
        got = runner.invoke(main, ["review", str(second), "--previous", str(previous), "-o", str(memo),
                                   "--as-of", "2026-11-22"])
        assert got.exit_code == 1, got.output
        r = json.loads(memo.read_text(encoding="utf-8"))["rounds"]
        assert [f["rule"] for f in r["resolved"]] == ["outdated.repealed_law"]
        assert [f["rule"] for f in r["new"]] == ["competition.local_goods_preference"]
        assert r["summary"]["changes"] == 4
    bad = runner.invoke(main, ["review", str(first), str(second), "--previous", str(first)])
    assert bad.exit_code == 2 and "--previous 只能与一个文件一起使用" in bad.output
