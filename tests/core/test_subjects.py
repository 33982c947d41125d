"""Subject mentions, keys, dominant subjects and measure proposals, on sentences written for
the constructions they exercise (core.subjects, core.measures, core.topics)."""

from __future__ import annotations

import pytest

from claimdesk.core.claims import Claim
from claimdesk.core.subjects import (dominant_subject, find_subject_mentions, measure_key, propose_for_claims,
                                     propose_measure, subject_key)


def _claim(claim_id: int, text: str, quote: str, kind: str, fields: dict) -> Claim:
    start = text.index(quote)
    return Claim(claim_id, 1, kind, start, start + len(quote), quote, "", "", None, fields, "new", "detector", 0.8,
                 "", "", "", "ok")


@pytest.mark.parametrize("variants", [
    ("Astana LRT", "astana  LRT", "«Astana LRT»", "Astana LRT LLP"),
    ("Kokshetau CHP", "Kokshetau thermal power plant", "Kokshetau TPP"),
    ("Nurly Zhol", "Нурлы жол", "Zhol Nurly", "the Nurly Zhol state programme", "госпрограмма «Нұрлы жол»"),
    ("gasification of the country", "Gasification", "газификация", "газдандыру"),
    ("Modernisation of rural healthcare", "rural health care", "модернизация сельского здравоохранения"),
    ("kindergartens", "детские сады", "балабақша"),
])
def test_variants_of_one_name_share_a_key(variants):
    assert len({subject_key(name) for name in variants}) == 1, [subject_key(name) for name in variants]


def test_different_subjects_keep_different_keys():
    assert subject_key("Ekibastuz GRES-1") != subject_key("Ekibastuz GRES-2")
    assert subject_key("Kokshetau TPP") != subject_key("Semey TPP")
    assert subject_key("housing construction") != subject_key("gasification")


def test_named_programmes_in_three_languages_and_facilities_are_found():
    text = ("Under the national project \"Clean Water Villages\" the akimat built pipes. "
            "The Zhasyl Dala state programme continues. "
            "В рамках госпрограммы «Дорожная карта занятости» создано 500 мест. "
            "«Таза Қазақстан» бағдарламасы аясында жұмыс жүргізілді. "
            "Ekibastuz GRES-2 and the thermal power plant in Semey were discussed.")
    found = {m.name: m for m in find_subject_mentions(text)}
    assert found["Clean Water Villages"].category == "programme"
    assert "Zhasyl Dala state programme" in found
    assert found["Дорожная карта занятости"].category == "programme"
    assert found["Таза Қазақстан"].category == "programme"
    assert found["Ekibastuz GRES-2"].category == "facility"
    assert found["Semey thermal power plant"].category == "facility"


def test_speech_in_quotes_is_no_name_and_a_company_is_an_organisation():
    text = "“We will open 20 new clinics next year,” the minister said. Funds came from АО «Байтерек Девелопмент»."
    found = find_subject_mentions(text)
    assert not any(m.name.startswith("We will") for m in found)
    assert [m.category for m in found if m.name == "Байтерек Девелопмент"] == ["organisation"]


def test_a_programme_named_after_a_topic_files_under_the_topic():
    text = 'The national project "Modernisation of rural healthcare" will renovate rural health care facilities.'
    named = next(m for m in find_subject_mentions(text) if m.name == "Modernisation of rural healthcare")
    assert named.key == subject_key("rural healthcare")


def test_the_title_and_lead_decide_the_dominant_subject_over_a_passing_mention():
    text = ("Gasification of the country continues. The gasification level reached 60%.\n\n"
            "Housing was also discussed, housing prices and housing loans.")
    dominant = dominant_subject(text, "Gas reaches more villages: gasification plan", find_subject_mentions(text))
    assert dominant.key == subject_key("gasification") and dominant.name == "Gasification"
    assert dominant_subject("No programme is named here.", None, []) is None


