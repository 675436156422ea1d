"""Plain text in every Chinese encoding, portal HTML, and the portal .txt copies among the seeds."""

from __future__ import annotations

import codecs

import pytest

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import read_bytes, read_file, sniff

SHORT = "关于加强安全生产工作的通知"
PARAGRAPHS = ["关于加强安全生产工作的通知", "各区人民政府：", "现就有关事项通知如下。"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_encoding_reads_back_exactly(encoding):
    data = "\n".join(PARAGRAPHS).encode(encoding)
    doc = read_bytes(data, f"draft.{encoding}.txt")
    assert doc.format == "txt"
    assert doc.text == "\n".join(PARAGRAPHS)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == PARAGRAPHS
    assert [b.paragraph for b in doc.blocks] == [1, 2, 3]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-16-le"])
def test_short_texts_are_detected_too(encoding):
    assert read_bytes(SHORT.encode(encoding), "t.txt").text == SHORT
    assert read_bytes("罚款".encode(encoding), "t.txt").text == "罚款"


def test_gbk_file_on_disk_with_wrong_suffix(tmp_path):
    path = tmp_path / "草案.docx"  # plain text saved under a .docx name
    path.write_bytes("\n".join(PARAGRAPHS).encode("gbk"))
    doc = read_file(path)
    assert doc.format == "txt"
    assert doc.text.splitlines() == PARAGRAPHS
    assert len(doc.sha256) == 64


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", codecs.BOM_UTF8 + "\u3000\n".encode()])
def test_empty_files_are_an_error(data):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "empty.txt")
    assert err.value.cause == errors.EMPTY
    assert "empty.txt" in err.value.line()


def test_sniff_by_content_not_suffix():
    assert sniff(b"%PDF-1.7\n...", "a.docx") == "pdf"
    assert sniff("<!DOCTYPE html><html><body>正文</body></html>".encode(), "a.txt") == "html"
    assert sniff("正文".encode(), "a.html") == "txt"


