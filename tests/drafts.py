"""Reviews the report-writer tests render: a synthetic draft, hand-made overlapping findings, the seeds."""

from __future__ import annotations

from datetime import date

from reviewtools.analyze import Analysis, Finding
from reviewtools.ingest import read_bytes, read_file
from reviewtools.review import Review, review, review_text
from reviewtools.settings import Settings
from tests.conftest import ROOT, seed

SETTINGS = Settings(as_of=date(2026, 11, 22))
SEEDS = ("000", "001", "002", "003", "004")

# Synthetic (written for these tests): a tax-linked reward, a bracketed 文号, a repealed law, an abolished
# agency, a penalty set by a normative document, and markup that must come out as text.
DRAFT = """某县人民政府关于促进招商引资的若干意见
某县政发[2020]5号
各乡镇人民政府，县工商行政管理局：
为促进县域经济发展，根据《中华人民共和国合同法》等规定，结合本县实际，制定本意见。
一、对新引进企业，按其缴纳增值税地方留成部分的50%给予奖励。
二、对未按规定报送统计资料的企业，由县统计局处以五千元以上一万元以下罚款。
三、企业申请营业执照的，由县工商行政管理局在三个工作日内办结。
四、示例字符<script>alert(1)</script> & <b>粗体</b>应原样显示。
某县人民政府
2020年3月1日
"""
NAME = "草案<1>&.txt"


def draft_review() -> Review:
    return review_text(DRAFT, SETTINGS, name=NAME)


def example_review() -> Review:
    """The shipped sample draft (one finding per violating clause: a tax-linked reward, a local-goods preference…)."""
    return review(read_file(ROOT / "examples" / "示例草案.docx"), SETTINGS)


def seed_review(prefix: str) -> Review:
    return review(read_file(seed(prefix)), SETTINGS)


def _finding(text: str, quote: str, n: int = 1, *, start: int | None = None, category: str = "competition",
             severity: str = "error", note: str = "") -> Finding:
    """A hand-made finding on the `n`th occurrence of `quote` (or at `start`)."""
    if start is None:
        start = -1
        for _ in range(n):
            start = text.index(quote, start + 1)
    return Finding(rule=f"{category}.test", category=category, severity=severity, title=f"测试<{category}>",
                   message="问题说明 & <i>", quote=quote, start=start, end=start + len(quote), location={"paragraph": 1},
                   basis=f"《测试依据》第{start}条", suggestion="修改建议", note=note)


def overlapping_review() -> Review:
    """Findings that nest, cross, share a start, repeat a span and run over a line break."""
    text = "第一条 甲乙丙丁戊己庚辛。\n第二条 <子丑>寅卯&辰巳。\n"
    doc = read_bytes(text.encode("utf-8"), "重叠.txt")
    t = doc.text
    findings = [
        _finding(t, "甲乙丙丁戊", category="competition"),
        _finding(t, "丙丁", category="outdated", severity="warning"),  # nested
        _finding(t, "丁戊己庚", category="powers"),  # crossing the first
        _finding(t, "甲乙", category="format", severity="info"),  # same start as the first
        _finding(t, "甲乙", category="format", severity="info", note="同一位置的第二条意见"),  # same span
        _finding(t, "辛。\n第二条", category="validity"),  # over a line break
        _finding(t, "<子丑>寅卯&", category="upper_law", severity="warning"),
        Finding(rule="length.test", category="length", severity="warning", title="全文问题", message="篇幅",
                quote=None, start=None, end=None, location={}, basis="依据", suggestion="建议"),
    ]
    return Review(Analysis(doc, SETTINGS), findings)
