"""Two years of cleanup: this year's published catalogue, read back as next year's previous catalogue, matches
every document it lists (no spurious 新增 or 移出), and lists only public particulars."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from reviewtools import cleanup
from reviewtools.cleanup.catalogue import catalogue_data
from reviewtools.cli import main
from tests import cleanup_batch as batch

NEXT_YEAR = batch.YEAR + 1


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_years")
    docs = batch.build(folder / "docs")
    db = folder / "r.sqlite"
    cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    out = folder / "目录"
    result = CliRunner().invoke(main, ["catalogue", "--year", str(batch.YEAR), "-o", str(out), "--db", str(db),
                                       "--office", "某县人民政府"])
    assert result.exit_code == 0, result.output
    return folder, docs, catalogue_data(db, batch.YEAR, texts=False), out


@pytest.mark.parametrize("name", [f"catalogue-{batch.YEAR}.xlsx", f"catalogue-{batch.YEAR}-valid.csv"])
def test_next_years_cleanup_matches_every_listed_document(published, tmp_path, name):
    folder, docs, first, out = published
    assert len(first.valid) > 20 and not first.untitled
    result = cleanup.run(docs, NEXT_YEAR, date(NEXT_YEAR, 11, 22), db=tmp_path / "next.sqlite", workers=1,
                         previous=out / name)
    assert result.previous_rows == len(first.valid)
    second = catalogue_data(tmp_path / "next.sqlite", NEXT_YEAR, texts=False)
    listed_before = {e.doc_key for e in first.valid}
    added = [c for c in second.changes if c.kind == "added"]
    # only documents that were not valid last year can be new to the list: nothing listed is read as new
    assert not [c for c in added if c.doc_key in listed_before]
    assert not [c for c in second.changes if c.kind == "removed"]  # every row found its document


def test_the_published_list_shows_no_internal_decision(published):
    _, _, first, out = published
    ws = openpyxl.load_workbook(out / f"catalogue-{batch.YEAR}.xlsx")["现行有效目录"]
    cells = {str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None}
    assert any(e.status == "修改" for e in first.valid)  # the batch has documents to amend …
    assert not cells & {"修改", "继续有效", "状态", "备注"}  # … which the published list does not say


UNTITLED = "第一条 各单位要加强{0}巡查台账工作。\n第二条 各单位要加强{0}志愿服务培训工作。\n第三条 本办法自2024年3月1日起施行。\n"


def test_a_document_without_a_title_is_listed_by_its_file_name_or_named_to_the_office(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "附件2：某县乡村道路照明设施管理办法.txt").write_text(UNTITLED.format("道路照明"), encoding="utf-8")
    (docs / "附件3.txt").write_text(UNTITLED.format("河道"), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    out = tmp_path / "目录"
    result = CliRunner().invoke(main, ["catalogue", "--year", str(batch.YEAR), "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "提醒：附件3.txt：未能识别文件标题，文件名也不是标题，未列入目录" in result.stderr
    first = catalogue_data(db, batch.YEAR, texts=False)
    assert [e.title for e in first.valid] == ["某县乡村道路照明设施管理办法"] and first.untitled == ["附件3.txt"]
    rows = list(openpyxl.load_workbook(out / f"catalogue-{batch.YEAR}.xlsx")["现行有效目录"].iter_rows(values_only=True))
    assert [r[1] for r in rows[2:]] == ["某县乡村道路照明设施管理办法"]  # no blank title row

    # next year, from the published workbook and from the registry's edition alike, it is no 新增
    for previous, registry in ((out / f"catalogue-{batch.YEAR}.xlsx", tmp_path / "next.sqlite"), (None, db)):
        cleanup.run(docs, NEXT_YEAR, date(NEXT_YEAR, 11, 22), db=registry, workers=1, previous=previous)
        second = catalogue_data(registry, NEXT_YEAR, texts=False)
        assert [c.kind for c in second.changes] == [], previous
