"""Word lists of the number grammar: scales, currencies, comparators, number words,
fractions and month names in English, Russian and Kazakh. Keys are regular
expressions (matched case-insensitively), longest alternatives first."""

from __future__ import annotations

from decimal import Decimal

SCALES = {
    r"trillions?": Decimal(10) ** 12, r"trln?\.?": Decimal(10) ** 12, r"trl\.?": Decimal(10) ** 12,
    r"триллион\w*": Decimal(10) ** 12, r"трлн\.?": Decimal(10) ** 12,
    r"billions?": Decimal(10) ** 9, r"bln\.?": Decimal(10) ** 9, r"bn": Decimal(10) ** 9,
    r"миллиард\w*": Decimal(10) ** 9, r"млрд\.?": Decimal(10) ** 9,
    r"millions?": Decimal(10) ** 6, r"mln\.?": Decimal(10) ** 6, r"mn": Decimal(10) ** 6,
    r"миллион\w*": Decimal(10) ** 6, r"млн\.?": Decimal(10) ** 6,
    r"thousands?": Decimal(10) ** 3, r"тысяч\w*": Decimal(10) ** 3, r"тыс\.?": Decimal(10) ** 3,
    r"мың\w*": Decimal(10) ** 3,
    # Kazakh in Latin script (2021 alphabet): myń, mln, mlrd, trln, milliard
    r"myń\w*": Decimal(10) ** 3, r"mlrd\.?": Decimal(10) ** 9, r"milliard\w*": Decimal(10) ** 9,
}

# before the number: "KZT 2.6 trl", "US$190,416", "$288 billion", "₸1 300 000", "T500 billion" (wire copy)
CURRENCY_BEFORE = {
    r"(?<![\w$])us\$": "USD", r"(?<![\w$])usd": "USD", r"(?<![\w$])kzt": "KZT", r"(?<![\w$])eur": "EUR",
    r"(?<![\w$])rub": "RUB", r"(?<![\w$])cny": "CNY", r"(?<![\w$])gbp": "GBP", r"(?<![\w])\$": "USD",
    r"€": "EUR", r"£": "GBP", r"₸": "KZT", r"₽": "RUB", r"(?<![\w$])T(?=\d)": "KZT",
}
# after the number: "1.3 billion tenge", "1,3 млрд тенге", "2,5 трлн теңге", "USD" after
CURRENCY_AFTER = {
    r"tenge": "KZT", r"teńge": "KZT", r"теңге": "KZT", r"тенге": "KZT", r"тг\.?": "KZT", r"kzt": "KZT",
    r"us dollars?": "USD", r"dollars?": "USD", r"usd": "USD", r"долл(?:ар\w*|\.)": "USD",
    r"euros?": "EUR", r"eur": "EUR", r"евро": "EUR",
    r"roubles?": "RUB", r"rubles?": "RUB", r"руб(?:л\w*|\.)": "RUB", r"rub": "RUB",
    r"yuan": "CNY", r"юан\w*": "CNY", r"pounds? sterling": "GBP",
}

PERCENT = [r"percent", r"per cent", r"процент\w*", r"пайыз\w*", r"paıyz\w*"]

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_NUMBER = {word: Decimal(n) for n, word in enumerate(_UNITS)}
WORD_NUMBER.update({word: Decimal(20 + 10 * n) for n, word in enumerate(_TENS)})
WORD_NUMBER["hundred"] = Decimal(100)

# shares written as words are percentages: "one third of all students" is about 33.3 %
FRACTIONS = {
    "one third": Decimal("33.3"), "a third": Decimal("33.3"), "two thirds": Decimal("66.7"),
    "one quarter": Decimal(25), "a quarter": Decimal(25), "three quarters": Decimal(75),
    "one fifth": Decimal(20), "a fifth": Decimal(20), "one tenth": Decimal(10), "a tenth": Decimal(10),
}

# the comparator a word before the figure sets ("nearly 55.2 billion" is about); longest first
COMPARATORS_BEFORE = [
    (r"no more than", "up to"), (r"not more than", "up to"), (r"no less than", "at least"),
    (r"not less than", "at least"), (r"не менее", "at least"), (r"не более", "up to"),
    (r"more than", "more than"), (r"in excess of", "more than"), (r"upwards of", "more than"),
    (r"over", "more than"), (r"above", "more than"), (r"exceed(?:s|ed|ing)?", "more than"),
    (r"surpass(?:es|ed|ing)?", "more than"), (r"более чем", "more than"), (r"более", "more than"),
    (r"свыше", "more than"), (r"больше", "more than"), (r"превыша\w*", "more than"),
    (r"at least", "at least"), (r"a minimum of", "at least"),
    (r"up to", "up to"), (r"as many as", "up to"), (r"as much as", "up to"), (r"a maximum of", "up to"),
    (r"до", "up to"),
    (r"less than", "less than"), (r"fewer than", "less than"), (r"below", "less than"), (r"under", "less than"),
    (r"менее", "less than"), (r"меньше", "less than"),
    (r"about", "about"), (r"approximately", "about"), (r"approx\.", "about"), (r"around", "about"),
    (r"nearly", "about"), (r"almost", "about"), (r"roughly", "about"), (r"some", "about"),
    (r"circa", "about"), (r"an estimated", "about"), (r"estimated", "about"), (r"close to", "about"),
    (r"около", "about"), (r"примерно", "about"), (r"почти", "about"), (r"порядка", "about"),
    (r"приблизительно", "about"), (r"шамамен", "about"),
]
COMPARATORS_AFTER = [
    (r"(?:\w+\s)?астам\b", "more than"), (r"жуық\b", "about"), (r"дейін\b", "up to"), (r"or more\b", "at least"),
    (r"and more\b", "at least"), (r"and above\b", "at least"),
    (r"(?:\w+\s)?astam\b", "more than"), (r"jýyq\b", "about"), (r"deıin\b", "up to"),  # Kazakh in Latin script
]

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
    "декабря",
]
# Kazakh month names take case endings ("1 қаңтардан бастап", "1 qyrkúıekke deıin"), so they match as stems
KAZAKH_MONTHS = [
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
    "желтоқсан",
    "qańtar", "aqpan", "naýryz", "sáýir", "mamyr", "maýsym", "shilde", "tamyz", "qyrkúıek", "qazan", "qarasha",
    "jeltoqsan",
]
