"""The draft returned with comments, read back: python-docx and lxml for the comments, their anchors and the
tracked changes; the text and every character's formatting compared with the draft's; LibreOffice reading the
comments and changes back."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from reviewtools.findings import Finding
from reviewtools.ingest import office, read_bytes
from reviewtools.report import annotate
from reviewtools.report.annotate.fixes import replacement
from reviewtools.review import review, review_text
from tests.conftest import require
from tests.drafts import DRAFT, SETTINGS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER, FIXED = "某县政发[2020]5号", "某县政发〔2020〕5号"
REWARD = "按其缴纳增值税地方留成部分的50%给予奖励"


def _draft() -> bytes:
    """A synthetic draft whose quotes run over runs of different formatting, into a table and a line break,
    and one of which occurs twice."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某县人民政府文件"
    title = d.add_paragraph()
    title.add_run("某县人民政府关于促进招商引资的若干意见").bold = True
    number = d.add_paragraph()
    number.add_run("某县政发").font.size = Pt(16)
    number.add_run("[2020]").italic = True
    number.add_run("5号").font.size = Pt(16)
    d.add_paragraph("各乡镇人民政府：")
    basis = d.add_paragraph("为促进县域经济发展，根据")
    basis.add_run("《中华人民共和国").bold = True
    basis.add_run("合同法》等规定，结合本县实际，制定本意见。")
    d.add_paragraph(f"一、对新引进企业，{REWARD}。")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "二、对未按规定报送统计资料的企业，由县统计局处以五千元以上一万元以下罚款。"
    reward = d.add_paragraph("三、对本县规模以上企业，")
    reward.add_run(REWARD[:6]).underline = True
    reward.add_run(REWARD[6:] + "。")
    sign = d.add_paragraph("某县人民政府")
    sign.runs[0].add_break()
    sign.add_run("2020年3月1日")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(W + "body")


def _as_written(body: etree._Element) -> tuple[str, list[bytes | None], dict[str, tuple[int, int]]]:
    """The body as it was before any tracked change (deletions in, insertions out): its text, each character's
    run properties, and the span of every comment's anchor."""
    chars: list[str] = []
    props: list[bytes | None] = []
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for el in body.iter():
        if el.tag == W + "p" and chars and any(t.text for t in el.iter(W + "t")):
            chars.append("\n")
            props.append(None)
        elif el.tag in (W + "t", W + "delText", W + "br") and W + "ins" not in {a.tag for a in el.iterancestors()}:
            text = "\n" if el.tag == W + "br" else el.text or ""
            rpr = el.getparent().find(W + "rPr")
            chars.extend(text)
            props.extend([None if rpr is None else etree.tostring(rpr)] * len(text))
        elif el.tag == W + "commentRangeStart":
            opened[el.get(W + "id")] = len(chars)
        elif el.tag == W + "commentRangeEnd":
            spans[el.get(W + "id")] = (opened.pop(el.get(W + "id")), len(chars))
    return "".join(chars), props, spans


@pytest.fixture(scope="module")
def annotated():
    source = _draft()
    r = review(read_bytes(source, "草案.docx"), SETTINGS)
    return source, r, annotate.render(r, source)


def test_every_finding_is_a_comment_by_reviewtools_with_problem_basis_suggestion_and_rule(annotated):
    _, r, out = annotated
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert len(comments) == len(r.findings) >= 5
    for f, c in zip(r.findings, comments, strict=True):
        assert (c.author, c.initials) == ("reviewtools", "RT")
        lines = c.text.split("\n")
        assert lines[0].startswith(f.title)
        assert f"问题：{f.message}" in lines and f"依据：{f.basis}" in lines and f"建议：{f.suggestion}" in lines
        assert lines[-1] == f"规则：{f.rule}"


def test_each_comment_covers_exactly_its_quote_at_its_offsets(annotated):
    source, r, out = annotated
    text, _, spans = _as_written(_body(out))
    assert text == r.doc.text[:r.doc.body_end]  # the body read the same way the reader reads it
    comments = list(docx.Document(io.BytesIO(out)).comments)
    for f, c in zip(r.findings, comments, strict=True):
        assert spans[str(c.comment_id)] == (f.start, f.end), f.rule
        assert text[f.start:f.end] == f.quote
    rewards = [f for f in r.findings if f.quote == REWARD]
    assert len(rewards) == 2 and rewards[0].start != rewards[1].start  # the repeated quote, each at its own place


