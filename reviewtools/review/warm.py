"""Imported, for its effect, where a batch's workers are forked from (reviewtools.processes): one short
built-in draft reviewed readies, once for every worker, what a process's first review loads (the rules, their
automata and compiled patterns, the catalogues, the classifier's weights)."""

from contextlib import suppress

from reviewtools.ingest import read_bytes
from reviewtools.review import review
from reviewtools.settings import Settings

_DRAFT = "某县关于加强市场管理的通知\n各乡镇人民政府：\n对新落户本县的企业，按其缴纳税收的地方留成部分给予奖励。\n"

# A failure here is met again by a worker's first review, which reports it on that file.
with suppress(Exception):
    review(read_bytes(_DRAFT.encode("utf-8"), "warm.txt"), Settings()).to_dict()
