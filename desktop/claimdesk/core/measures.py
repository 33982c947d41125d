"""The measure a figure is about — the thing counted or paid — proposed from the claim's
unit and the words around its figure (Qt-free, offline).

The unit decides the unit class (currency for funding; percent; length; area; mass;
volume; energy; else a count) and the head of the measure's name: the counted thing's
lemma from a small lexicon of things releases count, in English, Russian and Kazakh
("schools", «школ», «школы», «мектеп» all name "schools"), a commodity and activity for
tonnes and cubic metres ("grain harvest t"), the stated kind of amount for money
("cost", "minimum wage", else "funding"), and "level %" / "growth %" / "share of X %" for
percentages ("growth %" also when a noun says so: "growth rates of 41 %", «рост составил»).
A target and a statistic about the same thing so get one measure key. A figure for a part
gets the part in its name: a region or district its quote names ("level % · Abai region"),
or the label of a list item that breaks a whole down ("area m² · apartment blocks"), so
parts are not compared with the whole.

``measure_key`` keys a name for merging: lexicon words become their canonical lemma,
other words a transliterated stem (English plural -s dropped, Cyrillic words cut to five
letters), so one key per thing across the three languages where the lexicon knows it
and one per language family where it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimdesk.core.kinds import FIGURE_KINDS, FUNDING, PRINCIPAL_FIELD
from claimdesk.core.names import transliterate


@dataclass(frozen=True)
class MeasureProposal:
    name: str
    key: str
    unit_class: str
    unit: str | None
    confidence: float


class Lexicon(tuple[tuple[str, re.Pattern[str]], ...]):
    """(label, pattern) entries in order, and one pattern that finds the leftmost of them."""

    combined: re.Pattern[str]
    labels: dict[str, str]


def _lexicon(entries: list[tuple[str, str]]) -> Lexicon:
    lexicon = Lexicon((label, re.compile(pattern)) for label, pattern in entries)
    lexicon.combined = re.compile("|".join(f"(?P<g{index}>{pattern})" for index, (_, pattern) in enumerate(entries)))
    lexicon.labels = {f"g{index}": label for index, (label, _) in enumerate(entries)}
    return lexicon


# things counted; the first entry whose pattern matches names the thing (order matters)
THINGS = _lexicon([
    ("jobs", r"\bjobs?\b|workplaces?|рабоч\w+ мест\w*|жұмыс орн\w*"),
    ("buses", r"\bbus(?:es)?\b|автобус\w*"),
    ("vehicles", r"vehicles?|\btrains?\b|rolling stock|\bwagons?\b|\btrams?\b|вагон\w*|поезд\w*|подвижн\w+ состав\w*"),
    ("stations", r"stations?\b|\bstops?\b|станци\w*|остановк\w*|аялдама\w*|бекет\w*"),
    ("households", r"households?|домохозяйств\w*|үй шаруашылығ\w*"),
    ("settlements", r"settlements?|villages?|localit\w*|населенн\w+ пункт\w*|\bсел(?:о|а|ах|ам)?\b|\bаул\w*|"
                    r"ауыл\w*|елді мекен\w*"),
    ("people", r"\bpeople\b|persons?\b|inhabitants?|citizens?|residents?|individuals|\bpopulation\b|"
               r"человек\w*|жител\w*|граждан\w*|населени\w*|\bадам\w*|тұрғын\w*|azamat\w*|азамат\w*"),
    ("projects", r"projects?\b|проект\w*|\bжоба\w*|\bjoba\w*"),
    ("schools", r"schools?\b|школ\w*|мектеп\w*|mektep\w*"),
    ("hospitals", r"hospitals?|больниц\w*|аурухана\w*"),
    ("facilities", r"facilit\w*|\bobjects?\b|объект\w*|нысан\w*"),
    ("apartments", r"apartments?|\bflats?\b|квартир\w*|пәтер\w*"),
    ("houses", r"\bhomes?\b|\bhouses?\b|residences?|dwellings?|\bдом(?:ов|а|ах)?\b|\bүй(?:лер\w*)?\b"),
    ("seats", r"\bseats?\b|\bplaces?\b|\bмест\w*|\bорын\w*"),
    ("beds", r"\bbeds?\b|\bкоек\b|койк\w*|төсек\w*"),
    ("passengers", r"passengers?|пассажир\w*|жолаушы\w*"),
    ("employees", r"workers?\b|employees?|работник\w*|қызметкер\w*"),
    ("kindergartens", r"kindergartens?|детск\w+ сад\w*|балабақша\w*"),
    ("students", r"students?|pupils?|schoolchildren|учащи\w+|учени\w*|школьник\w*|студент\w*|оқушы\w*"),
    ("teachers", r"teachers?|учител\w*|педагог\w*|мұғалім\w*"),
    ("doctors", r"doctors?|physicians?|врач\w*|дәрігер\w*"),
    ("patients", r"patients?|пациент\w*|науқас\w*"),
    ("children", r"children|\bkids\b|дет(?:ей|и)\b|бал(?:алар|а)\w*"),
    ("families", r"(?<![\w-])famil(?:y|ies)\b(?!-)|\bсем(?:ей|ьи|ья|ям)\b|отбасы\w*"),
    ("enterprises", r"enterprises?|companies|businesses|\bfirms?\b|предприяти\w*|кәсіпорын\w*"),
    ("tourists", r"tourists?|турист\w*"),
    ("trees", r"\btrees?\b|saplings?|деревьев|деревья|саженц\w*|ағаш\w*"),
    ("cars", r"\bcars?\b|automobiles?|автомобил\w*|\bкөлік\w*"),
    ("pipelines", r"pipe\w*|газопровод\w*|трубопровод\w*|құбыр\w*"),
    ("roads", r"\broads?\b|highways?|дорог\w*|\bжол(?:дар|ы)?\b"),
])
COMMODITIES = _lexicon([
    ("wheat", r"wheat|пшениц\w*|бидай\w*|bıdaı\w*"),
    ("barley", r"barley|ячмен\w*|арпа\w*"),
    ("oilseeds", r"oilseeds?|масличн\w*|майлы\w*"),
    ("corn", r"\bcorn\b|maize|кукуруз\w*|жүгері\w*"),
    ("flour", r"flour|мук[аи]\b|\bұн\b"),
    ("grain", r"grains?\b|cereals?|зерн\w*|астық\w*|astyq\w*|\bcrops?\b"),
    ("coal", r"\bcoal\b|угол\b|угля\b|көмір\w*"),
    ("oil", r"\boil\b|crude|нефт\w*|мұнай\w*"),
    ("gas", r"\bgas\b|газ[аеуо]?\b|газ\w*"),
    ("water", r"\bwater\b|вод[аыу]\b|\bсу\b"),
    ("electricity", r"electricity|электроэнерги\w*|электр энергия\w*"),
])
ACTIVITIES = _lexicon([
    ("exports", r"export\w*|shipp\w*|экспорт\w*|отгруз\w*"),
    ("harvest", r"harvest\w*|thresh\w*|gathered|\byields?\b|урожа\w*|собра\w*|собер\w*|намолот\w*|уборк\w*|"
                r"жина\w*|jına\w*|ónim\w*|өнім\w*"),
    ("consumption", r"consum\w*|потребл\w*|тұтын\w*"),
    ("production", r"produc\w*|output|extract\w*|производ\w*|добыч\w*|өндір\w*|óndir\w*"),
    ("imports", r"import\w*|импорт\w*"),
])
# Kinds of amount that are measures of their own: levels of payments and a project's cost.
# Money allocated, lent, invested or spent for a programme is one measure, "funding": how it
# flowed is the claim's funding status, and releases word one tranche each way.
AMOUNTS = _lexicon([
    ("basic pension", r"basic pension|базов\w+ пенси\w*|базалық зейнетақы\w*"),
    ("minimum pension", r"minimum pension|минимальн\w+ (?:размер\w* )?пенси\w*|ең төменгі зейнетақы\w*|"
                        r"зейнетақының ең төменгі"),
    ("minimum wage", r"minimum (?:wage|salary)|минимальн\w+ (?:заработн\w+|зарплат\w+)|\bмзп\b|"
                     r"ең төменгі жалақы\w*|\bетж\b"),
    ("monthly calculation index", r"monthly calculation index|\bmci\b|\bмрп\b|\bаек\b|айлық есептік"),
    ("subsistence minimum", r"subsistence|cost of living|living wage|прожиточн\w+|күнкөріс\w*"),
    ("pensions", r"pension\w*|пенси\w*|зейнетақы\w*"),
    ("wages", r"\bwages?\b|salar\w*|зарплат\w*|заработн\w+|жалақы\w*"),
    ("cost", r"\bcosts?\b|costing|estimated at|\bworth\b|стоимост\w*|обойд\w*|құны\w*"),
])
# what a percentage measures when a sentence says so ("inflation slowed to 8.5 %")
PERCENT_CUES = _lexicon([
    ("inflation", r"inflation|инфляци\w*"),
    ("unemployment", r"unemployment|безработиц\w*|жұмыссыздық\w*"),
    ("GDP growth", r"\bgdp(?: growth)?\b|gross domestic product|(?:рост\w* )?ввп\b|\bжім\b|economic growth|"
                   r"экономическ\w+ рост\w*"),
    ("wear", r"\bwear\b|deteriorat\w*|износ\w*|тозу\w*|тозған\w*"),
    ("poverty", r"poverty|бедност\w*|кедейлік\w*"),
    ("interest rate", r"interest rate|base rate|\bставк\w*|мөлшерлеме\w*"),
])
_PROJECT_COST = re.compile(r"\s*(?:[\w-]+\s+){0,3}(?:project|railway|line|plant|programme|program|проект\w*)\b")
_GROWTH_BEFORE = re.compile(r"(?:\bby|\bup|\bна|\bincreased|\bgrew|\brose|\bвырос\w*|\bувеличил\w*)\s*$")
_GROWTH_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent|процент\w*|пайыз\w*|paıyz\w*)?\s*(?:-?ға\b|-?ke\b|ǵa\b|"
                           r"more|less|higher|lower|increase|growth|rise|up\b|больше|меньше|выше|ниже|рост|"
                           r"артық|көп|жоғары|ұлғай\w*|өс\w*|ulǵaı\w*|ósi\w*)")
# "growth rates of 56.3 %", "the highest rise in construction, 128 %", «рост составил 26,1 %»;
# "growth to 60 %" reaches a level
_GROWTH_NOUN = re.compile(r"\b(?:growth|rise|increase)\b(?! to\b)|\b(?:рост|прирост)\w*|\bөсім\w*|\bósim\w*")
_LEVEL_REACHED = re.compile(r"(?:\bto|\bдо|дейін|\breach\w*|\bдостиг\w*|\bдостичь)\s*$")
_SHARE_OF = re.compile(r"^\s*(?:percent|per\s+cent|%|процент\w*)?\s*(?:of|из|от)\s+(?:the\s+|all\s+)?"
                       r"((?:[^\W\d]+\s+){0,2}[^\W\d]+)")
_UNIT_CLASSES = [
    ("percent", "%", re.compile(r"^(?:%|percent|per\s*cent|процент\w*|пайыз\w*|paıyz\w*)")),
    ("other", "km/h", re.compile(r"km/h|км/ч|kilomet\w+ per hour|kmph|километр\w* в час")),
    ("area", "m²", re.compile(r"sq\.?\s*m|square\s+met\w*|m²|\bm2\b|кв\.?\s*м\w*|квадратн\w+\s+метр\w*|"
                              r"шаршы\s+метр\w*|sharshy\s+metr\w*")),
    ("area", "ha", re.compile(r"^(?:hectares?|ha\b|га\b|гектар\w*|gektar\w*)")),
    ("volume", "m³", re.compile(r"cu\.?\s*m|cubic\s+met\w*|m³|m3\b|м3\b|м³|куб\.?\s*м\w*|кубометр\w*|текше\s+метр\w*")),
    ("length", "km", re.compile(r"^(?:km|kilomet\w*|км|километр\w*|shaqyrym\w*|шақырым\w*)")),
    ("mass", "t", re.compile(r"^(?:tons?|tonnes?|tones|тонн\w*|tonna\w*|тонна\w*)")),
    ("energy", "MW", re.compile(r"^(?:mw|megawatt\w*|мвт|мегаватт\w*)")),
    ("energy", "GW", re.compile(r"^(?:gw|gigawatt\w*|гвт)")),
    ("energy", "kWh", re.compile(r"^(?:kwh|квт\W?ч)")),
    ("length", "m", re.compile(r"^(?:m\b|met(?:er|re)s?\b|метр\w*)")),
    ("duration", "years", re.compile(r"^(?:years?\b|лет\b|жыл\w*)")),
]
_DIGITS = re.compile(r"\d(?:[\d\u00a0\u202f ]*[.,·]?\d)*")
_SCALE_AFTER = re.compile(r"\s*(?:million|mln|billion|bln|bn|trillion|trln|thousand|тыс|млн|млрд|трлн|миллион\w*|"
                          r"миллиард\w*|мың|mıń|myń|mlrd)\b\.?", re.IGNORECASE)
# a unit phrase that names no counted thing: money, a verb or a date the unit reader took in
_NOT_A_THING = re.compile(r"\d|tenge|теңге|тенге|teńge|kzt|usd|\b(?:times|compared|showed|chaired|said|ese|aıda)\b")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|процент\w*|пайыз\w*|paıyz\w*)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_LEVEL_CUE = re.compile(r"\b(?:rate|level|share|proportion|coverage|уров\w*|дол[яи]\w*|охват\w*|деңгей\w*|"
                        r"үлес\w*|qamtu\w*|қамту\w*)")


def propose_measure(kind: str, fields: dict[str, Any], quote: str, context: str,
                    language: str | None = None) -> MeasureProposal | None:
    """The measure of a funding, target or statistic claim, or None for other kinds.
    ``context`` holds ``quote`` with the claim's sentence and, for the commodity or
    activity a sentence leaves implicit, a little of the text before it. A figure whose
    quote names a region or district ("Abai region", "the district's", «Туркестанской
    области») measures that part of the country: the place joins the measure's name, so a
    district's gas coverage is not compared with the national rate."""
    if kind not in FIGURE_KINDS:
        return None
    proposal = _measure_of_figure(kind, fields, quote, context)
    part = place_qualifier(quote) or _list_item_label(kind, fields, quote, context)
    if proposal is None or part is None:
        return proposal
    return _proposal(f"{proposal.name} · {part}", proposal.unit_class, proposal.unit, proposal.confidence)


