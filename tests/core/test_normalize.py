import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from claimdesk.core.normalize import normalise_text


def test_line_ends_become_lf():
    assert normalise_text("a\r\nb\rc\u2028d\x0ce") == "a\nb\nc\nd\ne"


def test_nfc_and_controls():
    decomposed = "и\u0306 e\u0301"
    assert normalise_text("\ufeff" + decomposed + "\x00\x07") == "й é"


def test_tabs_and_blank_lines_are_kept():
    assert normalise_text("a\tb\n\n  c") == "a\tb\n\n  c"


@given(st.text())
def test_normalisation_is_idempotent_and_nfc(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