def test_a_claim_takes_the_programme_of_its_sentence_else_the_documents_never_a_payer():
    text = ("Gasification of the country: the gasification level reached 60% in 2023.\n\n"
            "The Clean Water Villages programme will lay 300 km of pipes. "
            "Separately, 12 billion tenge came from АО «Байтерек Девелопмент».")
    claims = [_claim(1, text, "the gasification level reached 60%", "statistic", {"value": "60", "unit": "%"}),
              _claim(2, text, "will lay 300 km of pipes", "target", {"quantity": "300", "unit": "km"}),
              _claim(3, text, "12 billion tenge came from", "funding", {"amount": "12000000000", "currency": "KZT"})]
    proposals = {p.claim_id: p for p in propose_for_claims(text, None, "en", claims)}
    assert proposals[1].subject.key == subject_key("gasification")
    assert proposals[2].subject.key == subject_key("Clean Water Villages")
    assert proposals[3].subject.key == subject_key("Clean Water Villages")  # its paragraph's programme, not the payer
    assert proposals[2].measure.name == "pipelines length km"
    assert all(0 < p.confidence <= 1 for p in proposals.values())


def test_facilities_are_named_in_either_language_and_take_only_claims_they_open():
    assert subject_key("Almaty International Airport") == subject_key("аэропорт Алматы") == subject_key(
        "аэропорта Алматы")
    text = ("Light rail returns to the capital: the city approved the light rail line's plan on Monday.\n\n"
            "The 22 km route will link the main station with Astana International Airport. "
            "It will have 18 stops. Astana International Airport will serve 9 million passengers a year.")
    claims = [_claim(1, text, "The 22 km route will link", "target", {"quantity": "22", "unit": "km"}),
              _claim(2, text, "It will have 18 stops", "target", {"quantity": "18", "unit": "stops"}),
              _claim(3, text, "will serve 9 million passengers", "target",
                     {"quantity": "9000000", "unit": "passengers"})]
    subjects = {p.claim_id: p.subject.key
                for p in propose_for_claims(text, "The capital's light rail line takes shape", "en", claims)}
    assert subjects == {1: subject_key("light rail"), 2: subject_key("light rail"),
                        3: subject_key("Astana International Airport")}
    assert not any(m.name == "Power plant" for m in find_subject_mentions("Power plant workers went on strike."))


def test_officials_get_no_proposal():
    text = "Minister Aida Balayeva spoke about schools."
    claim = _claim(1, text, "Minister Aida Balayeva", "official", {"name": "Aida Balayeva"})
    assert propose_for_claims(text, None, "en", [claim]) == []
    assert propose_measure("official", {}, "Minister", "Minister") is None


def _measure(kind, fields, quote, context=None):
    return propose_measure(kind, fields, quote, context or quote)


def test_a_target_and_a_statistic_on_one_rate_share_a_measure():
    target = _measure("target", {"quantity": "53.07", "unit": "%"}, "the gasification rate is to reach 53.07%")
    statistic = _measure("statistic", {"value": "60", "unit": "%"}, "the level of gasification reached 60 %")
    assert target.key == statistic.key and target.unit_class == "percent"


def test_people_counted_in_any_wording_are_one_measure():
    counted = [_measure("statistic", {"value": "12000000", "unit": "people"}, "12 million people have gas access"),
               _measure("target", {"quantity": "11400000", "unit": "people"}, "11.4 million people to get gas"),
               _measure("target", {"quantity": "244000", "unit": "человек"}, "обеспечить газом 244 тыс. человек"),
               _measure("statistic", {"value": "5000", "unit": "residents"}, "5,000 residents were connected")]
    assert len({m.key for m in counted}) == 1 and counted[0].unit_class == "count"


@pytest.mark.parametrize("quote, fields", [
    ("20 schools will be built", {"quantity": "20", "unit": "schools"}),
    ("построят 20 школ", {"quantity": "20", "unit": "школ"}),
    ("20 мектеп салынады", {"quantity": "20", "unit": "мектеп"}),
    ("the school count reached 20 new schools", {"quantity": "20", "unit": "new schools"}),
])
def test_schools_in_three_languages_are_one_measure(quote, fields):
    assert _measure("target", fields, quote).key == measure_key("schools") == measure_key("школы")


def test_a_percentage_named_for_what_it_measures_keeps_that_name():
    inflation = _measure("statistic", {"value": "8.5", "unit": "%"}, "annual inflation slowed to 8.5%")
    inflation_ru = _measure("statistic", {"value": "8.7", "unit": "%"}, "инфляция составила 8,7%")
    unemployment = _measure("statistic", {"value": "4.7", "unit": "%"}, "the unemployment rate was 4.7%")
    assert inflation.key == inflation_ru.key == measure_key("inflation %") != unemployment.key