# "Of them:\n- 12.1 million sq m — apartment blocks;\n- 6.6 million sq m — private houses;":
# each item measures the part its label names, not the whole the list breaks down
_BULLET_LINE = re.compile(r"(?:^|\n)[ \t]*[-•*–—][ \t]*$")
_ITEM_LABEL = re.compile(r"[^\d\n—–;:]{0,25}?\s[—–]\s*([^\W\d_][^\n;,.()]{2,60})")


def _list_item_label(kind: str, fields: dict[str, Any], quote: str, context: str) -> str | None:
    quote_at = context.rfind(quote)
    located = figure_span(kind, fields, quote)
    if quote_at < 0 or located is None:
        return None
    start, end = quote_at + located[0], quote_at + located[1]
    line_start = context.rfind("\n", 0, start) + 1
    if not _BULLET_LINE.search(context, max(0, line_start - 1), start):
        return None
    label = _ITEM_LABEL.match(context, end)
    return " ".join(label.group(1).split()[:3]) if label else None


# a named region or district ("Abai region", "Turkestan oblast", «Туркестанской области»,
# «Түркістан облысы»), else an unnamed one the text refers back to ("the district's")
_NAMED_PLACE = re.compile(
    r"\b([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]+)\s+(?:regions?|oblasts?|districts?|provinces?|област\w*|район\w*|облыс\w*|"
    r"аудан\w*|oblys\w*|aýdan\w*)\b")
