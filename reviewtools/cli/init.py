"""`reviewtools init`: write a commented reviewtools.toml."""

from __future__ import annotations

from pathlib import Path

import click

from reviewtools.cli.options import CONTEXT, friendly
from reviewtools.errors import UsageError

EXAMPLE_CONFIG = """# reviewtools 配置文件。放在草案所在的文件夹或其上级文件夹中会被自动读取，也可用 --config 或环境变量 REVIEWTOOLS_CONFIG 指定。
# 未列出的项使用默认值；写错的键会报错。

[office]
name = ""                    # 审查机构名称，写在意见书落款，如 "某市司法局"
jurisdiction = ""            # 本机关所在地区，如 "某市"；不填则从每份文件的发文机关推断

[review]
# as_of = 2026-11-22         # 默认审查基准日；不填为当天

[length]
limit = 5000                 # 篇幅上限（《整治形式主义为基层减负若干规定》：一般不超过5000字）
special_task_limit = 4000    # 部署专项工作或者具体任务的文件
count = "word"               # word：与 Word/WPS“字数”一致；nonspace：每个可见字符；cjk：只计汉字
include_attachments = true   # 印发通知所附的政策文本计入篇幅

[validity]
max_years = 5                # 有效期一般不超过 5 年（各地规定不一）
trial_max_years = 2          # 暂行、试行一般不超过 2 年

[cleanup]
replaced = "废止"             # 被新文件替代的文件归入：废止 或 宣布失效（河北等地）
repeal_at = 2                # 越权设定类严重问题达到几处时建议废止（少于此数建议修改）
near_duplicate = 0.8         # 内容近似的判定阈值（词序列 Jaccard 相似度）

[limits]                     # 读取一个输入（连同压缩包中的一切）的上限，超出时逐个说明并跳过
total_mb = 1024              # 展开后的总量（各层嵌套合计）
file_mb = 200                # 单个文件或压缩包内单个条目
entries = 20000              # 条目数（各层合计）
depth = 3                    # 压缩包嵌套层数
ratio = 100                  # 压缩比上限（疑似压缩炸弹即拒绝，不先解压）
seconds = 180                # 读取单个文件的时间

[web]                        # 工作台（reviewtools serve）
data = "reviewtools-web"     # 工作台自己的文件夹：上传的草案、发布的目录、会话密钥
folders = []                 # 允许工作台读取、做年度清理的文件夹，如 ["/srv/规范性文件"]；此外的路径一律拒绝
max_upload_mb = 50           # 单个上传文件的大小上限
max_files = 20               # 一次上传的文件数上限

[rules]
disabled = []                # 关闭的规则编号，如 ["upper_law.missing_prc_prefix"]
# severity = { "format.doc_number" = "info" }   # 调整规则的严重程度：error / warning / info
"""


@click.command(context_settings=CONTEXT, help="在当前目录写出带注释的配置文件示例 reviewtools.toml。")
@click.option("--force", is_flag=True, help="覆盖已有的 reviewtools.toml。")
@friendly
def init(force: bool) -> None:
    from reviewtools.atomic import write_atomic

    target = Path("reviewtools.toml")
    if target.exists() and not force:
        raise UsageError("reviewtools.toml 已存在（用 --force 覆盖）")
    write_atomic(target, EXAMPLE_CONFIG.encode("utf-8"))
    click.echo(f"已写出 {target.resolve()}")
