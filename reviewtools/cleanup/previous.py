"""Last year's published catalogue, read as offices publish it: .xlsx, .xls or .csv (UTF-8, UTF-8 with BOM or GBK),
a title line or two above the header, headers worded variously (文号/发文字号, 发文机关/制定机关…),
group lines (一、市政府文件) between the rows."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from reviewtools.cleanup import spreadsheets
from reviewtools.errors import UsageError
from reviewtools.extract.dates import find_date

# Column → the headers offices use for it, most specific first.
HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "title": ("文件名称", "规范性文件名称", "文件标题", "文件名", "标题", "名称"),
    "doc_number": ("文号", "发文字号", "发文文号", "文件字号", "字号"),
    "issuer": ("发文机关", "制定机关", "制发机关", "发布机关", "发布机构", "发文单位", "制定单位", "印发机关", "起草单位"),
    "issued_on": ("成文日期", "发布日期", "印发日期", "发文日期", "公布日期", "发布时间", "印发时间"),
    "effective_on": ("施行日期", "生效日期", "实施日期"),
    "expires_on": ("有效期至", "失效日期", "失效时间", "有效期"),
    "status": ("状态", "有效性", "效力状态", "清理意见", "清理结果", "处理意见", "清理情况"),
    "note": ("备注",),
}
_HEADER_SCAN = 15  # rows searched for the header
_HEADER_NOISE = re.compile(r"[\s*＊:：]|[（(][^）)]*[）)]")
_GROUP = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


def read(path: str | Path) -> list[dict]:
    """The catalogue's rows: {row, seq, title, doc_number, issuer, issued_on, status, raw}; row is the line
    or spreadsheet row number as the office sees it."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"上年目录不存在：{p}")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        table = _xlsx(p)
    elif suffix in (".csv", ".txt"):
        table = _csv(p)
    else:
        raise UsageError(f"上年目录 {p.name} 的格式不支持（应为 .xlsx、.xls 或 .csv）")
    return _rows(table, p.name)


def _xlsx(p: Path) -> list[list]:
    tables = [[list(row) for row in rows] for rows in spreadsheets.sheets(p, "上年目录 ").values()]
    # the first sheet that has a header
    return next((table for table in tables if _header(table) is not None), tables[0] if tables else [])


def _csv(p: Path) -> list[list]:
    data = p.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UsageError(f"无法读取上年目录 {p.name}：无法识别文字编码（应为 UTF-8 或 GBK）")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _name(cell) -> str:
    return _HEADER_NOISE.sub("", str(cell or ""))


def _header(table: list[list]) -> tuple[int, dict[str, int]] | None:
    """(row index, column → cell index) of the first row that names a title column and one more."""
    for i, row in enumerate(table[:_HEADER_SCAN]):
        names = [_name(c) for c in row]
        columns: dict[str, int] = {}
        for exact in (True, False):  # headers as written first, then headers that contain one (文件名称（标题）)
            for key, aliases in HEADERS.items():
                if key in columns:
                    continue
                j = next((j for j, n in enumerate(names) if n and j not in columns.values()
                          and (n in aliases if exact else any(a in n for a in aliases if len(a) > 1))), None)
                if j is not None:
                    columns[key] = j
        if "title" in columns and len(columns) >= 2:
            return i, columns
    return None


def _rows(table: list[list], name: str) -> list[dict]:
    found = _header(table)
    if found is None:
        raise UsageError(f"上年目录 {name} 中找不到表头（应有“文件名称”列，以及“文号”“发文机关”等列）")
    at, columns = found
    headers = [str(c).strip() if c is not None else "" for c in table[at]]
    out = []
    for i, row in enumerate(table[at + 1:], start=at + 2):
        cells = {key: _cell(row, j) for key, j in columns.items()}
        title = cells.get("title") or ""
        if not title or _name(title) in HEADERS["title"]:
            continue
        others = [v for k, v in cells.items() if k != "title" and v]
        if not others and (_GROUP.match(title) or len(title) < 6):  # a group line: 一、市政府文件
            continue
        out.append({
            "row": i, "seq": cells.get("seq"), "title": title, "doc_number": cells.get("doc_number"),
            "issuer": cells.get("issuer"), "issued_on": _date(row, columns.get("issued_on")),
            "status": cells.get("status"),
            "raw": {h: _cell(row, j) for j, h in enumerate(headers) if h and _cell(row, j)},
        })
    return out


def _cell(row: list, j: int | None) -> str | None:
    if j is None or j >= len(row) or row[j] is None:
        return None
    value = row[j]
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _date(row: list, j: int | None) -> str | None:
    text = _cell(row, j)
    if not text:
        return None
    found = find_date(text)
    return found[0].isoformat() if found else None
