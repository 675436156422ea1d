"""Cleanups started from the workbench (the cleanup_jobs table): what each was asked to clean up, how far it got
and how it ended, so that its page survives a reload and a server restart takes up the ones left running.

A job is running, finished (with the cleanup run it made) or failed (with the one Chinese line saying why).
At most one runs at a time per registry: `start` refuses a second while one is running.

Usage: `Jobs(Registry(path))`; every write is one transaction of the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewtools.errors import UsageError
from reviewtools.registry.base import now

STATUS_NAMES = {"running": "进行中", "finished": "已完成", "failed": "未完成"}


@dataclass(frozen=True)
class Job:
    id: int
    folder: str
    year: int
    as_of: str  # ISO date
    status: str  # running / finished / failed
    files: int  # files in the folder (0 until the run has listed them)
    done: int  # files done so far
    message: str  # why it failed
    run_id: int | None  # the cleanup run, once finished
    who: str
    started_at: str
    finished_at: str | None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def percent(self) -> int:
        if self.status == "finished":
            return 100
        return self.done * 100 // self.files if self.files else 0

    def state(self) -> dict:
        """What the job page polls for."""
        return {"status": self.status, "status_name": self.status_name, "files": self.files, "done": self.done,
                "percent": self.percent, "message": self.message}


class Jobs:
    def __init__(self, registry):
        self.registry = registry

    def start(self, folder: str, year: int, as_of: str, who: str) -> Job:
        """A new running job; refused while another is running."""
        with self.registry.transaction() as c:
            running = c.execute(f"{_JOBS} WHERE status = 'running' ORDER BY id LIMIT 1").fetchone()
            if running:
                job = _job(running)
                raise UsageError(f"已有一项清理正在进行（{job.year}年度，{job.folder}，{job.who} 于 "
                                 f"{job.started_at[:16].replace('T', ' ')} 开始），请等它结束后再开始新的清理")
            job_id = c.execute("INSERT INTO cleanup_jobs (folder, year, as_of, status, who, started_at) "
                               "VALUES (?, ?, ?, 'running', ?, ?) RETURNING id",
                               (folder, year, as_of, who, now())).fetchone()[0]
        return self.get(job_id)

    def get(self, job_id: int) -> Job | None:
        row = self.registry.one(f"{_JOBS} WHERE id = ?", job_id)
        return _job(row) if row else None

    def recent(self, limit: int = 20) -> list[Job]:
        """The latest jobs, newest first."""
        return [_job(r) for r in self.registry.all(f"{_JOBS} ORDER BY id DESC LIMIT ?", limit)]

    def running(self) -> list[Job]:
        return [_job(r) for r in self.registry.all(f"{_JOBS} WHERE status = 'running' ORDER BY id")]

    def progress(self, job_id: int, files: int, done: int) -> None:
        self._update(job_id, "files = ?, done = ?", files, done)

    def finish(self, job_id: int, run_id: int) -> None:
        self._update(job_id, "status = 'finished', done = files, run_id = ?, message = '', finished_at = ?",
                     run_id, now())

    def fail(self, job_id: int, message: str) -> None:
        self._update(job_id, "status = 'failed', message = ?, finished_at = ?", message, now())

    def _update(self, job_id: int, assignments: str, *values) -> None:
        with self.registry.transaction() as c:
            c.execute(f"UPDATE cleanup_jobs SET {assignments} WHERE id = ?", (*values, job_id))


_JOBS = ("SELECT id, folder, year, as_of, status, files, done, message, run_id, who, started_at, finished_at "
         "FROM cleanup_jobs")


def _job(row) -> Job:
    return Job(*(row[i] for i in range(12)))