def test_text_and_formatting_unchanged_outside_the_tracked_changes(annotated):
    source, _, out = annotated
    before, before_props, _ = _as_written(_body(source))
    after, after_props, _ = _as_written(_body(out))
    assert after == before
    assert after_props == before_props  # split runs keep their properties, character by character
    with zipfile.ZipFile(io.BytesIO(source)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        assert a.read("word/header1.xml") == b.read("word/header1.xml")
        assert a.read("word/styles.xml") == b.read("word/styles.xml")


def test_mechanical_fix_is_a_tracked_change_the_drafter_can_accept(annotated):
    _, r, out = annotated
    body = _body(out)
    deleted = list(body.iter(W + "del"))
    inserted = list(body.iter(W + "ins"))
    assert "".join(t.text for d in deleted for t in d.iter(W + "delText")) == "[]"
    assert "".join(t.text for i in inserted for t in i.iter(W + "t")) == "〔〕"
    for mark in deleted + inserted:
        assert mark.get(W + "author") == "reviewtools"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(W + "date"))
    assert len({m.get(W + "id") for m in deleted + inserted}) == 4
    # Accepted (as the reader reads tracked changes), the draft has the number right and nothing else changed.
    assert read_bytes(out, "批注稿.docx").text == r.doc.text.replace(NUMBER, FIXED)


def test_only_mechanical_fixes_are_offered():
    def fix(quote: str, rule: str = "format.doc_number") -> str | None:
        return replacement(Finding(rule, "format", "warning", "", "", quote, 0, len(quote), {}, "", ""))

    assert fix("某政发[2024]3号") == "某政发〔2024〕3号"
    assert fix("某政规(2023)2号", "format.cited_doc_number") == "某政规〔2023〕2号"
    assert fix("某政发【2024】第03号") == "某政发〔2024〕3号"
    assert fix("某政发〔2024〕3") == "某政发〔2024〕3号"
    assert fix("某政发[19]3号") is None  # which century is for the drafter to say
    assert fix("某政发〔2024〕3号") is None
    assert fix("某政发[2024]3号", "outdated.renamed_agency") is None


def test_finding_without_a_quote_is_commented_on_the_first_line():
    source = _draft()
    r = review(read_bytes(source, "草案.docx"), SETTINGS)
    r.findings.insert(0, Finding("length.test", "length", "info", "篇幅过长", "全文超过规定字数。", None, None, None,
                                 {}, "某规定", "压缩篇幅。"))
    out = annotate.render(r, source)
    text, _, spans = _as_written(_body(out))
    first = list(docx.Document(io.BytesIO(out)).comments)[0]
    assert spans[str(first.comment_id)] == (0, text.index("\n"))
    assert "位置：全文" in first.text.split("\n")


def test_draft_from_text_becomes_a_new_docx_with_the_same_comments():
    r = review_text(DRAFT, SETTINGS, name="草案.txt")
    out = annotate.render(r)
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert len(comments) == len(r.findings) >= 5
    text, _, spans = _as_written(_body(out))
    assert text == r.doc.text
    for f, c in zip(r.findings, comments, strict=True):
        assert spans[str(c.comment_id)] == (f.start, f.end)
    accepted = read_bytes(out, "批注稿.docx")
    assert accepted.text[:accepted.body_end] == r.doc.text.replace(NUMBER, FIXED)  # then the page numbers


def test_docx_whose_bytes_changed_since_the_review_is_annotated_as_a_copy_of_the_text():
    source = _draft()
    r = review(read_bytes(source, "草案.docx"), SETTINGS)
    out = annotate.render(r, source + b"\0")  # not the file reviewed: its text would not be where the quotes say
    text, _, _ = _as_written(_body(out))
    assert text == r.doc.text  # the header's text too, as a paragraph of the copy
    assert len(list(docx.Document(io.BytesIO(out)).comments)) == len(r.findings)


def test_libreoffice_reads_the_comments_and_tracked_changes_back(annotated, tmp_path: Path):
    soffice = office.find_soffice()
    require(soffice is not None, "LibreOffice (soffice) is not installed")
    _, r, out = annotated
    source = tmp_path / "草案.审查批注.docx"
    source.write_bytes(out)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(source.with_suffix(".odt")) as z:
        content = etree.fromstring(z.read("content.xml"))
    ns = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    notes = content.findall(".//office:annotation", ns)
    assert len(notes) == len(r.findings)
    assert len(content.findall(".//office:annotation-end", ns)) == len(r.findings)
    assert {n.findtext("dc:creator", namespaces=ns) for n in notes} == {"reviewtools"}
    said = ["".join(n.itertext()) for n in notes]
    for f in r.findings:
        assert any(f"规则：{f.rule}" in s for s in said), f.rule
    regions = content.findall(".//text:tracked-changes/text:changed-region", ns)
    kinds = [child.tag.split("}")[1] for region in regions for child in region]
    assert kinds.count("deletion") == 2 and kinds.count("insertion") == 2


