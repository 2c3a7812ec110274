"""Seniority on the ways postings state a level (issue 13, item 4; taxonomy.md, "Seniority").

Hand-written cases in our own words: a role listed on its own line under a header,
"Manager" as a job name rather than people management, and years of experience asked
for, told apart from company history, ages, contract terms and time spans.
"""

from __future__ import annotations

import pytest

from jobradar.classifier.seniority import detect_seniority

FILLER = "We build tools for hospitals and care teams. " * 30  # 1,350 characters

CASES: list[tuple[str, str, str, str]] = [
    # (why, title, text, expected)
    (
        "the first role a post lists on its own line",
        "Acme Health | Hiring | Remote (EU)",
        "Acme Health | Hiring | Remote (EU)\n\n- Senior Backend Engineer | Berlin | Full-time\n"
        "- Product Designer | Remote",
        "senior",
    ),
    (
        "a numbered list of roles",
        "Orbit Labs | SF",
        "Orbit Labs | SF\n\nOpen roles:\n1. Staff Platform Engineer\n2. Data Analyst",
        "lead",
    ),
    (
        "the first role listed has no level: the next ones do not count",
        "Orbit Labs | SF",
        "Orbit Labs | SF\n\n- Backend Engineer\n- Senior Designer",
        "unspecified",
    ),
    (
        "a bullet that is a sentence names no role",
        "Data Engineer",
        "About the job\n- Work with senior engineers on our pipelines\n- Ship weekly",
        "unspecified",
    ),
    # "Manager" as a job name (taxonomy.md: decided by stated level or years)
    ("marketing manager", "Product Marketing Manager, SMB", "", "unspecified"),
    ("communications manager", "Internal Communications Manager", "", "unspecified"),
    ("account director", "Account Director, Startups", "", "unspecified"),
    ("a senior job-name manager is senior", "Senior Policy Manager, Frontier Risk", "", "senior"),
    ("engineering manager", "Engineering Manager, Inference", "", "manager"),
    ("manager of a function", "Manager, Solutions Architecture", "", "manager"),
    (
        "a job-name manager with people-manager words",
        "Product Manager, Head of Growth",
        "",
        "manager",
    ),
    # years of experience asked for
    (
        "years named as experience",
        "Data Engineer",
        "You have 4+ years of industry experience.",
        "mid",
    ),
    ("experience named first", "Data Engineer", "Experience: 3-5 years\nLocation: Pune", "mid"),
    ("a requirements lead", "Backend Engineer", "Reqs: 6+ yrs Go, Kafka, Postgres.", "senior"),
    ("half years", "ML Engineer", "Experience Range: 4.5-6 Years", "mid"),
    ("at least", "Analyst", "You bring at least 2 years in a data role.", "junior"),
    (
        "company history",
        "Data Engineer",
        "We have been building payment rails for over 20 years of steady growth.",
        "unspecified",
    ),
    ("an age", "Data Engineer", "Applicants must be 18 years or older.", "unspecified"),
    (
        "a contract's term",
        "Data Engineer",
        "This is a 2 year contract with our client.",
        "unspecified",
    ),
    (
        "a time span",
        "Data Engineer",
        "The product grew tenfold in the past 3 years.",
        "unspecified",
    ),
    (
        "years asked for past the opening (taxonomy.md: the years asked for)",
        "Data Engineer",
        FILLER + "\nRequirements:\n- 5+ years of experience with Spark",
        "mid",
    ),
    (
        "company history past the opening",
        "Data Engineer",
        FILLER + "\nFounded in 1999, we have served clinics for 25 years of change.",
        "unspecified",
    ),
    (
        "requirement lines of a job board, wherever they are",
        "Data Scientist",
        FILLER + "\nPython: 2 years (Required)\nSQL: 1 year (Preferred)",
        "junior",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [pytest.param(title, text, expected, id=why) for why, title, text, expected in CASES],
)
def test_seniority_as_postings_state_it(title: str, text: str, expected: str) -> None:
    assert detect_seniority(title, text) == expected
