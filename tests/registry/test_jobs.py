"""The workbench's cleanup jobs in the registry: one running at a time, progress, and how each ends."""

from __future__ import annotations

import pytest

from reviewtools.errors import UsageError
from reviewtools.registry import Registry
from reviewtools.registry.jobs import Jobs


def test_a_job_runs_alone_reports_progress_and_ends_finished_or_failed(registry_target):
    with Registry(registry_target) as reg:
        jobs = Jobs(reg)
        first = jobs.start("/data/清理", 2026, "2026-12-01", "张科长（zhang）")
        assert (first.id, first.status, first.files, first.done, first.run_id, first.finished_at) == \
            (1, "running", 0, 0, None, None)
        assert first.state() == {"status": "running", "status_name": "进行中", "files": 0, "done": 0, "percent": 0,
                                 "message": ""}
        with pytest.raises(UsageError, match=r"已有一项清理正在进行（2026年度，/data/清理，张科长（zhang） 于 .* 开始）"):
            jobs.start("/data/其他", 2027, "2027-12-01", "李审查员（li）")
        jobs.progress(1, 8, 3)
        assert (jobs.get(1).files, jobs.get(1).done, jobs.get(1).percent) == (8, 3, 37)
        assert [j.id for j in jobs.running()] == [1]
        jobs.finish(1, 42)
        done = jobs.get(1)
        assert (done.status, done.status_name, done.done, done.percent, done.run_id) == ("finished", "已完成", 8, 100, 42)
        assert done.finished_at >= done.started_at
        second = jobs.start("/data/其他", 2027, "2027-12-01", "李审查员（li）")
        jobs.fail(second.id, "不是文件夹：/data/其他")
        assert (jobs.get(2).status, jobs.get(2).message) == ("failed", "不是文件夹：/data/其他")
        assert [j.id for j in jobs.recent()] == [2, 1] and jobs.running() == [] and jobs.get(3) is None
