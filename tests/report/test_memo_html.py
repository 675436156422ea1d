"""The .html memo: every quote marked once in place, every finding listed, everything escaped."""

from __future__ import annotations

import lxml.html
import pytest

from reviewtools.report.memo import fields as common
from reviewtools.report.memo import html
from reviewtools.review import Review
from reviewtools.terms import SEVERITY_NAMES
from tests.drafts import NAME, SEEDS, draft_review, example_review, overlapping_review, seed_review


def parse(review: Review):
    return lxml.html.document_fromstring(html.render(review, office="某某县司法局"))


def assert_memo(review: Review) -> None:
    tree = parse(review)
    items = tree.xpath('//ol[@class="findings"]/li')
    assert len(items) == len(review.findings)
    rules, suspected = common.split_suspected(review.findings)
    severities = [item.xpath('string(.//span[contains(@class, "badge sev-")])') for item in items[:len(rules)]]
    assert severities == sorted(severities, key=list(SEVERITY_NAMES.values()).index), "the gravest first"
    for n, f in enumerate(rules + suspected, 1):
        assert items[n - 1].get("id") == f"f-{n}"
        marks = tree.xpath(f'//mark[@data-finding="{n}"]')
        if not f.quote:
            assert marks == []
            continue
        # The segments of one finding, joined, are its quote (line breaks become paragraph ends).
        assert "".join(m.text_content() for m in marks) == f.quote.replace("\n", "")
        anchored = tree.xpath(f'//*[@id="m-{n}"]')
        assert anchored == [marks[0]], f"finding {n}: its anchor must sit on its first segment, once"
        assert items[n - 1].xpath(f'.//a[@href="#m-{n}"]'), "the finding links to its highlight"
        assert all(m.xpath('.//a[starts-with(@href, "#f-")]') for m in marks), "a highlight leads back"
    # The document, line by line, is all there and nothing else.
    lines = tree.xpath('//div[@class="doc"]/p')
    assert "\n".join(p.text_content() for p in lines) == review.doc.text
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert tree.xpath("//script") == [], "no script: neither the document's nor ours"
    assert not tree.xpath('//link | //img | //*[@src] | //a[starts-with(@href, "http")]'), "works offline"
    assert review.verdict_name in tree.xpath('string(//p[contains(@class, "verdict")])')


def test_draft_memo():
    review = draft_review()
    assert len(review.findings) >= 3 and len({f.category for f in review.findings}) >= 2
    assert any(f.quote for f in review.findings)
    assert_memo(review)


def test_example_memo():
    assert_memo(example_review())


def test_markup_in_the_document_stays_text():
    review = draft_review()
    out = html.render(review).decode("utf-8")
    assert "<script>alert" not in out and "<b>粗体" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in out
    tree = lxml.html.document_fromstring(out)
    assert "<script>alert(1)</script> & <b>粗体</b>" in tree.xpath('string(//div[@class="doc"])')
    assert NAME in tree.xpath('string(//table[@class="particulars"])')


def test_overlapping_findings_nest_without_breaking_the_markup():
    review = overlapping_review()
    assert_memo(review)
    tree = parse(review)
    # Numbered gravest first: 严重 1 甲乙丙丁戊, 2 丁戊己庚, 3 辛。第二条; 警告 4 丙丁, 5 <子丑>寅卯&, 6 全文; 提示 7, 8 甲乙.
    # 丙丁 lies inside three findings: 甲乙丙丁戊, 丙丁 and 丁戊己庚 (丁 only), each a mark around it.
    ding = [m for m in tree.xpath("//mark[not(mark)]") if m.text_content() == "丁"]
    assert len(ding) == 1
    assert {m.get("data-finding") for m in ding[0].iterancestors("mark")} | {ding[0].get("data-finding")} == \
        {"1", "2", "4"}
    # Each mark is coloured by its finding's category.
    assert "cat-outdated" in tree.xpath('//mark[@id="m-4"]')[0].get("class")
    # The whole-document finding is listed but marks nothing.
    assert tree.xpath('//li[@id="f-6"]//dd')[0].text_content() == "全文"


def test_counts_and_office():
    review = overlapping_review()
    tree = parse(review)
    assert "审查机构：某某县司法局" in tree.xpath('string(//p[@class="byline"])')
    total = tree.xpath('//table[@class="counts"]/tbody/tr[last()]')[0]
    assert [c.text_content() for c in total] == ["合计", "3", "3", "2", "8"]


def test_no_findings():
    review = overlapping_review()
    review.findings = []
    tree = parse(review)
    assert "未发现需要修改的问题" in tree.text_content()
    assert tree.xpath("//mark[@data-finding]") == []


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_memo(prefix: str):
    assert_memo(seed_review(prefix))
