"""The extractors on hostile input: they never raise, never hang, never quietly empty.

First one test per reproducer of issue 14 (each failed before its fix), then
properties over every extractor (`extract` on `Facts`, `clean_description`, the
location readers) with the strategies of tests/hostile.py: no exception, and at most a
CPU second per megabyte of input. The default run draws a few hundred small inputs and
a dozen megabyte ones (derandomized); bench/fuzz_extractors.py runs 200,000.
"""

from __future__ import annotations

import re
import time
from datetime import date

import ftfy
import html_text
import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobradar.classifier.annotate import Facts, extract
from jobradar.classifier.location import parse_places
from jobradar.classifier.salary import extract_salary, find_salary
from jobradar.classifier.text import (
    MAX_DESCRIPTION_CHARS,
    clean_description,
    convert_html,
    description_text,
    repair,
    text_hash,
    tidy,
)
from tests.hostile import (
    Posting,
    any_character,
    big_text,
    hostile_text,
    postings,
    run_every_extractor,
    time_bound,
    warm_up,
)

DAY = date(2026, 6, 1)
warm_up()  # the time bounds are for each input, not the process's one-time loads


def _cpu_seconds(work: object) -> float:
    started = time.process_time()
    assert callable(work)
    work()
    return time.process_time() - started


def test_a_lone_surrogate_in_html_becomes_a_replacement_character() -> None:
    # Valid in JSON ("\ud800"), not in UTF-8: the HTML parser's encoding step raised.
    assert description_text("<p>pay \ud800 here</p>", "html") == "pay \ufffd here"
    assert description_text("<p>a\ud83d\ude00b</p>", "html") == "a\U0001f600b"  # a pair is joined
    assert text_hash("\ud800")  # and a stored text with one can still be hashed


def test_a_number_of_309_digits_is_no_salary() -> None:
    # float("9" * 309) is infinite: rounding its annual USD value raised OverflowError.
    assert extract(Facts(title="Engineer", text="$" + "9" * 309)).salary is None
    assert extract(Facts(title="Engineer", text="Salary: $" + "9" * 20 + " a year")).salary is None


@pytest.mark.parametrize("amount", ["1e400", "inf", float("inf"), "9" * 400, 1e308])
def test_structured_pay_beyond_any_salary_is_none(amount: object) -> None:
    block = {
        "kind": "jobicy",
        "salaryMin": amount,
        "salaryCurrency": "USD",
        "salaryPeriod": "hourly",
    }
    assert find_salary(title="x", text="", reference=DAY, pay_structured=block) is None


def test_non_ascii_digits_do_not_break_a_number() -> None:
    # "\d" took the Arabic-Indic digits into the number and float() failed on the result.
    extract(Facts(title="Engineer", text="$1,360,927'١٢٣"))
    salary = extract_salary("Salary: $120,000١٢٣ per year", reference=DAY)
    assert salary is not None
    assert (salary.min, salary.max) == (120000, 120000)


def test_control_characters_do_not_break_the_html_cleaner() -> None:
    # The cleaner drops <script> and joins the text after it to its parent's: lxml then
    # refused the text for its control character (ValueError), found by fuzzing.
    assert description_text("<p>a<script>x</script>\x01b\x0cc</p>", "html") == "ab c"


def test_a_numeric_character_reference_of_thousands_of_digits() -> None:
    # html.unescape converts the digits with int(), which refuses more than 4,300.
    assert description_text("<p>&#" + "9" * 5000 + ";</p>", "html") == "\ufffd"
    assert description_text("a &#" + "9" * 5000 + "; b", "html") == "a \ufffd b"


def test_rejected_amounts_cost_microseconds_each() -> None:
    # Each rejected amount searched its whole line for line breaks: 2,000 took 1.4 s.
    assert _cpu_seconds(lambda: extract_salary("$1 " * 2000, reference=DAY)) < 0.1
    assert _cpu_seconds(lambda: extract_salary("$1 " * 333_333, reference=DAY)) < 0.5
    spaced = "Salary " + "$5 and " * 100_000 + "$100,000 per year"
    assert _cpu_seconds(lambda: extract_salary(spaced, reference=DAY)) < 0.5


def test_a_long_location_is_read_in_linear_time() -> None:
    # The group splitter's "\s*" around separators was quadratic on runs of spaces.
    assert _cpu_seconds(lambda: parse_places(" " * 200_000 + "London, UK")) < 0.1
    assert parse_places("  London ,  UK  ") == (["GB"], [])


