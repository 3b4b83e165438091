import codecs

import pytest

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
