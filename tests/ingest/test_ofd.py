"""OFD reader: small OFD packages written here by hand (GB/T 33190 structure), and real ones in fixtures/."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr, ofd, read_bytes

NS = "http://www.ofdspec.org/2016"
SIZE, TITLE_SIZE = 5.6, 7.8  # mm: 三号 body, 二号 title
LEFT, PER_LINE, PITCH = 28.0, 27, 10.0  # 27 characters of 5.6 mm fill the 151.2 mm text width
HEADER = "某某市人民政府行政规范性文件"

TITLE = ("某某市人民政府关于", "印发管理办法的通知")  # one line, drawn as two objects
PARAGRAPHS = [
    "各县（市、区）人民政府，市政府各部门：",
    "现将《某某市行政规范性文件管理办法》印发给你们，请认真贯彻执行。执行中遇到的问题，请及时向市司法局反映。",
    "第一条　为加强行政规范性文件管理，推进依法行政，根据有关法律法规和国家有关规定，结合本市实际，制定本办法。"
    "本办法所称行政规范性文件，是指除政府规章外，由行政机关依照法定权限、程序制定并公开发布的公文。",
    "第二条　行政规范性文件不得增加法律、法规规定之外的行政权力事项或者减少法定职责。",
    "第三条　本办法自2024年1月1日起施行。",
]
PAGE1_LINES = 6  # the 第一条 paragraph runs on from page 1 to page 2


def _lines() -> list[tuple[int, float, str]]:
    """(paragraph, x, text) per printed line: first lines indented two characters (not the 主送 line)."""
    out = []
    for n, text in enumerate(PARAGRAPHS):
        x, width = LEFT + (2 * SIZE if n else 0), PER_LINE - (2 if n else 0)
        while text:
            out.append((n, x, text[:width]))
            text, x, width = text[width:], LEFT, PER_LINE
    return out


def _text_object(oid: int, x: float, baseline: float, text: str, size: float = SIZE, *, p: str = "ofd:",
                 plain_delta: bool = False, ctm: float = 1.0) -> str:
    """A TextObject whose glyphs start at (x, baseline); with ctm != 1 drawn in a space scaled by 1/ctm."""
    unit = size / ctm
    delta = " ".join([str(unit)] * (len(text) - 1)) if plain_delta else f"g {len(text) - 1} {unit}"
    matrix = f' CTM="{ctm} 0 0 {ctm} 0 0"' if ctm != 1.0 else ""
    return (f'<{p}TextObject ID="{oid}"{matrix} Boundary="{x} {baseline - 2} {len(text) * size} {size + 2}" '
            f'Font="3" Size="{unit}"><{p}FillColor Value="0 0 0"/>'
            f'<{p}TextCode X="0" Y="{2 / ctm}" DeltaX="{delta}">{text}</{p}TextCode></{p}TextObject>')


def _line_objects(lines, top: float, first_id: int, *, p: str) -> list[str]:
    """Each line as TextObjects; long lines in three pieces written out of order, one with a CTM."""
    objects = []
    for k, (_, x, line) in enumerate(lines):
        y, oid = top + k * PITCH, first_id + 3 * k
        if len(line) > 12:
            objects += [_text_object(oid, x + 12 * SIZE, y, line[12:], p=p, plain_delta=True),
                        _text_object(oid + 1, x, y, line[:5], p=p),
                        _text_object(oid + 2, x + 5 * SIZE, y, line[5:12], p=p, ctm=0.5)]
        else:
            objects.append(_text_object(oid, x, y, line, p=p))
    return objects


def _page_xml(objects: list[str], *, p: str = "ofd:", template: bool = True) -> str:
    xmlns = f'xmlns:ofd="{NS}"' if p == "ofd:" else ""
    use = f'<{p}Template TemplateID="100" ZOrder="Background"/>' if template else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}Page {xmlns}>{use}'
            f"<{p}Area><{p}PhysicalBox>0 0 210 297</{p}PhysicalBox></{p}Area>"
            f'<{p}Content><{p}Layer ID="2">{"".join(objects)}</{p}Layer></{p}Content></{p}Page>')


def _in_unit(objects: list[str], dx: float, dy: float, k: float) -> str:
    """The objects as drawn inside a composite unit that is placed at (dx, dy) and scaled by k: each object's
    origin moved and its CTM divided by k, so that the page shows them where they were."""
    def move(obj: str) -> str:
        boundary = re.search(r'Boundary="([^"]+)"', obj)
        x, y, w, h = map(float, boundary.group(1).split())
        obj = obj.replace(boundary.group(0), f'Boundary="{(x - dx) / k} {(y - dy) / k} {w / k} {h / k}"')
        ctm = re.search(r' CTM="([^"]+)"', obj)
        scale = float(ctm.group(1).split()[0]) if ctm else 1.0
        moved = f' CTM="{scale / k} 0 0 {scale / k} 0 0"'
        return obj.replace(ctm.group(0), moved) if ctm else obj.replace(" Boundary=", moved + " Boundary=", 1)
    return "".join(map(move, objects))


def _unit(uid: int, content: str, p: str = "ofd:") -> str:
    return (f'<{p}CompositeGraphicUnit ID="{uid}" Width="210" Height="297"><{p}Content>{content}</{p}Content>'
            f"</{p}CompositeGraphicUnit>")


def _res(units: str, p: str = "ofd:") -> str:
    xmlns = f'xmlns:ofd="{NS}"' if p == "ofd:" else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}Res {xmlns} BaseLoc="Res">'
            f"<{p}CompositeGraphicUnits>{units}</{p}CompositeGraphicUnits></{p}Res>")


def make_ofd(*, variant: str | None = None) -> bytes:
    """Two pages: page 1 namespaced (ofd:) with its objects in reverse order, page 2 without namespace;
    a template draws the running header, each page has a page number at the bottom."""
    lines = _lines()
    title = [_text_object(10, LEFT + 8, 40, TITLE[0], TITLE_SIZE),
             _text_object(11, LEFT + 8 + len(TITLE[0]) * TITLE_SIZE, 40, TITLE[1], TITLE_SIZE)]
    page1 = title + _line_objects(lines[:PAGE1_LINES], 60, 20, p="ofd:")
    page1.append(_text_object(90, 98, 280, "- 1 -", 4.9))
    page2 = _line_objects(lines[PAGE1_LINES:], 40, 200, p="")
    page2.append(_text_object(290, 98, 280, "- 2 -", 4.9, p=""))
    parts = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                              "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>"
                              "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                              '<ofd:TemplatePage ID="100" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                              '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              '<ofd:Page ID="2" BaseLoc="/Doc_0/Pages/Page_1/Content.xml"/></ofd:Pages>'
                              "</ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": _page_xml(page1[::-1]),
        "Doc_0/Pages/Page_1/Content.xml": _page_xml(page2, p=""),
        "Doc_0/Tpls/Tpl_0/Content.xml": _page_xml([_text_object(500, 60, 15, HEADER, 3.7)], template=False),
    }
    if variant == "scan":  # every page just an image
        image = '<ofd:ImageObject ID="7" Boundary="0 0 210 297" ResourceID="8"/>'
        parts["Doc_0/Pages/Page_0/Content.xml"] = _page_xml([image], template=False)
        parts["Doc_0/Pages/Page_1/Content.xml"] = _page_xml([image], template=False)
    elif variant == "xml":
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"][:-20]
    elif variant == "page":
        del parts["Doc_0/Pages/Page_1/Content.xml"]
    elif variant == "bullet":  # a Wingdings bullet (U+F06C) before 第二条
        parts["Doc_0/Pages/Page_1/Content.xml"] = parts["Doc_0/Pages/Page_1/Content.xml"].replace(">第二条", ">\uf06c第二条")
    elif variant == "composite":
        # Page 1: the body in a unit of DocumentRes, drawn at half scale, itself drawn by a unit of PublicRes;
        # page 2: everything in a unit of the page's own PageRes.
        outer = '<ofd:CompositeObject ID="901" ResourceID="51" Boundary="5 7 100 150" CTM="2 0 0 2 0 0"/>'
        parts["Doc_0/Pages/Page_0/Content.xml"] = _page_xml([*title, outer])
        parts["Doc_0/DocumentRes.xml"] = _res(_unit(51, _in_unit(page1[len(title):], 5, 7, 2)
                                                    + '<ofd:CompositeObject ID="903" ResourceID="52" '
                                                      'Boundary="-2.5 -3.5 105 148.5" CTM="0.5 0 0 0.5 0 0"/>'))
        parts["Doc_0/PublicRes.xml"] = _res(_unit(52, '<ofd:CompositeObject ID="904" ResourceID="51" '
                                                      'Boundary="0 0 1 1"/>'))  # a cycle, not drawn
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].replace(
            "<ofd:TemplatePage", "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml"
                                 "</ofd:DocumentRes><ofd:TemplatePage")
        parts["Doc_0/Pages/Page_1/Content.xml"] = _page_xml(
            ['<CompositeObject ID="902" ResourceID="61" Boundary="0 0 210 297"/>'], p="").replace(
            "<Template ", "<PageRes>Res.xml</PageRes><Template ")
        parts["Doc_0/Pages/Page_1/Res.xml"] = _res(_unit(61, "".join(page2), p=""), p="")
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def _expected_pages() -> list[int]:
    first = {}
    for k, (n, _, _) in enumerate(_lines()):
        first.setdefault(n, 1 if k < PAGE1_LINES else 2)
    return [first[n] for n in range(len(PARAGRAPHS))]


def test_text_in_reading_order_with_pages():
    doc = ofd.read(make_ofd(), "t.ofd")
    body = doc.text[:doc.body_end]
    assert body == "\n".join(["".join(TITLE), *PARAGRAPHS])
    blocks = [(b.kind, b.page) for b in doc.blocks if b.kind in ("heading", "paragraph")]
    assert blocks == [("heading", 1)] + [("paragraph", p) for p in _expected_pages()]
    assert _expected_pages() == [1, 1, 1, 2, 2]
    assert doc.pages == 2 and doc.format == "ofd"


def test_text_drawn_by_composite_objects_read_where_it_is_drawn():
    """Some writers put the text in CompositeGraphicUnits (resources) that the page draws by CompositeObject."""
    doc = ofd.read(make_ofd(variant="composite"), "t.ofd")
    assert doc.text[:doc.body_end] == "\n".join(["".join(TITLE), *PARAGRAPHS])
    blocks = [(b.kind, b.page) for b in doc.blocks if b.kind in ("heading", "paragraph")]
    assert blocks == [("heading", 1)] + [("paragraph", p) for p in _expected_pages()]
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text


def test_symbol_font_glyphs_in_the_private_use_area_left_out():
    doc = ofd.read(make_ofd(variant="bullet"), "t.ofd")
    assert doc.text[:doc.body_end] == "\n".join(["".join(TITLE), *PARAGRAPHS])


def test_template_header_and_page_numbers_kept_out_of_body():
    doc = ofd.read(make_ofd(), "t.ofd")
    assert HEADER not in doc.text[:doc.body_end]
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    furniture = [(b.kind, b.page, doc.text[b.start:b.end]) for b in doc.blocks if b.kind in ("header", "footer")]
    assert furniture == [("header", 1, HEADER)]


def test_through_dispatcher():
    doc = read_bytes(make_ofd(), "t.ofd")
    assert doc.format == "ofd" and len(doc.sha256) == 64
    assert doc.text.startswith("".join(TITLE) + "\n" + PARAGRAPHS[0] + "\n")


@pytest.mark.parametrize("broken", ["xml", "page"])
def test_broken_ofd_is_corrupt(broken):
    with pytest.raises(ReadError) as info:
        ofd.read(make_ofd(variant=broken), "t.ofd")
    assert info.value.cause == errors.CORRUPT


def test_image_only_ofd_is_scanned(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)  # with the extra: tests/ingest/test_ocr.py
    with pytest.raises(ReadError) as info:
        ofd.read(make_ofd(variant="scan"), "t.ofd")
    assert info.value.cause == errors.SCANNED


def test_broken_ofd_through_dispatcher_is_corrupt():
    with pytest.raises(ReadError) as info:
        read_bytes(make_ofd(variant="xml"), "t.ofd")
    assert info.value.cause == errors.CORRUPT


def test_delta_x_shorthand():
    assert ofd._advances("g 3 5.6 2.8", "一二三四五", 5.6) == [5.6, 5.6, 5.6, 2.8, 5.6]
    assert ofd._advances(None, "一a", 4.0) == [4.0, 2.0]


def test_lenient_with_writers_that_stray_from_the_standard():
    """A lowercase size attribute, a colour given as a child element, no namespace at all."""
    from lxml import etree

    page = etree.fromstring(
        '<Page><Content><Layer><TextObject ID="1" size="2" Boundary="10 20 8 2">'
        "<FillColor><Value>255 0 0</Value></FillColor>"
        '<TextCode X="0" Y="2" DeltaX="g 3 2">某某文件</TextCode></TextObject></Layer></Content></Page>')
    (run,) = ofd._runs(page, None, [])
    assert (run.text, run.x0, run.x1, run.baseline, run.size, run.red) == ("某某文件", 10.0, 18.0, 22.0, 2.0, True)


FIXTURES = Path(__file__).parent / "fixtures"


def test_real_ofd_with_its_text_in_composite_units_is_read():
    """A journal article from ofdrw's test resources: every character sits in a CompositeGraphicUnit."""
    doc = read_bytes((FIXTURES / "ofdrw-cnki-article-composite.ofd").read_bytes(), "y.ofd")
    assert doc.pages == 3 and sum(not ch.isspace() for ch in doc.text) == 4771
    assert doc.text.startswith("数字档案室建设是《关于加强和改进新形势下档案工作的意见》和《国家电子文件管理“十三五”规划》作出的")
    assert "勇立潮头 真抓实干建设新时代海关数字档案室" in doc.text


