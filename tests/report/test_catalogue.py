"""Catalogue writers: every format written to disk and read back (openpyxl, python-docx, csv, the site's HTML/JS)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
import pytest

from reviewtools.cleanup.catalogue import Catalogue, Change, Entry
from reviewtools.errors import UsageError
from reviewtools.report import catalogue as writers
from reviewtools.report.catalogue import fields as common
from reviewtools.report.catalogue import site
from tests.conftest import require

OFFICE = "某某市人民政府"
YEAR = 2026
CITY, JUSTICE = "某某市人民政府", "某某市司法局"
NASTY = "关于<script>alert(1)</script>整治“脏乱差”&规范管理的通知"


def entry(seq: int, title: str, doc_number: str | None, issuer: str | None, issued_on: str | None,
          effective_on: str | None = None, expires_on: str | None = None, status: str = "继续有效",
          note: str | None = None, reason: str | None = None, text: str = "") -> Entry:
    return Entry(seq, title, doc_number, issuer, issued_on, effective_on, expires_on, status, note, reason, text,
                 doc_key=f"key-{seq}-{title}")


def _valid() -> list[Entry]:
    rows = [
        (CITY, "某某市优化营商环境若干措施", "某政发〔2024〕1号", "2024-01-05"),
        (CITY, "某某市行政规范性文件管理办法", "某政发〔2023〕12号", "2023-06-30"),
        (CITY, NASTY, "某政办发〔2024〕7号", "2024-03-12"),
        (CITY, "某某市政府信息公开实施细则", "某政发〔2022〕9号", "2022-09-01"),
        (CITY, "某某市重大行政决策程序规定", "某政发〔2025〕3号", "2025-02-28"),
        (CITY, "某某市城市管理综合执法办法", "某政发〔2021〕15号", "2021-12-31"),
        (JUSTICE, "某某市司法局行政执法公示办法", "某司发〔2024〕2号", "2024-04-01"),
        (JUSTICE, "某某市法律援助工作规程", "某司发〔2023〕8号", "2023-11-20"),
        (JUSTICE, "某某市人民调解工作规定", "某司规〔2025〕1号", "2025-05-06"),
    ]
    out = []
    for seq, (issuer, title, number, issued) in enumerate(rows, 1):
        out.append(entry(seq, title, number, issuer, issued, effective_on=issued,
                         expires_on="2029-12-31" if seq % 2 else "长期",
                         note="部分条款已修改" if seq == 2 else None,
                         text=f"第一条 为了{title}，制定本办法。\n第二条 本办法自发布之日起施行。唯一词{seq:02d}号\n"))
    out[2].text = "第一条 正文含<b>标记</b>与</script><!--注释-->字样。\n第二条 全文检索专用词甲乙丙。"
    return out


def sample() -> Catalogue:
    return Catalogue(
        year=YEAR,
        valid=_valid(),
        repealed=[
            entry(1, "某某市招商引资优惠政策若干规定", "某政发〔2015〕4号", CITY, "2015-03-01", status="废止",
                  reason="主要内容与《公平竞争审查条例》相抵触"),
            entry(2, "某某市司法局律师管理暂行办法", "某司发〔2012〕3号", JUSTICE, "2012-08-08", status="废止",
                  reason="所依据的上位法已被废止"),
        ],
        expired=[
            entry(1, "某某市三年行动计划（2021—2023年）", "某政办发〔2021〕5号", CITY, "2021-02-02",
                  status="宣布失效", reason="适用期已满"),
        ],
        changes=[
            Change("added", "某某市人民调解工作规定", "某司规〔2025〕1号", None, "继续有效"),
            Change("removed", "某某市户外广告管理办法", "某政发〔2014〕6号", "继续有效", None),
            Change("status_changed", "某某市招商引资优惠政策若干规定", "某政发〔2015〕4号", "继续有效", "废止"),
            # the office's decision to amend a valid document: no change the published lists show
            Change("status_changed", "某某市行政规范性文件管理办法", "某政发〔2023〕12号", "继续有效", "修改"),
        ],
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Catalogue, Path, list[Path]]:
    cat = sample()
    out = tmp_path_factory.mktemp("catalogue")
    return cat, out, writers.write(cat, out, set(writers.FORMATS), OFFICE, YEAR)


def test_write_returns_every_format(written):
    _, out, paths = written
    assert [p.relative_to(out).as_posix() for p in paths] == [
        "catalogue-2026.xlsx", "catalogue-2026.docx", "catalogue-2026-valid.csv", "catalogue-2026-repealed.csv",
        "catalogue-2026-expired.csv", "catalogue-2026-changes.csv", "site/index.html"]
    assert all(p.is_file() for p in paths)
    assert not [p for p in out.rglob(".*")]  # no temporary file left behind


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(UsageError, match="pdf"):
        writers.write(sample(), tmp_path, {"pdf"}, OFFICE, YEAR)


# ---- xlsx --------------------------------------------------------------------------------------------------


def test_xlsx_sheets_header_and_print_setup(written):
    _, out, _ = written
    wb = openpyxl.load_workbook(out / "catalogue-2026.xlsx")
    assert wb.sheetnames == ["现行有效目录", "废止目录", "宣布失效目录", "与上年相比"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows == "$2:$2"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws["A2"].border.left.style == "thin" and ws["A2"].alignment.wrap_text
        assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}  # the title spans the sheet
    valid = wb["现行有效目录"]
    assert valid["A1"].value == f"{OFFICE}现行有效行政规范性文件目录（2026年）"
    # public particulars only: no 状态 (the office's 继续有效/修改) and no 备注
    assert [c.value for c in valid[2]] == ["序号", "文件名称", "文号", "发文机关", "发布日期", "施行日期", "有效期至"]
    assert [c.value for c in wb["废止目录"][2]] == ["序号", "文件名称", "文号", "发文机关", "发布日期", "理由"]
    assert [c.value for c in wb["与上年相比"][2]] == ["序号", "变化", "文件名称", "文号", "上年", "本年"]
    widths = {k: d.width for k, d in valid.column_dimensions.items()}
    assert widths["B"] > widths["C"] > widths["A"]  # the title gets the room


def test_xlsx_valid_rows_grouped_by_issuer(written):
    cat, out, _ = written
    ws = openpyxl.load_workbook(out / "catalogue-2026.xlsx")["现行有效目录"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    groups = [r[0] for r in rows if not isinstance(r[0], int)]
    data = [r for r in rows if isinstance(r[0], int)]
    assert groups == [f"{CITY}（6件）", f"{JUSTICE}（3件）"]
    assert len(data) == len(cat.valid) and len(rows) == len(cat.valid) + 2
    assert [r[1] for r in data] == [e.title for e in cat.valid]
    assert [r[3] for r in data] == [e.issuer for e in cat.valid]  # every data row complete on its own
    first, nasty = data[0], data[2]
    assert first[2] == "某政发〔2024〕1号" and first[4].date() == date(2024, 1, 5) and len(first) == 7
    assert nasty[1] == NASTY
    assert data[1][6] == "长期" and "部分条款已修改" not in [v for r in rows for v in r]
    assert data[3][4].date() == date(2022, 9, 1)  # ISO string stored as a date
    date_cell = ws.cell(4, 5)
    assert date_cell.number_format == 'yyyy"年"m"月"d"日"'
    group_rows = {r.min_row for r in ws.merged_cells.ranges if r.min_row > 2}
    assert group_rows == {3, 10}


def test_interleaved_issuers_are_grouped_and_numbered_in_print_order(tmp_path):
    cat = Catalogue(YEAR, valid=[entry(1, "甲一", None, CITY, None), entry(2, "乙一", None, JUSTICE, None),
                                 entry(3, "甲二", None, CITY, None)])
    writers.write(cat, tmp_path, {"xlsx", "csv"}, OFFICE, YEAR)
    rows = list(openpyxl.load_workbook(tmp_path / "catalogue-2026.xlsx")["现行有效目录"].iter_rows(min_row=3,
                                                                                                 values_only=True))
    assert [r[:2] for r in rows] == [(f"{CITY}（2件）", None), (1, "甲一"), (2, "甲二"), (f"{JUSTICE}（1件）", None),
                                     (3, "乙一")]
    lines = (tmp_path / "catalogue-2026-valid.csv").read_text("utf-8-sig").splitlines()[1:]
    assert [line.split(",")[:2] for line in lines] == [["1", "甲一"], ["2", "甲二"], ["3", "乙一"]]


def test_xlsx_repealed_expired_and_changes(written):
    cat, out, _ = written
    wb = openpyxl.load_workbook(out / "catalogue-2026.xlsx")
    repealed = [r for r in wb["废止目录"].iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[5]) for r in repealed] == [(e.title, e.reason) for e in cat.repealed]
    expired = list(wb["宣布失效目录"].iter_rows(min_row=3, values_only=True))
    assert len(expired) == 1 and expired[0][5] == "适用期已满"  # one issuer: no heading row
    changes = list(wb["与上年相比"].iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in changes] == ["新增", "移出", "状态变化"]
    assert changes[1][4:] == ("现行有效", None) and changes[2][2:] == ("某某市招商引资优惠政策若干规定", "某政发〔2015〕4号",
                                                                    "现行有效", "废止")


def test_xlsx_formula_like_text_stays_text(tmp_path):
    cat = Catalogue(YEAR, valid=[entry(1, "=HYPERLINK(\"http://x\")", None, CITY, None)])
    writers.write(cat, tmp_path, {"xlsx"}, OFFICE, YEAR)
    cell = openpyxl.load_workbook(tmp_path / "catalogue-2026.xlsx")["现行有效目录"]["B3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_empty_lists_print_none(tmp_path):
    writers.write(Catalogue(YEAR), tmp_path, {"xlsx", "docx"}, "", YEAR)
    wb = openpyxl.load_workbook(tmp_path / "catalogue-2026.xlsx")
    assert wb["废止目录"]["A3"].value == "（无）"
    d = docx.Document(tmp_path / "catalogue-2026.docx")
    assert d.paragraphs[0].text == "现行有效行政规范性文件目录（2026年）"
    assert len(d.tables) == 1 and "附件1" not in [p.text for p in d.paragraphs]


def test_published_catalogue_reads_back_as_next_years_previous_catalogue(written):
    """Next year's cleanup imports this year's .xlsx or .csv: title row, issuer headings and all."""
    from reviewtools.cleanup import previous
    cat, out, _ = written
    for name in ("catalogue-2026.xlsx", "catalogue-2026-valid.csv"):
        rows = previous.read(out / name)
        assert [(r["title"], r["doc_number"], r["issuer"], r["status"]) for r in rows] == [
            (e.title, e.doc_number, e.issuer, None) for e in cat.valid]  # no status column: all 现行有效
        assert [r["issued_on"] for r in rows] == [e.issued_on for e in cat.valid]


def test_dates_as_date_objects_or_iso_strings():
    assert common.text(date(2026, 1, 5)) == common.text("2026-01-05") == "2026年1月5日"
    assert common.plain(date(2026, 1, 5)) == "2026-01-05"
    assert common.text("长期") == "长期" and common.text(None) == ""


# ---- docx --------------------------------------------------------------------------------------------------


def test_docx_title_tables_and_attachments(written):
    cat, out, _ = written
    d = docx.Document(out / "catalogue-2026.docx")
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == f"{OFFICE}现行有效行政规范性文件目录（2026年）"
    assert d.paragraphs[0].style.name == "Catalogue Title"
    assert "（共9件）" in texts
    assert "附件1" in texts and f"{OFFICE}决定废止的行政规范性文件目录（2026年）" in texts
    assert "附件2" in texts and f"{OFFICE}决定宣布失效的行政规范性文件目录（2026年）" in texts
    valid, repealed, expired = d.tables
    assert [c.text for c in valid.rows[0].cells] == ["序号", "文件名称", "文号", "发布日期", "施行日期", "有效期至"]
    titles = [row.cells[1].text for row in valid.rows[1:]]
    for e in cat.valid:
        assert e.title in titles
    bands = [row.cells[0].text for row in valid.rows if len({id(c._tc) for c in row.cells}) == 1]
    assert bands == [f"{CITY}（6件）", f"{JUSTICE}（3件）"]
    assert "2024年1月5日" in [row.cells[3].text for row in valid.rows]
    cells = [c.text for row in repealed.rows for c in row.cells] + [c.text for row in expired.rows for c in row.cells]
    for e in cat.repealed + cat.expired:
        assert e.title in cells and e.reason in cells
    assert "w:tblHeader" in valid.rows[0]._tr.xml  # the header repeats on every page


def test_docx_page_and_fonts(written):
    _, out, _ = written
    d = docx.Document(out / "catalogue-2026.docx")
    s = d.sections[0]
    assert round(s.page_width.mm) == 297 and round(s.page_height.mm) == 210
    assert "PAGE" in s.footer._element.xml
    runs = [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text]
    runs += [r for p in d.paragraphs for r in p.runs if r.text]
    assert runs and all(r._r.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
                        for r in runs)


# ---- csv ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["valid", "repealed", "expired", "changes"])
def test_csv_bom_and_rows(written, key):
    cat, out, _ = written
    raw = (out / f"catalogue-2026-{key}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    items = common.published_changes(cat.changes) if key == "changes" else getattr(cat, key)
    assert len(rows) == len(items) + 1
    if key == "changes":
        assert rows[0] == ["序号", "变化", "文件名称", "文号", "上年", "本年"]
        assert [r[2] for r in rows[1:]] == [c.title for c in items]
        return
    assert rows[0][:4] == ["序号", "文件名称", "文号", "发文机关"]
    for n, (row, e) in enumerate(zip(rows[1:], items, strict=True), 1):
        assert row[:5] == [str(n), e.title, e.doc_number, e.issuer, common.plain(e.issued_on)]
    if key == "valid":
        assert rows[3][1] == NASTY and rows[1][4] == "2024-01-05" and rows[2][6] == "长期"
    else:
        assert [r[5] for r in rows[1:]] == [e.reason for e in items]


def test_csv_formula_guard(tmp_path):
    cat = Catalogue(YEAR, valid=[entry(1, "=1+1", None, "-", None)])
    writers.write(cat, tmp_path, {"csv"}, OFFICE, YEAR)
    row = list(csv.reader((tmp_path / "catalogue-2026-valid.csv").read_text("utf-8-sig").splitlines()))[1]
    assert row[1] == "'=1+1" and row[3] == "-"  # a lone dash is no formula


# ---- site --------------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Links, row ids, script tags and visible text of one page."""

    def __init__(self, path: Path):
        super().__init__()
        self.links, self.ids, self.scripts, self.text = [], [], [], []
        self.feed(path.read_text("utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "script":
            self.scripts.append(a.get("src"))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def load_index(root: Path) -> dict:
    js = (root / "search-index.js").read_text("utf-8")
    prefix = f"{site.INDEX_VARIABLE} = "
    assert js.startswith(prefix) and js.rstrip().endswith(";")
    return json.loads(js[len(prefix):].rstrip().removesuffix(";"))


def test_site_index_lists_and_links_every_valid_document(written):
    cat, out, _ = written
    root = out / "site"
    page = _Page(root / "index.html")
    for e in cat.valid:
        assert e.title in page.all_text and e.doc_number in page.all_text
    doc_links = [h for h in page.links if h.startswith("docs/")]
    assert doc_links == [f"docs/{n}.html" for n in range(1, len(cat.valid) + 1)]
    for n, e in enumerate(cat.valid, 1):
        doc = _Page(root / f"docs/{n}.html")
        assert e.title in doc.all_text and e.doc_number in doc.all_text
        for line in e.text.splitlines():
            assert line in doc.all_text
        assert "../index.html" in doc.links
    assert f"{CITY}（6件）" in page.all_text and f"{JUSTICE}（3件）" in page.all_text
    assert page.scripts == ["search.js"]
    assert 'id="search"' in (root / "index.html").read_text("utf-8") and (root / "search.js").is_file()
    assert {"repealed.html", "expired.html", "changes.html"} <= set(page.links)


def test_site_escapes_document_content(written):
    _, out, _ = written
    root = out / "site"
    index = (root / "index.html").read_text("utf-8")
    assert "<script>alert" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "&amp;规范管理" in index
    doc = (root / "docs/3.html").read_text("utf-8")
    assert "<b>标记</b>" not in doc and "&lt;b&gt;标记&lt;/b&gt;" in doc and "<!--注释" not in doc
    for path in [root / "index.html", *root.glob("*.html"), *(root / "docs").glob("*.html")]:
        html = path.read_text("utf-8")
        # every <script> tag in a page is one of ours, with a src and nothing inline
        assert re.findall(r"<script\b[^>]*>", html) == re.findall(r'<script src="[./]*search\.js" defer>', html)


def test_site_search_index(written):
    cat, out, _ = written
    root = out / "site"
    js = (root / "search-index.js").read_text("utf-8")
    assert "</" not in js and "<!--" not in js and "<script" not in js
    data = load_index(root)
    assert [d["title"] for d in data["valid"]] == [e.title for e in cat.valid]
    for d, e in zip(data["valid"], cat.valid, strict=True):
        assert d["text"] == e.text and d["number"] == e.doc_number and d["issuer"] == e.issuer
        assert (root / d["url"]).is_file()
    assert [d["title"] for d in data["repealed"]] == [e.title for e in cat.repealed]
    assert data["expired"][0]["url"] == "expired.html#r1"


def test_site_repealed_expired_and_changes_pages(written):
    cat, out, _ = written
    root = out / "site"
    for name, entries in (("repealed.html", cat.repealed), ("expired.html", cat.expired)):
        page = _Page(root / name)
        for n, e in enumerate(entries, 1):
            assert e.title in page.all_text and e.reason in page.all_text and f"r{n}" in page.ids
    changes = _Page(root / "changes.html").all_text
    assert all(c.title in changes for c in common.published_changes(cat.changes)) and "状态变化" in changes
    assert "某某市行政规范性文件管理办法" not in changes


def test_site_rewrite_drops_pages_of_documents_no_longer_listed(tmp_path):
    cat = sample()
    writers.write(cat, tmp_path, {"html"}, OFFICE, YEAR)
    assert (tmp_path / "site/docs/9.html").is_file()
    cat.valid = cat.valid[:4]
    (tmp_path / "site/docs/notes.html").write_text("kept")  # not one of ours
    writers.write(cat, tmp_path, {"html"}, OFFICE, YEAR)
    assert sorted(p.name for p in (tmp_path / "site/docs").iterdir()) == ["1.html", "2.html", "3.html", "4.html",
                                                                         "notes.html"]


def test_js_json_is_valid_json_and_inert_in_html():
    value = {"t": "</script><!--x-->&\u2028"}
    encoded = site.js_json(value)
    assert json.loads(encoded) == value
    assert not re.search(r"[<>&\u2028]", encoded)


def test_site_search_in_a_browser(written):
    """The search box really filters (headless Chromium; skipped without it, except in CI)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    require(bool(browser), "no Chromium to run the search script")
    _, out, _ = written
    index = (out / "site" / "index.html").as_uri()

    def dom(query: str) -> str:
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                               "--virtual-time-budget=5000", "--dump-dom", f"{index}?q={quote(query)}"],
                              capture_output=True, text=True, timeout=120)
        return done.stdout

    page = dom("甲乙丙")  # a word found only in the text of document 3
    visible = [n for n, attrs in re.findall(r'<tr id="d(\d+)"([^>]*)>', page) if "hidden" not in attrs]
    assert visible == ["3"]
    assert "找到 1 件" in page and "<mark>甲乙丙</mark>" in page
    page = dom("某司发[2024]2号")  # brackets as typed, 〔〕 in the catalogue
    assert [n for n, attrs in re.findall(r'<tr id="d(\d+)"([^>]*)>', page) if "hidden" not in attrs] == ["7"]
    page = dom("招商引资")  # repealed this year: not in the table, named in the notice
    assert "现行有效文件中未找到" in page and 'href="repealed.html#r1"' in page
