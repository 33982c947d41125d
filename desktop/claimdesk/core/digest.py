"""Splits a digest page (several dated articles on one page) into its articles.

An article opens with a dateline such as "06.01.2026, 17:12 50396" (date, time, view
count) followed by its headline. The page counts as a digest when at least two
datelines are each followed by a headline. An article runs to the next dateline; the
last one stops at its reproduction notice when it has one, or before a furniture
heading such as "Most viewed", so the page's own chrome is not part of any article.
"""

from __future__ import annotations

from claimdesk.core.boilerplate import DATELINE, classify_line, is_furniture_heading, iter_lines
from claimdesk.core.dates import detect_published
from claimdesk.core.model import Article, Span

MIN_ARTICLES = 2
Line = tuple[int, int, str]  # (start, end, text) as boilerplate.iter_lines gives them


def split_digest(text: str, boilerplate: list[Span]) -> list[Article]:
    lines = list(iter_lines(text))
    openings: list[tuple[int, int, int]] = []  # (index of dateline, where the article starts, headline line)
    for i, (start, _end, line) in enumerate(lines):
        match = DATELINE.match(line)
        headline_at = _headline_after(lines, i) if match else None
        if match and headline_at is not None:
            openings.append((i, start + match.start(1), headline_at))
    if len(openings) < MIN_ARTICLES:
        return []
    articles = []
    for n, (index, start, headline_at) in enumerate(openings):
        if n + 1 < len(openings):
            end = _trim_end(text, lines[openings[n + 1][0]][0])
        else:
            end = _end_of_last(lines, index)
        headline = lines[headline_at][2].strip()
        dateline = text[start:lines[index][1]]
        articles.append(Article(
            start=start,
            end=end,
            title=headline,
            published=detect_published(dateline),
            boilerplate=[Span(s.start - start, s.end - start, s.reason)
                         for s in _clip(boilerplate, start, end)],
        ))
    return articles


def _headline_after(lines: list[Line], index: int) -> int | None:
    for j in range(index + 1, min(index + 4, len(lines))):
        line = lines[j][2]
        if not line.strip():
            continue
        return j if classify_line(line) is None else None
    return None


def _end_of_last(lines: list[Line], index: int) -> int:
    end = lines[index][1]
    for _start, line_end, line in lines[index + 1:]:
        if is_furniture_heading(line):
            break
        if line.strip():
            end = line_end
        if classify_line(line) == "notice" and line.lower().lstrip().startswith(("this information", "copyright", "©")):
            break
    return end


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in "\n ":
        end -= 1
    return end


def _clip(spans: list[Span], start: int, end: int) -> list[Span]:
    return [Span(max(s.start, start), min(s.end, end), s.reason) for s in spans if s.start < end and s.end > start]
