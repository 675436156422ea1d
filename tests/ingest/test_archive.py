"""Zip archives under limits that hold for the whole input: bombs (nested and flat), entry count, nesting depth,
symlink entries and lying headers. Every archive is built here with zipfile."""

from __future__ import annotations

import io
import random
import re
import stat
import struct
import time
import zipfile

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.errors import ReadError
from reviewtools.ingest import iter_documents
from reviewtools.limits import Limits

MB = 1024 * 1024
DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
RATIO = "（上限 100:1，可在 reviewtools.toml 的 [limits] ratio 中调整），疑似压缩炸弹，未解压"


def zip_bytes(entries) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


def cjk_text(seed: int, size: int) -> bytes:
    """`size` bytes or so of UTF-8 text that does not compress much (a real document's ratio, not a bomb's)."""
    rng = random.Random(seed)
    chars = [chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(size // 3)]
    for i in range(60, len(chars), 60):
        chars[i] = "\n"
    return ("某县档案管理办法\n" + "".join(chars)).encode("utf-8")


@pytest.fixture(scope="module")
def nested_bomb(tmp_path_factory):
    """About 3.5 KB: 4 zips of 4 zips of 4 entries of 100 MB of zeros (6.4 GB expanded)."""
    leaf = zip_bytes((f"{i}.txt", bytes(100 * MB)) for i in range(4))
    mid = zip_bytes((f"{i}.zip", leaf) for i in range(4))
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    path.write_bytes(zip_bytes((f"{i}.zip", mid) for i in range(4)))
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", ["parse", "review"])
def test_a_nested_zip_bomb_is_refused_in_seconds(nested_bomb, command):
    assert nested_bomb.stat().st_size < 5000
    started = time.monotonic()
    result = run(command, str(nested_bomb))
    assert time.monotonic() - started < 30  # it was more than five minutes
    assert result.exit_code == 2
    assert result.stdout == ""
    # Each 100 MB entry refused unexpanded, until the ratio of everything expanded so far stops the input
    lines = [re.sub(r"约 \d+:1", "约 N:1", line) for line in result.stderr.splitlines()]
    assert lines == [f"错误：无法读取 {nested_bomb}!0.zip!{b}.zip!{c}.txt：压缩比约 N:1{RATIO}"
                     for b in range(2) for c in range(4)] + [
        f"错误：无法读取 {nested_bomb}!0.zip!2.zip：压缩包整体压缩比约 N:1（上限 100:1，可在 reviewtools.toml 的 "
        "[limits] ratio 中调整），疑似压缩炸弹，其余文件未读取"]
    assert "Traceback" not in result.output


def test_the_expanded_bytes_are_one_budget_across_all_nesting_levels(tmp_path):
    leaf = [zip_bytes((f"{c}.txt", cjk_text(n * 10 + c, 300_000)) for c in range(3)) for n in range(4)]
    mid = [zip_bytes((f"{b}.zip", leaf[a * 2 + b]) for b in range(2)) for a in range(2)]
    path = tmp_path / "nested.zip"
    path.write_bytes(zip_bytes((f"{a}.zip", mid[a]) for a in range(2)))
    items = list(iter_documents([path], Limits(total_mb=3)))
    # The budget counts every level: 0.zip (1.3 MB), 0.zip!0.zip (0.65 MB) and its three entries (0.3 MB each)
    # leave too little for 0.zip!1.zip. With a budget per level, as before, all twelve entries were read.
    assert [i.path for i in items if not isinstance(i, ReadError)] == [f"{path}!0.zip!0.zip!{c}.txt" for c in range(3)]
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (f"{path}!0.zip!1.zip", "压缩包解压后的总量超出上限（上限 3 MB，可在 reviewtools.toml 的 [limits] total_mb 中调整），"
                                "其余文件未读取")]


def test_a_flat_bomb_is_refused_before_expanding(tmp_path):
    path = tmp_path / "flat.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("办法.txt", DRAFT)
        with zf.open("zeros.txt", "w", force_zip64=True) as f:  # 1 GB of zeros, written a chunk at a time
            for _ in range(1024):
                f.write(bytes(MB))
    result = run("parse", "--json", str(path))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1 and f"{path}!办法.txt" in result.stdout
    assert re.sub(r"约 \d+:1", "约 N:1", result.stderr) == f"错误：无法读取 {path}!zeros.txt：压缩比约 N:1{RATIO}\n"


def test_many_small_entries_are_held_to_the_ratio_together(tmp_path):
    """Each entry under the 1 MB the ratio spares, but the archive as a whole 1000:1."""
    path = tmp_path / "small.zip"
    path.write_bytes(zip_bytes([("0.txt", DRAFT)] + [(f"z{i:03}.txt", bytes(MB // 2)) for i in range(100)]))
    items = list(iter_documents([path]))
    assert [i.path.rsplit("!", 1)[1] for i in items] == ["0.txt", "z000.txt", "z001.txt"]
    assert items[1].cause == "空文件，没有可读取的文字"
    assert items[2].cause.startswith("压缩包整体压缩比约 ") and items[2].cause.endswith(
        "（上限 100:1，可在 reviewtools.toml 的 [limits] ratio 中调整），疑似压缩炸弹，其余文件未读取")


def test_entries_are_counted_across_nesting_levels(tmp_path):
    inner = zip_bytes((f"{i}.txt", DRAFT) for i in range(3))
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes([("a.zip", inner), ("b.txt", DRAFT), ("c.txt", DRAFT)]))
    items = list(iter_documents([path], Limits(entries=5)))
    assert [i.path for i in items if not isinstance(i, ReadError)] == \
        [f"{path}!a.zip!{i}.txt" for i in range(3)] + [f"{path}!b.txt"]
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (str(path), "压缩包内文件过多（上限 5 个，可在 reviewtools.toml 的 [limits] entries 中调整），其余文件未读取")]


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    data = zip_bytes([("办法.txt", DRAFT)])
    for level in (3, 2, 1):
        data = zip_bytes([(f"l{level}.zip", data), (f"f{level}.txt", DRAFT)])
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    items = list(iter_documents([path]))
    assert [i.path for i in items if not isinstance(i, ReadError)] == \
        [f"{path}!f1.txt", f"{path}!l1.zip!f2.txt", f"{path}!l1.zip!l2.zip!f3.txt"]
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (f"{path}!l1.zip!l2.zip!l3.zip", "压缩包嵌套层数过多（上限 3 层，可在 reviewtools.toml 的 [limits] depth 中调整），未打开")]


def test_symlink_entries_are_not_read(tmp_path):
    path = tmp_path / "links.zip"
    with zipfile.ZipFile(path, "w") as zf:
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("办法.txt", DRAFT)
    items = list(iter_documents([path]))
    assert [i.path for i in items if not isinstance(i, ReadError)] == [f"{path}!办法.txt"]
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (f"{path}!passwd.txt", "压缩包内的符号链接，未读取")]


def test_a_header_that_understates_the_size_cannot_expand_further(tmp_path):
    data = bytearray(zip_bytes([("zeros.txt", bytes(5 * MB)), ("办法.txt", DRAFT)]))
    struct.pack_into("<I", data, 22, 1000)  # local header of the first entry: uncompressed size
    struct.pack_into("<I", data, data.index(b"PK\x01\x02") + 24, 1000)  # and its central directory record
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    items = list(iter_documents([path]))
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (f"{path}!zeros.txt", "文件已损坏，无法解析")]
    assert [i.path for i in items if not isinstance(i, ReadError)] == [f"{path}!办法.txt"]


def test_limits_are_read_from_the_config(tmp_path, monkeypatch):
    path = tmp_path / "two.zip"
    path.write_bytes(zip_bytes([("a.txt", DRAFT), ("b.txt", DRAFT)]))
    (tmp_path / "reviewtools.toml").write_text("[limits]\nentries = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("parse", "two.zip")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：无法读取 two.zip：压缩包内文件过多（上限 1 个，可在 reviewtools.toml 的 [limits] entries 中调整），其余文件未读取"]


def _package(parts: dict[str, bytes]) -> bytes:
    return zip_bytes(parts.items())


@pytest.mark.parametrize(("suffix", "parts", "bomb"), [
    ("docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": None}, "word/document.xml"),
    ("ofd", {"OFD.xml": b"<ofd:OFD/>", "Doc_0/Pages/Page_0/Content.xml": None}, "Doc_0/Pages/Page_0/Content.xml"),
])
def test_a_docx_or_ofd_whose_parts_are_a_bomb_is_refused_unexpanded(tmp_path, suffix, parts, bomb):
    """200 MB of spaces in one part: the reader used to expand it whole (half a gigabyte of memory)."""
    path = tmp_path / f"炸弹.{suffix}"
    path.write_bytes(_package({name: data or b"<x>" + b" " * (200 * MB) + b"</x>" for name, data in parts.items()}))
    started = time.monotonic()
    result = run("parse", str(path))
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert re.sub(r"约 \d+:1", "约 N:1", result.stderr) == f"错误：无法读取 {path}：其中的 {bomb} 压缩比约 N:1{RATIO}\n"


def test_a_package_over_the_total_is_refused_and_a_normal_docx_is_not(tmp_path):
    from docx import Document as Docx

    path = tmp_path / "办法.docx"
    doc = Docx()
    doc.add_paragraph(DRAFT)
    doc.save(path)
    assert run("parse", str(path)).exit_code == 0
    (tmp_path / "reviewtools.toml").write_text("[limits]\ntotal_mb = 0.01\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path), "--config", str(tmp_path / "reviewtools.toml")])
    assert result.exit_code == 2
    assert re.fullmatch(rf"错误：无法读取 {path}：其中的 \S+ 压缩包解压后的总量超出上限（上限 0.01 MB，可在 reviewtools.toml 的 "
                        r"\[limits\] total_mb 中调整），未读取\n", result.stderr), result.stderr
