"""(Re)build corpora/laws.csv from a snapshot of LawRefBook/Laws (https://github.com/LawRefBook/Laws).

    python scripts/build_laws.py /work/.mirror/LawRefBook+Laws/repo [--commit REV] [--out corpora/laws.csv]

The snapshot is read from its git directory (no work tree needed). What it contributes, each row with its
source as LawRefBook/Laws@commit:path:
- every law, administrative regulation, department rule, judicial interpretation (main tree) and local
  regulation (DLC/*地方法规) it holds: title from the file's heading, level from its folder, first adoption
  from the heading block, latest revision from the newest version's file name, in force unless the
  snapshot's database marks every version expired (those are listed, not guessed: a repeal needs a date);
- every title named in a repeal clause (《…》同时废止 / 予以废止 / 同时失效) of another file: repealed on the
  day the repealing text took effect, replaced by it (unless it is a decision that only repeals).

Rows already in the file are kept as they are (hand-curated rows, and earlier imports, win); rows for titles
the file lacks are added after them. A title the file lists as in force but a repeal clause names is printed
for a person to check, never changed silently. Running it twice gives the same file.

Facts only: titles, levels, dates and repeal relations. The texts are the laws of the PRC (not copyright
material under Article 5 of the Copyright Law); the repository itself states no licence.
"""

from __future__ import annotations

import argparse
import csv
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewtools.data.laws import LAW_COLUMNS  # noqa: E402
from reviewtools.text.titles import law_key  # noqa: E402

FOLDER_LEVEL = {"宪法": "宪法", "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "行政法": "法律",
                "经济法": "法律", "社会法": "法律", "刑法": "法律", "诉讼与非诉讼程序法": "法律",
                "行政法规": "行政法规", "部门规章": "部门规章", "司法解释": "司法解释", "DLC": "地方性法规"}
_VERSION = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")
_CN_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_ADOPTED = re.compile(_CN_DATE + r".{0,80}?(?:通过|公布|发布|印发)")
_EFFECTIVE_LINE = re.compile(r"^" + _CN_DATE + r"\s*施行", re.M)
_EFFECTIVE_CLAUSE = re.compile(r"自" + _CN_DATE + r"起(?:施行|实施|生效)")
_REPEAL = re.compile(r"同时废止|予以废止|同时失效")
_TITLE = re.compile(r"《([^《》]{2,80})》")
# Between two repealed titles: a bracket, a separator, and the next one's date and issuer (…发布的).
_GAP = re.compile(r"\s*(?:[（(][^（()）]{0,60}[）)])?\s*(?:[、和及与，,；]\s*(?:[^《》。]{0,80}?"
                  r"(?:通过|发布|公布|下发|印发|施行|修正|修订|批准)的)?)?\s*")
_DECISION = re.compile(r"^全国人民代表大会(?:常务委员会)?关于.*的决定$")


def git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def iso(m: re.Match) -> str:
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


@dataclass
class Version:
    path: str
    title: str
    level: str
    day: str  # from the file name
    text: str


def level_of(path: str, title: str) -> str | None:
    top = path.split("/", 1)[0]
    level = FOLDER_LEVEL.get(top)
    if level == "法律" and _DECISION.match(title):
        return "有关法律问题的决定"
    return level


def expired_versions(git_dir: Path, rev: str, paths: list[str]) -> set[tuple[str, str]]:
    """(name, publish) pairs every snapshot database marks expired."""
    out: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for db_path in [p for p in paths if p.endswith("db.sqlite3")]:
            local = Path(tmp) / "db.sqlite3"
            local.write_bytes(git(git_dir, "show", f"{rev}:{db_path}"))
            with sqlite3.connect(local) as db:
                out |= {(n, p or "") for n, p in db.execute("select name, publish from law where expired = 1")}
    return out


def read_versions(git_dir: Path, rev: str) -> tuple[list[Version], set[tuple[str, str]]]:
    paths = git(git_dir, "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", rev).decode().splitlines()
    versions = []
    for path in paths:
        m = _VERSION.search(path)
        if not m or path.split("/", 1)[0] not in FOLDER_LEVEL:
            continue
        text = git(git_dir, "show", f"{rev}:{path}").decode("utf-8", "replace")
        heading = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "")
        level = level_of(path, heading)
        if heading and level:
            versions.append(Version(path, heading, level, m[1], text))
    return versions, expired_versions(git_dir, rev, paths)


def info_block(text: str) -> str:
    return text.split("<!-- INFO END -->", 1)[0]


def catalogue_rows(versions: list[Version], expired: set[tuple[str, str]], source: str) -> tuple[list[dict], list[str]]:
    """One row per title in force; the titles whose every version is marked expired, to list."""
    by_title: dict[str, list[Version]] = defaultdict(list)
    for v in versions:
        by_title[v.title].append(v)
    rows, undated = [], []
    for title, vs in sorted(by_title.items()):
        vs.sort(key=lambda v: v.day)
        short = re.sub(r"^中华人民共和国", "", title)
        if all((short, v.day) in expired or (title, v.day) in expired for v in vs):
            undated.append(title)
            continue
        first, last = vs[0], vs[-1]
        adopted = _ADOPTED.search(info_block(first.text))
        effective = _EFFECTIVE_LINE.search(info_block(last.text))
        enacted = iso(adopted) if adopted else ""
        rows.append({"title": title, "short_titles": "", "level": last.level, "status": "现行有效",
                     "enacted": enacted, "amended": last.day if last.day > (enacted or "0") else "",
                     "effective": iso(effective) if effective else "", "repealed_on": "", "replaced_by": "",
                     "verified": "yes", "source": f"{source}:{last.path}"})
    return rows, undated