def test_real_ofd_in_three_columns_reads_each_column_down_then_the_next():
    """Page 1 of the CNKI article: three columns whose lines share baselines (one row across the page each), the
    left and right ones narrowed beside a photo whose caption straddles a gutter; paragraphs run on from one
    column into the next."""
    doc = read_bytes((FIXTURES / "ofdrw-cnki-article-composite.ofd").read_bytes(), "y.ofd")
    paragraphs = [doc.text[b.start:b.end] for b in doc.blocks if b.page == 1 and b.kind == "paragraph"]
    assert not any(b.kind == "cell" for b in doc.blocks)
    assert paragraphs[8:14] == [
        "三大趋势，迎来机遇",
        "习近平总书记多次对档案工作作出重要指示批示，为做好新形势下档案工作指明了发展方向。因此，顺应数字化、规范化、"
        "智能化的发展趋势，建设海关数字档案室，既是落实党和国家对新形势下档案工作指示要求的重要途径，也是海关档案工作发展的"
        "必然选择。",
        "1.数字化",
        "当机关的数字档案信息成为其档案的主要形态时，就必须建设数字档案室。当前，海关总署全面深化改革的力度和范围空前，"
        "政务和业务无纸化进程中不断出现新类型、新载体的档案资源，增加了档案业务需求的不确定性和多变性，这迫切需要建设数字"
        "档案室，进一步提高海关档案信息化建设的适应能力和管理水平。",
        "2.规范化",
        paragraphs[13],
    ]
    assert paragraphs[7].startswith("当前，随着信息技术的飞速发展和“互联网+”的无限延伸，数字化、网络化、信息化已深刻影响着")
    assert paragraphs[7].endswith("并在2017年被国家档案局批准为“全国示范数字档案室”，成为全国首家获此称号的机关档案室。")
    assert paragraphs[13].startswith("从海关数字档案资源现状来看，各级海关的各类档案信息尚未有机整合，")
    assert paragraphs[14] == "海关总署大楼"  # the caption, after the columns it straddles


def test_real_receipt_form_title_after_its_label_and_number_over_two_lines():
    from reviewtools.extract.metadata import extract

    meta = extract(read_bytes((FIXTURES / "ofdrw-receipt-form.ofd").read_bytes(), "signout.ofd"))
    assert meta.title.value == "市委主要领导同志调研后续落实事项的通知"
    assert meta.doc_number.value == "府办专督〔2020〕24号"


def test_real_red_head_reply():
    from reviewtools.extract.metadata import extract

    doc = read_bytes((FIXTURES / "ofdrw-red-head-reply.ofd").read_bytes(), "n.ofd")
    meta = extract(doc)
    assert (meta.title.value, meta.doc_number.value, meta.issued_on.value) == (
        "关于同意张阿三同志辞职的批复", "路卫发〔2011〕76号", "2011-03-10")
    assert doc.text.splitlines()[3:5] == ["区中医院：", "你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。"]
