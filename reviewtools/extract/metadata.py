"""Metadata of a document, each value with its span in Document.text.

Title, 发文字号, issuer, 成文日期, 施行日期, 有效期, kind, the transmittal notice (关于印发…的通知)
split from the body it transmits, and the 附件 list. Portal metadata fills what the text lacks (span None).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from reviewtools.document import Document
from reviewtools.extract import docnumber, own_number, title
from reviewtools.extract.dates import DATE, cn_int, find_date, parse_date, signature_date
from reviewtools.text import regex_cache
from reviewtools.text.titles import loose_key

_TRANSMIT_TITLE = regex_cache.compile(r"(?:关于|^|[^关]{2,}?(?:办公厅|办公室|政府|局|委|厅))(?:印发|转发|发布|公布|下发)[《〈]?(?P<inner>.+?)[》〉]?的(?:通知|决定|公告|函)$")
_TRANSMIT_LINE = regex_cache.compile(r"现将[《〈](?P<inner>[^》〉]+)[》〉](?:[^。]{0,20}?)(?:印发|转发|发布|下发)")
_SENTENCE_END = regex_cache.compile(r"[。；！？:：，,]$")
_ISSUER_END = regex_cache.compile(
    r"(?:人民政府|办公厅|办公室|委员会|局|厅|部|委|署|院|会|中心|政府|总局|分局|管委会|管理委员会|领导小组|指挥部|法院|检察院|公司)$")
_RED_HEAD = regex_cache.compile(r"^(?P<issuer>.{2,40}?)(?:文件|文件$)$")
_ATTACH_LINE = regex_cache.compile(r"^附\s*件\s*(?P<num>\d*)\s*[:：]?\s*(?P<rest>.*)$")
_ATTACH_ITEM = regex_cache.compile(r"(?:^|\s)(?P<num>\d{1,2})\s*[.．、]\s*(?P<name>[^\d\s][^\n]*?)(?=\s+\d{1,2}\s*[.．、]|$)")
_EFFECTIVE = regex_cache.compile(
    r"(?:本|此)(?:办法|规定|细则|意见|通知|方案|实施方案|决定|规则|措施|指引|制度|计划|文件|规划|要点)?"
    r"(?:自|从|于)\s*(?P<when>" + DATE.pattern + r"|(?:印发|发布|公布|签发)之日)\s*(?:起\s*(?P<after>\d+|[一二三四五六七八九十]+)\s*日后)?"
    r"\s*(?:起)?\s*(?:施行|实施|执行|生效)"
)
_VALID_YEARS = regex_cache.compile(r"(?:有效期|试行期|实施期)(?:限)?(?:为|是)?\s*(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,2})\s*年")
_VALID_UNTIL = regex_cache.compile(r"(?:有效期|试行期|实施期)(?:限)?(?:为|是)?\s*(?:至|到|截至)\s*(?P<date>" + DATE.pattern + ")")
_VALID_UNTIL2 = regex_cache.compile(r"(?:执行|实施|施行|试行)(?:至|到|期限至)\s*(?P<date>" + DATE.pattern + r")\s*(?:止|为止|结束|截止)?")
_HEAD_LINES = 12


@dataclass(slots=True)
class Field:
    value: str
    text: str | None = None  # as written, when the value comes from the text
    start: int | None = None
    end: int | None = None
    source: str = "text"  # text | portal | derived


@dataclass(slots=True)
class Metadata:
    title: Field | None = None
    doc_number: Field | None = None  # value normalized (大文广发〔2017〕74号), text as written
    issuer: Field | None = None
    issued_on: Field | None = None  # 成文日期, ISO value
    effective_on: Field | None = None  # ISO date, or the phrase (印发之日) when it depends on publication
    validity: Field | None = None  # the 有效期 clause; value like "5年" or "至2025-12-31"
    expires_on: str | None = None  # ISO date computed from the clauses, when they allow it
    kind: str | None = None
    transmittal: tuple[int, int] | None = None  # span of the 印发通知 around the body
    body: tuple[int, int] = (0, 0)  # span of the text that would be issued (the policy itself)
    body_title: Field | None = None  # title of the transmitted policy (现将《…》印发)
    attachments: list[Field] = field(default_factory=list)  # 附件说明 entries
    attachments_start: int | None = None  # where attached texts begin after the body, if they do
    not_normative: str | None = None  # what the document is when it is not a 行政规范性文件 (会议通知, 报告…)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class _Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(doc: Document) -> list[_Line]:
    body = doc.text[: doc.body_end]
    out, pos = [], 0
    for raw in body.split("\n"):
        lead = raw.lstrip()
        if lead:
            out.append(_Line(lead.rstrip(), pos + len(raw) - len(lead)))
        pos += len(raw) + 1
    return out


def _field(value: str, line: _Line | None = None, m: re.Match | None = None, group: int | str = 0) -> Field:
    if m is not None and line is not None:
        return Field(value, m.group(group), line.start + m.start(group), line.start + m.end(group))
    if line is not None:
        return Field(value, line.text, line.start, line.end)
    return Field(value, source="derived")


def extract(doc: Document) -> Metadata:
    lines = _lines(doc)
    meta = Metadata(body=(0, doc.body_end))
    meta.title = _title(doc, lines)
    meta.doc_number = _doc_number(doc, lines, meta.title)
    _signature(doc, lines, meta)
    _transmittal(lines, meta)
    _attachments(lines, meta)
    _effective_and_validity(doc, lines, meta)
    meta.kind = _kind(meta, doc, lines)
    meta.not_normative = _not_normative(meta, doc)
    return meta


def _title(doc: Document, lines: list[_Line]) -> Field | None:
    found = title.find([(line.text, line.start) for line in lines])
    if found:
        return Field(found.value, doc.text[found.start:found.end], found.start, found.end)
    portal = doc.portal.get("标题")
    if portal:
        at = doc.text.find(portal)
        return Field(portal, portal, at, at + len(portal)) if at >= 0 else Field(portal, source="portal")
    return None


def _doc_number(doc: Document, lines: list[_Line], own_title: Field | None) -> Field | None:
    """The own 发文字号 as the text writes it (see own_number.find); else the portal table's."""
    title_end = own_title.end if own_title is not None else None
    number = own_number.find(doc.text, [(line.text, line.start) for line in lines[:_HEAD_LINES + 8]], title_end)
    if number:
        return Field(number.normalized, number.written, number.start, number.end)
    portal = doc.portal.get("发文字号")
    if portal:
        found = docnumber.find_all(portal)
        value = found[0].normalized if found else portal
        at = doc.text.find(portal)
        return Field(value, portal, at, at + len(portal)) if at >= 0 else Field(value, portal, source="portal")
    return None


