"""What a w:sym element of a .docx displays: Word stores a symbol-font character as its font and code."""

from __future__ import annotations

from lxml import etree

from reviewtools.ingest.docx_package import W

# Common symbols Word stores in the private-use area of symbol fonts (w:sym), by font and low byte.
SYMBOLS = {
    ("symbol", 0xB7): "•", ("symbol", 0xB4): "×", ("symbol", 0xB8): "÷", ("symbol", 0xB1): "±",
    ("symbol", 0xA3): "≤", ("symbol", 0xB3): "≥", ("symbol", 0xAE): "→", ("symbol", 0xB0): "°",
    ("wingdings", 0xA8): "□", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒", ("wingdings", 0x6C): "●",
    ("wingdings", 0x9F): "•", ("wingdings 2", 0xA3): "□", ("wingdings 2", 0x52): "☑",
}


def symbol_text(sym: etree._Element) -> str:
    """The character `sym` stands for, or "" for a symbol-font glyph without a Unicode meaning."""
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol-font private-use area: a glyph without a meaning is left out
        return SYMBOLS.get(((sym.get(W + "font") or "").lower(), code - 0xF000), "")
    return chr(code)
