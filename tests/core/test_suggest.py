"""The detectors on sentences written in the genre (not taken from any seed)."""

import pytest

from claimdesk.core.model import Span
from claimdesk.core.names import name_key, similarity
from claimdesk.core.quantity import Quantity
from claimdesk.core.suggest import Suggestion, suggest
from claimdesk.core.suggest.clauses import sentences
from claimdesk.core.suggest.officials import find_officials
from claimdesk.core.suggest.results import OfficialMention


def _kinds(text, published="2026-03-01"):
    return [(s.kind, s.fields.get("amount") or s.fields.get("quantity") or s.fields.get("value")
             or s.fields.get("name"), text[s.start:s.end]) for s in suggest(text, (), published)]


@pytest.mark.parametrize("sentence, kind, value", [
    ("The akimat has allocated 4.2 billion tenge for the new bridge.", "funding", "4200000000"),
    ("Exports reached USD 310 million last year.", "funding", "310000000"),
    ("Forty schools will be built by 2030.", "target", "40"),
    ("It is planned to open 15 new kindergartens in 2027.", "target", "15"),
    ("The ministry aims to train 12,000 teachers.", "target", "12000"),
    ("About 3,400 families received housing last year.", "statistic", "3400"),
    ("Unemployment fell to 4.6%.", "statistic", "4.6"),
    ("В 2027 году будет построено 25 школ.", "target", "25"),
])
def test_kind_of_a_figure(sentence, kind, value):
    found = [(k, v) for k, v, _ in _kinds(sentence)]
    assert (kind, value) in found


def test_past_years_are_statistics_and_future_years_targets():
    assert _kinds("By the end of 2025, 900 villages had been connected.")[0][0] == "statistic"
    assert _kinds("By 2028, 900 villages will be connected.")[0][0] == "target"


def test_a_participle_clause_inherits_the_plan_of_its_sentence():
    found = _kinds("Cables are planned to reach 5,000 homes, improving access for 20,000 people.")
    assert [k for k, v, _ in found if v == "20000"] == ["target"]


def test_clause_spans_stay_inside_one_sentence():
    text = "The shortage fell by 12%, of nurses by 4%. Next year 30 clinics will open."
    spans = [quote for _, _, quote in _kinds(text)]
    assert spans == ["The shortage fell by 12%", "of nurses by 4%", "Next year 30 clinics will open"]


def test_boilerplate_is_skipped():
    text = "07.01.2026, 16:50 2310\nThe fund allocated 2 billion tenge."
    assert [s.kind for s in suggest(text, [Span(0, 22, "dateline")], "2026-01-07")] == ["funding"]


@pytest.mark.parametrize("text, name, position", [
    ("Minister of Energy Almas Sadykov said", "Almas Sadykov", "Minister of Energy"),
    ("First Vice Minister of Trade and Integration Dana Ermekova noted", "Dana Ermekova",
     "First Vice Minister of Trade and Integration"),
    ("Deputy Prime Minister – Minister of Finance Bolat Zhamishev spoke", "Bolat Zhamishev",
     "Deputy Prime Minister – Minister of Finance"),
    ("Akim of Turkistan Region Nurlan Kaliyev visited", "Nurlan Kaliyev", "Akim of Turkistan Region"),
    ("with Akim of Abai region Nurlan Urankhayev", "Nurlan Urankhayev", "Akim of Abai region"),
    ("Rector of the State Medical University Erlan Omarov", "Erlan Omarov", "Rector of the State Medical University"),
    ("Aliya Sarsen, Deputy Minister of Justice, said", "Aliya Sarsen", "Deputy Minister of Justice"),
    ("Marat Tulegenov named new Deputy Energy Minister", "Marat Tulegenov", "Deputy Energy Minister"),
    ("Министр финансов Мадина Абылкасымова заявила", "Мадина Абылкасымова", "Министр финансов"),
])
def test_official_positions_and_names(text, name, position):
    found = find_officials(text)
    assert [(f.name, f.position) for f in found] == [(name, position)]


def test_a_position_without_a_name_is_not_an_official():
    assert find_officials("the First Deputy Minister emphasized that the Minister of Finance agreed") == []


def test_each_person_is_suggested_once_per_document():
    text = ("Minister of Energy Almas Sadykov opened the plant. Later Minister of Energy Almas Sadykov "
            "met investors.")
    assert [k for k, *_ in _kinds(text)].count("official") == 1


def test_sentences_do_not_break_at_abbreviations_or_wrapped_lines():
    text = "Dr. Aida Bek said the No. 5 plan works.\nIt reached\nmost homes.\n1,200 homes wait"
    assert [text[a:b] for a, b in sentences(text)] == ["Dr. Aida Bek said the No. 5 plan works",
                                                       "It reached\nmost homes", "1,200 homes wait"]


