"""Base pay from free text, precision first (taxonomy.md, "Salary").

The text is scanned once for money amounts (a number with a currency sign or code,
a multiplier such as k/L/crore, maybe a period); neighbouring amounts joined by a
range word become one candidate. Each candidate is then judged by its context:

* rejected when the words around it say it is not base pay (funding, revenue,
  equity, bonus, OTE-only, 401k, an estimate, a budget, a price …);
* kept when it is introduced as pay, carries an explicit period, sits in a
  "Company | Role | Place | $pay" header field, or is an annual-looking range;
* given a period from its wording, else from an unmistakable magnitude;
* dropped when its annualised USD value falls outside the sanity bounds.

The first candidate that survives is the salary: several ranges (zones, levels,
roles) mean the first one stated.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from jobradar.classifier.fx import annual_usd, usd_rate
from jobradar.classifier.salary.model import Period, Salary
from jobradar.classifier.taxonomy import ANNUAL_FACTOR

# Currency markers: symbols and ISO codes, before or after the number.
_ISO = (
    "USD|EUR|GBP|INR|CAD|AUD|SGD|HKD|NZD|CHF|SEK|NOK|DKK|PLN|JPY|CNY|BRL|MXN|ZAR|PHP|"
    "IDR|MYR|THB|TRY|ILS|CZK|HUF|RON|KRW"
)
_ISO_CODES = frozenset(_ISO.split("|"))
_SIGN_CURRENCY = {
    "US$": "USD",
    "USD$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "CAD$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "AUD$": "AUD",
    "S$": "SGD",
    "SGD$": "SGD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "R$": "BRL",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "RS": "INR",
    "RS.": "INR",
    "ZŁ": "PLN",
    "$": "$",  # resolved later: USD unless the posting names another dollar
}
_PREFIX = r"(?:US\$|USD\s?\$|CA\$|CAD\s?\$|C\$|AU\$|AUD\s?\$|A\$|SGD\s?\$|S\$|HK\$|NZ\$|R\$|\$|£|€|₹|Rs\.?)"
# Amounts are found from their digits: scanning for a digit is fast, and only then
# are the currency before it and the multiplier and currency after it read.
_CURRENCY_BEFORE = re.compile(
    rf"(?:(?P<pre>{_PREFIX})|(?<![A-Za-z])\(?(?P<preiso>{_ISO})\)?)\s?$"  # "(USD) 119,500"
)
# ASCII digits only: "\d" would take Arabic-Indic and other digits into a number.
_NUMBER_TOKEN = re.compile(r"[0-9][0-9,.'\u00a0\u202f]*")
# ASCII digits become "0" and everything else a space, one byte per character, so
# bytes.find locates the next digit at C speed where a regular-expression scan would crawl.
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_SIGNS = frozenset("$£€₹")
_AFTER_MONEY = frozenset("kKLMmcbtl€£zUEGICASHNJRPTBKMD")  # a multiplier, sign or code may follow
_JOINER_START = frozenset("-–—‒−~t ")
_JOINER_END = frozenset("-–—‒−~")
_NUMBER_ON = re.compile(
    rf"""
    (?P<num>
        [0-9]{{1,2}}(?:,[0-9]{{2}})+,[0-9]{{3}}(?:\.[0-9]{{1,2}})?         # Indian grouping 1,20,000
      | [0-9]{{1,3}}(?:[,.'\u00a0\u202f][0-9]{{3}})+(?:[.,][0-9]{{1,2}})?  # 120,000 / 120.000 / 120 000
      | [0-9]+(?:[.,][0-9]{{1,2}})?                                  # 120 / 31,2 / 4.5
    )
    (?![0-9])
    (?P<mult>
        \s?(?:k|K)(?![A-Za-z])
      | [kK](?=[A-Z][a-z]{{2}})                                      # glued: "£120kDo you…"
      | \s?(?:mm|MM|mn|Mn|m|M)(?![A-Za-z])
      | \s?(?:LPA|lpa|L|lakhs?|lacs?|Lakhs?)(?![A-Za-z])
      | \s?(?:crores?|Cr|cr)(?![A-Za-z])
      | \s(?:thousand|million|billion|trillion)\b
      | \s?(?:bn|B)(?![A-Za-z])
    )?
    (?:\s?(?P<suf>(?<![A-Za-z])(?:{_ISO})\b|€|£|zł|Rs\.?(?![A-Za-z])))?
    (?P<plus>\+(?!\s*(?i:bonus|equity|benefits?|commission|stock|options|rsus?|super|pension|
        package|car|ote|shares|perks|allowance)\b))?   # "$150k+" is "from"; "$150k + bonus" is not
    """,
    re.VERBOSE,
)
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "l": 1e5,
    "lpa": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "cr": 1e7,
    "crore": 1e7,
    "crores": 1e7,
}
# Lakh and crore are counted in rupees only ("15-20 LPA"); the short "L" and "Cr" are
# not taken as a currency on their own.
_RUPEE_MULTIPLIERS = dict.fromkeys(
    ("lpa", "lakh", "lakhs", "lac", "lacs", "crore", "crores"), "INR"
)
# The low end may repeat the period: "$30/hr - $45/hr", "£60,000pa - £70,000pa".
_RANGE_JOIN = re.compile(
    r"\s*\*?\s*(?:(?:/|per\s)?\s?(?:(?:hr|hour|h|pa|yr|year|annum|day)\b|p\.a\.?))?\s*"
    r"(?:-{1,2}|–|—|‒|−|~|to|up to|and|until|bis|à)\s*",
    re.IGNORECASE,
)

# Period words. After the amount they must follow it closely; before it they must
# name the rate ("hourly rate", "day rate") so "2 days/week in office" is not a period.
_UNIT = r"(?:/|per|an?|p/?|pre|each)\s?\.?\s?"
_PERIOD_AFTER: list[tuple[re.Pattern[str], Period]] = [
    (re.compile(rf"^[^\w+]{{0,3}}{_UNIT}(?:hour|hr|h)\b", re.I), "hour"),
    (re.compile(r"^\s?(?:hr|hour|h|ph|p/h)\b", re.I), "hour"),
    (re.compile(r"^[^\w+]{0,3}hourly\b", re.I), "hour"),
    (re.compile(rf"^[^\w+]{{0,3}}{_UNIT}(?:day|diem)\b", re.I), "day"),
    (re.compile(r"^[^\w+]{0,3}(?:daily|pd|p/d)\b", re.I), "day"),
    (re.compile(rf"^[^\w+]{{0,3}}{_UNIT}(?:week|wk)\b", re.I), "week"),
    (re.compile(r"^[^\w+]{0,3}weekly\b", re.I), "week"),
    (re.compile(rf"^[^\w+]{{0,3}}{_UNIT}(?:month|mo|mth)\b", re.I), "month"),
    (re.compile(r"^[^\w+]{0,3}(?:monthly|pm|p\.m\.)(?![A-Za-z])", re.I), "month"),
    (re.compile(rf"^[^\w+]{{0,3}}{_UNIT}(?:year|yr|annum|annual|anum)\b", re.I), "year"),
    (
        re.compile(
            r"^[^\w+]{0,3}(?:annually|annual|yearly|p\.\s?a\.?|p/a|pa|lpa)(?![A-Za-z])", re.I
        ),
        "year",
    ),
]
_RATE_LEAD = r"\b(?:rate|pay|wage|salary|compensation|stipend|earnings)\b[^$£€₹\d\n]{0,30}$"
_PERIOD_BEFORE: list[tuple[re.Pattern[str], Period]] = [
    (
        re.compile(
            r"\b(?:hourly|per hour)\s+(?:rate|pay|wage|compensation|earnings)\b[^$£€₹\d\n]{0,30}$",
            re.I,
        ),
        "hour",
    ),
    (re.compile(r"\b(?:day|daily)\s+rate\b[^$£€₹\d\n]{0,30}$", re.I), "day"),
    (re.compile(r"\bweekly\s+(?:base\s+)?" + _RATE_LEAD, re.I), "week"),
    (re.compile(r"\bmonthly\s+(?:base\s+)?" + _RATE_LEAD, re.I), "month"),
    (re.compile(r"\b(?:annual|yearly)\s+(?:base\s+)?" + _RATE_LEAD, re.I), "year"),
]
_ESTIMATE_AFTER = re.compile(  # in the amount's own field: not past a field or a blank line
    r"^(?:(?!\n\s*\n)[^|]){0,30}?\b(?:estimated|est\.)"
    r"(?!\s*(?:hourly|annual|yearly|monthly|base)?\s*(?:pay|salary|compensation|wage|rate)\b)",
    re.I,
)
# ai-jobs.net marks its own estimates with a star set apart: "USD 121K - 186K *" (an
# employer's footnote star is glued to the figure and followed by words).
_STAR_ESTIMATE = re.compile(r"\s\*(?!\*)[ \t]*(?:\n|$)")
# Sales pay stated as a split of base and variable is on-target earnings, not base pay.
_SPLIT_AFTER = re.compile(
    r"^[^\n]{0,60}?(?:\d{2}\s?/\s?\d{2}\s+split|variable\s+split|%\s*variable)", re.I
)
_GLUED_FIELD = re.compile(rf"\s?(?:{_ISO})[A-Z][a-z]")  # "£120,000 GBPCompetitive Bonus"
_BASE_AFTER = re.compile(r"^\W{0,4}(?:[A-Z]{3}\s+)?base\b", re.I)

# Scraped pages lose the break between a heading and its label: "Data EngineerSalary: £90,000"
_GLUED = r"(?-i:(?<=[a-z])(?=[A-Z]))"
_POSITIVE = re.compile(
    rf"(?:\b|{_GLUED})(?:salary|salaries|pay|paid|compensation|comp|base|wage|wages|rate|ranges?|ctc|"
    r"package|earn|earning|earnings|remuneration|stipend|income|offer|offering|band|circa|"
    r"approx(?:imately)?|around)\b",
    re.I,
)
_STRONG_NEGATIVE = re.compile(
    r"\b(?:rais(?:e|ed|ing)|funding|funded|investment|investors?|series [a-f]|seed|revenue|"
    r"revenues|arr|gmv|valuation|valued|worth|assets|aum|under management|bonus(?:es)?|"
    r"sign[- ]?on|signing|commission|commissions|equity|stock|rsus?|options|ote|on[- ]target|"
    r"401\s?\(?k\)?|pension|budget|reimburse(?:ment|d)?|allowance|bounty|referral|prize|"
    r"award|grant|grants|fees?|price|pricing|priced|costs?|donat\w*|turnover|profits?|"
    r"capital|contract value|total comp(?:ensation)?|cash/equity|tuition|relocation|"
    r"deductible|contributes|contribution|contributions|matching|per task|take-home|"
    r"payroll deduction|benefit|supplemental|life insurance|fertility|hra|fsa|hsa|wellness|"
    r"childcare|gym|membership|adoption|"
    r"bill(?:ing)? rates?|billed|billings|coverage|sum insured|"
    r"(?:customer|user|client|subscriber|member|install(?:ed)?) base)\b",
    re.I,
)
_WEAK_NEGATIVE = re.compile(
    r"\b(?:market|markets|industry|sales|customers|users|insurance|credit|loans?|deal|"
    r"spend|spending|spent|saves?|savings|worth)\b",
    re.I,
)
_NEGATIVE_AFTER = re.compile(
    r"\b(?:funding|raised|revenue|arr|gmv|valuation|round|seed|series|bonus|sign[- ]?on|"
    r"signing|commission|equity|stock|rsus?|budget|market|industry|assets|users|customers|"
    r"employees|stars|downloads|credits?|grant|referral|per task|per closed|take-home|"
    r"developers|members|subscribers|companies|people|organi[sz]ations|installs|visitors|"
    r"players|patients|followers|views|active|"
    r"exercise|cash/equity|learning|company|business|benefit|capital|investment|funds?|"
    r"sales|trade|freight|spend|loans?|ote|on[- ]target|in total|tuition|perks?|"
    r"assistance|reimburse\w*|transit|commut\w*|rideshare|merchants|sellers|orders|"
    r"accounts|transactions|shipments|deliveries|businesses|restaurants|stores|clients|tc|"
    r"total (?:annual |yearly )?comp(?:ensation)?|fertility|childcare|relocation)\b",
    re.I,
)
# Millions, crores and lakhs of something, not money: "12 million merchants", "9 crore
# orders", "200 million customer accounts" (a plural noun, perhaps after one word; money's
# own nouns aside, and words that only end in "s": "plus", "gross", "basis").
_MILLIONS_COUNTED_AFTER = re.compile(r"\W{0,2}(?:[a-z]+ )?([a-z]{2,}[^\Wsiu]s)\b")
_MONEY_NOUNS = frozenset(
    {
        "dollars", "pounds", "euros", "rupees", "lakhs", "lacs", "crores", "thousands",
        "salaries", "wages", "earnings", "benefits", "packages",
    }
)  # fmt: skip
_TAIL_STOP = re.compile(
    r"[,;|\n(+•·]|\s(?:w/|with|plus|and|depending|dependent|subject)\s|\.\s|[$£€₹]|\s[0-9]"
)
_PERIOD_UNIT = re.compile(
    r"\s?(?:/|per\s|an?\s)\s?(?:hour|hr|h|day|week|wk|month|mo|year|yr|annum)\b\.?", re.I
)
_TAIL_WORDS = 4  # "$5M in seed funding"; further words describe something else
_UP_TO = re.compile(
    r"(?:(?<![A-Za-z])[Uu]|(?<=[a-z])U)p\s?to(?:\s(?:around|about|approx\w*|circa|c\.))?\W{0,3}$"
    r"|\b(?:upto|max(?:imum)?(?: of)?|not to exceed|capped at|of up)\W{0,3}$"
    # an agency's "To £55K" opening its line or field ("*Leeds* to £90k"), "Salary to
    # £120k", "Basic to £65k"
    r"|(?:^\W*|\*\s*|\b(?:salary|basic|base|pay|package|paying)\W{0,3})to\W{0,3}$",
    re.I,
)
_FROM = re.compile(
    r"\b(?:from|starting (?:at|from)|min(?:imum)?(?: of)?|at least|over|in excess of)\W{0,3}$", re.I
)
_OR_MORE = re.compile(r"\s(?:or|and) (?:more|above|upwards)\b", re.I)  # "£30k or more basic"
_PAY_LABEL_BEFORE = re.compile(
    r"\b(?:salary|pay|compensation|remuneration|wage)(?:\s+(?:range|band|scale))?\s*[:\-–]\s*$",
    re.I,
)
_TO_BEFORE = re.compile(r"\b(?:up\s?to|to)\W{0,3}$", re.I)
# The next field of a list of fields after its pay ("£75,000 GBP Bonus Onsite", a headline's
# "£85,000 - £95,000 Equity"), not a word saying what the amount is ("250k-500k TC")
_NEXT_FIELD = re.compile(
    r"\s+(?!(?:TC|OTE|Sign|Signing|Sign-on|Sign-On|Total|Commission|Referral|Relocation)\b)"
    r"[A-Z]"
)
_HEADLINE_FIELD_FLOOR = 20_000  # in its currency: a smaller figure there may be the bonus
_MIN_LABEL = re.compile(r"\bmin(?:imum)?\s+(?:base\s+|hiring\s+)?(?:salary|pay|rate)\b", re.I)
_MAX_LABEL = re.compile(r"\bmax(?:imum)?\s+(?:base\s+|hiring\s+)?(?:salary|pay|rate)\b", re.I)
_NOT_MONEY = re.compile(r"(?:401|403|457)\s?\(?[kb]\b", re.I)  # US retirement plans
_INDIAN_GROUPS = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]{1,2})?")  # 1,20,000
_THOUSANDS_GROUPS = re.compile(r"([0-9]{1,3}(?:[,.][0-9]{3})+)(?:[.,]([0-9]{1,2}))?")
# A number token longer than this ("1,000,000,000,000.00" is 20) is no one's pay: it is
# skipped before parsing, which keeps huge numbers out of float arithmetic.
_MAX_TOKEN = 24
_MAX_DIGITS = 13
# The first base-pay range stated is the listing's salary, and on the reference labels it
# is at most the 9th money amount and within the first 8,300 characters: the scan stops
# after this many amounts and candidates, and reads this much text, so its cost is linear
# with a small bound whatever the input.
_MAX_AMOUNTS = 120
_MAX_CANDIDATES = 60
_MAX_TEXT = 50_000
_LINE_WINDOW = 300  # how far a pay field's line is looked at around an amount
# After the first salary, this many more candidates are read for a fuller statement of it.
_RESTATEMENT_LOOKAHEAD = 6
_BETWEEN = re.compile(r"between\s*\W{0,2}$", re.I)
_CODE_AFTER = re.compile(rf"^\s?(?:{_ISO})\b")
_QUALIFIER_AFTER = re.compile(
    r"^\s*\(?(?:base|gross|salary|pre-tax|before tax|equivalent)\)?", re.I
)
_SEGMENT_BREAK = re.compile(r"[|\n•·]|\.\s|;\s")
# How far back a word can veto an amount: "Revenue Activation Platform — a Full Stack
# Engineer (with something to prove) $200K" names the company, not the figure.
_CUE_REACH = 50
_LINE_MARKS = " \t*•·-–—:💰"  # what may open a line before its amount

# Plausibility, in USD a year, after annualisation: outside this is not a salary.
ANNUAL_USD_BOUNDS = (300.0, 3_000_000.0)
# A yearly figure under this in a currency of high-wage countries is a stray amount
# (a stipend, a fee, a typo), not a salary: the lowest on the dev labels is 28,000.
_YEARLY_FLOOR_USD = 10_000
_HIGH_WAGE_CURRENCIES = frozenset(
    {"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD", "HKD", "SEK", "NOK", "DKK"}
    | {"JPY", "KRW", "ILS"}
)
_MAX_AMOUNT = 1e12  # in the posted currency and period (IDR salaries reach 1e9 a year)
_ANNUAL_LOOKING = {"INR": 100_000, "JPY": 1_000_000, "KRW": 10_000_000, "IDR": 10_000_000}
_HOURLY_LOOKING = (10.0, 400.0)
_DAY_RATE_LOOKING = (150.0, 2000.0)  # GBP a day, where a UK contract says so (IR35)
_MILLION_SALARY_CURRENCIES = frozenset({"JPY", "KRW", "IDR", "HUF", "INR", "PHP"})
_OTHER_DOLLAR_MARKS = (
    "CAD",
    "AUD",
    "SGD",
    "HKD",
    "NZD",
    "C$",
    "A$",
    "S$",
    "HK$",
    "NZ$",
)  # cheap gate
_OTHER_DOLLAR = re.compile(r"\b(CAD|AUD|SGD|HKD|NZD)\b|\b(C|CA|A|AU|S|HK|NZ)\$")


@dataclass
class _Amount:
    start: int
    end: int
    number: float  # as written, before the multiplier
    factor: float  # the multiplier written after it (1 when none)
    currency: str | None
    plus: bool  # "110k+": "from 110k"

    @property
    def value(self) -> float:
        return self.number * self.factor

    @property
    def is_money(self) -> bool:
        return self.currency is not None or self.factor != 1


@dataclass
class _Candidate:
    start: int
    end: int
    low: _Amount
    high: _Amount | None


def _parse_number(raw: str) -> float | None:
    """The value of a number as written, or None when it is not one a salary could be."""
    raw = raw.replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    if not raw.isascii() or sum(c.isdigit() for c in raw) > _MAX_DIGITS:
        return None
    if _INDIAN_GROUPS.fullmatch(raw):
        text = raw.replace(",", "")
    elif match := _THOUSANDS_GROUPS.fullmatch(raw):
        text = f"{match.group(1).replace(',', '').replace('.', '')}.{match.group(2) or 0}"
    else:
        text = raw.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _currency_of(before: re.Match[str] | None, after: re.Match[str]) -> str | None:
    suffix = after.group("suf")
    if suffix and suffix.upper() in _ISO_CODES:
        return suffix.upper()  # "$126k CAD": the code names the dollar
    sign = (before and (before.group("pre") or before.group("preiso"))) or suffix
    if not sign:
        return None
    key = "".join(sign.split()).upper()
    if key.startswith("USD"):
        return "USD"
    return _SIGN_CURRENCY.get(key, key if key in _ISO_CODES else None)


def _maybe_money(text: str, start: int, end: int) -> bool:
    """A cheap look at a number's neighbours: could it be money, or a range's low end?"""
    before = text[max(0, start - 6) : start]
    if _SIGNS.intersection(before) or "Rs" in before:
        return True
    if before.rstrip(" )\u00a0")[-3:] in _ISO_CODES:
        return True
    if end - start >= 4 and before.rstrip().endswith(":"):
        return True  # a labelled figure, "Salary: 60,000"
    lead = before.rstrip()
    if lead[-1:] in _JOINER_END or lead.endswith((" to", " and")):
        return True  # the high end of a range: "£66,000 - 90,000 per year"
    after = text[end : end + 2].lstrip(" \u00a0")
    if after[:1] in _AFTER_MONEY:
        return True
    return bool(after) and after[0] in _JOINER_START


def _number_tokens(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the runs of digits and separators in `text` (ASCII digits only)."""
    digits = text.encode("ascii", "replace").translate(_DIGITS_AS_ZERO)
    position = digits.find(b"0")
    while position != -1:
        token = _NUMBER_TOKEN.match(text, position)
        if token is None:  # unreachable: each "0" stands for an ASCII digit of `text`
            break
        yield token.start(), token.end()
        position = digits.find(b"0", token.end())


def _amounts(text: str) -> list[_Amount]:
    """The numbers that may be money (the first `_MAX_AMOUNTS`), with the currency and
    multiplier around each."""
    found: list[_Amount] = []
    for start, end in _number_tokens(text):
        if len(found) >= _MAX_AMOUNTS:
            break
        if (
            end - start > _MAX_TOKEN
            or (start and text[start - 1] in ".,")
            or not _maybe_money(text, start, end)
        ):
            continue
        number_match = _NUMBER_ON.match(text, start)
        if number_match is None or _NOT_MONEY.match(text, start):
            continue
        number = _parse_number(number_match.group("num"))
        if number is None:
            continue
        before = _CURRENCY_BEFORE.search(text[max(0, start - 8) : start])
        multiplier = (number_match.group("mult") or "").strip().lower()
        factor = _MULTIPLIERS.get(multiplier, 1.0)
        if factor == 1e3 and number >= 1000:
            factor = 1.0  # "$80,000K" is a typo for 80,000, not 80 million
        found.append(
            _Amount(
                start - (len(before.group(0)) if before else 0),
                number_match.end(),
                number,
                factor,
                _currency_of(before, number_match) or _RUPEE_MULTIPLIERS.get(multiplier),
                bool(number_match.group("plus")),
            )
        )
    return found


def _labelled_figure(text: str, amount: _Amount) -> bool:
    """A bare grouped figure right after a pay label: "Salary range: 98,100 - 171,398"."""
    return (
        amount.currency is None
        and amount.factor == 1
        and amount.number >= 1000
        and not text[amount.start : amount.end].isdigit()
        and bool(_PAY_LABEL_BEFORE.search(text, max(0, amount.start - 40), amount.start))
    )


def _candidates(text: str, amounts: list[_Amount]) -> list[_Candidate]:
    """Money amounts, each alone or joined with the next into a range."""
    result: list[_Candidate] = []
    index = 0
    while index < len(amounts):
        low = amounts[index]
        high = amounts[index + 1] if index + 1 < len(amounts) else None
        money = low.is_money or _labelled_figure(text, low)
        if high is not None and (money or high.is_money) and high.start - low.end < 40:
            joint = text[low.end : high.start]
            between = _BETWEEN.search(text, max(0, low.start - 12), low.start)
            if _RANGE_JOIN.fullmatch(joint) and ("and" not in joint.lower() or between):
                result.append(_Candidate(low.start, high.end, low, high))
                index += 2
                continue
        if money:
            result.append(_Candidate(low.start, low.end, low, None))
        index += 1
    return result


def _segment_before(text: str, start: int, limit: int = 80) -> str:
    """The words before `start` in the same clause (no line break, pipe or sentence end)."""
    window = text[max(0, start - limit) : start]
    breaks = list(_SEGMENT_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _context_before(text: str, start: int) -> str:
    """Up to 160 characters before `start`, back through one line of text at most."""
    window = text[max(0, start - 160) : start]
    lines = window.replace("|", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    kept = [lines.pop()] if lines else []
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        kept.insert(0, lines[-1])
    return " ".join(kept)


def _nearest(patterns: list[tuple[str, re.Pattern[str]]], before: str) -> str | None:
    """The sign of the cue word closest before the amount, if any."""
    best: tuple[int, str] | None = None
    for sign, pattern in patterns:
        for match in pattern.finditer(before):
            if best is None or match.end() >= best[0]:
                best = (match.end(), sign)
    return best[1] if best else None


def _cue(text: str, candidate: _Candidate) -> str | None:
    """'+' when the amount is introduced as pay, '-' when as something else, 'bound'
    after "up to" / "from" / "over" (pay only when the amount is marked as money)."""
    near = _segment_before(text, candidate.start)
    cue = _nearest([("+", _POSITIVE), ("-", _STRONG_NEGATIVE)], near[-_CUE_REACH:])
    if cue is not None:
        return cue
    if _WEAK_NEGATIVE.search(near[-25:]):
        return "-"
    if _UP_TO.search(near) or _FROM.search(near):
        return "bound"  # "Up to £70,000": stated the way pay is, if it is money at all
    # A pay line often follows its label on the line before ("Salary range:\n$X - $Y");
    # a label that far back can vouch for pay but not veto it.
    return "+" if _POSITIVE.search(_context_before(text, candidate.start)) else None


def _tail(text: str, end: int) -> str:
    """The words right after an amount (and its period: "$200/month Quality of Life perk"),
    up to the next clause break or amount."""
    window = text[end : end + 60]
    unit = _PERIOD_UNIT.match(window)
    window = window[unit.end() if unit else 0 :][:45]
    stop = _TAIL_STOP.search(window)
    return " ".join((window[: stop.start()] if stop else window).split()[:_TAIL_WORDS])


def _period_after(text: str, end: int) -> Period | None:
    after = text[end : end + 30]
    after = _CODE_AFTER.sub("", after)  # "$60 USD/hour"
    after = _QUALIFIER_AFTER.sub("", after)
    for pattern, period in _PERIOD_AFTER:
        if pattern.search(after):
            return period
    return None


def _lead(text: str, start: int, limit: int) -> str:
    """The clause before `start`; when the amount opens its line, the line before too
    ("Day rate" on its own line above "£400 — £525")."""
    before = _segment_before(text, start, limit)
    if before.strip(_LINE_MARKS):
        return before
    line_start = text.rfind("\n", max(0, start - limit), start)
    return (
        f"{_segment_before(text, line_start, limit).rstrip(_LINE_MARKS)} "
        if line_start > 0
        else before
    )


def _period_before(text: str, start: int) -> Period | None:
    before = _lead(text, start, 90)
    for pattern, period in _PERIOD_BEFORE:
        if pattern.search(before):
            return period
    return None


def _is_field(text: str, candidate: _Candidate) -> bool:
    """True for an amount that is a field of its own.

    That is the pay field of a "Company | Role | Place | $pay" header, or an amount
    that opens its line ("£65,000 + benefits" under "Details").
    """
    # Within a window: a search to the line's ends would make a long line quadratic.
    window_start = max(0, candidate.start - _LINE_WINDOW)
    line_start = text.rfind("\n", window_start, candidate.start) + 1 or window_start
    line_end = text.find("\n", candidate.end, candidate.end + _LINE_WINDOW)
    line = text[line_start : line_end if line_end != -1 else candidate.end + _LINE_WINDOW]
    if not text[line_start : candidate.start].strip(" *•-–💰"):
        return True
    if line.count("|") >= 2:
        field_start = text.rfind("|", line_start, candidate.start) + 1
    elif line.count(" - ") + line.count(" – ") >= 2:  # "Data Engineer - Perm - London - £60k"
        field_start = max(
            text.rfind(" - ", line_start, candidate.start),
            text.rfind(" – ", line_start, candidate.start),
        )
        field_start = field_start + 3 if field_start != -1 else 0
    else:
        return False
    prefix = text[max(field_start, line_start) : candidate.start]
    return len(prefix.strip()) <= 25


def _default_currency(
    amounts: list[_Amount], text: str, location_currency: str | None
) -> str | None:
    """The currency of bare amounts ("60-80k"): the one the posting uses elsewhere."""
    seen = {a.currency for a in amounts if a.currency is not None}
    if "$" in seen:
        if any(mark in text for mark in _OTHER_DOLLAR_MARKS) and _OTHER_DOLLAR.search(text):
            return None  # "$" next to another dollar: which one is unclear
        seen = (seen - {"$"}) | {"USD"}
    if len(seen) == 1:
        return next(iter(seen))
    if not seen:
        return location_currency
    return None


@functools.lru_cache(maxsize=4)
def _uk_contract(text: str) -> bool:
    """Whether the posting is a UK contract ("inside/outside IR35"), whose rates are daily."""
    return "ir35" in text.lower()


def _infer_period(
    values: list[float], currency: str, hourly_ok: bool, day_rates: bool = False
) -> Period | None:
    """A period from magnitude, only where it is unmistakable."""
    top = max(values)
    if top >= _ANNUAL_LOOKING.get(currency, 10_000):
        return "year"
    if day_rates and currency == "GBP" and _DAY_RATE_LOOKING[0] <= top <= _DAY_RATE_LOOKING[1]:
        return "day"
    hourly_currencies = {"USD", "GBP", "EUR", "CAD", "AUD", "CHF", "SGD", "NZD"}
    if (
        hourly_ok
        and currency in hourly_currencies
        and _HOURLY_LOOKING[0] <= top <= _HOURLY_LOOKING[1]
    ):
        return "hour"
    return None


def _counts_something(text: str, candidate: _Candidate) -> bool:
    """Millions (crores, lakhs) followed by a plural noun: what they count."""
    if (candidate.high or candidate.low).factor < 1e5:
        return False  # smaller amounts: the counted nouns of `_NEGATIVE_AFTER`
    noun = _MILLIONS_COUNTED_AFTER.match(text, candidate.end, candidate.end + 40)
    return noun is not None and noun.group(1) not in _MONEY_NOUNS


def _values(candidate: _Candidate) -> tuple[float, float | None]:
    """Both ends, with a multiplier or unit written once applied to both: "$190–250k",
    and thousands written once: "$154-190,000"."""
    low, high = candidate.low, candidate.high
    if high is None:
        return low.value, None
    low_value, high_value = low.value, high.value
    if low.factor == 1 and high.factor != 1 and low.number < 1000:
        low_value = low.number * high.factor
    elif high.factor == 1 and low.factor != 1 and high.number < 1000:
        high_value = high.number * low.factor
    elif (
        low.factor == high.factor == 1
        and low.number < 1000 <= high.number
        and high.number % 1000 == 0
        and high.number / 2 <= low.number * 1000 <= high.number
    ):
        low_value = low.number * 1000
    return low_value, high_value


def _currency(candidate: _Candidate, default_currency: str | None) -> tuple[str | None, bool]:
    """The candidate's currency, and whether the text marked it (vs. inferred)."""
    marks = [a.currency for a in (candidate.high, candidate.low) if a is not None and a.currency]
    mark = next((m for m in marks if m != "$"), marks[0] if marks else None)
    if mark == "$":
        return "USD", True
    if mark is not None:
        return mark, True
    return default_currency, False


def _not_pay_after(text: str, end: int, headline_pay: bool = False) -> bool:
    """What follows says the amount is no base pay: a percentage, an estimate, equity, a split.

    In a list of fields, a capitalised word opens the next field: after a currency code
    (an agency's "£Up to £75,000 GBP Bonus Onsite"), and after a salary-sized amount in a
    headline ("£85,000 - £95,000 Equity" is "£85,000 - £95,000 + Equity" with its "+" lost
    in scraping); but "250k-500k TC" and "€10k Signing Bonus" say what the amount is.
    """
    after = text[end : end + 70]
    percent = after[:1] == "%" or (after[:1].isspace() and after[1:2] == "%")
    if percent or _ESTIMATE_AFTER.search(after) or _STAR_ESTIMATE.match(after):
        return True
    if _BASE_AFTER.search(after):
        return False  # "140k - 240k USD Base Salary + commission": the base is named
    listed = headline_pay or text[end - 3 : end] in _ISO_CODES
    if (listed and _NEXT_FIELD.match(after)) or _GLUED_FIELD.match(after):
        return False  # "£120,000 GBPCompetitive Bonus": the code glued to the next field
    return bool(_NEGATIVE_AFTER.search(_tail(text, end)) or _SPLIT_AFTER.search(after))


def _period_of(
    text: str, candidate: _Candidate, values: list[float], currency: str, vouched: bool
) -> Period | None:
    """The stated period, else one unmistakable from magnitude; None if neither.

    An amount nobody vouched for (no pay word, not a header field) needs an explicit
    period or an annual-looking range.
    """
    explicit = (
        _period_after(text, candidate.end)
        or _period_after(text, candidate.low.end)
        or _period_before(text, candidate.start)
    )
    if explicit:
        return explicit
    if not vouched:
        is_range = candidate.high is not None
        return (
            "year"
            if is_range and _infer_period(values, currency, hourly_ok=False) == "year"
            else None
        )
    hourly_ok = (
        candidate.high is not None or "rate" in _segment_before(text, candidate.start).lower()
    )
    return _infer_period(values, currency, hourly_ok, day_rates=_uk_contract(text))


def _bounds(
    text: str, candidate: _Candidate, low: float, high: float | None
) -> tuple[float | None, float | None]:
    """(min, max): "up to X" and "from X"/"X+" leave one side open; a reversed range is turned."""
    if candidate.high is None:
        near = _lead(text, candidate.start, 40)
        if _UP_TO.search(near):
            return None, low
        if _FROM.search(near) or candidate.low.plus or _OR_MORE.match(text, candidate.end):
            return low, None
        return low, low
    assert high is not None
    return min(low, high), max(low, high)


def _judge(
    text: str,
    candidate: _Candidate,
    default_currency: str | None,
    reference: date,
    pay_field: bool,
    *,
    headline_end: int = 0,
) -> Salary | None:
    headline = candidate.end <= headline_end
    header = headline or _is_field(text, candidate)
    cue = "+" if pay_field else _cue(text, candidate)
    values = _values(candidate) if headline else (0.0, None)
    headline_pay = max(value or 0.0 for value in values) >= _HEADLINE_FIELD_FLOOR
    if cue == "-" or _not_pay_after(text, candidate.end, headline_pay):
        return None
    currency, marked = _currency(candidate, default_currency)
    # "over 750k active developers": a bound word vouches only for marked money
    vouched = cue == "+" or header or (cue == "bound" and marked)
    if currency is None or (not marked and not vouched):
        return None  # a bare "60-80k" must be introduced as pay
    if _counts_something(text, candidate):
        return None
    factors = [a.factor for a in (candidate.low, candidate.high) if a is not None]
    if max(factors) >= 1e6 and currency not in _MILLION_SALARY_CURRENCIES:
        return None  # "$30 million" is a company figure, never one person's pay
    low, high = _values(candidate)
    period = _period_of(
        text, candidate, [v for v in (low, high) if v is not None], currency, vouched
    )
    minimum, maximum = _bounds(text, candidate, low, high)
    if period is None or (minimum and maximum and maximum > 10 * minimum):
        return None  # no period, or "$5 to $500", which is not one job's pay
    salary = Salary(
        min=minimum,
        max=maximum,
        currency=currency,
        period=period,
        origin="text",
        text=text[candidate.start : candidate.end].strip(),
    )
    return normalise(salary, reference)


def _spelled_range(text: str, candidate: _Candidate, other: _Candidate) -> bool:
    """ "ranges from $115,000/year in our lowest market up to $223,600/year": one range
    spelled out in words, within one clause."""
    return (
        candidate.high is None
        and other.high is None
        and other.start - candidate.end < 120
        and bool(_FROM.search(_segment_before(text, candidate.start, 40)))
        and bool(_TO_BEFORE.search(_segment_before(text, other.start, 40)))
        and not _SEGMENT_BREAK.search(text, candidate.end, other.start)
    )


def _labelled_pairs(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Join "Minimum salary: X … Maximum salary: Y" and "from X … up to Y" into one range
    candidate."""
    joined: list[_Candidate] = []
    skip: set[int] = set()
    for index, candidate in enumerate(candidates):
        if index in skip:
            continue
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if following is not None and _spelled_range(text, candidate, following):
            joined.append(_Candidate(candidate.start, following.end, candidate.low, following.low))
            skip.add(index + 1)
            continue
        # the label may stand on the line above ("Min Hiring Rate\n$18.35")
        if candidate.high is None and _MIN_LABEL.search(_lead(text, candidate.start, 60)):
            for later in range(index + 1, min(index + 4, len(candidates))):
                other = candidates[later]
                if (
                    other.high is None
                    and other.start - candidate.end < 250
                    and _MAX_LABEL.search(_lead(text, other.start, 60))
                ):
                    joined.append(_Candidate(candidate.start, other.end, candidate.low, other.low))
                    skip.add(later)
                    break
            else:
                joined.append(candidate)
            continue
        joined.append(candidate)
    return joined


def normalise(salary: Salary, reference: date) -> Salary | None:
    """Add annualised USD figures; None when the currency is unknown or the pay implausible."""
    if any(
        value is not None and not (math.isfinite(value) and 0 < value < _MAX_AMOUNT)
        for value in (salary.min, salary.max)
    ):
        return None  # no pay is infinite, negative or a 13-digit sum in any currency
    rate = usd_rate(salary.currency, reference)
    if rate is None:
        return salary.model_copy(update={"annual_usd_min": None, "annual_usd_max": None})
    low = annual_usd(salary.min, salary.period, rate)
    high = annual_usd(salary.max, salary.period, rate)
    bounds = ANNUAL_USD_BOUNDS
    if any(value is not None and not bounds[0] <= value <= bounds[1] for value in (low, high)):
        return None
    if (
        salary.period == "year"
        and salary.currency in _HIGH_WAGE_CURRENCIES
        and any(value is not None and value < _YEARLY_FLOOR_USD for value in (low, high))
    ):
        return None  # "$1,500" or "$3k - $10k" a year is no salary where these are paid
    return salary.model_copy(
        update={
            "annual_usd_min": low,
            "annual_usd_max": high,
            "fx_rate": rate.per_usd,
            "fx_date": rate.day,
        }
    )


def extract_salary(
    text: str,
    *,
    reference: date,
    location_currency: str | None = None,
    pay_field: bool = False,
    headline_end: int = 0,
) -> Salary | None:
    """The first base-pay amount or range stated in `text`, or None.

    `reference` dates the exchange rate; `location_currency` is the currency of the
    posting's country, used only for bare amounts introduced as pay ("60-80k").
    `pay_field` says the whole text is a pay field (a pay block, Remotive's `salary`).
    `text[:headline_end]` is the posting's headline (its title, and a first line restating
    it: "Lead Data Scientist London - Hybrid £85,000 - £95,000 Equity"), whose amounts are
    fields of their own, like a header's.
    """
    if not text:
        return None
    text = text[:_MAX_TEXT]
    amounts = _amounts(text)
    if not amounts:
        return None
    default = _default_currency(amounts, text, location_currency)
    found: Salary | None = None
    found_base = False  # whether the first amount found is named base pay
    looked = 0
    for candidate in _labelled_pairs(text, _candidates(text, amounts))[:_MAX_CANDIDATES]:
        salary = _judge(text, candidate, default, reference, pay_field, headline_end=headline_end)
        if found is None:
            found = salary
            found_base = salary is not None and _named_base(text, candidate)
            continue
        if salary is not None and (
            _restates(found, salary)
            or (not found_base and _named_base(text, candidate) and _within(salary, found))
        ):
            return salary
        looked += 1
        if looked >= _RESTATEMENT_LOOKAHEAD:
            break
    return found


def _named_base(text: str, candidate: _Candidate) -> bool:
    """Whether the words right after the amount name it base pay ("£44,447-£46,547 base
    salary")."""
    return _BASE_AFTER.match(text[candidate.end : candidate.end + 20]) is not None


def _within(base: Salary, first: Salary) -> bool:
    """Whether `base` lies within `first`, below its top: the base pay of a figure that adds
    more to it ("Pay: up to £51,762 (£44,447-£46,547 base salary plus an allowance)"), not
    the same top restated ("£125,000 - £135,000", then "up to £135,000 base")."""
    if base.currency != first.currency or base.period != first.period or first.max is None:
        return False
    bounds = [value for value in (base.min, base.max) if value is not None]
    return (
        bool(bounds) and (first.min is None or first.min <= min(bounds)) and max(bounds) < first.max
    )


def _restates(first: Salary, later: Salary) -> bool:
    """Whether `later` is `first` stated more fully, or the rate `first` annualises.

    A single figure is often the headline of a range stated later: "£45k" in a header,
    then "£35,000 - £45,000"; "$70/hr", then "$22 - $70/hour". And a board's "£130,000 -
    145,600 per year" that is exactly the "£500-£560" day rate stated later, times 260,
    is the board's conversion. Otherwise the first stated wins: "£85,000", then "up to
    £85,000"; "up to £80,000", then "£60,000 - £80,000"; "$104,000 a year ($50/hour)".
    """
    if later.currency != first.currency:
        return False
    if later.period != first.period:
        return _annualises(first, later)
    if first.min is None or first.min != first.max or later.min is None or later.max is None:
        return False
    return later.min != later.max and first.min in (later.min, later.max)


def _annualises(annual: Salary, rate: Salary) -> bool:
    """Whether a yearly figure is exactly a day or week rate times its annual factor.

    No employer converts a day rate to the pound; an aggregator does (Adzuna). Hourly
    and monthly rates are left out: an employer may state "$104,000 a year ($50/hour)".
    """
    if annual.period != "year" or rate.period not in ("day", "week"):
        return False
    factor = ANNUAL_FACTOR[rate.period]
    return all(
        (a is None) == (b is None) and (a is None or b is None or abs(a - b * factor) < 1)
        for a, b in ((annual.min, rate.min), (annual.max, rate.max))
    )
