"""A hostile title, quote and file name through every memo writer: rendered as text, never as HTML, a link,
an image, terminal escapes or rich markup; 疑似 findings listed apart with their score."""

from __future__ import annotations

import io

from markdown_it import MarkdownIt
from rich.console import Console

from reviewtools.analyze import Analysis
from reviewtools.findings import Finding
from reviewtools.ingest import read_bytes
from reviewtools.report.memo import html, markdown, terminal
from reviewtools.review import Review
from tests.drafts import SETTINGS

TITLE = '关于<script>alert(1)</script><img src=x onerror=alert(2)>[点此](javascript:alert(3))![x](http://e/x.png)[/]的办法'
TEXT = f"{TITLE}\n第一条 本地企业<b>优先</b>参与。\n第二条 外地企业须在本区注册。\n"
NAME = "a\x1b[2Jb\u202etxt.txt"


def hostile_review() -> Review:
    doc = read_bytes(TEXT.encode("utf-8"), NAME)
    t = doc.text
    quote = "本地企业<b>优先</b>参与"
    rule = Finding("competition.test", "competition", "error", "规则意见", "问题 [red]x[/red]", quote,
                   t.index(quote), t.index(quote) + len(quote), {"paragraph": 2}, "依据", "建议")
    quote2 = "外地企业须在本区注册"
    suspected = Finding("competition.suspected_flow", "competition", "warning", "疑似限制商品、要素自由流动（模型提示）",
                        "疑似（模型评分 0.93，阈值 0.80）", quote2, t.index(quote2), t.index(quote2) + len(quote2),
                        {"paragraph": 3}, "依据", "建议", score=0.93)
    return Review(Analysis(doc, SETTINGS), [suspected, rule])


def test_markdown_memo_renders_the_hostile_title_as_text():
    md = markdown.render(hostile_review()).decode("utf-8")
    page = MarkdownIt("commonmark").render(md)
    assert "<script" not in page and "<img" not in page and "<a " not in page and "<b>" not in page
    assert "<h1>关于《abtxt》的合法性审查意见书</h1>" in page  # no title recognized: the file name, cleaned
    assert "本地企业&lt;b&gt;优先&lt;/b&gt;参与" in page
    assert "\x1b" not in md and "\u202e" not in md


def test_markdown_memo_lists_suspected_findings_apart_with_their_score():
    md = markdown.render(hostile_review()).decode("utf-8")
    rules, apart = md.split("## 模型提示的疑似问题（供参考，需人工判断）")
    assert "### 1. 规则意见（严重，公平竞争）" in rules and "疑似限制" not in rules
    assert "### 2. 疑似限制商品、要素自由流动（模型提示）（疑似，公平竞争，模型评分 0.93）" in apart


def test_html_memo_escapes_and_sets_suspected_apart():
    page = html.render(hostile_review()).decode("utf-8")
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    rules, apart = page.split('<section id="suspected">')
    assert "规则意见" in rules and "疑似限制" not in rules.split('<section id="text">')[0]
    assert "<dt>模型评分</dt><dd>0.93</dd>" in apart


def test_terminal_prints_hostile_names_and_markup_as_text(monkeypatch):
    buffer = io.StringIO()
    monkeypatch.setattr(terminal, "console", lambda: Console(file=buffer, width=200, highlight=False, soft_wrap=True))
    terminal.show(hostile_review())
    out = buffer.getvalue()
    assert "\x1b" not in out and "\u202e" not in out
    assert " abtxt.txt " in out and "原文：“本地企业<b>优先</b>参与”" in out and "问题：问题 [red]x[/red]" in out
    assert out.index("1. [严重] 规则意见") < out.index("模型提示的疑似问题") < out.index("2. [疑似 · 模型评分 0.93]")


def test_screening_form_shows_suspected_as_such_with_the_score():
    from reviewtools.report.screening import form
    from reviewtools.screening import screen

    answer = {a.standard.key: a for a in screen(hostile_review()).answers}["9.2"]
    assert answer.mark == "疑似（模型提示）"
    assert form.mark(answer) == "☐涉及\n☑疑似（模型提示）\n☐不涉及"
    assert form.hit_lines(answer) == ["“外地企业须在本区注册”（第3段；疑似限制商品、要素自由流动（模型提示）；模型评分 0.93，供参考）"]
