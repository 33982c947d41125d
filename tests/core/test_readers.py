import pytest

from claimdesk.core.model import PasswordRequired, ReaderError
from claimdesk.core.readers import DOCX, EPUB, read_document, sniff_media_type
from claimdesk.core.readers.pdf import page_word_boxes
from tests.factories import make_docx, make_epub, make_pdf

PAGE_ONE = "The Ministry allocated 1.3 billion tenge to the hospital."
PAGE_TWO = "By 2028, 120 clinics will be built in villages."


def test_plain_text_title_date_and_boilerplate():
    data = "Tell a friend\n21 January 2026, 13:00\nGovernment approves plan\nBody text.\n".encode()
    doc = read_document(data, "a.txt")
    assert doc.title == "Government approves plan"
    assert doc.published.value == "2026-01-21T13:00"
    assert [(s.reason, doc.text[s.start:s.end]) for s in doc.boilerplate] == [("furniture", "Tell a friend")]


def test_markdown_is_stored_as_written():
    doc = read_document(b"# Heading\n\nSome *text*.\n", "a.md")
    assert doc.media_type == "text/markdown"
    assert doc.text == "# Heading\n\nSome *text*.\n" and doc.title == "Heading"


def test_html_main_text_metadata_and_no_scripts(no_network):
    html = b"""<!doctype html><html><head><title>Site | Page</title>
    <meta property="og:title" content="Clean water by 2029"><meta property="og:site_name" content="Ministry">
    <meta property="article:published_time" content="2026-04-18T11:00:00+05:00">
    <link rel="canonical" href="https://example.gov/news/1"><script>var secret = 1;</script>
    <style>p{}</style></head><body><nav>Home | News</nav><iframe src="https://x.example/"></iframe>
    <article><h1>Clean water</h1><p>First <b>para</b>graph.</p><!-- hidden --><p>Second<br>line.</p>
    <img src="https://tracker.example/p.gif"></article><footer>(c) Ministry</footer></body></html>"""
    doc = read_document(html, "page.html")
    assert doc.text == "Clean water\nFirst paragraph.\nSecond\nline."
    assert doc.title == "Clean water by 2029" and doc.publisher == "Ministry"
    assert doc.source_url == "https://example.gov/news/1"
    assert doc.published.value == "2026-04-18T11:00"


def test_html_in_a_declared_legacy_charset():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Выделено 5 млрд тенге.</p></body></html>'
    doc = read_document(html.encode("cp1251"), "ru.html")
    assert doc.text == "Выделено 5 млрд тенге." and doc.encoding_method == "declared"


def test_pdf_pages_and_word_boxes_map_to_offsets():
    import pymupdf

    data = make_pdf([PAGE_ONE, PAGE_TWO])
    doc = read_document(data, "r.pdf")
    assert doc.text == PAGE_ONE + "\n\n" + PAGE_TWO
    assert [(p.number, doc.text[p.start:p.end]) for p in doc.pages] == [(1, PAGE_ONE), (2, PAGE_TWO)]
    assert all(not page.words and page.width > 0 for page in doc.pages)  # boxes are found on demand
    with pymupdf.open("pdf", data) as pdf:
        boxes = [page_word_boxes(pdf[p.number - 1], doc.text[p.start:p.end], p.start) for p in doc.pages]
    for page, words in zip(doc.pages, boxes):
        assert words
        for x0, y0, x1, y1, start, end in words:
            assert page.start <= start < end <= page.end and 0 <= x0 < x1 <= page.width and y0 < y1
    assert [doc.text[s:e] for *_b, s, e in boxes[1]] == PAGE_TWO.split()
    assert doc.articles == []  # a paged source is never treated as a digest


def test_encrypted_pdf_needs_its_password():
    data = make_pdf([PAGE_ONE], password="s3cret")
    with pytest.raises(PasswordRequired, match="password is required"):
        read_document(data, "e.pdf")
    with pytest.raises(PasswordRequired, match="wrong password"):
        read_document(data, "e.pdf", password="nope")
    assert read_document(data, "e.pdf", password="s3cret").text == PAGE_ONE


def test_truncated_pdf_is_refused_even_though_mupdf_could_repair_it():
    data = make_pdf([PAGE_ONE, PAGE_TWO, PAGE_ONE])
    with pytest.raises(ReaderError, match="truncated"):
        read_document(data[: len(data) // 2], "t.pdf")


def test_pdf_without_text_is_refused():
    with pytest.raises(ReaderError, match="no extractable text"):
        read_document(make_pdf([""]), "blank.pdf")


def test_docx_paragraphs_and_tables_in_order():
    data = make_docx(["Akim announced KZT 8.2 bln for roads.", "Second paragraph."],
                     table=[["Project", "Cost"], ["Roads", "KZT 8.2 bln"]], title="Roads")
    doc = read_document(data, "d.docx")
    assert doc.media_type == DOCX and doc.title == "Roads"
    assert doc.text == "Akim announced KZT 8.2 bln for roads.\nSecond paragraph.\nProject\tCost\nRoads\tKZT 8.2 bln"


def test_epub_spine_text_without_scripts():
    doc = read_document(make_epub([("One", "First chapter text."), ("Two", "Қазақ тілі.")]), "b.epub")
    assert doc.media_type == EPUB and doc.title == "Test book"
    assert doc.text == "One\nFirst chapter text.\n\nTwo\nҚазақ тілі."
    assert "alert" not in doc.text
    assert doc.published.value == "2026-03-01"


@pytest.mark.parametrize("data,name,message", [
    (b"", "empty.txt", "empty file"),
    (b"\x00\x01\x02binary\x00" * 50, "junk.txt", "binary"),
    (b"hello", "fake.pdf", "not a PDF"),
    (b"hello", "fake.docx", "not a DOCX"),
    (b"PK\x03\x04garbage", "bad.docx", "damaged ZIP"),
    (b"   \n\n  ", "blank.txt", "no text"),
])
def test_bad_files_give_clear_messages(data, name, message):
    with pytest.raises(ReaderError, match=message):
        read_document(data, name)


def test_type_comes_from_the_bytes_not_the_name():
    assert sniff_media_type(make_pdf([PAGE_ONE]), "misnamed.txt") == "application/pdf"
    assert sniff_media_type(b"<!DOCTYPE html><html></html>", "page.txt") == "text/html"