def _date_line(line: _Line) -> tuple[date, Field] | None:
    """A signature date line (see dates.signature_date), as a Field over the date alone."""
    found = signature_date(line.text)
    if not found:
        return None
    d, s, e = found
    return d, Field(d.isoformat(), line.text[s:e], line.start + s, line.start + e)


def _signature(doc: Document, lines: list[_Line], meta: Metadata) -> None:
    """Issuer and 成文日期 from the first signature block (agency line(s) then a date line)."""
    # A date above the title with no sentence before it is a portal's date bar, not the signature.
    above = meta.title.start if meta.title is not None and meta.title.start is not None else 0
    for i, line in enumerate(lines):
        dated = _date_line(line)
        if not dated or (line.start < above and not any(prev.text.endswith("。") for prev in lines[:i])):
            continue
        meta.issued_on = dated[1]
        if i > 0 and _is_issuer(lines[i - 1].text):
            meta.issuer = _field(lines[i - 1].text, lines[i - 1])
        break
    if meta.issuer is None:
        for line in lines[:3]:
            m = _RED_HEAD.match(line.text)
            if m and _is_issuer(m["issuer"]):
                meta.issuer = _field(m["issuer"], line, m, "issuer")
                break
    if meta.issuer is None and doc.portal.get("发布机构"):
        meta.issuer = _portal_field(doc, doc.portal["发布机构"])
    if meta.issued_on is None and doc.portal.get("成文日期"):
        found = find_date(doc.portal["成文日期"])
        if found:
            meta.issued_on = Field(found[0].isoformat(), doc.portal["成文日期"], source="portal")


def _portal_field(doc: Document, value: str) -> Field:
    at = doc.text.find(value)
    return Field(value, value, at, at + len(value)) if at >= 0 else Field(value, value, source="portal")


def _is_issuer(text: str) -> bool:
    return 2 <= len(text) <= 40 and bool(_ISSUER_END.search(text)) and not _SENTENCE_END.search(text) \
        and not text.startswith(("关于", "为", "根据"))


