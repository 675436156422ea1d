"""The character map of normalized text: every mapped character replaced as str.translate would."""

from __future__ import annotations

from reviewtools.text.normalize import _MAP, _translate, normalize


def test_every_mapped_character_is_replaced_as_translate_would():
    every = "".join(map(chr, _MAP))
    text = f"第１条（一）依据【２０２０】３号,见[附件]：{every}一二{every[::-1]}"
    assert _translate(text) == text.translate(_MAP)
    assert not set(map(ord, _MAP.values())) & set(_MAP)  # nothing is mapped twice: the order of replacing is free
    assert _translate("没有需要替换的字符。") == "没有需要替换的字符。"


def test_normalized_text_maps_back_to_the_original():
    n = normalize("按照　国办发［２０１８］３７号,执行")
    assert n.text == "按照国办发〔2018〕37号，执行"
    assert n.span(2, 15) == (3, 16)


def test_a_numbered_item_run_on_after_a_space_starts_a_line():
    original = "一、外来人员一律劝返 二、私家车禁止上路  (三)暂停营业\n  四、共1.5 万元"
    n = normalize(original)
    assert n.text == "一、外来人员一律劝返\n二、私家车禁止上路\n（三）暂停营业\n四、共1.5万元"
    start = n.text.index("二、")
    assert original[slice(*n.span(start, start + 9))] == "二、私家车禁止上路"


def test_numpy_and_regex_paths_normalize_alike():
    # A character outside the BMP sends normalize down the regex path; before it the two must agree exactly.
    text = "按照 国办发［２０１８］３７号, 执行\u3000（一）大连市企业  优先;\ufeff大连市 二、其他" * 60  # numpy from 2000
    text = text.replace("执行", "执\n行")  # each line break there dropped as a wrap: one event apart
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    for aliases in (None, {"大连市": "本市"}, {"大连市": "本(市"}):
        for dropped in ((), breaks):
            fast, slow = normalize(text, aliases, dropped), normalize(text + "\U00020000", aliases, dropped)
            assert slow.text == fast.text + "\U00020000"
            assert (fast._keys, fast._origins, fast._linear) == (slow._keys, slow._origins, slow._linear)
            assert ("执\n行" in fast.text) == (not dropped)
    assert normalize(text, {"大连市": "本(市"}).text.count("本（市") == 120  # a mapped character of an alias is mapped too


def test_a_text_in_traditional_characters_is_read_in_simplified_ones_offset_for_offset():
    original = "對違反本辦法規定的，由縣市場監督管理局處以五千元罰款。"
    n = normalize(original)
    assert n.text == "对违反本办法规定的，由县市场监督管理局处以五千元罚款。"
    start = n.text.index("处以")
    assert original[slice(*n.span(start, start + 2))] == "處以"


def test_a_simplified_text_with_a_few_traditional_forms_stays_as_written():
    assert normalize("乾安县人民政府关于印发乾安县市场管理办法的通知").text == "乾安县人民政府关于印发乾安县市场管理办法的通知"
    assert normalize("某县与台北縣的企业开展交流").text == "某县与台北縣的企业开展交流"
