"""Salary extraction on the ways the market writes pay (issue 13, item 4).

Hand-written cases, in our own words and figures, of each form a miss was seen in on
unseen postings: UK agency lines, day rates, a pay label on its own line, a range
spelled out in words, a headline figure restated as a range, a board's annualised
figure, board estimates, stray small amounts, and pay next to what is not pay.
Each row: text (and the posting's country currency, if any) → (min, max, currency,
period), or None when the text states no base pay.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobradar.classifier.salary import extract_salary, find_salary

DAY = date(2026, 6, 1)
YEAR = "year"

CASES: list[tuple[str, str, str | None, tuple[float | None, float | None, str, str] | None]] = [
    # UK agency lines
    (
        "a sign before 'Up to', then a code and the benefits as the next field",
        "Senior Data Architect £Up to £95,000 GBP Bonus Hybrid WORKING Location: Leeds",
        None,
        (None, 95000, "GBP", YEAR),
    ),
    (
        "the next field of an agency's list says the amount is on-target earnings",
        "Sales Lead £Up to £75,000 GBP OTE Hybrid WORKING Location: Leeds",
        None,
        None,
    ),
    (
        "a range with the code glued to the next field",
        "Lead ML Engineer £65,000 to 80,000 GBPBonusHybrid WORKING",
        None,
        (65000, 80000, "GBP", YEAR),
    ),
    (
        "'Pay of up' (a typo for 'up to')",
        "Principal Analyst. Pay of up £88,000, plus pension.",
        None,
        (None, 88000, "GBP", YEAR),
    ),
    (
        "a figure in a ' - ' separated header",
        "Senior Data Engineer - Permanent - Leeds - £72k",
        None,
        (72000, 72000, "GBP", YEAR),
    ),
    (
        "a percentage bonus after the range is a figure of its own",
        "DATA ENGINEER £110k-£130k 40% Bonus LONDON",
        None,
        (110000, 130000, "GBP", YEAR),
    ),
    # day rates
    (
        "a day rate stated as such",
        "Contract: 6 months. Rate: £480-£540 per day, outside IR35.",
        None,
        (480, 540, "GBP", "day"),
    ),
    (
        "a UK contract's bare rate is a day rate",
        "Outside IR35. Rate: £475. Location: Leeds (2 days onsite).",
        None,
        (475, 475, "GBP", "day"),
    ),
    (
        "'p/d' after the rate",
        "Analyst - 6 month contract - £310p/d Inside IR35",
        None,
        (310, 310, "GBP", "day"),
    ),
    # a pay label on its own line before the amounts
    ("'Day rate' above the range", "Day rate\n£410 — £530 GBP", None, (410, 530, "GBP", "day")),
    (
        "'Monthly base salary' above the range",
        "Monthly base salary\n€6,100 — €7,900 EUR",
        None,
        (6100, 7900, "EUR", "month"),
    ),
    (
        "'up to' on the line above a bold rate",
        "Contributors can earn up to\n**$48 per hour equivalent**, depending on pace.",
        None,
        (None, 48, "USD", "hour"),
    ),
    # hourly and annual figures: the first stated wins
    (
        "hourly first",
        "Pay: $58 per hour (roughly $120,640 a year)",
        None,
        (58, 58, "USD", "hour"),
    ),
    (
        "annual first",
        "Salary: $121,680 per year ($58.50/hour for contractors)",
        None,
        (121680, 121680, "USD", YEAR),
    ),
    (
        "two roles' ranges",
        "Staff engineer: $50 - $70 / hr. Seniors: $100,000 - $140,000 a year.",
        None,
        (50, 70, "USD", "hour"),
    ),
    # a range is not read as one of its bounds
    (
        "a range spelled out across a clause",
        "The base pay ranges from $131,000/year in our lowest geographic market up to "
        "$204,500/year in our highest geographic market.",
        None,
        (131000, 204500, "USD", YEAR),
    ),
    (
        "a headline figure, then the range it tops",
        "ML Engineer - Remote - $90/hr\nWe label data.\nCompensation: $45 - $90/hour",
        None,
        (45, 90, "USD", "hour"),
    ),
    (
        "labelled minimum and maximum with a midpoint between",
        "* Minimum Salary: US Dollar (USD) 101,200\n* Midpoint Salary: US Dollar (USD) "
        "126,500\n* Maximum Salary : US Dollar (USD) 151,800",
        None,
        (101200, 151800, "USD", YEAR),
    ),
    (
        "bare figures after a salary label take the country's currency",
        "Salary range: 87,400 - 132,900",
        "USD",
        (87400, 132900, "USD", YEAR),
    ),
    (
        "a rupee suffix on both ends",
        "Salary:\n1,500,000Rs. - 2,100,000Rs.",
        None,
        (1500000, 2100000, "INR", YEAR),
    ),
    (
        "'+ bonus' after a range does not make it 'from'",
        "The base salary is $150,000 USD - 190,000 USD+ bonus + equity",
        None,
        (150000, 190000, "USD", YEAR),
    ),
    (
        "'+ monthly bonus' gives the range no period",
        "Compensation: $50k–$90k USD + monthly bonus (5% of profit)",
        None,
        (50000, 90000, "USD", YEAR),
    ),
    (
        "a company's tagline far before the range says nothing of it",
        "Lumen Revenue Intelligence Platform — A Backend Engineer (new team) $180K - $230K "
        "• 0.10% - 0.25% • Remote",
        None,
        (180000, 230000, "USD", YEAR),
    ),
    (
        "an agency's own estimate of the hourly rate",
        "$38.00 - $52.00 (est. hourly pay rate)",
        None,
        (38, 52, "USD", "hour"),
    ),
    # a board's annualisation of a day rate is not the posted pay
    (
        "the day rate the board's yearly figure converts",
        "£117,000 - 132,600 per year\nA contract with an inside IR35 day rate of £450-£510.",
        None,
        (450, 510, "GBP", "day"),
    ),
    # board estimates are not posted pay
    ("an aggregator's estimate", "Leeds\n£58,210\n per year - estimated\nFull time", None, None),
    ("Glassdoor's estimate", "Data Scientist $85K-$120K (Glassdoor est.)", None, None),
    ("ai-jobs.net's starred estimate", "Data Engineer\nUSD 95K - 140K *\nRemote", None, None),
    # stray and implausible amounts are not a yearly salary
    ("a yearly budget", "We give every hire a $1,500 a year learning budget.", None, None),
    ("five thousand a year", "Salary: $5,000 a year", None, None),
    ("a range no salary starts at", "Salary: $3k - $10k per year", None, None),
    ("a thousand pounds a year", "Salary: £1,030 per annum", None, None),
    ("an agency's bill rate", "MAX BILL RATE: $72\nJob Title: Client Engineer", None, None),
    # benefits priced in money are not pay
    ("a commuter stipend", "Perks: a $120/month commuter stipend and lunch.", None, None),
    ("tuition help", "Up to $15,000 tuition assistance every year.", None, None),
    (
        "a salary next to the benefits an agency lists",
        "Data Engineer Leeds £52,000 - £64,000 Life Insurance Pension",
        None,
        (52000, 64000, "GBP", YEAR),
    ),
    # millions, crores and lakhs of something, in a country whose currency counts in them
    ("millions of merchants", "We serve around 15 million merchants.", "INR", None),
    ("crores of orders", "Our app handles 8 crore orders each month.", "INR", None),
    ("a word before the counted noun", "about 150 million customer accounts", "INR", None),
    ("lakhs as money", "CTC: 18-22 lakhs per annum", "INR", (1800000, 2200000, "INR", YEAR)),
    # thousands written once, after the range's high end
    ("'$95- $105,000'", "Salary: $95- $105,000", None, (95000, 105000, "USD", YEAR)),
    ("'$142-168,000 DOE'", "Base: $142-168,000 DOE", None, (142000, 168000, "USD", YEAR)),
    ("too far apart to share thousands", "Pay: $25 - $90,000 a year", None, None),
    # "to £X" as agencies write "up to £X"
    (
        "'to' opening its line",
        "Remote.\nTo £62K plus a benefits package.\n",
        None,
        (None, 62000, "GBP", YEAR),
    ),
    (
        "'Salary: to'",
        "Location: Leeds\nSalary: to £48k\nOur client",
        None,
        (None, 48000, "GBP", YEAR),
    ),
    ("'Basic to'", "Basic to £70k + bonus", None, (None, 70000, "GBP", YEAR)),
    ("a range is still a range", "Salary: £44k to £52k", None, (44000, 52000, "GBP", YEAR)),
    (
        "'rising to' is not a cap",
        "paid £30,000, rising to £36,000 after a year",
        None,
        (30000, 30000, "GBP", YEAR),
    ),
    # what follows in another field or paragraph says nothing of the amount
    (
        "an employer's 'estimated base salary' a paragraph later",
        "* A degree in physics\n\n$172,000 - $214,000 a year\n\nThe estimated US base salary "
        "range for this role is above.",
        None,
        (172000, 214000, "USD", YEAR),
    ),
    # what is not pay, seen in a third audit of unlabelled postings
    (
        "a perk priced a month, its period between amount and noun",
        "Benefits:\n$150/month Work From Home perk\n401k match",
        None,
        None,
    ),
    (
        "supplemental life insurance 'up to'",
        "Life Insurance (both Basic and Supplemental up to $250,000)",
        None,
        None,
    ),
    ("a range of total compensation", "Acme | NYC | Full Time | 300k-450k TC", "USD", None),
    (
        "a customer base counted in lakhs",
        "We serve a customer base of more than 40 lakhs across India.",
        "INR",
        None,
    ),
    (
        "each end of a range with its own period",
        "Cloud Engineer, Reading, £55,000pa - £65,000pa plus benefits",
        None,
        (55000, 65000, "GBP", YEAR),
    ),
    (
        "'to £X' opening an agency's field, glued to the next sentence",
        "Platform Engineer (Go, Kafka) *Leeds Hybrid* to £95kAre you a builder?",
        None,
        (None, 95000, "GBP", YEAR),
    ),
    # a scraped page's heading glued to the next label or field
    (
        "a pay label glued to the heading before it",
        "Platform EngineerSalary: £85,000 + Pension/BonusManchester, hybrid",
        None,
        (85000, 85000, "GBP", YEAR),
    ),
    (
        "a code glued to the next field, 'Bonus' in it",
        "ML Lead £Up to £105,000 GBPGenerous Bonus + Car Allowance Hybrid",
        None,
        (None, 105000, "GBP", YEAR),
    ),
    ("a heading glued to 'Pay'", "Senior AnalystPay £52,000", None, (52000, 52000, "GBP", YEAR)),
    (
        "capitals glued to a pay word are no cue",
        "ACMEPAYMENTS processed £4,000 in fees",
        None,
        None,
    ),
    (
        "equity in the next bulleted field",
        "$130K – $160K • Offers Equity • $10k relocation bonus",
        None,
        (130000, 160000, "USD", YEAR),
    ),
    (
        "a range qualified by what it depends on",
        "Contract, outside IR35: a day rate of £520 to £610 depending on market rates.",
        None,
        (520, 610, "GBP", "day"),
    ),
    (
        "billings are a recruiter's revenue, not pay",
        "Have you billed £200k+ a year? Basic salary up to £45k.",
        None,
        (None, 45000, "GBP", YEAR),
    ),
    (
        "an insurance cover is a benefit",
        "Benefits: medical coverage of up to Rs 4 lakhs for your family.",
        None,
        None,
    ),
    (
        "total compensation is no base pay",
        "Compensation\n• $240,000 - $290,000 total compensation\n• Medical cover",
        None,
        None,
    ),
    ("total annual comp, per tier", "Tier 2: $140-$170K total annual comp.", None, None),
    (
        "'or more' leaves the top open",
        "£35k or more basic salary (DOE)",
        None,
        (35000, None, "GBP", YEAR),
    ),
    (
        "a benefit priced after base pay is named",
        "Leave topped up to full base pay. $8,000 fertility and family-forming support.",
        None,
        None,
    ),
    (
        "the base pay within a figure that adds an allowance",
        "Pay up to £48,000, plus pension.\nPay: Up to £48,000 (£40,100-£42,900 base salary "
        "plus a Digital Allowance of up to £5,100).",
        None,
        (40100, 42900, "GBP", YEAR),
    ),
    (
        "the same top restated as base is no narrower base",
        "London\n£125,000 - £135,000 + benefits\nWe pay up to £135,000 base salary.",
        None,
        (125000, 135000, "GBP", YEAR),
    ),
    (
        "a minimum and a maximum rate, each under its label",
        "Pay Type\nHourly\nMin Hiring Rate\n$21.10\nMax Hiring Rate\n$26.40",
        None,
        (21.10, 26.40, "USD", "hour"),
    ),
]


@pytest.mark.parametrize(
    ("text", "country_currency", "expected"),
    [pytest.param(text, currency, expected, id=why) for why, text, currency, expected in CASES],
)
def test_pay_as_the_market_writes_it(
    text: str,
    country_currency: str | None,
    expected: tuple[float | None, float | None, str, str] | None,
) -> None:
    salary = extract_salary(text, reference=DAY, location_currency=country_currency)
    got = (salary.min, salary.max, salary.currency, salary.period) if salary else None
    assert got == expected


def test_a_sales_role_listed_after_the_first_does_not_make_the_post_ote_only() -> None:
    # A header lists the primary role first (taxonomy.md); "OTE" in the text is the AE's.
    salary = find_salary(
        title="Acme | Product Manager, Account Executive | Remote | $130K to $170K",
        text="AE: $90K base, $180K OTE.",
        reference=DAY,
    )
    assert salary is not None
    assert (salary.min, salary.max) == (130000, 170000)
    sales = find_salary(
        title="Acme | Account Executive, Product Manager | Remote | $130K to $170K",
        text="AE: $90K base, $180K OTE.",
        reference=DAY,
    )
    assert sales is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leeds\nUp to £42,000 + £18,000 OTE\nOur client", (None, 42000)),
        ("Remote.\nUp to £55,000 base salary (£90,000 OTE)\nAbout", (None, 55000)),
        ("London\n£28-33k Base, £40-55k OTE + benefits", (28000, 33000)),
        ("Earn £95,000 OTE with uncapped commission.", None),
        ("London\n£45,000 - £55,000 /- £90K OTE\nOur client", (45000, 55000)),
        ("Package: £60,000 - £70,000, OTE £120,000", None),
    ],
)
def test_a_sales_job_s_base_named_beside_its_ote_is_its_salary(
    text: str, expected: tuple[float | None, float | None] | None
) -> None:
    salary = find_salary(title="Business Development Manager", text=text, reference=DAY)
    assert (salary and (salary.min, salary.max)) == expected


BOARD_PAGE = (
    "Data Platform Engineer\n❮ back to last search\n\nAcme Recruitment\n\nLeeds\n\n"
    "{header}\n\nPermanent\n\nApply for this job\n{ad}"
)


@pytest.mark.parametrize(
    ("header", "ad", "expected"),
    [
        # the board's own figure above the ad, and the ad's: the ad's is posted pay
        ("£100,000", "Data Platform Engineer. Salary: up to £125,000 + bonus", (None, 125000)),
        ("£60,000 - £70,000 per annum", "Rate: up to £480 per day, inside IR35", (None, 480)),
        # an ad that states none: the board's figure is all there is, as before
        ("£55,000 per year", "We are hiring a data platform engineer.", (55000, 55000)),
        ("£58,210\n per year - estimated\n ?", "We are hiring a data engineer.", None),
    ],
)
def test_an_ad_s_own_figure_wins_over_the_board_header_above_it(
    header: str, ad: str, expected: tuple[float | None, float | None] | None
) -> None:
    text = BOARD_PAGE.format(header=header, ad=ad)
    salary = find_salary(title="Data Platform Engineer", text=text, reference=DAY)
    assert (salary and (salary.min, salary.max)) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # an agency's headline restates the title, then its place, pay and the next fields
        # with their "+" lost
        (
            "Lead Analytics Engineer",
            "Lead Analytics Engineer Leeds - Hybrid £72,000 - £84,000 "
            "Equity Our client is a scale-up.",
            (72000, 84000),
        ),
        (
            "Data Scientist / Modeller (PhD)",
            "Data Scientist / Modeller (PhD)\nApply now\n"
            "Data Scientist / Modeller (PhD) c£45k -65k Bonus+ Benefits\nRef: 123",
            (45000, 65000),
        ),
        (
            "Data Governance Engineer",
            "DATA GOVERNANCE ENGINEER £75,000 MANCHESTER A key hire.",
            (75000, 75000),
        ),
        ("Finance Systems Specialist - Up to £78K  Bonus, Remote", "We are hiring.", (None, 78000)),
        # what the headline's next word says the amount is
        ("Acme | Backend Engineer | NYC | 200k-400k TC", "Acme builds tools.", None),
        ("Acme | Full Stack Developer | Remote | €12k Signing Bonus", "We build apps.", None),
        ("Analytics Engineer", "Analytics Engineer Leeds £10k Bonus on joining", None),
    ],
)
def test_an_agency_headline_states_pay_as_fields(
    title: str, text: str, expected: tuple[float | None, float | None] | None
) -> None:
    salary = find_salary(title=title, text=text, reference=DAY)
    assert (salary and (salary.min, salary.max)) == expected
