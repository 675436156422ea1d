"""The sample draft and a revision of it, as an officer would send back: two findings fixed, one new."""

from __future__ import annotations

import io

import docx

from tests.web.workbench import SAMPLE

FIXED_LAW = "根据《中华人民共和国民法典》和有关法律法规"
NEW_CLAUSE = "七、外地企业参与本市项目投标的，须在本市设立分支机构。"


def revised() -> bytes:
    """The sample with the repealed 合同法 replaced by 民法典, the local-goods clause struck out and a clause
    requiring a local branch added."""
    d = docx.Document(str(SAMPLE))
    paragraphs = d.paragraphs
    basis = paragraphs[7]
    basis.text = basis.text.replace("根据《中华人民共和国合同法》和有关法律法规", FIXED_LAW)
    struck = paragraphs[9]._element
    struck.getparent().remove(struck)
    d.add_paragraph(NEW_CLAUSE)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