_UNNAMED_PLACE = re.compile(r"\b(?:the|this|that|its)\s+(region|district|province|oblast)(?:’s|'s)?\b|"
                            r"\b(?:этого|данного|этом|данном)\s+(район|регион)\w*", re.IGNORECASE)
_PLACE_WORD = re.compile(r"(?i)region|oblast|district|province|област|район|регион|облыс|аудан|oblys|aýdan")
_NOT_A_PLACE_NAME = re.compile(r"^(?:The|This|That|Its|All|Each|Every|Other|Some|Many|Most|Several|Rural|Border|"
                               r"Regional|These|Those|Эти|Все|Других|Сельских)$")


def place_qualifier(quote: str) -> str | None:
    """The region or district a figure's quote names, as it names it, or None (the country)."""
    if not _PLACE_WORD.search(quote):  # most quotes name none: one literal-led scan
        return None
    named = next((m.group() for m in _NAMED_PLACE.finditer(quote) if not _NOT_A_PLACE_NAME.match(m.group(1))),
                 None)
    if named:
        return named
    unnamed = _UNNAMED_PLACE.search(quote)
    return (unnamed.group(1) or unnamed.group(2)).lower() if unnamed else None


def _measure_of_figure(kind: str, fields: dict[str, Any], quote: str, context: str) -> MeasureProposal | None:
    lowered_context, lowered_quote = context.lower(), quote.lower()
    quote_at = max(lowered_context.rfind(lowered_quote), 0)
    located = figure_span(kind, fields, quote)
    start, end = (quote_at + located[0], quote_at + located[1]) if located else (quote_at, quote_at)
    if kind == FUNDING:
        label, confidence = _amount(lowered_context, start, end, quote_at + len(lowered_quote),
                                    (fields.get("purpose") or "").lower())
        return _proposal(label, "currency", fields.get("currency") or None, confidence)
    unit_field = _SCALE_AFTER.sub("", (fields.get("unit") or "").strip().lower(), count=1).strip()
    after = lowered_context[end:end + 60] if located else f" {unit_field}"
    percent = (located and located[2]) or unit_field == "%"
    unit_class, symbol = ("percent", "%") if percent else _unit_class(after.lstrip(" -–"))
    if unit_class == "count" and unit_field:
        unit_class, symbol = _unit_class(unit_field)
    if unit_class == "percent":
        return _percent(lowered_context, start, lowered_context[end:end + 60])
    if unit_class == "other" and symbol == "km/h":
        return _proposal("speed", "other", "km/h", 0.8)
    if unit_class in ("mass", "volume", "area") and symbol != "m²":
        commodity = _nearest(COMMODITIES, lowered_context, start, after_first=after)
        activity = _nearest(ACTIVITIES, lowered_context, start)
        words = [w for w in (commodity, activity) if w]
        name = " ".join(words) or {"mass": "mass", "volume": "volume", "area": "area"}[unit_class]
        return _proposal(f"{name} {symbol}", unit_class, symbol, 0.75 if words else 0.5)
    if unit_class == "area":
        return _proposal(f"area {symbol}", "area", symbol, 0.75)
    if unit_class == "length":
        thing = _first_match(THINGS, after[:40])
        thing = thing if thing in ("pipelines", "roads") else None
        return _proposal(f"{thing} length {symbol}" if thing else f"length {symbol}", "length", symbol, 0.7)
    if unit_class in ("energy", "duration"):
        name = "capacity" if symbol in ("MW", "GW") else ("generation" if symbol == "kWh" else "duration")
        return _proposal(f"{name} {symbol}", unit_class, symbol, 0.7)
    thing = _first_match(THINGS, unit_field) or _first_match(THINGS, after[:30])
    if thing:
        return _proposal(thing, "count", None, 0.8)
    words = _WORD.findall(unit_field)
    if words and not _NOT_A_THING.search(unit_field):
        return _proposal(" ".join(words[:2]), "count", None, 0.4)
    if located and _ELIDED_BEFORE.search(lowered_context, max(0, start - 12), start):
        # "51 projects were funded; completion of the 19 worth …": the noun left out after
        # "the 19" is the thing the text counted just before
        thing = _nearest(THINGS, lowered_context, start, low=0, high=start)
        if thing:
            return _proposal(thing, "count", None, 0.5)
    return None