@pytest.mark.parametrize(
    "piece", ["数据工程师<?xml ?>", "数据<!--c-->", "数据<iframe>y</iframe>", "数<param>q</param>"]
)
def test_thousands_of_removed_elements_between_text_cost_linear_time(piece: str) -> None:
    # html_text's cleaner dropped each in a Python call that re-joined the text around it:
    # a megabyte of "数据工程师<?xml ?>" took 23 CPU seconds.
    markup = piece * (MAX_DESCRIPTION_CHARS // len(piece))
    assert _cpu_seconds(lambda: convert_html(markup)) < 1.0
    assert convert_html(markup).text.startswith(piece[0])


@pytest.mark.parametrize("depth", [256, 300, 3000, 15_000])
def test_html_nested_past_the_parsers_limit_falls_back_to_stripping_tags(depth: int) -> None:
    # lxml stops at depth 256 and dropped everything after: "intro" was all that was left.
    markup = "<p>intro</p>" + "<div>" * depth + "deep" + "</div>" * depth + "<p>outro words</p>"
    cleaned = clean_description(markup, "html")
    assert cleaned.fallback
    assert cleaned.text.split() == ["intro", "deep", "outro", "words"]


def test_unclosed_elements_nesting_past_the_limit_keep_every_word() -> None:
    cleaned = clean_description("<p>Pay</p>" + "<div><span>word</span>" * 5000, "html")
    assert cleaned.fallback
    assert cleaned.text.split().count("word") == 5000


def test_a_text_node_over_10_mb_is_kept_cut_and_flagged() -> None:
    # lxml refuses a text node over 10 MB: the description came out empty, uncounted.
    cleaned = clean_description("<p>Salary $100k</p><p>" + "word " * 2_200_000 + "</p>", "html")
    assert cleaned.truncated
    assert cleaned.text.startswith("Salary $100k\n\nword word")
    assert len(cleaned.text) > MAX_DESCRIPTION_CHARS * 0.9


def test_the_fallback_keeps_words_apart_and_hides_what_a_browser_hides() -> None:
    markup = (
        "<div>" * 300
        + "<h2>Data Engineer</h2><p>We pay <b>well</b>.</p><script>var x = 1</script>"
        + "<!-- note --><style>p {}</style><ul><li>Python</li><li>SQL</li></ul> &amp; more"
    )
    cleaned = clean_description(markup, "html")
    assert cleaned.fallback
    lines = [line for line in cleaned.text.split("\n") if line]
    assert lines == ["Data Engineer", "We pay well .", "Python", "SQL", "& more"]


def test_a_usual_description_is_read_the_usual_way() -> None:
    cleaned = clean_description("<p>Remote.</p><ul><li>Python</li></ul>", "html")
    assert cleaned == type(cleaned)("Remote.\n\nPython")
    assert description_text("<p>Remote.</p>", "html") == "Remote."


@settings(max_examples=300, deadline=None)
@given(text=st.text(any_character, max_size=300))
def test_repair_is_ftfy_line_by_line(text: str) -> None:
    expected = ftfy.fix_text(
        text.encode("utf-16", "surrogatepass").decode("utf-16", "replace"), normalization="NFC"
    )
    assert repair(text) == expected


def _tidy_line_by_line(text: str) -> str:
    """`tidy` as it was first written: a regex per line."""
    text = re.sub(r"\\([-+.|*_#()\[\]!&$%])", r"\1", re.sub(r"(?:\\r)?\\n", "\n", text))
    lines = (re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n\s*\n+", "\n\n", "\n".join(lines)).strip()


_WHITE = st.sampled_from([chr(code) for code in range(0x3001) if chr(code).isspace()])


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.one_of(_WHITE, st.sampled_from("ab\\n-"), any_character), max_size=80))
def test_tidy_is_the_line_by_line_tidy(text: str) -> None:
    assert tidy(text) == _tidy_line_by_line(text)


def test_tidy_knows_every_white_space_character() -> None:
    for code in [code for code in range(0x110000) if chr(code).isspace()]:
        text = f"a \n{chr(code)} b{chr(code)}\n{chr(code)}\n c"
        assert tidy(text) == _tidy_line_by_line(text), hex(code)


@settings(max_examples=300, deadline=None)
@given(
    markup=st.lists(
        st.sampled_from(
            [
                *("<p>", "</p>", "<li>", "<br>", "<b>", "</b>", "<h2>", "<div>", "</div>"),
                *("<script>x</script>", "<!-- c -->", "<iframe>f", "<object>o</object>"),
                *("<image>", "<style>s</style>", "<?pi x?>", "<param>p", "<applet>a<param>"),
                *(" a ", "b.", "(", "(\n", ")", ", c", "\n", "\t", "\xa0", "&amp;", "&#40;"),
            ]
        ),
        max_size=16,
    ).map("".join)
)
def test_html_is_read_as_html_text_reads_it(markup: str) -> None:
    """Markup nothing needs cleaning from skips html_text's cleaner: the same text."""
    if "<" not in markup or not markup.strip():
        return
    parser = lxml.html.HTMLParser(recover=True, encoding="utf-8")
    root = lxml.etree.fromstring(markup.strip().encode(), parser=parser)
    expected = tidy(html_text.extract_text(root, guess_layout=True)) if root is not None else ""
    assert convert_html(markup).text == expected or not expected


@settings(max_examples=400, deadline=None)
@given(posting=postings(hostile_text))
def test_no_extractor_raises_or_hangs_on_hostile_input(posting: Posting) -> None:
    assert run_every_extractor(posting) < time_bound(posting)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(posting=postings(big_text))
def test_a_megabyte_of_hostile_input_takes_under_a_second(posting: Posting) -> None:
    assert run_every_extractor(posting) < time_bound(posting)
