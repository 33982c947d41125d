"""Officials on constructions written for these tests (issue 15): name then position, bracketed
and short titles, Latin-script Kazakh, Cyrillic names in both orders and split right, successors,
and speakers whose position stands in another sentence."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.core.suggest import officials, speakers, suggest
from claimdesk.core.suggest.officials import find_officials, title_hits


@pytest.mark.parametrize("text, name, position", [
    ("Marat Sadykov, the agency’s director, resigned in 2019.", "Marat Sadykov", "director"),
    ("Dana Omarova, Shymkent’s mayor, opened the bridge.", "Dana Omarova", "mayor of Shymkent"),
    ("The park was planned by former akim Serik Baimukhanov in 2015.", "Serik Baimukhanov", "former akim"),
    ("It was approved by current mayor Ruslan Tulegenov last week.", "Ruslan Tulegenov", "mayor"),
    ("Turkistan Akim (Governor) Nurlan Zhakupov visited the site.", "Nurlan Zhakupov", "Turkistan Akim (Governor)"),
    ("The meeting was chaired by Kazakh PM Berik Aliyev yesterday.", "Berik Aliyev", "Prime Minister"),
    ("Kazakh Trade Minister Saule Temirova said", "Saule Temirova", "Trade Minister"),
    ("Bul týraly Densaýlyq saqtaý vıtse-mınıstri Aıgúl Serikbaeva aıtty.", "Aıgúl Serikbaeva",
     "Densaýlyq saqtaý vıtse-mınıstri"),
    ("Аким Шымкента Габит Сыздыков заявил о новом плане.", "Габит Сыздыков", "Аким Шымкента"),
    ("Айгерим Нурланова, министр сельского хозяйства, сообщила о начале сева.", "Айгерим Нурланова",
     "министр сельского хозяйства"),
    ("Бұл туралы Білім министрі Ерлан Сәрсенов айтты.", "Ерлан Сәрсенов", "Білім министрі"),
    ("Оқу-ағарту министрі Гүлнар Сейітова Үкімет отырысында сөйледі.", "Гүлнар Сейітова", "Оқу-ағарту министрі"),
    ("Министр юстиции Бекетов Ержан выступил на форуме.", "Бекетов Ержан", "Министр юстиции"),
    ("Заместитель министра финансов Айдана Серикова отметила рост.", "Айдана Серикова",
     "Заместитель министра финансов"),
    ("The utility’s director Nurlan Abenov said", "Nurlan Abenov", "director"),
    ("Karaganda’s mayor Yerlan Zhumabekov opened", "Yerlan Zhumabekov", "mayor of Karaganda"),
])
def test_official_constructions(text, name, position):
    assert [(f.name, f.position) for f in find_officials(text)] == [(name, position)]


def test_a_place_after_a_russian_title_belongs_to_the_position():
    found = find_officials("Аким Караганды Ерлан Жумабеков открыл школу")
    assert [(f.name, f.position) for f in found] == [("Ерлан Жумабеков", "Аким Караганды")]


def test_a_list_of_officials_gives_each_person():
    text = ("The forum was attended by Minister of Energy Almas Sadykov, Akim of Pavlodar Region "
            "Asain Baikhanov and Rector of the Technical University Aigul Zhakenova.")
    assert [f.name for f in find_officials(text)] == ["Almas Sadykov", "Asain Baikhanov", "Aigul Zhakenova"]


def _officials(text, published="2026-03-01"):
    return [(text[s.start:s.end], s.fields["name"], s.fields["position"]) for s in suggest(text, (), published)
            if s.kind == "official"]


def test_a_successor_holds_the_predecessors_post():
    text = ("Arman Beisenov, the operator’s director, left in 2020. Beisenov’s successor, Timur Abenov, "
            "promised an audit.")
    assert _officials(text)[1][1:] == ("Timur Abenov", "director (successor of Arman Beisenov)")


def test_a_successor_of_someone_who_is_no_official_is_not_suggested():
    assert _officials("Beisenov’s successor, Timur Abenov, promised an audit.") == []


def test_a_speaker_named_without_a_position_takes_the_position_given_nearby():
    text = ('"The first line opens in spring," the Mayor said.\n\nThe city will buy 20 buses.\n\n'
            '"Fares stay the same," added Aidos Rakhimov.')
    assert _officials(text) == [("Aidos Rakhimov", "Aidos Rakhimov", "Mayor")]


def test_a_russian_speaker_named_in_another_sentence():
    text = ("Об этом заявил вице-министр на брифинге.\nПлан выполнен на 40%,\nсказал Ержан Бекетов.")
    assert _officials(text) == [("Ержан Бекетов", "Ержан Бекетов", "вице-министр")]


def test_a_position_held_by_a_named_official_is_not_given_to_another_speaker():
    text = ('Minister of Energy Almas Sadykov opened the plant. "It is ready," the Minister said. '
            '"We agree," added Kanat Ospanov.')
    assert [name for _, name, _ in _officials(text)] == ["Almas Sadykov"]


def test_one_claim_per_person_at_the_first_mention_with_a_position():
    text = ('"Work goes on," the Mayor said. Mayor Aidos Rakhimov visited the depot. '
            '"All is well," said Aidos Rakhimov.')
    assert _officials(text) == [("Mayor Aidos Rakhimov", "Aidos Rakhimov", "Mayor")]


# pieces of speech verbs and what stands around them: a verb inside a longer word, cut by the
# window's end, with the Russian feminine ending, after a hyphen, in both scripts
VERB_PIECES = ["said", "added", "told", "emphasized", "emphasised", "recalled", "underlined", "сказал", "рассказал",
               "заявил", "подчеркнул", "а", "un", "re", "рас", "x", "s", "d", "л", " ", " ", ",", ".", "-", "\n", "«",
               "the Mayor", "Minister", "Dana Omarova", "Данияр Омаров", "1", "_", "ed", "и"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES), min_size=1, max_size=25), st.data())
def test_speech_verbs_found_from_their_last_letters_are_the_plain_scans(pieces, data):
    text = "".join(pieces)
    verb_ends = speakers._verb_ends(text)
    for _ in range(4):
        low = data.draw(st.integers(0, len(text)))
        high = data.draw(st.integers(low, len(text)))
        plain = [verb.span() for verb in speakers._SPEECH_VERB.finditer(text, low, high)]
        assert [verb.span() for verb in speakers._speech_verbs(text, low, high, verb_ends)] == plain
        assert speakers._has_speech_verb(text, low, high, verb_ends) == bool(plain)


# posts, names and what joins them, with title words inside longer words and overlapping ones
POST_PIECES = ["Minister", "PM", "PMinister", "Prime", "State", "Secretary", "General", "Chairman", "Chair", "CEO",
               "Chief Executive", "Deputy", "Vice-", "Head", "of", "the", "and", "Ecology", "(Mayor)", "Dana Omarova",
               "Marat Sadykov Serikuly", "named", "appointed", "Министр", "министра", "Вице-", "Премьер-", "аким",
               "Заместитель", "Данияр Омаров", "Айгуль", ",", ", ", " ", " ", "-", "–", ".", "x", "’s",
               # the posts of the other patterns, which may stand after the last title word
               "current", "president", "head", "Ardan’s", "predecessor", "the company’s", "төрағасы"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(POST_PIECES), min_size=1, max_size=20))
def test_no_match_of_a_title_holding_pattern_starts_after_the_last_title_word(pieces):
    # the shortcut find_officials takes: it stops searching these patterns there
    text = " ".join(pieces) if len(pieces) % 2 else "".join(pieces)
    hits = title_hits(text)
    last_title_letter = max((hit[1] for hit in hits), default=0) - 1
    for index in officials._HOLD_A_TITLE:
        for match in officials.PATTERNS[index].finditer(text):
            assert match.start() <= last_title_letter, (index, match)


@pytest.mark.parametrize("text, names", [
    ("The mayor met current president Marat Sadykov and current president Dana Omarova.",
     ["Marat Sadykov", "Dana Omarova"]),
    ("The mayor said that Dana Omarova, the company’s head, and Marat Sadykov, the bank’s head, agreed.",
     ["Dana Omarova", "Marat Sadykov"]),
])
def test_lower_case_posts_after_the_last_title_word_are_all_found(text, names):
    # their patterns are searched to the window's end: no title word need stand in them
    assert [m.name for m in find_officials(text)] == names