_ELIDED_BEFORE = re.compile(r"\b(?:the|these|those|of|из|их)\s+$")


def figure_span(kind: str, fields: dict[str, Any], quote: str) -> tuple[int, int, bool] | None:
    """Where the claim's own figure sits in its quote (a quote may hold several): the
    digits that spell the claim's value, else the first; its end takes in a scale word
    ("26.5 million") and a percent sign. A scan of the quote's digits, not a re-parse."""
    principal = PRINCIPAL_FIELD[kind]
    return _figure_span(str(fields.get(principal) or ""), quote)


@lru_cache(maxsize=1024)  # asked for the claim's subject and again for its measure
def _figure_span(value: str, quote: str) -> tuple[int, int, bool] | None:
    runs = list(_DIGITS.finditer(quote))
    if not runs:
        return None
    wanted = _significant(value)
    chosen = next((r for r in runs if wanted and _significant(r.group()) == wanted), runs[0])
    scale = _SCALE_AFTER.match(quote, chosen.end())
    end = scale.end() if scale else chosen.end()
    percent = _PERCENT_AFTER.match(quote, end)
    return chosen.start(), (percent.end() if percent else end), percent is not None


def _significant(number: str) -> str:
    """The digits that matter: "26.5" and "26500000" both give "265"."""
    if _WHOLE_DECIMAL.fullmatch(number):
        number = number.split(".")[0]
    digits = _NOT_DIGIT.sub("", number)
    return digits.strip("0") or digits


