import codecs

import pytest

from claimdesk.core.encoding import decode_text
from claimdesk.core.model import ReaderError

RUSSIAN = "Министр сообщил, что выделено 1,3 млрд тенге на ремонт школ."
KAZAKH = "Министр мектептерге 2,5 трлн теңге бөлінетінін айтты. Ғылым және өнер."


def test_utf8_without_bom():
    assert decode_text(RUSSIAN.encode()).encoding == "utf-8"


def test_utf8_with_bom_is_stripped_by_normalisation_and_reported():
    decoded = decode_text(codecs.BOM_UTF8 + RUSSIAN.encode())
    assert (decoded.encoding, decoded.method) == ("utf-8", "bom")
    assert decoded.text == RUSSIAN


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_by_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_text(bom + KAZAKH.encode(codec))
    assert decoded.text == KAZAKH and decoded.method == "bom"


@pytest.mark.parametrize("codec,text", [
    ("cp1251", RUSSIAN),
    ("koi8_r", RUSSIAN),
    ("koi8_r", "Выделено 5 млрд тенге."),  # short KOI8-R: where charset-normalizer guesses wrong
    ("kz1048", KAZAKH),
    ("kz1048", "Ғылым қоры: 3 млрд теңге."),
])
def test_legacy_cyrillic_detected(codec, text):
    decoded = decode_text(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codecs.lookup(codec).name
    assert decoded.method == "detected"


def test_override_wins_and_is_recorded():
    decoded = decode_text(RUSSIAN.encode("cp1251"), override="koi8-r")
    assert decoded.encoding == "koi8-r" and decoded.method == "override"


def test_unknown_override_is_a_clear_error():
    with pytest.raises(ReaderError, match="unknown encoding"):
        decode_text(b"abc", override="no-such-codec")


def test_binary_data_is_refused():
    with pytest.raises(ReaderError, match="binary"):
        decode_text(bytes(range(256)) * 4)


def test_every_cyrillic_code_page_is_told_apart():
    from claimdesk.core.encoding import decode_text

    text = "Министерство выделило 1,3 млрд тенге на ремонт школ и больниц в районе."
    for codec in ("cp1251", "koi8_r", "iso8859_5", "cp866", "mac_cyrillic"):
        decoded = decode_text(text.encode(codec))
        assert decoded.text == text, codec
    assert decode_text("Café budget for the école.".encode("latin-1")).text == "Café budget for the école."
