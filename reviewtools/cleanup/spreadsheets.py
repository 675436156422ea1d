"""Workbooks an office hands in (last year's catalogue, the decisions workbook), read as the values of their
sheets: an .xlsx as it is, an Excel 97-2003 or WPS .xls converted by LibreOffice first (openpyxl reads only
.xlsx). openpyxl's English warnings on what it does not support (styles, validation extensions) stay off the
terminal: they say nothing about the values read. Every failure is one Chinese line naming the file."""

from __future__ import annotations

import struct
import tempfile
import warnings
from io import BytesIO
from pathlib import Path

from reviewtools.errors import ReadError, UsageError
from reviewtools.ingest.formats import ENCRYPTED_OOXML, OLE_MAGIC

XLS_TARGET = "xlsx:Calc MS Excel 2007 XML"


def sheets(path: Path, what: str = "") -> dict[str, list[tuple]]:
    """The rows of every sheet of the workbook at `path`, by sheet name, from row 1; `what` (上年目录…) names
    the file in messages. Raises UsageError."""
    from openpyxl import load_workbook

    name = f"{what}{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(ReadError.from_os(exc, path).line()) from None
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML in data:
            raise UsageError(f"无法读取 {name}：工作簿设有打开密码，请解除密码后再导入")
        data = _from_xls(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(BytesIO(data), data_only=True)
            return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise UsageError(f"无法读取 {name}：文件已损坏或不是 .xlsx 工作簿") from exc


def _from_xls(data: bytes, name: str) -> bytes:
    """An .xls workbook's bytes as .xlsx, converted by LibreOffice."""
    from reviewtools.ingest import office

    try:
        book = office.ole_stream_head(data, "Workbook") or office.ole_stream_head(data, "Book")  # BIFF8, BIFF5
    except (struct.error, IndexError, ValueError):
        book = None
    if book is None:
        raise UsageError(f"无法读取 {name}：文件已损坏或不是 Excel 工作簿")
    soffice = office.find_soffice()
    if soffice is None:
        raise UsageError(f"{name} 是旧版 .xls 工作簿（Excel 97-2003 或 WPS 表格），读取它需要安装 LibreOffice；"
                         "或请在 Excel/WPS 中另存为 .xlsx 后再导入")
    with tempfile.TemporaryDirectory(prefix="reviewtools-") as tmp:
        source = Path(tmp, "source.xls")
        source.write_bytes(data)
        try:
            return office.convert(soffice, source, name, XLS_TARGET).read_bytes()
        except ReadError as exc:
            raise UsageError(f"无法读取 {name}：{exc.cause}") from None