def _transmittal(lines: list[_Line], meta: Metadata) -> None:
    """Split 关于印发《X》的通知 from X: the body starts at X's own title, else after the notice's date."""
    inner = None
    if meta.title:
        m = _TRANSMIT_TITLE.search(meta.title.value)
        inner = m["inner"] if m else None
    head_end = len(lines)
    for i, line in enumerate(lines[:_HEAD_LINES + 8]):
        m = _TRANSMIT_LINE.search(line.text)
        if m:
            inner = inner or m["inner"]
            head_end = i
            break
    else:
        if inner is None:
            return
    key = loose_key(inner)
    start_index = None
    for j in range(min(head_end, len(lines) - 1) + 1, len(lines)):
        line_key = loose_key(lines[j].text)
        if line_key == key or (len(key) > 6 and line_key.startswith(key)):
            start_index = j
            break
    if start_index is None:  # no title line for X: the body begins after the notice's date line
        for j in range(head_end + 1, min(head_end + 6, len(lines))):
            if _date_line(lines[j]):
                start_index = j + 1
                break
    if start_index is None or start_index >= len(lines):
        return
    body_line = lines[start_index]
    meta.transmittal = (lines[0].start, lines[start_index - 1].end)
    meta.body = (body_line.start, meta.body[1])
    if loose_key(body_line.text).startswith(key):
        meta.body_title = _field(body_line.text, body_line)
    else:
        meta.body_title = Field(inner, source="derived")


def names_itself(own_title: str, cited: str) -> bool:
    """A cited title that is the document's own (关于印发《X》的通知 citing 《X》), brackets aside."""
    own, c = loose_key(own_title), loose_key(cited)
    if own == c:
        return True
    for kind in ("的通知", "的决定", "的公告", "的函"):  # own ends with {verb}{c}{kind}
        if own.endswith(kind):
            head = own[:-len(kind)]
            return head.endswith(c) and head[:len(head) - len(c)].endswith(("印发", "转发", "发布", "公布", "下发"))
    return False


def _attachments(lines: list[_Line], meta: Metadata) -> None:
    """附件说明 (附件：1.XXX 2.YYY) and where the attached texts start (a later line 附件 / 附件1)."""
    body_start = meta.body[0]
    listing_at = None
    for i, line in enumerate(lines):
        m = _ATTACH_LINE.match(line.text)
        if not m:
            continue
        rest = m["rest"]
        if listing_at is None and rest and (":" in line.text[:5] or "：" in line.text[:5]):
            listing_at = i
            items = list(_ATTACH_ITEM.finditer(" " + rest)) if re.match(r"\d", rest) else []
            if items:
                for it in items:
                    s = line.start + line.text.index(rest) + it.start("name") - 1
                    meta.attachments.append(Field(it["name"].strip(), it["name"].strip(), s, s + len(it["name"].strip())))
            else:
                s = line.start + line.text.index(rest)
                meta.attachments.append(Field(rest, rest, s, s + len(rest)))
            # Numbered continuation lines: 2.XXX on their own lines.
            for nxt in lines[i + 1:i + 20]:
                c = re.match(r"^(\d{1,2})\s*[.．、]\s*(.+)$", nxt.text)
                if not c or len(nxt.text) > 80:
                    break
                meta.attachments.append(Field(c[2], c[2], nxt.start + c.start(2), nxt.start + c.end(2)))
        elif listing_at is not None and i > listing_at and line.start > body_start and (not rest or re.fullmatch(r"\d+", m["num"] or "") and len(rest) < 3):
            meta.attachments_start = line.start
            meta.body = (meta.body[0], lines[i - 1].end)
            break


def _effective_and_validity(doc: Document, lines: list[_Line], meta: Metadata) -> None:
    text = doc.text
    start, end = meta.body[0], (meta.attachments_start or meta.body[1])
    region = text[start:end]
    eff = None
    for m in _EFFECTIVE.finditer(region):
        eff = m  # the last one is the operative clause (本办法自…起施行 sits at the end)
    if eff:
        span = (start + eff.start(), start + eff.end())
        sub = DATE.search(eff["when"])
        d = parse_date(sub) if sub else None
        after = cn_int(eff["after"]) if eff["after"] else 0
        if d:
            value = (d + timedelta(days=after)).isoformat()
        elif meta.issued_on and eff["when"] in ("印发之日", "签发之日") and meta.issued_on.source == "text":
            value = (date.fromisoformat(meta.issued_on.value) + timedelta(days=after)).isoformat()
        else:
            value = eff["when"] + (f"起{after}日后" if after else "")
        meta.effective_on = Field(value, eff.group(0), *span)
    term = _first_term(region)  # where _VALID_UNTIL and _VALID_YEARS can first match
    until = (_VALID_UNTIL.search(region, term) if term is not None else None) or _VALID_UNTIL2.search(region)
    years = _VALID_YEARS.search(region, term) if term is not None else None
    if until:
        d = parse_date(DATE.search(until["date"]))
        if d:
            meta.validity = Field(f"至{d.isoformat()}", until.group(0), start + until.start(), start + until.end())
            meta.expires_on = d.isoformat()
    elif years:
        n = cn_int(years["n"])
        meta.validity = Field(f"{n}年", years.group(0), start + years.start(), start + years.end())
        base = meta.effective_on.value if meta.effective_on else None
        if base and re.fullmatch(r"\d{4}-\d{2}-\d{2}", base):
            b = date.fromisoformat(base)
            try:
                meta.expires_on = (b.replace(year=b.year + n) - timedelta(days=1)).isoformat()
            except ValueError:  # 29 February
                meta.expires_on = (b.replace(year=b.year + n, day=28)).isoformat()


