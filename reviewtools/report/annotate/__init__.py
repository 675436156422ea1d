"""The draft returned with comments: a copy of the reviewed .docx with a Word comment (批注) by reviewtools at
each finding's quote — problem, basis, suggestion, rule — and, where the fix is mechanical (fixes.py), a tracked
change the drafter accepts or rejects.

The copy is the draft itself, its text and formatting untouched outside the anchors (a run is split where a
quote begins or ends, each part keeping the run's properties). A draft that came in another format (.pdf, .ofd,
.txt, .doc…), or whose bytes are not those reviewed, gives a new .docx of the extracted text with the same
comments. A finding with no quote (the whole document), or one in a header, footer or note (where Word anchors
no comment), is commented on the first line, its quote and place written out.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from difflib import SequenceMatcher

import docx
from docx.opc.exceptions import OpcError

from reviewtools.report import gbt9704 as gb
from reviewtools.report.annotate import stream as st
from reviewtools.report.annotate.fixes import replacement
from reviewtools.report.annotate.marks import Revisions, comment
from reviewtools.report.memo import fields
from reviewtools.review import Review

KIND = "审查批注"  # output names: 草案.审查批注.docx
_BODY = gb.Style("Draft Body", gb.FANGSONG, gb.SIZE_3)
# Where runs a tracked change may wrap sit: not inside another author's insertion or move.
_PLAIN = frozenset({st.P, st.W + "hyperlink", st.W + "smartTag"})


def render(review: Review, source: bytes | None = None) -> bytes:
    """The annotated copy of the draft `review` reviewed; `source` the bytes of the file it was read from."""
    document, limit = _original(review, source), review.doc.body_end
    if document is None or not st.read(document.element.body).text:  # no body text to anchor on
        document, limit = _copy(review), len(review.doc.text)
    stream = st.read(document.element.body)
    spans = [(f, _span(stream, review, f, limit)) for f in review.findings]
    for f, span in spans:
        _comment(document, stream, f, span)
    revisions = Revisions(document.element.body)
    fixes = [(span, f.quote, fixed) for f, span in spans if span and (fixed := replacement(f))]
    for span, quote, fixed in sorted(fixes, key=lambda x: x[0], reverse=True):  # right to left: spans stay put
        _revise(stream, revisions, span[0], quote, fixed)
    return gb.to_bytes(document)


def _original(review: Review, source: bytes | None):
    """The reviewed .docx opened with python-docx, when `source` is exactly what was reviewed."""
    doc = review.doc
    if doc.format != "docx" or source is None or hashlib.sha256(source).hexdigest() != doc.sha256:
        return None
    try:
        return docx.Document(io.BytesIO(source))
    except (ValueError, KeyError, zipfile.BadZipFile, OpcError):  # a macro-enabled or template package, a missing part
        return None


def _copy(review: Review):
    """A new .docx holding the extracted text, one paragraph per block."""
    document = gb.new([_BODY])
    gb.properties(document, f"{review.title}（{KIND}）", KIND, review.analysis.settings.office)
    text = review.doc.text
    for block in review.doc.blocks:
        gb.add(document, text[block.start:block.end], _BODY)
    return document


def _span(stream: st.Stream, review: Review, f, limit: int) -> tuple[int, int] | None:
    """Where the quote of `f` is in the stream: the occurrence with the same rank among the quote's
    occurrences as in the extracted text (up to `limit`, the end of what the stream holds)."""
    if f.quote is None or f.start is None or f.end > limit:
        return None
    starts = [m.start() for m in re.finditer(f"(?={re.escape(f.quote)})", review.doc.text[:limit])]
    rank = starts.index(f.start) / (len(starts) - 1) if f.start in starts and len(starts) > 1 else 0.0
    return st.locate(stream, f.quote, rank)


def _comment(document, stream: st.Stream, f, span: tuple[int, int] | None) -> None:
    if span is None:
        first_line = stream.text.find("\n")
        span = (0, first_line if first_line > 0 else len(stream.text))
        shown = fields.finding_fields(f)
    else:
        shown = [(label, text) for label, text in fields.finding_fields(f) if label not in ("原文", "位置")]
    first, last = st.bounds(stream, *span)
    heading = fields.finding_heading(f) + (f"——{fields.SUSPECTED_HEADING}" if f.suspected else "")
    lines = [heading, *(f"{label}：{text}" for label, text in shown), f"规则：{f.rule}"]
    comment(document, first, last, "\n".join(lines))


def _revise(stream: st.Stream, revisions: Revisions, start: int, quote: str, fixed: str) -> None:
    """Track the change of `quote` at `start` to `fixed`, character group by group, right to left; not at all
    when the quote runs over more than one container of runs or sits in another author's tracked change."""
    whole = st.between(*st.bounds(stream, start, start + len(quote)))
    if whole is None or any(r.getparent().tag not in _PLAIN for r in whole):
        return
    edits = [op for op in SequenceMatcher(None, quote, fixed, autojunk=False).get_opcodes() if op[0] != "equal"]
    for _, i1, i2, j1, j2 in reversed(edits):
        if i2 > i1:
            runs = st.between(*st.bounds(stream, start + i1, start + i2))
            after = revisions.delete(runs)
            like = runs[0]
        else:  # an insertion: after the character before it, or before the quote's first character
            at = start + max(i1 - 1, 0)
            like = after = st.bounds(stream, at, at + 1)[0]
        if j2 > j1:
            revisions.insert(after, fixed[j1:j2], like, before=i1 == 0)
        st.refresh(stream, start)
