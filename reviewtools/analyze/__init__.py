"""Everything the checks share, computed once per document."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from reviewtools.data.rules import rule as get_rule
from reviewtools.document import Document
from reviewtools.extract.metadata import Metadata, extract
from reviewtools.findings import Finding
from reviewtools.settings import LOCAL_RULES, Settings
from reviewtools.text import items, regex_cache
from reviewtools.text.normalize import Normalized, normalize, simplified
from reviewtools.text.titles import nest_titles

if TYPE_CHECKING:
    from reviewtools.analyze.counts import Counts

# Where a sentence ends: after 。！？； (and the closing quotes after them); after a line break, unless it is
# inside a title (根据《⏎…法》), before a closing mark or after a bare item number (（五）⏎…); and before a
# numbered item, even where no 。 ends the sentence before it (tables, lists, portal excerpts): （一） （1） 1.
# 1、 一、 ① 第三条, but not a reference to one (第八条第（一）项, 1.5倍, 1、2月, 统一、规范). One character class
# first, then look-behinds telling which one it was: the engine skips to those characters at C speed. Every branch
# checks that character again, so the class may hold more (a try that fails at once): its digits are 0-9 and the
# blocks where every other decimal digit lies (DIGIT_BLOCKS), not \d, whose category lookup at each character of
# the text cost a fifth of the cutting.
DIGIT_BLOCKS = "0-9\u0660-\u1fff\ua000-\uabff\uff10-\uff19\U00010000-\U0010ffff"
_CUT = regex_cache.compile(
    f"[。！？；\n：）”》（{DIGIT_BLOCKS}①-⑳第]"
    r"(?:(?<=[。！？；])[”’」』]*"
    r"|(?<=\n)(?<![（《“‘〔「『〈]\n)(?![）》”’〕」』〉，。、；：？！])"
    r"|(?<=[：）”》])(?=[一二三四五六七八九十]{1,3}、)"
    r"|(?P<item>)(?:(?<![第条款]（)(?<=（)(?:[一二三四五六七八九十]{1,3}|\d{1,2})）(?![项款目条、至和或及])"
    r"|(?<![\dA-Za-z.第]\d)(?<=\d)\d?[.、](?![\d%])"
    r"|(?<=[①-⑳])"
    r"|(?<![》法例定照据按依和及、至或与本见反款项条第即在由的之前后述]第)(?<=第)[一二三四五六七八九十百零〇\d]{1,5}[章节条]"
    r"(?![的规之第、和至款项所中及或，。；”》（]))\n?)")  # a bare number keeps the line break after it
_JURISDICTION = regex_cache.compile(r"(?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区))?(?P<name>[\u4e00-\u9fa5]{1,7}?(?:自治州|自治县|市|州|盟|地区|县|区|旗))")
_SELF = {"市": "本市", "区": "本区", "县": "本县", "省": "本省", "州": "本州", "旗": "本旗"}


@dataclass
class Analysis:
    doc: Document
    settings: Settings
    meta: Metadata = field(init=False)
    # The document as matched on: itself, or in simplified characters when written in traditional ones (the same
    # offsets; a finding still quotes doc.text, as written).
    plain: Document = field(init=False, repr=False)
    _sentences: dict[int, tuple[Normalized, list[tuple[int, int]]]] = field(init=False, repr=False, default_factory=dict)
    _words: dict[int, tuple[Normalized, tuple]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        text = simplified(self.doc.text)
        self.plain = self.doc if text is self.doc.text else replace(self.doc, text=text)
        self.meta = extract(self.plain)

    @property
    def text(self) -> str:
        """The text the checks match on (plain.text)."""
        return self.plain.text

    @cached_property
    def jurisdiction(self) -> list[str]:
        """Names of the issuer's own area (大连市), from settings or the issuer; broadest first."""
        source = self.settings.jurisdiction or (self.meta.issuer.value if self.meta.issuer else "")
        names = re.findall(r"[\u4e00-\u9fa5]{1,7}?(?:自治区|省)", source[:12])
        m = _JURISDICTION.match(source)
        if m and m["name"] not in names:
            names.append(m["name"])
        return [n for n in names if len(n) >= 2]

    @cached_property
    def norm(self) -> Normalized:
        """The text as the checks match it: spaces and the line breaks that only wrap a line (wraps) left out,
        full-width letters and digits made half-width."""
        return normalize(self.doc.text, breaks=self.wraps)

    @cached_property
    def wraps(self) -> list[int]:
        """The line breaks of the text that only wrap a line (analyze.wraps)."""
        return wraps(self.doc.text)

    @cached_property
    def local(self) -> Normalized:
        """The normalized text with the issuer's own area written as 本市/本区…, for local-preference rules: `norm`
        itself (normalized once, its sentences cut once) when the text names none of them."""
        aliases = {n: _SELF.get(n[-1], "本地") for n in self.jurisdiction if n in self.doc.text}
        return normalize(self.doc.text, aliases, self.wraps) if aliases else self.norm

    def sentences(self, view: Normalized) -> list[tuple[int, int]]:
        """The sentences of `view` (norm or local), cut once per view."""
        cut = self._sentences.get(id(view))
        if cut is None or cut[0] is not view:
            cut = self._sentences[id(view)] = (view, sentences(view.text))
        return cut[1]

    def lexicon_words(self, view: Normalized) -> tuple:
        """Where the lexicon's words occur in `view` (Lexicon.positions), found once per view: the lexicon check
        scans the whole text with them, the 疑似 check the sentences it flags."""
        found = self._words.get(id(view))
        if found is None or found[0] is not view:
            from reviewtools.text.matcher import default_lexicon

            found = self._words[id(view)] = (view, default_lexicon().positions(view.text))
        return found[1]

    @cached_property
    def counts(self) -> Counts:
        """Word counts of the body, the attachments and the transmittal notice (analyze.counts), counted once."""
        from reviewtools.analyze.counts import count_body

        return count_body(self)

    @cached_property
    def citations(self):
        from reviewtools.extract.citations import find_citations

        return find_citations(self.text)

    def judged(self, category: str) -> bool:
        """Whether the rules of `category` judge the document: powers rules not a 条例, which may set penalties,
        coercion and licences within its authority (行政处罚法 第十条至第十二条, 行政强制法 第十条, 行政许可法 第十四条、
        第十五条)."""
        return not (category == "powers" and self.meta.not_normative == "法规")

    def in_body(self, start: int) -> bool:
        return self.meta.body[0] <= start < self.doc.body_end

    def finding(self, rule_id: str, start: int | None = None, end: int | None = None, *, message: str | None = None,
                severity: str | None = None, note: str = "", **values) -> Finding:
        """A finding of rule `rule_id` quoting the original text [start, end); `values` fill the message."""
        r = get_rule(rule_id)
        block = self.doc.block_at(start) if start is not None else None
        quote = self.doc.text[start:end] if start is not None and end is not None else None
        text = nest_titles((message or r.message).format(**values) if values or message else r.message)
        return Finding(rule=r.id, category=r.category, severity=severity or r.severity, title=r.title, message=text,
                       quote=quote, start=start if quote is not None else None,
                       end=end if quote is not None else None,
                       location={k: v for k, v in (("page", block.page), ("paragraph", block.paragraph))
                                 if v is not None} if block else {},
                       basis=r.basis.replace("{local_rules}", self.settings.local_rules or LOCAL_RULES),
                       suggestion=nest_titles(r.suggestion.format(**values) if values else r.suggestion), note=note,
                       ocr=bool(quote is not None and block is not None and block.ocr))

    def finding_norm(self, rule_id: str, view: Normalized, start: int, end: int, **kw) -> Finding:
        s, e = view.span(start, end)
        return self.finding(rule_id, s, e, **kw)