def _first_term(text: str) -> int | None:
    """Where the first 有效期, 试行期 or 实施期 of `text` starts (None: nowhere), found by looking at the two characters
    before each 期: a scan for one character runs at C speed, an alternation of words does not."""
    at = text.find("期", 2)
    while at >= 0:
        if text[at - 2:at] in ("有效", "试行", "实施"):
            return at - 2
        at = text.find("期", at + 1)
    return None


_UPWARD = ("报告", "请示")


def _kind(meta: Metadata, doc: Document, lines: list[_Line]) -> str | None:
    """The transmitted policy's kind (实施方案, 办法…), else the title's, else 制定本X in the body."""
    transmitted = _TRANSMIT_TITLE.search(meta.title.value) if meta.title else None
    for inner in (meta.body_title.value if meta.body_title else None, transmitted["inner"] if transmitted else None):
        kind = title.kind_of(inner) if inner else None
        if kind and kind not in _UPWARD:  # 转发国家教委关于…的请示的通知 issues the request downward: a 通知
            return kind
    title_kind = title.kind_of(meta.title.value) if meta.title else title.section_kind([line.text for line in lines])
    if title_kind:
        return title_kind
    m = re.search(r"制定本(实施方案|方案|办法|规定|细则|意见|措施|规则|指引|计划)|现制定如下(实施方案|方案|意见|措施)"
                  r"|(?:情况|工作)(报告|请示)如下|现将[^。]{0,20}(通告|公告)如下", doc.text[meta.body[0]:meta.body[1]])
    return next((g for g in m.groups() if g), None) if m else None


# Documents that are not 行政规范性文件 (国办发〔2018〕37号 and 115号 leave out internal, upward, one-off and
# meeting documents; regulations and rules are above them), by kind or by what the title says.
_NOT_NORMATIVE_KINDS = {"报告": "报告", "请示": "请示", "批复": "批复", "函": "函", "纪要": "会议纪要", "总结": "工作总结",
                        "工作总结": "工作总结", "讲话": "讲话", "条例": "法规", "公报": "公报"}
_NOT_NORMATIVE_TITLES = (
    (regex_cache.compile(r"关于(?:召开|举办|举行|参加|组织)[^。]{0,40}(?:会议|培训班|座谈会|论坛|推进会|现场会|比赛|竞赛|活动)的通知$"),
     "会议、活动通知"),
    (regex_cache.compile(r"关于(?:表彰|表扬|通报表扬|授予)"), "表彰决定"),
    (regex_cache.compile(r"(?:任免|任职|免职|聘任)[^。]{0,20}(?:通知|决定)$"), "人事任免"),
    (regex_cache.compile(r"主要职责[、，]?内设机构和人员编制"), "机构编制规定"),
)
_GOVERNMENT_ORDER = regex_cache.compile(r"(?:人民政府|部|委员会|总局)令\s*[（(]?\s*第\s*\d+\s*号")


def _not_normative(meta: Metadata, doc: Document) -> str | None:
    title = meta.title.value if meta.title else ""
    transmitted = _TRANSMIT_TITLE.search(title) or meta.body_title is not None
    if meta.kind in _NOT_NORMATIVE_KINDS and not transmitted:
        return _NOT_NORMATIVE_KINDS[meta.kind]
    for pattern, what in _NOT_NORMATIVE_TITLES:
        if pattern.search(title):
            return what
    if _GOVERNMENT_ORDER.search(doc.text[:300]):
        return "规章"
    return None
