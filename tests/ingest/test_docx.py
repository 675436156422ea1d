"""The .docx reader, on documents built here with python-docx plus injected WordprocessingML."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import docx as docx_reader
from reviewtools.ingest import read_bytes, read_file

W = nsdecls("w")
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _run(text: str) -> str:
    return f'<w:r {W}><w:t xml:space="preserve">{text}</w:t></w:r>'


def _append(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def _field(paragraph, code: str, result: str) -> None:
    """A complex field: begin, code, separate, displayed result, end."""
    for xml in (f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {W}><w:instrText xml:space="preserve">{code}</w:instrText></w:r>',
                f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
                _run(result),
                f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'):
        _append(paragraph, xml)


def _footnotes(document, text: str) -> None:
    """python-docx has no footnote API: add a footnotes part with separators and one footnote (id 1)."""
    blob = (f'<w:footnotes {W}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            '</w:p></w:footnote>'
            f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{_run(text)}</w:p></w:footnote>'
            '</w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


TEXT_BOX = f"""<w:r {W} {nsdecls("wp", "a")} xmlns:v="urn:schemas-microsoft-com:vml"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>
    <w:p>{_run("（此件公开发布）")}</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>
  </wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p>{_run("（此件公开发布）")}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def build_notice(path: Path) -> Path:
    """A Chinese notice with every construct the reader must handle."""
    d = docx.Document()
    d.add_heading("某市市场监督管理局关于规范涉企收费的通知", level=1)
    d.add_paragraph("各区县市场监管局：")

    p = d.add_paragraph("本通知自")  # tracked changes: the deletion is out, the insertion in
    _append(p, f'<w:del {W} w:id="11" w:author="张三" w:date="2026-01-05T00:00:00Z"><w:r>'
               f'<w:delText>印发后三十日</w:delText></w:r></w:del>')
    _append(p, f'<w:ins {W} w:id="12" w:author="张三" w:date="2026-01-05T00:00:00Z">{_run("发布之日")}</w:ins>')
    p.add_run("起施行。")

    p = d.add_paragraph()
    d.add_comment(p.add_run("各单位应当严格执行收费目录清单。"), text="请核实收费依据", author="法制科")

    p = d.add_paragraph("详见第")
    _field(p, " PAGEREF _Toc1 \\h ", "3")
    p.add_run("页，印发日期")
    _append(p, f'<w:fldSimple {W} w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">{_run("2026年1月1日")}</w:fldSimple>')
    p.add_run("。")

    p = d.add_paragraph("依据《价格法》制定")
    _append(p, f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>')
    _footnotes(d, "《中华人民共和国价格法》第十三条。")

    p = d.add_paragraph("第一条　收费项目")  # a line break makes two paragraphs; a tab stays in the text
    _append(p, f'<w:r {W}><w:br/><w:t>第二条</w:t><w:tab/><w:t>收费标准</w:t></w:r>')
    p = d.add_paragraph("附件")
    _append(p, TEXT_BOX)

    d.add_page_break()
    table = d.add_table(rows=3, cols=3)
    for col, text in enumerate(["项目", "标准", "依据"]):
        table.cell(0, col).text = text
    table.cell(1, 1).merge(table.cell(1, 2)).text = "按成本收取"  # horizontal merge
    table.cell(1, 0).merge(table.cell(2, 0)).text = "检验费"  # vertical merge
    table.cell(2, 1).text = "免收"
    cell = table.cell(2, 2)
    cell.text = "《行政事业性收费目录》"
    cell.add_paragraph("2026年版")
    d.add_paragraph("特此通知。")

    section = d.sections[0]
    section.header.paragraphs[0].text = "某市市场监督管理局文件"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "某市市场监督管理局文件"  # identical: read once
    footer = section.footer.paragraphs[0]
    footer.text = "第"
    _append(footer, f'<w:fldSimple {W} w:instr=" PAGE ">{_run("1")}</w:fldSimple>')
    footer.add_run("页")
    d.save(path)
    return path


EXPECTED_BLOCKS = [
    # kind, text, page, table, row, cell
    ("heading", "某市市场监督管理局关于规范涉企收费的通知", 1, None, None, None),
    ("paragraph", "各区县市场监管局：", 1, None, None, None),
    ("paragraph", "本通知自发布之日起施行。", 1, None, None, None),
    ("paragraph", "各单位应当严格执行收费目录清单。", 1, None, None, None),
    ("paragraph", "详见第3页，印发日期2026年1月1日。", 1, None, None, None),
    ("paragraph", "依据《价格法》制定", 1, None, None, None),
    ("paragraph", "第一条　收费项目", 1, None, None, None),
    ("paragraph", "第二条\t收费标准", 1, None, None, None),
    ("paragraph", "附件", 1, None, None, None),
    ("paragraph", "（此件公开发布）", 1, None, None, None),
    ("cell", "项目", 2, 1, 1, 1),
    ("cell", "标准", 2, 1, 1, 2),
    ("cell", "依据", 2, 1, 1, 3),
    ("cell", "检验费", 2, 1, 2, 1),
    ("cell", "按成本收取", 2, 1, 2, 2),
    ("cell", "免收", 2, 1, 3, 2),
    ("cell", "《行政事业性收费目录》\n2026年版", 2, 1, 3, 3),
    ("paragraph", "特此通知。", 2, None, None, None),
    ("header", "某市市场监督管理局文件", None, None, None, None),
    # the footer is only its page number (第1页): left out
    ("footnote", "《中华人民共和国价格法》第十三条。", None, None, None, None),
]


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    return build_notice(tmp_path / "通知.docx")


def _blocks(doc):
    return [(b.kind, doc.text[b.start:b.end], b.page, b.table, b.row, b.cell) for b in doc.blocks]


def test_reads_text_blocks_and_locations(notice: Path) -> None:
    doc = read_file(notice)
    assert doc.format == "docx"
    assert doc.pages is None
    assert len(doc.sha256) == 64
    assert _blocks(doc) == EXPECTED_BLOCKS
    assert doc.text == "\n".join(text for _, text, *_ in EXPECTED_BLOCKS)
    assert [b.paragraph for b in doc.blocks if b.kind in ("heading", "paragraph", "cell")] == list(range(1, 19))
    assert doc.body_end == doc.text.index("\n某市市场监督管理局文件")


def test_reads_accepted_changes_without_comments_or_field_codes(notice: Path) -> None:
    text = read_file(notice).text
    assert "发布之日" in text
    for absent in ("印发后三十日", "请核实收费依据", "法制科", "PAGEREF", "DATE", "yyyy"):
        assert absent not in text
    assert text.count("（此件公开发布）") == 1  # a text box's two alternatives read once


def test_direct_read_matches_sniffed_read(notice: Path) -> None:
    data = notice.read_bytes()
    assert docx_reader.read(data, str(notice)).text == read_bytes(data, str(notice)).text


def _document_xml(body: str) -> bytes:
    return f'<w:document {W}><w:body>{body}</w:body></w:document>'.encode()


def _with_document_xml(source: Path, target: Path, xml: bytes) -> Path:
    """A copy of `source` with word/document.xml replaced."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, xml if info.filename == "word/document.xml" else zin.read(info))
    return target


def test_outline_level_makes_a_heading_and_deleted_paragraph_mark_joins(notice: Path, tmp_path: Path) -> None:
    body = (f'<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr>{_run("总则")}</w:p>'
            f'<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>{_run("第一条　为了规范")}</w:p>'
            f'<w:p>{_run("收费行为，制定本办法。")}</w:p>')
    doc = read_file(_with_document_xml(notice, tmp_path / "x.docx", _document_xml(body)))
    assert _blocks(doc)[:2] == [("heading", "总则", None, None, None, None),  # no page breaks: pages unknown
                                ("paragraph", "第一条　为了规范收费行为，制定本办法。", None, None, None, None)]


def test_headings_by_style_name_or_inherited_outline_level(tmp_path: Path) -> None:
    d = docx.Document()
    chinese = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)  # WPS and Chinese Word name them so
    derived = d.styles.add_style("公文小标题", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = d.styles["Heading 1"]  # inherits outline level 0
    d.add_paragraph("一、总体要求", style=chinese)
    d.add_paragraph("（一）基本原则", style=derived)
    d.add_paragraph("坚持依法行政。", style=d.styles.add_style("正文缩进", WD_STYLE_TYPE.PARAGRAPH))
    d.save(tmp_path / "x.docx")
    assert [b[:2] for b in _blocks(read_file(tmp_path / "x.docx"))] == [
        ("heading", "一、总体要求"), ("heading", "（一）基本原则"), ("paragraph", "坚持依法行政。")]


def test_rendered_page_breaks_count_pages(notice: Path, tmp_path: Path) -> None:
    # Word's rendered breaks win over explicit ones, which they already account for.
    body = (f'<w:p>{_run("第一页")}</w:p>'
            f'<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            f'<w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>'
            f'<w:p><w:r><w:t>仍在第二页</w:t><w:lastRenderedPageBreak/><w:t>跨到第三页</w:t></w:r></w:p>'
            f'<w:p>{_run("第三页")}</w:p>')
    doc = read_file(_with_document_xml(notice, tmp_path / "x.docx", _document_xml(body)))
    assert [(t, page) for _, t, page, *_ in _blocks(doc) if page] == [
        ("第一页", 1), ("第二页", 2), ("仍在第二页跨到第三页", 2), ("第三页", 3)]


def test_explicit_breaks_count_pages_without_blank_ones(notice: Path, tmp_path: Path) -> None:
    # LibreOffice writes a page break and then page-break-before on the next paragraph: one new page.
    body = (f'<w:p>{_run("第一页")}<w:r><w:br/><w:br w:type="page"/></w:r>{_run("第二页")}</w:p>'
            f'<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            f'<w:p><w:pPr><w:pageBreakBefore/></w:pPr>{_run("第三页")}</w:p>'
            f'<w:p><w:pPr><w:sectPr/></w:pPr>{_run("第三页，节末")}</w:p>'
            f'<w:p>{_run("第四页")}</w:p>'
            f'<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr>{_run("仍在第四页")}</w:p>'
            f'<w:p>{_run("连续分节后")}</w:p>')
    doc = read_file(_with_document_xml(notice, tmp_path / "x.docx", _document_xml(body)))
    assert [(t, page) for _, t, page, *_ in _blocks(doc) if page] == [
        ("第一页", 1), ("第二页", 2), ("第三页", 3), ("第三页，节末", 3), ("第四页", 4), ("仍在第四页", 4),
        ("连续分节后", 4)]


def test_symbols_and_hyphens(notice: Path, tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:sym w:font="Wingdings" w:char="F0A8"/><w:t>同意</w:t>'
            '<w:softHyphen/><w:t>A</w:t><w:noBreakHyphen/><w:t>1</w:t></w:r></w:p>')
    doc = read_file(_with_document_xml(notice, tmp_path / "x.docx", _document_xml(body)))
    assert doc.text.split("\n")[0] == "□同意A-1"


def test_plain_text_named_docx_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "通知.docx"
    path.write_text("关于规范涉企收费的通知\n各区县市场监管局：\n", encoding="utf-8")
    doc = read_file(path)
    assert doc.format == "txt"
    assert doc.text == "关于规范涉企收费的通知\n各区县市场监管局："


def test_ooxml_named_doc_is_read_as_docx(notice: Path, tmp_path: Path) -> None:
    path = tmp_path / "通知.doc"
    path.write_bytes(notice.read_bytes())
    doc = read_file(path)
    assert doc.format == "docx"
    assert _blocks(doc) == EXPECTED_BLOCKS


def test_truncated_docx_is_corrupt(notice: Path, tmp_path: Path) -> None:
    data = notice.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == errors.CORRUPT
    with pytest.raises(ReadError) as caught:
        docx_reader.read(data[: len(data) // 2], str(path))
    assert caught.value.cause == errors.CORRUPT


def test_bad_xml_is_corrupt(notice: Path, tmp_path: Path) -> None:
    path = _with_document_xml(notice, tmp_path / "bad.docx", b"<w:document><w:body><w:p>")
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == errors.CORRUPT
    assert caught.value.path == str(path)


def _cell(text: str, props: str = "") -> str:
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p>{_run(text)}</w:p></w:tc>'


def test_table_rows_cells_nesting_and_content_controls(notice: Path, tmp_path: Path) -> None:
    nested = f'<w:tbl><w:tr>{_cell("甲")}{_cell("乙")}</w:tr></w:tbl>'
    span = '<w:gridSpan w:val="2"/>'
    body = (f'<w:tbl><w:tr>{_cell("序号")}{_cell("名称", span)}{_cell("")}</w:tr>'
            f'<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>{_cell("已删除的行")}</w:tr>'
            f'<w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
            f'{_cell("控件内")}<w:tc><w:p>{_run("外层")}</w:p>{nested}<w:p/></w:tc></w:tr></w:sdtContent></w:sdt>'
            f'</w:tbl><w:p>{_run("表后")}</w:p><w:tbl><w:tr>{_cell("第二表")}</w:tr></w:tbl>')
    doc = read_file(_with_document_xml(notice, tmp_path / "x.docx", _document_xml(body)))
    assert _blocks(doc)[:6] == [
        ("cell", "序号", None, 1, 1, 1),
        ("cell", "名称", None, 1, 1, 2),
        ("cell", "控件内", None, 1, 2, 2),
        ("cell", "外层\n甲\n乙", None, 1, 2, 3),
        ("paragraph", "表后", None, None, None, None),
        ("cell", "第二表", None, 2, 1, 1),
    ]


def test_page_numbers_left_out_as_furniture_never_body_text():
    """Page numbers in the footer (a PAGE field between dashes, a text box) and typed into the body, as WPS and
    conversions from print leave them, are not text; a figure alone and 第3条 in the body are."""
    d = docx.Document()
    for text in ("第一条　为了规范管理，制定本办法。", "–– 2 ––", "第二条　本办法自2024年1月1日起施行。", "— 5 —",
                 "- 3 -", "第 4 页 共 9 页", "3", "第3条"):
        d.add_paragraph(text)
    footer = d.sections[0].footer.paragraphs[0]
    footer.add_run("— ")
    _field(footer, " PAGE ", "1")
    footer.add_run(" —")
    _append(d.sections[0].footer.add_paragraph(), TEXT_BOX.replace("（此件公开发布）", "·7·"))
    d.sections[0].footer.add_paragraph("某某市人民政府办公室印发")
    out = BytesIO()
    d.save(out)
    doc = docx_reader.read(out.getvalue(), "t.docx")
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("paragraph", "第一条　为了规范管理，制定本办法。"), ("paragraph", "第二条　本办法自2024年1月1日起施行。"),
        ("paragraph", "3"), ("paragraph", "第3条"), ("footer", "某某市人民政府办公室印发")]


def _anchored_box(text: str, offset_pt: float) -> str:
    """A DrawingML text box placed `offset_pt` below the top of the page, as WPS writes the 版头 fields."""
    return (f'<w:r {W} {nsdecls("wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<w:drawing><wp:anchor><wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset>'
            f'</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{int(offset_pt * 12700)}</wp:posOffset>'
            "</wp:positionV><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
            f"<w:p>{_run(text)}</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></w:r>")


def _vml_box(text: str, style: str) -> str:
    return (f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="{style}"><v:textbox>'
            f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")


def test_wps_text_boxes_at_the_top_of_the_page_read_in_the_head_once():
    """WPS anchors the 份号, 密级 and 紧急程度 boxes to the signature: they belong where they are printed, at the top
    of the page, once. A box that moves with its paragraph stays after it; a symbol-font bullet is no text."""
    d = docx.Document()
    for text in ("某某市人民政府文件", "某政发〔2024〕3号", "某某市人民政府关于加强安全生产工作的通知", "各区人民政府：",
                 "\uf06c为了加强安全生产，现通知如下。", "某某市人民政府"):
        d.add_paragraph(text)
    p = d.add_paragraph("2024年3月1日")
    _append(p, _anchored_box("000123", 72))
    _append(p, _vml_box("机密★1年", "position:absolute;margin-top:90pt;mso-position-vertical-relative:page"))
    for _ in range(2):  # the same box twice
        _append(p, _vml_box("特急", "position:absolute;margin-left:10pt;top:1.5in;mso-position-vertical-relative:page"))
    _append(p, TEXT_BOX)  # placed relative to its paragraph
    out = BytesIO()
    d.save(out)
    doc = docx_reader.read(out.getvalue(), "t.docx")
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "000123", "机密★1年", "特急", "某某市人民政府文件", "某政发〔2024〕3号", "某某市人民政府关于加强安全生产工作的通知",
        "各区人民政府：", "为了加强安全生产，现通知如下。", "某某市人民政府", "2024年3月1日", "（此件公开发布）"]
    assert {b.page for b in doc.blocks} == {None}  # one page, but nothing in the file says so


def test_pages_unknown_without_any_page_break_so_no_page_is_printed():
    """A .docx without rendered or explicit page breaks (written by a tool, or never laid out) says nothing of
    its pages: the locations carry no page, and the memo prints 第2段, not 第1页第2段."""
    from reviewtools.terms import place

    d = docx.Document()
    for text in ("某某市人民政府关于加强安全生产工作的通知", "各区人民政府：") + ("为了加强安全生产，现通知如下。",) * 80:
        d.add_paragraph(text)
    out = BytesIO()
    d.save(out)
    doc = docx_reader.read(out.getvalue(), "t.docx")
    assert {b.page for b in doc.blocks} == {None}
    assert doc.blocks[1].location() == {"paragraph": 2}
    assert place(doc.blocks[1].location()) == "第2段"
