"""Seeded fuzzing of the readers through the command line: mutated .docx, .pdf, .ofd, .zip (one as Windows writes it) and .html files built
here must end with exit 0, 1 or 2 and, for a file that cannot be read, Chinese lines only — never a traceback,
never 内部错误. Bounded: a fixed number of mutants per format, each read once."""

from __future__ import annotations

import io
import random
import zipfile

import docx
import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from tests.ingest.test_ofd import make_ofd

TEXT = ["关于加强停车场管理的通知", "某政发〔2024〕3号", "一、各停车场经营者应当公示收费标准。",
        "二、本通知自印发之日起施行，有效期五年。", "某市人民政府", "2024年3月1日"]
MUTANTS = 24  # per format


def _docx() -> bytes:
    d = docx.Document()
    for line in TEXT:
        d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for i, line in enumerate(["Notice on parking", "Article 1 operators shall publish prices."]):
        c.drawString(72, 720 - 20 * i, line)
    c.save()
    return out.getvalue()


def _html() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in TEXT)
    return f'<html><head><meta charset="utf-8"><title>{TEXT[0]}</title></head><body>{body}</body></html>'.encode()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("通知.html", _html())
        z.writestr("内层.zip", _inner())
    return out.getvalue()


def _windows_zip() -> bytes:
    """As Explorer on Chinese Windows writes it: GBK names without the UTF-8 flag, a folder, desktop.ini."""
    from tests.ingest.test_archive_names import unflagged_zip

    return unflagged_zip(["关于停车的通知.txt", "附件/desktop.ini", "附件/收费标准.txt"], "gbk")


def _inner() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "\n".join(TEXT).encode("gb18030"))
    return out.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:  # flip bytes
        for _ in range(rng.randint(1, 16)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == 1:  # truncate
        del b[rng.randint(1, len(b) - 1):]
    elif kind == 2:  # insert junk
        at = rng.randrange(len(b))
        b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:  # overwrite a stretch (a damaged zip entry or stream)
        at = rng.randrange(len(b))
        b[at:at + 32] = bytes(32)
    return bytes(b)


@pytest.mark.parametrize(("suffix", "build"), [(".docx", _docx), (".pdf", _pdf), (".ofd", make_ofd),
                                               (".zip", _zip), (".zip", _windows_zip), (".html", _html)])
def test_mutated_files_end_cleanly(tmp_path, suffix, build):
    rng = random.Random(f"reviewtools-fuzz-{suffix}")
    original = build()
    for n in range(MUTANTS):
        path = tmp_path / f"m{n}{suffix}"
        path.write_bytes(mutate(original, rng))
        for command in (["parse", str(path)], ["review", str(path), "--format", "json"]):
            result = CliRunner().invoke(main, command)
            said = f"{command} on mutant {n}: {result.output[-300:]!r}"
            assert result.exit_code in (0, 1, 2), said
            assert result.exception is None or isinstance(result.exception, SystemExit), said
            assert "内部错误" not in result.output and "Traceback" not in result.output, said
            if result.exit_code == 2:
                lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
                assert lines and all(ln.startswith(("错误：", "提醒：")) for ln in lines), said
