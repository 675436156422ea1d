"""Errors a user sees: one Chinese line naming the file and the cause.

Also what makes such a line safe to print: `clean_name` takes control characters, terminal escapes and
bidi overrides out of anything taken from input (a file name, a zip entry name, a title) before it is
printed or becomes part of an output file's name, and `os_cause` words every OS error in Chinese.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

# ESC [ … final (CSI), ESC ] … BEL or ESC \ (OSC), any other ESC sequence, C0 and C1 controls and DEL,
# bidi embeddings, overrides, isolates and marks, and lone surrogates (undecodable bytes of a file name).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?|\x9b[0-?]*[ -/]*[@-~]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[\t\n\v\f\r]+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_name(text: object) -> str:
    """`text` fit to print on a terminal and to stand in a file name: terminal escape sequences, control
    characters and bidi overrides removed, line breaks and tabs made one space, lone surrogates made �."""
    text = _ESCAPES.sub("", str(text))
    text = _SPACES.sub(" ", _CONTROLS.sub("", text))
    return _SURROGATES.sub("\ufffd", text)


class ReviewtoolsError(Exception):
    """Anything a user can cause and fix: reported as one Chinese line with exit status 2, never a traceback."""

    def line(self) -> str:
        return clean_name(self)


class PathError(ReviewtoolsError):
    """A path the tool cannot use; `cause` is a short Chinese phrase (损坏, 加密, 权限不足…)."""

    verb = "无法使用"

    def __init__(self, path: str | Path, cause: str):
        super().__init__(f"{path}：{cause}")
        self.path = str(path)
        self.cause = cause

    def __reduce__(self):  # rebuilt from its path and cause: a worker process's error reaches the main one
        return type(self), (self.path, self.cause)

    @classmethod
    def from_os(cls, exc: OSError, path: str | Path):
        """The error for `exc` met while using `path` (the path the user gave, not a temporary file)."""
        return cls(path, os_cause(exc, path))

    def line(self) -> str:
        return f"{self.verb} {clean_name(self.path)}：{clean_name(self.cause)}"


class ReadError(PathError):
    """A file that cannot be read."""

    verb = "无法读取"


class WriteError(PathError):
    """An output that cannot be written (read-only folder, disk full, a folder in the way…)."""

    verb = "无法写入"


class UsageError(ReviewtoolsError):
    """A command used wrongly (bad option value, bad config). Exit status 2."""


class DataError(ReviewtoolsError):
    """Shipped or user-edited data that cannot be used (a rules file, a corpus table)."""

    def line(self) -> str:
        return f"数据有误：{clean_name(self)}"


# The causes, worded once so that messages stay consistent across readers.
CORRUPT = "文件已损坏，无法解析"
ENCRYPTED = "文件已加密（设有打开密码），请解除加密后再审查"
SCANNED = "扫描件无文字层；安装 OCR 组件后可识别：pip install 'reviewtools[ocr]'"
NOTHING_RECOGNIZED = "扫描件无文字层，文字识别（OCR）也未识别出文字"
EMPTY = "空文件，没有可读取的文字"
NEED_LIBREOFFICE = "读取 .doc/.wps 需要安装 LibreOffice（例如：apt-get install libreoffice-writer-nogui），或请另存为 .docx 后再审查"
GARBLED = "文字层乱码（字体未嵌入编码映射），无法提取可用文字"
TOO_LARGE = "文件过大，超出读取上限"
NOT_FOUND = "文件不存在"
ENCODING = "无法识别文字编码"

# Every OS error the tool can meet, in Chinese (errno → cause); os_cause adds which part of a path is a file.
OS_CAUSES = {
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足（操作系统不允许此操作）",
    errno.EROFS: "所在磁盘或文件夹为只读",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件过大，超出文件系统的上限",
    errno.ENOENT: NOT_FOUND,
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.EEXIST: "已存在同名文件",
    errno.ENOTEMPTY: "文件夹不为空",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.EIO: "读写出错（磁盘或网络存储故障）",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EAGAIN: "文件暂时不可用（被锁定），请稍后再试",
    errno.ENXIO: "设备不可用（不是普通文件）",
    errno.ENODEV: "设备不可用（不是普通文件）",
    errno.EINVAL: "文件名或路径无效",
    errno.ENOMEM: "内存不足",
    errno.ETIMEDOUT: "网络存储连接超时",
    errno.ESTALE: "网络存储上的文件已失效，请重新挂载",
}


def os_cause(exc: OSError, path: str | Path | None = None) -> str:
    """The Chinese cause of `exc`; for a path under a file (out.docx/x.docx), which part is the file."""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and path is not None:
        blocker = file_in_path(path)
        if blocker is not None:
            return f"路径中的“{clean_name(blocker.name or blocker)}”是文件而不是文件夹"
    cause = OS_CAUSES.get(exc.errno)
    if cause:
        return cause
    code = errno.errorcode.get(exc.errno, exc.errno) if exc.errno is not None else type(exc).__name__
    return f"操作系统报告错误（{code}）"


def file_in_path(path: str | Path) -> Path | None:
    """The first folder of `path` (from the root down) that exists and is a file, if any."""
    for parent in reversed(Path(path).parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None
