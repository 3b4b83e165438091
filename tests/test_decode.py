import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestparse.decode import DecodeError, decode_bytes


def test_utf8_plain():
    assert decode_bytes("中文，标点！".encode()).text == "中文，标点！"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_bytes(bom + "# Title\n中文".encode(codec))
    assert decoded.text == "# Title\n中文"
    assert decoded.encoding == codec + " (BOM)"


def test_utf16_without_bom():
    assert decode_bytes("# A title\n\nsome text".encode("utf-16-le")).text == "# A title\n\nsome text"


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"x").text == "x"


def test_gb18030():
    decoded = decode_bytes("最佳深度学习论文，第一作者".encode("gb18030"))
    assert decoded.text == "最佳深度学习论文，第一作者"
    assert decoded.encoding == "gb18030"
    assert decoded.warnings


def test_latin1_falls_back_to_cp1252_with_warning():
    decoded = decode_bytes("café résumé".encode("latin-1"))
    assert decoded.text == "café résumé"
    assert decoded.encoding == "windows-1252"
    assert "invalid UTF-8" in decoded.warnings[0]


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"\x00\x01\x02\x03binary\x00\x00\x04\x05" * 20, "binary")],
)
def test_refuses_non_text(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


_ABSTRACT = {
    "zh-Hant": "這篇論文大幅提升了深度學習模型的性能，並在多個資料集上取得了最好的結果。",
    "ja": "この論文は深層学習モデルの性能を大きく向上させました。",
    "ko": "이 논문은 딥러닝 모델의 성능을 크게 향상시켰습니다.",
    "ru": "Модель показала отличные результаты на тестовом наборе данных.",
}


@pytest.mark.parametrize(
    "language, codec, label",
    [("zh-Hant", "big5", "big5"), ("ja", "shift_jis", "cp932"), ("ja", "euc-jp", "euc-jis-2004"),
     ("ko", "euc-kr", "cp949"), ("ru", "cp1251", "cp1251"), ("ru", "koi8-r", "koi8-r")],
)
def test_east_asian_and_cyrillic_files_are_read_in_their_codec(language, codec, label):
    # these used to be read as GB18030 (Japanese: 僞僀僩儖 for タイトル) or Windows-1252
    # (Big5), which repair then "repaired" into other nonsense
    text = "# " + _ABSTRACT[language][:12] + "\n\n" + _ABSTRACT[language] * 2 + "\n"
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, label)
    assert "charset-normalizer" in decoded.warnings[0]


@pytest.mark.parametrize("codec", ["cp1253", "iso8859_7"])
def test_greek_in_windows_1253_or_iso_8859_7_keeps_its_alpha_with_tonos(codec):
    # charset-normalizer tells the two apart by chance: Windows-1253 read as ISO-8859-7 gave
    # "’ρθρο" for "Άρθρο", and ISO-8859-7 read as Windows-1253 "¶ρθρο"
    text = "# Άρθρο για τη μηχανική μάθηση\n\nΗ «μάθηση» είναι ένα μεγάλο θέμα. Άλφα και Ωμέγα. Άνθρωποι και μηχανές μαθαίνουν μαζί.\n" * 2
    assert decode_bytes(text.encode(codec)).text == text


def test_latin_text_keeps_the_windows_1252_reading():
    # charset-normalizer's guesses among the Latin codecs are weak (this one: Windows-1250,
    # which reads ñ as ń); Windows-1252 is kept
    text = "El niño comió una manzana. La información está en el año pasado, según él. " * 3
    assert decode_bytes(text.encode("cp1252")).text == text


def test_damaged_utf8_keeps_the_reading_repair_undoes():
    # UTF-8 that lost bytes is no legacy codec: its Windows-1252 reading is mojibake that
    # repair can take back
    from digestparse.repair import repair

    text = "这个例子说明了在现实世界中不需要它。"
    damaged = text.encode().translate(None, bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]))
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "windows-1252"
    assert repair(decoded.text).text == text


