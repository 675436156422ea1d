"""The folder report for the leadership, over a batch built here, read back: 审查汇总.xlsx with openpyxl and
审查汇总.docx with python-docx, beside index.html; both printed through LibreOffice at 9 pt or more."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.ingest import office
from tests.conftest import require
from tests.drafts import DRAFT

PENALTY_LINE = "二、对未按规定报送统计资料的企业，由县统计局处以五千元以上一万元以下罚款。\n"
CLEAN = "某市交通运输局关于做好道路运输安全工作的通知\n各区交通运输局：\n请加强道路运输安全管理，落实企业主体责任。\n某市交通运输局\n2026年3月1日\n"
# Synthetic drafts: two of 某县人民政府 (3 严重 + 2 警告, and without the penalty 2 + 2), one of 某区人民政府
# (3 + 2), one with nothing to say, and a file that cannot be read.
BATCH = {"县一.txt": DRAFT, "县二.txt": DRAFT.replace(PENALTY_LINE, ""),
         "区.txt": DRAFT.replace("某县", "某区").replace("县", "区"), "交通.txt": CLEAN}
BY_ISSUER = [["某县人民政府", 2, 5, 4, 0, 9], ["某区人民政府", 1, 3, 2, 0, 5], ["某市交通运输局", 1, 0, 0, 0, 0],
             ["合计", 4, 8, 6, 0, 14]]
BY_CATEGORY = [["公平竞争", 3, 0, 0, 3, 3], ["过时引用", 3, 3, 0, 6, 3], ["越权设定", 2, 0, 0, 2, 2],
               ["格式规范", 0, 3, 0, 3, 3], ["合计", 8, 6, 0, 14, 3]]
BY_RULE = [["公平竞争", "competition.tax_linked_reward", 3, 0, 0, 3],
           ["过时引用", "outdated.renamed_agency", 0, 3, 0, 3],
           ["过时引用", "outdated.repealed_law", 3, 0, 0, 3],
           ["越权设定", "powers.penalty", 2, 0, 0, 2],
           ["格式规范", "format.doc_number", 0, 3, 0, 3]]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    docs = root / "送审"
    docs.mkdir()
    for name, text in BATCH.items():
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "坏.docx").write_bytes(b"PK\x03\x04 not a document")
    out = root / "out"
    result = CliRunner().invoke(main, ["review", str(docs), "-o", str(out), "--as-of", "2026-11-22"])
    assert result.exit_code == 1, result.output  # 严重 findings outweigh the unreadable file (listed)
    return out


def test_report_is_written_beside_the_index(batch: Path):
    names = {p.name for p in batch.iterdir()}
    assert {"index.html", "审查汇总.docx", "审查汇总.xlsx"} <= names
    index = (batch / "index.html").read_text(encoding="utf-8")
    assert ('<p>汇总报告：<a href="./%E5%AE%A1%E6%9F%A5%E6%B1%87%E6%80%BB.docx">审查汇总.docx</a>、'
            '<a href="./%E5%AE%A1%E6%9F%A5%E6%B1%87%E6%80%BB.xlsx">审查汇总.xlsx</a></p>') in index


def _rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_workbook_counts_by_issuer_and_by_rule(batch: Path):
    wb = openpyxl.load_workbook(batch / "审查汇总.xlsx")
    assert wb.sheetnames == ["概况", "按发文机关", "按类别", "按规则", "严重问题", "无法读取"]
    assert _rows(wb["按发文机关"]) == BY_ISSUER
    assert _rows(wb["按类别"]) == BY_CATEGORY
    rules = _rows(wb["按规则"])
    assert [[cat, rule, *counts] for cat, _, rule, *counts in rules] == BY_RULE
    assert rules[0][1] == "财政奖励与纳税额、地方留成、经济贡献挂钩"
    overview = [row[0] for row in wb["概况"].iter_rows(values_only=True)]
    assert overview[1] == "审查基准日2026年11月22日，共审查文件4件，另有1件无法读取，未作审查（文件和原因附后）。"
    assert overview[2] == "建议结论：同意1件，修改后同意3件，不予同意0件。"
    assert overview[3] == "共提出意见14条，其中严重8条、警告6条。"
    failed = _rows(wb["无法读取"])
    assert len(failed) == 1 and failed[0][0].endswith("坏.docx")


def test_workbook_lists_every_grave_finding_with_its_document(batch: Path):
    grave = _rows(openpyxl.load_workbook(batch / "审查汇总.xlsx")["严重问题"])
    assert [row[0] for row in grave] == [str(n) for n in range(1, 9)]
    documents = [row[1].split("\n") for row in grave]
    assert sorted({name for _, name in documents}) == ["区.txt", "县一.txt", "县二.txt"]
    assert all(head.startswith("《") and head.endswith("（某县政发〔2020〕5号）") for head, name in documents
               if name.startswith("县"))
    assert sorted(row[3] for row in grave if row[1].endswith("县一.txt")) == sorted(
        ["《中华人民共和国合同法》", "按其缴纳增值税地方留成部分的50%给予奖励", "处以五千元以上一万元以下罚款"])
    assert all(row[5] for row in grave)  # every basis


def test_docx_holds_the_same_tables(batch: Path):
    d = docx.Document(str(batch / "审查汇总.docx"))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "规范性文件合法性审查汇总报告"
    assert "共提出意见14条，其中严重8条、警告6条。" in texts
    assert [h for h in texts if h[1:2] == "、"] == [
        "一、按发文机关统计", "二、按问题类别统计", "三、按审查规则统计", "四、严重问题清单", "五、无法读取的文件"]
    issuers, categories, rules, grave, failed = ([[c.text for c in row.cells] for row in t.rows] for t in d.tables)
    assert issuers[1:] == [[str(v) for v in row] for row in BY_ISSUER]
    assert categories[1:] == [[str(v) for v in row] for row in BY_CATEGORY]
    assert [[cat, rule, *map(int, counts)] for cat, _, rule, *counts in rules[1:]] == BY_RULE
    assert len(grave) == 1 + 8 and len(failed) == 1 + 1


def test_report_prints_at_nine_points_or_more(batch: Path, tmp_path: Path):
    soffice = office.find_soffice()
    require(soffice is not None, "LibreOffice (soffice) is not installed")
    for name in ("审查汇总.docx", "审查汇总.xlsx"):
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path / name), str(batch / name)],
                       check=True, capture_output=True, timeout=180)
        with pdfplumber.open(tmp_path / name / "审查汇总.pdf") as pdf:
            chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
            assert pdf.pages[0].width > pdf.pages[0].height  # A4 landscape
        assert chars and min(c["size"] for c in chars) >= 9.0, name
        printed = "".join(c["text"] for c in chars)
        assert "处以五千元以上一万元以下罚款" in printed and "某市交通运输局" in printed


def test_a_batch_with_nothing_read_states_no_conclusion():
    from datetime import date

    from reviewtools.errors import ReadError
    from reviewtools.report.folder import docx as folder_docx
    from reviewtools.report.folder.fields import Batch

    batch = Batch([], [ReadError("坏.docx", "文件已损坏，无法解析")], date(2026, 11, 22), "")
    assert batch.overview() == ["审查基准日2026年11月22日，共审查文件0件，另有1件无法读取，未作审查（文件和原因附后）。"]
    texts = [p.text for p in docx.Document(io.BytesIO(folder_docx.render(batch))).paragraphs]
    assert not any("未发现" in t or "建议结论" in t for t in texts)


def test_a_document_that_is_no_normative_document_is_counted_as_not_reviewed():
    from datetime import date

    from reviewtools.report.folder.fields import Batch
    from reviewtools.review import review_text
    from reviewtools.settings import Settings

    settings = Settings(as_of=date(2026, 11, 22))
    reviews = [review_text("某区财政局关于2025年度工作情况的报告\n区人民政府：现将有关情况报告如下。", settings),
               review_text("某市人民政府办公室关于印发某市应急预案的通知\n各区人民政府：现将《某市应急预案》印发给你们。", settings)]
    assert [r.verdict for r in reviews] == ["reject", "pass"]
    assert Batch(reviews, [], date(2026, 11, 22), "").overview()[1] == (
        "建议结论：同意1件，修改后同意0件，不予同意0件，不予审核（不属于行政规范性文件，按一般公文办理）1件。")
