"""First pages of real documents, set as each format sets them (GB/T 9704-2012: the 份号/密级/紧急程度 lines, the
red issuer line, the 发文字号, a title in 二号 over as many lines as 22 characters to a line make, the 主送 line,
the body), to test title finding on .txt, .html, .docx, .pdf and .ofd alike.

Each head is our own transcription of a real document's 版头 — its title and 发文字号 exactly as the page we read
it from prints them (sources in tests/extract/test_title.py's PAGES, or given here); the body line under it is
our own. `shape` says how the head is set beyond the plain red head:
  "plain"    no issuer line (a title that starts with 关于, a portal copy),
  "secret"   份号, 密级 and 紧急程度 above the issuer line,
  "attached" an attached text: 附件N alone above its title, no head,
  "label"    a form's label before the title (文件标题：…),
  "spaced"   a short title letter-spaced (国 家 粮 食),
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO


@dataclass(frozen=True)
class Head:
    issuer: str | None  # the red issuer line (…文件), None for none
    number: str | None
    title: str
    shape: str = "red"


HEADS = [
    Head("山东省人民政府文件", "鲁政发〔2014〕20号", "山东省人民政府关于深化预算管理制度改革的实施意见"),
    Head("镇巴县人民政府文件", "镇政发〔2024〕7号", "镇巴县人民政府工作规则", "spaced"),
    Head("湖南省人民政府办公厅文件", "湘政办发〔2009〕24号", "湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知"),
    Head("牟定县人民政府办公室文件", "牟政办发〔2017〕46号", "牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知",
         "secret"),
    Head(None, None, "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知", "plain"),
    Head("上海市人民政府文件", "沪府发〔2017〕92号", "上海市人民政府印发《关于本市加强政务诚信建设的实施意见》的通知"),
    Head("北京市人民政府办公厅文件", "京政办发〔2016〕26号", "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知"),
    Head("东莞市人民政府文件", "东府〔2021〕54号", "东莞市人民政府关于贯彻落实《广东省进一步稳定和扩大就业若干政策措施》的实施意见"),
    Head(None, None, "清远市人民政府关于印发《清远市人民政府工作规则》的通知(2019修订)", "plain"),
    Head("贵州省国土资源厅文件", "黔国土资发〔2006〕83号", "关于推进矿产资源勘查规范探矿权延续登记有关问题的通知"),
    Head(None, None, "南京市人民政府关于对黄色环保标志及无环保标志的汽车实施限制通行措施的通告", "plain"),
    Head(None, None, "中华人民共和国公安部通告", "spaced"),
    Head("湖北省人民政府文件", "鄂政发〔2018〕26号", "省人民政府关于进一步优化营商环境的若干意见"),
    Head("国务院文件", "国发〔2023〕16号", "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见", "secret"),
    Head(None, None, "关于在公共服务领域推广政府和社会资本合作模式的指导意见", "plain"),
    Head(None, None, "铁岭市行政执法责任制规定", "attached"),
    Head("阿里地区行政公署文件", "阿行发〔2021〕42号", "阿里地区行政公署关于印发《阿里地区行政公署工作规则》的通知"),
    Head("河北省地理信息局文件", "冀地信〔2013〕17号", "关于印发《河北省地理信息局公文处理实施细则》的通知"),
    Head(None, None, "湖北省行政事业性收费管理办法", "attached"),
    Head(None, None, "济南市文化娱乐市场管理规定", "label"),
    Head("中共岳阳市委办公室\n岳阳市人民政府办公室文件", "岳办发〔2017〕2号",
         "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"),
    Head(None, None, "新昌县森林火灾事故应急预案", "attached"),
    Head("盐池县人民政府文件", "盐政发〔2017〕40号", "盐池县人民政府工作规则", "spaced"),
    Head("广安市广安区人民政府办公室文件", "广安区府办发〔2020〕26号",
         "广安市广安区人民政府办公室关于印发广安市广安区城市精细化管理实施细则的通知"),
    Head(None, None, "东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知", "plain"),
    Head(None, None, "化工建设项目优秀环境影响报告书评选办法", "attached"),
    Head(None, None, "厦门市新型墙体材料管理规定(2002年)", "label"),
    Head(None, None, "关于维护交通秩序的通告", "plain"),
    Head("浠水县人民政府文件", "浠政发〔2017〕1号", "县人民政府关于印发《浠水县人民政府工作规则》的通知"),
    Head(None, None, "临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知", "plain"),
    Head(None, None, "河北省人工影响天气管理规定", "attached"),
    Head(None, None, "泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知", "plain"),
    Head("安徽省人民政府文件", "皖政〔2001〕85号", "安徽省人民政府关于实施《国务院关于基础教育改革与发展的决定》的意见"),
    Head("济宁市人民政府文件", "济政字〔2021〕30号", "济宁市人民政府关于持续深化“市县同权”改革的实施意见", "secret"),
    Head("国务院办公厅文件", "国办函〔2004〕33号",
         "国务院办公厅关于印发《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的函"),
    # http://law81.infoeach.com/view-ODF8OTIzNzM=.html
    Head("中华人民共和国财政部文件", "财建〔2006〕689号", "财政部关于印发《中央预算内基建投资项目前期工作经费管理暂行办法》的通知"),
    Head(None, None, "中央预算内基建投资项目前期工作经费管理暂行办法", "attached"),
    # https://cnpre.com/sadclist/lawsshow_pi.php?id=10994
    Head("国务院文件", "国发〔2015〕68号", "国务院关于宣布失效一批国务院文件的决定"),
    # http://foodwifi.net/zcfg/201803/14933.html (the 2274 documents the province declared void)
    Head(None, None, "宣布失效的广东省人民政府文件目录", "attached"),
    # https://www.xiexiebang.com/a5/2019051317/ba1020eec3b01f7e.html
    Head(None, None, "规范性文件制定备案和清理制度", "label"),
]

PER_LINE = 22  # characters of 二号 type to a line of the 156 mm text block
ADDRESSEE = "各有关单位："
BODY = "现将有关事项通知如下，请认真贯彻执行。"


def title_lines(head: Head) -> list[str]:
    """The title as printed: broken every PER_LINE characters (lines as even as may be), or letter-spaced."""
    title = head.title
    if head.shape == "spaced":
        return [" ".join(title)]
    if head.shape == "label":
        return [f"文件标题：{title}"]
    count = -(-len(title) // PER_LINE)
    size = -(-len(title) // count)
    return [title[i:i + size] for i in range(0, len(title), size)]


def lines(head: Head, index: int) -> list[tuple[str, str]]:
    """(role, text) of the head's lines, top to bottom; role is one of secret, issuer, number, title, text."""
    out: list[tuple[str, str]] = []
    if head.shape == "secret":
        out += [("secret", f"{index + 1:06d}"), ("secret", "机密★1年"), ("secret", "特急")]
    if head.shape == "attached":
        out.append(("text", f"附件{index % 3 + 1}"))
    if head.issuer:
        out += [("issuer", part) for part in head.issuer.split("\n")]
    if head.number:
        out.append(("number", head.number))
    out += [("title", line) for line in title_lines(head)]
    if head.shape != "attached":
        out.append(("text", ADDRESSEE))
    out.append(("body", BODY))
    return out