@pytest.mark.parametrize("quote, fields", [
    ("1,200 students enrolled", {"value": "1200", "unit": "students"}),
    ("обучаются 1200 учащихся", {"value": "1200", "unit": "учащихся"}),
    ("1200 оқушы оқиды", {"value": "1200", "unit": "оқушы"}),
])
def test_students_in_three_languages_are_one_measure(quote, fields):
    assert _measure("statistic", fields, quote).key == measure_key("students")


def test_percentages_tell_growth_and_shares_from_levels():
    assert _measure("statistic", {"value": "9", "unit": "%"}, "pensions were raised by 9%").name == "growth %"
    assert _measure("statistic", {"value": "11.8", "unit": "%"}, "11.8% more than a year earlier").name == "growth %"
    assert _measure("statistic", {"value": "92.7", "unit": "%"},
                    "92.7 percent of the settlements have gas").name == "share of settlements %"
    assert _measure("target", {"quantity": "60", "unit": "%"}, "to raise the share of gas to 60 %").name == "level %"


@pytest.mark.parametrize("kind, fields, quote, expected, unit_class", [
    ("funding", {"amount": "1900000000", "currency": "USD"}, "the project's cost is estimated at USD 1.9 billion",
     "cost", "currency"),
    ("funding", {"amount": "1900000000", "currency": "USD"}, "the $1.9 billion railway project stalled",
     "cost", "currency"),
    ("funding", {"amount": "85000", "currency": "KZT"}, "the minimum wage will be 85,000 tenge",
     "minimum wage", "currency"),
    ("funding", {"amount": "85000", "currency": "KZT"}, "ең төменгі жалақы – 85 000 теңге", "minimum wage", "currency"),
    ("funding", {"amount": "85000", "currency": "KZT"}, "МЗП составит 85 000 тенге", "minimum wage", "currency"),
    ("funding", {"amount": "5000000000", "currency": "KZT"}, "5 billion tenge was allocated", "funding", "currency"),
    ("statistic", {"value": "26500000", "unit": "tons"}, "26.5 million tons of grain were harvested",
     "grain harvest t", "mass"),
    ("statistic", {"value": "26700000", "unit": "тонн"}, "собрали 26,7 млн тонн зерна", "grain harvest t", "mass"),
    ("target", {"quantity": "22.4", "unit": "km"}, "a 22.4 km line", "length km", "length"),
    ("target", {"quantity": "22.6", "unit": "kilometer-long section"}, "a 22.6 kilometer-long section",
     "length km", "length"),
    ("target", {"quantity": "80", "unit": "km"}, "a maximum speed of 80 km/h", "speed", "other"),
    ("statistic", {"value": "7400000", "unit": "square meters"}, "7.4 million square meters of housing",
     "area m²", "area"),
    ("target", {"quantity": "240", "unit": "MW"}, "a capacity of 240 MW", "capacity MW", "energy"),
])
def test_the_unit_decides_class_and_name(kind, fields, quote, expected, unit_class):
    measure = _measure(kind, fields, quote)
    assert (measure.key, measure.unit_class) == (measure_key(expected), unit_class), measure


def test_money_allocated_lent_or_invested_for_a_programme_is_one_funding_measure():
    worded = [_measure("funding", {"amount": "300000000", "currency": "USD"}, "the bank lent $300 million for it"),
              _measure("funding", {"amount": "5000000000", "currency": "KZT"}, "5 billion tenge was invested in it"),
              _measure("funding", {"amount": "7000000000", "currency": "KZT"}, "a credit line of 7 billion tenge"),
              _measure("funding", {"amount": "9000000000", "currency": "KZT"}, "9 billion tenge was allocated")]
    assert {m.key for m in worded} == {measure_key("funding")}


def test_a_sentence_that_leaves_the_commodity_implicit_borrows_it_from_before():
    context = "Natural gas consumption keeps rising. By the end of the year it will reach 16.5 billion cubic meters."
    measure = _measure("target", {"quantity": "16500000000", "unit": "cubic meters"},
                       "it will reach 16.5 billion cubic meters", context)
    assert measure.name == "gas consumption m³"