_WHOLE_DECIMAL = re.compile(r"\d+\.0+")
_NOT_DIGIT = re.compile(r"\D")


def _proposal(name: str, unit_class: str, unit: str | None, confidence: float) -> MeasureProposal:
    return MeasureProposal(name, measure_key(name), unit_class, unit, confidence)


def _unit_class(unit: str) -> tuple[str, str | None]:
    for unit_class, symbol, pattern in _UNIT_CLASSES:
        if pattern.match(unit):  # the unit follows the figure
            return unit_class, symbol
    return "count", None


def _percent(context: str, figure: int, after: str) -> MeasureProposal:
    """A percentage the sentence names ("inflation", "unemployment") is that; "by 9 %" and
    "11.8 % more" are growth; "60 % of the settlements" a share; "to 60 %" and "the rate was
    59 %" a level."""
    cue = _nearest(PERCENT_CUES, context, figure, low=max(0, figure - 60), high=min(len(context), figure + 25))
    if cue:
        return _proposal(f"{cue} %", "percent", "%", 0.75)
    before = context[max(0, figure - 30):figure]
    if (_GROWTH_BEFORE.search(before) or _GROWTH_AFTER.match(after)
            or (_GROWTH_NOUN.search(context, max(0, figure - 45), figure) and not _LEVEL_REACHED.search(before))):
        return _proposal("growth %", "percent", "%", 0.7)
    share = _SHARE_OF.match(after)
    if share:
        thing = _first_match(THINGS, share.group(1)) or share.group(1).split()[-1]
        return _proposal(f"share of {thing} %", "percent", "%", 0.7)
    return _proposal("level %", "percent", "%", 0.75 if _LEVEL_CUE.search(context) else 0.55)


