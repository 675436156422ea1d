"""The one way HTML is made: Jinja2 templates under report/templates/, autoescaped, strict about names."""

import jinja2
import pytest

from reviewtools.report import pages


def test_every_template_compiles():
    names = pages.environment().list_templates()
    assert {"base.html", "memo/page.html", "memo/parts.html", "memo/index.html", "catalogue/list.html",
            "catalogue/document.html"} <= set(names)
    for name in names:
        pages.environment().get_template(name)


def test_text_from_a_document_is_escaped():
    page = pages.render("base.html", title='<script>alert(1)</script><img src=x onerror="x()">').decode()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;x()&#34;&gt;</title>" in page


def test_a_missing_name_is_an_error_not_an_empty_string():
    with pytest.raises(jinja2.UndefinedError):
        pages.render("base.html")
