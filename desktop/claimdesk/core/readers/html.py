"""HTML: the article's main text and its metadata, from a real parser (lxml).

Scripts, styles, comments, forms and navigation are dropped; the parser is told never
to touch the network, and nothing the page references (images, frames, stylesheets)
is fetched. The main text is the <article> or <main> element when the page has one,
else the element holding the most paragraph text, else the body.

libxml2 stops at a nesting depth (256, or 2048 with ``huge_tree``) and silently drops
the rest of the page. A page nested deeper is flattened first: elements below
``KEPT_DEPTH`` lose their tags (blocks become line breaks) and keep their text, so
nothing is cut; should the parser still report the depth, the file fails, never
imports half.
"""

from __future__ import annotations

import re
from typing import Any

from claimdesk.core.dates import parse_date_string
from claimdesk.core.encoding import decode_text
from claimdesk.core.model import ParsedDocument, ReaderError
from claimdesk.core.normalize import collapse_spaces, normalise_text

Element = Any  # an lxml.html element (lxml ships no type information)

_DROP = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
         "svg", "canvas", "nav", "header", "footer", "aside", "form", "button", "select", "textarea",
         "head", "link", "meta", "audio", "video", "picture", "img", "dialog", "menu")
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "table", "tr", "blockquote", "pre", "figure", "figcaption", "dd", "dt", "dl", "address",
           "caption", "thead", "tbody", "hr", "center"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
KEPT_DEPTH = 200
_XML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_DATE_META = ("article:published_time", "og:published_time", "date", "pubdate", "publishdate",
              "dc.date", "dc.date.issued", "dcterms.date", "datepublished", "sailthru.date")


def read_html(data: bytes, encoding: str | None = None) -> ParsedDocument:
    source, used, method = _decode(data, encoding)
    root = parse_untruncated(source)
    meta = _metadata(root)
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    main = _main_element(root if body is None else body)
    text = normalise_text(block_text(main))
    return ParsedDocument(
        text=text, media_type="text/html", encoding=used, encoding_method=method,
        title=meta["title"], publisher=meta["publisher"], source_url=meta["url"],
        published=parse_date_string(meta["date"]) if meta["date"] else None,
        metadata={k: v for k, v in meta.items() if v and k not in ("title", "publisher", "url")},
    )


def parse_untruncated(source: str | bytes) -> Element:
    """The page's tree, whole: flattened below KEPT_DEPTH when libxml2 would cut it."""
    from lxml import etree, html

    # controls XML cannot hold: lxml parses them, then refuses them when drop_tree moves a tail
    source = _XML_CONTROLS.sub("", source) if isinstance(source, str) else _XML_CONTROL_BYTES.sub(b"", source)
    for attempt in (source, None):
        if attempt is None:  # EPUB chapters come as bytes, UTF-8 by the standard
            attempt = flatten_deep_nesting(source if isinstance(source, str) else source.decode("utf-8", "replace"))
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
        try:
            root = html.document_fromstring(attempt, parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise ReaderError(f"unreadable HTML ({exc})") from None
        if not any("Excessive depth" in entry.message for entry in parser.error_log):
            return root
    raise ReaderError("HTML nested too deeply to read whole; not imported rather than cut short")


def flatten_deep_nesting(source: str) -> str:
    """The page with every element deeper than KEPT_DEPTH reduced to its text (a block
    to a line break), through the standard library's tokenizer, which keeps no tree."""
    from html import escape
    from html.parser import HTMLParser

    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, written out)

    class Flattener(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            kept = len(stack) < KEPT_DEPTH
            if kept:
                written = "".join(f' {k}="{escape(v or "", quote=True)}"' for k, v in attrs)
                out.append(f"<{tag}{written}>")
            elif tag in _BLOCKS or tag == "br":
                out.append("<br>")
            if tag not in _VOID:
                stack.append((tag, kept))

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID and stack and stack[-1][0] == tag:
                self.handle_endtag(tag)

        def handle_endtag(self, tag: str) -> None:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == tag:
                    for name, kept in reversed(stack[index:]):
                        if kept:
                            out.append(f"</{name}>")
                        elif name in _BLOCKS:
                            out.append("<br>")
                    del stack[index:]
                    return

        def handle_data(self, data: str) -> None:
            tag = stack[-1][0] if stack else ""
            out.append(data if tag in ("script", "style") else escape(data, quote=False))

        def handle_decl(self, decl: str) -> None:
            out.append(f"<!{decl}>")

    flattener = Flattener(convert_charrefs=True)
    flattener.feed(source)
    flattener.close()
    return "".join(out)


def _decode(data: bytes, override: str | None) -> tuple[str, str, str]:
    if override:
        decoded = decode_text(data, override)
        return decoded.text, decoded.encoding, decoded.method
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name.lower(), "declared"
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    decoded = decode_text(data)
    return decoded.text, decoded.encoding, decoded.method


def _metadata(root: Element) -> dict[str, str]:
    def meta(*names: str) -> str:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                found = root.xpath(f"//meta[translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                                   f"'abcdefghijklmnopqrstuvwxyz')=$n]/@content", n=name)
                if found and found[0].strip():
                    return collapse_spaces(found[0])
        return ""

    title = meta("og:title", "twitter:title") or collapse_spaces(root.findtext(".//title") or "")
    if not title:
        h1 = root.find(".//h1")
        title = collapse_spaces(h1.text_content()) if h1 is not None else ""
    canonical = root.xpath("//link[@rel='canonical']/@href")
    date = meta(*_DATE_META)
    if not date:
        stamps = root.xpath("//time/@datetime")
        date = stamps[0] if stamps else ""
    return {
        "title": title,
        "publisher": meta("og:site_name", "publisher", "application-name"),
        "url": (canonical[0].strip() if canonical else "") or meta("og:url"),
        "date": date,
        "author": meta("author", "article:author"),
        "description": meta("description", "og:description"),
    }


def _main_element(body: Element) -> Element:
    for path in (".//article", ".//main", ".//*[@role='main']"):
        found = body.findall(path)
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    best, best_score = body, 0
    for element in body.iter("div", "section", "td"):
        score = sum(len(p.text_content()) for p in element.findall("p"))
        if score > best_score:
            best, best_score = element, score
    whole = sum(len(p.text_content()) for p in body.iter("p"))
    return best if best_score >= 0.6 * whole and best_score > 0 else body


def block_text(element: Element) -> str:
    """The element's text, a line per block, walked without recursion (a page may nest
    its elements thousands deep)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = collapse_spaces("".join(current))
        if line:
            lines.append(line)
        current.clear()

    _CLOSE = object()
    todo: list[Any] = [element]  # elements, and (marker, element) where one ends
    while todo:
        node = todo.pop()
        if isinstance(node, tuple):  # (marker, element): the element ends here
            _, ended = node
            tag = ended.tag if isinstance(ended.tag, str) else ""
            if tag in ("td", "th"):
                current.append(" ")
            elif tag in _BLOCKS:
                flush()
            if ended is not element and ended.tail:
                current.append(ended.tail)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br" or tag in _BLOCKS:
            flush()
        if node.text:
            current.append(node.text)
        todo.append((_CLOSE, node))
        todo.extend(reversed(list(node)))
    flush()
    return "\n".join(lines)
