import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from claimdesk.core.language import detect_languages
from claimdesk.core.search import to_fts_query


def test_languages_by_script():
    assert detect_languages("The Minister allocated funds.") == ["en"]
    assert detect_languages("Министр выделил средства на школы.") == ["ru"]
    assert detect_languages("Министр мектептерге қаржы бөлді.") == ["kk"]
    mixed = detect_languages("The Minister said. " * 3 + "Министр выделил средства. " * 3)
    assert set(mixed) == {"en", "ru"}
    assert detect_languages("12 345") == []


def test_user_syntax_is_quoted():
    query = to_fts_query('budget AND "1,3 млрд" NEAR(')
    assert query.word_forms == '("budget") AND ("and") AND ("near")'
    assert query.exact == '"1 3 млрд"'
    assert to_fts_query("Sultangaz*").word_forms == '("sultangaz"*)'
    assert not to_fts_query("  ") and not to_fts_query('"" * ,')


@given(st.text())
def test_any_user_text_is_a_valid_fts_query(text):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES ('some text')")
    query = to_fts_query(text)
    for match in (query.word_forms, query.exact):
        if match:
            conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", [match]).fetchone()