def test_measure_key_is_one_per_thing_across_inflections():
    assert measure_key("Schools") == measure_key("школ") == measure_key("мектептер")
    assert measure_key("level %") == measure_key("Level percent")
    assert measure_key("budget") != measure_key("cost")
    assert measure_key("GDP growth %") == measure_key("рост ВВП, %") == measure_key("ВВП %")


def test_a_figure_for_a_named_region_or_district_is_its_own_measure():
    national = _measure("statistic", {"value": "58", "unit": "%"}, "the country's gas coverage reached 58 %")
    district = _measure("statistic", {"value": "100", "unit": "%"}, "bringing the district's gas coverage to 100 %")
    region = _measure("statistic", {"value": "71", "unit": "%"}, "in Kostanay region gas coverage reached 71 %")
    region_ru = _measure("statistic", {"value": "71", "unit": "%"}, "в Костанайской области охват газом составил 71 %")
    region_kk = _measure("statistic", {"value": "71", "unit": "%"}, "Қостанай облысында газбен қамту 71 % болды")
    keys = [m.key for m in (national, district, region, region_ru, region_kk)]
    assert len(set(keys)) == 5 and all(k.startswith(national.key) for k in keys), keys
    assert region.name == "level % · Kostanay region"


def test_words_before_region_that_name_no_place_leave_the_national_measure():
    for quote in ("The regions raised gas coverage to 58 %", "All regions together reached 58 %",
                  "the line runs 22 km from the city's station", "Regional offices report a 58 % coverage"):
        assert _measure("statistic", {"value": "58", "unit": "%"}, quote).name in ("level %", "length km"), quote


def test_a_count_whose_noun_is_left_out_counts_what_the_text_counted_before():
    context = ("Last year 40 water projects were funded. "
               "Completion of the 12 worth 3 billion tenge gave 900 homes water.")
    quote = "Completion of the 12 worth 3 billion tenge gave 900 homes water"
    measure = _measure("statistic", {"value": "12", "unit": "worth 3"}, quote, context)
    assert measure is not None and measure.key == measure_key("projects"), measure
    assert _measure("statistic", {"value": "12", "unit": "worth 3"}, "Prices rose 12 worth 3 billion", None) is None


def test_a_growth_named_by_a_noun_is_growth_unless_it_reaches_a_level():
    def name(quote):
        return _measure("statistic", {"value": "1", "unit": "%"}, quote).name
    assert name("the sector led with construction growth rates of 41.5 %") == "growth %"
    assert name("the highest rise in output, 128 %") == "growth %"
    assert name("прирост составил 7,2 %") == "growth %"
    assert name("the growth to 60 % of households") != "growth %"
    assert name("рост уровня газификации до 61 %") == "level %"


def test_an_item_of_a_list_that_breaks_a_whole_down_measures_its_part():
    context = ("In all, 19.5 million sq m were built. Of them:\n- 12.1 million sq m — apartment blocks;\n"
               "- 6.6 million sq m — private houses;\n- 180 000 sq m – dormitories.")
    whole = _measure("statistic", {"value": "19500000", "unit": "sq m"}, "19.5 million sq m were built", context)
    parts = [_measure("statistic", {"value": v, "unit": "sq m"}, q, context)
             for q, v in (("- 12.1 million sq m", "12100000"), ("- 6.6 million sq m", "6600000"),
                          ("180 000 sq m", "180000"))]
    assert whole.name == "area m²" and [p.name for p in parts] == [
        "area m² · apartment blocks", "area m² · private houses", "area m² · dormitories"]
    bulleted = "Rates:\n  • The minimum wage is set at 70,000 tenge from January\n"
    assert _measure("funding", {"amount": "70000", "currency": "KZT"}, "The minimum wage is set at 70,000 tenge",
                    bulleted).name == "minimum wage"


def test_single_family_houses_count_houses_not_families():
    houses = _measure("statistic", {"value": "1200", "unit": "are single-family houses"},
                      "Of which 1,200 are single-family houses")
    families = _measure("statistic", {"value": "900", "unit": "families"}, "900 families moved into new homes")
    assert houses.key == measure_key("houses") and families.key == measure_key("families")
