"""Folding, stems and hit finding behind search by word forms (core/word_forms.py,
core/search.py); the searches themselves are in tests/ops/test_search_forms.py."""

from claimdesk.core.search import locate, to_fts_query
from claimdesk.core.word_forms import fold, index_terms, kazakh_stem, word_terms


def test_folding_is_one_letter_for_one_letter():
    kazakh = "ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё"
    assert fold(kazakh) == "ааггккннооууууххииее"
    assert len(fold(kazakh)) == len(kazakh)
    assert fold("Café Ünïon") == "cafe union"
    assert fold("йЙ") == "йй"  # й is a letter of its own, not и with a mark


def test_kazakh_endings_come_off_outermost_first():
    assert kazakh_stem(fold("мектептерді")) == "мектеп"
    assert kazakh_stem(fold("облыстарда")) == "облыс"
    assert kazakh_stem(fold("Қазақстанның")) == "казакстан"
    assert kazakh_stem(fold("теңгеге")) == "тенге"
    assert kazakh_stem(fold("теңге")) == "тенге"  # not тең + dative
    assert kazakh_stem(fold("үйлер")) == "уйлер"  # үй is shorter than any stem it would cut to


def test_kazakh_stems_only_where_kazakh_is_written():
    assert "мектеп" in word_terms("мектептер", kazakh=True)
    assert "мектеп" not in word_terms("мектептер", kazakh=False)
    assert "мектеп" in word_terms("мектептерді", kazakh=False)  # і: Kazakh whatever the document
    assert "дол" not in index_terms("Доллар бағамы", '["ru"]').split()
    assert "дол" in index_terms("Доллар", '["kk"]').split()  # the stripper's price: -лар looks plural
    assert index_terms("мектептер", '["kk"]') == index_terms("мектептер", None) == "мектептер мектеп"


def test_query_words_become_alternatives_and_quotes_stay_exact():
    query = to_fts_query('предусмотрен "Отчёт акимата" фонд*')
    assert query.word_forms == '("предусмотр"*) AND ("фонд"*)'
    assert query.exact == '"Отчёт акимата"'
    assert to_fts_query("schools").word_forms == '("school" OR "schools")'
    assert to_fts_query("Нұр-Сұлтан 12,4*").word_forms == 'NEAR("нур" "султан", 2) AND NEAR("12" "4"*, 2)'


def test_locate_marks_every_form_and_the_first_one_opens():
    text = "Выделено 5 млрд тенге. Часть средств предусмотрена на школы, остальное предусмотрено на дороги."
    found = locate(text, to_fts_query("предусмотренный"))
    assert text[found.offset:].startswith("предусмотрена")
    assert "[предусмотрена]" in found.snippet and "[предусмотрено]" in found.snippet
    assert found.snippet == "…тенге. Часть средств [предусмотрена] на школы, остальное [предусмотрено] на дороги"


def test_locate_without_a_hit_in_the_text_shows_its_start():
    found = locate("Первые слова текста и ещё несколько слов после них, всего больше двенадцати слов тут.",
                   to_fts_query("бюджет"))
    assert found.offset is None
    assert found.snippet.startswith("Первые слова") and found.snippet.endswith("…") and "[" not in found.snippet


def test_exact_phrase_is_found_across_punctuation_and_case():
    text = "Сумма: 12 МЛРД, тенге; затем 12 млрд долларов."
    found = locate(text, to_fts_query('"12 млрд тенге"'))
    assert found.offset == text.index("12") and "[12 МЛРД, тенге]" in found.snippet


def test_repeated_words_count_once_and_a_long_query_uses_its_first_words():
    from claimdesk.core.search import MAX_QUERY_TERMS, to_fts_query

    assert to_fts_query("tenge " * 500) == to_fts_query("tenge")
    assert to_fts_query("a* " * 3000) == to_fts_query("a*")
    many = to_fts_query(" ".join(f"word{i}" for i in range(1000)))
    assert len(many.words) == MAX_QUERY_TERMS and many.word_forms.count(" AND ") == MAX_QUERY_TERMS - 1
