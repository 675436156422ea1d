"""Errors a user sees: one Chinese line naming the file and the cause."""

from __future__ import annotations


class ReviewtoolsError(Exception):
    """Anything a user can cause and fix: reported as one Chinese line with exit status 2, never a traceback."""

    def line(self) -> str:
        return str(self)


class ReadError(ReviewtoolsError):
    """A file that cannot be read. `cause` is a short Chinese phrase (损坏, 加密, 空文件…)."""

    def __init__(self, path: str, cause: str):
        super().__init__(f"{path}：{cause}")
        self.path = str(path)
        self.cause = cause

    def line(self) -> str:
        return f"无法读取 {self.path}：{self.cause}"


class UsageError(ReviewtoolsError):
    """A command used wrongly (bad option value, bad config). Exit status 2."""


class DataError(ReviewtoolsError):
    """Shipped or user-edited data that cannot be used (a rules file, a corpus table)."""

    def line(self) -> str:
        return f"数据有误：{self}"


# The causes, worded once so that messages stay consistent across readers.
CORRUPT = "文件已损坏，无法解析"
ENCRYPTED = "文件已加密（设有打开密码），请解除加密后再审查"
SCANNED = "扫描件无文字层（页面只有图像），请先进行文字识别（OCR）或提供可编辑版本"
EMPTY = "空文件，没有可读取的文字"
NEED_LIBREOFFICE = "读取 .doc/.wps 需要安装 LibreOffice（例如：apt-get install libreoffice-writer-nogui），或请另存为 .docx 后再审查"
GARBLED = "文字层乱码（字体未嵌入编码映射），无法提取可用文字"
TOO_LARGE = "文件过大，超出读取上限"
NOT_FOUND = "文件不存在"
ENCODING = "无法识别文字编码"