def repeal_rows(versions: list[Version], source: str) -> list[dict]:
    """Titles named in a repeal clause, repealed on the day the repealing text took effect."""
    rows: dict[str, dict] = {}
    for v in sorted(versions, key=lambda v: (v.day, v.path)):
        body = v.text.split("<!-- INFO END -->", 1)[-1]
        for sentence in re.split(r"[。\n]", body):
            keyword = _REPEAL.search(sentence)
            if not keyword:
                continue
            at = body.find(sentence)
            clause = _EFFECTIVE_CLAUSE.search(sentence) or next(
                iter(reversed(list(_EFFECTIVE_CLAUSE.finditer(body, max(0, at - 300), at)))), None)
            line = _EFFECTIVE_LINE.search(info_block(v.text))
            day = iso(clause) if clause else iso(line) if line else v.day
            for old in _repealed_titles(sentence[:keyword.start()]):
                if law_key(old) == law_key(v.title) or "〈" in old:
                    continue
                only_repeals = "废止" in v.title
                rows[old] = {"title": old, "short_titles": "", "level": _repealed_level(v.level, old),
                             "status": "已废止", "enacted": "", "amended": "", "effective": "", "repealed_on": day,
                             "replaced_by": "" if only_repeals else v.title, "verified": "yes",
                             "source": f"{source}:{v.path}（{'废止决定' if only_repeals else '继任文件的废止条款'}）"}
    return list(rows.values())


_PLACE = re.compile(r"^[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|自治州|县)(?!场)")


def _repealed_titles(before: str) -> list[str]:
    """The run of titles that ends at the repeal keyword (《A》、1990年发布的《B》（…）同时废止): not a title named on
    the way (根据《C》制定的《A》, 《关于修改…的决定》修正的《A》), nor one followed by an article (《A》第十条)."""
    titles = list(_TITLE.finditer(before))
    out, end = [], len(before)
    for t in reversed(titles):
        if not _GAP.fullmatch(before[t.end():end]):
            break
        out.append(t[1].strip())
        end = t.start()
    return out[::-1]


def _repealed_level(level: str, title: str) -> str:
    """The level of a repealed title, from the repealing file's and the title's form."""
    if _PLACE.match(title) or level == "地方性法规":
        rule = "人民政府" in title or (title.endswith("办法") and "实施" not in title)
        return "地方政府规章" if rule and "人民代表大会" not in title else "地方性法规"
    if level == "法律" and not title.endswith("法") and re.search(r"(?:条例|办法|规定|细则)$", title):
        return "行政法规"
    return level


def merge(existing: list[dict], built: list[dict], repealed: list[dict]) -> tuple[list[dict], list[str]]:
    keys: dict[str, dict] = {}
    for r in existing:
        for name in (r["title"], *filter(None, r["short_titles"].split(";"))):
            keys.setdefault(law_key(name), r)
    added, conflicts = [], []
    for r in [*built, *repealed]:
        known = keys.get(law_key(r["title"]))
        if known is None:
            keys[law_key(r["title"])] = r
            added.append(r)
        elif r["status"] != "现行有效" and known["status"] == "现行有效" and known in existing:
            conflicts.append(f"{known['title']}：目录为现行有效，{r['source']} 称 {r['repealed_on']} 废止")
    titles = {r["title"] for r in [*existing, *added]}
    for r in added:  # a successor the catalogue does not hold is not named
        if r["replaced_by"] and r["replaced_by"] not in titles:
            r["replaced_by"] = ""
    return existing + added, conflicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("git_dir", type=Path, help="the git directory of a LawRefBook/Laws snapshot")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--out", type=Path, default=ROOT / "corpora" / "laws.csv")
    args = parser.parse_args()
    rev = git(args.git_dir, "rev-parse", "--short=7", args.commit).decode().strip()
    source = f"LawRefBook/Laws@{rev}"
    versions, expired = read_versions(args.git_dir, rev)
    built, undated = catalogue_rows(versions, expired, source)
    repealed = repeal_rows(versions, source)
    with args.out.open(encoding="utf-8", newline="") as f:
        existing = [dict(r) for r in csv.DictReader(f)]
    rows, conflicts = merge(existing, built, repealed)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=LAW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{source}：{len(versions)} 个文本，{len(built)} 件现行，{len(repealed)} 件被废止；"
          f"目录原有 {len(existing)} 行，新增 {len(rows) - len(existing)} 行")
    for title in undated:
        print(f"未收录（快照标为失效，但没有废止日期）：{title}")
    for c in conflicts:
        print(f"请核对：{c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
