"""Build examples/示例草案.docx, the bundled sample draft (our own composition, every name fictional).

It is written to show what a review finds: a local preference, a tax-linked reward, a penalty the
draft may not set, a renamed agency, a repealed law, a malformed 发文字号 and no 有效期.
Run: python scripts/make_example.py
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "examples" / "示例草案.docx"

PARAGRAPHS = [
    ("title", "示例市人民政府办公室关于印发《示例市促进民营经济高质量发展若干措施》的通知"),
    ("center", "示政办发[2026]05号"),
    ("body", "各区县人民政府，市政府各部门："),
    ("body", "经市政府同意，现将《示例市促进民营经济高质量发展若干措施》印发给你们，请认真贯彻执行。"),
    ("right", "示例市人民政府办公室"),
    ("right", "2026年10月8日"),
    ("title", "示例市促进民营经济高质量发展若干措施"),
    ("body", "为促进民营经济高质量发展，根据《中华人民共和国合同法》和有关法律法规，结合本市实际，制定本措施。"),
    ("body", "一、支持企业做大做强。对新落户本市的企业，按其缴纳增值税地方留成部分的50%给予奖励，连续奖励三年。"),
    ("body", "二、扩大本地产品应用。全市政府投资项目同等条件下优先采购本市企业生产的产品。"),
    ("body", "三、规范经营秩序。对未按规定报送统计数据的企业，由市统计局处以五千元以上一万元以下罚款。"),
    ("body", "四、优化准入服务。个体工商户申请营业执照的，由市工商行政管理局在三个工作日内办结。"),
    ("body", "五、加强政策保障。市财政每年安排专项资金，用于符合条件的各类市场主体的技术改造补助，补助标准和申报条件向社会公开。"),
    ("body", "六、本措施自2026年11月1日起施行。"),
]


def main() -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.font.size = Pt(16)
    for kind, text in PARAGRAPHS:
        p = doc.add_paragraph()
        run = p.add_run(text)
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
            run.font.name = "FZXiaoBiaoSong-B05S"
            run.element.rPr.rFonts.set(qn("w:eastAsia"), "方正小标宋简体")
        elif kind == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p.paragraph_format.first_line_indent = Pt(32)
    doc.core_properties.title = PARAGRAPHS[0][1]
    doc.core_properties.author = "reviewtools"
    OUT.parent.mkdir(exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
