"""The fact sheet as PDF, laid out by PyMuPDF's Story from the same view-model as the
HTML: DejaVu fonts (Latin, Cyrillic and Kazakh letters), page numbers, a bookmark per
section, selectable text. PyMuPDF is imported here only, when a PDF is asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimdesk.exports.factsheet import FactSheet
from claimdesk.exports.registry import RenderError
from claimdesk.exports.templates import render

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path("/Library/Fonts"), Path("C:/Windows/Fonts"))
PAGE = (595, 842)  # A4 in points
MARGIN = 48
LINE = 14  # points: about one line of body text
CSS = """
@font-face {font-family: body; src: url(DejaVuSans.ttf);}
@font-face {font-family: body; src: url(DejaVuSans-Bold.ttf); font-weight: bold;}
* {font-family: body;}
body {font-size: 10pt; line-height: 1.3;}
h1 {font-size: 18pt; margin-bottom: 4pt;}
h2 {font-size: 13pt; margin-top: 12pt; border-bottom: 1px solid #999;}
h3 {font-size: 11pt; margin-top: 10pt; margin-bottom: 2pt;}
.keyline {margin-bottom: 4pt;}
.figure {margin-top: 6pt;}
.when {color: #555;}
.dispute-head {margin-top: 6pt;}
b.conflicts, b.parts-exceed-total {color: #b00020;}
b.revised {color: #bf5000;}
table.dispute, table.sides {width: 100%;}
td.dispute {padding: 0;}
td.side {width: 50%; vertical-align: top; padding: 3pt; border-left: 2px solid #b00020;}
table.revised td.side {border-left: 2px solid #ef6c00;}
.side-head {color: #555; font-size: 8pt;}
table.keys {width: 100%; font-size: 8.5pt; border-collapse: collapse;}
table.keys th, table.keys td {text-align: left; vertical-align: top; border-bottom: 1px solid #ccc; padding: 1pt 3pt;}
td.subject-row {padding-top: 5pt; border-bottom: 1.5px solid #0b5cad;}
p {margin: 2pt 0;}
.statement {font-weight: bold; margin-top: 8pt;}
.meta {color: #555; font-size: 8.5pt;}
.quote {background-color: #f3f3f3; padding: 3pt;}
.flag, .draft {color: #b00020;}
"""


class PdfFontError(RenderError):
    pass


class _RowTooTall(Exception):
    """A table row (a side-by-side dispute) taller than a page: MuPDF would move it to the
    next page for ever, so the sheet is laid out again without tables."""


def _font_dir() -> Path:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            return folder
    raise PdfFontError("the PDF needs the DejaVu Sans fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core)")


def render_pdf(sheet: FactSheet) -> bytes:
    import pymupdf

    try:
        pages, headings = _lay_out(sheet, tables=True)
    except _RowTooTall:  # e.g. a conflict between two very long quotes: its sides are stacked instead
        pages, headings = _lay_out(sheet, tables=False)
    document: Any = pymupdf.open("pdf", pages)  # PyMuPDF (partly typed: iterating is not)
    fonts = _font_dir()
    for number, page in enumerate(document, 1):
        footer = f"{sheet.title} · page {number} of {document.page_count}" + (" · DRAFT" if sheet.draft else "")
        page.insert_text((MARGIN, PAGE[1] - MARGIN + 10), footer, fontsize=7.5, fontname="dejavu",
                         fontfile=str(fonts / "DejaVuSans.ttf"), color=(0.35, 0.35, 0.35))
    document.set_toc([[level, title, page_num, {"kind": pymupdf.LINK_GOTO, "page": page_num - 1,
                                                 "to": pymupdf.Point(MARGIN, top)}]
                      for level, title, page_num, top in headings])
    document.subset_fonts()  # embed only the glyphs used (the full DejaVu faces weigh ~1 MB)
    document.set_metadata({"title": sheet.title, "creator": "Claimdesk", "producer": "Claimdesk",
                           "creationDate": "", "modDate": ""})
    return document.tobytes(garbage=3, deflate=True, no_new_id=True)


def _lay_out(sheet: FactSheet, tables: bool) -> tuple[bytes, list[tuple[int, str, int, float]]]:
    """The pages (without footers) and the headings for the bookmarks."""
    import io

    import pymupdf

    archive = pymupdf.Archive(str(_font_dir()))
    story = pymupdf.Story(html=render("factsheet.story.j2", sheet=sheet, tables=tables), user_css=CSS,
                          archive=archive)
    headings: list[tuple[int, str, int, float]] = []
    # a heading that wraps comes back with its lines run together ("figuresacross"), so the
    # bookmarks of the long ones are named from the sheet
    names = {"top": sheet.title, **{f"subject-{s.subject_id}": s.name for s in sheet.subjects},
             **{f"measure-{m.about.measure_id}": m.headline for s in sheet.subjects for m in s.measures}}

    def collect(position: Any) -> None:  # a pymupdf Story element position (untyped)
        if position.heading in (1, 2, 3) and position.open_close & 1 and position.text:
            title = names.get(position.id) or position.text.strip()
            headings.append((position.heading, title, position.page_num, position.rect[1]))

    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    frame = pymupdf.Rect(MARGIN, MARGIN, PAGE[0] - MARGIN, PAGE[1] - MARGIN - 14)
    more, page_number, overflow, repeats = True, 0, None, 0
    while more:
        page_number += 1
        device = writer.begin_page(pymupdf.Rect(0, 0, *PAGE))
        more, filled = story.place(frame)
        # text flowing on reports the same slight overflow (a line) page after page; a table
        # row taller than the frame reports the same large one and never gets placed
        repeats = repeats + 1 if more and tuple(filled) == overflow else 0
        overflow = tuple(filled) if more and filled[3] > frame.y1 else None
        if tables and (repeats >= 25 or (repeats >= 2 and filled[3] - frame.y1 > 3 * LINE)):
            raise _RowTooTall()
        story.element_positions(collect, {"page_num": page_number})
        story.draw(device)
        writer.end_page()
    writer.close()
    return buffer.getvalue(), headings
