"""PDFs written byte by byte whose ToUnicode map is damaged: a glyph maps to a lone surrogate (U+D800) or to
private-use code points, as in files from broken converters. Built by hand: no PDF library writes them."""

from __future__ import annotations

BROKEN = b"~"  # the code of the glyph whose ToUnicode entry is damaged


def damaged_pdf(lines: list[str], broken_to: str = "D800", operators: bytes = b"") -> bytes:
    """A one-page PDF printing `lines` (each character one code of a simple font mapped by ToUnicode);
    "~" in a line prints the glyph mapped to UTF-16 code unit(s) `broken_to` (hex). `operators` go before
    the text (a damaged drawing operator, for instance)."""
    chars = list(dict.fromkeys(c for line in lines for c in line if c != "~"))
    free = [b for b in range(0x21, 0x7F) if b not in b"()\\~"] + list(range(0xA1, 0x100))
    code = {c: free[i] for i, c in enumerate(chars)}
    entries = [f"<{code[c]:02X}> <{ord(c):04X}>" for c in chars] + [f"<{BROKEN[0]:02X}> <{broken_to}>"]
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Damaged def "
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            + "".join(f"1 beginbfchar\n{e}\nendbfchar\n" for e in entries)
            + "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    shown = b"".join(b"(" + bytes(BROKEN[0] if c == "~" else code[c] for c in line) + b") Tj T* " for line in lines)
    content = operators + b" BT /F1 12 Tf 16 TL 40 800 Td " + shown + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>stream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>stream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