def test_name_variants_share_a_key():
    assert name_key("Timur Sultangaziyev") == name_key("Timur Sultangaziev")
    assert name_key("Ospan Yedil") == name_key("Yedil Ospan")
    assert name_key("Kassym-Jomart Tokayev") == name_key("Kasym-Jomart Tokayev") == name_key("Касым-Жомарт Токаев")
    assert similarity("Aida Balayeva", "Akmaral Alnazarova") < 0.6


def test_target_fields_deadline_with_precision_and_responsible_body():
    text = "The Ministry of Energy plans to connect 120 villages by December 2027."
    target = next(s for s in suggest(text, (), "2026-03-01") if s.kind == "target")
    assert target.fields["quantity"] == "120" and target.fields["unit"] == "villages"
    assert target.fields["responsible"] == "Ministry of Energy"
    month = next(s for s in suggest("In October 2027, a clinic will open for 300 patients.", (), "2026-01-01"))
    assert month.fields["deadline"] == "2027-10"  # month precision


def test_funding_fields_payer_purpose_status():
    text = "The Special State Fund has allocated 1.5 billion tenge to complete the overhaul of a district hospital."
    funding = suggest(text, (), "2026-01-01")[0]
    assert funding.fields["payer"] == "Special State Fund" and funding.fields["status"] == "allocated"
    assert funding.fields["purpose"].startswith("overhaul of a district hospital")


@pytest.mark.parametrize("sentence, deadline", [
    ("К 1 сентября 2027 года в области откроют 12 школ.", "2027-09-01"),
    ("До конца 2027 года планируется построить 300 км дорог.", "2027"),
    ("По итогам 2026 года планируется газифицировать 45 сел.", "2026"),
    ("В текущем году планируют ввести 4 млн кв. м жилья.", "2026"),
    ("2030 жылға дейін 70 мектеп салу жоспарланған.", "2030"),
    ("2027 жылғы 1 қаңтардан бастап жәрдемақы 8%-ға ұлғаюы тиіс.", "2027-01-01"),
    ("All 24 buses will be in service by November.", "2026-11"),
])
def test_russian_and_kazakh_deadlines(sentence, deadline):
    target = next(s for s in suggest(sentence, (), "2026-03-01") if s.kind == "target")
    assert target.fields["deadline"] == deadline


@pytest.mark.parametrize("sentence, status", [
    ("Биыл жол жөндеуге 12 млрд теңге бөлінді.", "allocated"),
    ("Әкімдік мектептерге 3 млрд теңге бөлді.", "allocated"),
    ("Средства в размере 40 млрд тенге будут выделены на ремонт школ.", "planned"),
    ("На ремонт больниц направят 3 млрд тенге.", "planned"),
    ("Заңға сәйкес 2027 жылғы 1 қаңтардан бастап ең төменгі жалақы 95 000 теңге болады.", "planned"),
    ("The average monthly pension is 140,000 tenge.", "other"),
])
def test_funding_status_in_three_languages(sentence, status):
    funding = next(s for s in suggest(sentence, (), "2026-03-01") if s.kind == "funding")
    assert funding.fields["status"] == status


def test_russian_and_kazakh_payers_and_responsible_bodies():
    def first(text, kind):
        return next(s for s in suggest(text, (), "2026-03-01") if s.kind == kind).fields
    assert first("На ремонт школ выделено 3 млрд тенге из республиканского бюджета.", "funding")["payer"] \
        == "республиканского бюджета"
    assert first("Республикалық бюджеттен 5 млрд теңге бөлінді.", "funding")["payer"] == "Республикалық бюджет"
    assert first("В планах Минэнерго увеличить долю газифицированного населения до 65%.", "target")["responsible"] \
        == "Минэнерго"
    assert first("Министерство энергетики планирует построить 12 подстанций.", "target")["responsible"] \
        == "Министерство энергетики"
    kazakh = first("Астана қаласының әкімдігі 2027 жылға дейін 40 мектеп салуды жоспарлап отыр.", "target")
    assert (kazakh["responsible"], kazakh["unit"]) == ("Астана қаласының әкімдігі", "мектеп")


@pytest.mark.parametrize("sentence, key, date", [
    ("In 2024, 3,100 homes were connected to gas, the report says.", "as_of", "2024"),
    ("По итогам 2025 года уровень газификации составил 62%.", "as_of", "2025"),
    ("Last year the fleet grew by 18%.", "as_of", "2025"),
    ("At the end of 2024, the level of access stood at 71 percent.", "as_of", "2024"),
    ("In 2025, KZT12bn was provided for water projects.", "period", "2025"),
])
def test_dates_of_statistics_and_amounts_from_their_sentence(sentence, key, date):
    found = next(s for s in suggest(sentence, (), "2026-03-01") if key in s.fields)
    assert found.fields[key] == date


def test_the_detectors_results_stay_plain_classes_outside_the_compiled_modules():
    # the detector builds them through __dict__, which a compiled (native) class lacks
    compiled = pytest.importorskip("claimdesk.compiled")
    for result in (Suggestion, OfficialMention, Quantity):
        assert result.__module__ not in compiled.COMPILED, result
        built = object.__new__(result)
        built.__dict__["start"] = 5
        assert built.start == 5
