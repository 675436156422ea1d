"""Click's own words (Usage, Options, error messages) in Chinese, so that --help and errors read as one."""

from __future__ import annotations

import importlib
import unicodedata

_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "No such option {name!r}.": "没有这个选项：{name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值 {choices} 之一。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是非值，可用：{states}",
    "Value must be an iterable.": "应为多个值。",
    "Error: invalid input": "错误：输入无效",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Repeat for confirmation": "再输入一次以确认",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止。",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
}
_ZH_PLURAL = {
    "Did you mean {possibility}?": "是不是要输入 {possibility}？",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，收到 {len} 个。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choices} 之一。",
}


def _gettext(message: str) -> str:
    return _ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _ZH_PLURAL.get(singular, singular if n == 1 else plural)


def _missing_message(self) -> str:
    """MissingParameter's message ending in 。 rather than click's "." (its text is worded by _ like the rest)."""
    from click.exceptions import _join_param_hints

    hint = self.param_hint if self.param_hint is not None else (
        self.param.get_error_hint(self.ctx) if self.param is not None else None)
    hint = _join_param_hints(hint)
    kind = self.param_type or (self.param.param_type_name if self.param is not None else "parameter")
    missing = {"argument": "缺少参数", "option": "缺少选项"}.get(kind, "缺少参数")
    extra = self.param.type.get_missing_message(param=self.param, ctx=self.ctx) if self.param is not None else ""
    return f"{missing}{f' {hint}' if hint else ''}。" + "".join(x for x in (self.message, extra) if x)


def _no_such_message(self) -> str:
    """No such option / command, then the closest names, with no space after the 。."""
    from click.exceptions import _format_possibilities

    return self.message + (_format_possibilities(self.possibilities) if self.possibilities else "")


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: a Chinese character takes two (click counts one, and misaligns)."""
    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in strip_ansi(text))


def _heading(self, heading: str) -> None:
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


def install() -> None:
    import click
    from click import exceptions, formatting

    click.types.StringParamType.name = "文本"  # shown as the metavar of text options
    click.types.IntParamType.name = "整数"
    click.types.FloatParamType.name = "数字"
    for name in ("core", "exceptions", "parser", "formatting", "decorators", "types", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    formatting.term_len = _width
    formatting.HelpFormatter.write_heading = _heading
    exceptions.MissingParameter.format_message = _missing_message
    exceptions.NoSuchOption.format_message = _no_such_message
    exceptions.NoSuchCommand.format_message = _no_such_message


def localize(command) -> None:
    """[OPTIONS] in every usage line and PATH in every option's, recursively, after all commands are registered."""
    import click

    command.options_metavar = "[选项]"
    for param in getattr(command, "params", ()):
        if isinstance(param.type, click.Path):  # named at import, before _ was Chinese
            param.type.name = "文件夹" if not param.type.file_okay else "文件" if not param.type.dir_okay else "路径"
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = "命令 [参数]…"
    for sub in getattr(command, "commands", {}).values():
        localize(sub)