# Hard-wrapped text (a .txt or a portal page that breaks every line at one width): most of its longer lines have one
# length, give or take a character, and a line of that length that ends without a sentence's end runs on into the
# next, unless the next starts an item. Paragraphs of a document that is not wrapped have no such common length.
_WRAP_MIN = 16  # characters, spaces aside: shorter lines are headings, names and dates, never a wrap width
_WRAP_LINES = 4  # lines of the common length, at least, and
_WRAP_SHARE = 0.4  # this share of the longer lines
_WRAP_SLACK = 2  # characters a wrapped line may fall short of the width (a Latin word or a number moved down)
_LINE_SPACE = " \t\r\u00a0\u3000"
_RUNS_ON = regex_cache.compile(r"[^。！？；：!?;:]$")
_ITEM_START = regex_cache.compile(f"{items.HEAD}|{items.DIVISION}")


def wraps(text: str) -> list[int]:
    """Positions of the line breaks of `text` that only wrap a line (see _WRAP_MIN); none in a text not wrapped."""
    if "\n" not in text:
        return []
    lines = text.split("\n")
    lengths = [len(line.strip(_LINE_SPACE)) for line in lines]
    longer = Counter(n for n in lengths if n >= _WRAP_MIN)
    if not longer:
        return []
    near, width = max((longer[n - 1] + longer[n] + longer[n + 1], n) for n in longer)
    if near < _WRAP_LINES or near < _WRAP_SHARE * longer.total():
        return []
    out, at = [], -1
    for line, n, after in zip(lines, lengths, lines[1:], strict=False):
        at += len(line) + 1  # the line break after this line
        if (width - _WRAP_SLACK <= n <= width + 1 and _RUNS_ON.search(line.rstrip(_LINE_SPACE))
                and after.strip(_LINE_SPACE) and not _ITEM_START.match(after.lstrip(_LINE_SPACE))):
            out.append(at)
    return out


_QUOTED = regex_cache.compile("“[^“”\n]{2,300}”")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text` (normalized), cut where _CUT says, but not inside a quotation closed on its
    line (依据《条例》第三十一条“…；…处二千元罚款”的规定: the quoted article is one with the sentence citing it)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)] if "“" in text else []
    opens = [s for s, _ in quoted]
    out, start = [], 0
    for m in _CUT.finditer(text):
        cut = m.start() if m.lastgroup == "item" else m.end()
        if opens and (i := bisect.bisect_left(opens, cut) - 1) >= 0 and cut < quoted[i][1]:
            continue  # inside the quotation that opened last before the cut
        if cut - start > 1:
            out.append((start, cut))
        if cut > start:
            start = cut
    if len(text) - start > 1:
        out.append((start, len(text)))
    return out