# --- the formats ----------------------------------------------------------------------------------

def as_txt(head: Head, index: int) -> bytes:
    return "\n".join(text for _, text in lines(head, index)).encode("utf-8")


def as_html(head: Head, index: int) -> bytes:
    """As Word's "save as web page" or a portal's article body writes it: one <p> a line, styled."""
    style = {"issuer": ' style="color:#FF0000;text-align:center;font-size:26pt"', "number": ' align="center"',
             "title": ' align="center" style="font-size:22pt"', "secret": "", "text": "", "body": ""}
    body = "".join(f"<p{style[role]}>{text}</p>" for role, text in lines(head, index))
    return (f'<html><head><meta charset="utf-8"><title>政府信息公开</title></head><body><div class="article">{body}'
            "</div></body></html>").encode()


def as_docx(head: Head, index: int) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    sizes = {"issuer": 26, "title": 22}
    for role, text in lines(head, index):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(sizes.get(role, 16))
        if role == "issuer":
            run.font.color.rgb = RGBColor(0xFF, 0, 0)
        if role in ("issuer", "number", "title"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if role == "body":
            paragraph.paragraph_format.first_line_indent = Pt(32)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _placed(head: Head, index: int, width: float, top: float, scale: float):
    """(text, x, baseline, size, red) of every line, on a page `width` wide, in units of `scale` per point,
    y measured down from the top."""
    sizes = {"issuer": 26.0, "title": 22.0}
    left, y, out = 79 * scale, top, []
    for role, text in lines(head, index):
        size = sizes.get(role, 16.0) * scale
        y += size * (1.9 if role == "title" else 1.75)
        advance = sum(size * (0.5 if ch.isascii() else 1.0) for ch in text)
        if role in ("issuer", "number", "title"):
            x = (width - advance) / 2
        elif role == "secret":
            x = left
        else:
            x = left + (2 * size if role == "body" else 0)
        out.append((text, x, y, size, role == "issuer"))
    return out


def as_pdf(head: Head, index: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for text, x, y, size, red in _placed(head, index, width, 70.0, 1.0):
        c.setFillColorRGB(1, 0, 0) if red else c.setFillColorRGB(0, 0, 0)
        c.setFont("STSong-Light", size)
        c.drawString(x, height - y, text)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("STSong-Light", 14)
    c.drawCentredString(width / 2, 50, "- 1 -")
    c.showPage()
    c.save()
    return out.getvalue()


def as_ofd(head: Head, index: int) -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    objects = []
    for k, (text, x, y, size, red) in enumerate(_placed(head, index, 210.0, 25.0, 25.4 / 72)):
        deltas = " ".join(f"{size * (0.5 if ch.isascii() else 1.0):.3f}" for ch in text[:-1])
        color = "255 0 0" if red else "0 0 0"
        objects.append(f'<ofd:TextObject ID="{10 + k}" Boundary="{x:.2f} {y - size:.2f} {len(text) * size:.2f} '
                       f'{size * 1.3:.2f}" Font="3" Size="{size:.3f}"><ofd:FillColor Value="{color}"/>'
                       f'<ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{deltas}">{text}</ofd:TextCode></ofd:TextObject>')
    parts = {
        "OFD.xml": f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                              '</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" '
                              'BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{"".join(objects)}'
                                          "</ofd:Layer></ofd:Content></ofd:Page>",
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


FORMATS = {"txt": as_txt, "html": as_html, "docx": as_docx, "pdf": as_pdf, "ofd": as_ofd}
