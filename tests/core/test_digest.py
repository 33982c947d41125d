from claimdesk.core.boilerplate import find_boilerplate
from claimdesk.core.digest import split_digest
from claimdesk.core.readers import read_document
from tests.conftest import SAMPLES

SEED_DIGEST_DATES = ["2026-01-07T16:50", "2026-01-08T11:40", "2026-01-07T12:20", "2026-01-06T20:54",
                     "2026-01-06T17:12", "2026-01-06T16:47", "2026-01-06T15:40", "2026-01-06T13:20",
                     "2026-01-06T12:10"]


def test_seed_digest_splits_into_nine_dated_articles(seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    doc = read_document(path.read_bytes(), path.name)
    assert len(doc.articles) == 9
    assert [a.published.value for a in doc.articles] == SEED_DIGEST_DATES
    assert doc.articles[0].title.startswith("North Kazakhstan modernizes health infrastructure")
    assert doc.articles[3].title == "Kazakhstan tests AlemGPT AI platform for public services"
    for article in doc.articles:
        body = doc.text[article.start:article.end]
        assert body.splitlines()[1] == article.title
        assert "Most viewed" not in body
        assert "Tell a friend" not in [line for line in body.splitlines() if not _marked(article, body, line)]
    assert doc.text.rstrip().endswith(doc.text[doc.articles[-1].end:].rstrip())  # page chrome stays outside


def _marked(article, body, line):
    at = body.find(line)
    return any(s.start <= at < s.end for s in article.boilerplate)


def test_articles_never_overlap_and_keep_order(seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    doc = read_document(path.read_bytes(), path.name)
    ends = [0] + [x for a in doc.articles for x in (a.start, a.end)]
    assert ends == sorted(ends)


def test_other_seeds_are_not_digests(seeds_dir):
    for path in sorted(seeds_dir.glob("00[1-4]_*.txt")):
        assert read_document(path.read_bytes(), path.name).articles == []


def test_sample_digest_and_its_furniture():
    path = SAMPLES / "03-regional-digest.txt"
    doc = read_document(path.read_bytes(), path.name)
    assert [a.title for a in doc.articles] == [
        "Tobylsay region to build three new schools by 2027",
        "Water pipelines reach 14 more villages",
        "Deputy Minister of Agriculture visits grain terminal"]
    reasons = {doc.text[s.start:s.end]: s.reason for s in doc.boilerplate}
    assert reasons["Tell a friend"] == "furniture"
    assert reasons["relevant news"] == "furniture"
    assert reasons["Images | Steppe Wire"] == "notice"
    assert reasons["12.05.2026, 09:15 1204"] == "dateline"
    assert any(r == "headline list" for r in reasons.values())


def test_one_dateline_is_not_a_digest():
    text = "07.01.2026, 16:50 120\nHeadline\nBody.\n"
    assert split_digest(text, find_boilerplate(text)) == []


def test_every_whole_line_furniture_phrase_fits_the_length_pretest():
    import re

    from claimdesk.core import boilerplate

    phrases = re.search(r"\^\((.*)\)\\s\*:\?\$", boilerplate._WHOLE_LINE.pattern, re.S).group(1).split("|")
    assert max(len(p) for p in phrases) + 2 <= boilerplate._LONGEST_FURNITURE
    for phrase in ("Read more:", "Поделиться", "Most viewed"):
        assert boilerplate.classify_line(phrase) == "furniture"
    assert boilerplate.classify_line("12.05.2026, 10:15 First headline 12.05.2026, 11:20 Second") == "headline list"
