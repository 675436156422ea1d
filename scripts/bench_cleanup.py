#!/usr/bin/env python3
"""Throughput and memory of the annual cleanup on generated documents.

    .venv/bin/python scripts/bench_cleanup.py [--docs 2000] [--small 500]

Generates, in a temporary folder, --docs Chinese text documents (about 2,000 characters each: a title,
a 文号, a basis clause, numbered paragraphs of random administrative wording, an effective date and a
有效期, a signature; some expired, one in twenty repealed by the next, one in fifteen citing a repealed law,
one in twenty-five a near-duplicate of the one before), then runs `reviewtools.cleanup.run` on them in
a fresh process with 1 and 2 workers, each also on --small documents to show that memory does not grow
with the number of documents.
Reports documents/s and peak memory (ru_maxrss of the main process and of the largest worker).
Target on a 2-core machine: 2,000 documents in under 60 s.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "各级人民政府", "有关部门", "应当", "按照", "规定", "加强", "监督管理", "建立健全", "工作机制", "推进", "依法行政", "优化营商环境",
    "市场主体", "公共服务", "财政资金", "专项资金", "中小企业", "高质量发展", "统筹协调", "组织实施", "督促检查", "考核评价",
    "信息公开", "社会监督", "数字化转型", "技术改造", "融资担保", "政策措施", "落实", "责任", "保障", "服务", "管理", "制度",
    "标准", "程序", "评估", "申请", "受理", "公示", "整改", "通报", "农村公路", "养护", "巡查", "台账", "培训", "宣传", "指导",
    "监测", "档案", "队伍建设", "示范", "推广", "绿色", "节能", "环境卫生", "社区", "村庄", "排水", "绿化", "照明", "消防",
    "应急", "演练", "值守", "调度", "数据共享", "平台", "资源整合", "便民", "窗口", "咨询", "文化", "体育", "健身", "阅读",
    "教育", "医疗", "护理", "养老", "托育", "家庭", "儿童", "妇女", "老年人", "救助", "慈善", "就业", "技能", "岗位", "人才",
    "科技创新", "成果转化", "合作交流", "气象", "水文", "河道", "森林", "耕地", "种子", "农机", "灌溉", "防汛", "抗旱", "统计",
]
TOPICS = ["农村公路养护", "社区志愿服务", "全民阅读", "防汛抗旱", "气象灾害防御", "河道巡查", "托育服务", "就业技能培训",
          "科技成果转化", "森林防火", "城区停车", "农村饮水安全", "环境卫生", "公共文化场馆", "乡村道路照明", "农机安全",
          "体育健身设施", "集贸市场安全", "校园周边环境", "养老服务设施"]
AS_OF = date(2026, 11, 22)


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))) + rng.choice("，，；。")


def number(i: int) -> str:
    return f"某政发〔{2016 + i // 10 % 10}〕{i}号"


def document(i: int, rng: random.Random) -> str:
    year = 2016 + i // 10 % 10
    number_ = number(i)
    title = f"关于加强{rng.choice(TOPICS)}工作的通知（第{i}号）"
    paragraphs = ["".join(sentence(rng) for _ in range(6)).rstrip("，；") + "。" for _ in range(10)]
    basis = "《中华人民共和国合同法》" if i % 15 == 0 else "《中华人民共和国公路法》"
    lines = [title, number_, "各乡镇人民政府，县政府各部门：", f"为做好相关工作，根据{basis}等规定，结合本县实际，现通知如下。"]
    lines += [f"{'一二三四五六七八九十'[k]}、{p}" for k, p in enumerate(paragraphs)]
    valid = 3 if i % 10 == 0 else 5
    lines.append(f"本通知自{year}年{rng.randint(1, 12)}月1日起施行，有效期{valid}年。")
    if i % 20 == 0:
        lines.append(f"原{number(i - 1)}文件同时废止。")
    lines += ["某县人民政府", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    previous = ""
    for i in range(1, n + 1):
        text = document(i, rng)
        if i % 25 == 0:  # a near-duplicate of the one before: another number, one sentence rewritten
            lines = previous.splitlines()
            lines[1] = f"某政办发〔2024〕{i}号"
            lines[6] = lines[6][:2] + sentence(rng) + lines[6][2:]
            text = "\n".join(lines) + "\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        previous = text


def child(folder: str, db: str, workers: int) -> None:
    """One measured run, in its own process so that peak memory is this run's."""
    from reviewtools import cleanup

    start = time.perf_counter()
    result = cleanup.run(folder, AS_OF.year, AS_OF, db=db, workers=workers)
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "elapsed": elapsed, "files": result.files, "counts": result.counts,
        "near_duplicates": len(result.near_duplicates), "unreadable": len(result.unreadable),
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }, ensure_ascii=False))


def measure(folder: Path, db: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        generate(big, args.docs)
        generate(small, args.small)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in big.iterdir()) // args.docs
        print(f"{args.docs} generated documents, {chars} characters each on average")
        print(f"{'docs':>6} {'workers':>7} {'seconds':>8} {'docs/s':>7} {'main MB':>8} {'worker MB':>9}  proposals")
        repealed = sum(1 for i in range(1, args.docs + 1) if i % 20 == 0 and i % 25)
        print(f"planted: {args.docs // 25} near-duplicate pairs, {repealed} documents repealed by the next")
        for folder, workers, n in ((small, 1, args.small), (big, 1, args.docs), (small, 2, args.small),
                                   (big, 2, args.docs)):
            r = measure(folder, Path(tmp) / f"r{n}-{workers}.sqlite", workers)
            assert r["files"] == n
            print(f"{n:>6} {workers:>7} {r['elapsed']:>8.1f} {n / r['elapsed']:>7.1f} {r['main_mb']:>8.0f} "
                  f"{r['worker_mb']:>9.0f}  {r['counts']}, near-duplicate pairs {r['near_duplicates']}")
            if n == args.docs and workers == 2:
                verdict = "met" if r["elapsed"] < 60 else "MISSED"
                print(f"       target: {args.docs} documents in under 60 s with 2 workers — {verdict}")


if __name__ == "__main__":
    main()
