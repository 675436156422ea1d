"""The regex program cache: what it hands back is the pattern re.compile makes, read from the file or not."""

from __future__ import annotations

import re

import pytest

from reviewtools.text import regex_cache

PATTERNS = [(r"(?P<who>[\u4e00-\u9fa5]{2,8}?)(?:管理|主管)部门", 0), (r"^第[一二三四五六七八九十]+条", re.M),
            (r"(?i)abc|[^\W\d]+", 0), (r"(a)(?:b)(?P<c>c)?\1", re.S)]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder and a module that has read no file yet."""
    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_stored", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(regex_cache, "_used", set())
    return tmp_path


def _forget() -> None:
    """As a new process: nothing read, nothing compiled."""
    regex_cache._stored = None
    regex_cache._new.clear()


def test_programs_are_kept_and_read_back_as_the_same_patterns(fresh):
    built = [regex_cache.compile(p, f) for p, f in PATTERNS]
    assert built == [re.compile(p, f) for p, f in PATTERNS]
    regex_cache.save()
    (stored,) = (fresh / "regex").iterdir()
    _forget()
    kept = [regex_cache.compile(p, f) for p, f in PATTERNS]
    assert kept == [re.compile(p, f) for p, f in PATTERNS]
    assert not regex_cache._new  # every one came from the file
    m = kept[0].search("，国土资源主管部门负责")
    assert (m["who"], m.span(), kept[0].groupindex["who"]) == ("国土资源", (1, 9), 1)
    assert kept[3].fullmatch("abca").groups() == ("a", "c")
    assert [m.group() for m in kept[1].finditer("总则\n第一条 目的\n第二条 范围")] == ["第一条", "第二条"]
    assert stored.stat().st_size > 0


def test_a_damaged_file_or_entry_only_costs_a_compilation(fresh):
    regex_cache.compile(*PATTERNS[0])
    regex_cache.save()
    (stored,) = (fresh / "regex").iterdir()
    stored.write_bytes(b"\x00garbage")
    _forget()
    assert regex_cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    regex_cache._stored[PATTERNS[1]] = (0, b"\x01\x02", 0, {}, ())  # code _sre refuses
    assert regex_cache.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])


def test_a_bad_pattern_raises_as_re_compile_does(fresh):
    with pytest.raises(re.error):
        regex_cache.compile("(?P<q>处[^，]")


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(regex_cache, "_stored", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    assert regex_cache.compile(*PATTERNS[2]) == re.compile(*PATTERNS[2])
    regex_cache.save()  # nothing written, nothing raised


def test_a_full_file_keeps_only_what_this_process_used(fresh, monkeypatch):
    regex_cache.compile(*PATTERNS[0])
    regex_cache.compile(*PATTERNS[1])
    regex_cache.save()
    _forget()
    regex_cache._used.clear()
    monkeypatch.setattr(regex_cache, "_MOST", 2)
    regex_cache.compile(*PATTERNS[0])  # read from the file
    regex_cache.compile(*PATTERNS[2])  # new
    regex_cache.save()
    _forget()
    assert set(regex_cache._programs()) == {PATTERNS[0], PATTERNS[2]}


def test_a_regex_compiler_that_works_otherwise_is_not_used(fresh, monkeypatch):
    def changed(*args):
        raise TypeError("compile() takes other arguments")  # as _sre.compile of another Python might

    monkeypatch.setattr(regex_cache, "_compile", changed)
    assert regex_cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert not regex_cache._new
