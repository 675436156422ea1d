"""A cleanup batch built for the tests: 35 synthetic files (written for these tests) whose proposals are known.

Continuing documents, expired ones (有效期 ended, a period in the title, one year's task), documents a later
one repeals (by 文号, by 《title》 of the transmitted policy, by 文号 alone, by 停止执行), one that sets
penalties and licences, ones that cite repealed laws or a renamed agency or reward tax paid, a pair of
near-duplicates, an identical copy, and three unreadable files. Bodies are drawn at random from neutral
words so that no two documents resemble each other unless meant to.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 22)
YEAR = 2026

WORDS = ("农村公路", "养护", "巡查", "台账", "统筹", "协调", "服务", "质量", "安全", "培训", "宣传", "指导", "信息化",
         "监测", "评估", "档案", "队伍", "建设", "保障", "制度", "机制", "规范", "标准化", "示范", "推广", "绿色", "节能",
         "环境", "卫生", "文明", "社区", "村庄", "道路", "桥梁", "排水", "绿化", "照明", "消防", "应急", "演练", "值守",
         "调度", "数据", "共享", "平台", "整合", "资源", "便民", "窗口", "咨询", "答复", "公开", "透明", "志愿", "文化",
         "体育", "健身", "阅读", "图书", "课程", "教师", "学生", "医疗", "护理", "养老", "托育", "家庭", "儿童", "妇女",
         "老年人", "救助", "慈善", "就业", "技能", "岗位", "人才", "科技", "成果", "转化", "合作", "交流", "气象", "水文",
         "河道", "湖泊", "森林", "草地", "耕地", "种子", "农机", "灌溉", "防汛", "抗旱", "统计", "调查", "分析")

CONTINUE, MODIFY, REPEAL, EXPIRE = "继续有效", "修改", "废止", "宣布失效"


def body(seed: int, sentences: int = 8) -> list[str]:
    rng = random.Random(seed)
    return ["各单位要加强" + "、".join(rng.choice(WORDS) for _ in range(rng.randint(6, 10))) + "工作。"
            for _ in range(sentences)]


def text(title: str, number: str, issuer: str, issued: date, lines: list[str], basis: str = "《中华人民共和国公路法》") -> str:
    head = [title, number, "各乡镇人民政府，县政府各部门：", f"为做好相关工作，根据{basis}等规定，结合本县实际，现通知如下。"]
    tail = [issuer, f"{issued.year}年{issued.month}月{issued.day}日"]
    return "\n".join(head + lines + tail) + "\n"


def _docx(path: Path, content: str) -> None:
    import docx

    d = docx.Document()
    for line in content.splitlines():
        d.add_paragraph(line)
    d.save(str(path))


GOV = "某县人民政府"
OFFICE = "某县人民政府办公室"

# name → (title, 文号, issuer, 成文日期, special lines, expected status)
DOCS: dict[str, tuple] = {
    "c01.txt": ("关于加强农村公路养护管理的通知", "某政发〔2024〕1号", GOV, date(2024, 1, 10),
                ["本通知自2024年2月1日起施行，有效期5年。"], CONTINUE),
    "c02.txt": ("某县社区志愿服务管理办法", "某政发〔2024〕2号", GOV, date(2024, 2, 10),
                ["本办法自2024年3月1日起施行，有效期5年。"], CONTINUE),
    "c03.txt": ("关于推进全民阅读工作的实施意见", "某政办发〔2023〕3号", OFFICE, date(2023, 3, 10),
                ["本意见自2023年4月1日起施行，有效期5年。"], CONTINUE),
    "c04.txt": ("某县防汛抗旱应急预案管理规定", "某政发〔2025〕4号", GOV, date(2025, 4, 10),
                ["本规定自2025年5月1日起施行，有效期5年。"], CONTINUE),
    "c05.docx": ("某县气象灾害防御管理办法", "某政发〔2022〕5号", GOV, date(2022, 5, 10),
                 ["本办法自2022年6月1日起施行，有效期5年。"], CONTINUE),
    "c06.txt": ("关于加强河道湖泊日常巡查工作的通知", "某水发〔2024〕6号", "某县水利局", date(2024, 6, 10),
                ["本通知自印发之日起施行，有效期3年。"], CONTINUE),
    "c07.txt": ("某县托育服务机构管理办法", "某卫发〔2025〕7号", "某县卫生健康局", date(2025, 7, 10),
                ["本办法自2025年8月1日起施行，有效期5年。"], CONTINUE),
    "c08.txt": ("关于做好就业技能培训工作的通知", "某人社发〔2024〕8号", "某县人力资源和社会保障局", date(2024, 8, 10),
                ["本通知自2024年9月1日起施行，有效期5年。"], CONTINUE),
    "c09.txt": ("某县科技成果转化服务办法", "某科发〔2025〕9号", "某县科学技术局", date(2025, 9, 10),
                ["本办法自2025年10月1日起施行，有效期5年。"], CONTINUE),
    "c10.txt": ("关于加强森林草地防火工作的意见", "某政发〔2024〕10号", GOV, date(2024, 10, 10),
                ["本意见自2024年11月1日起施行，有效期5年。"], CONTINUE),
    # replaced by a later document in the set
    "r1_old.txt": ("某县城区停车管理办法", "某政发〔2016〕5号", GOV, date(2016, 3, 1),
                   ["本办法自2016年4月1日起施行。"], REPEAL),
    "r1_new.txt": ("某县城区停车管理办法", "某政发〔2023〕8号", GOV, date(2023, 4, 1),
                   ["本办法自2023年5月1日起施行，有效期5年。原《某县城区停车管理办法》（某政发〔2016〕5号）同时废止。"],
                   CONTINUE),
    "r2_old.txt": ("关于印发某县农村饮水安全工程管理办法的通知", "某政办发〔2017〕12号", OFFICE, date(2017, 6, 1),
                   ["现将《某县农村饮水安全工程管理办法》印发给你们，请认真贯彻执行。"], REPEAL),
    "r2_new.txt": ("某县农村供水工程运行管理办法", "某政办发〔2024〕6号", OFFICE, date(2024, 5, 1),
                   ["本办法自2024年6月1日起施行，有效期5年，《某县农村饮水安全工程管理办法》同时废止。"], CONTINUE),
    "r3_old.txt": ("某县城乡环境卫生管理规定", "某城管发〔2015〕2号", "某县城市管理局", date(2015, 3, 1),
                   ["本规定自2015年4月1日起施行。"], REPEAL),
    "r3_new.txt": ("某县城乡环境卫生管理办法", "某城管发〔2022〕4号", "某县城市管理局", date(2022, 3, 1),
                   ["本办法自2022年4月1日起施行，有效期5年。自本办法施行之日起，原某城管发〔2015〕2号文件不再执行。"],
                   CONTINUE),
    "r4_old.txt": ("某县公共文化场馆开放服务办法", "某文旅发〔2018〕3号", "某县文化和旅游局", date(2018, 3, 1),
                   ["本办法自2018年4月1日起施行。"], REPEAL),
    "r4_new.txt": ("某县公共文化场馆免费开放实施办法", "某文旅发〔2025〕1号", "某县文化和旅游局", date(2025, 1, 5),
                   ["本办法自2025年2月1日起施行，有效期5年。《某县公共文化场馆开放服务办法》（某文旅发〔2018〕3号）停止执行，"
                    "《某县图书馆管理暂行办法》同时废止。"], CONTINUE),
    # period ended or task done
    "e1.txt": ("关于加强乡村道路照明设施管理的通知", "某交发〔2018〕1号", "某县交通运输局", date(2018, 1, 10),
               ["本通知有效期至2020年12月31日。"], EXPIRE),
    "e2.txt": ("某县农机安全监督管理办法", "某农发〔2018〕11号", "某县农业农村局", date(2018, 12, 1),
               ["本办法自2019年1月1日起施行，有效期3年。"], EXPIRE),
    "e3.txt": ("某县农村人居环境整治三年行动方案（2018-2020年）", "某政办发〔2018〕9号", OFFICE, date(2018, 5, 1),
               ["本方案自印发之日起实施。"], EXPIRE),
    "e4.txt": ("关于做好2023年度春季农业生产工作的通知", "某农发〔2023〕2号", "某县农业农村局", date(2023, 2, 1),
               [], EXPIRE),
    "e5.docx": ("某县体育健身设施管理规定", "某体发〔2016〕6号", "某县体育局", date(2016, 6, 1),
                ["本规定自2016年7月1日起施行，有效期5年。"], EXPIRE),
    # sets a penalty and a licence: repeal
    "p1.txt": ("某县人民政府关于规范建筑工地管理的通知", "某政发〔2022〕3号", GOV, date(2022, 2, 10),
               ["对未按规定设置围挡的施工单位，由县住房和城乡建设局处以五千元以上一万元以下罚款。",
                "建筑工地夜间施工的，须经县住房和城乡建设局审批同意后方可施工。",
                "本通知自2022年3月1日起施行，有效期5年。"], REPEAL),
    # to amend
    "m1.txt": ("关于规范农村集体经济组织合同管理的通知", "某农发〔2020〕5号", "某县农业农村局", date(2020, 6, 1),
               ["各村签订合同应当遵守《中华人民共和国合同法》的规定。", "本通知自2020年7月1日起施行，有效期10年。"], MODIFY),
    "m2.txt": ("关于加强集贸市场安全管理的通知", "某政办发〔2021〕7号", OFFICE, date(2021, 5, 1),
               ["县工商行政管理局负责集贸市场的日常巡查。", "本通知自2021年6月1日起施行，有效期10年。"], MODIFY),
    "m3.txt": ("关于加强校园周边环境卫生管理的通知", "某政办发〔2023〕9号", OFFICE, date(2023, 9, 1),
               ["对在校园周边乱倒垃圾的，由县城市管理局处以二百元罚款。", "本通知自2023年10月1日起施行，有效期5年。"],
               MODIFY),
    "m4.txt": ("某县促进招商引资若干措施", "某政发〔2024〕12号", GOV, date(2024, 12, 1),
               ["对新引进企业，按其缴纳增值税地方留成部分的50%给予奖励。", "本措施自2025年1月1日起施行，有效期3年。"],
               MODIFY),
    "m5.docx": ("某县农村宅基地使用管理办法", "某自然资发〔2019〕4号", "某县自然资源局", date(2019, 4, 1),
                ["宅基地的使用权依照《中华人民共和国物权法》确定。", "本办法自2019年5月1日起施行，有效期10年。"], MODIFY),
    # near-duplicates of each other (one sentence differs)
    "n1.txt": ("某县社区养老服务设施管理办法", "某民发〔2024〕3号", "某县民政局", date(2024, 3, 1),
               ["本办法自2024年4月1日起施行，有效期5年。"], CONTINUE),
    "n2.txt": ("某镇社区养老服务设施管理办法", "某镇发〔2024〕7号", "某县某镇人民政府", date(2024, 3, 8),
               ["本办法自2024年4月1日起施行，有效期5年。"], CONTINUE),
}
SEEDS = {name: i for i, name in enumerate(DOCS, 1)}
SEEDS["n2.txt"] = SEEDS["n1.txt"]  # the same body…
NEAR_EDIT = "各单位要加强社区养老服务设施的日常维护工作。"  # …with its third sentence rewritten
TRANSMITTAL = "r2_old.txt"
COPY = "副本/c01.txt"  # an identical copy of c01.txt
UNREADABLE = {"u1_empty.txt": "空文件", "u2_corrupt.docx": "损坏", "u3_blank.txt": "空文件"}


def content(name: str) -> str:
    title, number, issuer, issued, special, _ = DOCS[name]
    lines = body(SEEDS[name], 24 if name in ("n1.txt", "n2.txt") else 8)
    if name == TRANSMITTAL:  # a notice, signed, then the policy it transmits under its own title
        inner = "某县农村饮水安全工程管理办法"
        notice = text(title, number, issuer, issued, special).replace(
            "为做好相关工作，根据《中华人民共和国公路法》等规定，结合本县实际，现通知如下。\n", "")
        return notice + "\n".join([inner, "第一条 为加强农村饮水安全工程管理，根据《中华人民共和国水法》，制定本办法。",
                                    *lines, "第二条 本办法自2017年7月1日起施行。"]) + "\n"
    if name == "n2.txt":
        lines[2] = NEAR_EDIT
    return text(title, number, issuer, issued, lines + special)


def build(folder: Path) -> Path:
    """Write the batch into `folder`; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in DOCS:
        path = folder / name
        if name.endswith(".docx"):
            _docx(path, content(name))
        else:
            path.write_text(content(name), encoding="utf-8")
    (folder / COPY).parent.mkdir(exist_ok=True)
    shutil.copyfile(folder / "c01.txt", folder / COPY)
    (folder / "u1_empty.txt").write_bytes(b"")
    (folder / "u2_corrupt.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (folder / "u3_blank.txt").write_text("   \n\n \u3000\n", encoding="utf-8")
    return folder


def expected() -> dict[str, str]:
    """path → proposed status, for every readable file."""
    out = {name: spec[-1] for name, spec in DOCS.items()}
    out[COPY] = out["c01.txt"]
    return dict(sorted(out.items()))


def kill_after(proc: subprocess.Popen, db: Path, files: int) -> None:
    """kill -9 the run `proc` (its process group: the workers with it) once `files` files are recorded in the
    SQLite registry `db`; fails if the run ends first."""
    try:
        deadline = time.monotonic() + 120
        while done_rows(db) < files:
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def done_rows(db: Path) -> int:
    """Files the run has recorded so far (0 while the registry is not yet there)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM run_files").fetchone()[0]
    except sqlite3.Error:
        return 0
