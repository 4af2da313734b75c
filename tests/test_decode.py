import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.collect.decode import declared_charset, decode_bytes, is_binary
from nlp.errors import InputError

TEXT = "Small caps “rallied” 2.3% — René’s desk says"


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_bom_decides_the_encoding(encoding: str, bom: bytes) -> None:
    assert decode_bytes(bom + TEXT.encode(encoding), "a.txt") == TEXT


def test_plain_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "a.txt") == TEXT


def test_windows_1252_is_decoded_without_mojibake() -> None:
    decoded = decode_bytes(TEXT.encode("cp1252"), "a.txt")
    assert decoded == TEXT
    assert "â€" not in decoded


def test_html_declared_charset_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-15"></head><body>Prix: 5 €</body></html>'
    assert "5 €" in decode_bytes(page.encode("iso-8859-15"), "p.html", html=True)


def test_latin1_label_means_windows_1252() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">“quoted”'
    assert declared_charset(page.encode("cp1252")) == "cp1252"
    assert "“quoted”" in decode_bytes(page.encode("cp1252"), "p.html", html=True)


def test_binary_data_is_refused_with_the_file_name() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: binary data"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "x.txt")


def test_bytes_no_encoding_accepts_are_refused() -> None:
    # 0x81 and 0x8d are invalid UTF-8 and unassigned in Windows-1252
    with pytest.raises(InputError, match="undecodable bytes"):
        decode_bytes(b"Small caps \x81\x8d rose", "bad.txt")


def test_text_is_not_binary() -> None:
    assert not is_binary(TEXT.encode("utf-8"))
    assert is_binary(b"abc\x00def")


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data, "fuzz.txt", html=True), str)
    except InputError as err:
        assert str(err).startswith("fuzz.txt: ")