def _amount(context: str, figure: int, figure_end: int, quote_end: int, purpose: str) -> tuple[str, float]:
    if figure_end > figure and _PROJECT_COST.match(context, figure_end):
        return "cost", 0.7  # "the $1.9 billion railway project"
    label = _nearest(AMOUNTS, context, figure, low=max(0, figure - 120), high=min(len(context), quote_end + 40))
    if label is None and purpose:
        label = _first_match(AMOUNTS, purpose)
    return (label, 0.75) if label else ("funding", 0.45)


def _nearest(lexicon: Lexicon, text: str, position: int, after_first: str = "", low: int | None = None,
             high: int | None = None) -> str | None:
    """The lexicon label matched nearest ``position`` (before it counts a little nearer);
    ``after_first``, the words right after the figure, is tried first ("tons of grain")."""
    if after_first:
        found = _first_match(lexicon, after_first[:25])
        if found:
            return found
    low = 0 if low is None else low
    high = len(text) if high is None else high
    best, best_distance = None, None
    for match in lexicon.combined.finditer(text, low, high):  # one scan for every entry
        distance = position - match.end() if match.end() <= position else (match.start() - position) * 1.5
        if best_distance is None or distance < best_distance:
            best, best_distance = lexicon.labels[str(match.lastgroup)], distance
    return best