PORTAL_HTML = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>某市人民政府</title><script>var x = "<p>脚本</p>";</script></head>
<body>
<div class="top">用户名 密码 登录 注册</div>
<div class="nav"><a href="/">首页</a> <a>政务公开</a> <a>政策文件</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<table class="xxgk">
<tr><td>索引号：</td><td>11210200MB0000000X/2024-00012</td><td>主题分类：</td><td>市场监管</td></tr>
<tr><td>发布机构：</td><td>某市人民政府办公室</td><td>发文日期：</td><td>2024-03-05</td></tr>
<tr><td>标题：</td><td colspan="3">某市人民政府办公室关于印发某市促进消费若干措施的通知</td></tr>
<tr><td>文号：</td><td>某政办发〔2024〕3号</td><td>发布日期：</td><td>2024-03-08</td></tr>
</table>
<div class="fontsize">字体大小：【大】【中】【小】 打印本页 关闭窗口</div>
<div id="zoom" class="TRS_Editor">
<h1>某市人民政府办公室关于印发某市促进消费若干措施的通知</h1>
<p>某政办发〔2024〕3号</p>
<p>各区人民政府，市政府各部门：</p>
<p>　　经市政府同意，现将《某市促进消费若干措施》印发给你们，请认真贯彻执行。</p>
<p>某市人民政府办公室<br>2024年3月5日</p>
<p>某市促进消费若干措施</p>
<p>一、对在本市举办的大型促销活动给予支持。</p>
<table><tr><td>项目</td><td>标准</td></tr><tr><td>促销活动</td><td>10万元</td></tr></table>
<p>本措施自2024年4月1日起施行，有效期2年。</p>
</div>
<div class="share">分享到：微信 微博</div>
<div class="footer"><p>主办单位：某市人民政府办公室 承办单位：某市大数据中心</p>
<p>网站识别码：2102000002 辽ICP备05011492号 辽公网安备 21021102000203号</p>
<p>版权所有 © 某市人民政府</p></div>
</body></html>"""


def test_portal_html_keeps_the_article_and_reads_the_metadata_table():
    doc = read_bytes(PORTAL_HTML.encode("gb18030"), "page.html")
    assert doc.format == "html"
    assert doc.portal == {
        "索引号": "11210200MB0000000X/2024-00012", "主题分类": "市场监管", "发布机构": "某市人民政府办公室",
        "成文日期": "2024-03-05", "标题": "某市人民政府办公室关于印发某市促进消费若干措施的通知",
        "发文字号": "某政办发〔2024〕3号", "发布日期": "2024-03-08",
    }
    assert doc.text.splitlines() == [
        "某市人民政府办公室关于印发某市促进消费若干措施的通知",
        "某政办发〔2024〕3号",
        "各区人民政府，市政府各部门：",
        "经市政府同意，现将《某市促进消费若干措施》印发给你们，请认真贯彻执行。",
        "某市人民政府办公室",
        "2024年3月5日",
        "某市促进消费若干措施",
        "一、对在本市举办的大型促销活动给予支持。",
        "项目", "标准", "促销活动", "10万元",
        "本措施自2024年4月1日起施行，有效期2年。",
    ]
    assert doc.blocks[0].kind == "heading"
    cells = [(b.table, b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "cell"]
    assert cells == [(1, 1, 1, "项目"), (1, 1, 2, "标准"), (1, 2, 1, "促销活动"), (1, 2, 2, "10万元")]
    for junk in ("用户名", "当前位置", "字体大小", "主办单位", "ICP", "公网安备", "版权", "分享到", "脚本"):
        assert junk not in doc.text


BOILERPLATE = ("用户名", "密码", "当前位置", "字体大小", "主办单位", "ICP", "公网安备", "版权", "网站识别码")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_survives_in_the_seeds(prefix):
    from tests.conftest import seed

    doc = read_file(seed(prefix))
    for junk in BOILERPLATE:
        assert junk not in doc.text, junk
    assert all(doc.text[b.start:b.end] == doc.text[b.start:b.end].strip() for b in doc.blocks)


def test_seed_portal_metadata_is_read():
    from tests.conftest import seed

    assert read_file(seed("002")).portal == {
        "索引号": "772330499/2020-76839", "组配分类": "计划总结", "发布机构": "区文化和广电旅游体育局",
        "成文日期": "2020-03-30", "公开方式": "主动公开", "公开范围": "面向全社会"}
    assert read_file(seed("004")).portal == {
        "索引号": "01236931-5/2020-11574", "发布机构": "上党区文化和旅游局",
        "标题": "上党区文旅局行政执法公示制度执法全过程记录制度重大执法 决策法制审核制度工作实施方案", "主题分类": "文化"}
    assert read_file(seed("000")).portal == {"发布日期": "2017-06-26", "来源": "局办公室"}


SAVED_PAGE = """<html><head><meta charset="utf-8"></head><body>
<div class="crumb">您当前所在位置：<a>首页</a> &gt; <a>政策文件</a></div>
<table><tr><td>索引号：</td><td>001008003/2024-00017</td><td>责任部门：</td><td>某县市场监督管理局</td></tr>
<tr><td>文号：</td><td>某市监〔2024〕2号</td><td>生成日期：</td><td>2024-05-06</td></tr></table>
<div class="date">2024-05-06 【字体：大 中 小】</div>
<div class="content"><span style="font-size:16pt">某县市场监督管理局关于规范经营行为的通知<br>各乡镇人民政府：<br>
为规范经营行为，现就有关事项通知如下：<br>一、经营者应当依法经营。<br><font>二、经营者应当明码标价。</font><br>
某县市场监督管理局<br>2024年5月6日</span></div>
<div class="dialog">您即将离开本网站，是否继续？<a>确定</a> <a>取消</a></div>
<div class="footer">主办：某县人民政府办公室　承办：某县大数据中心　技术支持：某公司</div>
</body></html>"""

WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15"></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><span style='font-size:22.0pt'>某市人民政府关于<br>印发管理办法的通知<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-size:16.0pt'>各区人民政府：<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt'>现将《某市管理办法》印发给你们，
请认真贯彻执行。<o:p></o:p></span></p>
</div></body></html>"""


def test_saved_portal_page_keeps_its_paragraphs_and_drops_the_site():
    """Paragraphs set apart by <br> inside a <span> are paragraphs; the breadcrumb, date bar, a dialog and the
    主办/承办 footer are the site; the 索引号/责任部门 table is metadata."""
    from reviewtools.extract.metadata import extract

    doc = read_bytes(SAVED_PAGE.encode(), "page.html")
    assert doc.text.splitlines() == [
        "某县市场监督管理局关于规范经营行为的通知", "各乡镇人民政府：", "为规范经营行为，现就有关事项通知如下：",
        "一、经营者应当依法经营。", "二、经营者应当明码标价。", "某县市场监督管理局", "2024年5月6日"]
    assert doc.portal == {"索引号": "001008003/2024-00017", "发布机构": "某县市场监督管理局",
                          "发文字号": "某市监〔2024〕2号", "发布日期": "2024-05-06"}
    meta = extract(doc)
    assert meta.title.value == "某县市场监督管理局关于规范经营行为的通知"