def test_gb18030_with_dashes_and_quotes_is_chinese():
    # "——" reads as U+2014 in GB18030: it once made the text "not mostly Han" (read as
    # Windows-1252)
    text = "# KNN 算法——解释、机会、局限\n\n“最近邻”算法……\n"
    decoded = decode_bytes(text.encode("gb18030"))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_a_big_legacy_file_is_guessed_from_its_start(monkeypatch):
    # the guesses read a megabyte at most (a 41 MB Big5 file took 9.6 s, most of it in
    # listing every non-ASCII character), and the whole file is decoded
    import digestparse.decode as decode

    seen: list[int] = []
    guess = decode.from_bytes

    def watched(data, *args, **kwargs):
        seen.append(len(data))
        return guess(data, *args, **kwargs)

    monkeypatch.setattr(decode, "from_bytes", watched)
    text = (_ABSTRACT["zh-Hant"] + "\n") * 40_000
    decoded = decode_bytes(text.encode("big5"))
    assert (decoded.encoding, decoded.text) == ("big5", text)
    assert seen and max(seen) <= decode._SAMPLE_BYTES < len(text.encode("big5"))


_LEGACY_PIECES = [s.encode(codec, "ignore") for s in _ABSTRACT.values() for codec in ("big5", "shift_jis", "euc-kr", "cp1251", "gb18030", "utf-8")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), st.sampled_from(_LEGACY_PIECES), st.just(b"\n")), max_size=12).map(b"".join))
def test_any_bytes_decode_or_fail_clearly(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(decoded.text, str) and decoded.encoding
    if not decoded.encoding.startswith(("utf-8", "utf-16", "utf-32")) or "replacements" in decoded.encoding:
        assert decoded.warnings  # every fallback says so


@pytest.mark.parametrize("text", ["# 标题\n\n这是中文文本，有很多字。\n第二行。\n", "# Заголовок\n\nЭто русский текст.\n"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_whatever_its_script(text, codec):
    # only ASCII-heavy UTF-16 (a zero byte in every pair) was read; Chinese and Russian were
    # refused as "binary file"
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_a_bom_before_one_bad_sequence_keeps_the_file():
    # one bad byte after a UTF-8 BOM, or a UTF-16 file whose last byte was cut, failed the file
    decoded = decode_bytes(b"\xef\xbb\xbf# A\n\xff\nText.\n")
    assert decoded.text == "# A\n\ufffd\nText.\n" and "replaced by U+FFFD" in decoded.warnings[0]
    cut = decode_bytes(b"\xff\xfe" + "# A\n中文\n".encode("utf-16-le")[:-1])
    assert cut.text.startswith("# A\n中文") and cut.warnings


def test_stray_nul_bytes_are_removed_with_a_warning(tmp_path):
    # a few NUL bytes in a text file (too few to call it binary) stayed in the text, and the
    # Markdown reader made each a U+FFFD: a link row read "P\ufffd\ufffdaper | Code", silently
    data = ("# Papers\n\n" + "The two papers of the week, read and summed up for you. " * 5 + "\n\n## 1. BERT\n\n[Pa\x00\x00per](https://arxiv.org/abs/1810.04805) | [Code](https://github.com/google-research/bert)\n").encode()
    decoded = decode_bytes(data)
    assert "\x00" not in decoded.text and "[Paper](" in decoded.text
    assert any("2 NUL" in warning for warning in decoded.warnings)
    utf16 = decode_bytes(codecs.BOM_UTF16_LE + "# T\n\nA\x00B\n".encode("utf-16-le"))
    assert utf16.text == "# T\n\nAB\n" and utf16.warnings
    (tmp_path / "nul.md").write_bytes(data)
    from digestparse import parse

    doc = parse(tmp_path / "nul.md")
    assert "\ufffd" not in "".join(block.text for block in doc.blocks) and any("NUL" in w for w in doc.warnings)


@pytest.mark.parametrize("data", [b" \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n", " \n".encode("utf-16"),
                                  "\u3000\n".encode("gb18030")])
def test_a_file_of_only_white_space_is_empty(data):
    # it was "ok": an article of its own with no title, no language and the role "translation"
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(data)


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_in_its_last_character_is_read_as_utf8(cut):
    # a UTF-8 file cut off inside its last character (a download or a copy that stopped) was
    # read as Windows-1252 whenever its bytes allowed, and repair then rebuilt the whole text and
    # guessed a character for the cut one: "café “" came back as "café ❁", status "repaired"
    text = "# Papers\n\nThe end — naïve café “"
    decoded = decode_bytes(text.encode()[:-cut])
    assert decoded.text == text[:-1] + "\ufffd"
    assert decoded.encoding == "utf-8 (with replacements)" and "ends inside a character" in decoded.warnings[0]


def test_windows_1252_ending_in_one_accented_letter_stays_windows_1252():
    # (no UTF-8 character before it: the last byte is a letter of Windows-1252, not a cut one)
    assert decode_bytes("The menu of the café".encode("cp1252")).text == "The menu of the café"


_PAGE = ('<!DOCTYPE html>\n<html><head><meta {meta}><title>{title}</title></head>\n'
         '<body><h1>{title}</h1><p><a href="https://arxiv.org/abs/1706.03762">Paper</a></p></body></html>\n')


@pytest.mark.parametrize("meta, codec, title", [
    ('charset="windows-1250"', "cp1250", "Zażółć gęślą jaźń"),
    ('charset=iso-8859-2', "iso8859_2", "Zażółć gęślą jaźń"),
    ('http-equiv="Content-Type" content="text/html; charset=ISO-8859-9"', "cp1254", "İstanbul ığdır"),
    ('charset="iso-8859-7"', "iso8859_7", "Άρθρα"),
    ('charset="gb2312"', "gbk", "深度学习论文"),
])
def test_an_html_page_is_read_in_the_charset_it_declares(meta, codec, title):
    # the declaration was not read: a short Polish, Turkish or Greek page came out as
    # Windows-1252 ("Za¿ó³æ gêœl¹ jaŸñ"), which no repair undoes
    page = _PAGE.format(meta=meta, title=title)
    decoded = decode_bytes(page.encode(codec))
    assert decoded.text == page and "declares" in decoded.warnings[0]


def test_a_charset_declared_outside_an_html_page_or_wrong_is_not_taken():
    # a Markdown post that shows a <meta> tag in its code, and a page whose bytes are no text
    # in the codec it declares, are read as before
    post = "# 编码\n\n```html\n<meta charset=\"iso-8859-1\">\n```\n\n网页要声明它的编码。\n"
    assert decode_bytes(post.encode("gbk")).text == post
    page = _PAGE.format(meta='charset="shift_jis"', title="深度学习论文")
    assert decode_bytes(page.encode("gbk")).text == page


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["# A title\n\nsome English text\n", "# 标题\n\n这是中文文本，有很多字。\n第二行。\n"])
def test_utf16_without_a_bom_cut_in_its_last_character_keeps_the_file(text, codec):
    # one byte short, it failed as a "binary file" (with a BOM it was read with U+FFFD)
    decoded = decode_bytes(text.encode(codec)[:-1])
    assert decoded.text == text[:-1] + "\ufffd" and decoded.encoding == codec and "U+FFFD" in decoded.warnings[0]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["# A title\n\nsome English text\n", "# 标题\n\n这是中文文本 😀\n", "# Заголовок\n\nЭто текст.\n"])
def test_utf32_without_a_bom_is_read(text, codec):
    # its zero bytes made it a "binary file"; with a BOM it was read
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, codec, ())
    cut = decode_bytes(text.encode(codec)[:-1])
    assert (cut.text, cut.encoding) == (text[:-1] + "\ufffd", codec) and "U+FFFD" in cut.warnings[0]
    assert decode_bytes(text.encode("utf-32")).text == text  # (with a BOM, as before)
    assert decode_bytes(text.encode(codec.replace("32", "16"))).encoding == codec.replace("32", "16")


def test_binary_of_32_bit_integers_is_not_utf32():
    # (zero bytes in the same places, but the units are control characters, not text)
    data = b"".join(n.to_bytes(4, "little") for n in range(1, 200))
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)
