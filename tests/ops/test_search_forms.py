"""Search finds word forms (Russian, Kazakh, English), folds ё and the Kazakh letters, and
keeps exact words in quotes; hits open at the form written in the text (issue 13, item 8)."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import ClaimFilter, CreateClaim, EditClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import documents as document_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ops.projects import new_project
from claimdesk.ops.search import search_everywhere

# Sentences written for these tests.
TEXTS = {
    "ru-roads.txt": "Итоги квартала\n\nНа ремонт дорог предусмотрено 12 млрд тенге из местного бюджета.",
    "ru-boiler.txt": "Отчёт акимата\n\nСредства, предусмотренных программой, направят на новую котельную. "
                     "Всё учтено.",
    "ru-square.txt": "Новости города\n\nЕлка на площади появится к празднику.",
    "kk-repairs.txt": "Аудан жаңалықтары\n\nАуылдағы мектептерді жөндеуге үш миллиард теңге бөлінді.",
    "kk-new.txt": "Облыс жаңалықтары\n\nБиыл облыста жаңа мектеп салынады, құрылысқа қаржы бөлінді.",
    "kk-kit.txt": "Өңір жаңалықтары\n\nӨңірдегі мектептер жаңа жабдықпен қамтамасыз етілді.",
    "en-schools.txt": "Education update\n\nThe ministry funded two schools in the northern district.",
    "ru-summary.txt": "Сводка\n\nВ Нур-Султане объём работ вырос на 12,4 процента, в 4 районах ниже.",
}


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with new_project(folder / "forms.claimdesk") as project:
        report = import_paths(project, sorted(folder.glob("*.txt")))
        assert report.ok
        yield project


def found(project, query: str) -> set[str]:
    return {project.db.execute("SELECT file_name FROM documents WHERE id = ?", [hit.document_id]).fetchone()[0]
            for hit in document_ops.search(project, query)}


@pytest.mark.parametrize("query", ["предусмотрен", "предусмотрено", "ПРЕДУСМОТРЕННЫХ"])
def test_russian_forms_find_each_other(searchable, query):
    assert found(searchable, query) == {"ru-roads.txt", "ru-boiler.txt"}


@pytest.mark.parametrize("query", ["тенге", "теңге", "ТЕҢГЕ"])
def test_tenge_is_found_in_either_spelling(searchable, query):
    assert found(searchable, query) == {"ru-roads.txt", "kk-repairs.txt"}


def test_yo_and_ye_are_one_letter(searchable):
    assert found(searchable, "отчет") == {"ru-boiler.txt"}
    assert found(searchable, "всё учтено") == {"ru-boiler.txt"}
    assert found(searchable, "ёлка") == {"ru-square.txt"}


@pytest.mark.parametrize("query", ["мектеп", "мектептер", "мектептерді", "МЕКТЕПТЕРДІ"])
def test_kazakh_forms_find_each_other(searchable, query):
    assert found(searchable, query) == {"kk-repairs.txt", "kk-new.txt", "kk-kit.txt"}


def test_english_forms_as_snowball_stems_them(searchable):
    assert found(searchable, "school") == {"en-schools.txt"}
    assert found(searchable, "funding") == {"en-schools.txt"}  # funding, funded -> fund
    assert found(searchable, "funds ministries") == {"en-schools.txt"}
    assert found(searchable, "fundamental") == set()  # Snowball: fundament, not fund


def test_quotes_mean_the_exact_words(searchable):
    assert found(searchable, '"предусмотрено"') == {"ru-roads.txt"}
    assert found(searchable, '"предусмотрен"') == set()
    assert found(searchable, '"теңге"') == {"kk-repairs.txt"}  # exact: not folded either
    assert found(searchable, '"тенге"') == {"ru-roads.txt"}
    assert found(searchable, '"Отчёт акимата"') == {"ru-boiler.txt"}
    assert found(searchable, '"отчет"') == set()
    assert found(searchable, '"12 млрд тенге" бюджет') == {"ru-roads.txt"}
    assert found(searchable, '"млрд 12"') == set()


def test_a_word_of_several_parts_keeps_them_together(searchable):
    assert found(searchable, "12,4") == {"ru-summary.txt"}  # not ru-roads: 12, but no 4 beside it
    assert found(searchable, '"12,4"') == {"ru-summary.txt"}
    assert found(searchable, "Нұр-Сұлтан") == {"ru-summary.txt"}  # folded, the parts side by side
    assert found(searchable, "12,5") == set()


def test_prefixes_match_folded_words(searchable):
    assert found(searchable, "мектептерд*") == {"kk-repairs.txt"}
    assert found(searchable, "предусм*") == {"ru-roads.txt", "ru-boiler.txt"}
    assert found(searchable, "fundin*") == set()  # no word begins so; stems are fund


def test_hits_open_at_the_form_in_the_text_and_snippets_mark_it(searchable):
    for query, written in [("предусмотрен", "предусмотренных"), ("отчет", "Отчёт"), ("котельная", "котельную")]:
        hit = next(h for h in search_everywhere(searchable, query) if h.title == "Отчёт акимата")
        text = document_ops.document_text(searchable, hit.document_id)
        assert text[hit.offset:hit.offset + len(written)] == written
        assert f"[{written}]" in hit.snippet
    kazakh = next(h for h in search_everywhere(searchable, "тенге") if h.title == "Аудан жаңалықтары")
    assert "[теңге]" in kazakh.snippet


def test_claim_quotes_and_notes_are_found_by_their_forms(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    text = "На ремонт дорог предусмотрено 12 млрд тенге из местного бюджета."
    (folder / "roads.txt").write_text(text, encoding="utf-8")
    with new_project(tmp_path / "claims.claimdesk") as project:
        assert import_paths(project, [folder / "roads.txt"]).ok
        stored = project.db.execute("SELECT text FROM documents").fetchone()[0]
        start = stored.index("12 млрд")
        claim_id = claim_ops.apply_command(project, CreateClaim(1, "funding", start, start + 13)).claim_id
        claim_ops.apply_command(project, EditClaim(claim_id, {"note": "сверено с решением маслихата"}))

        def filtered(query):
            return claim_ops.claim_ids(project, ClaimFilter(text=query))

        assert filtered("теңге") == [claim_id]
        assert filtered('"теңге"') == []
        assert filtered("решения маслихатов") == [claim_id]
        hits = search_everywhere(project, "маслихата сверен*")
        assert [(h.source, h.claim_id, h.offset) for h in hits if h.source == "claim"] == [("claim", claim_id, start)]
        assert "[маслихата]" in hits[0].snippet
        claim_ops.apply_command(project, EditClaim(claim_id, {"note": "проверено"}))
        assert filtered("маслихат") == [] and filtered("проверка") == [claim_id]