def _anchored(body: etree._Element) -> dict[str, str]:
    """The displayed text (tracked changes accepted, one alternative of mc:AlternateContent) each comment's
    range holds."""
    opened: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            opened[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            out[el.get(W + "id")] = "".join(opened.pop(el.get(W + "id")))
        elif el.tag in (W + "t", W + "tab", W + "br") and fallback not in {a.tag for a in el.iterancestors()}:
            for chars in opened.values():
                chars.append({W + "tab": "\t", W + "br": "\n"}.get(el.tag, el.text or ""))
        elif el.tag == W + "p":
            for chars in opened.values():
                chars.append("\n")
    return out


def test_quotes_over_tracked_changes_fields_text_boxes_and_cells_are_anchored(tmp_path: Path):
    from tests.drafts import _finding
    from tests.ingest.test_docx import build_notice

    source = build_notice(tmp_path / "通知.docx").read_bytes()
    doc = read_bytes(source, "通知.docx")
    quotes = ["自发布之日起施行", "各单位应当严格执行", "3页，印发日期2026年1月1日", "此件公开", "第二条\t收费",
              "按成本收取", "2026年版", "监督管理局文件", "第十三条"]
    r = review(doc, SETTINGS)
    r.findings[:] = [_finding(doc.text, q, category="format", severity="warning") for q in quotes]
    out = annotate.render(r, source)
    assert read_bytes(out, "通知.docx").text == doc.text
    anchors = _anchored(_body(out))
    mine = [c for c in docx.Document(io.BytesIO(out)).comments if c.author == "reviewtools"]
    assert len(mine) == len(quotes)
    title = doc.text.split("\n")[0]
    for q, c in zip(quotes, mine, strict=True):
        if q in ("监督管理局文件", "第十三条"):  # a header, a footnote: on the first line, the quote written out
            assert anchors[str(c.comment_id)] == title and f"原文：“{q}”" in c.text.split("\n")
        else:
            assert anchors[str(c.comment_id)] == q
    assert "请核实收费依据" in [c.text for c in docx.Document(io.BytesIO(out)).comments]  # the draft's own comment


def test_a_comment_ending_inside_a_fixed_number_keeps_its_reference():
    from tests.drafts import _finding

    r = review_text(DRAFT.replace(NUMBER, "某县政发[2020]05号"), SETTINGS, name="草案.txt")
    r.findings.append(_finding(r.doc.text, "某县政发[2020]", category="format"))  # ends inside "]0", one deletion
    out = annotate.render(r)
    body = _body(out)
    assert "".join(t.text for t in body.iter(W + "delText")) == "[]0"
    assert not [ref for d in body.iter(W + "del") for ref in d.iter(W + "commentReference")]
    _, _, spans = _as_written(body)
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert spans[str(comments[-1].comment_id)] == (r.findings[-1].start, r.findings[-1].end)
    accepted = read_bytes(out, "批注稿.docx")
    assert accepted.text[:accepted.body_end] == r.doc.text.replace("某县政发[2020]05号", FIXED)


def test_suspected_finding_says_so_in_its_comment():
    r = review_text(DRAFT, SETTINGS, name="草案.txt")
    f = r.findings[-1]
    f.score = 0.91
    said = list(docx.Document(io.BytesIO(annotate.render(r))).comments)[-1].text.split("\n")
    assert said[0].endswith("——模型提示的疑似问题（供参考，需人工判断）") and "模型评分：0.91" in said


def test_markup_is_well_formed_for_word(annotated):
    """What Word checks when it opens a file: paragraph properties first; one start, end and reference per
    comment, in that order; tracked changes holding runs only, with ids of their own."""
    _, r, out = annotated
    body = _body(out)
    for p in body.iter(W + "p"):
        assert all(child.tag != W + "pPr" for child in list(p)[1:])
    order = [(el.tag.split("}")[1], el.get(W + "id")) for el in body.iter(
        W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")]
    ids = {i for _, i in order}
    assert len(ids) == len(r.findings)
    for i in ids:
        assert [tag for tag, j in order if j == i] == ["commentRangeStart", "commentRangeEnd", "commentReference"]
    for mark in [*body.iter(W + "del"), *body.iter(W + "ins")]:
        assert [child.tag for child in mark] == [W + "r"]
        assert mark.getparent().tag == W + "p"
