"""The format of a file, from its content: the first bytes, and for a zip the names of its parts."""

from __future__ import annotations

import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes, name: str = "") -> str:
    """The format of `data`: pdf, docx, ofd, odt, zip, doc, wps, encrypted-office, rtf, html, txt or empty."""
    if not data.strip():
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML in data[:1 << 20] or ENCRYPTED_OOXML in data:
            return "encrypted-office"
        return "wps" if name.lower().endswith(".wps") else "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    from reviewtools.ingest.text import looks_like_html

    return "html" if looks_like_html(data) else "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return "corrupt-zip"
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or "ofd.xml" in names:
        return "ofd"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"
