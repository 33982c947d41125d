"""The kind decision's cues per language, on sentences written for these tests."""

import pytest

from claimdesk.core.suggest import suggest
from claimdesk.core.suggest.cues import language_of


def _kind_of(sentence, value, published="2026-03-01"):
    found = [s for s in suggest(sentence, (), published)
             if (s.fields.get("amount") or s.fields.get("quantity") or s.fields.get("value")) == value]
    assert found, f"no figure {value} in {sentence!r}"
    return found[0]


@pytest.mark.parametrize("sentence, value", [
    # the conditional of a planned object
    ("The 31 km tram line would connect the university with the old town.", "31"),
    ("The new terminal would have 14 gates and a cargo apron.", "14"),
    ("Services on the branch would be run by 12 trains.", "12"),
    ("Literacy is to reach 98% in 2028 across the region.", "98"),
    ("The city seeks to build 40 schools under the programme.", "40"),
    ("Analysts expect a harvest of about 20 million tons, with an estimated 6 million tons for export.", "6000000"),
    # Russian: the perfective future, an infinitive after a plan word, "позволит"
    ("В 2027 г. выпуск стали в регионе составит 4,2 млн тонн.", "4200000"),
    ("В планах акимата увеличить охват интернетом в 2027 г. до 88%.", "88"),
    ("Это позволит обеспечить водой 120 сел.", "120"),
    ("Задача - довести долю возобновляемой энергии до 15%.", "15"),
    ("План на 2027 год: открыть 30 поликлиник или 12 больниц.", "12"),
    # Kazakh: a plan word and "… жылға дейін"
    ("2028 жылға дейін 50 мектеп салу жоспарланған.", "50"),
    ("2027 жылы 20 мың пәтер салынады.", "20000"),
    # a clause without a verb takes the sentence's cue nearest its figure, before or after it
    ("Some 9 million tons may be shipped, of which 7 million tons of wheat and 2 million tons of barley "
     "can be sold abroad.", "7000000"),
    ("В их числе строительство водовода «Север - Юг» стоимостью 80 млрд тенге (2 млн м3/сутки).", "2000000"),
    ("Акимат выделил 3 млрд тенге на реализацию 40 проектов водоснабжения.", "40"),
    ("Исполнение программы модернизации сетей (в объеме 900 км) составляет 38%, или 342 км.", "342"),
])
def test_plans_and_specifications_are_targets(sentence, value):
    assert _kind_of(sentence, value).kind == "target"


@pytest.mark.parametrize("sentence, value", [
    ("In 2023 water consumption made 410 million cubic metres, the report says.", "410000000"),
    ("The credit will run for a period of 15 years with an annual interest rate of 3.1%.", "3.1"),
    ("The credit will run for a period of 15 years with an annual interest rate of 3.1%.", "15"),
    ("на 1 марта 2025 года охват достиг 74%, сообщили в министерстве.", "74"),
    ("В 2024 году было введено 16 млн кв. м жилья.", "16000000"),
    ("Биыл 5 айда 2,1 млн тонна астық жиналды.", "2100000"),
    ("В планах ведомства поднять охват в 2027 г. до 70% против 64% в 2025 г.", "64"),
    ("Broadband: in addition to the four current providers, two more are expected to enter the market.", "4"),
    ("The union estimated that 4,000 jobs were lost in the strike.", "4000"),
    ("The ministry will publish a report showing 300 homes were connected to the grid.", "300"),
    ("Kazakhstan exported 9 million tons of wheat in 2023 and plans to export 10 million tons in 2024.", "9000000"),
    ("2023 жылы 15 мың пәтер салынды.", "15000"),
])
def test_reported_results_are_statistics(sentence, value):
    assert _kind_of(sentence, value).kind == "statistic"


def test_a_share_of_a_plan_already_delivered_is_a_target_in_progress():
    found = _kind_of("So far 37.5% of the 80 km of roads planned have been repaved.", "37.5")
    assert (found.kind, found.fields["status"]) == ("target", "in progress")
    found = _kind_of("По программе будет построено 300 км дорог, из них 120 км уже введено в эксплуатацию.", "120")
    assert (found.kind, found.fields["status"]) == ("target", "in progress")
    found = _kind_of("Выполнение программы строительства дорог составляет 41%.", "41")
    assert (found.kind, found.fields["status"]) == ("target", "in progress")
    found = _kind_of("Выполнение программы (в объеме 500 км дорог) составляет 41%, или 205 км.", "205")
    assert (found.kind, found.fields["status"]) == ("target", "in progress")


def test_a_baseline_or_a_plan_reference_speaks_of_the_figure_after_it_only():
    sentence = "В планах ведомства поднять охват в 2027 г. до 70% против 64% в 2025 г."
    assert (_kind_of(sentence, "70").kind, _kind_of(sentence, "64").kind) == ("target", "statistic")
    sentence = "За два года введено в эксплуатацию 37 млн кв. м при плане 31 млн кв. м."
    assert (_kind_of(sentence, "37000000").kind, _kind_of(sentence, "31000000").kind) == ("statistic", "target")
    sentence = "Output will reach 9.5 million tons next year, up from 8.1 million tons."
    assert (_kind_of(sentence, "9500000").kind, _kind_of(sentence, "8100000").kind) == ("target", "statistic")
    sentence = ("Farmers gathered 20 million tons (compared to 15 million tons in 2024), of which 8 million tons "
                "can be sold abroad.")
    assert _kind_of(sentence, "8000000").kind == "target"  # the baseline's reach ends before "of which"


def test_a_plan_verb_outweighs_an_adjective_of_the_present_state():
    assert _kind_of("Eight existing clinics will be rebuilt next year.", "8").kind == "target"


def test_the_nearest_cue_to_the_figure_decides_within_a_clause():
    # "will" opens the clause but the past result sits next to the figure
    sentence = "The ministry will publish the data showing output rose to 12 million tons"
    assert _kind_of(sentence + ".", "12000000", "2026-03-01").kind == "statistic"


@pytest.mark.parametrize("sentence, language", [
    ("the plant will employ 300 people", "en"),
    ("завод будет выпускать 300 машин", "ru"),
    ("зауыт 300 адамды жұмыспен қамтиды", "kk"),
    ("zaýyt 300 adamdy jumyspen qamtıdy", "kk"),
])
def test_language_of_a_sentence(sentence, language):
    assert language_of(sentence) == language


def test_a_russian_quote_in_an_english_release_is_read_with_russian_cues():
    text = ("The governor spoke at the plant. «В 2027 году мощность завода составит 900 тонн», he said.")
    assert _kind_of(text, "900").kind == "target"


@pytest.mark.parametrize("text, value, kind", [
    ("В следующем году планируют построить 3 млн кв. м жилья. Это 28 тысяч квартир.", "28000", "target"),
    ("Last year 3 million m² of housing was commissioned. That is 28,000 flats.", "28000", "statistic"),
    ("Next year the city plans to lay 40 km of pipes. That is 12 streets.", "12", "target"),
])
def test_a_sentence_restating_the_figure_before_takes_its_kind(text, value, kind):
    assert _kind_of(text, value).kind == kind
