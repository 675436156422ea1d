"""Build corpora/t2s.csv, the one-for-one traditional → simplified character table that normalizing reads a
document in traditional characters with (reviewtools.data.simplified).

    pip install opencc && python scripts/build_t2s.py

Each CJK character (U+3400–U+4DBF, U+4E00–U+9FFF) that OpenCC's t2s conversion (its TSCharacters dictionary,
Apache License 2.0) turns into one other character is a row; where OpenCC offers several simplified forms, t2s
takes its first, and a chain (薴 → 苧 → 苎) is followed to its end. Phrase-level conversion (乾坤 stays 乾坤) is not one-for-one and is left out: offsets must not move.
OpenCC is needed only here, never at run time.
"""

from __future__ import annotations

import csv
from pathlib import Path

import opencc

OUT = Path(__file__).resolve().parent.parent / "corpora" / "t2s.csv"


def main() -> None:
    convert = opencc.OpenCC("t2s").convert
    source = f"OpenCC {getattr(opencc, '__version__', '')} t2s TSCharacters (Apache-2.0)".replace("  ", " ")
    rows = []
    for block in (range(0x3400, 0x4DC0), range(0x4E00, 0xA000)):
        for code in block:
            c = chr(code)
            s = convert(c)
            while len(s) == 1 and convert(s) != s:  # 薴 → 苧 → 苎: the end of the chain, so one pass reads it
                s = convert(s)
            if len(s) == 1 and s != c:
                rows.append((c, s))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(("traditional", "simplified", "source"))
        out.writerows((t, s, source) for t, s in rows)
    print(f"{len(rows)} characters → {OUT}")


if __name__ == "__main__":
    main()
