"""Every workbook an office prints, printed: LibreOffice turns it into a PDF, and the PDF's smallest text is
at least 9 pt and holds every cell's text (no column cut off, no row clipped)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date

import pdfplumber
import pytest

from reviewtools.errors import ReadError
from reviewtools.ingest import office
from reviewtools.report.catalogue import xlsx as catalogue_xlsx
from reviewtools.report.cleanup import workbook as cleanup_workbook
from reviewtools.report.screening import xlsx as screening_xlsx
from tests.conftest import require
from tests.report.test_catalogue import YEAR, sample
from tests.screening.test_screening import COST, ENTRY, screened

MIN_PT = 9.0


def _cjk_font() -> bool:
    fc = shutil.which("fc-list")
    return bool(fc) and bool(subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):
    """Print an .xlsx to PDF as an officer would (LibreOffice, its own profile); return the pages' characters."""
    soffice = office.find_soffice()
    require(soffice is not None, "LibreOffice (soffice) is not installed")
    require(_cjk_font(), "no Chinese font installed (fonts-noto-cjk)")
    root = tmp_path_factory.mktemp("print")

    def print_pdf(name: str, data: bytes) -> list[list[dict]]:
        source = root / f"{name}.xlsx"
        source.write_bytes(data)
        subprocess.run([soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(root), str(source)],
                       check=True, capture_output=True, timeout=180)
        with pdfplumber.open(source.with_suffix(".pdf")) as pdf:
            return [page.chars for page in pdf.pages]

    return print_pdf


def _text(pages: list[list[dict]]) -> str:
    return re.sub(r"\s+", "", "".join(c["text"] for page in pages for c in page))


def _assert_printed(pages: list[list[dict]], *texts: str) -> None:
    sizes = [c["size"] for page in pages for c in page if c["text"].strip()]
    assert sizes and min(sizes) >= MIN_PT, f"smallest printed text {min(sizes):.1f} pt"
    flat = _text(pages)
    for text in texts:
        assert re.sub(r"\s+", "", text) in flat


def test_screening_form_prints_readable_with_every_quote(printed):
    s = screened(ENTRY, "entry.txt")
    quotes = [h.quote for a in s.answers for h in a.hits]
    assert len(quotes) >= 9
    _assert_printed(printed("form", screening_xlsx.render(s)), *quotes)


def test_screening_summary_prints_readable_with_every_column(printed):
    docs = [screened(ENTRY, "entry.txt"), screened(COST, "cost.txt")]
    pages = printed("summary", screening_xlsx.summary(docs, [ReadError("坏文件.docx", "文件已损坏，无法解析")],
                                                       since=date(2024, 8, 1)))
    _assert_printed(pages, *screening_xlsx.PER_DOCUMENT, docs[0].title, docs[1].title, "文件已损坏，无法解析")


def test_cleanup_workbook_prints_readable_without_the_hidden_key(printed):
    reasons = ["有效期已届满（2021年3月1日），建议宣布失效", "引用的《中华人民共和国合同法》已废止"]
    row = {"title": "某县人民政府关于加强城区户外广告设置管理的通知", "doc_number": "某政发〔2016〕5号",
           "issuer": "某县人民政府", "issued_on": "2016-03-01", "expires_on": "2021-03-01", "proposed": "宣布失效",
           "reasons": json.dumps(reasons, ensure_ascii=False), "decided": None, "decision_reason": None,
           "decision_note": None, "path": "2016/户外广告.docx", "doc_key": "KEY-9f3a1c"}
    pages = printed("cleanup", cleanup_workbook.render(2026, [row]))
    _assert_printed(pages, row["title"], *reasons, "2016/户外广告.docx")
    assert "KEY-9f3a1c" not in _text(pages)


def test_catalogue_prints_readable(printed):
    catalogue = sample()
    pages = printed("catalogue", catalogue_xlsx.render(catalogue, "某某市人民政府", YEAR))
    _assert_printed(pages, *(e.title for e in catalogue.valid))