def _first_match(lexicon: Lexicon, text: str) -> str | None:
    """The label of the leftmost lexicon word in ``text`` (one scan of the combined pattern;
    unit phrases repeat, so answers are kept: a scan costs about 20 µs)."""
    key = (id(lexicon), text)
    if key not in _ANSWERS:
        if len(_ANSWERS) > 20_000:
            _ANSWERS.clear()
        match = lexicon.combined.search(text)
        _ANSWERS[key] = lexicon.labels[str(match.lastgroup)] if match else None
    return _ANSWERS[key]


_ANSWERS: dict[tuple[int, str], str | None] = {}


_PLACEHOLDER = re.compile(r"lexiconlabel(\d+)x")


@lru_cache(maxsize=4096)
def measure_key(name: str, language: str | None = None) -> str:
    """A key equal for one measure's names across inflections, scripts and languages the
    lexicons know ("schools", «школы», «мектеп» → "schools"); see the module docstring."""
    text = " " + name.lower().strip() + " "
    text = re.sub(r"\s*(?:%|percent|per\s*cent|процент\w*|пайыз\w*)\s*", " % ", text)
    labels: list[str] = []
    for lexicon in (AMOUNTS, PERCENT_CUES, THINGS, COMMODITIES, ACTIVITIES):
        for label, pattern in lexicon:
            # a placeholder, so that no later entry reads the label's own words again
            replaced = pattern.sub(f" lexiconlabel{len(labels)}x ", text)
            if replaced != text:
                labels.append(label)
                text = replaced
    words = []
    for word in re.findall(r"[\w%²³/]+", text):
        placeholder = _PLACEHOLDER.fullmatch(word)
        if placeholder:
            words.append(labels[int(placeholder.group(1))].lower())
            continue
        if word in ("of", "the", "a", "an", "with", "in", "for", "и", "в", "по"):
            continue
        if not word.isalpha():
            words.append(word)
            continue
        latin = transliterate(word)
        if latin != word.lower():  # Cyrillic: a crude stem keeps inflections together
            words.append(latin[:5])
        else:
            words.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return " ".join(words)
