"""Workbooks as offices hand them in: an Excel 97-2003 / WPS .xls (converted by LibreOffice, or explained in
one Chinese line without it), and an .xlsx that makes openpyxl warn in English (the extensions Excel and
WPS write) — read, with nothing English on the terminal."""

from __future__ import annotations

import io
import shutil
import warnings
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from reviewtools.cleanup import previous, spreadsheets
from reviewtools.ingest import office
from tests.cleanup.test_decisions import _edit, cli, db, decisions, export, proposed  # noqa: F401 - fixtures

needs_soffice = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def as_xls(xlsx) -> bytes:
    """The workbook at `xlsx` saved as Excel 97-2003 by LibreOffice, as an office's old Excel or WPS saves it."""
    folder = xlsx.parent / "xls"
    folder.mkdir()
    source = folder / "source.xlsx"
    shutil.copy(xlsx, source)
    data = office.convert(office.find_soffice(), source, str(xlsx), "xls:MS Excel 97").read_bytes()
    assert data.startswith(bytes.fromhex("d0cf11e0a1b11ae1"))
    return data


EXTENSION = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
             b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
             b'<x14:dataValidations count="0"/></ext></extLst></worksheet>')


def with_extension(xlsx) -> None:
    """`xlsx` with the Excel 2010 data-validation extension Excel and WPS write on each sheet: openpyxl warns
    'Data Validation extension is not supported and will be removed' for each."""
    with zipfile.ZipFile(xlsx) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    for name in sheets:
        parts[name] = parts[name].replace(b"</worksheet>", EXTENSION)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    xlsx.write_bytes(out.getvalue())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_workbook(xlsx)
    assert [str(w.message) for w in caught] == ["Data Validation extension is not supported and will be removed"] * len(sheets)


@needs_soffice
def test_an_xls_decisions_workbook_is_read(db, tmp_path):  # noqa: F811 - the fixture
    book = tmp_path / "清理建议.xlsx"
    export(db, book)
    _edit(book, "r1_old.txt", 决定="继续有效", 决定理由="仍需执行")
    xls = tmp_path / "清理建议.xls"
    xls.write_bytes(as_xls(book))
    result = cli("cleanup", "import", str(xls), "--by", "李四", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "已导入2026年度决定 31 件，其中 1 件与建议不同（新记录 31 条）。"
    assert decisions(db)["某政发〔2016〕5号"] == ("继续有效", "仍需执行", "", "李四")


@needs_soffice  # to make the .xls
def test_without_libreoffice_an_xls_is_explained_in_one_line(db, tmp_path, monkeypatch):  # noqa: F811
    book = tmp_path / "清理建议.xlsx"
    export(db, book)
    xls = tmp_path / "清理建议.xls"
    xls.write_bytes(as_xls(book))
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    result = cli("cleanup", "import", str(xls), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr == ("错误：清理建议.xls 是旧版 .xls 工作簿（Excel 97-2003 或 WPS 表格），读取它需要安装 LibreOffice；"
                             "或请在 Excel/WPS 中另存为 .xlsx 后再导入\n")
    assert decisions(db) == {}


def test_a_damaged_xls_or_another_ole_file_is_one_line_naming_it(tmp_path):
    xls = tmp_path / "目录.xls"
    xls.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 8)
    with pytest.raises(Exception) as caught:
        previous.read(xls)
    assert str(caught.value) == "无法读取 上年目录 目录.xls：文件已损坏或不是 Excel 工作簿"


def _catalogue(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["某县2025年现行有效规范性文件目录"])
    ws.append(["序号", "文件名称", "文号", "发文机关"])
    ws.append([1, "某县停车场管理办法", "某政发〔2020〕3号", "某县人民政府"])
    wb.save(path)


@pytest.mark.parametrize("kind", ["xlsx with extensions", pytest.param("xls", marks=needs_soffice)])
def test_last_years_catalogue_in_either_format_without_english_warnings(tmp_path, kind):
    path = tmp_path / "上年目录.xlsx"
    _catalogue(path)
    if kind == "xls":
        xls = tmp_path / "上年目录.xls"
        xls.write_bytes(as_xls(path))
        path = xls
    else:
        with_extension(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = previous.read(path)
    assert caught == []
    assert [(r["row"], r["title"], r["doc_number"], r["issuer"]) for r in rows] == [
        (3, "某县停车场管理办法", "某政发〔2020〕3号", "某县人民政府")]


def test_a_decisions_workbook_with_extensions_imports_without_english(db, tmp_path):  # noqa: F811
    book = tmp_path / "清理建议.xlsx"
    export(db, book)
    with_extension(book)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = cli("cleanup", "import", str(book), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert caught == [] and result.stderr == ""
    assert len(decisions(db)) == 31


def test_a_password_protected_workbook_says_so(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(100) + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(Exception) as caught:
        spreadsheets.sheets(path)
    assert str(caught.value) == "无法读取 加密.xlsx：工作簿设有打开密码，请解除密码后再导入"