def test_word_save_as_web_page_source_line_breaks_are_no_spaces():
    from reviewtools.extract.metadata import extract

    doc = read_bytes(WORD_PAGE.encode(), "page.htm")
    assert doc.text.splitlines() == ["某市人民政府关于", "印发管理办法的通知", "各区人民政府：",
                                     "现将《某市管理办法》印发给你们，请认真贯彻执行。"]
    assert extract(doc).title.value == "某市人民政府关于印发管理办法的通知"


def test_metadata_lines_in_every_shape_and_lines_that_only_look_like_them():
    from reviewtools.ingest.portal import metadata_pairs

    assert metadata_pairs("| 索引号:01236931-5/2020 | |", head=False) == [("索引号", "01236931-5/2020")]
    assert metadata_pairs("||  文号：| 大政发〔2020〕3号 |", head=False) == [("文号", "大政发〔2020〕3号")]
    assert metadata_pairs("||  文号 | 大政发〔2020〕3号 |", head=False) is None  # no colon: no key
    assert metadata_pairs("| | 时间 ： | 2020 |", head=False) == [("时间", "2020")]
    assert metadata_pairs("  发布时间 : 2016-07-14 10:38:42    编辑 : 本站编辑", head=False) == [
        ("发布时间", "2016-07-14 10:38:42"), ("编辑", "本站编辑")]
    assert metadata_pairs("\u3000时间:2017-06-26\u3000作者:超管", head=False) == [("时间", "2017-06-26"), ("作者", "超管")]
    assert metadata_pairs("成文日期：2020年3月1日", head=True) == [("成文日期", "2020年3月1日")]
    assert metadata_pairs("成文日期：2020年3月1日", head=False) is None  # a lone pair after the head is text
    assert metadata_pairs("现将有关事项通知如下：", head=True) is None
    assert metadata_pairs("附件 索引号：1", head=True) is None


def test_metadata_row_with_one_space_before_each_key_is_split_into_its_pairs():
    doc = read_bytes("关于印发某县农村建房管理办法的通知\n发布时间：2023-03-01 来源：县政府办 文号：某政发(2023)5号\n"
                     "各乡镇人民政府：现将办法印发给你们。\n".encode(), "x.txt")
    assert doc.portal == {"发布日期": "2023-03-01", "来源": "县政府办", "发文字号": "某政发(2023)5号"}
    assert "发布时间" not in doc.text


@pytest.mark.parametrize("label", ["文件字号", "发文编号", "字号"])
def test_a_number_labelled_as_some_portals_label_it_is_the_portal_number_not_page_furniture(label):
    doc = read_bytes(f"关于印发某县农村建房管理办法的通知\n{label}：某政发〔2023〕5号\n各乡镇人民政府：现将办法印发给你们。\n".encode(),
                     "x.txt")
    assert doc.portal == {"发文字号": "某政发〔2023〕5号"}
    furniture = read_bytes("关于某事的通知\n字号：大 中 小\n正文。\n".encode(), "y.txt")
    assert "字号：大 中 小" not in furniture.text and furniture.portal == {}


@pytest.mark.parametrize(("text", "threshold", "expected"), [
    ("关于印发　ＡＢ办法的通知\n第一条 本办法自2024年1月1日起施行。", 0.3, True),
    ("Notice of the 2024 plan, ABC。", 0.3, False),  # common characters, but too few 汉字
    ("关于印发办法的通知ÿÿÿ", 0.3, False),  # 3 of 12 visible characters are neither CJK nor ASCII
    (" \n\u3000", 0.3, False),  # nothing visible
])
def test_chinese_looking_text_told_by_its_visible_characters(text, threshold, expected):
    from reviewtools.ingest.decode import _mostly_chinese

    assert _mostly_chinese(text, threshold) is expected


@pytest.mark.parametrize("dirty", ["", "\x07", "\ue000\ue001"])
def test_builder_adds_many_pieces_as_it_adds_each(dirty):
    from reviewtools.document import Builder

    pieces = [("  标题  ", "heading", None, None, None), ("", "paragraph", None, None, None),
              (f"第一段{dirty}正文", "paragraph", None, None, None), ("表格", "cell", 1, 2, 3), ("页脚", "footer", None, None, None)]
    one, many = Builder(), Builder()
    for text, kind, table, row, cell in pieces:
        one.add(text, kind, table=table, row=row, cell=cell)
    many.add_all(pieces)
    assert many.build("a.txt", "txt").to_dict() == one.build("a.txt", "txt").to_dict()
